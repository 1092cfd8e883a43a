// The results page under load: anonymous pages are shared from the worker's cache, and what they show follows
// publication and withdrawal at once (on this node, and for items another node withdrew); a visitor with a
// session is never served from the shared cache; more searches than a worker runs at once get a Chinese 503
// while cached pages keep answering. SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call } from '../../../test/helpers.ts';
import { draftNews, publishThroughReview, relogin } from '../../../test/workflow.ts';
import { bumpGeneration } from '../portal/public-content.repository.ts';
import { SearchPageCache, WorkLimit } from './search-page-cache.ts';
import { searchSite } from './search-testing.ts';
import type { LoadedItem } from './quality/load.ts';
import type { Team } from '../../../test/workflow.ts';
import type { TestEnv } from '../../../test/helpers.ts';

describe(`the search results page under load (${DIALECT})`, () => {
  let env: TestEnv;
  let siteId: number;
  let loaded: LoadedItem[];
  let t: Team;
  const page = async (q: string, headers: Record<string, string> = {}) => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/search?q=${encodeURIComponent(q)}`,
      headers: { host: 'localhost', accept: 'text/html', ...headers },
    });
    return { status: res.statusCode, html: res.body };
  };
  const stats = () => env.ctx.search.pages.stats();

  before(async () => {
    ({ env, siteId, loaded, t } = await searchSite());
  });
  after(async () => env.close());

  it('answers a repeated query from the cache, and the search still counts for hot words', async () => {
    const first = await page('公积金提取');
    assert.equal(first.status, 200);
    const guide = loaded.find((i) => i.title === '住房公积金提取办事指南')!;
    assert.match(first.html, new RegExp(`href="/gzdt/bszn/${guide.id}\\.html"`));
    const before = stats();
    const second = await page('公积金提取');
    assert.equal(second.html, first.html, 'the same page');
    assert.equal(stats().hits, before.hits + 1, 'from the cache');
    assert.equal(stats().misses, before.misses, 'not searched again');
    // Other filters or pages are other entries; junk parameters are not.
    await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('公积金提取')}&sort=date` });
    assert.equal(stats().misses, before.misses + 1);
    const junk = await env.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('公积金提取')}&x=1` });
    assert.equal(junk.body, first.html);
    env.ctx.search.forgetHotWords();
    assert.ok(
      (await env.ctx.search.hotWords.hotWords(siteId, [siteId])).includes('公积金提取'),
      'searched three times (twice from the cache): a hot word',
    );
  });

  it('shows a publication and drops a withdrawal at once', async () => {
    const { app, ctx } = env;
    assert.match((await page('区块链电子证照')).html, /没有找到相关结果/);
    const draft = await draftNews(app, ctx, t, '市政务办召开区块链电子证照试点工作推进会');
    await publishThroughReview(app, t, draft.id);
    const found = await page('区块链电子证照');
    assert.match(found.html, new RegExp(`href="/gzdt/bmdt/${draft.id}\\.html"`), 'published: found at once');
    assert.match((await page('区块链电子证照')).html, new RegExp(`${draft.id}\\.html`), 'and then from the cache');

    await relogin(app, t);
    const w = await call(app, t.editor, 'POST', `/api/content/${draft.id}/withdraw`, { reason: '发现涉密信息' });
    assert.equal(w.statusCode, 200, w.body);
    const gone = await page('区块链电子证照');
    assert.doesNotMatch(gone.html, new RegExp(`${draft.id}\\.html`), 'withdrawn: gone at once');
  });

  it('never shows from the cache an item another node withdrew, nor one it changed', async () => {
    const item = loaded.find((i) => i.title === '政务大厅延时服务便民措施')!;
    assert.match((await page('延时服务')).html, new RegExp(`${item.id}\\.html`));
    assert.match((await page('延时服务')).html, new RegExp(`${item.id}\\.html`), 'cached');
    const hits = stats().hits;
    // Another node's withdrawal: the row is gone from published_items, no event reaches this node.
    await env.ctx.db.deleteFrom('published_items').where('content_id', '=', item.id).execute();
    assert.doesNotMatch((await page('延时服务')).html, new RegExp(`${item.id}\\.html`), 'gone at once');
    assert.equal(stats().hits, hits, 'the cached page was not served');

    const other = loaded.find((i) => i.title === '住房公积金提取办事指南')!;
    await page('住房公积金');
    await env.ctx.db
      .updateTable('published_items')
      .set({ version: 99, title: '住房公积金提取办事指南（2027年版）' })
      .where('content_id', '=', other.id)
      .execute();
    const misses = stats().misses;
    await page('住房公积金');
    assert.equal(stats().misses, misses + 1, 'a changed item makes the page render again');
  });

  it('renders pages for a visitor with a session apart from the shared cache', async () => {
    await page('营商环境');
    const before = stats();
    for (const cookie of ['gp_citizen=abc', 'gp_session=abc']) {
      const own = await page('营商环境', { cookie });
      assert.equal(own.status, 200);
      assert.match(own.html, /营商环境/);
    }
    assert.equal(stats().hits, before.hits, 'never served from the shared cache');
    assert.equal(stats().misses, before.misses, 'nor stored in it');
    assert.equal(stats().entries, before.entries);
  });

  it('refuses searches beyond what the worker runs at once with a Chinese 503; cached pages still answer', async () => {
    const cached = await page('社保');
    const { limit } = env.ctx.search.query;
    const [active, waiting] = [limit.active, limit.waiting];
    let release = () => {};
    limit.active = 1;
    limit.waiting = 0;
    const busy = limit.run(
      () => new Promise<void>((resolve) => (release = resolve)),
      () => new Error('busy'),
    );
    try {
      const refused = await page('医疗保险参保');
      assert.equal(refused.status, 503);
      assert.match(refused.html, /系统繁忙，请稍后再试/);
      const api = await env.app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent('医疗保险')}` });
      assert.equal(api.statusCode, 503);
      assert.equal(api.json().error.code, 'SERVER_BUSY');
      assert.ok(api.headers['retry-after']);
      assert.equal((await page('社保')).html, cached.html, 'a cached page is answered meanwhile');
      const health = await env.app.inject({ method: 'GET', url: '/healthz' });
      assert.notEqual(health.statusCode, 503);
    } finally {
      release();
      await busy;
      limit.active = active;
      limit.waiting = waiting;
    }
    assert.equal((await page('医疗保险参保')).status, 200, 'answered again once a place is free');
  });

  it('runs searches in the order they came once a place is free, and refuses beyond the queue', async () => {
    const limit = new WorkLimit(1, 1);
    const order: string[] = [];
    let releaseA = () => {};
    const a = limit.run(
      () =>
        new Promise<void>((resolve) => {
          order.push('a');
          releaseA = resolve;
        }),
      () => new Error('busy'),
    );
    const b = limit.run(
      async () => void order.push('b'),
      () => new Error('busy'),
    );
    await assert.rejects(
      limit.run(
        async () => void order.push('c'),
        () => new Error('busy'),
      ),
      /busy/,
    );
    assert.deepEqual(limit.load(), { running: 1, queued: 1 });
    releaseA();
    await Promise.all([a, b]);
    assert.deepEqual(order, ['a', 'b']);
    assert.deepEqual(limit.load(), { running: 0, queued: 0 });
  });

  it('follows other nodes’ changes through the publication generations', async () => {
    let now = 0;
    const cache = new SearchPageCache<string>(env.ctx.db, { generationIntervalMs: 1000, now: () => now });
    let renders = 0;
    const render = async () => ({ value: `v${++renders}`, contentIds: [] });
    assert.deepEqual(await cache.page('k', render), { value: 'v1', hit: false });
    assert.deepEqual(await cache.page('k', render), { value: 'v1', hit: true });
    await bumpGeneration(env.ctx.db, siteId, new Date().toISOString());
    assert.deepEqual(await cache.page('k', render), { value: 'v1', hit: true }, 'not looked again yet');
    now = 1000;
    assert.deepEqual(await cache.page('k', render), { value: 'v2', hit: false }, 'another node changed a site');
    now = 70_000;
    assert.deepEqual(await cache.page('k', render), { value: 'v3', hit: false }, 'kept a minute at most');
  });

  it('serves kept pages while the database cannot be asked', async () => {
    const item = loaded.find((i) => i.title === '住房公积金提取办事指南')!;
    let down = false;
    const { db } = env.ctx;
    // The reads the cache makes, failing as PostgreSQL's do while it restarts.
    const flaky = {
      selectFrom: (table: 'published_items') => {
        if (down) throw new Error('Connection terminated');
        return db.selectFrom(table);
      },
    } as unknown as typeof db;
    const cache = new SearchPageCache<string>(flaky, { generationIntervalMs: 0 });
    const render = async () => ({ value: 'page', contentIds: [item.id] });
    assert.deepEqual(await cache.page('k', render), { value: 'page', hit: false });
    down = true;
    assert.deepEqual(await cache.page('k', render), { value: 'page', hit: true }, 'the kept page, not an error');
  });
});
