// Safe HTML for the report: the `h` template tag escapes every interpolated value unless it is already markup,
// links only take http(s) URLs, screenshots only http(s) URLs or same-site paths.
import { isHttpUrl } from './common.ts';

/** Markup that is already safe. Only `h` and `raw` make one. */
export class Safe {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}
export type Part = Safe | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Safe) return part.html;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** Template tag: the literal parts are markup, every interpolated value is escaped unless it is Safe. */
export function h(strings: TemplateStringsArray, ...values: Part[]): Safe {
  let out = strings[0];
  for (const [i, v] of values.entries()) out += render(v) + strings[i + 1];
  return new Safe(out);
}

/** A link to an http(s) URL, or the text alone. */
export function link(url: string | undefined, text?: string): Safe {
  if (!url) return h``;
  if (!isHttpUrl(url)) return h`<span class="url">${text ?? url}</span>`;
  return h`<a class="url" href="${url}" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">${text ?? url}</a>`;
}

/** The address of a screenshot: http(s) URLs as they are, paths under `base`; anything else (javascript:, data:) is refused. */
export function screenshotSrc(path: string, base?: string): string | null {
  const value = path.trim();
  if (isHttpUrl(value)) return value;
  if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//') || /[\s"'<>\\]/.test(value)) return null;
  if (!base) return value;
  return value.startsWith('/') ? base.replace(/\/+$/, '') + value : `${base.replace(/\/+$/, '')}/${value}`;
}
