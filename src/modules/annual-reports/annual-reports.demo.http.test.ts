// The demo as `npm start` seeds it has last year's two annual reports, generated from its own records and published
// before 31 January: the 政府信息公开工作年度报告 in its column as a page with its PDF, and the 政府网站工作年度报表
// linked from the home page — what the supervisors open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, mainSiteId, testEnv } from '../../../test/helpers.ts';
import { shanghaiDate } from '../../platform/time.ts';

test(`the demo publishes last year's 年度报告 and 年度报表 by 31 January, as public pages (${DIALECT})`, {
  timeout: 600_000,
}, async (t) => {
  const env = await testEnv({ demoContent: true });
  t.after(() => env.close());
  const { app, ctx } = env;
  const siteId = await mainSiteId(ctx);
  const year = Number(shanghaiDate(ctx.clock.now()).slice(0, 4)) - 1;
  const { disclosureReport, websiteReport, annualReports } = ctx.participation;

  // The disclosure report counts the demo's applications of that year: one answered, one carried forward.
  const disclosure = await disclosureReport.view(siteId, year);
  assert.equal(disclosure.status, 'published');
  assert.equal(disclosure.late, false);
  assert.ok(shanghaiDate(disclosure.publishedAt!) <= `${year + 1}-01-31`);
  assert.deepEqual(disclosure.problems, []);
  assert.deepEqual(
    ['new', 'carried', 'handled', 'forward'].map((row) => disclosure.table3[row]!.at(-1)),
    [2, 0, 1, 1],
  );
  assert.match(disclosure.narrative.overview, /新收政府信息公开申请2件/);

  const page = await app.inject({ method: 'GET', url: `/zwgk/ndbg/${disclosure.contentId}.html` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`${year}年政府信息公开工作年度报告`));
  assert.match(page.body, /表三　收到和处理政府信息公开申请情况/);
  const pdfHref = /href="([^"]+\.pdf)"/.exec(page.body)?.[1];
  assert.ok(pdfHref, 'the PDF is attached to the page');
  const pdf = await app.inject({ method: 'GET', url: pdfHref });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

  // The 年度报表: published on time, linked from the home page, its page shows the sections with the figures.
  const website = await websiteReport.view(siteId, year);
  assert.equal(website.status, 'published');
  assert.equal(website.late, false);
  const field = (key: string) => website.sections.flatMap((s) => s.fields).find((f) => f.key === key)!;
  assert.equal(field('messagesReceived').origin, 'module', 'the message board supplies its figures');
  assert.equal(field('weiboName').value, '南江政务服务');
  const home = await app.inject({ method: 'GET', url: '/' });
  const link = new RegExp(`网站年度报表</span> <a href="([^"]+)">[^<]*${year}年政府网站工作年度报表`).exec(home.body);
  assert.ok(link, 'the home page links the 年度报表');
  const reportPage = await app.inject({ method: 'GET', url: link[1]! });
  assert.equal(reportPage.statusCode, 200);
  for (const section of [
    '信息发布',
    '专栏专题',
    '解读回应',
    '办事服务',
    '互动交流',
    '安全防护',
    '移动新媒体',
    '创新发展',
  ])
    assert.match(reportPage.body, new RegExp(`<h2[^>]*>${section}</h2>`), section);

  const overview = await annualReports.overview(siteId);
  assert.deepEqual(
    overview.deadlines.map((d) => [d.kind, d.status]),
    [
      ['disclosure', 'published'],
      ['website', 'published'],
    ],
  );
});
