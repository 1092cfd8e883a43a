// All SQL of the search log: daily totals per site and query (how often it was searched, how often it found
// nothing), for hot words, suggestions and the report of searches that found nothing. No IP address, no time of
// day, no session: the log says what people look for, never who looked or when.
import { sql } from 'kysely';
import { type Executor, sdb } from './search.tables.ts';

export interface SearchLogTotal {
  site_id: number;
  /** The Asia/Shanghai day, as the UTC instant it starts. */
  day: string;
  query: string;
  searches: number;
  zero_results: number;
}

/** Adds searches to their days' totals (one upsert per site, day and query). */
export async function addSearches(db: Executor, totals: SearchLogTotal[]): Promise<void> {
  for (const t of totals) {
    await sdb(db)
      .insertInto('search_log_days')
      .values(t)
      .onConflict((oc) =>
        oc.columns(['site_id', 'day', 'query']).doUpdateSet({
          searches: sql<number>`search_log_days.searches + ${t.searches}`,
          zero_results: sql<number>`search_log_days.zero_results + ${t.zero_results}`,
        }),
      )
      .execute();
  }
}

/** Queries searched on these sites since `since` that found something, most searched first. */
export async function popularQueries(
  db: Executor,
  siteIds: number[],
  since: string,
  limit: number,
  minCount = 1,
): Promise<{ query: string; n: number }[]> {
  const found = sql<number>`sum(searches - zero_results)`;
  const rows = await sdb(db)
    .selectFrom('search_log_days')
    .select(['query', found.as('n')])
    .where('site_id', 'in', siteIds)
    .where('day', '>=', since)
    .groupBy('query')
    .having(found, '>=', Math.max(1, minCount))
    .orderBy('n', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.query, n: Number(r.n) }));
}

export async function zeroResultQueries(db: Executor, siteId: number, since: string, until: string, limit: number) {
  const zero = sql<number>`sum(zero_results)`;
  const rows = await sdb(db)
    .selectFrom('search_log_days')
    .select((eb) => ['query', zero.as('n'), eb.fn.max('day').as('last_day')])
    .where('site_id', '=', siteId)
    .where('day', '>=', since)
    .where('day', '<', until)
    .where('zero_results', '>', 0)
    .groupBy('query')
    .orderBy('n', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.query, count: Number(r.n), lastAt: String(r.last_day) }));
}

export async function logTotals(
  db: Executor,
  siteId: number,
  since: string,
  until: string,
): Promise<{ searches: number; zero: number }> {
  const r = await sdb(db)
    .selectFrom('search_log_days')
    .select([sql<number>`sum(searches)`.as('n'), sql<number>`sum(zero_results)`.as('z')])
    .where('site_id', '=', siteId)
    .where('day', '>=', since)
    .where('day', '<', until)
    .executeTakeFirst();
  return { searches: Number(r?.n ?? 0), zero: Number(r?.z ?? 0) };
}
