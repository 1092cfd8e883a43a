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

// ───────────── Asia/Shanghai calendar days ─────────────
// China keeps UTC+8 all year (no daylight saving), so a Shanghai calendar day is a fixed 24-hour span of UTC.
// Day arithmetic on stored (UTC) times goes through these helpers only; days are written `yyyy-MM-dd`.

const SHANGHAI_OFFSET = 8 * HOUR;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds (UTC) at which the Shanghai day `yyyy-MM-dd` begins. */
function dayStartMs(day: string): number {
  if (!DAY_PATTERN.test(day)) throw new RangeError(`not a calendar day (yyyy-MM-dd): ${day}`);
  return Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET;
}

/** The UTC instant a Shanghai day begins: `2026-11-27` → `2026-11-26T16:00:00.000Z`. */
export function shanghaiDayStart(day: string): string {
  return new Date(dayStartMs(day)).toISOString();
}

/** The UTC instant the day after `day` begins: the exclusive end of a range that includes `day`. */
export function shanghaiDayEnd(day: string): string {
  return new Date(dayStartMs(day) + DAY).toISOString();
}

/**
 * An inclusive range of Shanghai days as a half-open range of stored UTC times (`from` ≤ t < `to`); an end
 * that is not given stays open.
 */
export function shanghaiDayRange(fromDay?: string, toDay?: string): { from?: string; to?: string } {
  return {
    ...(fromDay ? { from: shanghaiDayStart(fromDay) } : {}),
    ...(toDay ? { to: shanghaiDayEnd(toDay) } : {}),
  };
}

/** The start of the Shanghai day that contains `at`. */
export function startOfShanghaiDay(at: Date | string): Date {
  const ms = new Date(at).getTime();
  return new Date(Math.floor((ms + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET);
}

/** Calendar parts of a moment in Shanghai: month 1–12, weekday 0 = Sunday … 6 = Saturday. */
export function shanghaiCalendar(at: Date | string): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(new Date(at).getTime() + SHANGHAI_OFFSET);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** The Shanghai calendar year of a moment (the register's 序号 and 索引号 count per year). */
export const shanghaiYear = (at: Date | string): number => shanghaiCalendar(at).year;

/** `yyyy-MM` of a moment in Shanghai. */
export const shanghaiMonth = (at: Date | string): string => shanghaiDate(at).slice(0, 7);

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
  return new Date(ms + SHANGHAI_OFFSET).toISOString().slice(0, 10);
}

/** Epoch milliseconds at which the Asia/Shanghai day `day` (yyyy-MM-dd) begins. */
export const shanghaiDayStartMs = (day: string): number => dayStartMs(day);

/** The UTC instant (ISO) at which the day `day` begins, or null when `day` is not a real date (user input). */
export function validShanghaiDayStart(day: string): string | null {
  return isCalendarDay(day) ? shanghaiDayStart(day) : null;
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
