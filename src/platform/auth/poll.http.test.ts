import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, DIALECT, type Session } from '../../../test/helpers.ts';
import { MINUTE } from '../time.ts';
import { POLL_HEADER } from './guard.ts';

const poll = (app: Awaited<ReturnType<typeof testEnv>>['app'], s: Session, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: s.cookie, [POLL_HEADER]: '1' } });
const get = (app: Awaited<ReturnType<typeof testEnv>>['app'], s: Session, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

test(`background polls check the session without keeping it alive; real requests do (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx, clock } = env;
  await staff(ctx, 'zh_poll', ['editor'], '综合处');
  await staff(ctx, 'zh_work', ['editor'], '综合处');
  const idle = await login(app, 'zh_poll');
  const busy = await login(app, 'zh_work');
  const lastSeen = async (username: string) =>
    (
      await ctx.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select('sessions.last_seen_at')
        .where('users.username', '=', username)
        .executeTakeFirst()
    )?.last_seen_at;
  const loggedInAt = clock.now().toISOString();

  // A console left open: the bell and the menu badge poll every minute for 29 minutes.
  for (let minute = 1; minute < 30; minute += 1) {
    clock.advance(MINUTE);
    for (const url of ['/api/notifications', '/api/review/counts']) {
      const res = await poll(app, idle, url);
      assert.equal(
        res.statusCode,
        200,
        `a poll is answered while the session is valid (minute ${minute}): ${res.body}`,
      );
    }
    // The other staff member works: ordinary requests at the same pace.
    assert.equal((await get(app, busy, '/api/notifications')).statusCode, 200);
  }
  assert.equal(await lastSeen('zh_poll'), loggedInAt, 'polls did not move the idle timer');
  assert.notEqual(await lastSeen('zh_work'), loggedInAt, 'ordinary requests did');

  // 30 minutes after the last real activity the polled session has expired; the working one has not.
  clock.advance(MINUTE);
  const expired = await poll(app, idle, '/api/notifications');
  assert.equal(expired.statusCode, 401);
  assert.equal(expired.json().error.code, 'SESSION_EXPIRED');
  assert.equal(
    (await get(app, idle, '/api/auth/me')).json().error.code,
    'UNAUTHENTICATED',
    'the expired session is gone',
  );
  assert.equal((await get(app, busy, '/api/auth/me')).statusCode, 200, 'requests keep a session alive');
  assert.equal((await poll(app, busy, '/api/review/counts')).statusCode, 200);

  // The header only spares the idle timer of reads: a write is activity whatever it says.
  const worker = await login(app, 'zh_work');
  clock.advance(20 * MINUTE);
  const write = await app.inject({
    method: 'POST',
    url: '/api/notifications/read-all',
    headers: { cookie: worker.cookie, 'x-csrf-token': worker.csrf, [POLL_HEADER]: '1' },
    payload: {},
  });
  assert.equal(write.statusCode, 200, write.body);
  clock.advance(20 * MINUTE);
  assert.equal(
    (await poll(app, worker, '/api/notifications')).statusCode,
    200,
    'the write 20 minutes ago refreshed the session',
  );
});
