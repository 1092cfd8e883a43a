// Demo texts are written relative to the day they are published: {date} is that day (“5月12日”), {date-3} three
// days earlier, {ymd} the full date (“2026年5月12日”), {year} / {year-1} the year, {month} / {month-1} the month.
// So the demo reads right whatever day it is created on.
import { DAY, shanghaiCalendar as shanghaiParts } from '../../../platform/time.ts';

/** yyyy-MM-dd in Asia/Shanghai, `days` days after `at`. */
export function isoDay(at: Date, days = 0): string {
  const p = shanghaiParts(new Date(at.getTime() + days * DAY));
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const PLACEHOLDER = /\{(date|ymd|year|month)([+-]\d+)?\}/g;

export function fill(text: string, at: Date): string {
  return text.replace(PLACEHOLDER, (_m, kind: string, offset: string | undefined) => {
    const n = offset ? Number(offset) : 0;
    if (kind === 'year') return String(shanghaiParts(at).year + n);
    if (kind === 'month') {
      const p = shanghaiParts(at);
      return `${((p.month - 1 + n + 120) % 12) + 1}月`;
    }
    const p = shanghaiParts(new Date(at.getTime() + n * DAY));
    return kind === 'date' ? `${p.month}月${p.day}日` : `${p.year}年${p.month}月${p.day}日`;
  });
}

/** Paragraphs to HTML: plain lines become <p>, lines that already start with a tag are kept. */
export function html(paragraphs: readonly string[], at: Date): string {
  return paragraphs
    .map((p) => fill(p, at))
    .map((p) => (p.startsWith('<') ? p : `<p>${p}</p>`))
    .join('');
}
