// The calendar in the console, on both dialects: a year without data flags every deadline it touches as an
// estimate; once the site administrator enters the year, the same stored facts give the exact due date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, login, staff, testEnv } from '../../../test/helpers.ts';

const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

test(`a year without data is estimated, then exact once entered (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx, clock } = env;
  clock.set(bj('2026-12-30T12:00:00'));
  await staff(ctx, 'zz_admin', ['site_admin']);
  await staff(ctx, 'zz_editor', ['editor'], '综合处');
  const admin = await login(app, 'zz_admin');

  // A message received on 2026-12-30 with 5 working days, as any module computes it from its stored facts.
  const stored = { receivedAt: bj('2026-12-30T10:00:00'), workingDays: 5 };
  const before = await ctx.calendar.clockState(stored);
  assert.deepEqual([before.due, before.estimated, before.estimatedYears], ['2027-01-06', true, [2027]]);

  const list = await call(app, admin, 'GET', '/api/calendar/years');
  assert.equal(list.statusCode, 200, list.body);
  const years = list.json().years as { year: number; source: string; holidays: number }[];
  assert.deepEqual(
    years.map((y) => [y.year, y.source]),
    [
      [2025, 'shipped'],
      [2026, 'shipped'],
      [2027, 'missing'],
    ],
  );
  assert.equal(years[1].holidays, 33);

  const days = [
    { date: '2027-01-01', off: true, name: '元旦' },
    { date: '2027-02-06', off: true, name: '春节' },
    { date: '2027-02-20', off: false, name: '春节' },
  ];
  const bad = await call(app, admin, 'PUT', '/api/calendar/years/2027', {
    days: [...days, { date: '2027-01-05', off: false, name: '调休' }],
    source: '测试',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /2027-01-05 是工作日/);
  assert.equal((await ctx.calendar.clockState(stored)).estimated, true, 'a refused entry changes nothing');

  const editor = await login(app, 'zz_editor');
  assert.equal((await call(app, editor, 'PUT', '/api/calendar/years/2027', { days, source: 'x' })).statusCode, 403);

  const saved = await call(app, admin, 'PUT', '/api/calendar/years/2027', {
    days,
    source: '国务院办公厅关于2027年部分节假日安排的通知',
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const after = await ctx.calendar.clockState(stored);
  assert.deepEqual([after.due, after.estimated], ['2027-01-07', false], 'recomputed on read from the same facts');
  const preview = await call(
    app,
    admin,
    'GET',
    `/api/calendar/preview?receivedAt=${encodeURIComponent(stored.receivedAt)}&workingDays=5`,
  );
  assert.deepEqual(preview.json(), {
    receivedOn: '2026-12-30',
    startsCounting: '2026-12-31',
    due: '2027-01-07',
    estimated: false,
    estimatedYears: [],
  });
  const audit = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'target_id'])
    .where('action', 'like', 'calendar.%')
    .execute();
  assert.deepEqual(audit, [{ action: 'calendar.year', target_id: '2027' }]);

  assert.equal((await call(app, admin, 'DELETE', '/api/calendar/years/2027')).statusCode, 200);
  assert.equal((await ctx.calendar.clockState(stored)).estimated, true);
  assert.equal((await call(app, admin, 'DELETE', '/api/calendar/years/2027')).statusCode, 404);
});
