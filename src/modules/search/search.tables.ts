// The search tables (declared here rather than in the platform schema: only this module reads them) and the
// helpers every search repository shares. The index lives in search_docs plus, on SQLite, the FTS5 table
// search_fts (rowid = doc_key) and, on PostgreSQL, search_match (doc_key, tsv) with its GIN index.
import type { Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

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
export type Executor = Kysely<Database> | Transaction<Database>;
type SearchExecutor = Kysely<SearchDatabase>;

export const sdb = (db: Executor) => db as unknown as SearchExecutor;

export const DOC_COLUMNS = [
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

export const chunk = <T>(list: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};
