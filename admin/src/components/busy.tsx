// Busy and error handling for what a staff member starts (save, delete, move …) and for pages still loading:
// one flag per action, the server's Chinese message on failure (session problems are handled app-wide), and
// one loading view.
import { useCallback, useRef, useState } from 'react';
import { Spin } from 'antd';
import { isSessionError } from '../api';
import { errorText, showError } from '../feedback';

export interface RunOptions<K> {
  /** Which item the action is about (a row's id), for spinners and disabled buttons on that row. */
  key?: K;
  /** What to do with a failure instead of the toast (messages under form fields, an alert in a dialog …). */
  onError?: (err: unknown) => void;
}

export interface Busy<K> {
  /** An action is running. */
  busy: boolean;
  /** The key of the running action, if it was given one. */
  key: K | null;
  /** Runs `task` with the busy flag set; a failure is reported and resolves to undefined. */
  run<R>(task: () => Promise<R>, options?: RunOptions<K>): Promise<R | undefined>;
}

export function useBusy<K = never>(): Busy<K> {
  const [running, setRunning] = useState<{ key: K | null } | null>(null);
  const count = useRef(0);
  const run = useCallback(async <R,>(task: () => Promise<R>, options: RunOptions<K> = {}) => {
    count.current += 1;
    setRunning({ key: options.key ?? null });
    try {
      return await task();
    } catch (err) {
      (options.onError ?? showError)(err);
      return undefined;
    } finally {
      count.current -= 1;
      if (count.current === 0) setRunning(null);
    }
  }, []);
  return { busy: running !== null, key: running?.key ?? null, run };
}

/** An `onError` that puts the server's message where the dialog shows it (session problems are handled app-wide). */
export const showIn =
  (show: (message: string) => void) =>
  (err: unknown): void => {
    if (!isSessionError(err)) show(errorText(err));
  };

/** A page, or the main part of one, that is still loading. */
export function PageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" description="正在加载…" />
    </div>
  );
}
