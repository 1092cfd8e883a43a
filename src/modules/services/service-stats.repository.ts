// SQL of the published statistics (办事统计) and the monthly 好差评 results.
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { ServiceRatingMonthsTable, ServiceStatsMonthsTable } from './services.tables.ts';

type Q = Db | Kysely<Database>;

export const allApplications = (db: Q, siteId: number) =>
  db.selectFrom('service_applications').selectAll().where('site_id', '=', siteId).execute();

export const allEvents = (db: Q, siteId: number) =>
  db
    .selectFrom('service_application_events as e')
    .innerJoin('service_applications as a', 'a.id', 'e.application_id')
    .selectAll('e')
    .where('a.site_id', '=', siteId)
    .orderBy('e.id')
    .execute();

export const allRatings = (db: Q, siteId: number) =>
  db
    .selectFrom('service_ratings as r')
    .leftJoin('service_rectifications as x', 'x.rating_id', 'r.id')
    .select(['r.id', 'r.department_id', 'r.level', 'r.rated_at', 'x.state as rectification'])
    .where('r.site_id', '=', siteId)
    .execute();

/** Replaces a site's statistics in one transaction (the caller's). */
export async function replaceStats(
  db: Q,
  siteId: number,
  stats: ServiceStatsMonthsTable[],
  ratings: ServiceRatingMonthsTable[],
): Promise<void> {
  await db.deleteFrom('service_stats_months').where('site_id', '=', siteId).execute();
  await db.deleteFrom('service_rating_months').where('site_id', '=', siteId).execute();
  for (let i = 0; i < stats.length; i += 200)
    await db
      .insertInto('service_stats_months')
      .values(stats.slice(i, i + 200))
      .execute();
  for (let i = 0; i < ratings.length; i += 200)
    await db
      .insertInto('service_rating_months')
      .values(ratings.slice(i, i + 200))
      .execute();
}

export const statsMonths = (db: Q, siteId: number) =>
  db.selectFrom('service_stats_months').selectAll().where('site_id', '=', siteId).orderBy('month').execute();

export const ratingMonths = (db: Q, siteId: number) =>
  db.selectFrom('service_rating_months').selectAll().where('site_id', '=', siteId).orderBy('month').execute();
