// SQLite's search index writes title words and title bigrams with a one-letter prefix (`t`, `g`), as PostgreSQL's
// does: FTS5 keeps one posting list per token across all columns, so a title bigram shared the list of the same
// text in every body, and every title-only lookup (the ranking tiers, a query's bigram phrases) walked it.
//
// The index is derived data and its rows lack the prefixes, so on SQLite it is emptied here: the search service
// rebuilds an empty index in the background on first use (or run `govportal search reindex`). PostgreSQL's index
// already has its prefixes: nothing to do there.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.deleteFrom('search_docs').execute();
  await db.deleteFrom('search_terms').execute();
  await db.deleteFrom('search_rebuild').execute();
  await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(db);
}
