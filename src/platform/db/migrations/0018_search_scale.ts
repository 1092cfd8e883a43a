// PostgreSQL's search index gains time facets: every tsvector carries its document's publication day, month and
// year (`fd20260201`, `fm202602`, `fy2026`, UTC, from the document key), so the GIN index can find the newest
// matches of a frequent word through a recent window instead of reading the word's whole posting list. Rows
// indexed before carry none; they are given theirs here, from the key alone (no reindex needed). SQLite's FTS5
// index walks keys in order and needs no facets: nothing to do there.
//
// search_rebuild holds the checkpoint of a running index rebuild (one row while a rebuild runs): the last item
// written and how many so far, committed with each batch, so a rebuild stopped anywhere resumes after it.
//
// A document key is ((seconds since 2000-01-01 UTC × 2^17) + sequence) × 8 + kind, so its day is
// key / (86,400 × 2^20). Frozen here (the module's constants may move; this migration must not).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_rebuild')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('after_id', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  if (isPostgres(db)) await addTimeFacets(db);
}

/** PostgreSQL: the time facets of every indexed document, from its key. */
export async function addTimeFacets(db: Kysely<any>): Promise<void> {
  await sql`
    update search_match as m set tsv = m.tsv || array_to_tsvector(array[
      'fd' || to_char(x.day, 'YYYYMMDD'), 'fm' || to_char(x.day, 'YYYYMM'), 'fy' || to_char(x.day, 'YYYY')])
    from (select doc_key, date '2000-01-01' + (doc_key / 90596966400)::int as day from search_match) as x
    where x.doc_key = m.doc_key`.execute(db);
}
