// All SQL of 意见征集: solicitations and their comments (and, read-only, the site's draft policies to open).
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Solicitation, SolicitationComment, SolicitationsTable } from './solicitations.tables.ts';

export async function insertSolicitation(db: Db, row: Insertable<SolicitationsTable>): Promise<number> {
  const r = await db.insertInto('solicitations').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateSolicitation(db: Db, id: number, changes: Updateable<SolicitationsTable>): Promise<void> {
  await db.updateTable('solicitations').set(changes).where('id', '=', id).execute();
}

export function findSolicitation(db: Db, id: number): Promise<Solicitation | undefined> {
  return db.selectFrom('solicitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function solicitationsOfSite(db: Db, siteId: number): Promise<Solicitation[]> {
  return db.selectFrom('solicitations').selectAll().where('site_id', '=', siteId).orderBy('opens_at', 'desc').execute();
}

export function byContent(db: Db, contentId: number): Promise<Solicitation[]> {
  return db
    .selectFrom('solicitations')
    .selectAll()
    .where((eb) => eb.or([eb('notice_content_id', '=', contentId), eb('feedback_content_id', '=', contentId)]))
    .execute();
}

/** Released solicitations whose period ended in [from, to). */
export function closedBetween(db: Db, siteId: number, from: string, to: string): Promise<Solicitation[]> {
  return db
    .selectFrom('solicitations')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', '=', 'released')
    .where('closes_at', '>=', from)
    .where('closes_at', '<', to)
    .execute();
}

/** Released, closed, without published feedback: their one-month deadline is watched. */
export function awaitingFeedback(db: Db, now: string): Promise<Solicitation[]> {
  return db
    .selectFrom('solicitations')
    .selectAll()
    .where('status', '=', 'released')
    .where('closes_at', '<=', now)
    .where('feedback_published_at', 'is', null)
    .execute();
}

export async function insertComment(
  db: Db,
  row: {
    solicitation_id: number;
    citizen_id: number;
    author_name: string;
    paragraph_id: string | null;
    text: string;
    submitted_at: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('solicitation_comments')
    .values({
      ...row,
      status: 'pending',
      adoption: null,
      adoption_reason: null,
      moderated_by: null,
      moderated_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export function commentsOf(db: Db, solicitationId: number, statuses?: string[]): Promise<SolicitationComment[]> {
  let q = db.selectFrom('solicitation_comments').selectAll().where('solicitation_id', '=', solicitationId);
  if (statuses) q = q.where('status', 'in', statuses);
  return q.orderBy('submitted_at').orderBy('id').execute();
}

export async function countComments(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('solicitation_comments')
    .select(['solicitation_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('solicitation_id', 'in', ids)
    .groupBy(['solicitation_id', 'status'])
    .execute();
}

export async function updateComment(
  db: Db,
  id: number,
  solicitationId: number,
  changes: Updateable<import('./solicitations.tables.ts').SolicitationCommentsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('solicitation_comments')
    .set(changes)
    .where('id', '=', id)
    .where('solicitation_id', '=', solicitationId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function commentsOfCitizen(db: Db, citizenId: number) {
  return db
    .selectFrom('solicitation_comments')
    .innerJoin('solicitations', 'solicitations.id', 'solicitation_comments.solicitation_id')
    .select([
      'solicitations.id',
      'solicitations.title',
      'solicitation_comments.status',
      'solicitation_comments.adoption',
      'solicitation_comments.submitted_at',
    ])
    .where('solicitation_comments.citizen_id', '=', citizenId)
    .orderBy('solicitation_comments.submitted_at', 'desc')
    .execute();
}

/** The site's 政策文件 still in draft (never published): what may be opened for comment. */
export function draftPolicies(db: Db, siteId: number) {
  return db
    .selectFrom('content_items')
    .select(['id', 'title', 'updated_at'])
    .where('site_id', '=', siteId)
    .where('type', '=', 'policy')
    .where('status', '=', 'draft')
    .where('published_version', 'is', null)
    .orderBy('updated_at', 'desc')
    .execute();
}
