// Frozen once shipped. Site search: the search index (derived from published_items, never backed up,
// rebuilt by `govportal search reindex`), the vocabulary of title terms with their pinyin, the search log and
// the administrators' service cards.
//
// The index is dialect-specific underneath one row table:
// - search_docs: one row per public item (display fields, plain text for snippets). Its key `doc_key` encodes
//   the publication time, a sequence and the result kind, so ordering by it is ordering by date and the kind
//   is read without touching the row.
// - SQLite: search_fts, an FTS5 table over pre-segmented, space-joined tokens (contentless, detail=column: no
//   positions are needed; rowid = doc_key).
// - PostgreSQL: search_docs.tsv, a tsvector built from the same tokens (lexemes prefixed by their stream), with a
//   GIN index. pg_trgm is not used: the same token streams on both dialects give the same results, and no
//   extension (superuser) is needed.
import { sql, type Kysely } from 'kysely';
import { addId, isPostgres } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);

  await db.schema
    .createTable('search_docs')
    .addColumn('doc_key', pg ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('content_id', 'integer', (c) => c.notNull().unique())
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('column_id', 'integer', (c) => c.notNull())
    .addColumn('column_ids', 'text', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('title_key', 'varchar(300)', (c) => c.notNull())
    .addColumn('pub_date', 'varchar(32)', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_docs_title_key').on('search_docs').column('title_key').execute();

  if (pg) {
    await sql`alter table search_docs add column tsv tsvector not null default ''::tsvector`.execute(db);
    await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(
      title, grams, meta, body, facets,
      content='', contentless_delete=1, detail=column, tokenize='unicode61 remove_diacritics 0'
    )`.execute(db);
  }

  // Title terms (jieba words) with how many indexed items use them, and their pinyin: for pinyin queries,
  // typo corrections and suggestions.
  await db.schema
    .createTable('search_terms')
    .addColumn('term', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('df', 'integer', (c) => c.notNull())
    .addColumn('pinyin', 'varchar(256)', (c) => c.notNull())
    .addColumn('initials', 'varchar(64)', (c) => c.notNull())
    .execute();

  // One row per search (no IP, no session): hot words and the report of searches that found nothing.
  await addId(db.schema.createTable('search_log'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('query', 'varchar(100)', (c) => c.notNull())
    .addColumn('results', 'integer', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_log_site_at').on('search_log').columns(['site_id', 'at']).execute();

  // 搜索即服务: a card (title, description, direct links) shown above the results when a query matches its keywords.
  await addId(db.schema.createTable('search_cards'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_cards_site').on('search_cards').column('site_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('The search migration cannot be reverted');
}
