// Logical backup: every table as JSON lines plus the uploaded files, in one .tar.gz. Dialect-neutral, so a
// backup taken on SQLite restores on PostgreSQL and back. Read in one snapshot (a read transaction: WAL on
// SQLite, REPEATABLE READ on PostgreSQL), so it is consistent while the server keeps running.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import * as tar from 'tar';
import type { DatabaseHandle } from '../db/database.ts';
import type { FileStore } from '../files/file-store.ts';
import { BACKUP_TABLES, MIGRATION_TABLES, SELF_REFERENCES, TABLES_WITHOUT_ID } from './tables.ts';

export interface BackupManifest {
  format: 'govportal-backup';
  version: 1;
  createdAt: string;
  dialect: string;
  tables: Record<string, number>;
  files: number;
}

export type Progress = (step: string, done: number, total: number) => void;

const noProgress: Progress = () => {};

async function dumpTables(dbh: DatabaseHandle, dir: string, progress: Progress): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const tables = [...BACKUP_TABLES, ...MIGRATION_TABLES];
  const run = async (trx: typeof dbh.db) => {
    for (const [i, table] of tables.entries()) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx);
      const out = rows.rows.map((r) => JSON.stringify(r)).join('\n');
      await fsp.writeFile(path.join(dir, 'data', `${table}.jsonl`), out ? `${out}\n` : '');
      counts[table] = rows.rows.length;
      progress('数据表', i + 1, tables.length);
    }
  };
  if (dbh.dialect === 'postgres') {
    await dbh.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        await run(trx);
      });
  } else {
    await dbh.db.transaction().setAccessMode('read only').execute(run);
  }
  return counts;
}

async function copyFiles(files: FileStore, keys: string[], dir: string, progress: Progress): Promise<number> {
  let copied = 0;
  const unique = [...new Set(keys)];
  for (const key of unique) {
    const target = path.join(dir, 'files', key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    // Read through the store (disk or database), which checks every file against its hash.
    await fsp.writeFile(target, await files.read(key));
    copied += 1;
    progress('上传文件', copied, unique.length);
  }
  return copied;
}

/** Storage keys named by the dumped rows: uploads and inspection screenshots. */
function storageKeys(dir: string): string[] {
  return ['files', 'inspection_evidence'].flatMap((table) =>
    fs
      .readFileSync(path.join(dir, 'data', `${table}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { storage_key: string }).storage_key),
  );
}

/** Writes the backup's files into the store (each checked against its name). */
async function restoreFiles(files: FileStore, filesDir: string, progress: Progress): Promise<void> {
  const keys: string[] = [];
  for (const sub of (await fsp.readdir(filesDir)).sort()) {
    for (const name of await fsp.readdir(path.join(filesDir, sub))) keys.push(`${sub}/${name}`);
  }
  for (const [i, key] of keys.entries()) {
    const stored = await files.put(await fsp.readFile(path.join(filesDir, key)));
    if (stored.key !== key) throw new Error(`备份中的文件 ${key} 已损坏（内容与文件名的 SHA-256 不符）`);
    progress('上传文件', i + 1, keys.length);
  }
}

export async function createBackup(
  dbh: DatabaseHandle,
  files: FileStore,
  out: string,
  progress: Progress = noProgress,
): Promise<BackupManifest> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'govportal-backup-'));
  try {
    await fsp.mkdir(path.join(dir, 'data'));
    const tables = await dumpTables(dbh, dir, progress);
    const keys = storageKeys(dir);
    const manifest: BackupManifest = {
      format: 'govportal-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      dialect: dbh.dialect,
      tables,
      files: await copyFiles(files, keys, dir, progress),
    };
    await fsp.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await fsp.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await tar.create({ gzip: true, file: out, cwd: dir, portable: true }, [
      'manifest.json',
      'data',
      ...(manifest.files ? ['files'] : []),
    ]);
    return manifest;
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

async function readRows(dir: string, table: string): Promise<Record<string, unknown>[]> {
  const file = path.join(dir, 'data', `${table}.jsonl`);
  if (!fs.existsSync(file)) throw new Error(`备份文件缺少数据表 ${table}`);
  return (await fsp.readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function isEmpty(dbh: DatabaseHandle): Promise<boolean> {
  for (const table of ['sites', 'users', 'audit_log']) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(dbh.db);
    if (Number(r.rows[0].n) > 0) return false;
  }
  return true;
}

/** Restores into an installation with no sites, users or audit records (a freshly migrated database). */
export async function restoreBackup(
  dbh: DatabaseHandle,
  files: FileStore,
  file: string,
  progress: Progress = noProgress,
): Promise<BackupManifest> {
  if (!(await isEmpty(dbh))) throw new Error('只能恢复到空的安装（目标数据库中已有站点、用户或审计记录）');
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'govportal-restore-'));
  try {
    await tar.extract({ file, cwd: dir });
    const manifest = JSON.parse(await fsp.readFile(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
    if (manifest.format !== 'govportal-backup' || manifest.version !== 1)
      throw new Error('不是 govportal 备份文件，或版本不受支持');
    await dbh.db.transaction().execute(async (trx) => {
      await sql`delete from audit_anchor`.execute(trx);
      await sql`delete from settings`.execute(trx);
      await assertSameSchema(trx, await readRows(dir, 'kysely_migration'));
      for (const [i, table] of BACKUP_TABLES.entries()) {
        const rows = await readRows(dir, table);
        const deferred = SELF_REFERENCES[table] ?? [];
        for (let start = 0; start < rows.length; start += 200) {
          const batch = rows
            .slice(start, start + 200)
            .map((r) => ({ ...r, ...Object.fromEntries(deferred.map((c) => [c, null])) }));
          await trx
            .insertInto(table as never)
            .values(batch as never)
            .execute();
        }
        for (const row of rows) {
          for (const column of deferred) {
            if (row[column] !== null)
              await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${row[column]} where id = ${row.id}`.execute(
                trx,
              );
          }
        }
        progress('数据表', i + 1, BACKUP_TABLES.length);
      }
      if (dbh.dialect === 'postgres') await resetSequences(trx);
    });
    const filesDir = path.join(dir, 'files');
    if (fs.existsSync(filesDir)) await restoreFiles(files, filesDir, progress);
    return manifest;
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

// A backup restores only into the schema version it was taken from (run the same govportal version).
async function assertSameSchema(trx: DatabaseHandle['db'], backupMigrations: Record<string, unknown>[]): Promise<void> {
  const current = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx);
  const here = current.rows.map((r) => r.name).join(',');
  const there = backupMigrations
    .map((r) => String(r.name))
    .sort()
    .join(',');
  if (here !== there)
    throw new Error(`备份的数据库结构版本（${there}）与当前安装（${here}）不一致，请使用相同版本的 govportal 恢复`);
}

// Rows came with their ids; move each identity sequence past them.
async function resetSequences(trx: DatabaseHandle['db']): Promise<void> {
  for (const table of BACKUP_TABLES.filter((t) => !TABLES_WITHOUT_ID.has(t))) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}
