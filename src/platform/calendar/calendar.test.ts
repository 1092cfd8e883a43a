// The statutory calendar on real dates. Every expected date below is counted by hand from the 2026 notice
// (国办发明电〔2025〕7号 as shipped in holidays.json): 中秋 09-25…09-27, 国庆 10-01…10-07, 调休上班 09-20 (Sun)
// and 10-10 (Sat).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkingCalendar, shippedYears, yearProblems, weekday, endOfShanghaiDay } from './working-calendar.ts';
import {
  DISCLOSURE_RECEIPT,
  MESSAGE_RECEIPT,
  calendarDeadline,
  clockState,
  receivedOn,
  startsCounting,
} from './statutory-clock.ts';

const calendar = new WorkingCalendar(shippedYears());
/** An instant in Asia/Shanghai. */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
const at = (local: string) => new Date(`${local}+08:00`);

test('the shipped years are the State Council notices of 2025 and 2026 (regs §8)', () => {
  const days = (year: number, off: boolean) =>
    shippedYears()
      .find((y) => y.year === year)!
      .days.filter((d) => d.off === off)
      .map((d) => d.date.slice(5));
  assert.deepEqual(days(2025, false), ['01-26', '02-08', '04-27', '09-28', '10-11']);
  assert.deepEqual(days(2026, false), ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10']);
  assert.equal(days(2025, true).length, 28);
  assert.deepEqual(days(2026, true).slice(-10), [
    '09-25',
    '09-26',
    '09-27',
    '10-01',
    '10-02',
    '10-03',
    '10-04',
    '10-05',
    '10-06',
    '10-07',
  ]);
  assert.equal(days(2026, true).length, 33);
});

test('make-up weekend days are working days, holidays and ordinary weekends are not', () => {
  assert.equal(weekday('2026-10-10'), 6, '2026-10-10 is a Saturday');
  assert.equal(calendar.isWorkingDay('2026-10-10'), true);
  assert.equal(weekday('2026-09-20'), 0, '2026-09-20 is a Sunday');
  assert.equal(calendar.isWorkingDay('2026-09-20'), true);
  assert.equal(calendar.isWorkingDay('2026-10-11'), false, 'an ordinary Sunday');
  assert.equal(calendar.isWorkingDay('2026-10-05'), false, '国庆 on a Monday');
  assert.equal(calendar.isWorkingDay('2026-09-25'), false, '中秋 on a Friday');
  assert.equal(calendar.isWorkingDay('2026-09-30'), true);
  assert.equal(calendar.nextWorkingDay('2026-09-30'), '2026-10-08');
  assert.equal(calendar.addWorkingDays('2026-09-30', 3), '2026-10-10');
  assert.equal(calendar.workingDaysBetween('2026-09-30', '2026-10-13'), 5);
  assert.equal(calendar.workingDaysBetween('2026-10-13', '2026-09-30'), 0);
});

test('a message received on 2026-09-30, before 国庆: 1, 3 and 5 working days', () => {
  const receivedAt = bj('2026-09-30T10:00:00');
  const now = at('2026-10-08T09:00:00');
  const due = (workingDays: number) => clockState(calendar, { receivedAt, workingDays }, now);
  assert.equal(due(1).receivedOn, '2026-09-30');
  assert.equal(due(1).startsCounting, '2026-10-08', 'counting begins on the first working day after receipt');
  assert.equal(due(1).due, '2026-10-08');
  assert.equal(due(3).due, '2026-10-10', 'the make-up Saturday is the third working day');
  assert.equal(due(5).due, '2026-10-13');
  assert.equal(due(5).dueAt, '2026-10-13T15:59:59.999Z', 'the due day ends at midnight in Beijing');
  assert.deepEqual(
    { used: due(5).daysUsed, left: due(5).daysLeft, overdue: due(5).overdue, estimated: due(5).estimated },
    { used: 1, left: 4, overdue: false, estimated: false },
  );
  const late = clockState(calendar, { receivedAt, workingDays: 1 }, at('2026-10-09T08:00:00'));
  assert.equal(late.overdue, true, 'the day after the due day is overdue');
  const answered = clockState(
    calendar,
    { receivedAt, workingDays: 1, completedAt: bj('2026-10-08T16:00:00') },
    at('2026-11-01T00:00:00'),
  );
  assert.deepEqual([answered.completed, answered.overdue, answered.daysUsed], [true, false, 1]);
});

test('receipt on a holiday or after hours: receivedOn versus startsCounting', () => {
  // A message on a holiday is received that day; counting still begins on the first working day after it.
  assert.equal(receivedOn(calendar, bj('2026-10-03T11:00:00'), MESSAGE_RECEIPT), '2026-10-03');
  assert.equal(startsCounting(calendar, '2026-10-03'), '2026-10-08');
  // An application on 中秋 (2026-09-25) counts as received on the next working day (条例 第三十一条).
  assert.equal(receivedOn(calendar, bj('2026-09-25T10:00:00'), DISCLOSURE_RECEIPT), '2026-09-28');
  // After office hours, where a rule sets them: received the next working day.
  const evening = { holidayShiftsReceipt: true, officeClosesAt: '17:30' };
  assert.equal(receivedOn(calendar, bj('2026-09-30T17:45:00'), evening), '2026-10-08');
  assert.equal(receivedOn(calendar, bj('2026-09-30T17:29:00'), evening), '2026-09-30');
  // Midnight belongs to the Beijing day, not the UTC one.
  assert.equal(receivedOn(calendar, '2026-09-29T16:30:00.000Z', MESSAGE_RECEIPT), '2026-09-30');
});

const application = { receivedAt: bj('2026-09-25T10:00:00'), workingDays: 20, rule: DISCLOSURE_RECEIPT };

test('依申请公开 submitted on 2026-09-25 (中秋): received 09-28, 20 working days due 10-30', () => {
  const s = clockState(calendar, application, at('2026-10-09T12:00:00'));
  assert.deepEqual([s.receivedOn, s.startsCounting, s.due], ['2026-09-28', '2026-09-29', '2026-10-30']);
  assert.deepEqual([s.daysUsed, s.daysLeft, s.limit], [4, 16, 20]);
});

test('补正 that restarts the clock: notice on 10-09, corrected application 10 days later', () => {
  const pauses = [{ kind: 'correction-restart' as const, from: bj('2026-10-09T15:00:00'), to: null }];
  const waiting = clockState(calendar, { ...application, pauses }, at('2026-10-15T10:00:00'));
  assert.deepEqual([waiting.paused, waiting.due, waiting.daysUsed], [true, null, 0]);
  const resumed = clockState(
    calendar,
    { ...application, pauses: [{ ...pauses[0], to: bj('2026-10-19T10:00:00') }] },
    at('2026-10-21T10:00:00'),
  );
  // Received anew on 10-19; 20 working days from 10-20.
  assert.deepEqual(
    [resumed.receivedOn, resumed.startsCounting, resumed.due],
    ['2026-10-19', '2026-10-20', '2026-11-16'],
  );
  assert.deepEqual([resumed.paused, resumed.daysUsed], [false, 2]);
});

test('补正 that only stops the clock for 10 days: the 7 working days inside are not counted', () => {
  const pauses = [
    { kind: 'correction-pause' as const, from: bj('2026-10-09T15:00:00'), to: bj('2026-10-19T10:00:00') },
  ];
  const s = clockState(calendar, { ...application, pauses }, at('2026-10-20T10:00:00'));
  assert.equal(s.due, '2026-11-10');
  assert.equal(s.daysUsed, 5, '09-29, 09-30, 10-08, 10-09 and 10-20');
});

test('a 20-day extension moves the due date from 10-30 to 11-27', () => {
  const s = clockState(
    calendar,
    { ...application, extensions: [{ days: 20, at: bj('2026-10-28T10:00:00') }] },
    at('2026-10-31T10:00:00'),
  );
  assert.deepEqual([s.limit, s.due, s.overdue], [40, '2026-11-27', false]);
});

test('third-party consultation time is not counted', () => {
  const consulting = { kind: 'consultation' as const, from: bj('2026-10-12T10:00:00'), to: null };
  const open = clockState(calendar, { ...application, pauses: [consulting] }, at('2026-10-20T10:00:00'));
  assert.deepEqual([open.paused, open.due, open.daysUsed], [true, null, 6]);
  const replied = clockState(
    calendar,
    { ...application, pauses: [{ ...consulting, to: bj('2026-10-30T16:00:00') }] },
    at('2026-11-02T10:00:00'),
  );
  // 6 days counted before (to 10-12), 14 working days of consultation skipped, 14 more from 11-02.
  assert.deepEqual([replied.due, replied.daysUsed, replied.paused], ['2026-11-19', 7, false]);
});

test('a year without data is counted Monday–Friday and flagged', () => {
  const s = clockState(calendar, { receivedAt: bj('2026-12-30T10:00:00'), workingDays: 5 }, at('2026-12-30T12:00:00'));
  assert.deepEqual([s.due, s.estimated, s.estimatedYears], ['2027-01-06', true, [2027]]);
  const within = clockState(
    calendar,
    { receivedAt: bj('2026-12-01T10:00:00'), workingDays: 5 },
    at('2026-12-02T09:00:00'),
  );
  assert.equal(within.estimated, false);
  const withYear = new WorkingCalendar([
    ...shippedYears(),
    { year: 2027, source: 'entered', days: [{ date: '2027-01-01', off: true, name: '元旦' }] },
  ]);
  const exact = clockState(
    withYear,
    { receivedAt: bj('2026-12-30T10:00:00'), workingDays: 5 },
    at('2026-12-30T12:00:00'),
  );
  assert.deepEqual([exact.due, exact.estimated], ['2027-01-07', false]);
});

test('calendar-day periods: two weeks and one month, ending on a working day', () => {
  const now = at('2026-09-18T00:00:00');
  const twoWeeks = calendarDeadline(calendar, bj('2026-09-17T10:00:00'), { days: 14 }, now);
  assert.equal(twoWeeks.due, '2026-10-08', '10-01 is 国庆: the period ends on the next working day');
  assert.equal(
    calendarDeadline(calendar, bj('2026-09-17T10:00:00'), { days: 14, extendPastHoliday: false }, now).due,
    '2026-10-01',
  );
  assert.equal(
    calendarDeadline(calendar, bj('2026-01-31T10:00:00'), { months: 1 }, now).due,
    '2026-02-28',
    'a make-up Saturday',
  );
  assert.equal(calendarDeadline(calendar, bj('2026-08-31T10:00:00'), { months: 1 }, now).due, '2026-09-30');
  assert.equal(calendarDeadline(calendar, bj('2026-12-20T10:00:00'), { months: 1 }, now).estimated, true);
  assert.equal(endOfShanghaiDay('2026-10-08'), '2026-10-08T15:59:59.999Z');
});

test('entered years are checked before they are saved', () => {
  assert.deepEqual(yearProblems(2027, []), ['至少登记一天法定节假日']);
  assert.deepEqual(
    yearProblems(2027, [
      { date: '2027-02-30', off: true, name: '春节' },
      { date: '2026-10-01', off: true, name: '国庆' },
      { date: '2027-01-05', off: false, name: '调休' },
      { date: '2027-01-01', off: true, name: ' ' },
    ]),
    [
      '“2027-02-30”不是有效日期',
      '2026-10-01 不属于 2027 年',
      '2027-01-05 是工作日，不需要登记为调休上班',
      '2027-01-01 缺少节日名称',
    ],
  );
});
