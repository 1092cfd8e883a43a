// Unit tests of the external checks on snapshots built from HTML strings (no network).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPage } from '../crawler/extract.ts';
import { sha256Hex } from '../crawler/fetcher.ts';
import { DEFAULT_CRAWL_SETTINGS } from '../crawler/crawler.ts';
import type { PageSnapshot, SiteSnapshot } from '../crawler/types.ts';
import { GOV_WEBSITE_CATALOGUE, allIndicators } from '../indicators.ts';
import type { IndicatorResult } from '../scoring.ts';
import { runExternalChecks, type ExternalCheckOptions, type SearchPage } from './index.ts';
import { CheckContext } from './context.ts';
import { checkColumnCategories, checkColumnUpdates, checkHomepageUpdates } from './freshness.ts';
import { checkDomainName } from './domain.ts';
import { checkSiteSearch, hasKindGrouping } from './search.ts';
import { checkPageTags } from './page-tags.ts';
import { checkUsability } from './usability.ts';
import { checkIpv6 } from './ipv6.ts';
import { classifyColumn, siteColumns } from './columns.ts';

const ORIGIN = 'https://www.example.gov.cn';
const NOW = new Date('2026-11-27T02:00:00Z');

interface PageSpec {
  path: string;
  depth?: number;
  html: string;
}

function snapshotOf(pages: PageSpec[]): SiteSnapshot {
  const snapshots: PageSnapshot[] = pages.map((p, index) => {
    const url = `${ORIGIN}${p.path}`;
    return {
      index,
      depth: p.depth ?? (index === 0 ? 0 : 1),
      referrer: index === 0 ? null : `${ORIGIN}/`,
      fetch: {
        url,
        finalUrl: url,
        method: 'GET',
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        contentType: 'text/html',
        redirects: [],
        startedAt: '2026-11-27T01:00:00.000Z',
        ms: 10,
        bytes: p.html.length,
        truncated: false,
        bodySkipped: false,
        sha256: sha256Hex(p.html),
        charset: 'utf-8',
        charsetSource: 'header',
      },
      facts: extractPage(p.html, url),
    };
  });
  return {
    baseUrl: `${ORIGIN}/`,
    homeUrl: `${ORIGIN}/`,
    hosts: ['www.example.gov.cn'],
    startedAt: '2026-11-27T01:00:00.000Z',
    finishedAt: '2026-11-27T01:01:00.000Z',
    settings: { ...DEFAULT_CRAWL_SETTINGS, minDelayMs: 0 },
    robots: { url: `${ORIGIN}/robots.txt`, status: 404, found: false, honoured: false, crawlDelayMs: null },
    pages: snapshots,
    skipped: [],
    stoppedBy: 'done',
    rendering: { templates: 1, rendered: 0, pagesLocated: 0, note: '未渲染页面' },
    peakInFlight: 1,
  };
}

const context = (snapshot: SiteSnapshot, options: Partial<ExternalCheckOptions> = {}) =>
  new CheckContext(snapshot, { now: NOW, seed: 1, ...options });

const HEADER =
  '<header><p class="site-name">示例市人民政府</p><form action="/search/"><input name="q"></form></header>';
const FOOTER = '<footer>主办单位：示例市人民政府</footer>';
const pageHtml = (main: string, meta = '', header = HEADER) =>
  `<html><head><meta name="SiteName" content="示例市人民政府">${meta}</head><body>${header}<main>${main}</main>${FOOTER}</body></html>`;
const list = (items: [string, string, string][]) =>
  `<ul>${items.map(([href, title, date]) => `<li><a href="${href}">${title}</a><span>${date}</span></li>`).join('')}</ul>`;
const column = (name: string, type: string, items: [string, string, string][]) =>
  pageHtml(
    items.length ? list(items) : '<p>本栏目暂无信息</p>',
    `<meta name="ColumnName" content="${name}"><meta name="ColumnType" content="${type}">`,
  );

const findingsOf = (result: IndicatorResult) => (result.status === 'measured' ? result.findings : null);

// ───────────────────────────── 首页不更新 ─────────────────────────────

