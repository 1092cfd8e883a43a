// The state of the editor page: which item (or a new one, on the chosen site), the columns the staff member may
// write in, why the item is read-only if it is, the form with its unsaved changes, and saving.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Form } from 'antd';
import type { ContentType } from '../../../../../src/modules/content/content-types.ts';
import { ApiError, api } from '../../../api';
import type { Items } from '../../../api-types';
import type { ContentDetail, WritableColumn } from '../../../../../src/modules/content/content.schema.ts';
import { useAuth, useMe } from '../../../auth';
import { modal, showFormError, toastError, toastSuccess } from '../../../feedback';
import { setUnsavedCheck } from '../../../unsaved';
import { useAutosave } from './useAutosave';
import { useBusy } from '../../../components/busy';
import { useLoad, useSiteScope } from '../../../hooks';
import { OPEN_STATES } from '../../review/labels';
import { useColumnIndex, useContentOptions } from '../data';
import { EMPTY, fitsColumn, inputOf, RENAME, type FormValues } from './form';

export type EditorDialog = 'submit' | 'schedule' | 'withdraw';

/** Why the staff member may only read the item, or null when they may edit it. */
function readOnlyReasonOf(
  writer: boolean,
  detail: ContentDetail | null,
  writable: WritableColumn[] | undefined,
  columnWritable: boolean,
): string | null {
  const latest = detail?.reviews[detail.reviews.length - 1];
  if (!writer) return '您是审查人员，信息内容在此只读；审查请到“我的待办”。';
  if (detail?.status === 'classified') return '该信息经审查属于涉密信息，不得在网站发布，也不能再编辑。';
  if (latest && OPEN_STATES.includes(latest.state))
    return `该信息正在审查中（${latest.stateName}），审查结束前不能修改。`;
  if (detail && writable && !columnWritable)
    return '该信息所在栏目不是您所在部门负责的栏目（见栏目任务分解表），您只能查看。';
  return null;
}

