import type { Db } from '../db/database.ts';
import type { AuditRecord } from '../db/schema.ts';
import type { AuditCheckpoint } from './audit.tables.ts';
import type { Kysely, Transaction } from 'kysely';
import { isPostgres } from '../db/migration-helpers.ts';
import type { Database } from '../db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  siteId?: number;
  text?: string;
}

export async function lockAnchor(trx: Executor, forUpdate: boolean) {
  let query = trx.selectFrom('audit_anchor').selectAll().where('id', '=', 1);
  // SQLite serialises writers itself; PostgreSQL needs the row lock so concurrent nodes chain in order.
  if (forUpdate && isPostgres(trx)) query = query.forUpdate();
  return query.executeTakeFirstOrThrow();
}

export async function insertRecord(trx: Executor, record: AuditRecord): Promise<void> {
  await trx.insertInto('audit_log').values(record).execute();
  await trx
    .updateTable('audit_anchor')
    .set((eb) => ({ last_id: record.id, last_hash: record.hash, record_count: eb('record_count', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

function applyFilter(db: Db, filter: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  if (filter.actor) q = q.where('actor_name', 'like', `%${filter.actor}%`);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
  if (filter.siteId) q = q.where('site_id', '=', filter.siteId);
  if (filter.text)
    q = q.where((eb) => eb.or([eb('detail', 'like', `%${filter.text}%`), eb('target_id', '=', filter.text!)]));
  return q;
}

export async function search(db: Db, filter: AuditFilter, limit: number, offset: number) {
  const base = applyFilter(db, filter);
  const [items, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function* streamAll(db: Db, filter: AuditFilter = {}, batch = 1000): AsyncGenerator<AuditRecord> {
  let after = 0;
  for (;;) {
    const rows = await applyFilter(db, filter).selectAll().where('id', '>', after).orderBy('id').limit(batch).execute();
    if (rows.length === 0) return;
    yield* rows;
    after = rows[rows.length - 1].id;
  }
}

export async function deleteThrough(trx: Executor, lastId: number, lastHash: string, count: number): Promise<void> {
  await trx.deleteFrom('audit_log').where('id', '<=', lastId).execute();
  await trx
    .updateTable('audit_anchor')
    .set((eb) => ({
      purged_through_id: lastId,
      purged_through_hash: lastHash,
      record_count: eb('record_count', '-', count),
    }))
    .where('id', '=', 1)
    .execute();
}

export async function oldestBefore(db: Db, before: string) {
  return db.selectFrom('audit_log').select(['id', 'hash']).where('at', '<', before).orderBy('id').execute();
}

export const firstRecordAtOrAfter = (db: Db, at: string) =>
  db.selectFrom('audit_log').select('id').where('at', '>=', at).orderBy('id').limit(1).executeTakeFirst();

/** Records from which record on the chain is keyed, and with which key. */
export async function setKeying(trx: Executor, keyedFromId: number, fingerprint: string): Promise<void> {
  await trx
    .updateTable('audit_anchor')
    .set({ keyed_from_id: keyedFromId, key_fingerprint: fingerprint })
    .where('id', '=', 1)
    .execute();
}

export const findRecord = (db: Executor, id: number) =>
  db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertCheckpoint(db: Executor, row: Omit<AuditCheckpoint, 'id'>): Promise<number> {
  return (await db.insertInto('audit_checkpoints').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const listCheckpoints = (db: Executor, limit: number) =>
  db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc').limit(limit).execute();

export const allCheckpoints = (db: Executor) => db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
