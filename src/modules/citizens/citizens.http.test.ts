// The public account over HTTP, on both dialects: registration with a code read from the "sent" SMS, login,
// the user space, password change, contact change, deletion; lockout under 40 parallel guesses; the answers
// never reveal whether an account exists; CSRF; rate limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, testEnv } from '../../../test/helpers.ts';
import { CITIZEN_PASSWORD, citizenCall, citizenOutbox, loginCitizen, registerCitizen } from '../../../test/citizens.ts';

test(`register → code → login → user space → password → contact → delete (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const box = citizenOutbox(ctx);

  // 异地用户: a number from anywhere in China registers the same way.
  const phone = '13800138000';
  const ask = await app.inject({
    method: 'POST',
    url: '/api/citizen/codes',
    payload: { purpose: 'register', channel: 'sms', target: '+86 138-0013-8000' },
  });
  assert.equal(ask.statusCode, 200, ask.body);
  assert.equal(ask.json().verified, false, 'no proof of work: stricter limits apply');
  assert.equal(box.sms.sent.at(-1)!.to, phone, 'normalised number');
  const code = box.sms.lastCode(phone);

  const noConsent = await app.inject({
    method: 'POST',
    url: '/api/citizen/register',
    payload: {
      channel: 'sms',
      target: phone,
      code,
      password: CITIZEN_PASSWORD,
      accountType: 'person',
      acceptTerms: true,
      acceptPrivacy: false,
    },
  });
  assert.equal(noConsent.json().error.code, 'CITIZEN_CONSENT_REQUIRED');
  const weak = await app.inject({
    method: 'POST',
    url: '/api/citizen/register',
    payload: {
      channel: 'sms',
      target: phone,
      code,
      password: 'abc',
      accountType: 'person',
      acceptTerms: true,
      acceptPrivacy: true,
    },
  });
  assert.equal(weak.json().error.code, 'CITIZEN_PASSWORD_POLICY');
  assert.match(weak.json().error.message, /长度至少/);
  const wrongCode = await app.inject({
    method: 'POST',
    url: '/api/citizen/register',
    payload: {
      channel: 'sms',
      target: phone,
      code: code === '000000' ? '111111' : '000000',
      password: CITIZEN_PASSWORD,
      accountType: 'person',
      acceptTerms: true,
      acceptPrivacy: true,
    },
  });
  assert.equal(wrongCode.json().error.code, 'CITIZEN_CODE_INVALID');

  const reg = await app.inject({
    method: 'POST',
    url: '/api/citizen/register',
    payload: {
      channel: 'sms',
      target: phone,
      code,
      password: CITIZEN_PASSWORD,
      displayName: '王小明',
      accountType: 'person',
      acceptTerms: true,
      acceptPrivacy: true,
    },
  });
  assert.equal(reg.statusCode, 200, reg.body);
  const account = reg.json().account;
  assert.equal(account.phone, '138****8000', 'shown masked');
  assert.deepEqual(
    account.consents.map((c: { document: string; version: string }) => [c.document, c.version]),
    [
      ['terms', '2026.1'],
      ['privacy', '2026.1'],
    ],
  );

  // Stored encrypted: the number appears nowhere in the row, and the stored code text is masked.
  const row = await ctx.db.selectFrom('citizens').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow();
  assert.ok(!JSON.stringify(row).includes('13800138000'));
  assert.match(row.phone_enc!, /^v1\./);
  const stored = await ctx.db.selectFrom('citizen_notices').select(['body', 'status', 'target_masked']).execute();
  assert.ok(stored.every((n) => !n.body.includes(code)));
  assert.ok(stored.every((n) => n.status === 'sent' && n.target_masked === '138****8000'));

  // The code is consumed: a second registration with it fails.
  const again = await app.inject({
    method: 'POST',
    url: '/api/citizen/register',
    payload: {
      channel: 'sms',
      target: phone,
      code,
      password: CITIZEN_PASSWORD,
      accountType: 'person',
      acceptTerms: true,
      acceptPrivacy: true,
    },
  });
  assert.equal(again.json().error.code, 'CITIZEN_CODE_INVALID');

  const session = await loginCitizen(app, phone);
  const me = await citizenCall(app, session, 'GET', '/api/citizen/me');
  assert.equal(me.json().account.displayName, '王小明');
  const space = await citizenCall(app, session, 'GET', '/api/citizen/space');
  assert.deepEqual(
    space.json().sections.map((s: { id: string; entries: unknown[] }) => [s.id, s.entries.length]),
    [
      ['messages', 0],
      ['error-reports', 0],
      ['applications', 0],
      ['surveys', 0],
      ['disclosure', 0],
    ],
  );

  // CSRF: a write without the session's token is refused and changes nothing.
  const forged = await app.inject({
    method: 'POST',
    url: '/api/citizen/password',
    headers: { cookie: session.cookie },
    payload: { currentPassword: CITIZEN_PASSWORD, newPassword: 'New-Passw0rd!x' },
  });
  assert.equal(forged.statusCode, 403);
  assert.equal(forged.json().error.code, 'CITIZEN_FORM_EXPIRED');

  const other = await loginCitizen(app, phone);
  const changed = await citizenCall(app, session, 'POST', '/api/citizen/password', {
    currentPassword: CITIZEN_PASSWORD,
    newPassword: 'New-Passw0rd!x',
  });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal((await citizenCall(app, other, 'GET', '/api/citizen/me')).statusCode, 401, 'other sessions end');
  assert.equal((await citizenCall(app, session, 'GET', '/api/citizen/me')).statusCode, 200, 'this one stays');

  // Change of contact: an e-mail address added after its code is confirmed.
  const mailCode = await citizenCall(app, session, 'POST', '/api/citizen/contact/code', {
    channel: 'email',
    target: 'Wang.XM@Example.com',
  });
  assert.equal(mailCode.statusCode, 200, mailCode.body);
  const contact = await citizenCall(app, session, 'POST', '/api/citizen/contact', {
    channel: 'email',
    target: 'wang.xm@example.com',
    code: box.email.lastCode('wang.xm@example.com'),
  });
  assert.equal(contact.statusCode, 200, contact.body);
  assert.equal((await citizenCall(app, session, 'GET', '/api/citizen/me')).json().account.email, 'w***@example.com');
  assert.equal(
    (await loginCitizen(app, 'WANG.xm@example.com', 'New-Passw0rd!x')).id,
    account.id,
    'one account, two ways in',
  );

  // 找回密码 with a code sent to the phone.
  const resetAsk = await app.inject({
    method: 'POST',
    url: '/api/citizen/codes',
    payload: { purpose: 'reset', channel: 'sms', target: phone },
  });
  assert.equal(resetAsk.statusCode, 200);
  const reset = await app.inject({
    method: 'POST',
    url: '/api/citizen/reset',
    payload: { channel: 'sms', target: phone, code: box.sms.lastCode(phone), password: 'Reset-Passw0rd!' },
  });
  assert.equal(reset.statusCode, 200, reset.body);
  const fresh = await loginCitizen(app, phone, 'Reset-Passw0rd!');

  // Deletion: personal data removed, the row kept as 已注销用户, eraser hooks run, sessions end.
  const erased: number[] = [];
  ctx.citizens.accounts.registerEraser('test', async (_trx, citizenId) => {
    erased.push(citizenId);
  });
  const refused = await citizenCall(app, fresh, 'POST', '/api/citizen/delete', { password: 'wrong', confirm: '注销' });
  assert.equal(refused.json().error.code, 'CITIZEN_PASSWORD_WRONG');
  const deleted = await citizenCall(app, fresh, 'POST', '/api/citizen/delete', {
    password: 'Reset-Passw0rd!',
    confirm: '注销',
  });
  assert.equal(deleted.statusCode, 200, deleted.body);
  assert.deepEqual(erased, [account.id]);
  const gone = await ctx.db.selectFrom('citizens').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow();
  assert.deepEqual(
    [gone.status, gone.display_name, gone.phone_enc, gone.email_hash, gone.password_hash],
    ['deleted', '已注销用户', null, null, null],
  );
  assert.equal((await citizenCall(app, fresh, 'GET', '/api/citizen/me')).statusCode, 401);
  const notices = await ctx.db
    .selectFrom('citizen_notices')
    .select('body')
    .where('citizen_id', '=', account.id)
    .execute();
  assert.ok(notices.every((n) => n.body.includes('已注销')));
  // The number is free again for a new registration.
  env.clock.advance(61_000);
  assert.equal((await registerCitizen(app, ctx, { phone })).identifier, phone);
  const actions = await ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'citizen.%').execute();
  for (const a of [
    'citizen.register',
    'citizen.login',
    'citizen.password',
    'citizen.contact',
    'citizen.reset',
    'citizen.delete',
  ])
    assert.ok(
      actions.some((x) => x.action === a),
      `${a} audited`,
    );
});

test(`40 parallel wrong guesses evaluate at most the policy's limit; answers never reveal an account (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const victim = await registerCitizen(app, ctx);
  const guess = (identifier: string, password: string, n: number) =>
    app.inject({
      method: 'POST',
      url: '/api/citizen/login',
      remoteAddress: `127.1.${Math.floor(n / 200)}.${n % 200}`,
      payload: { identifier, password },
    });

  const wrong = await guess(victim.identifier, 'Wrong-Passw0rd!', 999);
  const unknown = await guess('13912345678', 'Wrong-Passw0rd!', 998);
  assert.deepEqual([wrong.statusCode, wrong.json().error], [unknown.statusCode, unknown.json().error]);

  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => guess(victim.identifier, `Wrong-Passw0rd!${i}`, i)),
  );
  const codes = results.map((r) => r.json().error.code as string);
  const evaluated = codes.filter((c) => c === 'CITIZEN_LOGIN_FAILED').length;
  // One failure was counted before; the policy locks after 5.
  assert.ok(evaluated <= 4, `at most 4 more passwords evaluated, got ${evaluated}`);
  assert.equal(codes.filter((c) => c === 'CITIZEN_LOCKED').length, 40 - evaluated);
  const failures = await ctx.db
    .selectFrom('audit_log')
    .select('detail')
    .where('action', '=', 'citizen.login')
    .where('outcome', '=', 'failure')
    .execute();
  assert.ok(failures.filter((f) => f.detail.includes('bad-password')).length <= 5);
  const locks = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'citizen.lock').execute();
  assert.equal(locks.length, 1, 'the lock is recorded once');

  // Locked now: even the right password is refused, and an unknown number locks the same way.
  assert.equal((await guess(victim.identifier, victim.password, 500)).json().error.code, 'CITIZEN_LOCKED');
  const strangers = [];
  for (let i = 0; i < 6; i++)
    strangers.push((await guess('13912345678', `Nope-Passw0rd!${i}`, 600 + i)).json().error.code);
  assert.equal(strangers.at(-1), 'CITIZEN_LOCKED', 'unknown identifiers lock like real ones');

  // After the lock window the right password works again.
  env.clock.advance(16 * 60_000);
  assert.equal((await guess(victim.identifier, victim.password, 700)).statusCode, 200);
});

