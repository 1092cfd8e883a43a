// Who sees which inspection data (site scope) and what cancelling a run does, over HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, mainSiteId, DIALECT, type Session, type TestEnv } from '../../../test/helpers.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';
import { html, serveRoutes, type Route, type RouteServer } from '../../../test/fixtures/sites/route-server.ts';
import * as repo from './inspection.repository.ts';

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><meta name="SiteName" content="测试站点"></head><body><header>测试站点</header><main>${body}</main><footer>主办单位：测试站点</footer></body></html>`;

/** A tiny site that is quick to inspect: a home page and two pages, nothing outside. */
async function tinySite(): Promise<RouteServer> {
  return serveRoutes({
    '/': html(
      page(
        '首页',
        '<ul><li><a href="/a.html">第一条信息标题较长一些</a> 2026-11-20</li><li><a href="/b.html">第二条信息标题较长一些</a> 2026-11-18</li></ul>',
      ),
    ),
    '/a.html': html(page('第一条', '<article><h1>第一条</h1><p>正文</p></article>')),
    '/b.html': html(page('第二条', '<article><h1>第二条</h1><p>正文</p></article>')),
  });
}

describe(`inspection site scope (${DIALECT})`, () => {
  let env: TestEnv;
  let site: RouteServer;
  let url: string;
  let siteA: number;
  let siteB: number;
  const runs: Record<'A' | 'B' | 'X', number> = { A: 0, B: 0, X: 0 };
  let adminA: Session;
  let adminB: Session;
  let inspectorB: Session;
  let inspector: Session;
  let allSitesAdmin: Session;

  before(async () => {
    env = await testEnv();
    env.clock.set(new Date('2026-11-27T02:00:00Z'));
    site = await tinySite();
    url = `${site.origin}/`;
    siteA = await mainSiteId(env.ctx);
    siteB = (
      await env.ctx.sites.create(SYSTEM_ACTOR, {
        ...DEMO_SITE,
        code: 'zwfw',
        parentId: siteA,
        name: '南江市政务服务中心',
        siteIdCode: '3299000003',
        domains: ['zwfw.nanjiang.gov.cn'],
      })
    ).id;
    await staff(env.ctx, 'admin_a', ['site_admin'], undefined, siteA);
    await staff(env.ctx, 'admin_b', ['site_admin'], undefined, siteB);
    await staff(env.ctx, 'inspector_b', ['inspector'], undefined, siteB);
    await staff(env.ctx, 'inspector_all', ['inspector']);
    await staff(env.ctx, 'admin_all', ['site_admin']);
    [adminA, adminB, inspectorB, inspector, allSitesAdmin] = await Promise.all(
      ['admin_a', 'admin_b', 'inspector_b', 'inspector_all', 'admin_all'].map((u) => login(env.app, u)),
    );
    // One finished run of the same URL for site A, for site B, and without a site (an inspector's spot check).
    for (const [key, siteId] of [
      ['A', siteA],
      ['B', siteB],
      ['X', null],
    ] as const) {
      runs[key] = await env.ctx.inspection.create(SYSTEM_ACTOR, {
        url,
        siteId,
        maxPages: 5,
        screenshots: false,
        seed: 1,
      });
      await env.ctx.inspection.execute(runs[key]);
    }
  });
  after(async () => {
    await site.close();
    await env.close();
  });

  const forbidden = async (s: Session, method: string, path: string, payload?: unknown) => {
    const res = await call(env.app, s, method, path, payload);
    assert.equal(res.statusCode, 403, `${method} ${path}: ${res.body}`);
    assert.ok(
      ['INSPECTION_OUT_OF_SCOPE', 'INSPECTION_EXTERNAL_FORBIDDEN'].includes(res.json().error.code),
      `${method} ${path}: ${res.body}`,
    );
  };
  const ok = async (s: Session, method: string, path: string, payload?: unknown) => {
    const res = await call(env.app, s, method, path, payload);
    assert.equal(res.statusCode, 200, `${method} ${path}: ${res.body}`);
    return res;
  };
  const q = (params: Record<string, string | number>) =>
    `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;

  test('a site administrator sees only their own site’s runs and reports', async () => {
    const mine = (await ok(adminA, 'GET', '/api/inspection/runs')).json().items.map((r: { id: number }) => r.id);
    assert.deepEqual(mine, [runs.A]);
    assert.deepEqual(
      (await ok(adminA, 'GET', `/api/inspection/runs${q({ url })}`)).json().items.map((r: { id: number }) => r.id),
      [runs.A],
    );
    await ok(adminA, 'GET', `/api/inspection/runs/${runs.A}`);
    await ok(adminA, 'GET', `/api/inspection/runs/${runs.A}/report`);
    for (const other of [runs.B, runs.X]) {
      for (const path of ['', '/report', '/report.html', '/report.pdf', '/report.xlsx', '/evidence/1'])
        await forbidden(adminA, 'GET', `/api/inspection/runs/${other}${path}`);
      await forbidden(adminA, 'POST', `/api/inspection/runs/${other}/cancel`);
    }
    const missing = await call(env.app, adminA, 'GET', '/api/inspection/runs/999999');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'INSPECTION_RUN_NOT_FOUND');
    // Starting runs: only for their own site, never an arbitrary URL.
    await forbidden(adminA, 'POST', '/api/inspection/runs', { url, siteId: siteB, screenshots: false });
    await forbidden(adminA, 'POST', '/api/inspection/runs', { url, screenshots: false });
  });

  test('compare and trend only over runs in scope', async () => {
    await forbidden(adminA, 'GET', `/api/inspection/compare${q({ from: runs.A, to: runs.B })}`);
    await forbidden(adminA, 'GET', `/api/inspection/compare${q({ from: runs.B, to: runs.A })}`);
    await forbidden(adminA, 'GET', `/api/inspection/compare${q({ from: runs.B, to: runs.X })}`);
    await ok(adminA, 'GET', `/api/inspection/compare${q({ from: runs.A, to: runs.A })}`);
    const trendA = (await ok(adminA, 'GET', `/api/inspection/trend${q({ url })}`)).json().items;
    assert.deepEqual(
      trendA.map((p: { id: number }) => p.id),
      [runs.A],
      'site B’s and the site-less runs of the same URL are not in site A’s trend',
    );
    await forbidden(adminA, 'GET', `/api/inspection/trend${q({ url, siteId: siteB })}`);
    assert.deepEqual(
      (await ok(adminB, 'GET', `/api/inspection/trend${q({ url })}`)).json().items.map((p: { id: number }) => p.id),
      [runs.B],
    );
    // the inspector of every site sees every run, and may narrow the trend to one site
    assert.deepEqual(
      (await ok(inspector, 'GET', `/api/inspection/trend${q({ url })}`)).json().items.map((p: { id: number }) => p.id),
      [runs.A, runs.B, runs.X],
    );
    assert.deepEqual(
      (await ok(inspector, 'GET', `/api/inspection/trend${q({ url, siteId: siteB })}`))
        .json()
        .items.map((p: { id: number }) => p.id),
      [runs.B],
    );
    await ok(inspector, 'GET', `/api/inspection/compare${q({ from: runs.A, to: runs.B })}`);
  });

  test('schedules: listed, created and stopped within scope', async () => {
    const scheduleA = (
      await ok(adminA, 'POST', '/api/inspection/schedules', { url, siteId: siteA, everyHours: 24 })
    ).json().id;
    const scheduleB = (
      await ok(adminB, 'POST', '/api/inspection/schedules', { url, siteId: siteB, everyHours: 24 })
    ).json().id;
    const scheduleX = (await ok(inspector, 'POST', '/api/inspection/schedules', { url, everyHours: 24 })).json().id;
    await forbidden(adminA, 'POST', '/api/inspection/schedules', { url, siteId: siteB, everyHours: 24 });
    await forbidden(adminA, 'POST', '/api/inspection/schedules', { url, everyHours: 24 });
    const ids = async (s: Session) =>
      (await ok(s, 'GET', '/api/inspection/schedules')).json().items.map((r: { id: number }) => r.id);
    assert.deepEqual(await ids(adminA), [scheduleA]);
    assert.deepEqual(await ids(adminB), [scheduleB]);
    assert.deepEqual(await ids(inspectorB), [scheduleB]);
    assert.deepEqual(await ids(inspector), [scheduleA, scheduleB, scheduleX]);
    assert.deepEqual(
      await ids(allSitesAdmin),
      [scheduleA, scheduleB],
      'a site administrator of every site: every platform site, no arbitrary URL',
    );
    await forbidden(adminA, 'DELETE', `/api/inspection/schedules/${scheduleB}`);
    await forbidden(adminA, 'DELETE', `/api/inspection/schedules/${scheduleX}`);
    assert.equal((await call(env.app, adminA, 'DELETE', '/api/inspection/schedules/999999')).statusCode, 404);
    assert.deepEqual(await ids(inspector), [scheduleA, scheduleB, scheduleX], 'nothing was stopped');
    await ok(adminB, 'DELETE', `/api/inspection/schedules/${scheduleB}`);
    assert.equal(
      (await call(env.app, adminB, 'DELETE', `/api/inspection/schedules/${scheduleB}`)).statusCode,
      404,
      'already stopped',
    );
    await ok(inspector, 'DELETE', `/api/inspection/schedules/${scheduleX}`);
    assert.deepEqual(await ids(inspector), [scheduleA]);
  });

  test('manual findings: recorded, listed and revoked within scope; a site’s findings count only in its runs', async () => {
    const finding = (siteId: number | null, message: string) => ({
      url,
      indicatorId: 'deduct.leaders',
      subRule: 2,
      message,
      ...(siteId === null ? {} : { siteId }),
    });
    const fA = (
      await ok(adminA, 'POST', '/api/inspection/findings', finding(siteA, '站点A：领导简历缺少任职时间'))
    ).json().id;
    const fB = (
      await ok(adminB, 'POST', '/api/inspection/findings', finding(siteB, '站点B：领导简历缺少任职时间'))
    ).json().id;
    const fX = (
      await ok(inspector, 'POST', '/api/inspection/findings', finding(null, '检查员：领导简历缺少任职时间'))
    ).json().id;
    await forbidden(adminA, 'POST', '/api/inspection/findings', finding(siteB, '冒充站点B记录的发现'));
    await forbidden(adminA, 'POST', '/api/inspection/findings', finding(null, '不属于任何站点的发现'));
    await forbidden(inspectorB, 'POST', '/api/inspection/findings', finding(siteA, '站点B的检查员记录站点A'));

    const listed = async (s: Session, params: Record<string, string | number> = {}) =>
      (await ok(s, 'GET', `/api/inspection/findings${q({ url, ...params })}`))
        .json()
        .items.map((r: { id: number }) => r.id);
    assert.deepEqual(await listed(adminA), [fA]);
    assert.deepEqual(await listed(adminA, { siteId: siteA }), [fA]);
    await forbidden(adminA, 'GET', `/api/inspection/findings${q({ url, siteId: siteB })}`);
    assert.deepEqual(await listed(adminB), [fB]);
    assert.deepEqual(await listed(inspector), [fA, fB, fX]);
    assert.deepEqual(await listed(inspector, { siteId: siteB }), [fB, fX], 'what a run of site B counts');

    // What the runs count: a site's own findings and the inspector's site-less ones, never another site's.
    const counted = async (siteId: number | null) =>
      (await env.ctx.inspection.manualFindings(url, siteId)).map((f) => f.message);
    assert.deepEqual(await counted(siteA), ['站点A：领导简历缺少任职时间', '检查员：领导简历缺少任职时间']);
    assert.deepEqual(await counted(siteB), ['站点B：领导简历缺少任职时间', '检查员：领导简历缺少任职时间']);
    assert.deepEqual(await counted(null), ['检查员：领导简历缺少任职时间']);

    await forbidden(adminA, 'DELETE', `/api/inspection/findings/${fB}`);
    await forbidden(adminA, 'DELETE', `/api/inspection/findings/${fX}`);
    assert.equal((await call(env.app, adminA, 'DELETE', '/api/inspection/findings/999999')).statusCode, 404);
    assert.deepEqual(await listed(inspector), [fA, fB, fX], 'nothing was revoked');
    await ok(adminB, 'DELETE', `/api/inspection/findings/${fB}`);
    assert.equal(
      (await call(env.app, adminB, 'DELETE', `/api/inspection/findings/${fB}`)).statusCode,
      404,
      'already revoked',
    );
    assert.deepEqual(await listed(inspector), [fA, fX]);
  });

  test('an inspector bound to a site is limited to it; the inspector of every site is not', async () => {
    assert.deepEqual(
      (await ok(inspectorB, 'GET', '/api/inspection/runs')).json().items.map((r: { id: number }) => r.id),
      [runs.B],
    );
    await ok(inspectorB, 'GET', `/api/inspection/runs/${runs.B}/report`);
    await forbidden(inspectorB, 'GET', `/api/inspection/runs/${runs.A}/report`);
    await forbidden(inspectorB, 'GET', `/api/inspection/runs/${runs.X}`);
    await forbidden(inspectorB, 'POST', '/api/inspection/runs', { url, screenshots: false });
    await forbidden(inspectorB, 'POST', '/api/inspection/runs', { url, siteId: siteA, screenshots: false });

    const all = (await ok(inspector, 'GET', '/api/inspection/runs')).json().items.map((r: { id: number }) => r.id);
    assert.deepEqual(all, [runs.X, runs.B, runs.A]);
    for (const id of Object.values(runs)) await ok(inspector, 'GET', `/api/inspection/runs/${id}/report`);
    const html = await ok(inspector, 'GET', `/api/inspection/runs/${runs.B}/report.html`);
    assert.match(html.body, /网站检查报告|检查报告/);

    // a site administrator of every site: every platform site's runs, not the site-less spot check
    assert.deepEqual(
      (await ok(allSitesAdmin, 'GET', '/api/inspection/runs')).json().items.map((r: { id: number }) => r.id),
      [runs.B, runs.A],
    );
    await forbidden(allSitesAdmin, 'GET', `/api/inspection/runs/${runs.X}`);
  });
});

