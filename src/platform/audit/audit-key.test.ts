// The keyed chain against an intruder with write access to the database (not to the key beside it): rows
// rewritten with a recomputed plain SHA-256 chain, the newest rows removed with the anchor adjusted, and the
// upgrade of a chain written before the key existed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { testEnv, DIALECT, type TestEnv } from '../../../test/helpers.ts';
import { AuditService } from './audit.service.ts';
import type { AuditRecord } from '../db/schema.ts';

const actor = { userId: 1, username: 'tester', ip: '127.0.0.1' };

async function writeSome(env: TestEnv, n: number, audit = env.ctx.audit) {
  for (let i = 0; i < n; i++)
    await audit.recordAlone(actor, { action: 'test.event', targetType: 'thing', targetId: i, detail: { i } });
}

async function dropGuards(env: TestEnv) {
  if (env.ctx.dbh.dialect === 'postgres') {
    await sql`alter table audit_log disable trigger audit_log_guard`.execute(env.ctx.db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(env.ctx.db);
    await sql`drop trigger if exists audit_log_retention`.execute(env.ctx.db);
  }
}

// What audit.service did before the key: SHA-256 over the same fields.
const plainHash = (r: Omit<AuditRecord, 'hash'>) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        r.id,
        r.at,
        r.actor_id,
        r.actor_name,
        r.ip,
        r.action,
        r.target_type,
        r.target_id,
        r.site_id,
        r.outcome,
        r.detail,
        r.prev_hash,
      ]),
    )
    .digest('hex');

/** Rewrites one record and recomputes the plain chain from there to the head, anchor included. */
async function rewriteWithPlainChain(env: TestEnv, targetId: number, actorName: string) {
  const db = env.ctx.db;
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let prev = rows.find((r) => r.id === targetId - 1)?.hash ?? '0'.repeat(64);
  for (const row of rows.filter((r) => r.id >= targetId)) {
    const { hash: _old, ...rest } = row;
    const changed = { ...rest, prev_hash: prev, actor_name: row.id === targetId ? actorName : row.actor_name };
    const hash = plainHash(changed);
    await db
      .updateTable('audit_log')
      .set({ actor_name: changed.actor_name, prev_hash: prev, hash })
      .where('id', '=', row.id)
      .execute();
    prev = hash;
  }
  await db.updateTable('audit_anchor').set({ last_hash: prev }).where('id', '=', 1).execute();
}

test(`the key lives outside the data directory and the database; the chain is keyed (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  await writeSome(env, 3);
  const { key } = await env.ctx.audit.checkpoints();
  assert.equal(key.algorithm, 'hmac-sm3');
  assert.ok(fs.existsSync(key.keyFile));
  assert.equal(fs.statSync(key.keyFile).mode & 0o777, 0o600, 'owner-only');
  const secret = JSON.parse(fs.readFileSync(key.keyFile, 'utf8')).key as string;
  const dump = JSON.stringify(await env.ctx.db.selectFrom('audit_anchor').selectAll().execute());
  assert.ok(!dump.includes(secret), 'the key is not in the database');
  const head = await env.ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  const { hash, ...rest } = head;
  assert.notEqual(hash, plainHash(rest), 'records are not hashed with plain SHA-256');
  assert.equal((await env.ctx.audit.verify()).ok, true);
});

test(`rows rewritten with a recomputed plain SHA-256 chain are detected (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  await writeSome(env, 6);
  const first = (await env.ctx.db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  await dropGuards(env);
  await rewriteWithPlainChain(env, first + 2, 'someone-else');
  const result = await env.ctx.audit.verify();
  assert.equal(result.ok, false);
  assert.ok(
    result.problems.some((p) => p.includes(`#${first + 2}`) && p.includes('密钥签名不符')),
    result.problems.join('\n'),
  );
});

test(`removing the newest rows (anchor adjusted) is detected by the signed checkpoint (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  await writeSome(env, 5);
  const checkpoint = await env.ctx.audit.checkpoint();
  assert.equal((await env.ctx.audit.verify()).ok, true);
  const { key } = await env.ctx.audit.checkpoints();
  assert.equal(fs.readFileSync(key.checkpointFile, 'utf8').trim().split('\n').length, 1, 'in the append-only file');

  await dropGuards(env);
  const keep = checkpoint.lastId - 2;
  const kept = await env.ctx.db.selectFrom('audit_log').select('hash').where('id', '=', keep).executeTakeFirstOrThrow();
  await env.ctx.db.deleteFrom('audit_log').where('id', '>', keep).execute();
  await env.ctx.db
    .updateTable('audit_anchor')
    .set({ last_id: keep, last_hash: kept.hash, record_count: checkpoint.recordCount - 2 })
    .execute();
  // The intruder removes the database's copy of the checkpoints too; the file beside the key keeps them.
  await env.ctx.db.deleteFrom('audit_checkpoints').execute();
  const result = await env.ctx.audit.verify();
  assert.equal(result.ok, false);
  assert.ok(
    result.problems.some((p) => p.includes(`#${checkpoint.lastId}`) && p.includes('已不存在')),
    result.problems.join('\n'),
  );
});

