import type { Kysely, Transaction } from 'kysely';
import type { Database, NewColumn } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const listColumns = (db: Executor, siteId: number) =>
  db.selectFrom('columns').selectAll().where('site_id', '=', siteId).orderBy('sort').orderBy('id').execute();

export const findColumn = (db: Executor, id: number) =>
  db.selectFrom('columns').selectAll().where('id', '=', id).executeTakeFirst();

export const children = (db: Executor, siteId: number, parentId: number | null) =>
  db
    .selectFrom('columns')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .orderBy('sort')
    .orderBy('id')
    .execute();

export async function insertColumn(trx: Executor, column: NewColumn): Promise<number> {
  const row = await trx.insertInto('columns').values(column).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateColumn = (trx: Executor, id: number, changes: Partial<NewColumn>) =>
  trx.updateTable('columns').set(changes).where('id', '=', id).execute();

export const deleteColumn = (trx: Executor, id: number) => trx.deleteFrom('columns').where('id', '=', id).execute();

export async function cooperatorsBySite(db: Executor, siteId: number) {
  return db
    .selectFrom('column_departments')
    .innerJoin('columns', 'columns.id', 'column_departments.column_id')
    .select(['column_departments.column_id', 'column_departments.department_id'])
    .where('columns.site_id', '=', siteId)
    .execute();
}

export const cooperatorsOf = async (db: Executor, columnId: number) =>
  (await db.selectFrom('column_departments').select('department_id').where('column_id', '=', columnId).execute()).map(
    (r) => r.department_id,
  );

export async function replaceCooperators(trx: Executor, columnId: number, departmentIds: number[]): Promise<void> {
  await trx.deleteFrom('column_departments').where('column_id', '=', columnId).execute();
  if (departmentIds.length > 0) {
    await trx
      .insertInto('column_departments')
      .values(departmentIds.map((department_id) => ({ column_id: columnId, department_id })))
      .execute();
  }
}

/** The columns one department leads or cooperates on pass to another (no column lists a department twice). */
export async function reassignDepartment(trx: Executor, fromId: number, toId: number): Promise<void> {
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
}

/** Content per column; the content module adds its tables later, so this counts through a registered query. */
export type ContentCounter = (db: Executor, siteId: number) => Promise<Map<number, number>>;
