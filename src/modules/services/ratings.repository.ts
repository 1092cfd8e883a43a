// SQL of 好差评: the ratings of completed applications and the rectification of each 差评.
import type { Kysely, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { ServiceRatingsTable, ServiceRectificationsTable } from './services.tables.ts';

type Q = Db | Kysely<Database>;

export async function insertRating(db: Q, values: Omit<ServiceRatingsTable, 'id'>): Promise<number> {
  const row = await db.insertInto('service_ratings').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const ratingOf = (db: Q, applicationId: number) =>
  db.selectFrom('service_ratings').selectAll().where('application_id', '=', applicationId).executeTakeFirst();

export const ratingsOf = (db: Q, applicationIds: readonly number[]) =>
  applicationIds.length
    ? db
        .selectFrom('service_ratings')
        .selectAll()
        .where('application_id', 'in', [...applicationIds])
        .execute()
    : Promise.resolve([]);

export const ratingsByIds = (db: Q, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('service_ratings')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

/** A site's ratings since a time (the monthly results, the console list), newest first. */
export function ratingsSince(db: Q, siteId: number, from: string, departmentIds: number[] | null = null) {
  let q = db.selectFrom('service_ratings').selectAll().where('site_id', '=', siteId).where('rated_at', '>=', from);
  if (departmentIds) q = departmentIds.length ? q.where('department_id', 'in', departmentIds) : q.where('id', '<', 0);
  return q.orderBy('rated_at', 'desc').limit(2000).execute();
}

export async function insertRectification(db: Q, values: Omit<ServiceRectificationsTable, 'id'>): Promise<number> {
  const row = await db.insertInto('service_rectifications').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const findRectification = (db: Q, id: number) =>
  db.selectFrom('service_rectifications').selectAll().where('id', '=', id).executeTakeFirst();

export const rectificationOfRating = (db: Q, ratingId: number) =>
  db.selectFrom('service_rectifications').selectAll().where('rating_id', '=', ratingId).executeTakeFirst();

/** Moves a rectification only from the state the caller saw. */
export async function moveRectification(
  db: Q,
  id: number,
  from: string,
  values: Updateable<ServiceRectificationsTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('service_rectifications')
    .set(values)
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listRectifications(db: Q, siteId: number, departmentIds: number[] | null, states?: string[]) {
  let q = db.selectFrom('service_rectifications').selectAll().where('site_id', '=', siteId);
  if (departmentIds) q = departmentIds.length ? q.where('department_id', 'in', departmentIds) : q.where('id', '<', 0);
  if (states?.length) q = q.where('state', 'in', states);
  return q.orderBy('id', 'desc').limit(500).execute();
}

export const rectificationsOfRatings = (db: Q, ratingIds: readonly number[]) =>
  ratingIds.length
    ? db
        .selectFrom('service_rectifications')
        .selectAll()
        .where('rating_id', 'in', [...ratingIds])
        .execute()
    : Promise.resolve([]);
