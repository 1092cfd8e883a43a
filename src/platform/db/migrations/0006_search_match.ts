// The search index's second design: token streams gained a kind facet (counts by tab without reading rows) and,
// on PostgreSQL, the tsvector moves out of search_docs into a narrow table of its own.
//
// With the tsvector in the wide search_docs rows, a GIN bitmap scan over a frequent word visited most heap pages
// of the table. search_match (doc_key, tsv) keeps rows small and stores the tsvector out of line, so a bitmap
// scan reads few pages and never the tsvector itself (the queries need no rechecks), however many items match.
//
// The index is derived data and its old rows lack the new facet, so it is emptied here: the search service
// rebuilds an empty index in the background on first use (or run `govportal search reindex`).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('search_docs').execute();
  await db.deleteFrom('search_terms').execute();
  if (isPostgres(db)) {
    await sql`drop index search_docs_tsv`.execute(db);
    await sql`alter table search_docs drop column tsv`.execute(db);
    await sql`create table search_match (doc_key bigint primary key, tsv tsvector not null) with (toast_tuple_target = 128)`.execute(
      db,
    );
    await sql`alter table search_match alter column tsv set storage external`.execute(db);
    await sql`create index search_match_tsv on search_match using gin (tsv)`.execute(db);
  } else {
    await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(db);
  }
}
