// All SQL of 建议提案办理.
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Proposal, ProposalsTable } from './proposals.tables.ts';

export async function insertProposal(db: Db, row: Insertable<ProposalsTable>): Promise<number> {
  const r = await db.insertInto('proposals').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateProposal(db: Db, id: number, changes: Updateable<ProposalsTable>): Promise<void> {
  await db.updateTable('proposals').set(changes).where('id', '=', id).execute();
}

export function findProposal(db: Db, id: number): Promise<Proposal | undefined> {
  return db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByNumber(db: Db, siteId: number, year: number, kind: string, number: string) {
  return db
    .selectFrom('proposals')
    .select('id')
    .where('site_id', '=', siteId)
    .where('year', '=', year)
    .where('kind', '=', kind)
    .where('number', '=', number)
    .executeTakeFirst();
}

export function proposalsOfSite(db: Db, siteId: number, year?: number): Promise<Proposal[]> {
  let q = db.selectFrom('proposals').selectAll().where('site_id', '=', siteId);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('kind').orderBy('number').execute();
}

export function byContent(db: Db, contentId: number): Promise<Proposal[]> {
  return db.selectFrom('proposals').selectAll().where('content_id', '=', contentId).execute();
}