test('首页不更新: a dated home page passes within 14 days and is vetoed after', () => {
  const fresh = snapshotOf([
    { path: '/', html: pageHtml(list([['/a.html', '示例市召开常务会议研究部署工作', '2026-11-13']])) },
  ]);
  assert.deepEqual(findingsOf(checkHomepageUpdates(context(fresh))), []);
  const stale = snapshotOf([
    { path: '/', html: pageHtml(list([['/a.html', '示例市召开常务会议研究部署工作', '2026-11-12']])) },
  ]);
  const [finding] = findingsOf(checkHomepageUpdates(context(stale))) ?? [];
  assert.equal(finding.subRule, 1);
  assert.match(String(finding.evidence?.observed), /2026-11-12（距监测时间点 15 天）/);
  assert.equal(finding.evidence?.sha256, stale.pages[0].fetch.sha256);
});

test('首页不更新: a news list without dates counts as not updated (未注明发布时间的视为不更新)', () => {
  const undated = snapshotOf([
    {
      path: '/',
      html: pageHtml(
        '<ul><li><a href="/1.html">示例市召开第一次常务会议的新闻</a></li><li><a href="/2.html">示例市召开第二次常务会议的新闻</a></li><li><a href="/3.html">示例市召开第三次常务会议的新闻</a></li></ul>',
      ),
    },
  ]);
  const [finding] = findingsOf(checkHomepageUpdates(context(undated))) ?? [];
  assert.equal(finding.subRule, 1);
  assert.equal(finding.evidence?.observed, '未发现标注发布日期的信息');
});

test('首页不更新: an entry listed without a date counts with the PubDate of its crawled page', () => {
  const home = pageHtml(
    '<ul><li><a href="/1.html">示例市召开第一次常务会议的新闻</a></li><li><a href="/2.html">示例市召开第二次常务会议的新闻</a></li><li><a href="/3.html">示例市召开第三次常务会议的新闻</a></li></ul>',
  );
  const snapshot = snapshotOf([
    { path: '/', html: home },
    {
      path: '/2.html',
      html: pageHtml(
        '<article>正文</article>',
        '<meta name="ArticleTitle" content="第二次"><meta name="PubDate" content="2026-11-24 09:00">',
      ),
    },
  ]);
  assert.deepEqual(findingsOf(checkHomepageUpdates(context(snapshot))), []);
});

test('首页不更新: a navigation-only home page is judged by its second-level pages', () => {
  const nav = pageHtml('<a href="/news/">新闻</a><a href="/gk/">公开</a>');
  const pages = (date: string) =>
    snapshotOf([
      { path: '/', html: nav },
      { path: '/news/', html: column('新闻', '动态要闻', [['/n/1.html', '示例市召开常务会议研究部署工作', date]]) },
      { path: '/gk/', html: pageHtml('<p>政府信息公开</p>') },
    ]);
  assert.deepEqual(findingsOf(checkHomepageUpdates(context(pages('2026-11-20')))), []);
  const [finding] = findingsOf(checkHomepageUpdates(context(pages('2026-10-01')))) ?? [];
  assert.equal(finding.subRule, 2);
  assert.deepEqual(finding.evidence?.secondLevelPages, [`${ORIGIN}/news/`, `${ORIGIN}/gk/`]);
});

// ───────────────────────────── columns ─────────────────────────────

test('column categories from ColumnType or names', () => {
  assert.deepEqual(
    [
      '工作动态',
      '图片新闻',
      '通知公告',
      '公示公告',
      '政策文件',
      '规范性文件',
      '政策解读',
      '信息公开指南',
      '办事指南',
      '服务动态',
      '专题专栏',
    ].map(classifyColumn),
    [
      '动态要闻',
      '动态要闻',
      '通知公告',
      '通知公告',
      '政策文件',
      '政策文件',
      '政策解读',
      '信息公开',
      '办事服务',
      '动态要闻',
      '其他',
    ],
  );
});

test('栏目不更新 rule 1: five or more 动态 / 通知公告 / 政策文件 columns past their cycle veto the site', () => {
  const stale = (slug: string, name: string, type: string, date: string): PageSpec => ({
    path: `/${slug}/`,
    html: column(name, type, [[`/${slug}/1.html`, `${name}的一条较长的信息标题`, date]]),
  });
  const columns = [
    stale('a', '部门动态', '动态要闻', '2026-11-01'),
    stale('b', '县区动态', '动态要闻', '2026-11-02'),
    stale('c', '通知公告', '通知公告', '2026-05-01'),
    stale('d', '政策文件', '政策文件', '2026-04-01'),
    // 政策解读 is not counted by the veto
    stale('e', '政策解读', '政策解读', '2026-01-01'),
  ];
  const home = { path: '/', html: pageHtml(list([['/x.html', '首页的一条近期发布的信息标题', '2026-11-25']])) };
  assert.deepEqual(findingsOf(checkColumnUpdates(context(snapshotOf([home, ...columns])))), []);
  const five = [...columns, stale('f', '乡镇动态', '动态要闻', '2026-10-01')];
  const [finding] = findingsOf(checkColumnUpdates(context(snapshotOf([home, ...five])))) ?? [];
  assert.equal(finding.subRule, 1);
  assert.equal((finding.evidence?.columns as unknown[] | undefined)?.length, 5);
});

