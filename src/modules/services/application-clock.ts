// The statutory clocks of an application, computed on read from its stored facts and the statutory calendar:
// - 受理: within 5 working days of receipt the organ accepts, refuses, or tells the applicant in one notice everything
//   to supplement (行政许可法 第三十二条); the clock stops while the applicant supplements.
// - 承诺时限 and 法定时限 run from 受理. An application not answered within the 5 working days is deemed accepted on
//   receipt (“逾期不告知的，自收到申请材料之日起即为受理”), so its limits run from receipt.
import type { ServiceApplicationEventRow, ServiceApplicationRow } from './services.tables.ts';
import {
  type ClockInput,
  type ClockState,
  clockState,
  type ReceiptRule,
} from '../../platform/calendar/statutory-clock.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.ts';
import { CORRECTION_WORKING_DAYS } from './service-types.ts';

/** Online receipt: an application arriving on a holiday is received on the next working day. */
export const APPLICATION_RECEIPT: ReceiptRule = { holidayShiftsReceipt: true };

export interface ApplicationClocks {
  acceptance: ClockState;
  /** From 受理 (or deemed 受理); null before acceptance, for refused applications and for 即办件. */
  promised: ClockState | null;
  statutory: ClockState | null;
  /** The application was not answered in time and counts as accepted on receipt. */
  deemedAccepted: boolean;
  /** The instant its time limits run from. */
  limitsFrom: string | null;
}

const first = (events: readonly ServiceApplicationEventRow[], action: string) =>
  events.find((e) => e.action === action);

export function acceptanceInput(app: ServiceApplicationRow, events: readonly ServiceApplicationEventRow[]): ClockInput {
  const correction = first(events, 'correction');
  const supplement = first(events, 'supplement');
  const decided = events.find((e) => e.action === 'accept' || e.action === 'reject');
  return {
    receivedAt: app.submitted_at,
    workingDays: CORRECTION_WORKING_DAYS,
    rule: APPLICATION_RECEIPT,
    pauses: correction ? [{ kind: 'correction-pause', from: correction.at, to: supplement?.at ?? null }] : [],
    completedAt: decided?.at ?? null,
  };
}

export function applicationClocks(
  calendar: WorkingCalendar,
  app: ServiceApplicationRow,
  events: readonly ServiceApplicationEventRow[],
  now: Date,
): ApplicationClocks {
  const acceptance = clockState(calendar, acceptanceInput(app, events), now);
  const accepted = first(events, 'accept');
  const deemedAccepted = Boolean(accepted) && acceptance.overdue && !first(events, 'correction');
  const limitsFrom = accepted ? (deemedAccepted ? app.submitted_at : accepted.at) : null;
  const limit = (days: number | null): ClockState | null =>
    limitsFrom && days !== null && days > 0
      ? clockState(
          calendar,
          { receivedAt: limitsFrom, workingDays: days, rule: APPLICATION_RECEIPT, completedAt: app.completed_at },
          now,
        )
      : null;
  return {
    acceptance,
    promised: limit(app.promised_days),
    statutory: limit(app.statutory_days),
    deemedAccepted,
    limitsFrom,
  };
}

/** The deadline that matters now: 受理 while not decided, then 承诺时限 (else 法定时限). */
export function currentDeadline(app: ServiceApplicationRow, clocks: ApplicationClocks) {
  if (app.state === 'submitted' || app.state === 'correction')
    return { kind: '受理' as const, state: clocks.acceptance };
  if (app.state === 'accepted' || app.state === 'processing') {
    if (clocks.promised) return { kind: '承诺' as const, state: clocks.promised };
    if (clocks.statutory) return { kind: '法定' as const, state: clocks.statutory };
  }
  return null;
}

/** Finished within its promised (else statutory) limit; 即办件 and refused applications count as on time. */
export function completedOnTime(clocks: ApplicationClocks): boolean {
  const limit = clocks.promised ?? clocks.statutory;
  return limit ? !limit.overdue : !clocks.acceptance.overdue;
}

/** Working days from 受理 to 办结, as counted on the calendar. */
export function workingDaysUsed(
  calendar: WorkingCalendar,
  app: ServiceApplicationRow,
  clocks: ApplicationClocks,
): number {
  if (!clocks.limitsFrom || !app.completed_at) return 0;
  return clockState(
    calendar,
    { receivedAt: clocks.limitsFrom, workingDays: 1, rule: APPLICATION_RECEIPT, completedAt: app.completed_at },
    new Date(app.completed_at),
  ).daysUsed;
}
