// Lockout that concurrency cannot beat: parallel guesses are counted before any password is evaluated, so at
// most the policy's number of passwords is ever checked; unknown accounts answer exactly like real ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, DIALECT, TEST_PASSWORD } from '../../../test/helpers.ts';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';

const guess = (app: App, username: string, password: string, ip = '198.51.100.7') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

/** How many passwords were actually evaluated and found wrong (each leaves one audit record). */
async function evaluated(ctx: AppContext, username: string): Promise<number> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'auth.login')
    .where('actor_name', '=', username)
    .where('outcome', '=', 'failure')
    .execute();
  return rows.filter((r) => /bad-password|unknown-user/.test(String(r.detail))).length;
}

test(`40 parallel guesses evaluate at most 5 passwords and lock the account (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'victim', ['editor'], '综合处');
  // From 40 addresses, as a botnet would: the account's own counter must hold on its own.
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) => guess(app, 'victim', `wrong-${i}`, `198.51.100.${i + 1}`)),
  );
  const codes = answers.map((a) => a.statusCode);
  assert.ok(
    codes.every((c) => c === 401 || c === 423),
    `only 401 and 423: ${codes.join(',')}`,
  );
  assert.ok((await evaluated(ctx, 'victim')) <= 5, `evaluated ${await evaluated(ctx, 'victim')} passwords`);
  assert.ok(codes.filter((c) => c === 423).length >= 35);
  const right = await guess(app, 'victim', TEST_PASSWORD);
  assert.equal(right.statusCode, 423, 'the right password is refused while locked');
  // The security administrator sees the lock and lifts it; then the right password works again.
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'locked_until'])
    .where('username', '=', 'victim')
    .executeTakeFirstOrThrow();
  assert.ok(user.locked_until, 'shown as locked');
  await staff(ctx, 'sec1', ['sec_admin']);
  const sec = await login(app, 'sec1');
  assert.equal((await call(app, sec, 'POST', `/api/users/${user.id}/unlock`)).statusCode, 200);
  assert.equal((await guess(app, 'victim', TEST_PASSWORD)).statusCode, 200);
  const locks = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'auth.lock').execute();
  assert.equal(locks.length, 1, 'the lock is recorded once');
});

test(`an unknown account answers exactly like a real one, locks included (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'realone', ['editor'], '综合处');
  const sequence = async (username: string) => {
    const out: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await guess(app, username, `nope-${i}`, '203.0.113.9');
      out.push(`${r.statusCode} ${r.json().error.code} ${r.json().error.message}`);
    }
    return out;
  };
  const real = await sequence('realone');
  const unknown = await sequence('nobody-here');
  assert.deepEqual(unknown, real);
  assert.match(real[4]!, /^423 ACCOUNT_LOCKED/, 'the fifth failure locks');
  // Parallel guesses at an unknown name are bounded the same way.
  const parallel = await Promise.all(
    Array.from({ length: 40 }, (_, i) => guess(app, 'ghost', `x${i}`, `203.0.113.${i + 20}`)),
  );
  assert.ok((await evaluated(ctx, 'ghost')) <= 5);
  assert.ok(parallel.every((r) => r.statusCode === 401 || r.statusCode === 423));
});

test(`one address guessing in parallel is throttled at the per-address limit (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  // Policy: 30 failures per address in the lock window; 40 different names in parallel from one address.
  const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => guess(app, `user${i}`, 'pw', '192.0.2.44')));
  const throttled = answers.filter((a) => a.statusCode === 429).length;
  assert.ok(throttled >= 10, `${throttled} throttled`);
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'auth.login')
    .where('ip', '=', '192.0.2.44')
    .execute();
  assert.ok(rows.filter((r) => String(r.detail).includes('unknown-user')).length <= 30);
  // Another address is not affected; a successful login does not count against its address.
  await staff(ctx, 'office', ['editor'], '综合处');
  for (let i = 0; i < 35; i++) assert.equal((await guess(app, 'office', TEST_PASSWORD, '192.0.2.45')).statusCode, 200);
});

test(`wrong current passwords on the change-password endpoint lock the account after 5 (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'holder', ['editor'], '综合处');
  const session = await login(app, 'holder');
  const answers = await Promise.all(
    Array.from({ length: 25 }, (_, i) =>
      call(app, session, 'POST', '/api/auth/password', {
        currentPassword: `wrong-${i}`,
        newPassword: 'Another-Passw0rd#9',
      }),
    ),
  );
  const wrong = answers.filter((a) => a.json().error?.code === 'PASSWORD_WRONG').length;
  assert.ok(wrong <= 4, `${wrong} wrong-current answers`);
  assert.ok(answers.every((a) => a.statusCode === 400 || a.statusCode === 423 || a.statusCode === 401));
  // The session is ended and the account locked: the right password does not get in either.
  assert.equal((await call(app, session, 'GET', '/api/auth/me')).statusCode, 401);
  assert.equal((await guess(app, 'holder', TEST_PASSWORD)).statusCode, 423);
  const user = await ctx.db
    .selectFrom('users')
    .select('password_hash')
    .where('username', '=', 'holder')
    .executeTakeFirstOrThrow();
  assert.ok(user.password_hash.startsWith('$argon2id$'), 'the password did not change');
});
