// Stored times are ISO-8601 UTC strings; users see Asia/Shanghai. A Clock is injected so tests can move time.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-27T02:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const iso = (date: Date): string => date.toISOString();

export const addMs = (isoTime: string, ms: number): string => new Date(new Date(isoTime).getTime() + ms).toISOString();

const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(value: Date | string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of shanghaiParts.formatToParts(new Date(value))) out[p.type] = p.value;
  return out;
}

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai: the PubDate meta tag format. */
export function shanghaiDateTime(value: Date | string): string {
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `yyyy-MM-dd` in Asia/Shanghai. */
export function shanghaiDate(value: Date | string): string {
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `2026-11-27T02:00:00Z` → `2026年11月27日` (Asia/Shanghai), as dates are written on forms and reports. */
export function chineseDate(value: Date | string): string {
  const p = parts(value);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

// search, portal, inspection, stats
// Calendar days are written yyyy-MM-dd. Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so
// each of its days is a fixed UTC interval and day arithmetic needs no time-zone database.
const SHANGHAI_OFFSET_MS = 8 * HOUR;
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written yyyy-MM-dd (2026-02-29 is not one). */
export function isCalendarDay(value: string): boolean {
  const m = CALENDAR_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === mo - 1 && utc.getUTCDate() === d;
}

/** yyyy-MM-dd of the Asia/Shanghai day containing the instant `ms` (epoch milliseconds); no Intl, for hot paths. */
export function shanghaiDayOf(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch milliseconds at which the Asia/Shanghai day `day` (yyyy-MM-dd) begins. */
export function shanghaiDayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS;
}

/** The UTC instant (ISO) at which the Asia/Shanghai day `day` begins; null for an impossible date. */
export function shanghaiDayStart(day: string): string | null {
  return isCalendarDay(day) ? new Date(shanghaiDayStartMs(day)).toISOString() : null;
}

/** `day` moved by `days` calendar days (negative: back). */
export function addCalendarDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10);
}

/** How many calendar days `to` lies after `from` (negative when before). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY);
}

/** Every day from `from` to `to`, both included. */
export function calendarDaysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}
