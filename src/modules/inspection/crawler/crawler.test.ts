import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crawlSite } from './crawler.ts';
import { checkLinks } from './links.ts';
import { USER_AGENT } from './fetcher.ts';
import type { ProgressEvent } from './types.ts';
import { serveSite } from '../../../../test/fixtures/sites/serve.ts';
import { html, redirect, serveRoutes, silent } from '../../../../test/fixtures/sites/route-server.ts';
import {
  fixtureNames,
  pagesOf,
  readExpectation,
  updatingGolden,
  writeGolden,
} from '../../../../test/fixtures/sites/harness.ts';

const FAST = { minDelayMs: 5, timeoutMs: 3_000, totalTimeMs: 30_000 };

// ───────────────────────────── fixture sites ─────────────────────────────

for (const name of fixtureNames()) {
  test(`fixture site “${name}”: the crawl matches the golden page list`, async (t) => {
    const served = await serveSite(name);
    t.after(() => served.close());
    const snapshot = await crawlSite(`${served.origin}/`, FAST);
    const pages = pagesOf(snapshot, served.origin);
    if (updatingGolden()) writeGolden(name, { pages });
    assert.equal(snapshot.stoppedBy, 'done');
    assert.deepEqual(pages, readExpectation(name).pages);
  });
}

test('GBK pages decode correctly, from the Content-Type charset and from <meta charset="gb2312">', async (t) => {
  const served = await serveSite('gbk');
  t.after(() => served.close());
  const snapshot = await crawlSite(`${served.origin}/`, FAST);
  const home = snapshot.pages[0];
  assert.deepEqual([home.fetch.charset, home.fetch.charsetSource], ['gb18030', 'header']);
  assert.equal(home.facts?.meta.SiteName, '示例县人民政府');
  assert.equal(home.facts?.title, '首页 - 示例县人民政府');
  assert.match(home.facts?.footer.text ?? '', /主办单位：示例县人民政府办公室/);
  const news = snapshot.pages.find((p) => p.fetch.url.endsWith('/news/'));
  assert.deepEqual([news?.fetch.charset, news?.fetch.charsetSource], ['gb18030', 'meta']);
  assert.equal(news?.facts?.meta.ColumnName, '政务动态');
  assert.deepEqual(
    news?.facts?.datedLinks.map((d) => d.text),
    [
      '示例市召开2026年第四季度经济运行分析会',
      '示例市开展冬季安全生产大检查工作部署',
      '示例市政务服务中心推出周末延时服务举措',
    ],
  );
});

test('the link check finds the broken home-page link and image and the broken link of another page', async (t) => {
  const served = await serveSite('broken-home-link');
  t.after(() => served.close());
  const snapshot = await crawlSite(`${served.origin}/`, FAST);
  const report = await checkLinks(snapshot, { samplePages: 100, minDelayMs: 0 });
  const broken = report.results
    .filter((r) => !r.ok)
    .map((r) => [r.url.replace(served.origin, ''), r.status, r.homeLevel]);
  assert.deepEqual(broken, [
    ['/gone.html', 404, true],
    ['/img/banner-missing.png', 404, true],
    ['/old/removed.html', 404, false],
  ]);
  // the missing image was asked for with HEAD, then GET
  const imageRequests = served.requests
    .filter((r) => r.includes('/img/banner-missing.png'))
    .map((r) => r.split(' ')[0]);
  assert.deepEqual(imageRequests, ['HEAD', 'GET']);
});

// ───────────────────────────── robots.txt ─────────────────────────────

async function robotsSite() {
  return serveRoutes({
    '/robots.txt': html('User-agent: *\nDisallow: /private/\n', 'text/plain'),
    '/': html('<a href="/public.html">公开</a><a href="/private/secret.html">内部</a>'),
    '/public.html': html('<p>公开页面</p>'),
    '/private/secret.html': html('<p>内部页面</p>'),
  });
}

test('robots.txt is honoured: disallowed pages are skipped, not fetched', async (t) => {
  const server = await robotsSite();
  t.after(() => server.close());
  const snapshot = await crawlSite(`${server.origin}/`, FAST);
  assert.deepEqual(snapshot.robots.honoured, true);
  assert.deepEqual(
    snapshot.pages.map((p) => new URL(p.fetch.url).pathname),
    ['/', '/public.html'],
  );
  assert.deepEqual(snapshot.skipped, [{ url: `${server.origin}/private/secret.html`, reason: 'robots' }]);
  assert.ok(!server.requests.some((r) => r.path.startsWith('/private/')));
});

test('robots.txt can be overridden with ignoreRobots', async (t) => {
  const server = await robotsSite();
  t.after(() => server.close());
  const snapshot = await crawlSite(`${server.origin}/`, { ...FAST, ignoreRobots: true });
  assert.deepEqual(snapshot.robots.honoured, false);
  assert.deepEqual(
    snapshot.pages.map((p) => new URL(p.fetch.url).pathname),
    ['/', '/private/secret.html', '/public.html'],
  );
});

// ───────────────────────────── bad sites ─────────────────────────────

