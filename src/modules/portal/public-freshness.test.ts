// How fast publication and withdrawal reach the public pages — on this node and on another node sharing the
// database — which pages stay cached, 更新时间 on republished items, and compression of what is served.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { testEnv, call, type TestEnv, DIALECT } from '../../../test/helpers.ts';
import { publishThroughReview } from '../../../test/workflow.ts';
import { createContext } from '../../context.ts';
import { buildApp } from '../../app.ts';
import { openPostgres, openSqlite } from '../../platform/db/database.ts';
import { MINUTE, shanghaiDateTime } from '../../platform/time.ts';
import { generationKey } from './public-content.repository.ts';
import { GenerationSync } from './generation.ts';
import { $, type ContentSite, contentSite, metaOf } from './content-testing.ts';

describe('public site freshness', () => {
  let env: ContentSite['env'];
  let app: ContentSite['app'];
  let t: ContentSite['t'];
  let ids: ContentSite['ids'];
  let files: ContentSite['files'];
  let get: ContentSite['get'];
  let publish: ContentSite['publish'];
  let columnId: ContentSite['columnId'];
  let pubRow: ContentSite['pubRow'];

  before(async () => {
    ({ env, app, t, ids, files, get, publish, columnId, pubRow } = await contentSite());
    // Last-Modified has whole seconds: start a second after the setup's last publication, so that the first
    // change made here moves it forward.
    await new Promise((r) => setTimeout(r, 1100));
  });
  after(async () => env.close());

  it('shows a new item on its column page, the home page and the sitemap at once, and keeps unrelated pages cached', async () => {
    // 党务公开 shares no column with 部门动态. (Not 公众调查: the surveys module renders that column afresh on every
    // request, since a survey opens and closes with time.)
    const unrelated = await get('/dwgk/');
    assert.equal(unrelated.statusCode, 200);
    const leaderPage = await get(`/bmgk/ldxx/${ids.leader}.html`);
    const beforeList = await get('/gzdt/bmdt/');
    const previousNewest = `/gzdt/bmdt/${ids.article}.html`;
    await get(previousNewest);
    await new Promise((r) => setTimeout(r, 20));

    const started = Date.now();
    const id = await publish({
      type: 'article',
      columnId: await columnId('部门动态'),
      title: '市政务办开展窗口服务满意度测评',
      bodyHtml: '<p>满意度测评结果良好。</p>',
    });
    const path = `/gzdt/bmdt/${id}.html`;
    const [list, home, sitemap, page, rss, neighbour] = await Promise.all([
      get('/gzdt/bmdt/'),
      get('/'),
      get('/sitemap.xml'),
      get(path),
      get('/gzdt/bmdt/rss.xml'),
      get(previousNewest),
    ]);
    assert.ok(Date.now() - started < 1000, 'within one second of approval');
    assert.ok(list.body.includes(`href="${path}"`), 'column page');
    assert.notEqual(list.headers.etag, beforeList.headers.etag);
    assert.ok(
      new Date(String(list.headers['last-modified'])) > new Date(String(beforeList.headers['last-modified'])),
      'Last-Modified moves forward',
    );
    assert.ok(home.body.includes(`href="${path}"`), 'home page');
    assert.ok(sitemap.body.includes(`<loc>http://localhost:80${path}</loc>`), 'sitemap.xml');
    assert.ok(rss.body.includes(`<link>http://localhost:80${path}</link>`), 'RSS');
    assert.equal(page.statusCode, 200);
    assert.equal(
      $(neighbour.body)('nav.prev-next a[rel="prev"]').attr('href'),
      path,
      'the previous newest item links to the new one',
    );
    // Pages the item does not touch stay in the cache: same render, same Last-Modified.
    for (const [url, res] of [
      ['/dwgk/', unrelated],
      [`/bmgk/ldxx/${ids.leader}.html`, leaderPage],
    ] as const) {
      const again = await get(url);
      assert.equal(again.headers['last-modified'], res.headers['last-modified'], url);
      assert.equal(again.headers.etag, res.headers.etag, url);
    }
    ids.fresh = id;
  });

  it('shows 更新时间 when a published item is changed and published again, keeping its PubDate', async () => {
    const path = `/gzdt/bmdt/${ids.fresh}.html`;
    const first = await pubRow(ids.fresh!);
    assert.equal(first.updated_at, null);
    env.clock.advance(MINUTE);
    const detail = (await call(app, t.editor, 'GET', `/api/content/${ids.fresh}`)).json();
    const put = await call(app, t.editor, 'PUT', `/api/content/${ids.fresh}`, {
      columnId: detail.columnId,
      title: detail.title,
      bodyHtml: '<p>满意度测评结果良好，群众满意率达99%。</p>',
      note: '补充数据',
    });
    assert.equal(put.statusCode, 200, put.body);
    await publishThroughReview(app, t, ids.fresh!);
    const row = await pubRow(ids.fresh!);
    assert.ok(row.updated_at);
    const html = (await get(path)).body;
    const doc = $(html);
    assert.equal(doc('.updated-at').text(), `更新时间：${shanghaiDateTime(row.updated_at)}`);
    assert.equal(metaOf(html).PubDate, shanghaiDateTime(first.pub_date), 'PubDate stays the first publication');
    assert.ok(html.includes('群众满意率达99%'));
    assert.ok(
      (await get('/sitemap.xml')).body.includes(
        `<loc>http://localhost:80${path}</loc><lastmod>${row.updated_at}</lastmod>`,
      ),
    );
  });

  it('takes a withdrawn item off at once: its page is 404 and it leaves lists, the home page, feeds and the sitemap', async () => {
    const path = `/gzdt/bmdt/${ids.fresh}.html`;
    assert.equal((await get(path)).statusCode, 200);
    const res = await call(app, t.editor, 'POST', `/api/content/${ids.fresh}/withdraw`, { reason: '信息有误，撤回' });
    assert.equal(res.statusCode, 200, res.body);
    const gone = await get(path);
    assert.equal(gone.statusCode, 404);
    assert.match(gone.body, /抱歉，您访问的页面不存在/);
    for (const url of ['/gzdt/bmdt/', '/', '/sitemap.xml', '/gzdt/bmdt/rss.xml', '/gzdt/']) {
      assert.ok(!(await get(url)).body.includes(path), url);
    }
    // Withdrawing the policy document removes the link from its interpretation too (only published sides show).
    const interpretation = `/zwgk/hygq/zcjd/${ids.interpretation}.html`;
    assert.ok((await get(interpretation)).body.includes('解读的文件'));
    assert.equal(
      (await call(app, t.editor, 'POST', `/api/content/${ids.policy}/withdraw`, { reason: '文件已废止，撤下' }))
        .statusCode,
      200,
    );
    const after = await get(interpretation);
    assert.equal(after.statusCode, 200);
    assert.ok(!after.body.includes('解读的文件'));
    assert.ok(!after.body.includes(`/zwgk/jcgk/bmwj/${ids.policy}.html`));
    assert.ok(!(await get('/zwgk/catalog/')).body.includes('南江市政务服务事项管理办法'));
    assert.equal((await get(files.pdf.url)).statusCode, 404, 'its attachment is no longer public');
  });

  it('compresses HTML, XML, CSS and JS with br or gzip, once per cached page, and answers 304s', async () => {
    const plain = await get('/gzdt/bmdt/');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(String(plain.headers.vary), /Accept-Encoding/);
    const br = await get('/gzdt/bmdt/', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2);
    const gz = await get('/gzdt/bmdt/', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body);
    assert.equal((await get('/gzdt/bmdt/', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding'], 'gzip');
    // Each representation has its own validator; any of them revalidates the page.
    assert.notEqual(br.headers.etag, plain.headers.etag);
    assert.notEqual(gz.headers.etag, br.headers.etag);
    const again = await get('/gzdt/bmdt/', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    // Last-Modified / If-Modified-Since.
    const lastModified = String(plain.headers['last-modified']);
    assert.match(lastModified, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal((await get('/gzdt/bmdt/', { 'if-modified-since': lastModified })).statusCode, 304);
    const older = new Date(Date.parse(lastModified) - 3600_000).toUTCString();
    assert.equal((await get('/gzdt/bmdt/', { 'if-modified-since': older })).statusCode, 200);
    // If-None-Match wins over If-Modified-Since.
    assert.equal(
      (await get('/gzdt/bmdt/', { 'if-modified-since': lastModified, 'if-none-match': '"other"' })).statusCode,
      200,
    );

    for (const url of ['/sitemap.xml', `/bmgk/ldxx/${ids.leader}.html`, '/gzdt/bmdt/rss.xml']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      // Responses below the compression threshold are sent as they are.
      assert.ok(res.headers['content-encoding'] === 'br' || res.rawPayload.length < 1024, url);
    }
    const html = plain.body;
    const css = /href="(\/assets\/portal\.[0-9a-f]{10}\.css)"/.exec(html)![1]!;
    const cssBr = await get(css, { 'accept-encoding': 'br' });
    assert.equal(cssBr.headers['content-encoding'], 'br');
    assert.equal(cssBr.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(brotliDecompressSync(cssBr.rawPayload).toString('utf8'), /body\.care/);
    assert.equal((await get(css, { 'if-none-match': String((await get(css)).headers.etag) })).statusCode, 304);
    const js = /src="(\/assets\/portal\.[0-9a-f]{10}\.js)"/.exec(html)![1]!;
    const jsRes = await get(js, { 'accept-encoding': 'gzip' });
    // The script is small: below the threshold it is sent as it is.
    assert.ok(jsRes.headers['content-encoding'] === 'gzip' || jsRes.rawPayload.length < 1024);
    // Small bodies are not compressed.
    assert.equal((await get('/robots.txt', { 'accept-encoding': 'br' })).headers['content-encoding'], undefined);
  });

  it("shows one node's publication and withdrawal on another node sharing the database within about a second", async () => {
    const dbh = DIALECT === 'sqlite' ? openSqlite(env.ctx.dbh.file!) : openPostgres(env.ctx.dbh.url!, 2);
    const ctx2 = await createContext(env.config, { dbh, clock: env.clock, migrate: false });
    const app2 = await buildApp(ctx2, { logger: false });
    try {
      const get2 = (url: string) => app2.inject({ method: 'GET', url });
      // Node 2 renders and caches the pages.
      assert.equal((await get2('/gzdt/bmdt/')).statusCode, 200);
      await get2('/');
      const generation = async () =>
        Number(
          (
            await env.ctx.db
              .selectFrom('settings')
              .select('value')
              .where('key', '=', generationKey(t.siteId))
              .executeTakeFirstOrThrow()
          ).value,
        );
      const before = await generation();

      const id = await publish({
        type: 'article',
        columnId: await columnId('部门动态'),
        title: '市政务办举办政务服务技能竞赛',
        bodyHtml: '<p>竞赛圆满结束。</p>',
      });
      const approvedAt = Date.now();
      assert.equal(await generation(), before + 1, 'the publishing node bumped the generation');
      const path = `/gzdt/bmdt/${id}.html`;
      const waitFor = async (test: () => Promise<boolean>) => {
        while (!(await test())) {
          assert.ok(Date.now() - approvedAt < 1500, 'seen on node 2 within ~1 s');
          await new Promise((r) => setTimeout(r, 50));
        }
        return Date.now() - approvedAt;
      };
      await waitFor(async () => (await get2('/gzdt/bmdt/')).body.includes(`href="${path}"`));
      assert.ok((await get2('/')).body.includes(`href="${path}"`));
      assert.equal((await get2(path)).statusCode, 200);

      assert.equal(
        (await call(app, t.editor, 'POST', `/api/content/${id}/withdraw`, { reason: '重复发布，撤回' })).statusCode,
        200,
      );
      const withdrawnAt = Date.now();
      while ((await get2(path)).statusCode !== 404) {
        assert.ok(Date.now() - withdrawnAt < 1500, 'withdrawal seen on node 2 within ~1 s');
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(!(await get2('/gzdt/bmdt/')).body.includes(`href="${path}"`));
    } finally {
      await app2.close();
      await dbh.close();
    }
  });
});

describe('publication generation across nodes', () => {
  let env: TestEnv;
  before(async () => {
    env = await testEnv({ demo: false });
  });
  after(async () => env.close());

  it("lets a node see another node's change, and concurrent bumps never hide one from the other", async () => {
    const stale = { a: 0, b: 0 };
    const a = new GenerationSync(
      env.ctx.db,
      () => {
        stale.a += 1;
      },
      { intervalMs: 0 },
    );
    const b = new GenerationSync(
      env.ctx.db,
      () => {
        stale.b += 1;
      },
      { intervalMs: 0 },
    );
    const siteId = 424242;
    await a.check(siteId);
    await b.check(siteId);
    assert.deepEqual(stale, { a: 0, b: 0 });
    await a.bump(siteId, new Date().toISOString());
    assert.equal(stale.a, 0, 'its own change: the node invalidated precisely already');
    await b.check(siteId);
    assert.equal(stale.b, 1, 'the other node drops its cache');
    await a.check(siteId);
    assert.equal(stale.a, 0);
    // Both change the site at once: each ends up knowing the other changed it too.
    await Promise.all([a.bump(siteId, new Date().toISOString()), b.bump(siteId, new Date().toISOString())]);
    await Promise.all([a.check(siteId), b.check(siteId)]);
    assert.deepEqual(stale, { a: 1, b: 2 }, "each node dropped its cache once for the other's change");
    const c = new GenerationSync(env.ctx.db, () => assert.fail('not expected'), { intervalMs: 60_000 });
    await c.check(siteId);
    assert.equal(c.check(siteId), undefined, 'within the interval a node does not look again');
  });
});
