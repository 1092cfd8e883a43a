// The data release API end to end through HTTP: an editor creates a data set, uploads a GBK CSV, confirms its
// columns, defines a chart and submits it; it is public only once the 分管领导 approves; the open API pages,
// filters and sorts its rows with ETags and cache headers, downloads it in three formats with CSV injection
// neutralised, and limits requests per IP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { call, testEnv, type Session } from '../../../test/helpers.ts';
import { team } from '../../../test/workflow.ts';
import type { App } from '../../platform/http.ts';
import { ensureDataColumn } from './data-column.ts';

function multipart(name: string, bytes: Buffer) {
  const boundary = '----govportal-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(app: App, s: Session, id: number, name: string, bytes: Buffer, label: string) {
  const m = multipart(name, bytes);
  return app.inject({
    method: 'POST',
    url: `/api/datasets/${id}/versions?label=${encodeURIComponent(label)}`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType },
    payload: m.payload,
  });
}

const CSV = iconv.encode(
  [
    '月份,窗口,受理件数,办结件数,备注',
    '2026年1月,综合窗口,120,118,',
    '2026年1月,社保窗口,98,98,"=HYPERLINK(""http://evil.example"",""点击"")"',
    '2026年2月,综合窗口,101,100,+1',
    '2026年2月,社保窗口,87,85,-2',
    '2026年3月,综合窗口,140,139,@SUM(1)',
    '2026年3月,社保窗口,93,93,正常',
  ].join('\r\n'),
  'gbk',
);

const METADATA = {
  title: '政务服务中心窗口办件量',
  description: '市政务服务中心各窗口每月受理和办结的政务服务事项件数，按窗口分列。',
  theme: '政务服务',
  keywords: '办件量,窗口,政务服务',
  updateFrequency: '每月',
  coverageFrom: '2026-01',
  coverageTo: '2026-03',
  licence: '政府数据开放许可',
  contact: '综合处 0571-12345678',
  shareType: '无条件共享',
  shareCondition: '',
  openType: '无条件开放',
  openCondition: '',
};

