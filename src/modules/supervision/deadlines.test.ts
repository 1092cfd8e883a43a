// Rectification deadlines: two calendar weeks from publication, the day of publication not counted, Beijing time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  annualReportDue,
  oneMonthAfter,
  quarterCountdown,
  quarterOf,
  quarterSpan,
  rectificationDeadline,
} from './deadlines.ts';

test('published on 2 April (Beijing) → due at the end of 16 April, Beijing time', () => {
  // 2026-04-02 10:00 Beijing
  assert.equal(rectificationDeadline('2026-04-02T02:00:00.000Z'), '2026-04-16T15:59:59.999Z');
  // published at 23:30 Beijing on 2 April (15:30 UTC): still 2 April
  assert.equal(rectificationDeadline('2026-04-02T15:30:00.000Z'), '2026-04-16T15:59:59.999Z');
  // published at 00:30 Beijing on 3 April (16:30 UTC on the 2nd): the next day counts
  assert.equal(rectificationDeadline('2026-04-02T16:30:00.000Z'), '2026-04-17T15:59:59.999Z');
  // across a month and a year end; calendar days, holidays included
  assert.equal(rectificationDeadline('2026-12-25T02:00:00.000Z'), '2027-01-08T15:59:59.999Z');
  assert.equal(rectificationDeadline('2026-09-30T02:00:00.000Z'), '2026-10-14T15:59:59.999Z');
});

test('quarters, their countdown, the annual report and the one-month 找错 rule in Beijing time', () => {
  assert.deepEqual(quarterOf('2026-03-31T16:30:00.000Z'), { year: 2026, quarter: 2 });
  assert.deepEqual(quarterSpan(2026, 4), { start: '2026-09-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' });
  assert.deepEqual(quarterCountdown(new Date('2026-11-27T02:00:00.000Z'), 2026, 4), {
    msLeft: 34 * 86_400_000 + 14 * 3_600_000,
    days: 34,
    hours: 14,
  });
  assert.equal(annualReportDue(2026), '2027-01-31T15:59:59.999Z');
  assert.equal(oneMonthAfter('2026-01-31T02:00:00.000Z'), '2026-02-28T15:59:59.999Z');
});
