import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, DIALECT } from '../../../test/helpers.ts';
import { migrateToLatest } from './migrator.ts';
import {
  BACKUP_TABLES,
  DERIVED_TABLES,
  EXCLUDED_TABLES,
  FILE_STORAGE_TABLES,
  MIGRATION_TABLES,
} from '../backup/tables.ts';

test(`migrations run to the latest version on ${DIALECT}, once`, async (testContext) => {
  const tdb = await freshDatabase();
  testContext.after(() => tdb.drop());
  const applied = await migrateToLatest(tdb.dbh.db);
  assert.ok(applied.includes('0001_foundation'));
  assert.deepEqual(await migrateToLatest(tdb.dbh.db), [], 'a second run applies nothing');
  const tables = (await tdb.dbh.db.introspection.getTables()).map((t) => t.name).sort();
  for (const t of BACKUP_TABLES) assert.ok(tables.includes(t), `table ${t} exists`);
  // Every table is in the backup list, so a backup never silently leaves one out.
  const known = new Set<string>([
    ...BACKUP_TABLES,
    ...MIGRATION_TABLES,
    ...DERIVED_TABLES,
    ...EXCLUDED_TABLES,
    ...FILE_STORAGE_TABLES,
    'kysely_migration_lock',
  ]);
  assert.deepEqual(
    tables.filter((t) => !known.has(t)),
    [],
    'tables missing from BACKUP_TABLES',
  );
});

test(`every site-owned table carries its site (multi-site from the first table) on ${DIALECT}`, async (t) => {
  const tdb = await freshDatabase();
  t.after(() => tdb.drop());
  await migrateToLatest(tdb.dbh.db);
  const tables = await tdb.dbh.db.introspection.getTables();
  for (const name of ['departments', 'columns', 'files']) {
    const table = tables.find((t) => t.name === name)!;
    assert.ok(
      table.columns.some((c) => c.name === 'site_id'),
      `${name}.site_id`,
    );
  }
});
