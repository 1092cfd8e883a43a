// The personal-data key of a PostgreSQL cluster: the first node creates the key file, a node handed another key
// refuses to read or write personal data, and a node without the file refuses instead of starting a second key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshDatabase } from '../../../test/helpers.ts';
import { loadConfig } from '../../platform/config.ts';
import { migrateToLatest } from '../../platform/db/migrator.ts';
import { CitizenKeys } from './citizen-keys.ts';

test('the first node of a PostgreSQL cluster creates the key file; other keys and missing files are refused', async (t) => {
  const tdb = await freshDatabase();
  t.after(() => tdb.drop());
  await migrateToLatest(tdb.dbh.db);
  const nodeConfig = (name: string) =>
    loadConfig(
      {},
      {
        dataDir: tdb.dataDir,
        databaseUrl: 'postgres://cluster.example/govportal',
        keyFile: path.join(tdb.dataDir, name, 'citizen.key'),
      },
    );
  const first = nodeConfig('first');
  const cipher = await new CitizenKeys(tdb.dbh.db, first).cipher();
  assert.ok(fs.existsSync(first.keyFile), 'the first node wrote the key file');
  const sealed = cipher.encrypt('13900001111');

  const second = nodeConfig('second');
  await assert.rejects(new CitizenKeys(tdb.dbh.db, second).cipher(), /密钥文件 .* 不存在/);
  assert.equal(fs.existsSync(second.keyFile), false, 'a later node does not invent its own key');

  fs.mkdirSync(path.dirname(second.keyFile), { recursive: true });
  fs.writeFileSync(second.keyFile, `${'ab'.repeat(32)}\n`);
  await assert.rejects(new CitizenKeys(tdb.dbh.db, second).cipher(), /不一致/);

  fs.copyFileSync(first.keyFile, second.keyFile);
  const shared = await new CitizenKeys(tdb.dbh.db, second).cipher();
  assert.equal(shared.decrypt(sealed), '13900001111', 'a node handed the same file reads what the first wrote');
});
