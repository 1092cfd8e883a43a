// All SQL of the Q&A knowledge base.
import type { Kysely, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { QaPairsTable } from './interaction.tables.ts';

type Q = Db | Kysely<Database>;

export async function insertPair(db: Q, values: Omit<QaPairsTable, 'id' | 'hits'>): Promise<number> {
  const row = await db.insertInto('qa_pairs').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updatePair = (db: Q, id: number, values: Updateable<QaPairsTable>) =>
  db.updateTable('qa_pairs').set(values).where('id', '=', id).execute();

export const findPair = (db: Q, id: number) =>
  db.selectFrom('qa_pairs').selectAll().where('id', '=', id).executeTakeFirst();

export function listPairs(db: Q, siteId: number, filter: { status?: string; departmentId?: number; q?: string }) {
  let q = db.selectFrom('qa_pairs').selectAll().where('site_id', '=', siteId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  if (filter.q) {
    const text = `%${filter.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([eb('question', 'like', text), eb('answer', 'like', text), eb('variants', 'like', text)]),
    );
  }
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

export const publishedPairs = (db: Q, siteId: number) =>
  db
    .selectFrom('qa_pairs')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();

/** Counts an answer given from a pair (shown to the departments as how often it helped). */
export const countHit = (db: Q, id: number) =>
  db
    .updateTable('qa_pairs')
    .set((eb) => ({ hits: eb('hits', '+', 1) }))
    .where('id', '=', id)
    .execute();