test('动态要闻 / 政策文件 / 政策解读: missing columns and stale ones', () => {
  const home = { path: '/', html: pageHtml(list([['/x.html', '首页的一条近期发布的信息标题', '2026-11-25']])) };
  const news = {
    path: '/news/',
    html: column('要闻', '动态要闻', [['/news/1.html', '示例市召开常务会议研究部署工作', '2026-11-25']]),
  };
  const policy = {
    path: '/zcwj/',
    html: column('政府文件', '', [['/zcwj/1.html', '示例市人民政府关于印发某某办法的通知', '2026-05-01']]),
  };
  const [newsResult, policyResult, interpretation] = checkColumnCategories(context(snapshotOf([home, news, policy])));
  assert.deepEqual(findingsOf(newsResult), []);
  assert.deepEqual(
    findingsOf(policyResult)?.map((f) => f.subRule),
    [2],
  );
  assert.deepEqual(
    findingsOf(interpretation)?.map((f) => [f.subRule, f.message]),
    [[1, '未开设政策解读类栏目']],
  );
});

test('a column linked but not crawled is not declared missing', () => {
  const home = {
    path: '/',
    html: pageHtml(`${list([['/x.html', '首页的一条近期发布的信息标题', '2026-11-25']])}<a href="/zcjd/">政策解读</a>`),
  };
  const [, , interpretation] = checkColumnCategories(context(snapshotOf([home])));
  assert.equal(interpretation.status, 'untested');
});

// ───────────────────────────── 域名名称 ─────────────────────────────

test('域名名称: .gov.cn and .政务 pass; other suffixes and a missing header name are found; loopback is untested', () => {
  const snapshot = snapshotOf([
    { path: '/', html: pageHtml('<p>首页</p>') },
    { path: '/a.html', html: pageHtml('<p>内容</p>', '', '<header><p>其他名称</p></header>') },
  ]);
  const gov = findingsOf(checkDomainName(context(snapshot)));
  assert.deepEqual(
    gov?.map((f) => [f.subRule, f.evidence?.url]),
    [[3, `${ORIGIN}/a.html`]],
  );
  assert.deepEqual(
    findingsOf(checkDomainName(context(snapshot, { publicHost: 'xx.政务' })))?.map((f) => f.subRule),
    [3],
  );
  const com = findingsOf(checkDomainName(context(snapshot, { publicHost: 'www.example.com' })));
  assert.deepEqual(
    com?.map((f) => f.subRule),
    [1, 3],
  );
  assert.equal(com?.[0].evidence?.https, true);

  const local = { ...snapshot, homeUrl: 'http://127.0.0.1:8080/' };
  const result = checkDomainName(context(local));
  assert.equal(result.status, 'untested');
  assert.match(result.status === 'untested' ? result.reason : '', /本地地址/);
});

// ───────────────────────────── 站内搜索 ─────────────────────────────

const article = (path: string, title: string): PageSpec => ({
  path,
  html: pageHtml(
    `<article><h1>${title}</h1></article>`,
    `<meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2026-11-20 10:00">`,
  ),
});
const TITLES = [
  '示例市召开2026年第四季度经济运行分析会',
  '关于2027年元旦放假期间政务服务安排的通知',
  '示例市人民政府关于优化营商环境的若干意见',
  '示例市开展冬季安全生产大检查',
];
const searchSite = () =>
  snapshotOf([
    { path: '/', html: pageHtml(list([['/x.html', '首页的一条近期发布的信息标题', '2026-11-25']])) },
    ...TITLES.map((t, i) => article(`/a${i}.html`, t)),
  ]);
