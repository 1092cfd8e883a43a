// An index rebuild that stops anywhere resumes after its last committed batch: the checkpoint commits with each
// batch, a resumed rebuild indexes only what is left, counts the vocabulary from the whole index and clears the
// checkpoint; `restart` starts over. SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT } from '../../../test/helpers.ts';
import * as repo from './index.repository.ts';
import type { SearchResult } from './search.service.ts';
import { type SearchSite, searchSite } from './search-testing.ts';

describe(`search index rebuild, checkpointed (${DIALECT})`, () => {
  let site: SearchSite;
  let resumedTerms: string[] = [];
  const vocabulary = async () =>
    (await repo.loadTerms(site.env.ctx.db)).map((t) => `${t.term}:${t.df}`).sort((a, b) => a.localeCompare(b));
  const titles = async (q: string) => {
    const res = await site.env.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}` });
    return (res.json() as SearchResult).items.map((i) => i.titleText);
  };

  before(async () => {
    site = await searchSite();
  });
  after(async () => site.env.close());

  it('commits the checkpoint with each batch, so a rebuild stopped after one resumes after it', async () => {
    const { env, loaded } = site;
    const db = env.ctx.db;
    await assert.rejects(
      env.ctx.search.reindex((done) => {
        if (done > 0) throw new Error('the node was stopped');
      }),
      /stopped/,
    );
    const last = Math.max(...loaded.map((i) => i.id));
    assert.deepEqual(
      { ...(await repo.rebuildState(db)), started_at: '', updated_at: '' },
      { id: 1, after_id: last, done: loaded.length, total: loaded.length, started_at: '', updated_at: '' },
    );
  });

  it('resumes: indexes only what is left, finds everything, counts the vocabulary of the whole index', async () => {
    const { env, loaded } = site;
    const db = env.ctx.db;
    // A rebuild stopped halfway: the later half of the items is not in the index yet.
    const sorted = [...loaded].sort((a, b) => a.id - b.id);
    const half = sorted[Math.floor(sorted.length / 2)]!;
    const later = sorted.filter((i) => i.id > half.id);
    const docs = await repo.findDocs(
      db,
      later.map((i) => i.id),
    );
    await repo.deleteDocs(
      db,
      docs.map((d) => d.doc_key),
    );
    await repo.startRebuild(db, loaded.length, new Date().toISOString());
    await repo.checkpointRebuild(db, half.id, sorted.length - later.length, new Date().toISOString());
    const seen: [number, number][] = [];
    const result = await env.ctx.search.reindex((done, total) => seen.push([done, total]));
    assert.equal(result.resumed, true);
    assert.deepEqual(seen[0], [sorted.length - later.length, loaded.length], 'progress starts at the checkpoint');
    assert.equal(result.indexed, loaded.length);
    assert.equal(await repo.rebuildState(db), undefined, 'the checkpoint is cleared');
    assert.equal(await repo.countDocs(db), loaded.length);
    assert.ok((await titles('营商环境')).length > 0);
    resumedTerms = await vocabulary();
    assert.ok(resumedTerms.length > 0);
  });

  it('starts over when asked to, whatever checkpoint is left', async () => {
    const { env, loaded } = site;
    await repo.startRebuild(env.ctx.db, loaded.length, new Date().toISOString());
    await repo.checkpointRebuild(env.ctx.db, 10 ** 9, 5, new Date().toISOString());
    const result = await env.ctx.search.reindex(undefined, { restart: true });
    assert.equal(result.resumed, false);
    assert.equal(result.indexed, loaded.length);
    assert.equal(await repo.countDocs(env.ctx.db), loaded.length);
    assert.deepEqual(await vocabulary(), resumedTerms, 'the resumed rebuild counted the same vocabulary');
  });
});
