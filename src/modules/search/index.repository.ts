// All SQL that keeps the search index: documents and their full-text rows (FTS5 on SQLite, tsvectors in
// search_match on PostgreSQL), the title-term vocabulary, bulk-write settings, and the published items the
// index is built from.
import { sql } from 'kysely';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import type { PublishedItem } from '../../platform/db/schema.ts';
import { type DocTokens, fts5Columns, tsvectorLiteral } from './match.ts';
import { DOC_COLUMNS, type Executor, type SearchDoc, chunk, sdb } from './search.tables.ts';
import type { TermInfo } from './vocabulary.ts';

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
