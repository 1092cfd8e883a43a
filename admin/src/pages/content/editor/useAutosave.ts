// Never lose work: while the form has unsaved changes, it is written (debounced) to this browser and to the
// staff member's autosave slot on the server, which a save empties. When the editor opens an item (or a new
// item on a site) and a newer autosave is there — after a crash, a closed tab or an expired session — it offers
// to restore it. Autosaving creates no version.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import { api } from '../../../api';
import { modal } from '../../../feedback';
import { formatDateTime } from '../../../format';
import type { AutosaveSlot } from '../../../../../src/modules/content/editor.schema.ts';
import type { FormValues } from './form';

const DEBOUNCE_MS = 1500;

interface Stored {
  payload: string;
  savedAt: string;
  baseVersion: number | null;
  title: string;
}

export interface AutosaveTarget {
  userId: number;
  siteId: number | undefined;
  contentId: number | null;
  baseVersion: number | null;
  /** The form is ready (the item loaded, or a new form on a chosen site) and editable. */
  ready: boolean;
}

const localKey = (t: AutosaveTarget) =>
  t.contentId ? `gp-autosave:${t.userId}:content:${t.contentId}` : `gp-autosave:${t.userId}:new:${t.siteId}`;
const apiPath = (t: AutosaveTarget) =>
  t.contentId ? `/api/content/${t.contentId}/autosave` : `/api/sites/${t.siteId}/autosave-new`;

function readLocal(key: string): Stored | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

export function useAutosave(
  form: FormInstance<FormValues>,
  target: AutosaveTarget,
  onRestore: (values: Partial<FormValues>) => void,
) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const targetRef = useRef(target);
  targetRef.current = target;
  const offered = useRef<string | null>(null);

  const writeNow = useCallback(async () => {
    const t = targetRef.current;
    if (!t.ready || (!t.contentId && !t.siteId)) return;
    const values = form.getFieldsValue(true) as FormValues;
    const stored: Stored = {
      payload: JSON.stringify(values),
      savedAt: new Date().toISOString(),
      baseVersion: t.baseVersion,
      title: String(values.title ?? '').slice(0, 200),
    };
    try {
      window.localStorage.setItem(localKey(t), JSON.stringify(stored));
    } catch {
      // A full or disabled local storage still leaves the server's slot.
    }
    setSavedAt(stored.savedAt);
    await api
      .put(
        apiPath(t),
        { baseVersion: stored.baseVersion, title: stored.title, payload: stored.payload },
        { quiet: true },
      )
      .catch(() => {});
  }, [form]);

  /** A change in the form: autosave once typing pauses. */
  const schedule = useCallback(() => {
    if (timer.current) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void writeNow(), DEBOUNCE_MS);
  }, [writeNow]);

  /** Saved as a version (or discarded): nothing to restore any more. */
  const clear = useCallback(() => {
    if (timer.current) window.clearTimeout(timer.current);
    const t = targetRef.current;
    window.localStorage.removeItem(localKey(t));
    setSavedAt(null);
  }, []);

  useEffect(() => () => void (timer.current && window.clearTimeout(timer.current)), []);

  // On opening: offer the newest autosave (this browser's or the server's) when it differs from the form.
  useEffect(() => {
    if (!target.ready || (!target.contentId && !target.siteId)) return;
    const key = localKey(target);
    if (offered.current === key) return;
    offered.current = key;
    void (async () => {
      const local = readLocal(key);
      const server = await api
        .get<AutosaveSlot>(apiPath(target), { quiet: true })
        .then((r) => r.autosave)
        .catch(() => null);
      const newest = [local, server]
        .filter((x): x is Stored => !!x)
        .sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
      if (!newest) return;
      const current = JSON.stringify(form.getFieldsValue(true));
      if (newest.payload === current) return;
      const stale =
        target.baseVersion !== null && newest.baseVersion !== null && newest.baseVersion < target.baseVersion;
      modal().confirm({
        title: '发现未保存的内容',
        content: `${formatDateTime(newest.savedAt)} 自动保存了“${newest.title || '（无标题）'}”的未保存修改${
          stale ? `（基于第 ${newest.baseVersion} 版，此后已有人保存了新版本，恢复后请核对）` : ''
        }。是否恢复？`,
        okText: '恢复',
        cancelText: '放弃',
        onOk: () => onRestore(JSON.parse(newest.payload) as Partial<FormValues>),
        onCancel: () => {
          window.localStorage.removeItem(key);
          void api.delete(apiPath(target), { quiet: true }).catch(() => {});
        },
      });
    })();
  }, [target, form, onRestore]);

  return { schedule, clear, savedAt, flush: writeNow };
}
