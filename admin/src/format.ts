// How the console writes times, sizes and links. Times are shown in Asia/Shanghai (time.ts), whatever the
// browser's zone.
// Imports name their `.ts` files: test/admin-format.test.ts loads this module under the server's Node resolution.
import { shanghaiDate, shanghaiDateTime } from './time.ts';

// The picker conversions live in time.ts; re-exported for the existing callers of this module.
export { fromShanghaiPicker, shanghaiNowPicker, shanghaiPickerValue } from './time.ts';

const valid = (value: string | null | undefined): Date | null => {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai; '—' for no value. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = valid(value);
  return date ? shanghaiDateTime(date) : value;
}

/** `yyyy-MM-dd HH:mm` in Asia/Shanghai; '—' for no value. */
export const formatMinute = (value: string | null | undefined): string => formatDateTime(value).slice(0, 16);

/** `yyyy-MM-dd` in Asia/Shanghai; '—' for no value. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = valid(value);
  return date ? shanghaiDate(date) : value;
}

export const isFuture = (value: string | null | undefined): boolean =>
  !!value && new Date(value).getTime() > Date.now();

/** A count as Chinese readers group digits (12,345). */
export const formatNumber = (n: number): string => n.toLocaleString('zh-CN');

/** File size as staff read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The admin console's own route for a link stored with its /admin prefix (notifications). */
export function consolePath(link: string): string | null {
  if (!link.startsWith('/')) return null;
  if (link === '/admin' || link.startsWith('/admin/') || link.startsWith('/admin?'))
    return link.slice('/admin'.length) || '/';
  return null;
}
