import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, mainSiteId, DIALECT, type Session } from '../../../test/helpers.ts';
import type { App } from '../../platform/http.ts';
import type { InspectionReport } from './engine.ts';

async function waitForRun(
  app: App,
  s: Session,
  id: number,
): Promise<{ status: string; verdict: string; total_score: number }> {
  for (let i = 0; i < 600; i++) {
    const run = (await call(app, s, 'GET', `/api/inspection/runs/${id}`)).json();
    if (run.status === 'done' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('inspection did not finish');
}

test(`an inspector inspects the demo site by URL: no veto, at least 95 in deductions, evidence and exports (${DIALECT})`, async (t) => {
  const env = await testEnv({ demoContent: true });
  t.after(() => env.close());
  const { app, ctx } = env;
  // The demo content is dated by the real clock; inspect at the real time.
  env.clock.set(new Date());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/`;
  await staff(ctx, 'inspector1', ['inspector']);
  const s = await login(app, 'inspector1');

  const start = await call(app, s, 'POST', '/api/inspection/runs', {
    url,
    siteId: await mainSiteId(ctx),
    maxPages: 40,
    screenshots: false,
    seed: 7,
  });
  assert.equal(start.statusCode, 200, start.body);
  const run = await waitForRun(app, s, start.json().id);
  assert.equal(run.status, 'done', JSON.stringify(run));
  const report = (
    await call(app, s, 'GET', `/api/inspection/runs/${start.json().id}/report`)
  ).json() as InspectionReport;
  const lost = report.indicators
    .filter((i) => i.status === '扣分' || i.status === '否决')
    .map((i) => `${i.name}(${i.points}): ${i.findings.map((f) => f.message).join('；')}`);
  t.diagnostic(
    `demo site: ${report.verdict}, deductions ${report.deductionScore}, bonus ${report.bonusScore}, total ${report.totalScore}, untested ${report.untested.deductionPoints}`,
  );
  for (const l of lost) t.diagnostic(l);
  assert.equal(report.schema, 'govportal-inspection-report/1');
  assert.ok(!report.indicators.some((i) => i.status === '否决'), `no veto: ${lost.join(' | ')}`);
  assert.ok((report.deductionScore ?? 0) >= 95, `deductions ≥ 95, got ${report.deductionScore}: ${lost.join(' | ')}`);
  for (const name of [
    '站点无法访问',
    '页面标签',
    '网站标识',
    '站内搜索',
    '我为政府网站找错',
    '栏目不更新',
    '解读关联',
  ]) {
    assert.ok(
      report.indicators.some((i) => i.name === name),
      `report names ${name}`,
    );
  }
  assert.ok(
    report.indicators.find((i) => i.name === '站点无法访问')!.status === '未检测',
    'availability needs a week of probes: untested, never passed',
  );
  assert.ok(report.untested.deductionPoints > 0 || report.untested.vetoes.length > 0);

  // A manual finding counts like an automatic one.
  const manual = await call(app, s, 'POST', '/api/inspection/findings', {
    url,
    indicatorId: 'deduct.leaders',
    subRule: 2,
    message: '领导简历缺少任职时间',
    evidenceUrl: `${url}bmgk/ldxx/`,
    note: '人工核对',
  });
  assert.equal(manual.statusCode, 200, manual.body);
  const second = await call(app, s, 'POST', '/api/inspection/runs', {
    url,
    siteId: await mainSiteId(ctx),
    maxPages: 40,
    screenshots: false,
    seed: 7,
  });
  await waitForRun(app, s, second.json().id);
  const report2 = (
    await call(app, s, 'GET', `/api/inspection/runs/${second.json().id}/report`)
  ).json() as InspectionReport;
  // The response schema lets every field of the stored report through.
  assert.deepEqual(report2, JSON.parse(JSON.stringify(await env.ctx.inspection.report(second.json().id))));
  const leaders = report2.indicators.find((i) => i.name === '领导信息')!;
  assert.ok(leaders.findings.some((f) => f.source === 'manual' && f.message === '领导简历缺少任职时间'));
  assert.ok((report2.deductionScore ?? 0) <= (report.deductionScore ?? 0) - 1 + 1e-9);

  const diff = (
    await call(app, s, 'GET', `/api/inspection/compare?from=${start.json().id}&to=${second.json().id}`)
  ).json();
  assert.ok(diff.new.some((f: { message: string }) => f.message === '领导简历缺少任职时间'));
  const trend = (await call(app, s, 'GET', `/api/inspection/trend?url=${encodeURIComponent(url)}`)).json().items;
  assert.equal(trend.length, 2);
  const pdf = await call(app, s, 'GET', `/api/inspection/runs/${second.json().id}/report.pdf`);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const xlsx = await call(app, s, 'GET', `/api/inspection/runs/${second.json().id}/report.xlsx`);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  const html = await call(app, s, 'GET', `/api/inspection/runs/${second.json().id}/report.html`);
  assert.match(html.body, /领导简历缺少任职时间/);
  assert.match(String(html.headers['content-security-policy']), /default-src 'none'/);

  // Only inspectors (and site administrators for their own site) run inspections.
  await staff(ctx, 'ed1', ['editor'], '综合处');
  const editor = await login(app, 'ed1');
  assert.equal((await call(app, editor, 'POST', '/api/inspection/runs', { url })).statusCode, 403);
});
