// All SQL of site search. The index lives in search_docs plus, on SQLite, the FTS5 table search_fts (rowid =
// doc_key) and, on PostgreSQL, search_match (doc_key, tsv) with its GIN index. Queries arrive as compiled match strings
// (FTS5 MATCH syntax or tsquery input syntax, see match.ts) and come back as document keys, which order by date.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database, PublishedItem } from '../../platform/db/schema.ts';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import type { Generated } from 'kysely';
import { fts5Columns, toFts5, toTsquery, tsvectorLiteral, type DocTokens, type MatchNode } from './match.ts';
import type { TermInfo } from './vocabulary.ts';

export interface SearchDocsTable {
  doc_key: number;
  content_id: number;
  site_id: number;
  column_id: number;
  /** JSON list of the column, its ancestors and the item's extra columns. */
  column_ids: string;
  kind: string;
  type: string;
  version: number;
  title: string;
  title_key: string;
  pub_date: string;
  /** Display line of the catalogue fields: 文号, 发布机构, 索引号. */
  meta: string;
  summary: string;
  /** Plain text for snippets ('' for catalogue-only items). */
  body: string;
  indexed_at: string;
}

export interface SearchTermsTable {
  term: string;
  df: number;
  pinyin: string;
  initials: string;
}

export interface SearchLogTable {
  id: Generated<number>;
  site_id: number;
  query: string;
  results: number;
  at: string;
}

export interface SearchCardsTable {
  id: Generated<number>;
  site_id: number;
  title: string;
  description: string;
  keywords: string;
  links: string;
  sort: number;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface SearchDatabase extends Database {
  search_docs: SearchDocsTable;
  search_terms: SearchTermsTable;
  search_log: SearchLogTable;
  search_cards: SearchCardsTable;
}

export type SearchDoc = SearchDocsTable;
export type SearchCardRow = SearchCardsTable & { id: number };
type Executor = Kysely<Database> | Transaction<Database>;
type SearchExecutor = Kysely<SearchDatabase>;

const sdb = (db: Executor) => db as unknown as SearchExecutor;

const DOC_COLUMNS = [
  'doc_key',
  'content_id',
  'site_id',
  'column_id',
  'column_ids',
  'kind',
  'type',
  'version',
  'title',
  'title_key',
  'pub_date',
  'meta',
  'summary',
  'body',
  'indexed_at',
] as const;

const chunk = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

// ---------- writing the index ----------

export interface IndexedDoc {
  row: SearchDoc;
  tokens: DocTokens;
}

export async function findDocs(db: Executor, contentIds: number[]): Promise<SearchDoc[]> {
  if (contentIds.length === 0) return [];
  const out: SearchDoc[] = [];
  for (const ids of chunk(contentIds, 500)) {
    out.push(...(await sdb(db).selectFrom('search_docs').select(DOC_COLUMNS).where('content_id', 'in', ids).execute()));
  }
  return out;
}

/** The keys among `keys` that some document already has. */
export async function takenKeys(db: Executor, keys: number[]): Promise<Set<number>> {
  const taken = new Set<number>();
  for (const list of chunk(keys, 500)) {
    for (const r of await sdb(db).selectFrom('search_docs').select('doc_key').where('doc_key', 'in', list).execute())
      taken.add(Number(r.doc_key));
  }
  return taken;
}

export async function deleteDocs(db: Executor, keys: number[]): Promise<void> {
  for (const list of chunk(keys, 500)) {
    await sdb(db).deleteFrom('search_docs').where('doc_key', 'in', list).execute();
    if (isPostgres(db)) await sql`delete from search_match where doc_key in (${sql.join(list)})`.execute(db);
    else await sql`delete from search_fts where rowid in (${sql.join(list)})`.execute(db);
  }
}

export async function insertDocs(db: Executor, docs: IndexedDoc[]): Promise<void> {
  const pg = isPostgres(db);
  for (const batch of chunk(docs, pg ? 200 : 100)) {
    await sdb(db)
      .insertInto('search_docs')
      .values(batch.map((d) => d.row))
      .execute();
    if (pg) {
      const values = batch.map((d) => sql`(${d.row.doc_key}, cast(${tsvectorLiteral(d.tokens)} as tsvector))`);
      await sql`insert into search_match (doc_key, tsv) values ${sql.join(values)}`.execute(db);
    } else {
      const values = batch.map((d) => {
        const c = fts5Columns(d.tokens);
        return sql`(${d.row.doc_key}, ${c.title}, ${c.grams}, ${c.meta}, ${c.body}, ${c.facets})`;
      });
      await sql`insert into search_fts (rowid, title, grams, meta, body, facets) values ${sql.join(values)}`.execute(
        db,
      );
    }
  }
}

/** Applies document-frequency changes; new terms come with their pinyin. Terms no document uses are removed. */
export async function adjustTerms(
  db: Executor,
  changes: { term: string; delta: number; pinyin: string; initials: string }[],
): Promise<void> {
  const up = changes.filter((c) => c.delta > 0);
  for (const batch of chunk(up, 300)) {
    await sdb(db)
      .insertInto('search_terms')
      .values(batch.map((c) => ({ term: c.term, df: c.delta, pinyin: c.pinyin, initials: c.initials })))
      .onConflict((oc) => oc.column('term').doUpdateSet({ df: sql`search_terms.df + excluded.df` }))
      .execute();
  }
  const down = new Map<number, string[]>();
  for (const c of changes.filter((c) => c.delta < 0)) down.set(c.delta, [...(down.get(c.delta) ?? []), c.term]);
  for (const [delta, terms] of down) {
    for (const list of chunk(terms, 500)) {
      await sdb(db)
        .updateTable('search_terms')
        .set({ df: sql`df + ${delta}` })
        .where('term', 'in', list)
        .execute();
      await sdb(db).deleteFrom('search_terms').where('term', 'in', list).where('df', '<=', 0).execute();
    }
  }
}

export async function replaceTerms(db: Executor, rows: TermInfo[]): Promise<void> {
  await sdb(db).deleteFrom('search_terms').execute();
  for (const batch of chunk(rows, 500)) {
    await sdb(db)
      .insertInto('search_terms')
      .values(batch.map((t) => ({ term: t.term, df: t.df, pinyin: t.pinyin, initials: t.initials })))
      .execute();
  }
}

export async function loadTerms(db: Executor): Promise<TermInfo[]> {
  return sdb(db).selectFrom('search_terms').select(['term', 'df', 'pinyin', 'initials']).execute();
}

/** Changes whenever the vocabulary does (another process may have reindexed). */
export async function termsChecksum(db: Executor): Promise<string> {
  const r = await sdb(db)
    .selectFrom('search_terms')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('df').as('s')])
    .executeTakeFirst();
  return `${Number(r?.n ?? 0)}:${Number(r?.s ?? 0)}`;
}

