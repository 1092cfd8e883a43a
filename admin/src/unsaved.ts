// Unsaved work in the page: the editor registers a check while it has changes nobody saved. Leaving the page by
// a link, the menu, the back link or 退出登录 asks first; an expired session then signs in again in place
// (auth.tsx) instead of replacing the page with the login screen, so the text stays.
import { modal } from './feedback';

let check: (() => boolean) | null = null;

/** Registers (or with null, removes) the page's “has unsaved changes” check. */
export function setUnsavedCheck(fn: (() => boolean) | null): void {
  check = fn;
}

export const hasUnsaved = (): boolean => !!check?.();

/** Resolves true when there is nothing unsaved, or the user chose to leave anyway. */
export function confirmLeave(): Promise<boolean> {
  if (!hasUnsaved()) return Promise.resolve(true);
  return new Promise((resolve) => {
    modal().confirm({
      title: '有未保存的修改',
      content: '离开此页面，未保存的修改将不会保存为版本（已自动保存的内容下次打开时可恢复）。确定离开吗？',
      okText: '离开',
      cancelText: '留在此页',
      okButtonProps: { danger: true },
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}
