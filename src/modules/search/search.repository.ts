// All SQL that answers searches. Queries arrive as compiled match strings (FTS5 MATCH syntax or tsquery
// input syntax, see match.ts) and come back as document keys, which order by date.
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import { ReadReplicas } from '../../platform/db/read-replicas.ts';
import type { Database } from '../../platform/db/schema.ts';
import { type MatchNode, toFts5, toTsquery } from './match.ts';
import {
  conditions,
  estimateMatches,
  type KeyFilter,
  looseWorthIt,
  matchCondition,
  newestMatches,
} from './search-windows.repository.ts';
import { forgetIndexShape, sizeFromNewest } from './index-density.repository.ts';
import { chunk, DOC_COLUMNS, type Executor, type SearchDoc, sdb } from './search.tables.ts';

// ---------- querying the index ----------

export type { KeyFilter };
export { estimateMatches, forgetIndexShape, sizeFromNewest };

function matchClause(pg: boolean, node: MatchNode) {
  return pg ? sql`tsv @@ cast(${toTsquery(node)} as tsquery)` : sql`search_fts match ${toFts5(node)}`;
}

/**
 * Runs a search's reads — given the read replicas, on one that is up and current (else the primary). PostgreSQL:
 * in one read-only transaction whose planner uses GIN bitmap scans (SET LOCAL: this transaction only). A plan
 * testing `tsv @@ …` row by row reads and decompresses tsvectors (~4 µs a row), and the planner misjudges how
 * many rows an AND of frequent words needs; a GIN bitmap scan tests no row, and time windows
 * (search-windows.repository.ts) keep its bitmaps small. SQLite: directly.
 */
export async function reading<T>(db: Executor | ReadReplicas, work: (db: Executor) => Promise<T>): Promise<T> {
  if (db instanceof ReadReplicas) return db.read((reader) => reading(reader, work));
  if (!isPostgres(db)) return work(db);
  return (db as Kysely<Database>).transaction().execute(async (trx) => {
    await sql`set transaction read only`.execute(trx);
    // One round trip for the planner settings (local to this transaction). A search reads a few thousand keys:
    // parallel workers cost more to start and to wait for than they save, and on a busy machine they queue for
    // the same CPUs. The costs of a bitmap scan of a frequent word pass the JIT threshold, but the scan reads a
    // few thousand rows: compiling its expressions costs 3–25 ms per statement and saves nothing.
    await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
      set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`.execute(trx);
    return work(trx);
  });
}

const fts5Keys = async (db: Executor, node: MatchNode, f: KeyFilter, limit: number, offset: number) =>
  (
    await sql<{
      k: number;
    }>`select rowid as k from search_fts where ${matchClause(false, node)}${conditions(false, f)} order by rowid desc limit ${limit} offset ${offset}`.execute(
      db,
    )
  ).rows.map((x) => Number(x.k));

/**
 * Matching documents per kind code, from the newest `limit` matches: all of them when there are fewer (exact),
 * else a sample (the same sample on both dialects).
 */
export async function kindCounts(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  limit: number,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const key of await matchKeys(db, node, f, limit)) counts.set(key % 8, (counts.get(key % 8) ?? 0) + 1);
  return counts;
}

/**
 * Matching keys, newest first: the newest `limit` after `offset`. SQLite: FTS5 walks its lists in key order and
 * stops early. PostgreSQL: the newest `offset + limit` through time windows of the GIN index. `within`: a query
 * this one narrows (every match of `node` matches it), whose newest matches this search may already have found
 * (PostgreSQL tests those first).
 */
export async function matchKeys(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  limit: number,
  offset = 0,
  within?: MatchNode,
): Promise<number[]> {
  if (!isPostgres(db)) return fts5Keys(db, node, f, limit, offset);
  return (await newestMatches(db, node, f, offset + limit, within)).slice(offset);
}

/**
 * The number of matches, but no more than `cap` (deep pages only need to know whether a tier holds more than
 * they skip). PostgreSQL: the newest `cap` through time windows, where a count would visit every match.
 */
export async function countUpTo(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  cap: number,
  within?: MatchNode,
): Promise<number> {
  if (isPostgres(db)) return (await newestMatches(db, node, f, cap, within)).length;
  const r = await sql<{
    n: number;
  }>`select count(*) as n from (select rowid from search_fts where ${matchClause(false, node)}${conditions(false, f)} limit ${cap})`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

export async function countMatches(db: Executor, node: MatchNode, f: KeyFilter): Promise<number> {
  const pg = isPostgres(db);
  const table = pg ? sql.ref('search_match') : sql.ref('search_fts');
  const match = pg ? matchCondition(node, await looseWorthIt(db, node, f)) : matchClause(pg, node);
  const r = await sql<{
    n: number;
  }>`select count(*) as n from ${table} where ${match}${conditions(pg, f)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The titles of the given documents. */
export async function titlesByKeys(db: Executor, keys: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const list of chunk(keys, 500)) {
    const rows = await sdb(db)
      .selectFrom('search_docs')
      .select(['doc_key', 'title'])
      .where('doc_key', 'in', list)
      .execute();
    for (const r of rows) out.set(Number(r.doc_key), r.title);
  }
  return out;
}

export async function docsByKeys(db: Executor, keys: number[]): Promise<SearchDoc[]> {
  if (keys.length === 0) return [];
  const rows = await sdb(db).selectFrom('search_docs').select(DOC_COLUMNS).where('doc_key', 'in', keys).execute();
  return rows.map((r) => ({ ...r, doc_key: Number(r.doc_key) }));
}

/**
 * Whether more than `n` documents match, when that is known without reading them. PostgreSQL: the planner's
 * estimate says so (it takes words as independent, so it errs low far more often than high; reading the newest
 * `n + 1` matches to find out costs a heap page each). SQLite: never known beforehand (its count is cheap).
 */
export async function likelyMoreThan(db: Executor, node: MatchNode, f: KeyFilter, n: number): Promise<boolean> {
  return isPostgres(db) && (await estimateMatches(db, node, f)) > n;
}

/** Documents per site among the given keys. */
export async function siteCounts(db: Executor, keys: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const list of chunk(keys, 500)) {
    const rows = await sdb(db)
      .selectFrom('search_docs')
      .select((eb) => ['site_id', eb.fn.countAll<number>().as('n')])
      .where('doc_key', 'in', list)
      .groupBy('site_id')
      .execute();
    for (const r of rows) out.set(r.site_id, (out.get(r.site_id) ?? 0) + Number(r.n));
  }
  return out;
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