const resultsPage = (body: string): SearchPage => ({
  url: `${ORIGIN}/search/?q=x`,
  status: 200,
  html: pageHtml(body),
  at: '2026-11-27T01:00:00.000Z',
  sha256: 'x',
});
const TABS =
  '<ul class="result-tabs"><li><a href="/search/?t=all">全部</a></li><li><a href="/search/?t=zc">政策文件</a></li><li><a href="/search/?t=bs">办事指南</a></li></ul>';

test('站内搜索: titles found on the first page (also truncated), grouped results: no finding', async () => {
  const searchProbe = async (query: string) =>
    resultsPage(`${TABS}<ul><li><a href="/r.html">${query.slice(0, 10)}...</a></li></ul>`);
  const result = await checkSiteSearch(context(searchSite(), { searchProbe }));
  assert.deepEqual(findingsOf(result), []);
});

test('站内搜索: misses (1 each) and no grouping (1); a nav menu is not a grouping', async () => {
  const nav = '<div class="nav"><a href="/zcwj/">政策文件</a><a href="/bs/">办事指南</a></div>';
  const queries: string[] = [];
  const searchProbe = async (query: string) => {
    queries.push(query);
    return resultsPage(`${nav}${query === TITLES[0] ? `<a href="/a0.html">${query}</a>` : '<p>未找到</p>'}`);
  };
  const findings = findingsOf(await checkSiteSearch(context(searchSite(), { searchProbe })));
  assert.deepEqual(findings?.map((f) => f.subRule).sort(), [2, 2, 2, 3]);
  assert.deepEqual([...queries].sort(), [...TITLES].sort());
  assert.equal(hasKindGrouping(pageHtml(nav), `${ORIGIN}/search/`), false);
  assert.equal(hasKindGrouping(pageHtml(TABS), `${ORIGIN}/search/`), true);
});

test('站内搜索: no search form, or a search that fails, is 未提供/不可用 (4 points)', async () => {
  const noForm = snapshotOf([{ path: '/', html: pageHtml('<p>首页</p>', '', '<header>示例市人民政府</header>') }]);
  assert.deepEqual(
    findingsOf(await checkSiteSearch(context(noForm)))?.map((f) => f.subRule),
    [1],
  );
  const failing = async (): Promise<SearchPage> => ({
    url: `${ORIGIN}/search/`,
    status: 500,
    html: '<p>error</p>',
    at: '',
    sha256: null,
  });
  assert.deepEqual(
    findingsOf(await checkSiteSearch(context(searchSite(), { searchProbe: failing })))?.map((f) => f.subRule),
    [1],
  );
  const throwing = async (): Promise<SearchPage> => {
    throw new Error('boom');
  };
  assert.deepEqual(
    findingsOf(await checkSiteSearch(context(searchSite(), { searchProbe: throwing })))?.map((f) => f.subRule),
    [1],
  );
});

// ───────────────────────────── sampling, IPv6, links, completeness ─────────────────────────────

test('页面标签: the sample depends on the seed only, so runs are reproducible', () => {
  const pages: PageSpec[] = [{ path: '/', html: pageHtml('<p>首页</p>') }];
  for (let i = 0; i < 10; i++) {
    const tags =
      i % 2
        ? '<meta name="SiteDomain" content="www.example.gov.cn"><meta name="SiteIDCode" content="3399000001"><meta name="ContentSource" content="办公室">'
        : '';
    pages.push({
      path: `/c${i}.html`,
      html: pageHtml(
        '<p>x</p>',
        `<meta name="ArticleTitle" content="标题${i}"><meta name="PubDate" content="2026-11-20">${tags}`,
      ),
    });
  }
  const run = (seed: number) =>
    findingsOf(checkPageTags(new CheckContext(snapshotOf(pages), { now: NOW, seed })))?.map((f) => f.evidence?.url);
  assert.deepEqual(run(42), run(42));
  const reversed = snapshotOf([pages[0], ...pages.slice(1).reverse()]);
  assert.deepEqual(
    findingsOf(checkPageTags(new CheckContext(reversed, { now: NOW, seed: 42 })))?.map((f) => f.evidence?.url),
    run(42),
  );
  assert.ok((run(42)?.length ?? 0) <= 5);
});

