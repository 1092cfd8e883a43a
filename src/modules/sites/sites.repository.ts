import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database, NewSite, SiteUpdate } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const listSites = (db: Db) => db.selectFrom('sites').selectAll().orderBy('id').execute();

export const findSite = (db: Executor, id: number) =>
  db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();

export const findSiteByCode = (db: Executor, code: string) =>
  db.selectFrom('sites').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertSite(trx: Executor, site: NewSite): Promise<number> {
  const row = await trx.insertInto('sites').values(site).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateSite = (trx: Executor, id: number, changes: SiteUpdate) =>
  trx.updateTable('sites').set(changes).where('id', '=', id).execute();

export async function countSites(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('sites')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