test('a bad site (loops, silence, huge and binary pages, broken HTML, wrong encoding) neither crashes nor hangs', async (t) => {
  const huge = '<p>很长的页面</p>'.repeat(200_000); // ≈ 4 MB
  const server = await serveRoutes({
    '/': redirect('/home'),
    '/home': html(
      ['/loop-a', '/silent', '/huge', '/image.html', '/broken', '/latin', '/external', 'http://127.0.0.1:9/x']
        .map((href) => `<a href="${href}">${href}</a>`)
        .join(''),
    ),
    '/loop-a': redirect('/loop-b'),
    '/loop-b': redirect('/loop-a'),
    '/silent': silent(),
    '/huge': html(huge),
    '/image.html': html('\x89PNG binary', 'image/png'),
    '/broken': html('<html><body><div><p><table><tr><td><a href="/home">回首页</a>未闭合<<<>>>'),
    '/latin': (_q, res) =>
      void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(Buffer.from([0xc4, 0xe3, 0xba, 0xc3])),
    '/external': redirect('http://127.0.0.1:9/elsewhere'),
  });
  t.after(() => server.close());
  const started = Date.now();
  // parsing the huge page holds the event loop a while: the other requests must not time out meanwhile
  const snapshot = await crawlSite(`${server.origin}/`, { ...FAST, timeoutMs: 4_000, maxBytes: 1_000_000 });
  assert.ok(Date.now() - started < 15_000, 'finished promptly');
  const byPath = new Map(snapshot.pages.map((p) => [new URL(p.fetch.url).pathname, p]));
  assert.equal(snapshot.homeUrl, `${server.origin}/home`);
  assert.equal(byPath.get('/loop-a')?.fetch.error?.kind, 'redirect-loop');
  assert.equal(byPath.get('/silent')?.fetch.error?.kind, 'timeout');
  assert.equal(byPath.get('/huge')?.fetch.truncated, true);
  assert.equal(byPath.get('/huge')?.facts?.title, '');
  assert.equal(byPath.get('/image.html')?.facts, null);
  assert.equal(byPath.get('/broken')?.facts?.links[0]?.text, '回首页');
  assert.equal(byPath.get('/latin')?.fetch.status, 200);
  assert.ok(byPath.get('/external')?.fetch.error, 'the off-site redirect target is unreachable');
  assert.ok(!snapshot.pages.some((p) => p.fetch.url.startsWith('http://127.0.0.1:9/')), 'other hosts are not crawled');
});

test('page limit, progress events and the User-Agent', async (t) => {
  const links = Array.from({ length: 10 }, (_, i) => `<a href="/p${i}.html">第${i}页</a>`).join('');
  const routes = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/p${i}.html`, html(`<p>${i}</p>`)]));
  const server = await serveRoutes({ '/': html(links), ...routes });
  t.after(() => server.close());
  const events: ProgressEvent[] = [];
  const snapshot = await crawlSite(`${server.origin}/`, { ...FAST, maxPages: 4, onProgress: (e) => events.push(e) });
  assert.equal(snapshot.pages.length, 4);
  assert.equal(snapshot.stoppedBy, 'page-limit');
  assert.equal(snapshot.skipped.filter((s) => s.reason === 'page-limit').length, 7);
  assert.deepEqual(
    events.map((e) => (e.phase === 'crawl' ? [e.done, e.limit] : null)),
    [
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ],
  );
  assert.ok(server.requests.every((r) => r.userAgent === USER_AGENT));
});

test('requests to one host are paced at least minDelayMs apart, even with concurrency 2', async (t) => {
  const links = Array.from({ length: 5 }, (_, i) => `<a href="/p${i}.html">第${i}页</a>`).join('');
  const routes = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`/p${i}.html`, html(`<p>${i}</p>`)]));
  const server = await serveRoutes({ '/': html(links), ...routes });
  t.after(() => server.close());
  const delay = 200;
  await crawlSite(`${server.origin}/`, { ...FAST, minDelayMs: delay, concurrency: 2 });
  assert.equal(server.requests.length, 7); // robots.txt, home, 5 pages
  // requests start `delay` apart; their arrival at the server jitters by the client's connection latency
  const times = server.requests.map((r) => r.at);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  assert.ok(
    gaps.every((g) => g >= delay / 2),
    `gaps ${gaps.join(', ')}`,
  );
  assert.ok(times[6] - times[0] >= 6 * delay * 0.9, `span ${times[6] - times[0]}`);
});

test('the total time limit stops the crawl', async (t) => {
  const server = await serveRoutes({
    '/': html('<a href="/slow1">1</a><a href="/slow2">2</a>'),
    '/slow1': silent(),
    '/slow2': silent(),
  });
  t.after(() => server.close());
  const started = Date.now();
  const snapshot = await crawlSite(`${server.origin}/`, { ...FAST, timeoutMs: 10_000, totalTimeMs: 400 });
  assert.ok(Date.now() - started < 3_000);
  assert.equal(snapshot.stoppedBy, 'time-limit');
  assert.ok(snapshot.pages.filter((p) => p.depth === 1).every((p) => p.fetch.error?.kind === 'aborted'));
});

test('an unreachable home page yields an error record, not an exception', async () => {
  const snapshot = await crawlSite('http://no-such-host.invalid/', FAST);
  assert.equal(snapshot.pages.length, 1);
  assert.equal(snapshot.pages[0].fetch.error?.kind, 'dns');
  assert.equal(snapshot.pages[0].facts, null);
  const bad = await crawlSite('not a url', FAST);
  assert.equal(bad.pages[0].fetch.error?.kind, 'invalid-url');
});
