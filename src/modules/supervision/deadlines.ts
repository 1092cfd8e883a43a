// Calendar-day deadlines of supervision, in Beijing time. Kept in one place so they can move onto the platform's
// statutory calendar (src/platform/calendar/) when it lands; these rules count calendar days, not working days.
import { shanghaiDate } from '../../platform/time.ts';

/** 通报整改: problems must be rectified within 2 weeks of the results being made public. */
export const RECTIFICATION_DAYS = 14;
/** 年度报表: published by 31 January of the next year. */
export const ANNUAL_REPORT_DUE = { month: 1, day: 31 } as const;

const DAY_MS = 86_400_000;
/** Beijing is UTC+8 all year (no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The instant a Beijing calendar day (yyyy-MM-dd) ends: 23:59:59.999 that day, as ISO UTC. */
export function endOfBeijingDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - BEIJING_OFFSET_MS - 1).toISOString();
}

/** The instant a Beijing calendar day begins, as ISO UTC. */
export function startOfBeijingDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - BEIJING_OFFSET_MS).toISOString();
}

/** A Beijing calendar date `days` later (yyyy-MM-dd). */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * 通报公开之日起2周内: the day of publication is not counted (periods in days start the next day, 民法典 第二百零一条),
 * so the deadline is the end of the 14th calendar day after it, Beijing time.
 */
export function rectificationDeadline(publishedAt: string): string {
  return endOfBeijingDay(addCalendarDays(shanghaiDate(publishedAt), RECTIFICATION_DAYS));
}

/** 按期办结 of a 找错 message: closed within one calendar month of its arrival (the same day next month). */
export function oneMonthAfter(at: string): string {
  const [y, m, d] = shanghaiDate(at).split('-').map(Number);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const next = new Date(Date.UTC(y, m, Math.min(d, last))).toISOString().slice(0, 10);
  return endOfBeijingDay(next);
}

/** The year's annual reports are due at the end of 31 January of the following year, Beijing time. */
export function annualReportDue(year: number): string {
  const { month, day } = ANNUAL_REPORT_DUE;
  return endOfBeijingDay(`${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

export type Quarter = 1 | 2 | 3 | 4;

/** The quarter a moment falls in, in Beijing time. */
export function quarterOf(at: Date | string): { year: number; quarter: Quarter } {
  const date = shanghaiDate(at);
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter };
}

/** The first instant of a quarter and of the next one, Beijing time (ISO UTC). */
export function quarterSpan(year: number, quarter: Quarter): { start: string; end: string } {
  const month = (quarter - 1) * 3 + 1;
  const start = startOfBeijingDay(`${year}-${String(month).padStart(2, '0')}-01`);
  const end =
    quarter === 4
      ? startOfBeijingDay(`${year + 1}-01-01`)
      : startOfBeijingDay(`${year}-${String(month + 3).padStart(2, '0')}-01`);
  return { start, end };
}

/** Time left until a quarter ends (0 once it has): the dashboard's countdown for the quarterly spot check. */
export function quarterCountdown(now: Date, year: number, quarter: Quarter) {
  const msLeft = Math.max(0, new Date(quarterSpan(year, quarter).end).getTime() - now.getTime());
  return { msLeft, days: Math.floor(msLeft / DAY_MS), hours: Math.floor((msLeft % DAY_MS) / 3_600_000) };
}
