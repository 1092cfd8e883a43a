import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testEnv, staff, login, call, DIALECT } from '../../../test/helpers.ts';
import { SYSTEM_ACTOR } from './audit.service.ts';
import type { TestEnv } from '../../../test/helpers.ts';

const actor = { userId: 1, username: 'tester', ip: '127.0.0.1' };

async function writeSome(env: TestEnv, n: number) {
  for (let i = 0; i < n; i++)
    await env.ctx.audit.recordAlone(actor, { action: 'test.event', targetType: 'thing', targetId: i, detail: { i } });
}

// What an intruder with database access would do: switch the guard off, then tamper.
async function withoutGuard(env: TestEnv, fn: () => Promise<unknown>) {
  const db = env.ctx.db;
  if (env.ctx.dbh.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger audit_log_guard`.execute(db);
    await fn();
    await sql`alter table audit_log enable trigger audit_log_guard`.execute(db);
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_retention`.execute(db);
    await fn();
  }
}

test(`the audit chain verifies, and refuses updates and early deletes at the database level (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await writeSome(env, 5);
  const result = await env.ctx.audit.verify();
  assert.equal(result.ok, true, result.problems.join('\n'));
  await assert.rejects(sql`update audit_log set actor_name = 'x' where id = 2`.execute(env.ctx.db), /append-only/);
  await assert.rejects(sql`delete from audit_log where id = 2`.execute(env.ctx.db), /180 days/);
  await assert.rejects(env.ctx.audit.purgeExpired(SYSTEM_ACTOR, 30), /至少保存/);
});

test('an edited record is detected', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await writeSome(env, 5);
  const target =
    (
      await env.ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'test.event')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id + 2;
  await withoutGuard(env, () =>
    sql`update audit_log set actor_name = 'someone-else' where id = ${target}`.execute(env.ctx.db),
  );
  const result = await env.ctx.audit.verify();
  assert.equal(result.ok, false);
  assert.ok(
    result.problems.some((p) => p.includes(`#${target}`) && p.includes('改动')),
    result.problems.join('\n'),
  );
});

test('a removed record is detected, in the middle or at the end', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await writeSome(env, 5);
  const ids = (await env.ctx.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
  await withoutGuard(env, () => sql`delete from audit_log where id = ${ids[ids.length - 3]}`.execute(env.ctx.db));
  assert.equal((await env.ctx.audit.verify()).ok, false);
  const env2 = await testEnv();
  t.after(() => env2.close());
  await writeSome(env2, 3);
  const last = (await env2.ctx.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow())
    .id;
  await withoutGuard(env2, () => sql`delete from audit_log where id = ${last}`.execute(env2.ctx.db));
  const result = await env2.ctx.audit.verify();
  assert.equal(result.ok, false);
  assert.ok(result.problems.some((p) => p.includes('链尾')));
});

test('records older than the retention period can be purged, and the chain still verifies', async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  env.clock.set('2020-01-01T00:00:00.000Z');
  await writeSome(env, 3);
  env.clock.set(new Date());
  await writeSome(env, 2);
  assert.equal(await env.ctx.audit.purgeExpired(SYSTEM_ACTOR, 184), 3);
  const left = await env.ctx.db.selectFrom('audit_log').select('action').orderBy('id').execute();
  assert.deepEqual(
    left.map((r) => r.action),
    ['test.event', 'test.event', 'audit.purge'],
  );
  const result = await env.ctx.audit.verify();
  assert.equal(result.ok, true, result.problems.join('\n'));
  assert.equal(result.checked, 3);
});

test('every staff write and login is audited with who, when, where and before/after', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'sys1', ['sys_admin']);
  await staff(ctx, 'aud1', ['audit_admin']);
  const sys = await login(app, 'sys1');
  const site = (await call(app, sys, 'GET', '/api/sites')).json().items[0];
  const changed = await call(app, sys, 'PUT', `/api/sites/${site.id}`, {
    ...Object.fromEntries(Object.entries(site).filter(([k]) => !['id', 'code', 'parentId'].includes(k))),
    phone: '0599-87654321',
  });
  assert.equal(changed.statusCode, 200);
  await call(app, null, 'POST', '/api/auth/login', { username: 'sys1', password: 'wrong' });

  const aud = await login(app, 'aud1');
  const list = await call(app, aud, 'GET', '/api/audit?action=site.update');
  const entry = list.json().items[0];
  assert.equal(entry.actorName, 'sys1');
  assert.equal(entry.actionName, '修改站点信息');
  assert.equal(entry.detail.before.phone, '0599-12345678');
  assert.equal(entry.detail.after.phone, '0599-87654321');
  assert.ok(entry.ip.length > 0);
  // What an entry points at is named, not numbered.
  assert.equal(entry.targetName, site.name);
  const created = (await call(app, aud, 'GET', '/api/audit?action=user.create')).json().items;
  assert.deepEqual(created.map((e: { targetName: string }) => e.targetName).sort(), [
    '测试aud1（aud1）',
    '测试sys1（sys1）',
  ]);
  const failed = await call(app, aud, 'GET', '/api/audit?action=auth.login&outcome=failure');
  assert.ok(failed.json().total >= 1);
  const csv = await call(app, aud, 'GET', '/api/audit/export.csv?action=site.update');
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.match(csv.body, /修改站点信息/);
  assert.match(csv.body, /0599-87654321/);
  assert.doesNotMatch(
    JSON.stringify(await ctx.db.selectFrom('audit_log').select('detail').execute()),
    /Passw0rd/,
    'no password in the log',
  );
  const verify = await call(app, aud, 'GET', '/api/audit/verify');
  assert.equal(verify.json().ok, true);
});