test('页面标签: the home page carries the site tags only — reached again through a redirect it is still no column page', () => {
  const siteTags = '<meta name="SiteDomain" content="www.example.gov.cn"><meta name="SiteIDCode" content="3399000001">';
  const columnTags =
    '<meta name="ColumnName" content="政务动态"><meta name="ColumnDescription" content="政务动态栏目"><meta name="ColumnKeywords" content="政务动态"><meta name="ColumnType" content="动态要闻">';
  const items: [string, string, string][] = [
    ['/news/1.html', '示例市召开第一次常务会议的新闻', '2026-11-25'],
    ['/news/2.html', '示例市召开第二次常务会议的新闻', '2026-11-20'],
    ['/news/3.html', '示例市召开第三次常务会议的新闻', '2026-11-18'],
  ];
  // The home page lists dated items (so it reads like a list page) and has no column tags, as regs §1.1 wants.
  const home = pageHtml(list(items), siteTags);
  const snapshot = snapshotOf([
    { path: '/', html: home },
    { path: '/news/', html: pageHtml(list(items), `${siteTags}${columnTags}`) },
    // 长者模式 switch, /index.html and a 首页 link with a query: each ends on the home page at depth 1
    { path: '/accessibility/toggle?back=/', html: home },
    { path: '/index.html', html: home },
    { path: '/?from=nav', html: home.replace('</main>', '<p>x</p></main>') },
  ]);
  const redirected = snapshot.pages[2];
  (redirected.fetch as { finalUrl: string }).finalUrl = `${ORIGIN}/`;
  const query = snapshot.pages[4];
  (query.fetch as { finalUrl: string }).finalUrl = `${ORIGIN}/`;
  for (const page of snapshot.pages.slice(1))
    assert.equal(page.facts?.kind, 'column', `${page.fetch.url} reads like a list page`);
  for (const seed of [1, 2, 3, 42]) {
    const ctx = new CheckContext(snapshot, { now: NOW, seed });
    assert.deepEqual(
      findingsOf(checkPageTags(ctx)),
      [],
      `seed ${seed}: only /news/ is a column page, and it is complete`,
    );
    assert.deepEqual(
      siteColumns(ctx).map((c) => c.url),
      [`${ORIGIN}/news/`],
    );
  }
  // A real column page without its column tags is still found.
  const bare = snapshotOf([
    { path: '/', html: home },
    { path: '/news/', html: pageHtml(`<h1>政务动态</h1>${list(items)}`, siteTags) },
  ]);
  const [finding] = findingsOf(checkPageTags(new CheckContext(bare, { now: NOW, seed: 1 }))) ?? [];
  assert.equal(finding.subRule, 2);
  assert.equal(finding.evidence?.url, `${ORIGIN}/news/`);
  assert.deepEqual(finding.evidence?.missing, ['ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType']);
});

test('IPv6 and 可用性 with injected probes / reports', async () => {
  const snapshot = snapshotOf([{ path: '/', html: pageHtml('<p>首页</p>') }]);
  const down = async () => ({
    ok: false,
    address: null,
    at: '2026-11-27T01:00:00.000Z',
    message: '域名 www.example.gov.cn 无AAAA记录',
  });
  const [finding] = findingsOf(await checkIpv6(context(snapshot, { ipv6Probe: down }))) ?? [];
  assert.equal(finding.evidence?.observed, '域名 www.example.gov.cn 无AAAA记录');
  assert.equal(checkUsability(context(snapshot)).status, 'untested');
});

test('runExternalChecks answers every indicator of the catalogue once, in order; untested ones say why', async () => {
  const snapshot = snapshotOf([
    { path: '/', html: pageHtml(list([['/x.html', '首页的一条近期发布的信息标题', '2026-11-25']])) },
  ]);
  const up = async () => ({ ok: true, address: '::1', at: '', message: 'ok' });
  const searchProbe = async () => resultsPage(TABS);
  const results = await runExternalChecks(snapshot, { now: NOW, seed: 1, ipv6Probe: up, searchProbe });
  assert.deepEqual(
    results.map((r) => r.indicatorId),
    allIndicators(GOV_WEBSITE_CATALOGUE).map((i) => i.id),
  );
  for (const r of results) if (r.status === 'untested') assert.ok(r.reason.trim(), r.indicatorId);
  const unreachable = results.find((r) => r.indicatorId === 'veto.site-unreachable');
  assert.deepEqual(unreachable, {
    indicatorId: 'veto.site-unreachable',
    status: 'untested',
    reason: '需连续监测一周，见可用性监测',
  });
});