test(`a forged checkpoint is reported; the audit administrator sees the checkpoints (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  await writeSome(env, 2);
  await env.ctx.audit.checkpoint();
  await env.ctx.db
    .insertInto('audit_checkpoints')
    .values({
      at: new Date().toISOString(),
      last_id: 1,
      last_hash: 'f'.repeat(64),
      record_count: 1,
      purged_through_id: 0,
      signature: 'e'.repeat(64),
    })
    .execute();
  const { items } = await env.ctx.audit.checkpoints();
  assert.equal(items.length, 2);
  assert.deepEqual(items.map((c) => c.signatureOk).sort(), [false, true]);
  const result = await env.ctx.audit.verify();
  assert.ok(
    result.problems.some((p) => p.includes('签名无效')),
    result.problems.join('\n'),
  );
});

test(`a chain written before the key is keyed from a recorded switch-over; the old part stays protected (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  // An installation of an earlier version: no key yet, records chained with plain SHA-256.
  const oldKey = path.join(env.config.dataDir, 'old-keys', 'audit.key');
  await env.ctx.db.updateTable('audit_anchor').set({ keyed_from_id: 1_000_000_000, key_fingerprint: null }).execute();
  await writeSome(env, 4);
  const plainHead = await env.ctx.db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow();
  const head = await env.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '=', plainHead.last_id)
    .executeTakeFirstOrThrow();
  const { hash, ...rest } = head;
  assert.equal(hash, plainHash(rest), 'written the old way');
  await env.ctx.db.updateTable('audit_anchor').set({ keyed_from_id: null }).execute();

  const upgraded = new AuditService(env.ctx.db, env.clock, 184, oldKey);
  await upgraded.open();
  const switchOver = await env.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(switchOver.action, 'audit.chain.keyed');
  assert.deepEqual(JSON.parse(switchOver.detail), {
    plainHeadId: plainHead.last_id,
    plainHeadHash: plainHead.last_hash,
    algorithm: 'hmac-sm3',
  });
  assert.equal(JSON.parse(fs.readFileSync(oldKey, 'utf8')).keyedFromId, switchOver.id, 'the key file records it');
  await writeSome(env, 2, upgraded);
  assert.equal((await upgraded.verify()).ok, true);

  // Rewriting the plain part and recomputing its plain chain breaks the link into the keyed switch-over record.
  await dropGuards(env);
  const rows = await env.ctx.db.selectFrom('audit_log').select('id').orderBy('id').execute();
  await rewriteWithPlainChain(env, rows[1].id, 'someone-else');
  const result = await upgraded.verify();
  assert.equal(result.ok, false);
  assert.ok(
    result.problems.some((p) => p.includes(`#${switchOver.id}`)),
    result.problems.join('\n'),
  );

  // Started again without its key file, the installation refuses rather than starting a new chain.
  const keyless = new AuditService(env.ctx.db, env.clock, 184, path.join(env.config.dataDir, 'none', 'audit.key'));
  await assert.rejects(keyless.open(), /审计密钥文件 .* 不存在/);
});

test(`the audit administrator reads the checkpoints; others may not (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  const { staff, login, call } = await import('../../../test/helpers.ts');
  await staff(env.ctx, 'aud1', ['audit_admin']);
  await staff(env.ctx, 'sys1', ['sys_admin']);
  await env.ctx.audit.checkpoint();
  const res = await call(env.app, await login(env.app, 'aud1'), 'GET', '/api/audit/checkpoints');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.items.length, 1);
  assert.equal(body.items[0].signatureOk, true);
  assert.equal(body.items[0].inFile, true);
  assert.equal(body.key.algorithm, 'hmac-sm3');
  assert.ok(!JSON.stringify(body).includes(JSON.parse(fs.readFileSync(body.key.keyFile, 'utf8')).key));
  const sys = await call(env.app, await login(env.app, 'sys1'), 'GET', '/api/audit/checkpoints');
  assert.equal(sys.statusCode, 403);
});
