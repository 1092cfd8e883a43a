// The external checks of online services on snapshots built from HTML strings: guide pages found by their labels,
// missing elements and vague wording on them, forms without a download, the listing that shows the items together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPage } from '../inspection/crawler/extract.ts';
import { sha256Hex } from '../inspection/crawler/fetcher.ts';
import { DEFAULT_CRAWL_SETTINGS } from '../inspection/crawler/crawler.ts';
import type { PageSnapshot, SiteSnapshot } from '../inspection/crawler/types.ts';
import { CheckContext } from '../inspection/external/context.ts';
import { checkServicesFromOutside, guidePages } from './services.external.ts';

const ORIGIN = 'https://www.example.gov.cn';

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
    settings: DEFAULT_CRAWL_SETTINGS,
    robots: { url: `${ORIGIN}/robots.txt`, status: 404, found: false, honoured: false, crawlDelayMs: null },
    pages: snapshots,
    skipped: [],
    stoppedBy: 'done',
    rendering: { templates: 1, rendered: 0, pagesLocated: 0, note: '未渲染页面' },
    peakInFlight: 1,
  };
}

const page = (title: string, main: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><title>${title}</title></head><body><header>网站</header><main><h1>${title}</h1>${main}</main><footer>页脚</footer></body></html>`;

const ALL = [
  '事项名称',
  '设定依据',
  '申请条件',
  '办理材料',
  '办理地点',
  '办理机构',
  '收费标准',
  '办理时间',
  '联系电话',
  '办理流程',
];
const guide = (name: string, labels: string[], extra = '') =>
  page(
    `${name}办事指南`,
    `<table>${labels.map((l) => `<tr><th>${l}</th><td>${name}的${l}说明</td></tr>`).join('')}</table>${extra}`,
  );

const ctxOf = (pages: { path: string; html: string }[]) =>
  new CheckContext(snapshotOf(pages), { now: new Date('2026-11-27T02:00:00Z'), seed: 7 });

test('a site without guide pages gets no result: the indicators stay with the other sources', () => {
  const ctx = ctxOf([
    { path: '/', html: page('首页', '<a href="/news/1.html">新闻</a>') },
    { path: '/news/1.html', html: page('新闻', '<p>今天的新闻，联系电话 12345。</p>') },
  ]);
  assert.deepEqual(guidePages(ctx), []);
  assert.deepEqual(checkServicesFromOutside(ctx), []);
});

test('guide pages by their labels: missing elements, vague wording, a form without a download, the listing', () => {
  const ctx = ctxOf([
    { path: '/', html: page('首页', '<a href="/bszn/">办事指南</a>') },
    {
      path: '/bszn/',
      html: page(
        '办事指南',
        '<ul><li><a href="/bszn/a.html">甲事项</a></li><li><a href="/bszn/b.html">乙事项</a></li></ul>',
      ),
    },
    {
      path: '/bszn/a.html',
      html: guide('甲事项', ALL, '<p>申请表：<a href="/files/3/申请表.docx">空白表格下载</a></p>'),
    },
    {
      path: '/bszn/b.html',
      html: guide(
        '乙事项',
        ALL.filter((l) => l !== '办理时间' && l !== '联系电话'),
        '<p>请提交申请书及其他材料。</p>',
      ),
    },
  ]);
  const results = new Map(checkServicesFromOutside(ctx).map((r) => [r.indicatorId, r]));
  const guides = results.get('deduct.service-guides');
  assert.equal(guides?.status, 'measured');
  const messages = guides?.status === 'measured' ? guides.findings.map((f) => `${f.subRule}:${f.message}`).sort() : [];
  assert.deepEqual(messages, [
    '2:办事指南缺少“办理时间”',
    '2:办事指南缺少“联系电话”',
    '4:办事指南存在含糊表述：其他材料',
  ]);
  const forms = results.get('deduct.forms');
  assert.ok(
    forms?.status === 'measured' &&
      forms.findings.length === 1 &&
      String(forms.findings[0].evidence?.url).endsWith('/bszn/b.html'),
  );
  assert.deepEqual(results.get('deduct.service-catalogue'), {
    indicatorId: 'deduct.service-catalogue',
    status: 'measured',
    findings: [],
  });
  assert.equal(results.has('veto.impractical-services'), false);
});

test('five guides missing four or more elements each are 服务不实用', () => {
  const few = ALL.slice(0, 6);
  const pages = [{ path: '/', html: page('首页', '') }];
  for (let i = 0; i < 5; i++) pages.push({ path: `/bszn/${i}.html`, html: guide(`事项${i}`, few) });
  const veto = checkServicesFromOutside(ctxOf(pages)).find((r) => r.indicatorId === 'veto.impractical-services');
  assert.ok(veto?.status === 'measured' && veto.findings.length === 1);
});
