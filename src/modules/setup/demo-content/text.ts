// Demo texts are written relative to the day they are published: {date} is that day (“5月12日”), {date-3} three
// days earlier, {ymd} the full date (“2026年5月12日”), {year} / {year-1} the year, {month} / {month-1} the month.
// So the demo reads right whatever day it is created on.
import { DAY } from '../../../platform/time.ts';

const SHANGHAI = 8 * 60 * 60 * 1000;

/** Calendar parts of a moment in Asia/Shanghai (fixed UTC+8, no daylight saving). */
export function shanghaiParts(at: Date): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(at.getTime() + SHANGHAI);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

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
