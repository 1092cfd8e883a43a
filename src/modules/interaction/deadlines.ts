// A message's clocks, computed on read from its stored facts and the statutory calendar (never stored, so a year
// entered later makes every deadline exact at once): 签收 and the reply both run from submission (the approval
// of the reply is part of the time), a second handling runs from the citizen's request, 找错 must be closed within
// one month (calendar days, ending on a working day). The 互动回应差 veto looks at a valid message left without a
// reply for more than three months.
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.ts';
import {
  calendarDeadline,
  clockState,
  type CalendarDeadline,
  type ClockState,
} from '../../platform/calendar/statutory-clock.ts';
import type { Message } from './interaction.tables.ts';
import type { Category, InteractionPolicy } from './policy.ts';

export type MessageState =
  | 'pending_dispatch'
  | 'assigned'
  | 'handling'
  | 'in_review'
  | 'replied'
  | 'closed'
  | 'invalid';

export const STATE_NAMES: Record<MessageState, string> = {
  pending_dispatch: '待分办',
  assigned: '待签收',
  handling: '办理中',
  in_review: '答复审核中',
  replied: '已答复',
  closed: '已办结',
  invalid: '无效留言',
};

/** What the citizen sees: the inner steps of the office are one “办理中”. */
export const CITIZEN_STATE_NAMES: Record<MessageState, string> = {
  pending_dispatch: '已受理',
  assigned: '已受理',
  handling: '办理中',
  in_review: '办理中',
  replied: '已答复',
  closed: '已办结',
  invalid: '不予受理',
};

export const OPEN_STATES: readonly MessageState[] = ['pending_dispatch', 'assigned', 'handling', 'in_review'];

export const isOpen = (state: string) => (OPEN_STATES as readonly string[]).includes(state);

export interface MessageClocks {
  /** 签收 (null once it no longer matters: invalid). */
  sign: ClockState;
  /** The reply of the current round, against the limit. */
  reply: ClockState;
  /** The reply against the site's target (咨询: one working day). */
  target: ClockState;
  /** 找错: 办结 within one month; null for board messages (the reply closes them). */
  close: (CalendarDeadline & { completed: boolean }) | null;
  /** Calendar days since receipt while no reply was given (for the 3-month line); null once answered. */
  unansweredDays: number | null;
}

type ClockFacts = Pick<
  Message,
  | 'category'
  | 'state'
  | 'round'
  | 'received_at'
  | 'signed_at'
  | 'replied_at'
  | 'closed_at'
  | 'invalid_at'
  | 'second_requested_at'
>;

const DAY_MS = 86_400_000;

/** When the current round was answered: the first reply for round 1, the second reply for round 2. */
function roundAnsweredAt(m: ClockFacts, secondRepliedAt: string | null): string | null {
  if (m.round >= 2) return secondRepliedAt;
  return m.replied_at;
}

export function messageClocks(
  calendar: WorkingCalendar,
  policy: InteractionPolicy,
  m: ClockFacts,
  now: Date,
  secondRepliedAt: string | null = null,
): MessageClocks {
  const limits = policy.categories[m.category as Category] ?? policy.categories.咨询;
  const stoppedAt = m.invalid_at;
  const answered = roundAnsweredAt(m, secondRepliedAt);
  const roundStart = m.round >= 2 && m.second_requested_at ? m.second_requested_at : m.received_at;
  const sign = clockState(
    calendar,
    {
      receivedAt: m.received_at,
      workingDays: limits.signDays,
      completedAt: m.signed_at ?? m.replied_at ?? stoppedAt,
    },
    now,
  );
  const reply = clockState(
    calendar,
    { receivedAt: roundStart, workingDays: limits.replyLimitDays, completedAt: answered ?? stoppedAt },
    now,
  );
  const target = clockState(
    calendar,
    { receivedAt: roundStart, workingDays: limits.replyTargetDays, completedAt: answered ?? stoppedAt },
    now,
  );
  const close =
    limits.closeMonths !== null
      ? {
          ...calendarDeadline(calendar, m.received_at, { months: limits.closeMonths }, new Date(m.closed_at ?? now)),
          completed: Boolean(m.closed_at ?? stoppedAt),
        }
      : null;
  const unansweredDays =
    m.replied_at || stoppedAt ? null : Math.floor((now.getTime() - new Date(m.received_at).getTime()) / DAY_MS);
  return { sign, reply, target, close, unansweredDays };
}

/** Whole working days a reply took (submission to approval), or null without a reply. */
export function workingDaysToReply(calendar: WorkingCalendar, receivedAt: string, repliedAt: string | null) {
  if (!repliedAt) return null;
  const state = clockState(calendar, { receivedAt, workingDays: 0, completedAt: repliedAt }, new Date(repliedAt));
  return state.daysUsed;
}

/** Three calendar months after receipt: the 互动回应差 line (监测时间点前1年内 … 超过3个月未回应). */
export function vetoLine(receivedAt: string): string {
  const d = new Date(receivedAt);
  const line = new Date(d);
  line.setUTCMonth(line.getUTCMonth() + 3);
  // 31 May + 3 months is 31 August, not 1 September: keep the day within the month.
  if (line.getUTCDate() !== d.getUTCDate()) line.setUTCDate(0);
  return line.toISOString();
}

/** Whether a valid message crossed the three-month line without a reply (by `now`, or replied after it). */
export function crossedVetoLine(m: Pick<Message, 'received_at' | 'replied_at' | 'state'>, now: Date): boolean {
  if (m.state === 'invalid') return false;
  const line = vetoLine(m.received_at);
  return (m.replied_at ?? now.toISOString()) > line;
}
