// A supervisor's quarter through the HTTP API, on SQLite and PostgreSQL: register external fixture sites next to
// the installation's own, draw the quarter's plan, run it, publish the results through the 附件3 review, a
// department answers a rectification task, the re-check closes it, and the year's assessment follows the records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, columnByName, login, mainSiteId, staff, testEnv } from '../../../test/helpers.ts';
import { decide } from '../../../test/workflow.ts';
import { serveSite, type ServedSite } from '../../../test/fixtures/sites/serve.ts';
import { rectificationDeadline } from './deadlines.ts';

test('a quarter of supervision: plan, run, publish through review, respond, re-check, score', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const served: ServedSite[] = [];
  t.after(() => Promise.all(served.map((s) => s.close())));
  const siteId = await mainSiteId(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  ctx.supervision.plans.localBase = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  ctx.supervision.plans.defaultMaxPages = 15;

  await staff(ctx, 'jg', ['supervisor', 'editor'], '综合处');
  await staff(ctx, 'zh_reviewer', ['reviewer'], '综合处');
  await staff(ctx, 'zh_leader', ['leader'], '综合处');
  const contact = await staff(ctx, 'dept', ['editor'], '组宣处');
  await staff(ctx, 'other', ['editor'], '法规处');
  const supervisor = await login(app, 'jg');
  const reviewer = await login(app, 'zh_reviewer');
  const leader = await login(app, 'zh_leader');
  const department = await login(app, 'dept');
  const outsider = await login(app, 'other');

  // the office publishes its results in 通知公告
  const column = await columnByName(ctx, '通知公告');
  const office = await call(app, supervisor, 'PUT', `/api/supervision/offices/${siteId}`, {
    name: '南江市人民政府办公室',
    level: '地市级',
    stateCouncil: false,
    resultsColumnId: column.id,
    reportsColumnId: column.id,
  });
  assert.equal(office.statusCode, 200, office.body);

  // external sites served locally; the installation's own site is registered by itself
  const names = ['good', 'no-jiucuo'] as const;
  const ids: Record<string, number> = {};
  for (const name of names) {
    const site = await serveSite(name);
    served.push(site);
    const res = await call(app, supervisor, 'POST', `/api/supervision/registry?siteId=${siteId}`, {
      kind: 'website',
      name: `示例网站（${name}）`,
      siteCode: '3399000001',
      url: `${site.origin}/`,
      domains: ['www.shili.gov.cn'],
      department: '示例市人民政府办公室',
      contactUserId: contact.id,
      siteType: '部门',
      status: '运行',
    });
    assert.equal(res.statusCode, 200, res.body);
    ids[name] = res.json().id;
  }
  const registry = (await call(app, supervisor, 'GET', `/api/supervision/registry?siteId=${siteId}`)).json().items;
  assert.equal(registry.length, 3, 'the two external sites and this installation’s own site');
  assert.ok(registry.some((e: { hosting: string }) => e.hosting === 'local'));

  // the quarter's plan: 100%, reproducible from its seed
  const created = await call(app, supervisor, 'POST', '/api/supervision/plans', {
    siteId,
    year: 2026,
    quarter: 4,
    fullCoverage: true,
    seed: 2026,
    maxPages: 15,
  });
  assert.equal(created.statusCode, 200, created.body);
  const planId: number = created.json().plan.id;
  assert.equal(created.json().items.length, 3);
  assert.equal(created.json().plan.seed, 2026);
  // someone outside supervision cannot see it
  assert.equal((await call(app, outsider, 'GET', `/api/supervision/plans/${planId}`)).statusCode, 403);

  assert.equal((await call(app, supervisor, 'POST', `/api/supervision/plans/${planId}/start`)).statusCode, 200);
  await ctx.supervision.plans.work(planId);
  const detail = (await call(app, supervisor, 'GET', `/api/supervision/plans/${planId}`)).json();
  assert.equal(detail.plan.status, 'done', JSON.stringify(detail.items.map((i: { error: string }) => i.error)));
  const missingEntry = detail.items.find((i: { registryId: number }) => i.registryId === ids['no-jiucuo']);
  assert.ok(
    missingEntry.problems.some((p: { indicatorId: string }) => p.indicatorId === 'deduct.report-errors'),
    'the missing 找错 entry is a problem',
  );

  // the 通报 for the record
  const pdf = await call(app, supervisor, 'GET', `/api/supervision/plans/${planId}/report.pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');

  // results page → 附件3 review → published; the two weeks start at publication
  const published = await call(app, supervisor, 'POST', `/api/supervision/plans/${planId}/publish`);
  assert.equal(published.statusCode, 200, published.body);
  const requestId = published.json().reviewRequestId;
  assert.equal((await decide(app, reviewer, requestId, '同意')).statusCode, 200);
  env.clock.advance(60_000);
  const approved = await decide(app, leader, requestId, '同意');
  assert.equal(approved.json().state, 'approved', approved.body);
  await ctx.supervision.idle();
  const plan = (await call(app, supervisor, 'GET', `/api/supervision/plans/${planId}`)).json().plan;
  assert.ok(plan.resultsPublishedAt, 'publication is recorded');

  const tasks = (await call(app, department, 'GET', '/api/supervision/rectifications')).json().items;
  const task = tasks.find(
    (x: { registryId: number; indicatorId: string }) =>
      x.registryId === ids['no-jiucuo'] && x.indicatorId === 'deduct.report-errors',
  );
  assert.ok(task, 'the department sees the task of its site');
  assert.equal(task.dueAt, rectificationDeadline(plan.resultsPublishedAt));
  assert.equal(task.status, 'open');
  assert.ok(
    tasks.every((x: { registryId: number }) => [ids.good, ids['no-jiucuo']].includes(x.registryId)),
    'only its own sites',
  );
  // a department not responsible cannot answer
  assert.equal(
    (
      await call(app, outsider, 'POST', `/api/supervision/rectifications/${task.id}/respond`, {
        response: '已整改完成',
        evidence: [],
      })
    ).statusCode,
    403,
  );
  const answered = await call(app, department, 'POST', `/api/supervision/rectifications/${task.id}/respond`, {
    response: '已在全站页面底部添加“我为政府网站找错”入口。',
    evidence: [{ name: '整改后首页', url: 'https://www.shili.gov.cn/' }],
  });
  assert.equal(answered.statusCode, 200, answered.body);
  assert.equal(answered.json().status, 'responded');

  // the site is fixed; the re-check by the engine closes the task
  served[1].use('good');
  const recheck = await call(app, supervisor, 'POST', `/api/supervision/rectifications/${task.id}/recheck`);
  assert.equal(recheck.statusCode, 200, recheck.body);
  assert.equal(recheck.json().recheckPending, true);
  assert.equal(await ctx.supervision.rectification.recheckSettled(task.id), 'closed');
  const closed = (await call(app, supervisor, 'GET', `/api/supervision/rectifications/${task.id}`)).json();
  assert.equal(closed.status, 'closed');
  assert.match(closed.recheckNote, /原问题均已整改/);

  // the year's assessment follows the records: Q4 not over yet, so no veto for it; the task closed in time
  const assessment = (
    await call(app, supervisor, 'GET', `/api/supervision/assessment?siteId=${siteId}&year=2026`)
  ).json();
  const rectification = assessment.indicators.find((i: { id: string }) => i.id === 'supervision.deduct.rectification');
  assert.equal(rectification.findings.length, 0);
  const html = await call(app, supervisor, 'GET', `/api/supervision/assessment.html?siteId=${siteId}&year=2026`);
  assert.equal(html.statusCode, 200);
  assert.match(html.body, /<svg[\s\S]*通报整改/);
  const pdfReport = await call(app, supervisor, 'GET', `/api/supervision/assessment.pdf?siteId=${siteId}&year=2026`);
  assert.equal(pdfReport.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  const dashboard = (await call(app, supervisor, 'GET', `/api/supervision/dashboard?siteId=${siteId}`)).json();
  assert.equal(dashboard.quarter.state, 'done');
  assert.equal(dashboard.quarter.daysLeft, 34);
  assert.equal(dashboard.tasks.closed, 1);

  // everything was audited
  const actions = (
    await ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'supervision.%').execute()
  ).map((r) => r.action);
  for (const action of [
    'supervision.office',
    'supervision.register',
    'supervision.plan',
    'supervision.results-submit',
    'supervision.rectification-respond',
    'supervision.rectification-close',
  ])
    assert.ok(actions.includes(action), action);
});

test('a supervisor bound to one office sees only its records; the sample is never below 30%', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'bound', ['supervisor'], undefined, siteId);
  await staff(ctx, 'jg', ['supervisor']);
  const bound = await login(app, 'bound');
  const all = await login(app, 'jg');
  // bound to the main site's office: another office is out of scope
  const denied = await call(app, bound, 'GET', `/api/supervision/registry?siteId=${siteId + 100}`);
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json().error.code, 'SUPERVISION_OUT_OF_SCOPE');
  assert.equal((await call(app, bound, 'GET', `/api/supervision/registry?siteId=${siteId}`)).statusCode, 200);
  for (let i = 0; i < 9; i++) {
    const res = await call(app, all, 'POST', `/api/supervision/registry?siteId=${siteId}`, {
      kind: 'website',
      name: `外部网站${i}`,
      url: `https://site${i}.example.gov.cn/`,
      department: '某局',
      status: '运行',
    });
    assert.equal(res.statusCode, 200, res.body);
  }
  // asking for less than 30% is refused by the schema; 30% of 10 websites is 3
  const low = await call(app, all, 'POST', '/api/supervision/plans', {
    siteId,
    year: 2026,
    quarter: 4,
    fullCoverage: false,
    ratio: 0.1,
  });
  assert.equal(low.statusCode, 400);
  const plan = await call(app, all, 'POST', '/api/supervision/plans', {
    siteId,
    year: 2026,
    quarter: 4,
    fullCoverage: false,
    ratio: 0.3,
    seed: 7,
  });
  assert.equal(plan.json().items.length, 3);
  const again = await call(app, all, 'POST', '/api/supervision/plans', {
    siteId,
    year: 2026,
    quarter: 4,
    fullCoverage: false,
    ratio: 0.3,
    seed: 7,
  });
  assert.deepEqual(
    again.json().items.map((i: { registryId: number }) => i.registryId),
    plan.json().items.map((i: { registryId: number }) => i.registryId),
    'the same seed draws the same sites',
  );
  // XLSX round trip: the export imports back as updates
  const xlsx = await call(app, all, 'GET', `/api/supervision/registry.xlsx?siteId=${siteId}`);
  assert.equal(xlsx.statusCode, 200);
  const boundary = 'gpboundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    xlsx.rawPayload,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const imported = await app.inject({
    method: 'POST',
    url: `/api/supervision/registry/import?siteId=${siteId}`,
    headers: {
      cookie: all.cookie,
      'x-csrf-token': all.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
  assert.equal(imported.statusCode, 200, imported.body);
  assert.deepEqual(imported.json(), { created: 0, updated: 10 });
});