describe(`cancelling a run (${DIALECT})`, () => {
  let env: TestEnv;
  let slow: RouteServer;
  let inspector: Session;
  const timers = new Set<NodeJS.Timeout>();

  before(async () => {
    env = await testEnv();
    await staff(env.ctx, 'inspector_c', ['inspector']);
    inspector = await login(env.app, 'inspector_c');
    // A site whose pages take 2 s each: a crawl of it would take minutes.
    const later: Route = (_req, res) => {
      const t = setTimeout(
        () => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('页面', '<p>正文</p>')),
        2000,
      );
      timers.add(t);
    };
    const links = Array.from(
      { length: 60 },
      (_, i) => `<li><a href="/p/${i}.html">第${i}条信息的标题比较长</a> 2026-11-20</li>`,
    ).join('');
    slow = await serveRoutes({
      '/': html(page('首页', `<ul>${links}</ul>`)),
      ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`/p/${i}.html`, later])),
    });
  });
  after(async () => {
    for (const t of timers) clearTimeout(t);
    await slow.close();
    await env.close();
  });

  const status = async (id: number) => (await call(env.app, inspector, 'GET', `/api/inspection/runs/${id}`)).json();
  const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await ok())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const pageRequests = () => slow.requests.filter((r) => r.path.startsWith('/p/')).length;

  test('the run is marked 已中止 at once, the crawl stops, and it has no report and no place in the trend', async () => {
    const url = `${slow.origin}/`;
    const start = await call(env.app, inspector, 'POST', '/api/inspection/runs', {
      url,
      maxPages: 60,
      screenshots: false,
    });
    assert.equal(start.statusCode, 200, start.body);
    const id = start.json().id as number;
    await until('the crawl to start on the slow pages', () => pageRequests() >= 2);

    const cancelled = await call(env.app, inspector, 'POST', `/api/inspection/runs/${id}/cancel`);
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    const at = Date.now();
    const run = await status(id);
    assert.equal(run.status, 'cancelled');
    assert.equal(run.error, null);
    assert.ok(run.finished_at);
    assert.equal(run.progress.message, '检查已中止');
    assert.equal(run.progress.stage, 'crawl', 'the progress stays at the stage it stopped in');

    // The crawl stops: no page is requested after the cancel (requests in flight are dropped, none started).
    const requested = pageRequests();
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(pageRequests(), requested, 'no request started after the cancel');
    assert.ok(
      slow.requests.every((r) => r.at <= at + 100 || !r.path.startsWith('/p/')),
      'no page request after the cancel',
    );
    // …and the run stays cancelled (neither failed nor done once its crawl returns).
    const later = await status(id);
    assert.equal(later.status, 'cancelled');
    assert.equal(later.verdict, null);
    assert.equal(later.total_score, null);

    const list = (await call(env.app, inspector, 'GET', '/api/inspection/runs')).json().items;
    assert.equal(list.find((r: { id: number }) => r.id === id)?.status, 'cancelled');
    const report = await call(env.app, inspector, 'GET', `/api/inspection/runs/${id}/report`);
    assert.equal(report.statusCode, 409);
    assert.match(report.json().error.message, /已中止/);
    // Cancelling again is harmless; a finished run cannot be cancelled.
    assert.equal((await call(env.app, inspector, 'POST', `/api/inspection/runs/${id}/cancel`)).statusCode, 200);

    // The trend shows finished runs only: a done run of the same URL, not the cancelled one.
    const at2 = new Date().toISOString();
    const done = await repo.insertRun(env.ctx.db, {
      site_id: null,
      target_url: url,
      status: 'done',
      options: '{}',
      progress: '{}',
      verdict: '合格',
      deduction_score: 90,
      bonus_score: 0,
      total_score: 90,
      untested_points: 10,
      report: null,
      error: null,
      created_by: null,
      created_at: at2,
      started_at: at2,
      finished_at: at2,
    });
    const trend = (await call(env.app, inspector, 'GET', `/api/inspection/trend?url=${encodeURIComponent(url)}`)).json()
      .items;
    assert.deepEqual(
      trend.map((p: { id: number }) => p.id),
      [done],
    );
    const again = await call(env.app, inspector, 'POST', `/api/inspection/runs/${done}/cancel`);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'INSPECTION_ENDED');

    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'inspection.cancel')
      .execute();
    assert.deepEqual(
      audit.map((a) => String(a.target_id)),
      [String(id)],
      'the cancel is audited once',
    );
  });

  test('a cancel recorded by another app node stops the run within a second or so', async () => {
    const url = `${slow.origin}/`;
    const id = await env.ctx.inspection.create(SYSTEM_ACTOR, { url, maxPages: 60, screenshots: false });
    const running = env.ctx.inspection.execute(id).then(
      () => 'done',
      (error: { code?: string }) => error.code ?? 'error',
    );
    const base = pageRequests();
    await until(
      'the crawl to start',
      async () => (await status(id)).status === 'running' && pageRequests() >= base + 2,
    );
    // What POST …/cancel on another node writes: the database row only (that node has no AbortController).
    await repo.updateRun(env.ctx.db, id, { status: 'cancelled', finished_at: new Date().toISOString() });
    const t0 = Date.now();
    assert.equal(await running, 'INSPECTION_CANCELLED');
    // the status is looked at every second; generous for a busy test machine
    assert.ok(Date.now() - t0 < 5000, `stopped after ${Date.now() - t0} ms`);
    assert.equal((await status(id)).status, 'cancelled');
  });

  test('a queued run cancelled before it starts never runs', async () => {
    const before = slow.requests.length;
    const id = await env.ctx.inspection.create(SYSTEM_ACTOR, {
      url: `${slow.origin}/`,
      maxPages: 60,
      screenshots: false,
    });
    assert.equal((await call(env.app, inspector, 'POST', `/api/inspection/runs/${id}/cancel`)).statusCode, 200);
    await assert.rejects(env.ctx.inspection.execute(id), (e: { code?: string }) => e.code === 'INSPECTION_CANCELLED');
    assert.equal(slow.requests.length, before, 'nothing was fetched');
    assert.equal((await status(id)).status, 'cancelled');
  });
});
