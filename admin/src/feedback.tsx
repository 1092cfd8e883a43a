// Toast messages and error reporting usable from anywhere (event handlers, hooks), bound to antd's App
// context so they follow the Chinese locale and theme.
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError, isSessionError } from './api';

type AppApi = ReturnType<typeof App.useApp>;

let messageApi: AppApi['message'] | null = null;
let modalApi: AppApi['modal'] | null = null;

/** Rendered once inside <App>: hands its message/modal instances to this module. */
export function FeedbackBridge(): null {
  const app = App.useApp();
  messageApi = app.message;
  modalApi = app.modal;
  return null;
}

export function toastSuccess(text: string): void {
  void messageApi?.success(text);
}

export function toastError(text: string): void {
  void messageApi?.error(text);
}

export function modal(): AppApi['modal'] {
  if (!modalApi) throw new Error('FeedbackBridge is not mounted');
  return modalApi;
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return `操作失败：${err.message}`;
  return '操作失败，请稍后再试';
}

/** Shows the server's Chinese message. Session problems are handled app-wide and not repeated here. */
export function showError(err: unknown): void {
  if (err instanceof DOMException && err.name === 'AbortError') return;
  if (isSessionError(err)) return;
  toastError(errorText(err));
}

/**
 * Puts validation messages from `details.fields` under the matching form fields (names as in the API) and
 * shows the overall message. `rename` maps API field names to form field names where they differ.
 */
export function showFormError(form: FormInstance, err: unknown, rename: Record<string, string> = {}): void {
  if (err instanceof ApiError) {
    const fields = err.fieldErrors;
    const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
    // `domains.0` (an item of an array field) is shown under `domains`.
    const place = (name: string) => {
      const mapped = rename[name] ?? name;
      if (known.has(mapped)) return mapped;
      const head = mapped.split('.')[0];
      return known.has(head) ? head : null;
    };
    const entries = Object.entries(fields)
      .map(([name, msg]) => [place(name), msg] as const)
      .filter((e): e is readonly [string, string] => e[0] !== null);
    if (entries.length) {
      form.setFields(entries.map(([name, msg]) => ({ name, errors: [msg] })));
      const unplaced = Object.keys(fields).filter((n) => place(n) === null);
      toastError(unplaced.length ? `${err.message}：${unplaced.map((n) => fields[n]).join('；')}` : err.message);
      return;
    }
  }
  showError(err);
}
