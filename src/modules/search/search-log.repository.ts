// All SQL of the search log: every first-page, unfiltered search with its number of results, for hot words,
// suggestions and the report of searches that found nothing.
import { type Executor, sdb } from './search.tables.ts';

// ---------- search log ----------

export async function logSearch(
  db: Executor,
  row: { site_id: number; query: string; results: number; at: string },
): Promise<void> {
  await sdb(db).insertInto('search_log').values(row).execute();
}

export async function popularQueries(
  db: Executor,
  siteIds: number[],
  since: string,
  limit: number,
  minCount = 1,
): Promise<{ query: string; n: number }[]> {
  const rows = await sdb(db)
    .selectFrom('search_log')
    .select((eb) => ['query', eb.fn.countAll<number>().as('n')])
    .where('site_id', 'in', siteIds)
    .where('at', '>=', since)
    .where('results', '>', 0)
    .groupBy('query')
    .having((eb) => eb.fn.countAll(), '>=', minCount)
    .orderBy('n', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.query, n: Number(r.n) }));
}

export async function zeroResultQueries(db: Executor, siteId: number, since: string, until: string, limit: number) {
  const rows = await sdb(db)
    .selectFrom('search_log')
    .select((eb) => ['query', eb.fn.countAll<number>().as('n'), eb.fn.max('at').as('last_at')])
    .where('site_id', '=', siteId)
    .where('at', '>=', since)
    .where('at', '<', until)
    .where('results', '=', 0)
    .groupBy('query')
    .orderBy('n', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.query, count: Number(r.n), lastAt: String(r.last_at) }));
}

export async function logTotals(
  db: Executor,
  siteId: number,
  since: string,
  until: string,
): Promise<{ searches: number; zero: number }> {
  const r = await sdb(db)
    .selectFrom('search_log')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('results', '=', 0).then(1).else(0).end()).as('z'),
    ])
    .where('site_id', '=', siteId)
    .where('at', '>=', since)
    .where('at', '<', until)
    .executeTakeFirst();
  return { searches: Number(r?.n ?? 0), zero: Number(r?.z ?? 0) };
}