export function useContentEditor() {
  const { id: idParam } = useParams();
  const id = idParam && /^\d+$/.test(idParam) ? Number(idParam) : null;
  const isNew = id === null;
  const me = useMe();
  const writer = useAuth().can('content.write');
  const navigate = useNavigate();
  const scope = useSiteScope();
  const item = useLoad(id ? () => api.get<ContentDetail>(`/api/content/${id}`) : null, [id]);
  const detail = item.data && item.data.id === id ? item.data : null;
  const siteId = isNew ? scope.siteId : detail?.siteId;
  const options = useContentOptions();
  const columns = useColumnIndex(siteId);
  const writable = useLoad(
    siteId && writer
      ? () => api.get<Items<WritableColumn>>(`/api/sites/${siteId}/writable-columns`).then((r) => r.items)
      : null,
    [siteId, writer],
  );

  const [form] = Form.useForm<FormValues>();
  const [formKey, setFormKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const saving = useBusy();
  const [uploading, setUploading] = useState(0);
  const [tab, setTab] = useState('content');
  const [dialog, setDialog] = useState<EditorDialog | null>(null);
  const type: ContentType = Form.useWatch('type', form) ?? detail?.type ?? 'article';

  // A different item (or a fresh form after creating one): reinitialise the form.
  const loadedFor = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (isNew) {
      if (loadedFor.current !== null) {
        loadedFor.current = null;
        setFormKey((k) => k + 1);
        setDirty(false);
      }
    } else if (detail && loadedFor.current !== detail.id) {
      loadedFor.current = detail.id;
      setFormKey((k) => k + 1);
      setDirty(false);
    }
  }, [isNew, detail]);

  // Leaving the console's pages with unsaved changes asks first (unsaved.ts); closing the tab too (below).
  const dirtyRef = useRef(false);
  /** Called after every change of the form (the live pre-publish check listens). */
  const onChangeRef = useRef<(() => void) | null>(null);
  dirtyRef.current = dirty;
  useEffect(() => {
    setUnsavedCheck(() => dirtyRef.current);
    return () => setUnsavedCheck(null);
  }, []);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const columnWritable = isNew ? writer : !!detail && !!writable.data?.some((c) => c.id === detail.columnId);
  const readOnlyReason = readOnlyReasonOf(writer, detail, writable.data, columnWritable);
  const readOnly = !!readOnlyReason || (!isNew && !detail);

  const restore = useCallback(
    (values: Partial<FormValues>) => {
      form.setFieldsValue(values);
      setDirty(true);
    },
    [form],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: formKey changes once the loaded item is in the form
  const autosaveTarget = useMemo(
    () => ({
      userId: me.id,
      siteId: siteId ?? undefined,
      contentId: id,
      baseVersion: detail?.version ?? null,
      ready: !readOnly && writer && (isNew ? !!siteId : !!detail && loadedFor.current === detail.id),
    }),
    [me.id, siteId, id, detail, readOnly, writer, isNew, formKey],
  );
  const autosave = useAutosave(form, autosaveTarget, restore);

  /** Someone else saved meanwhile: say who, keep the text, offer the latest version. */
  const conflict = (err: ApiError) => {
    modal().warning({
      title: '其他人员已修改此信息',
      content: err.message,
      okText: '知道了',
    });
  };

  const columnOptions = useMemo(() => {
    const list = (writable.data ?? []).filter((c) => fitsColumn(type, c));
    const label = (c: { id: number; name: string }) => columns.data?.trail(c.id) || c.name;
    const opts = list.map((c) => ({ value: c.id, label: label(c), title: c.path }));
    if (detail && !opts.some((o) => o.value === detail.columnId))
      opts.unshift({
        value: detail.columnId,
        label: label({ id: detail.columnId, name: detail.columnName }),
        title: '',
      });
    return opts;
  }, [writable.data, type, columns.data, detail]);
  const extraOptions = useMemo(() => {
    const list = (writable.data ?? []).filter((c) => c.kind === 'list');
    const opts = list.map((c) => ({ value: c.id, label: columns.data?.trail(c.id) || c.name }));
    for (const extra of detail?.extraColumnIds ?? []) {
      if (!opts.some((o) => o.value === extra))
        opts.push({ value: extra, label: columns.data?.trail(extra) || `栏目 #${extra}` });
    }
    return opts;
  }, [writable.data, columns.data, detail]);

  const columnLabel = (cid: number | undefined) =>
    cid ? columns.data?.trail(cid) || columnOptions.find((o) => o.value === cid)?.label || '' : '';

  /** The form's values when they can be saved; otherwise says why not and gives null. */
  const valuesToSave = async (): Promise<FormValues | null> => {
    if (uploading > 0) {
      toastError('正文中还有图片正在上传，请稍候再保存');
      return null;
    }
    let values: FormValues;
    try {
      values = { ...EMPTY, ...(await form.validateFields()), ...form.getFieldsValue(true) };
    } catch {
      toastError('请按提示补全或修改标红的项目');
      return null;
    }
    if (/<img[^>]+src="data:/i.test(values.bodyHtml)) {
      toastError('正文中有粘贴的图片尚未上传完成，请稍候再保存');
      return null;
    }
    return values;
  };

  const save = async (): Promise<ContentDetail | null> => {
    const values = await valuesToSave();
    if (!values) return null;
    const saved = await saving.run(
      async () => {
        const input = inputOf(values);
        if (isNew) {
          if (!siteId) return null;
          const created = await api.post<ContentDetail>(`/api/sites/${siteId}/content`, {
            type: values.type,
            ...input,
          });
          toastSuccess('已保存为草稿');
          autosave.clear();
          setDirty(false);
          loadedFor.current = created.id;
          item.setData(created);
          navigate(`/content/${created.id}`, { replace: true });
          return created;
        }
        const updated = await api.put<ContentDetail>(`/api/content/${id}`, {
          ...input,
          ...(values.note.trim() ? { note: values.note.trim() } : {}),
          ...(detail ? { baseVersion: detail.version } : {}),
        });
        autosave.clear();
        toastSuccess(`已保存（第 ${updated.version} 版）`);
        item.setData(updated);
        form.setFieldsValue({ note: '' });
        setDirty(false);
        return updated;
      },
      {
        onError: (err) =>
          err instanceof ApiError && err.code === 'CONTENT_VERSION_CONFLICT'
            ? conflict(err)
            : showFormError(form, err, RENAME),
      },
    );
    return saved ?? null;
  };

  /** 提交审查 saves unsaved changes (or the new item) first. */
  const openSubmit = async () => {
    if (isNew || dirty) {
      const saved = await save();
      if (!saved) return;
    }
    setDialog('submit');
  };

  /** An old version restored as a new one: the form shows it. */
  const restored = (d: ContentDetail) => {
    item.setData(d);
    loadedFor.current = d.id;
    setFormKey((k) => k + 1);
    setDirty(false);
    setTab('content');
  };

  /** A change in the form; a new type may not fit the chosen column. */
  const changed = (values: Partial<FormValues>) => {
    if (Object.keys(values).length) {
      setDirty(true);
      autosave.schedule();
      onChangeRef.current?.();
    }
    if (values.type) {
      const cid = form.getFieldValue('columnId') as number | undefined;
      const c = writable.data?.find((w) => w.id === cid);
      if (c && !fitsColumn(values.type, c)) form.setFieldsValue({ columnId: undefined });
    }
  };

  const status = detail?.status;
  return {
    me,
    writer,
    isNew,
    scope,
    item,
    detail,
    siteId,
    options,
    columns,
    writable,
    form,
    formKey,
    type,
    dirty,
    autosavedAt: autosave.savedAt,
    onChangeRef,
    saving: saving.busy,
    setUploading,
    tab,
    setTab,
    dialog,
    setDialog,
    readOnlyReason,
    readOnly,
    columnOptions,
    extraOptions,
    columnLabel,
    save,
    openSubmit,
    restored,
    changed,
    canSubmit: !readOnly && !!me.departmentId && !(status === 'published' && !detail?.pendingChanges && !dirty),
    canSchedule: !!detail && writer && columnWritable && status !== 'classified',
    canWithdraw: !!detail && writer && columnWritable && (status === 'published' || status === 'scheduled'),
  };
}

export type ContentEditor = ReturnType<typeof useContentEditor>;
