// An index written before title words and bigrams carried their prefixes (SQLite) is emptied by the migration
// that introduced them, so the search service rebuilds it; PostgreSQL's index, prefixed from the start, is kept.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECT, type TestEnv, testEnv } from '../../../test/helpers.ts';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import { up as prefixTitleTokens } from '../../platform/db/migrations/0019_search_title_tokens.ts';
import { insertDocs } from './index.repository.ts';
import { docKey } from './kinds.ts';
import { term } from './match.ts';
import * as repo from './search.repository.ts';
import { indexedDoc } from './search-testing.ts';

describe(`the index's title prefixes on an existing index (${DIALECT})`, () => {
  let env: TestEnv;
  before(async () => {
    env = await testEnv({ demo: false });
  });
  after(() => env.close());

  it('empties an index written without them on SQLite, keeps it on PostgreSQL', async () => {
    const db = env.ctx.db;
    const key = docKey('2026-03-01T02:00:00Z', 1, 'news');
    await insertDocs(db, [
      indexedDoc(key, '城乡居民医保', { title: ['城乡', '居民', '医保'], grams: ['城乡', '乡居'] }),
    ]);
    assert.deepEqual(await repo.matchKeys(db, term('居民', ['title']), { min: null, max: null }, 10), [key]);
    await prefixTitleTokens(db);
    const docs = (await sql<{ k: number }>`select doc_key as k from search_docs`.execute(db)).rows;
    if (isPostgres(db)) {
      assert.equal(docs.length, 1, 'PostgreSQL keeps its index');
      return;
    }
    assert.equal(docs.length, 0, 'SQLite empties search_docs (rebuilt on first use)');
    const fts = await sql<{ n: number }>`select count(*) as n from search_fts_docsize`.execute(db);
    assert.equal(Number(fts.rows[0]?.n), 0, 'and its FTS5 index');
  });
});
