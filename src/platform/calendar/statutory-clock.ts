// Statutory clocks: a time limit in working days that runs from the receipt of a request, with the events the
// rules know — 补正 (the applicant corrects: the clock restarts from receipt of the corrected request, 条例
// 第三十条; or, where a rule says so, merely stops while the applicant supplements), consultation of third
// parties (not counted, 条例 第三十三条), and extensions (added working days, 条例 第三十三条).
//
// Deadlines are computed on read from the stored facts (receipt time, pauses, extensions) and the calendar of the
// moment, never stored: when the administrator enters a year that was missing, every deadline that touched it is
// right at once, with no migration of stored dates and no flag to clear.
import {
  type CivilDate,
  type WorkingCalendar,
  dayNumber,
  endOfShanghaiDay,
  fromDayNumber,
  shanghaiCivilDate,
  shanghaiClockTime,
} from './working-calendar.ts';

/** How the day of receipt is determined. */
export interface ReceiptRule {
  /**
   * A request received on a day that is not a working day counts as received on the next working day
   * (依申请公开: the organ can only confirm receipt on a working day, 条例 第三十一条). Otherwise the calendar day
   * of receipt is the day of receipt and counting still begins on the first working day after it.
   */
  holidayShiftsReceipt: boolean;
  /** `HH:mm` (Asia/Shanghai): received at or after this time counts as received on the next working day. */
  officeClosesAt?: string;
}

/** Messages (留言): receipt is the day it arrived; counting begins on the first working day after it. */
export const MESSAGE_RECEIPT: ReceiptRule = { holidayShiftsReceipt: false };
/** 依申请公开 online (条例 第三十一条): received on the day both sides confirm, a working day. */
export const DISCLOSURE_RECEIPT: ReceiptRule = { holidayShiftsReceipt: true };

export type PauseKind =
  /** 补正 that restarts the time limit from receipt of the corrected request (条例 第三十条). */
  | 'correction-restart'
  /** 补正 during which the clock merely stops (行政许可: the applicant supplements, time is not counted). */
  | 'correction-pause'
  /** Consultation of third parties or other organs (条例 第三十三条第二款): not counted. */
  | 'consultation'
  /** Any other period a rule excludes (e.g. 信息处理费 awaiting payment). */
  | 'other';

export interface ClockPause {
  kind: PauseKind;
  /** ISO instant the clock stopped (notice sent, consultation letter sent). */
  from: string;
  /** ISO instant it resumed (corrected request received, reply received); null while still stopped. */
  to: string | null;
}

export interface ClockExtension {
  /** Added working days. */
  days: number;
  /** ISO instant the extension was approved. */
  at?: string;
}

export interface ClockInput {
  /** ISO instant the request was received (for online requests: when receipt was confirmed). */
  receivedAt: string;
  /** The time limit in working days (e.g. 20), before extensions. */
  workingDays: number;
  rule?: ReceiptRule;
  pauses?: readonly ClockPause[];
  extensions?: readonly ClockExtension[];
  /** ISO instant the request was answered or closed: the clock stops there. */
  completedAt?: string | null;
}

export interface ClockState {
  /** The day of receipt under the rule (a working day when holidays shift receipt). */
  receivedOn: CivilDate;
  /** Day 1 of the count: the first working day after the (latest) receipt. */
  startsCounting: CivilDate;
  /** Working days allowed: the limit plus extensions. */
  limit: number;
  /** The last day of the limit; null while the clock is stopped. */
  due: CivilDate | null;
  /** The last instant of the due day (Asia/Shanghai), ISO UTC; null while stopped. */
  dueAt: string | null;
  /** Working days counted so far (up to today, or to completion). */
  daysUsed: number;
  /** limit − daysUsed, never below 0. */
  daysLeft: number;
  /** Past the due day without completion, or completed after it. */
  overdue: boolean;
  /** The clock is stopped now (an open pause). */
  paused: boolean;
  completed: boolean;
  /** Some day the result depends on lies in a year without calendar data (暂按工作日估算). */
  estimated: boolean;
  estimatedYears: number[];
}

/** The legal day of receipt of an instant under a rule. */
export function receivedOn(calendar: WorkingCalendar, at: string, rule: ReceiptRule = MESSAGE_RECEIPT): CivilDate {
  const date = shanghaiCivilDate(at);
  if (rule.officeClosesAt && shanghaiClockTime(at) >= rule.officeClosesAt) return calendar.nextWorkingDay(date);
  return rule.holidayShiftsReceipt ? calendar.workingDayOnOrAfter(date) : date;
}

/** Day 1 of a count whose receipt day is `received`: the first working day after it. */
export const startsCounting = (calendar: WorkingCalendar, received: CivilDate): CivilDate =>
  calendar.nextWorkingDay(received);

