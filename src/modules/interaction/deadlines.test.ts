// Message time limits on the statutory calendar, checked against dates counted by hand: counting starts on the
// first working day after the day of receipt; 2026's National Day holiday (10-01 … 10-07) is not counted and the
// adjusted working Saturday 10-10 is; 找错 is closed within one calendar month.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkingCalendar, shippedYears } from '../../platform/calendar/working-calendar.ts';
import type { Message } from './interaction.tables.ts';
import { messageClocks, crossedVetoLine } from './deadlines.ts';
import { DEFAULT_POLICY } from './policy.ts';

const calendar = new WorkingCalendar(shippedYears());

const message = (over: Partial<Message>) =>
  ({
    category: '咨询',
    state: 'pending_dispatch',
    round: 1,
    received_at: '2026-09-30T02:00:00.000Z',
    signed_at: null,
    replied_at: null,
    closed_at: null,
    invalid_at: null,
    second_requested_at: null,
    ...over,
  }) as Message;

test('a consultation left on 9-30: 签收 by 10-10 (a working Saturday), reply by 10-13, target 10-08', () => {
  const c = messageClocks(calendar, DEFAULT_POLICY, message({}), new Date('2026-10-09T02:00:00Z'));
  assert.equal(c.sign.startsCounting, '2026-10-08');
  assert.equal(c.sign.due, '2026-10-10');
  assert.equal(c.reply.due, '2026-10-13');
  assert.equal(c.target.due, '2026-10-08');
  assert.equal(c.target.overdue, true, 'the one-day target passed on 10-08');
  assert.equal(c.reply.overdue, false);
  assert.equal(c.reply.daysLeft, 3);
});

test('a message left on a Friday evening counts from Monday; a reply on the fifth working day is on time', () => {
  const m = message({ received_at: '2026-11-27T12:30:00.000Z', category: '投诉' }); // Fri 20:30 in Shanghai
  const open = messageClocks(calendar, DEFAULT_POLICY, m, new Date('2026-12-07T02:00:00Z'));
  assert.equal(open.reply.startsCounting, '2026-11-30');
  assert.equal(open.reply.due, '2026-12-04');
  assert.equal(open.reply.overdue, true);
  const replied = {
    ...m,
    state: 'replied',
    signed_at: '2026-11-30T02:00:00.000Z',
    replied_at: '2026-12-04T09:00:00.000Z',
  };
  const done = messageClocks(calendar, DEFAULT_POLICY, replied, new Date('2026-12-07T02:00:00Z'));
  assert.equal(done.reply.completed, true);
  assert.equal(done.reply.overdue, false);
  assert.equal(done.unansweredDays, null);
});

test('a second handling has 5 working days from the citizen’s request; a 找错 ticket a month to be closed', () => {
  const second = message({
    state: 'handling',
    round: 2,
    replied_at: '2026-10-08T08:00:00.000Z',
    second_requested_at: '2026-10-16T03:00:00.000Z', // Fri
  });
  const c = messageClocks(calendar, DEFAULT_POLICY, second, new Date('2026-10-20T02:00:00Z'));
  assert.equal(c.reply.startsCounting, '2026-10-19');
  assert.equal(c.reply.due, '2026-10-23');
  const ticket = message({ category: '纠错' });
  const t = messageClocks(calendar, DEFAULT_POLICY, ticket, new Date('2026-10-09T02:00:00Z'));
  assert.equal(t.reply.due, '2026-10-10', '3 working days: 10-08, 10-09 and the working Saturday 10-10');
  assert.equal(t.close?.due, '2026-10-30');
});

test('an invalid message stops its clocks; a message unanswered for three months crosses the veto line', () => {
  const invalid = message({ state: 'invalid', invalid_at: '2026-10-08T02:00:00.000Z' });
  const c = messageClocks(calendar, DEFAULT_POLICY, invalid, new Date('2026-12-07T02:00:00Z'));
  assert.equal(c.reply.overdue, false);
  assert.equal(c.unansweredDays, null);
  const waiting = message({ state: 'handling', received_at: '2026-09-01T02:00:00.000Z' });
  assert.equal(crossedVetoLine(waiting, new Date('2026-11-30T02:00:00Z')), false);
  assert.equal(crossedVetoLine(waiting, new Date('2026-12-02T02:00:00Z')), true);
});