test('an editor releases a data set through the review; the open API serves it', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  const column = await ensureDataColumn(ctx, tm.siteId, { lead: '综合处' });
  const departmentId = (await ctx.departments.list(tm.siteId)).find((d) => d.name === '综合处')!.id;

  const created = await call(app, tm.editor, 'POST', `/api/sites/${tm.siteId}/datasets`, { ...METADATA, departmentId });
  assert.equal(created.statusCode, 200, created.body);
  const id = created.json().id as number;
  assert.match(created.json().identifier, /\/SJ00001$/);

  // A GBK CSV without a BOM: read, types proposed.
  const up = await upload(app, tm.editor, id, '窗口办件量.csv', CSV, '2026年一季度');
  assert.equal(up.statusCode, 200, up.body);
  const version = up.json().version;
  assert.equal(version.encoding, 'gb18030');
  assert.equal(version.rowCount, 6);
  assert.deepEqual(
    version.columns.map((c: { type: string }) => c.type),
    ['month', 'text', 'integer', 'integer', 'text'],
  );

  // Not submittable before the columns are confirmed; a wrong type is refused with the row and value.
  const early = await call(app, tm.editor, 'POST', `/api/datasets/${id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  assert.equal(early.json().error.code, 'DATASET_VERSION_UNCONFIRMED');
  const wrong = await call(app, tm.editor, 'PUT', `/api/datasets/${id}/versions/${version.id}/columns`, {
    columns: version.columns.map((c: { name: string }, i: number) => ({
      ...c,
      type: i === 1 ? 'integer' : c.name === '月份' ? 'month' : c.name === '备注' ? 'text' : 'integer',
    })),
  });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().error.message, '“窗口”列不能设为整数：第 1 行的值“综合窗口”不是整数');
  const confirmed = await call(app, tm.editor, 'PUT', `/api/datasets/${id}/versions/${version.id}/columns`, {
    columns: version.columns.map((c: { name: string }) => ({ ...c, unit: c.name.endsWith('件数') ? '件' : '' })),
  });
  assert.equal(confirmed.statusCode, 200, confirmed.body);

  // A chart on the columns: previewed, saved.
  const chart = {
    title: '各月受理件数',
    kind: 'bar',
    categoryColumn: '月份',
    valueColumns: ['受理件数', '办结件数'],
    aggregate: 'sum',
    filter: null,
    unit: '件',
  };
  const preview = await call(app, tm.editor, 'POST', `/api/datasets/${id}/charts/preview`, chart);
  assert.equal(preview.statusCode, 200, preview.body);
  assert.match(preview.json().textAlternative, /受理件数：最高为“2026-03”233件/);
  const saved = await call(app, tm.editor, 'POST', `/api/datasets/${id}/charts`, chart);
  assert.equal(saved.statusCode, 200, saved.body);
  const chartId = saved.json().id as number;

  // Mismatched columns in a later version are refused and change nothing.
  const bad = await upload(
    app,
    tm.editor,
    id,
    '四月.csv',
    Buffer.from('月份,窗口,受理件数\n2026-04,综合窗口,1\n'),
    '四月',
  );
  assert.equal(bad.statusCode, 409);
  assert.equal(bad.json().error.code, 'DATASET_COLUMNS_MISMATCH');
  assert.match(bad.json().error.message, /缺少“办结件数”、“备注”列/);
  assert.equal((await call(app, tm.editor, 'GET', `/api/datasets/${id}`)).json().versionList.length, 1);

  // Submitted: nothing public until approved.
  const submitted = await call(app, tm.editor, 'POST', `/api/datasets/${id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  assert.equal(submitted.statusCode, 200, submitted.body);
  assert.equal((await app.inject(`/api/open/datasets/${id}`)).statusCode, 404);
  const again = await call(app, tm.editor, 'POST', `/api/datasets/${id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  assert.equal(again.json().error.code, 'DATASET_IN_REVIEW');
  const requestId = submitted.json().requestId;
  for (const who of [tm.reviewer, tm.leader]) {
    const r = await call(app, who, 'POST', `/api/review/${requestId}/decide`, { decision: '同意', opinion: '同意' });
    assert.equal(r.statusCode, 200, r.body);
  }

  // The open API: the list, the data set with its downloads and chart.
  const list = await app.inject('/api/open/datasets?theme=政务服务');
  assert.equal(list.statusCode, 200, list.body);
  assert.equal(list.json().total, 1);
  assert.equal(list.json().items[0].url, `${column.path}${created.json().contentId}.html`);
  assert.equal((await app.inject('/api/open/datasets?theme=资源环境')).json().total, 0);
  assert.equal((await app.inject(`/api/open/datasets?department=${encodeURIComponent('综合处')}`)).json().total, 1);
  const detail = await app.inject(`/api/open/datasets/${id}`);
  assert.equal(detail.json().versions[0].downloads.csv, `/api/open/datasets/${id}/versions/1/data.csv`);
  assert.equal(detail.json().charts[0].svg, `/api/open/datasets/${id}/charts/${chartId}.svg`);
  assert.equal(detail.headers['cache-control'], 'public, max-age=300');
  const etag = detail.headers.etag as string;
  const notModified = await app.inject({ url: `/api/open/datasets/${id}`, headers: { 'if-none-match': etag } });
  assert.equal(notModified.statusCode, 304);

  // Rows: filters, sorting, paging.
  const rows = await app.inject(
    `/api/open/datasets/${id}/rows?filter=${encodeURIComponent('窗口=社保窗口')}&filter=${encodeURIComponent('受理件数>=90')}&sort=${encodeURIComponent('受理件数')}&order=desc`,
  );
  assert.equal(rows.statusCode, 200, rows.body);
  assert.equal(rows.json().total, 2);
  assert.deepEqual(
    rows.json().rows.map((r: Record<string, unknown>) => [r.月份, r.受理件数]),
    [
      ['2026-01', 98],
      ['2026-03', 93],
    ],
  );
  const page2 = await app.inject(`/api/open/datasets/${id}/rows?pageSize=4&page=2`);
  assert.equal(page2.json().total, 6);
  assert.equal(page2.json().rows.length, 2);
  const badFilter = await app.inject(`/api/open/datasets/${id}/rows?filter=${encodeURIComponent('人口=1')}`);
  assert.equal(badFilter.statusCode, 400);
  assert.equal(badFilter.json().error.message, '数据集没有“人口”列');

  // Downloads in three formats; spreadsheet formulas in cells are neutralised.
  const csv = await app.inject(`/api/open/datasets/${id}/versions/1/data.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-disposition'] as string, /^attachment; filename\*=UTF-8''/);
  const text = csv.rawPayload.toString('utf8');
  assert.ok(text.startsWith('\ufeff月份,窗口,受理件数,办结件数,备注\r\n'));
  assert.match(text, /"'=HYPERLINK\(""http:\/\/evil\.example"",""点击""\)"/);
  assert.match(text, /,'\+1\r\n/);
  assert.match(text, /,'-2\r\n/);
  assert.match(text, /,'@SUM\(1\)\r\n/);
  const xlsx = await app.inject(`/api/open/datasets/${id}/versions/1/data.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  assert.equal(sheet.getCell('E3').value, `'=HYPERLINK("http://evil.example","点击")`);
  assert.equal(sheet.getCell('C2').value, 120);
  const json = await app.inject(`/api/open/datasets/${id}/versions/1/data.json`);
  assert.equal(json.json().rows[1].备注, '=HYPERLINK("http://evil.example","点击")');
  assert.equal(json.json().rows.length, 6);
  const svg = await app.inject(`/api/open/datasets/${id}/charts/${chartId}.svg`);
  assert.equal(svg.statusCode, 200);
  assert.match(svg.headers['content-type'] as string, /^image\/svg\+xml/);
  assert.match(svg.body, /<title id="t">柱状图：各月受理件数<\/title>/);
});

test('the open API is limited per IP address, counted in the database', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const limit = env.config.openApiPerMinute;
  let last = await env.app.inject({ url: '/api/open/datasets', remoteAddress: '203.0.113.9' });
  assert.equal(last.headers['ratelimit-limit'], String(limit));
  for (let i = 1; i < limit; i++)
    last = await env.app.inject({ url: '/api/open/datasets', remoteAddress: '203.0.113.9' });
  assert.equal(last.statusCode, 200);
  assert.equal(last.headers['ratelimit-remaining'], '0');
  const refused = await env.app.inject({ url: '/api/open/datasets', remoteAddress: '203.0.113.9' });
  assert.equal(refused.statusCode, 429);
  assert.equal(refused.json().error.code, 'RATE_LIMITED');
  assert.ok(Number(refused.headers['retry-after']) >= 1);
  // Another address is not affected; the next minute starts afresh.
  assert.equal((await env.app.inject({ url: '/api/open/datasets', remoteAddress: '203.0.113.10' })).statusCode, 200);
  env.clock.advance(60_000);
  assert.equal((await env.app.inject({ url: '/api/open/datasets', remoteAddress: '203.0.113.9' })).statusCode, 200);
});

test('a 30 MB data file (over the 20 MB limit of data sets) is refused from its Content-Length before the body is read', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/datasets/1/versions',
    headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(30 * 1024 * 1024) },
    payload: '--x--',
  });
  assert.equal(res.statusCode, 413);
  assert.equal(res.json().error.code, 'DATASET_FILE_TOO_LARGE');
});
