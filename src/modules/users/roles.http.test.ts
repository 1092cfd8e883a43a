import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, DIALECT } from '../../../test/helpers.ts';

test(`三员分立: the system, security and audit administrators each do only their own work (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'sys1', ['sys_admin']);
  await staff(ctx, 'sec1', ['sec_admin']);
  await staff(ctx, 'aud1', ['audit_admin']);
  const sys = await login(app, 'sys1');
  const sec = await login(app, 'sec1');
  const aud = await login(app, 'aud1');

  // The system administrator manages users but cannot read the audit log.
  assert.equal((await call(app, sys, 'GET', '/api/users')).statusCode, 200);
  assert.equal((await call(app, sys, 'GET', '/api/audit')).json().error.code, 'FORBIDDEN');
  assert.equal((await call(app, sys, 'GET', '/api/audit/export.csv')).statusCode, 403);
  assert.equal((await call(app, sys, 'PUT', '/api/security/policy', {})).statusCode, 403, 'refused before validation');
  assert.equal((await call(app, sys, 'GET', '/api/security/policy')).statusCode, 403);

  // The audit administrator reads the audit log and nothing else.
  assert.equal((await call(app, aud, 'GET', '/api/audit')).statusCode, 200);
  const create = await call(app, aud, 'POST', '/api/users', {
    username: 'newbie',
    displayName: '新人',
    departmentId: null,
    email: null,
    roles: [],
  });
  assert.equal(create.statusCode, 403);
  assert.equal((await call(app, aud, 'GET', '/api/users')).statusCode, 403);
  assert.equal((await call(app, aud, 'GET', '/api/security/policy')).statusCode, 403);
  assert.equal((await ctx.db.selectFrom('users').select('id').where('username', '=', 'newbie').execute()).length, 0);

  // The security administrator sets policy and unlocks, but manages no users and reads no audit log.
  assert.equal((await call(app, sec, 'GET', '/api/security/policy')).statusCode, 200);
  assert.equal((await call(app, sec, 'GET', '/api/users')).statusCode, 403);
  assert.equal((await call(app, sec, 'GET', '/api/audit')).statusCode, 403);

  // Refused attempts are themselves audited.
  const denied = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').execute();
  assert.ok(denied.some((d) => d.actor_name === 'sys1' && d.target_id === 'GET /api/audit'));
});

test('one account cannot combine the separated administrator roles; a system administrator cannot create security or audit administrators', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'sys1', ['sys_admin']);
  const sys = await login(app, 'sys1');
  const both = await call(app, sys, 'POST', '/api/users', {
    username: 'both',
    displayName: '兼任',
    departmentId: null,
    email: null,
    roles: [
      { role: 'sys_admin', siteId: null },
      { role: 'audit_admin', siteId: null },
    ],
  });
  assert.equal(both.statusCode, 400);
  assert.equal(both.json().error.code, 'ROLE_CONFLICT');
  const auditor = await call(app, sys, 'POST', '/api/users', {
    username: 'aud2',
    displayName: '审计二',
    departmentId: null,
    email: null,
    roles: [{ role: 'audit_admin', siteId: null }],
  });
  assert.equal(auditor.statusCode, 403);
  const editor = await call(app, sys, 'POST', '/api/users', {
    username: 'ed1',
    displayName: '编辑一',
    departmentId: null,
    email: null,
    roles: [{ role: 'editor', siteId: null }],
  });
  assert.equal(editor.statusCode, 200);
  assert.equal(editor.json().initialPassword.length, 16);
  const id = editor.json().user.id;
  const promote = await call(app, sys, 'PUT', `/api/users/${id}`, {
    displayName: '编辑一',
    departmentId: null,
    email: null,
    roles: [
      { role: 'editor', siteId: null },
      { role: 'sec_admin', siteId: null },
    ],
  });
  assert.equal(promote.statusCode, 403);
  await assert.rejects(
    ctx.users.create(
      { userId: null, username: 'ops', ip: '-' },
      {
        username: 'x1',
        displayName: '运维',
        departmentId: null,
        email: null,
        roles: [
          { role: 'sec_admin', siteId: null },
          { role: 'editor', siteId: null },
        ],
      },
      { byOperator: true },
    ),
    /安全管理员不能兼任其他角色/,
  );
  const dup = await call(app, sys, 'POST', '/api/users', {
    username: 'ed1',
    displayName: '重名',
    departmentId: null,
    email: null,
    roles: [],
  });
  assert.equal(dup.json().error.code, 'USERNAME_TAKEN');
});

test("a reset password is one-time and ends the account's sessions; a disabled account cannot log in", async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'sys1', ['sys_admin']);
  const ed = await staff(ctx, 'ed2', ['editor'], '综合处');
  const sys = await login(app, 'sys1');
  const edSession = await login(app, 'ed2');
  const reset = await call(app, sys, 'POST', `/api/users/${ed.id}/reset-password`);
  assert.equal((await call(app, edSession, 'GET', '/api/auth/me')).statusCode, 401);
  const again = await login(app, 'ed2', reset.json().initialPassword);
  assert.equal((await call(app, again, 'GET', '/api/auth/me')).json().user.mustChangePassword, true);
  await call(app, sys, 'POST', `/api/users/${ed.id}/disable`);
  const refused = await call(app, null, 'POST', '/api/auth/login', {
    username: 'ed2',
    password: reset.json().initialPassword,
  });
  assert.equal(refused.json().error.code, 'ACCOUNT_DISABLED');
});

test(`三员分立 holds against the system administrator: no publishing role, no own roles, no operator-only accounts (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const me = await staff(ctx, 'sys1', ['sys_admin']);
  const sec = await staff(ctx, 'sec1', ['sec_admin']);
  const aud = await staff(ctx, 'aud1', ['audit_admin']);
  const sys = await login(app, 'sys1');
  const account = (roles: { role: string; siteId: number | null }[]) => ({
    displayName: '系统管理员',
    departmentId: null,
    email: null,
    roles,
  });

  // A system administrator who also edits or approves could publish unchecked: refused, for others and self.
  const withEditor = await call(app, sys, 'POST', '/api/users', {
    username: 'sys2',
    ...account([
      { role: 'sys_admin', siteId: null },
      { role: 'editor', siteId: null },
    ]),
  });
  assert.equal(withEditor.statusCode, 400);
  assert.equal(
    withEditor.json().error.message,
    '系统管理员不能兼任编辑/承办人：系统、安全、审计管理员不得参与信息发布',
  );
  const self = await call(
    app,
    sys,
    'PUT',
    `/api/users/${me.id}`,
    account([
      { role: 'sys_admin', siteId: null },
      { role: 'leader', siteId: null },
    ]),
  );
  assert.equal(self.statusCode, 403);
  const selfOnly = await call(app, sys, 'PUT', `/api/users/${me.id}`, account([{ role: 'editor', siteId: null }]));
  assert.equal(selfOnly.json().error.message, '不能变更自己账号的角色，请由其他系统管理员办理');

  // The security and audit administrators are the operator's: the system administrator can neither reset their
  // password (and so log in as them), nor disable them, nor change them.
  for (const target of [sec, aud]) {
    for (const [method, path] of [
      ['POST', `/api/users/${target.id}/reset-password`],
      ['POST', `/api/users/${target.id}/disable`],
    ] as const) {
      const refused = await call(app, sys, method, path);
      assert.equal(refused.statusCode, 403, path);
      assert.match(refused.json().error.message, /只能由服务器运维人员通过命令行/);
    }
    const demote = await call(app, sys, 'PUT', `/api/users/${target.id}`, account([{ role: 'editor', siteId: null }]));
    assert.equal(demote.statusCode, 403);
  }
  assert.equal((await login(app, 'sec1')).csrf.length > 0, true, 'still usable with its own password');

  // Every refusal leaves an audit record naming who tried.
  const refusals = await ctx.db
    .selectFrom('audit_log')
    .select(['actor_name', 'action', 'target_id'])
    .where('outcome', '=', 'failure')
    .where('actor_name', '=', 'sys1')
    .execute();
  assert.ok(refusals.length >= 8, `${refusals.length} refusals audited`);
  assert.ok(refusals.some((r) => r.action === 'user.reset-password' && r.target_id === String(sec.id)));

  // The operator (command line) may do what the system administrator may not.
  const password = await ctx.users.resetPassword({ userId: null, username: 'ops', ip: '-' }, sec.id, {
    byOperator: true,
  });
  assert.equal(password.length, 16);
});
