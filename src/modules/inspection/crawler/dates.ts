// Dates as printed on government pages: 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日, and the PubDate
// meta tag (yyyy-MM-dd HH:mm[:ss]). They are the site's local (Asia/Shanghai) calendar dates, kept as yyyy-MM-dd.
import { shanghaiDate } from '../../../platform/time.ts';

const DATE_PATTERN = /(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?/g;

/** Every valid calendar date in a text, as yyyy-MM-dd, in order of appearance. */
export function findDates(text: string): string[] {
  const dates: string[] = [];
  for (const match of text.matchAll(DATE_PATTERN)) {
    const date = validDate(Number(match[1]), Number(match[2]), Number(match[3]));
    if (date) dates.push(date);
  }
  return dates;
}

/** The first date of a text, or null. */
export function parseDate(text: string | null | undefined): string | null {
  return text ? (findDates(text)[0] ?? null) : null;
}

function validDate(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null; // 2026-02-30
  return date.toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar date of an instant. */
export const localDate = (at: Date): string => shanghaiDate(at);

/** Whole days from `date` (yyyy-MM-dd) to the local date of `now`; negative for future dates. */
export function daysBefore(now: Date, date: string): number {
  const today = Date.parse(`${localDate(now)}T00:00:00Z`);
  return Math.round((today - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

/** The newest of some yyyy-MM-dd dates, or null. */
export function newest(dates: Iterable<string>): string | null {
  let best: string | null = null;
  for (const date of dates) if (best === null || date > best) best = date;
  return best;
}
