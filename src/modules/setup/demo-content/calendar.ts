// The demo's past: a clock that walks forward through it, and working-day slots counted back from today in
// Asia/Shanghai (see demo-content.ts on why the demo is created as history).
import { DAY, MINUTE, ManualClock, shanghaiCalendar, startOfShanghaiDay, type Clock } from '../../../platform/time.ts';

/** Days of history: the subordinate site and the staff exist from then on. */
export const HISTORY_DAYS = 185;

/** Publication moments on a working day, Asia/Shanghai [hour, minute]; a job's steps take the hour before. */
const SLOTS: readonly [number, number][] = [
  [10, 0],
  [11, 20],
  [14, 40],
  [16, 0],
  [17, 20],
];

/** The seeder's clock: a ManualClock that only moves forward and never beyond the real current time. */
export class HistoryClock implements Clock {
  private readonly manual: ManualClock;
  constructor(
    start: Date,
    private readonly limit: Date,
  ) {
    this.manual = new ManualClock(start);
  }
  now(): Date {
    return this.manual.now();
  }
  set(at: Date): void {
    if (at.getTime() > this.limit.getTime())
      throw new Error(`demo history may not pass the current time (${at.toISOString()})`);
    if (at.getTime() < this.manual.now().getTime())
      throw new Error(`demo history moves forward only (${at.toISOString()})`);
    this.manual.set(at);
  }
}

/** Working-day slots, counted back from the real current day in Asia/Shanghai. */
export class Calendar {
  private readonly today: number;
  private readonly used = new Map<number, number>();
  constructor(now: Date) {
    this.today = startOfShanghaiDay(now).getTime();
  }
  /** Midnight (Asia/Shanghai) `daysAgo` days before today, as UTC milliseconds. */
  midnight(daysAgo: number): number {
    return this.today - daysAgo * DAY;
  }
  private weekend(daysAgo: number): boolean {
    const weekday = shanghaiCalendar(new Date(this.midnight(daysAgo))).weekday;
    return weekday === 0 || weekday === 6;
  }
  /**
   * The next free slot on the day asked for; a weekend day moves to the Friday before (unless anyDay); a full day
   * spills to the following days, then to earlier ones. Never today, so never in the future, and never before
   * the start of the history.
   */
  slot(daysAgo: number, anyDay = false): Date {
    let day = Math.min(HISTORY_DAYS, Math.max(1, daysAgo));
    while (!anyDay && this.weekend(day) && day < HISTORY_DAYS) day += 1;
    const order = [
      ...Array.from({ length: day }, (_, i) => day - i),
      ...Array.from({ length: HISTORY_DAYS - day }, (_, i) => day + 1 + i),
    ];
    for (const d of order) {
      if (!anyDay && this.weekend(d)) continue;
      const n = this.used.get(d) ?? 0;
      if (n >= SLOTS.length) continue;
      this.used.set(d, n + 1);
      const [h, m] = SLOTS[n];
      return new Date(this.midnight(d) + h * 60 * MINUTE + m * MINUTE);
    }
    throw new Error('demo calendar is full');
  }
}