test(`codes: resend interval, per-IP limits stricter without the proof of work (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx, clock } = env;
  citizenOutbox(ctx);
  const ask = (target: string) =>
    app.inject({
      method: 'POST',
      url: '/api/citizen/codes',
      remoteAddress: '127.9.9.9',
      payload: { purpose: 'register', channel: 'sms', target },
    });
  assert.equal((await ask('13700000001')).statusCode, 200);
  const soon = await ask('13700000001');
  assert.equal(soon.json().error.code, 'CITIZEN_CODE_TOO_SOON');
  // Refused requests count too: 5 per hour from one address without the proof of work.
  for (let i = 2; i <= 4; i++) assert.equal((await ask(`1370000000${i}`)).statusCode, 200);
  const limited = await ask('13700000009');
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.json().error.code, 'RATE_LIMITED');
  assert.match(limited.json().error.message, /分钟后再试/);
  const bad = await app.inject({
    method: 'POST',
    url: '/api/citizen/codes',
    remoteAddress: '127.9.9.10',
    payload: { purpose: 'register', channel: 'sms', target: '12345' },
  });
  assert.equal(bad.json().error.code, 'CITIZEN_CONTACT_INVALID');
  assert.equal(bad.json().error.message, '请填写正确的手机号码');
  const forged = await app.inject({
    method: 'POST',
    url: '/api/citizen/codes',
    remoteAddress: '127.9.9.11',
    payload: { purpose: 'register', channel: 'sms', target: '13700000011', altcha: 'bm90LWEtc29sdXRpb24=' },
  });
  assert.equal(forged.json().error.code, 'CITIZEN_CHALLENGE_FAILED');
  clock.advance(61 * 60_000);
  assert.equal((await ask('13700000010')).statusCode, 200, 'the next hour has a new window');
});

test(`support staff find accounts by hashed phone, see them masked, disable and restore them (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const { staff, login, call } = await import('../../../test/helpers.ts');
  await staff(ctx, 'zz_site', ['site_admin']);
  await staff(ctx, 'zz_editor', ['editor'], '综合处');
  const citizen = await registerCitizen(app, ctx, { phone: '13600001111', displayName: '赵先生' });
  await registerCitizen(app, ctx, { phone: '13600002222' });
  const admin = await login(app, 'zz_site');

  const found = await call(app, admin, 'GET', '/api/citizens?phone=136-0000-1111');
  assert.equal(found.statusCode, 200, found.body);
  assert.equal(found.json().total, 1);
  const item = found.json().items[0];
  assert.deepEqual([item.displayName, item.phone, item.status], ['赵先生', '136****1111', 'active']);
  assert.ok(!found.body.includes('13600001111'), 'no plain number in the answer');
  assert.equal((await call(app, admin, 'GET', '/api/citizens')).json().total, 2);
  assert.equal((await call(app, await login(app, 'zz_editor'), 'GET', '/api/citizens')).statusCode, 403);

  const disabled = await call(app, admin, 'POST', `/api/citizens/${citizen.id}/disable`, {
    reason: '冒用他人手机号注册',
  });
  assert.equal(disabled.json().status, 'disabled');
  assert.equal((await citizenCall(app, citizen, 'GET', '/api/citizen/me')).statusCode, 401, 'signed out at once');
  const refused = await app.inject({
    method: 'POST',
    url: '/api/citizen/login',
    payload: { identifier: citizen.identifier, password: citizen.password },
  });
  assert.equal(refused.json().error.code, 'CITIZEN_DISABLED');
  await call(app, admin, 'POST', `/api/citizens/${citizen.id}/enable`, { reason: '核实为本人' });
  assert.equal((await loginCitizen(app, citizen.identifier)).id, citizen.id);
  const audit = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_name'])
    .where('action', 'in', ['citizen.disable', 'citizen.enable'])
    .execute();
  assert.deepEqual(audit, [
    { action: 'citizen.disable', actor_name: 'zz_site' },
    { action: 'citizen.enable', actor_name: 'zz_site' },
  ]);
});
