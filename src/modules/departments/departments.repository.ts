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

/** Moves every reference from one department to another (columns led, cooperation, staff). */
export async function reassignReferences(trx: Executor, fromId: number, toId: number): Promise<void> {
  await trx.updateTable('columns').set({ lead_department_id: toId }).where('lead_department_id', '=', fromId).execute();
  const already = await trx
    .selectFrom('column_departments')
    .select('column_id')
    .where('department_id', '=', toId)
    .execute();
  const skip = already.map((r) => r.column_id);
  if (skip.length) {
    await trx
      .deleteFrom('column_departments')
      .where('department_id', '=', fromId)
      .where('column_id', 'in', skip)
      .execute();
  }
  await trx
    .updateTable('column_departments')
    .set({ department_id: toId })
    .where('department_id', '=', fromId)
    .execute();
  await trx.updateTable('users').set({ department_id: toId }).where('department_id', '=', fromId).execute();
}
