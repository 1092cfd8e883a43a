// The inspection of the running demo: the main site's online services leave none of the 办事服务 indicators
// 未检测 and lose nothing; the subordinate site loses exactly what its two defective guides deserve (a closed phone
// line: 内容准确 −1; a phrase added to the vague-word dictionary: 办事指南 −2), and the dashboard shows the same two.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, DIALECT, login, staff, testEnv } from '../../../test/helpers.ts';
import type { App } from '../../platform/http.ts';
import type { Session } from '../../../test/helpers.ts';
import type { InspectionReport } from '../inspection/engine.ts';
import { scoreInspection, type IndicatorResult } from '../inspection/scoring.ts';

const SERVICE_INDICATORS = [
  '服务不实用',
  '事项公开',
  '在线申请',
  '办事统计',
  '办事指南',
  '内容准确',
  '表格样表',
  '服务功能',
  '服务内容',
  '服务关联',
];

async function inspect(app: App, s: Session, url: string, siteId: number): Promise<InspectionReport> {
  const start = await call(app, s, 'POST', '/api/inspection/runs', {
    url,
    siteId,
    maxPages: 25,
    screenshots: false,
    seed: 7,
  });
  assert.equal(start.statusCode, 200, start.body);
  for (let i = 0; i < 900; i++) {
    const run = (await call(app, s, 'GET', `/api/inspection/runs/${start.json().id}`)).json();
    if (run.status === 'done') break;
    assert.notEqual(run.status, 'failed', JSON.stringify(run));
    await new Promise((r) => setTimeout(r, 200));
  }
  return (await call(app, s, 'GET', `/api/inspection/runs/${start.json().id}/report`)).json();
}

test(`the inspection judges the demo's online services from the data (${DIALECT})`, async (t) => {
  const env = await testEnv({ demoContent: true });
  t.after(() => env.close());
  const { app, ctx } = env;
  env.clock.set(new Date());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  await staff(ctx, 'svc_inspector', ['inspector']);
  const s = await login(app, 'svc_inspector');
  const sites = await ctx.sites.list();
  const main = sites.find((x) => x.code === 'main')!;
  const zwfw = sites.find((x) => x.code === 'zwfw')!;

  const report = await inspect(app, s, `http://127.0.0.1:${port}/`, main.id);
  const services = report.indicators.filter((i) => SERVICE_INDICATORS.includes(i.name));
  assert.equal(services.length, SERVICE_INDICATORS.length);
  for (const i of services) {
    assert.notEqual(i.status, '未检测', `${i.name} is measured`);
    assert.ok(!['扣分', '否决'].includes(i.status), `${i.name}: ${i.findings.map((f) => f.message).join('；')}`);
  }
  assert.equal(report.indicators.find((i) => i.name === '服务内容')?.points, 2, '3 一件事: 2 points');

  const sub = await inspect(app, s, `http://127.0.0.1:${port}/site/zwfw/`, zwfw.id);
  const byName = new Map(sub.indicators.map((i) => [i.name, i]));
  for (const name of SERVICE_INDICATORS) assert.notEqual(byName.get(name)?.status, '未检测', name);
  // The subordinate site is vetoed for its stale home page (the demo's neglected site), so nothing else is scored:
  // score its findings as they would be without that veto, to see what the guides cost.
  const results: IndicatorResult[] = sub.indicators
    .filter((i) => i.kind !== 'veto')
    .map((i) =>
      i.status === '未检测'
        ? { indicatorId: i.id, status: 'untested', reason: i.reason ?? '' }
        : { indicatorId: i.id, status: 'measured', findings: i.findings.map(({ source: _s, ...f }) => f) },
    );
  const scored = new Map((scoreInspection(results).deductions ?? []).map((o) => [o.name, o]));
  const guides = byName.get('办事指南')!;
  assert.equal(scored.get('办事指南')!.points, 2);
  assert.equal(scored.get('内容准确')!.points, 1);
  for (const name of ['事项公开', '在线申请', '办事统计', '表格样表']) assert.equal(scored.get(name)!.points, 0, name);
  assert.equal(byName.get('服务不实用')!.status, '通过');
  assert.deepEqual(
    guides.findings.map((f) => f.message),
    [
      '“市民服务中心会议室借用”办理材料第1项“会议室借用申请表”的填报须知：表述含糊不清：“按窗口要求”，请写明具体材料或要求',
    ],
  );
  const accuracy = byName.get('内容准确')!;
  assert.equal(accuracy.findings.length, 1);
  assert.match(accuracy.findings[0].message, /市民服务中心遗失物品认领.*0599-86601012/);

  // The dashboard of the subordinate site shows the same two guides.
  await staff(ctx, 'zwfw_admin', ['site_admin'], undefined, zwfw.id);
  const admin = await login(app, 'zwfw_admin');
  const dashboard = (await call(app, admin, 'GET', `/api/sites/${zwfw.id}/services/dashboard`)).json();
  assert.deepEqual(
    dashboard.items
      .filter((i: { findings: unknown[] }) => i.findings.length)
      .map((i: { item: { name: string } }) => i.item.name),
    ['市民服务中心遗失物品认领', '市民服务中心会议室借用'],
  );
  assert.equal(dashboard.totals.withoutGuide, 0);
});
