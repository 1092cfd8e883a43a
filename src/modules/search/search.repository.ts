// All SQL that answers searches. Queries arrive as compiled match strings (FTS5 MATCH syntax or tsquery
// input syntax, see match.ts) and come back as document keys, which order by date.
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import type { Database } from '../../platform/db/schema.ts';
import { type MatchNode, toFts5, toTsquery } from './match.ts';
import { DOC_COLUMNS, type Executor, type SearchDoc, sdb } from './search.tables.ts';

// ---------- querying the index ----------

export interface KeyFilter {
  min: number | null;
  max: number | null;
  exclude?: number[];
}

function conditions(pg: boolean, f: KeyFilter) {
  const key = pg ? sql.ref('doc_key') : sql.raw('rowid');
  const parts = [];
  if (f.min !== null) parts.push(sql`${key} >= ${f.min}`);
  if (f.max !== null) parts.push(sql`${key} <= ${f.max}`);
  if (f.exclude?.length) parts.push(sql`${key} not in (${sql.join(f.exclude)})`);
  return parts.length ? sql` and ${sql.join(parts, sql` and `)}` : sql``;
}

function matchClause(pg: boolean, node: MatchNode) {
  return pg ? sql`tsv @@ cast(${toTsquery(node)} as tsquery)` : sql`search_fts match ${toFts5(node)}`;
}

/**
 * Runs a search's reads. PostgreSQL: in one read-only transaction whose planner uses bitmap scans (SET LOCAL:
 * this transaction only), except where newestKeys() knows that walking the keys backwards is cheaper. A plan
 * testing `tsv @@ …` row by row reads and decompresses tsvectors (~4 µs a row), and the planner misjudges how
 * many rows an AND of frequent words needs; a GIN bitmap scan tests no row. SQLite: directly.
 */
export async function reading<T>(db: Executor, work: (db: Executor) => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work(db);
  return (db as Kysely<Database>).transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_indexscan = off`.execute(trx);
    await sql`set transaction read only`.execute(trx);
    return work(trx);
  });
}

/** PostgreSQL: how many matches a bitmap probe collects before concluding that the matches are frequent. */
const PROBE = 2000;

async function pgPlanner(db: Executor, mode: 'bitmap' | 'ordered'): Promise<void> {
  const ordered = mode === 'ordered';
  await sql`select set_config('enable_indexscan', ${ordered ? 'on' : 'off'}, true), set_config('enable_bitmapscan', ${ordered ? 'off' : 'on'}, true)`.execute(
    db,
  );
}

/**
 * Up to `limit` matching keys, quickly: SQLite the newest; PostgreSQL any (the first a bitmap scan meets), and
 * all of them when there are fewer than `limit`.
 */
async function sampleKeys(db: Executor, node: MatchNode, f: KeyFilter, limit: number): Promise<number[]> {
  if (!isPostgres(db)) {
    const r = await sql<{
      k: number;
    }>`select rowid as k from search_fts where ${matchClause(false, node)}${conditions(false, f)} order by rowid desc limit ${limit}`.execute(
      db,
    );
    return r.rows.map((x) => Number(x.k));
  }
  const r = await sql<{
    k: number;
  }>`select doc_key as k from search_match where ${matchClause(true, node)}${conditions(true, f)} limit ${limit}`.execute(
    db,
  );
  return r.rows.map((x) => Number(x.k));
}

/**
 * The newest `limit` matching keys after `offset`. SQLite: FTS5 walks its lists in key order and stops early.
 * PostgreSQL: a bitmap probe of up to PROBE matches; if that is all of them, they are sorted here. Otherwise the
 * matches are frequent, and walking the keys backwards (testing each row) finds the newest after a few rows.
 */
async function newestKeys(db: Executor, node: MatchNode, f: KeyFilter, limit: number, offset = 0): Promise<number[]> {
  if (!isPostgres(db)) {
    const r = await sql<{
      k: number;
    }>`select rowid as k from search_fts where ${matchClause(false, node)}${conditions(false, f)} order by rowid desc limit ${limit} offset ${offset}`.execute(
      db,
    );
    return r.rows.map((x) => Number(x.k));
  }
  const probe = await sampleKeys(db, node, f, PROBE);
  if (probe.length < PROBE) return probe.sort((a, b) => b - a).slice(offset, offset + limit);
  await pgPlanner(db, 'ordered');
  try {
    const r = await sql<{
      k: number;
    }>`select doc_key as k from search_match where ${matchClause(true, node)}${conditions(true, f)} order by doc_key desc limit ${limit} offset ${offset}`.execute(
      db,
    );
    return r.rows.map((x) => Number(x.k));
  } finally {
    await pgPlanner(db, 'bitmap');
  }
}

/**
 * Matching documents per kind code, from up to `limit` matches: all of them when there are fewer (exact), else
 * a sample (SQLite: the newest; PostgreSQL: those a bitmap scan meets first).
 */
export async function kindCounts(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  limit: number,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const key of await sampleKeys(db, node, f, limit)) counts.set(key % 8, (counts.get(key % 8) ?? 0) + 1);
  return counts;
}

/** Matching keys, newest first. */
export async function matchKeys(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  limit: number,
  offset = 0,
): Promise<number[]> {
  return newestKeys(db, node, f, limit, offset);
}

/**
 * PostgreSQL only: the planner's estimate of the number of matches (from the tsvector statistics), for result
 * sets too large to count cheaply: counting visits every matching row.
 */
export async function estimateMatches(db: Executor, node: MatchNode, f: KeyFilter): Promise<number> {
  const r = await sql<{
    'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
  }>`explain (format json) select 1 from search_match where ${matchClause(true, node)}${conditions(true, f)}`.execute(
    db,
  );
  return Math.round(Number(r.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0));
}

export async function countMatches(db: Executor, node: MatchNode, f: KeyFilter): Promise<number> {
  const pg = isPostgres(db);
  const table = pg ? sql.ref('search_match') : sql.ref('search_fts');
  const r = await sql<{
    n: number;
  }>`select count(*) as n from ${table} where ${matchClause(pg, node)}${conditions(pg, f)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function docsByKeys(db: Executor, keys: number[]): Promise<SearchDoc[]> {
  if (keys.length === 0) return [];
  const rows = await sdb(db).selectFrom('search_docs').select(DOC_COLUMNS).where('doc_key', 'in', keys).execute();
  return rows.map((r) => ({ ...r, doc_key: Number(r.doc_key) }));
}

/** Documents whose title is exactly the query (letters and digits compared), newest first. */
export async function exactTitle(db: Executor, key: string, siteIds: number[] | null): Promise<SearchDoc[]> {
  // By title_key alone (with a site condition or an ORDER BY, SQLite may prefer walking a whole site's rows).
  const rows = await sdb(db)
    .selectFrom('search_docs')
    .select(DOC_COLUMNS)
    .where('title_key', '=', key)
    .limit(200)
    .execute();
  return rows
    .map((r) => ({ ...r, doc_key: Number(r.doc_key) }))
    .filter((r) => !siteIds || siteIds.includes(r.site_id))
    .sort((a, b) => b.doc_key - a.doc_key)
    .slice(0, 50);
}
