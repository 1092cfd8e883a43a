import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, TEST_PASSWORD, CHANGED_PASSWORD, DIALECT } from '../../../test/helpers.ts';
import { ensureInitialAccounts } from '../setup/setup.service.ts';
import { MINUTE, DAY } from '../../platform/time.ts';

test(`initial administrator must change the one-time password before anything else (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const accounts = await ensureInitialAccounts(env.ctx, null);
  assert.deepEqual(
    accounts.map((a) => a.username),
    ['admin', 'secadmin', 'auditadmin'],
  );
  assert.deepEqual(await ensureInitialAccounts(env.ctx, null), [], 'created only once');
  const admin = accounts[0];
  const s = await login(env.app, 'admin', admin.password);
  const me = await call(env.app, s, 'GET', '/api/auth/me');
  assert.equal(me.json().user.mustChangePassword, true);
  const blocked = await call(env.app, s, 'GET', '/api/users');
  assert.equal(blocked.statusCode, 403);
  assert.equal(blocked.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
  const weak = await call(env.app, s, 'POST', '/api/auth/password', {
    currentPassword: admin.password,
    newPassword: 'short',
  });
  assert.equal(weak.json().error.code, 'PASSWORD_POLICY');
  assert.match(weak.json().error.message, /长度至少 10 位/);
  const same = await call(env.app, s, 'POST', '/api/auth/password', {
    currentPassword: admin.password,
    newPassword: admin.password,
  });
  assert.equal(same.json().error.code, 'PASSWORD_REUSED');
  const ok = await call(env.app, s, 'POST', '/api/auth/password', {
    currentPassword: admin.password,
    newPassword: CHANGED_PASSWORD,
  });
  assert.equal(ok.statusCode, 200);
  assert.equal((await call(env.app, s, 'GET', '/api/users')).statusCode, 200);
  // The hash is memory-hard argon2id, never the password itself.
  const row = await env.ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  assert.match(row.password_hash, /^\$argon2id\$/);
});

test('GOVPORTAL_ADMIN_PASSWORD sets the administrator password (still to be changed at first login)', async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  const [admin] = await ensureInitialAccounts(env.ctx, 'Given-Passw0rd!');
  assert.equal(admin.password, 'Given-Passw0rd!');
  const s = await login(env.app, 'admin', 'Given-Passw0rd!');
  assert.equal((await call(env.app, s, 'GET', '/api/auth/me')).json().user.mustChangePassword, true);
});

test('an account is locked after 5 failed logins, and the security administrator unlocks it', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await staff(env.ctx, 'editor1', ['editor'], '综合处');
  await staff(env.ctx, 'sec1', ['sec_admin']);
  for (let i = 0; i < 4; i++) {
    const r = await call(env.app, null, 'POST', '/api/auth/login', {
      username: 'editor1',
      password: 'wrong-password',
    });
    assert.equal(r.json().error.code, 'LOGIN_FAILED');
  }
  const fifth = await call(env.app, null, 'POST', '/api/auth/login', {
    username: 'editor1',
    password: 'wrong-password',
  });
  assert.equal(fifth.statusCode, 423);
  assert.equal(fifth.json().error.code, 'ACCOUNT_LOCKED');
  const right = await call(env.app, null, 'POST', '/api/auth/login', {
    username: 'editor1',
    password: TEST_PASSWORD,
  });
  assert.equal(right.statusCode, 423, 'even the right password is refused while locked');

  const sec = await login(env.app, 'sec1');
  const locked = await call(env.app, sec, 'GET', '/api/security/locked-users');
  assert.deepEqual(
    locked.json().items.map((u: { username: string }) => u.username),
    ['editor1'],
  );
  const id = locked.json().items[0].id;
  assert.equal((await call(env.app, sec, 'POST', `/api/users/${id}/unlock`)).statusCode, 200);
  assert.equal(
    (await call(env.app, null, 'POST', '/api/auth/login', { username: 'editor1', password: TEST_PASSWORD })).statusCode,
    200,
  );

  const failures = await env.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'outcome'])
    .where('outcome', '=', 'failure')
    .execute();
  assert.ok(failures.filter((f) => f.action === 'auth.login').length >= 4, 'failed logins are audited');
  assert.ok(failures.some((f) => f.action === 'auth.lock'));
});

test('the lock expires by itself after the lock period', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await staff(env.ctx, 'editor2', ['editor'], '综合处');
  for (let i = 0; i < 5; i++)
    await call(env.app, null, 'POST', '/api/auth/login', { username: 'editor2', password: 'nope' });
  assert.equal(
    (await call(env.app, null, 'POST', '/api/auth/login', { username: 'editor2', password: TEST_PASSWORD })).statusCode,
    423,
  );
  env.clock.advance(16 * MINUTE);
  assert.equal(
    (await call(env.app, null, 'POST', '/api/auth/login', { username: 'editor2', password: TEST_PASSWORD })).statusCode,
    200,
  );
});

test('one address guessing many accounts is throttled', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  for (let i = 0; i < 30; i++)
    await call(env.app, null, 'POST', '/api/auth/login', { username: `nobody${i}`, password: 'x' });
  const r = await call(env.app, null, 'POST', '/api/auth/login', { username: 'nobody', password: 'x' });
  assert.equal(r.statusCode, 429);
  assert.equal(r.json().error.code, 'TOO_MANY_ATTEMPTS');
});

test('sessions expire when idle and after their absolute lifetime', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await staff(env.ctx, 'admin1', ['sys_admin']);
  const s = await login(env.app, 'admin1');
  env.clock.advance(29 * MINUTE);
  assert.equal(
    (await call(env.app, s, 'GET', '/api/auth/me')).statusCode,
    200,
    'activity within 30 minutes keeps it alive',
  );
  env.clock.advance(31 * MINUTE);
  const idle = await call(env.app, s, 'GET', '/api/auth/me');
  assert.equal(idle.statusCode, 401);
  assert.equal(idle.json().error.code, 'SESSION_EXPIRED');

  const s2 = await login(env.app, 'admin1');
  let minutes = 0;
  let last = await call(env.app, s2, 'GET', '/api/auth/me');
  while (last.statusCode === 200 && minutes < 24 * 60) {
    env.clock.advance(28 * MINUTE);
    minutes += 28;
    last = await call(env.app, s2, 'GET', '/api/auth/me');
  }
  assert.equal(last.json().error.code, 'SESSION_EXPIRED', 'ends however active');
  assert.ok(minutes >= 12 * 60 && minutes < 12 * 60 + 28, `ended after ${minutes} minutes, at the 12-hour limit`);
});

test('writes need the CSRF token; logout ends the session', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await staff(env.ctx, 'admin1', ['sys_admin']);
  const s = await login(env.app, 'admin1');
  const noToken = await env.app.inject({
    method: 'POST',
    url: '/api/users/1/disable',
    headers: { cookie: s.cookie },
  });
  assert.equal(noToken.statusCode, 403);
  assert.equal(noToken.json().error.code, 'CSRF_FAILED');
  const wrong = await env.app.inject({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
  });
  assert.equal(wrong.json().error.code, 'CSRF_FAILED');
  assert.equal((await call(env.app, s, 'POST', '/api/auth/logout')).statusCode, 200);
  assert.equal((await call(env.app, s, 'GET', '/api/auth/me')).statusCode, 401);
  const cookie = (
    await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin1', password: TEST_PASSWORD },
    })
  ).headers['set-cookie'];
  assert.match(String(cookie), /HttpOnly/);
  assert.match(String(cookie), /SameSite=Strict/);
});

test('an expired password must be changed; the last passwords cannot be reused', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await staff(env.ctx, 'editor3', ['editor'], '综合处');
  env.clock.advance(91 * DAY);
  const s = await login(env.app, 'editor3');
  assert.equal((await call(env.app, s, 'GET', '/api/auth/me')).json().user.passwordExpired, true);
  assert.equal((await call(env.app, s, 'GET', '/api/sites')).json().error.code, 'PASSWORD_CHANGE_REQUIRED');
  assert.equal(
    (
      await call(env.app, s, 'POST', '/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: CHANGED_PASSWORD,
      })
    ).statusCode,
    200,
  );
  env.clock.advance(10 * MINUTE);
  const back = await call(env.app, s, 'POST', '/api/auth/password', {
    currentPassword: CHANGED_PASSWORD,
    newPassword: TEST_PASSWORD,
  });
  assert.equal(back.json().error.code, 'PASSWORD_REUSED');
  const wrong = await call(env.app, s, 'POST', '/api/auth/password', {
    currentPassword: 'not-it',
    newPassword: 'Another-Passw0rd!',
  });
  assert.equal(wrong.json().error.code, 'PASSWORD_WRONG');
});