export async function countDocs(db: Executor): Promise<number> {
  const r = await sdb(db)
    .selectFrom('search_docs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function docsOfSite(
  db: Executor,
  siteId: number,
): Promise<Pick<SearchDoc, 'content_id' | 'column_id' | 'column_ids' | 'kind' | 'type' | 'meta'>[]> {
  return sdb(db)
    .selectFrom('search_docs')
    .select(['content_id', 'column_id', 'column_ids', 'kind', 'type', 'meta'])
    .where('site_id', '=', siteId)
    .execute();
}

/** Indexed items that are no longer published, or whose published version has changed since. */
export async function staleDocs(db: Executor): Promise<{ gone: SearchDoc[]; changed: number[] }> {
  const gone = await sdb(db)
    .selectFrom('search_docs as d')
    .leftJoin('published_items as p', 'p.content_id', 'd.content_id')
    .select(DOC_COLUMNS.map((c) => `d.${c}` as const))
    .where('p.content_id', 'is', null)
    .execute();
  const changed = await sdb(db)
    .selectFrom('search_docs as d')
    .innerJoin('published_items as p', 'p.content_id', 'd.content_id')
    .select('d.content_id')
    .where((eb) => eb.or([eb('p.version', '!=', eb.ref('d.version')), eb('p.pub_date', '!=', eb.ref('d.pub_date'))]))
    .execute();
  return { gone: gone as SearchDoc[], changed: changed.map((r) => r.content_id) };
}

/**
 * SQLite: lets the write-ahead log grow to ~256 MB during a rebuild instead of checkpointing (and syncing) at
 * every batch; `end` restores the default and checkpoints once. PostgreSQL: nothing to do.
 */
export async function bulkWrites(db: Executor, phase: 'start' | 'end'): Promise<void> {
  if (isPostgres(db)) return;
  if (phase === 'start') await sql`pragma wal_autocheckpoint = 65536`.execute(db);
  else {
    await sql`pragma wal_autocheckpoint = 1000`.execute(db);
    await sql`pragma wal_checkpoint(passive)`.execute(db);
  }
}

/** Compacts the index after a rebuild. */
export async function optimize(db: Executor): Promise<void> {
  if (isPostgres(db)) {
    // Outside a transaction: VACUUM marks the pages all-visible (counting then skips them), ANALYZE refreshes statistics.
    await sql`vacuum analyze search_match`.execute(db);
    await sql`analyze search_docs`.execute(db);
  } else await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
}

// ---------- reading published items ----------

export const countPublished = async (db: Executor) =>
  Number(
    (
      await db
        .selectFrom('published_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

export const publishedAfter = (db: Executor, afterId: number, limit: number): Promise<PublishedItem[]> =>
  db
    .selectFrom('published_items')
    .selectAll()
    .where('content_id', '>', afterId)
    .orderBy('content_id')
    .limit(limit)
    .execute();

export const publishedItems = async (db: Executor, ids: number[]): Promise<PublishedItem[]> =>
  ids.length ? db.selectFrom('published_items').selectAll().where('content_id', 'in', ids).execute() : [];

export async function publishedVersions(db: Executor, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('published_items')
    .select(['content_id', 'version'])
    .where('content_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.content_id, r.version]));
}

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

// ---------- service cards ----------

export const listCards = (db: Executor, siteId: number) =>
  sdb(db)
    .selectFrom('search_cards')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('sort')
    .orderBy('id')
    .execute() as Promise<SearchCardRow[]>;

export const findCard = (db: Executor, id: number) =>
  sdb(db).selectFrom('search_cards').selectAll().where('id', '=', id).executeTakeFirst() as Promise<
    SearchCardRow | undefined
  >;

export async function insertCard(db: Executor, row: Omit<SearchCardsTable, 'id'>): Promise<number> {
  const r = await sdb(db).insertInto('search_cards').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCard(
  db: Executor,
  id: number,
  changes: Partial<Omit<SearchCardsTable, 'id' | 'site_id' | 'created_at'>>,
): Promise<void> {
  await sdb(db).updateTable('search_cards').set(changes).where('id', '=', id).execute();
}

export async function deleteCard(db: Executor, id: number): Promise<void> {
  await sdb(db).deleteFrom('search_cards').where('id', '=', id).execute();
}

export type { Db };
