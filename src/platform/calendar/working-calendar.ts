// The statutory working-day calendar: which civil dates (Asia/Shanghai) are working days. A working day is a
// Monday–Friday not listed as a holiday, plus a weekend day listed as a 调休 make-up working day (regs §8).
// Years come from the State Council's annual notice: shipped as data for the years known at release
// (holidays.json, generated from chinese-days), later years entered by the site administrator. A year without
// data is counted Monday–Friday and everything computed from one of its days is marked `estimated`.
import shipped from './holidays.json' with { type: 'json' };

/** A civil date, `yyyy-MM-dd`. */
export type CivilDate = string;

export interface CalendarDay {
  date: CivilDate;
  /** true: a public holiday (放假); false: a 调休 make-up working day (上班). */
  off: boolean;
  /** 春节, 国庆节 … */
  name: string;
}

export interface YearData {
  year: number;
  days: CalendarDay[];
  source: 'shipped' | 'entered';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a civil date (no time zone involved: civil dates are counted as UTC days). */
export function dayNumber(date: CivilDate): number {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== date) throw new Error(`not a date: ${date}`);
  return t / MS_PER_DAY;
}

export const fromDayNumber = (n: number): CivilDate => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);

export const addDays = (date: CivilDate, days: number): CivilDate => fromDayNumber(dayNumber(date) + days);

export const isValidDate = (date: string): boolean => {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
};

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: CivilDate): number => (((dayNumber(date) + 4) % 7) + 7) % 7;

export const yearOf = (date: CivilDate): number => Number(date.slice(0, 4));

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai civil date of an instant (China has kept UTC+8 without daylight saving since 1991). */
export function shanghaiCivilDate(at: Date | string): CivilDate {
  return new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `HH:mm` in Asia/Shanghai of an instant. */
export function shanghaiClockTime(at: Date | string): string {
  return new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

/** The last instant of a civil date in Asia/Shanghai, as an ISO UTC string: when a deadline on that day ends. */
export function endOfShanghaiDay(date: CivilDate): string {
  return new Date((dayNumber(date) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS - 1).toISOString();
}

/** The years shipped with this release (holidays.json). */
export function shippedYears(): YearData[] {
  return Object.entries(shipped.years).map(([year, days]) => ({
    year: Number(year),
    days: days as CalendarDay[],
    source: 'shipped' as const,
  }));
}

export const SHIPPED_SOURCE: string = shipped.source;

/** Problems with a year's days as entered (Chinese, for the console); empty when the year can be saved. */
export function yearProblems(year: number, days: CalendarDay[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of days) {
    if (!isValidDate(d.date)) problems.push(`“${d.date}”不是有效日期`);
    else if (yearOf(d.date) !== year) problems.push(`${d.date} 不属于 ${year} 年`);
    else if (seen.has(d.date)) problems.push(`${d.date} 重复`);
    else if (!d.off && weekday(d.date) !== 0 && weekday(d.date) !== 6)
      problems.push(`${d.date} 是工作日，不需要登记为调休上班`);
    seen.add(d.date);
    if (!d.name.trim()) problems.push(`${d.date} 缺少节日名称`);
  }
  if (!days.some((d) => d.off)) problems.push('至少登记一天法定节假日');
  return problems;
}

/**
 * An immutable snapshot of the calendar: the known years' exceptions to Monday–Friday. Cheap to query; the
 * calendar service builds a new one whenever a year is entered or changed.
 */
export class WorkingCalendar {
  private readonly exceptions = new Map<number, CalendarDay>();
  private readonly known = new Set<number>();

  constructor(years: YearData[]) {
    for (const y of years) {
      this.known.add(y.year);
      for (const d of y.days) this.exceptions.set(dayNumber(d.date), d);
    }
  }

  /** Years whose official arrangement is known (shipped or entered). */
  knownYears(): number[] {
    return [...this.known].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.known.has(year);
  }

  /** The holiday or make-up day on that date, if any. */
  dayInfo(date: CivilDate): CalendarDay | undefined {
    return this.exceptions.get(dayNumber(date));
  }

  isWorkingDay(date: CivilDate): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  isWorkingDayNumber(n: number): boolean {
    const exception = this.exceptions.get(n);
    if (exception) return !exception.off;
    const wd = (((n + 4) % 7) + 7) % 7;
    return wd !== 0 && wd !== 6;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CivilDate): CivilDate {
    let n = dayNumber(date) + 1;
    while (!this.isWorkingDayNumber(n)) n++;
    return fromDayNumber(n);
  }

  /** `date` itself when it is a working day, else the next one. */
  workingDayOnOrAfter(date: CivilDate): CivilDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * The date `n` working days after `date`, not counting `date` itself (期间开始之日不计算在期间内): with `date` =
   * the day of receipt, the result is the last day of an n-working-day time limit. n = 0 returns `date`.
   */
  addWorkingDays(date: CivilDate, n: number): CivilDate {
    if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number ≥ 0: ${n}`);
    let day = dayNumber(date);
    for (let left = n; left > 0; ) {
      day++;
      if (this.isWorkingDayNumber(day)) left--;
    }
    return fromDayNumber(day);
  }

  /** Working days in (from, to]: after `from`, up to and including `to`; 0 when `to` is not after `from`. */
  workingDaysBetween(from: CivilDate, to: CivilDate): number {
    let count = 0;
    const end = dayNumber(to);
    for (let day = dayNumber(from) + 1; day <= end; day++) if (this.isWorkingDayNumber(day)) count++;
    return count;
  }

  /** Years without data that the civil dates from..to (inclusive) touch: results over them are estimates. */
  unknownYears(from: CivilDate, to: CivilDate): number[] {
    const out: number[] = [];
    const [a, b] = from <= to ? [from, to] : [to, from];
    for (let y = yearOf(a); y <= yearOf(b); y++) if (!this.known.has(y)) out.push(y);
    return out;
  }
}
