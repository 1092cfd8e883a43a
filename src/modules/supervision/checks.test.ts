// The supervisor's checks besides the plans, against sites served on loopback: new-media feeds and apps,
// closed sites (still serving? content migrated?), the sites' annual reports on their home pages, and
// government sites linked but not registered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mainSiteId, testEnv } from '../../../test/helpers.ts';
import { serveSite } from '../../../test/fixtures/sites/serve.ts';
import { html, serveRoutes } from '../../../test/fixtures/sites/route-server.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { checkAccount, newestDate } from './newmedia.ts';

const NOW = new Date('2026-11-27T02:00:00.000Z');
const rss = (dates: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>政务发布</title>${dates
    .map((d) => `<item><title>信息</title><pubDate>${d}</pubDate></item>`)
    .join('')}</channel></rss>`;

test('the newest post of an RSS or Atom feed, or of a page listing posts', () => {
  assert.equal(
    newestDate(rss(['Tue, 10 Nov 2026 08:00:00 GMT', 'Wed, 25 Nov 2026 17:30:00 GMT']), 'application/rss+xml', 'x'),
    '2026-11-26',
  );
  const atom = '<?xml version="1.0"?><feed><entry><updated>2026-10-01T09:00:00+08:00</updated></entry></feed>';
  assert.equal(newestDate(atom, 'application/atom+xml', 'x'), '2026-10-01');
  const page =
    '<html><body><ul><li><a href="/a.html">关于做好冬季安全生产工作的通知</a><span>2026-11-20</span></li></ul></body></html>';
  assert.equal(newestDate(page, 'text/html', 'https://x.gov.cn/'), '2026-11-20');
});

test('new-media accounts: silent for over two weeks, or an app that cannot be downloaded, is a veto', async (t) => {
  const server = await serveRoutes({
    '/fresh.xml': html(rss(['Wed, 25 Nov 2026 01:00:00 GMT']), 'application/rss+xml'),
    '/stale.xml': html(rss(['Mon, 02 Nov 2026 01:00:00 GMT']), 'application/rss+xml'),
    '/empty.xml': html(rss([]), 'application/rss+xml'),
  });
  t.after(() => server.close());
  const account = (feed: string, app: string | null = null) => ({
    name: '南江发布',
    platform: '微博',
    url: `${server.origin}${feed}`,
    feedUrl: `${server.origin}${feed}`,
    appUrl: app,
  });
  const fresh = await checkAccount(account('/fresh.xml'), NOW, []);
  assert.equal(fresh.verdict, '合格');
  assert.equal(fresh.newest, '2026-11-25');
  const stale = await checkAccount(account('/stale.xml'), NOW, []);
  assert.equal(stale.verdict, '不合格');
  assert.match(stale.indicators[1].findings[0].message, /2周内无更新/);
  const noApp = await checkAccount(account('/fresh.xml', `${server.origin}/app/`), NOW, []);
  assert.equal(noApp.verdict, '不合格');
  assert.equal(noApp.indicators[1].findings[0].subRule, 2);
  // no date to read: 未检测 with the reason, never a veto on a guess
  const unknown = await checkAccount(account('/empty.xml'), NOW, []);
  assert.equal(unknown.verdict, '合格');
  assert.equal(unknown.indicators[1].status, '未检测');
  // what only a person sees, recorded by hand, counts
  const bought = await checkAccount(account('/fresh.xml'), NOW, [
    { indicatorId: 'newmedia.veto.poor-interaction', subRule: 2, message: '存在购买粉丝行为' },
  ]);
  assert.equal(bought.verdict, '不合格');
});

test('集约整合: a closed site that still serves fails; a stopped one whose titles the parent finds passes', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { ctx } = env;
  const siteId = await mainSiteId(ctx);
  const parentSite = await serveSite('good');
  const closedSite = await serveSite('stale-news');
  t.after(() => Promise.all([parentSite.close(), closedSite.close()]));
  const registry = ctx.supervision.registry;
  const parent = await registry.create(SYSTEM_ACTOR, siteId, {
    kind: 'website',
    name: '示例市人民政府门户网站',
    url: `${parentSite.origin}/`,
    department: '示例市人民政府办公室',
    status: '运行',
  });
  const base = {
    kind: 'website' as const,
    department: '示例市某局',
    status: '关停' as const,
    parentId: parent.id,
    inventory: ['示例市召开2026年第四季度经济运行分析会', '关于2027年元旦放假期间政务服务安排的通知'],
  };
  const serving = await registry.create(SYSTEM_ACTOR, siteId, {
    ...base,
    name: '仍在运行的网站',
    url: `${closedSite.origin}/`,
  });
  const stopped = await registry.create(SYSTEM_ACTOR, siteId, {
    ...base,
    name: '已停止的网站',
    url: 'http://127.0.0.1:9/',
  });
  const notMigrated = await registry.create(SYSTEM_ACTOR, siteId, {
    ...base,
    name: '内容未迁移的网站',
    url: 'http://127.0.0.1:9/',
    inventory: ['从未迁移到上级网站的一篇旧文章标题'],
  });
  const first = await ctx.supervision.checks.closure(SYSTEM_ACTOR, serving.id);
  assert.equal(first.status, 'fail');
  assert.match(first.summary, /仍在提供内容/);
  const second = await ctx.supervision.checks.closure(SYSTEM_ACTOR, stopped.id);
  assert.equal(second.status, 'pass', second.summary);
  const third = await ctx.supervision.checks.closure(SYSTEM_ACTOR, notMigrated.id);
  // the parent's search (the 'good' fixture) lists its own titles only … and this one is not among them
  assert.equal(third.status, 'fail');
  assert.match(third.summary, /未迁移/);
});

test('年度报表 on the home pages of the sampled sites, and government sites linked but not registered', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { ctx } = env;
  const siteId = await mainSiteId(ctx);
  const withReport = await serveRoutes({
    '/': html(
      '<html><body><a href="/nb.html">南江市教育局2026年政府网站工作年度报表</a><a href="http://zt.example.gov.cn/">专题网站</a></body></html>',
    ),
    '/nb.html': html(
      '<html><head><meta name="PubDate" content="2027-01-20 09:00:00"></head><body>年度报表</body></html>',
    ),
  });
  const without = await serveRoutes({ '/': html('<html><body><p>首页</p></body></html>') });
  t.after(() => Promise.all([withReport.close(), without.close()]));
  for (const [name, server] of [
    ['有年报的网站', withReport],
    ['没有年报的网站', without],
  ] as const)
    await ctx.supervision.registry.create(SYSTEM_ACTOR, siteId, {
      kind: 'website',
      name,
      url: `${server.origin}/`,
      department: '某局',
      status: '运行',
    });
  // the installation's own site is not served here: leave it out of the sample
  for (const e of (await ctx.supervision.registry.list(siteId)).filter((x) => x.hosting === 'local'))
    await ctx.supervision.registry.update(SYSTEM_ACTOR, e.id, {
      kind: 'website',
      name: e.name,
      url: e.url,
      department: e.department,
      status: '关停',
    });
  const reports = await ctx.supervision.checks.siteAnnualReports(SYSTEM_ACTOR, siteId, 2026);
  const bySite = new Map(reports.map((r) => [r.site, r]));
  assert.equal(bySite.get('有年报的网站')?.status, 'pass');
  const detail = bySite.get('有年报的网站')?.detail as { publishedOn: string } | undefined;
  assert.equal(detail?.publishedOn, '2027-01-20');
  assert.equal(bySite.get('没有年报的网站')?.status, 'fail');
  const found = await ctx.supervision.checks.discover(SYSTEM_ACTOR, siteId);
  assert.deepEqual(
    found.map((c) => (c.detail as { host: string }).host),
    ['zt.example.gov.cn'],
  );
  assert.deepEqual(await ctx.supervision.checks.discover(SYSTEM_ACTOR, siteId), [], 'each host is reported once');
  const { input } = await ctx.supervision.assessment.assessment(siteId, 2026);
  assert.deepEqual(
    input.unregistered.map((u) => u.host),
    ['zt.example.gov.cn'],
  );
});