/** Civil day numbers (exclusive start, inclusive end) not counted because of consultation or a stopping 补正. */
function excludedRanges(pauses: readonly ClockPause[], today: number): [number, number][] {
  return pauses
    .filter((p) => p.kind !== 'correction-restart')
    .map((p) => [
      dayNumber(shanghaiCivilDate(p.from)),
      p.to ? dayNumber(shanghaiCivilDate(p.to)) : Number.POSITIVE_INFINITY,
    ])
    .filter(([from]) => from <= today) as [number, number][];
}

/**
 * The state of a statutory clock at `now`. A working day counts unless it lies after the day a pause began and
 * up to the day it ended (the day a consultation is sent still counts; counting resumes the day after the reply,
 * as 期间开始之日不计算). A restarting 补正 makes the day the corrected request arrived the new day of receipt.
 */
export function clockState(calendar: WorkingCalendar, input: ClockInput, now: Date): ClockState {
  const rule = input.rule ?? MESSAGE_RECEIPT;
  const pauses = [...(input.pauses ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  const stopAt = input.completedAt ? new Date(input.completedAt) : now;
  const today = dayNumber(shanghaiCivilDate(stopAt));
  const limit = input.workingDays + (input.extensions ?? []).reduce((s, e) => s + e.days, 0);

  // The latest restart that has happened sets the receipt; an open restart stops the clock entirely.
  let received = receivedOn(calendar, input.receivedAt, rule);
  let openRestart = false;
  for (const p of pauses.filter((x) => x.kind === 'correction-restart' && x.from <= stopAt.toISOString())) {
    if (p.to && p.to <= stopAt.toISOString()) received = receivedOn(calendar, p.to, rule);
    else openRestart = true;
  }
  const start = startsCounting(calendar, received);
  const excluded = excludedRanges(pauses, today);
  const counts = (n: number) => calendar.isWorkingDayNumber(n) && !excluded.some(([a, b]) => n > a && n <= b);
  const openPause = openRestart || excluded.some(([, b]) => b === Number.POSITIVE_INFINITY);

  // Working days used up to today (or completion), and the due day: the day the count reaches the limit.
  let used = 0;
  for (let n = dayNumber(start); n <= today; n++) if (counts(n)) used++;
  if (openRestart) used = 0;
  let due: number | null = null;
  if (!openPause) {
    let n = dayNumber(start) - 1;
    for (let left = limit; left > 0; ) {
      n++;
      if (counts(n)) left--;
    }
    due = limit === 0 ? dayNumber(received) : n;
  }
  const dueDate = due === null ? null : fromDayNumber(due);
  const lastDay = fromDayNumber(Math.max(today, due ?? today));
  const estimatedYears = calendar.unknownYears(shanghaiCivilDate(input.receivedAt), lastDay);
  return {
    receivedOn: received,
    startsCounting: start,
    limit,
    due: dueDate,
    dueAt: dueDate ? endOfShanghaiDay(dueDate) : null,
    daysUsed: used,
    daysLeft: Math.max(0, limit - used),
    overdue: due !== null && today > due,
    paused: openPause && !input.completedAt,
    completed: Boolean(input.completedAt),
    estimated: estimatedYears.length > 0,
    estimatedYears,
  };
}

/** Options of a deadline counted in calendar days or months (信访 15日, 整改两周, 找错办结一个月). */
export interface CalendarPeriod {
  days?: number;
  months?: number;
  /**
   * When the last day is a statutory holiday or weekend, the period ends on the next working day (民法典
   * 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日). On by default.
   */
  extendPastHoliday?: boolean;
}

export interface CalendarDeadline {
  due: CivilDate;
  dueAt: string;
  overdue: boolean;
  estimated: boolean;
  estimatedYears: number[];
}

/**
 * A period in calendar days or months from the day of receipt (not counted: it starts the next day). A month
 * ends on the same day number of the following month, or its last day when that month is shorter.
 */
export function calendarDeadline(
  calendar: WorkingCalendar,
  receivedAt: string,
  period: CalendarPeriod,
  now: Date,
): CalendarDeadline {
  const received = shanghaiCivilDate(receivedAt);
  let due = received;
  if (period.months) {
    const [y, m, d] = received.split('-').map(Number);
    const target = new Date(Date.UTC(y, m - 1 + period.months, 1));
    const lastOfMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(d, lastOfMonth));
    due = target.toISOString().slice(0, 10);
  }
  if (period.days) due = fromDayNumber(dayNumber(due) + period.days);
  if (period.extendPastHoliday !== false) due = calendar.workingDayOnOrAfter(due);
  const estimatedYears = calendar.unknownYears(received, due);
  return {
    due,
    dueAt: endOfShanghaiDay(due),
    overdue: now.getTime() > new Date(endOfShanghaiDay(due)).getTime(),
    estimated: estimatedYears.length > 0,
    estimatedYears,
  };
}
