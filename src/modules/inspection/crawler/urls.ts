// URL rules of the crawler: what counts as the same site, what is worth fetching as a page.
import { isIP } from 'node:net';

/** Links to these are documents or media, not pages: the crawler does not fetch them (the link check does). */
const NON_PAGE_EXTENSIONS = new Set([
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'wps',
  'et',
  'ofd',
  'txt',
  'rtf',
  'csv',
  'zip',
  'rar',
  '7z',
  'gz',
  'tar',
  'exe',
  'apk',
  'dmg',
  'iso',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'webp',
  'svg',
  'ico',
  'tif',
  'tiff',
  'mp3',
  'mp4',
  'avi',
  'wmv',
  'flv',
  'mov',
  'wav',
  'm4a',
  'swf',
  'css',
  'js',
  'json',
  'xml',
  'rss',
]);

export function looksLikePage(url: URL): boolean {
  const extension = /\.([a-z0-9]{1,5})$/i.exec(url.pathname)?.[1]?.toLowerCase();
  return !extension || !NON_PAGE_EXTENSIONS.has(extension);
}

/** Host name without brackets, lower-case ("[::1]" → "::1"). */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** 127.0.0.0/8, ::1 and localhost: a local copy of a site, whose domain cannot be judged. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** URL identity for the visited set: no fragment; the default port and a trailing "?" dropped by URL itself. */
export function canonicalUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}
