// The crawler's view of a site's 互动交流 (no network: snapshots built from HTML strings): the consultation channel,
// the four fields of each published message, the newest reply's age, the statistics page, and replies given more
// than three months after the message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPage } from '../crawler/extract.ts';
import { sha256Hex } from '../crawler/fetcher.ts';
import { DEFAULT_CRAWL_SETTINGS } from '../crawler/crawler.ts';
import type { PageSnapshot, SiteSnapshot } from '../crawler/types.ts';
import type { IndicatorResult } from '../scoring.ts';
import { CheckContext } from './context.ts';
import { checkInteraction } from './interaction.ts';

const ORIGIN = 'https://www.example.gov.cn';
const NOW = new Date('2026-11-27T02:00:00Z');

function snapshotOf(pages: { path: string; html: string }[]): SiteSnapshot {
  const snapshots: PageSnapshot[] = pages.map((p, index) => {
    const url = `${ORIGIN}${p.path}`;
    return {
      index,
      depth: index === 0 ? 0 : 1,
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
  } as SiteSnapshot;
}

const HEADER =
  '<header><p class="site-name">示例市人民政府</p><form action="/search/"><input name="q"></form></header>';
const page = (main: string) =>
  `<html><head><meta name="SiteName" content="示例市人民政府"></head><body>${HEADER}<main>${main}</main><footer>主办单位：示例市人民政府</footer></body></html>`;
const HOME = page(
  '<a href="/hd/ly/">我要留言</a><a href="/hd/tj/">留言受理反馈情况统计</a><a href="/hd/1.html">留言一</a>',
);
const message = (asked: string, answered: string, unit = '<p>答复单位：市政务服务中心</p>') =>
  page(
    `<h1>关于营业执照办理的咨询</h1><p>留言时间：${asked}</p><p>留言内容：请问个体户营业执照怎么办理？</p>` +
      `${unit}<p>答复时间：${answered}</p><p>答复内容：可以全程网上办理。</p>`,
  );
const STATS = page('<h1>留言受理反馈情况统计</h1><table><tr><td>10月</td><td>收到 12 件</td></tr></table>');

const run = (pages: { path: string; html: string }[]) =>
  checkInteraction(new CheckContext(snapshotOf(pages), { now: NOW, seed: 1 }));
const byId = (results: IndicatorResult[], id: string) => results.find((r) => r.indicatorId === id)!;
const findings = (r: IndicatorResult) => (r.status === 'measured' ? r.findings : null);

test('a board with its four fields, a recent reply and a statistics page passes both indicators', () => {
  const results = run([
    { path: '/', html: HOME },
    { path: '/hd/1.html', html: message('2026-11-02', '2026-11-04') },
    { path: '/hd/tj/', html: STATS },
  ]);
  assert.deepEqual(findings(byId(results, 'veto.poor-interaction')), []);
  assert.deepEqual(findings(byId(results, 'deduct.message-disclosure')), []);
});

test('a missing 答复单位, a stale newest reply and no statistics page are 留言公开 sub-rules 2, 3 and 4', () => {
  const results = run([
    { path: '/', html: page('<a href="/hd/ly/">我要留言</a><a href="/hd/1.html">留言一</a>') },
    { path: '/hd/1.html', html: message('2026-08-01', '2026-08-05', '') },
  ]);
  const found = findings(byId(results, 'deduct.message-disclosure')) ?? [];
  assert.deepEqual(
    found.map((f) => f.subRule),
    [2, 3, 4],
  );
  assert.match(found[0].message, /答复单位/);
  assert.match(found[1].message, /2026-08-05/);
});

test('a reply given more than three months after the message within the year is 互动回应差', () => {
  const results = run([
    { path: '/', html: HOME },
    { path: '/hd/1.html', html: message('2026-03-02', '2026-07-10') },
    { path: '/hd/2.html', html: message('2026-11-02', '2026-11-04') },
    { path: '/hd/tj/', html: STATS },
  ]);
  const veto = findings(byId(results, 'veto.poor-interaction')) ?? [];
  assert.equal(veto.length, 1);
  assert.equal(veto[0].subRule, 2);
  assert.match(veto[0].message, /2026-03-02.*2026-07-10/);
});

test('a site whose crawl shows no channel and no message stays 未检测 (the channel may be on another platform)', () => {
  const results = run([{ path: '/', html: page('<p>欢迎访问</p>') }]);
  assert.equal(byId(results, 'veto.poor-interaction').status, 'untested');
  assert.equal(byId(results, 'deduct.message-disclosure').status, 'untested');
});
