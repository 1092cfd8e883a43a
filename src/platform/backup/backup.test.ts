import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { testEnv, staff, DIALECT } from '../../../test/helpers.ts';
import { createBackup, restoreBackup } from './backup.ts';
import { BACKUP_TABLES } from './tables.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';

async function snapshot(db: import('../db/database.ts').Db) {
  const out: Record<string, unknown[]> = {};
  for (const table of BACKUP_TABLES) {
    out[table] = (await sql`select * from ${sql.table(table)} order by 1`.execute(db)).rows;
  }
  return out;
}

test(`a backup taken while running restores every row and file into an empty installation (${DIALECT})`, async (t) => {
  const source = await testEnv();
  const target = await testEnv({ demo: false });
  t.after(() => source.close());
  t.after(() => target.close());
  const { ctx } = source;
  await staff(ctx, 'ed1', ['editor'], '综合处');
  const siteId = (await ctx.sites.list())[0].id;
  // Reparent a column under a later one, so a child precedes its parent by id.
  const tree = await ctx.columns.tree(siteId);
  const last = tree.flat[tree.flat.length - 1];
  await ctx.columns.move(SYSTEM_ACTOR, tree.flat[1].id, last.id, 0);
  const stored = await ctx.fileStore.put(Buffer.from('附件内容：南江市政务服务事项目录'));
  await ctx.db
    .insertInto('files')
    .values({
      site_id: siteId,
      sha256: stored.sha256,
      original_name: '目录.txt',
      mime: 'text/plain',
      size: stored.size,
      storage_key: stored.key,
      created_by: null,
      created_at: new Date().toISOString(),
    })
    .execute();

  const file = path.join(source.config.dataDir, 'backup.tar.gz');
  const steps: string[] = [];
  const manifest = await createBackup(ctx.dbh, ctx.fileStore, file, (step) => steps.push(step));
  assert.ok(fs.statSync(file).size > 0);
  assert.equal(manifest.files, 1);
  assert.ok(!('sessions' in manifest.tables), 'login sessions are never in a backup');
  assert.ok(steps.includes('数据表'), 'reports progress');

  // The audit key is not in the backup (it is backed up separately): the restored installation uses the
  // original installation's key file.
  fs.mkdirSync(path.dirname(target.config.auditKeyFile), { recursive: true });
  fs.copyFileSync(source.config.auditKeyFile, target.config.auditKeyFile);
  await restoreBackup(target.ctx.dbh, target.ctx.fileStore, file);
  await target.ctx.audit.open();
  assert.deepEqual(await snapshot(target.ctx.db), await snapshot(ctx.db));
  assert.equal((await target.ctx.fileStore.read(stored.key)).toString(), '附件内容：南江市政务服务事项目录');
  assert.equal((await target.ctx.audit.verify()).ok, true, 'the audit chain survives the round trip');
  // New rows get fresh ids after the restored ones.
  await target.ctx.audit.recordAlone(SYSTEM_ACTOR, { action: 'test.after-restore', targetType: 'x' });
  assert.equal((await target.ctx.audit.verify()).ok, true);
  const dep = await target.ctx.departments.create(SYSTEM_ACTOR, siteId, '新设处');
  assert.ok(dep.id > Math.max(...(await ctx.departments.list(siteId)).map((d) => d.id)));

  await assert.rejects(restoreBackup(target.ctx.dbh, target.ctx.fileStore, file), /只能恢复到空的安装/);
});
