import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const listDepartments = (db: Executor, siteId: number) =>
  db.selectFrom('departments').selectAll().where('site_id', '=', siteId).orderBy('sort').orderBy('id').execute();

export const findDepartment = (db: Executor, id: number) =>
  db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();

export const findByName = (db: Executor, siteId: number, name: string) =>
  db.selectFrom('departments').selectAll().where('site_id', '=', siteId).where('name', '=', name).executeTakeFirst();

export async function insertDepartment(
  trx: Executor,
  siteId: number,
  name: string,
  aliases: string[],
  sort: number,
  at: string,
) {
  const row = await trx
    .insertInto('departments')
    .values({ site_id: siteId, name, aliases: JSON.stringify(aliases), merged_into_id: null, sort, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const updateDepartment = (
  trx: Executor,
  id: number,
  changes: { name?: string; aliases?: string; sort?: number; merged_into_id?: number | null },
) => trx.updateTable('departments').set(changes).where('id', '=', id).execute();
