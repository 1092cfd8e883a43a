import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  DIALECT,
  call,
  columnByName,
  login,
  mainSiteId,
  staff,
  testEnv,
  type Session,
  type TestEnv,
} from '../../../test/helpers.ts';
import { StatsService } from './stats.service.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';

const IP = '203.0.113.77';
const OTHER_IP = '198.51.100.23';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 StatsTestMarker';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe(`visitor statistics on ${DIALECT}`, () => {
  let env: TestEnv;
  let siteId: number;
  let subsiteId: number;

  const view = (url: string, ua = CHROME, ip = IP, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'GET', url, headers: { 'user-agent': ua, ...headers }, remoteAddress: ip });

  const pageRows = async () =>
    (
      await env.ctx.db
        .selectFrom('stats_page_days')
        .selectAll()
        .where('site_id', '=', siteId)
        .orderBy('day')
        .orderBy('path')
        .execute()
    ).map((r) => ({ day: r.day, path: r.path, columnId: r.column_id, views: r.views }));

  // Sessions time out as the test clock moves: log in afresh for each request.
  const as = (username: string): Promise<Session> => login(env.app, username);
  const report = async (query: string) => {
    const res = await call(env.app, await as('statsadmin'), 'GET', `/api/sites/${siteId}/stats?${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  before(async () => {
    // The batch timer must not fire in the middle of the test on a slow machine: flushes are explicit here.
    env = await testEnv({ config: { statsFlushIntervalMs: 3_600_000 } });
    siteId = await mainSiteId(env.ctx);
    await staff(env.ctx, 'statsadmin', ['site_admin'], undefined, siteId);
    await staff(env.ctx, 'statssys', ['sys_admin']);
    subsiteId = (
      await env.ctx.sites.create(SYSTEM_ACTOR, {
        ...DEMO_SITE,
        code: 'zwfw',
        parentId: siteId,
        name: '南江市政务服务中心',
        siteIdCode: '3299000003',
        domains: ['zwfw.nanjiang.gov.cn'],
      })
    ).id;
  });
  after(async () => {
    await env.close();
  });
  beforeEach(async () => {
    await env.ctx.stats.flush();
    for (const table of ['stats_page_days', 'stats_site_days', 'stats_visitors', 'stats_salts'] as const)
      await env.ctx.db.deleteFrom(table).execute();
    env.clock.set('2026-11-27T02:00:00.000Z'); // 10:00 in Beijing
  });

  test('counts page views per page, column and day; not assets, the API, the console or robots', async () => {
    const column = await columnByName(env.ctx, '部门动态');
    const home = await view('/');
    assert.equal(home.statusCode, 200);
    assert.equal((await view(column.path)).statusCode, 200);
    assert.equal((await view(`${column.path}?page=1`)).statusCode, 200);
    assert.equal((await view('/search?q=政策')).statusCode, 200);
    // Not counted: an asset, the API (JSON and its HTML docs), the console, a robot, a missing page, a redirect.
    const asset = home.body.match(/\/assets\/portal\.[0-9a-f]+\.css/)![0];
    assert.equal((await view(asset)).statusCode, 200);
    assert.equal((await view(`/api/sites/${siteId}`)).statusCode, 401);
    assert.equal((await view('/api/docs')).statusCode, 200);
    await view('/admin/');
    assert.equal((await view('/', GOOGLEBOT)).statusCode, 200);
    assert.equal((await view('/', 'govportal-inspector/0.1 (+政府网站自查)')).statusCode, 200);
    assert.equal(
      (
        await view(
          '/',
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
        )
      ).statusCode,
      200,
    );
    assert.equal((await view('/', 'curl/8.5.0')).statusCode, 200);
    assert.equal((await env.app.inject({ method: 'GET', url: '/', remoteAddress: IP })).statusCode, 200); // light-my-request's own UA
    assert.equal((await view('/no-such-page/')).statusCode, 404);
    assert.equal((await view('/gzdt/bmdt')).statusCode, 301);
    assert.equal((await view('/sitemap.xml')).statusCode, 200);

    assert.ok(env.ctx.stats.pendingKeys > 0);
    assert.deepEqual(await pageRows(), [], 'nothing is written before the flush');
    await env.ctx.stats.flush();
    assert.equal(env.ctx.stats.pendingKeys, 0);
    assert.deepEqual(await pageRows(), [
      { day: '2026-11-27', path: '/', columnId: null, views: 1 },
      { day: '2026-11-27', path: column.path, columnId: column.id, views: 2 },
      { day: '2026-11-27', path: '/search', columnId: null, views: 1 },
    ]);

    // A returning reader's conditional request (304) is a view too.
    const again = await view('/', CHROME, IP, { 'if-none-match': String(home.headers.etag) });
    assert.equal(again.statusCode, 304);
    await view(asset, CHROME, IP, { 'if-none-match': 'x' });
    await env.ctx.stats.flush();
    assert.equal((await pageRows()).find((r) => r.path === '/')!.views, 2);

    const r = await report('from=2026-11-27&to=2026-11-27');
    assert.deepEqual(r.totals, { views: 5, visitors: 1 });
    assert.deepEqual(r.series, [{ date: '2026-11-27', views: 5, visitors: 1 }]);
    assert.deepEqual(
      r.topPages.map((p: { path: string; title?: string; views: number }) => [p.path, p.title, p.views]),
      [
        ['/', '首页', 2],
        [column.path, '部门动态', 2],
        ['/search', '站内搜索', 1],
      ],
    );
    assert.deepEqual(r.topColumns, [{ columnId: column.id, name: '部门动态', views: 2 }]);
  });

  test('content pages count for their column; pages of a subsite count for the subsite', async () => {
    const column = await columnByName(env.ctx, '通知公告');
    // A published item's page is `<column path><id>.html`: the column is found by the path's prefix.
    env.ctx.stats.recordView('localhost', `${column.path}12345.html`, IP, CHROME);
    assert.equal((await view('/site/zwfw/')).statusCode, 200);
    assert.equal((await view('/', CHROME, IP, { host: 'zwfw.nanjiang.gov.cn' })).statusCode, 200);
    await env.ctx.stats.flush();
    assert.deepEqual(await pageRows(), [
      { day: '2026-11-27', path: `${column.path}12345.html`, columnId: column.id, views: 1 },
    ]);
    const sub = await env.ctx.db
      .selectFrom('stats_page_days')
      .select(['path', 'views'])
      .where('site_id', '=', subsiteId)
      .execute();
    assert.deepEqual(sub, [{ path: '/', views: 2 }]);
    const subReport = await call(
      env.app,
      await as('statssys'),
      'GET',
      `/api/sites/${subsiteId}/stats?from=2026-11-27&to=2026-11-27`,
    );
    assert.deepEqual(
      subReport.json().totals,
      { views: 2, visitors: 1 },
      'the same visitor on both addresses of the subsite',
    );
  });

  test('unique visitors: the same IP and browser is one visitor a day, another browser or IP another', async () => {
    const column = await columnByName(env.ctx, '部门动态');
    await view('/');
    await view('/');
    await view(column.path);
    await env.ctx.stats.flush();
    await view('/'); // after a flush: still the same visitor
    await env.ctx.stats.flush();
    let r = await report('from=2026-11-27&to=2026-11-27');
    assert.deepEqual(r.totals, { views: 4, visitors: 1 });

    await view('/', FIREFOX);
    await env.ctx.stats.flush();
    r = await report('from=2026-11-27&to=2026-11-27');
    assert.deepEqual(r.totals, { views: 5, visitors: 2 });

    await view(column.path, CHROME, OTHER_IP);
    await env.ctx.stats.flush();
    r = await report('from=2026-11-27&to=2026-11-27');
    assert.deepEqual(r.totals, { views: 6, visitors: 3 });
    const byPath = new Map(r.topPages.map((p: { path: string; visitors: number }) => [p.path, p.visitors]));
    assert.equal(byPath.get('/'), 2);
    assert.equal(byPath.get(column.path), 2);

    // The same figures once the day is closed (hashes counted and deleted).
    env.clock.set('2026-11-27T16:06:00.000Z'); // 00:06 on the 28th in Beijing
    assert.equal(await env.ctx.stats.closeFinishedDays(), 1);
    assert.equal(await env.ctx.stats.closeFinishedDays(), 0, 'closing is idempotent');
    const closed = await report('from=2026-11-27&to=2026-11-27');
    assert.deepEqual(closed.totals, r.totals);
    assert.deepEqual(closed.topPages, r.topPages);
    assert.equal((await env.ctx.db.selectFrom('stats_visitors').selectAll().execute()).length, 0);
    assert.equal(
      (await env.ctx.db.selectFrom('stats_salts').selectAll().where('day', '=', '2026-11-27').execute()).length,
      0,
      'the day’s salt is gone',
    );
  });

  test('several app nodes sharing the database: views add up, a visitor seen by both is one', async () => {
    const nodeA = env.ctx.stats;
    const nodeB = new StatsService(env.ctx.db, env.clock, env.ctx.sites);
    nodeA.recordView('localhost', '/', IP, CHROME);
    nodeB.recordView('localhost', '/', IP, CHROME);
    nodeB.recordView('localhost', '/', OTHER_IP, CHROME);
    await Promise.all([nodeA.flush(), nodeB.flush()]);
    const r = await report('from=2026-11-27&to=2026-11-27');
    assert.deepEqual(r.totals, { views: 3, visitors: 2 });
    assert.equal(
      (await env.ctx.db.selectFrom('stats_salts').selectAll().execute()).length,
      1,
      'one salt shared by the nodes',
    );
  });

  test('a failed flush keeps its counts for the next one', async () => {
    let down = true;
    const node = new StatsService(env.ctx.db, env.clock, {
      list: async () => {
        if (down) throw new Error('database down');
        return env.ctx.sites.list();
      },
    });
    node.recordView('localhost', '/', IP, CHROME);
    await assert.rejects(node.flush(), /database down/);
    node.recordView('localhost', '/', IP, CHROME);
    node.recordView('localhost', '/', OTHER_IP, CHROME);
    assert.equal(node.pendingKeys, 2);
    down = false;
    await node.flush();
    assert.equal(node.pendingKeys, 0);
    const r = await report('from=2026-11-27&to=2026-11-27');
    assert.deepEqual(r.totals, { views: 3, visitors: 2 });
  });

  test('no raw IP address or user agent is stored in any table', async () => {
    const column = await columnByName(env.ctx, '部门动态');
    await view('/');
    await view(column.path);
    await view('/', FIREFOX);
    await env.ctx.stats.flush();
    const scan = async () => {
      const tables = await env.ctx.db.introspection.getTables();
      assert.ok(tables.some((t) => t.name === 'stats_visitors'));
      for (const t of tables) {
        const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t.name)}`.execute(env.ctx.db)).rows;
        const text = JSON.stringify(rows);
        assert.ok(!text.includes(IP), `${t.name} holds the IP address`);
        assert.ok(!text.includes('StatsTestMarker'), `${t.name} holds the user agent`);
      }
    };
    await scan();
    env.clock.set('2026-11-28T00:00:00.000Z');
    await env.ctx.stats.closeFinishedDays();
    await scan();
  });

  test('days are Asia/Shanghai days; a late count for a closed day adds views but no hashes', async () => {
    env.clock.set('2026-11-27T15:59:59.000Z'); // 23:59:59 on the 27th in Beijing
    await view('/');
    env.clock.set('2026-11-27T16:00:00.000Z'); // 00:00:00 on the 28th
    await view('/');
    await env.ctx.stats.flush();
    assert.deepEqual(
      (await pageRows()).map((r) => [r.day, r.views]),
      [
        ['2026-11-27', 1],
        ['2026-11-28', 1],
      ],
    );
    const r = await report('from=2026-11-26&to=2026-11-28');
    assert.deepEqual(r.series, [
      { date: '2026-11-26', views: 0, visitors: 0 },
      { date: '2026-11-27', views: 1, visitors: 1 },
      { date: '2026-11-28', views: 1, visitors: 1 },
    ]);
    // The visitor hash is not linkable across days: the two days' hashes differ.
    const hashes = await env.ctx.db
      .selectFrom('stats_visitors')
      .select(['day', 'visitor_hash'])
      .orderBy('day')
      .execute();
    assert.equal(hashes.length, 2);
    assert.notEqual(hashes[0]!.visitor_hash, hashes[1]!.visitor_hash);

    // Not closed within the grace period after midnight …
    env.clock.set('2026-11-27T16:02:00.000Z');
    assert.equal(await env.ctx.stats.closeFinishedDays(), 0);
    // … closed after it.
    env.clock.set('2026-11-27T16:05:01.000Z');
    assert.equal(await env.ctx.stats.closeFinishedDays(), 1);
    const days = await env.ctx.db.selectFrom('stats_site_days').selectAll().orderBy('day').execute();
    assert.deepEqual(
      days.map((d) => [d.day, d.views, d.visitors, d.closed]),
      [
        ['2026-11-27', 1, 1, 1],
        ['2026-11-28', 1, 0, 0],
      ],
    );

    // A node that still held a view of the 27th flushes it late: the view counts, its visitor is dropped.
    env.clock.set('2026-11-27T15:59:59.500Z');
    const late = new StatsService(env.ctx.db, env.clock, env.ctx.sites);
    late.recordView('localhost', '/', OTHER_IP, FIREFOX);
    env.clock.set('2026-11-27T16:10:00.000Z');
    await late.flush();
    const after27 = await report('from=2026-11-27&to=2026-11-27');
    assert.deepEqual(after27.totals, { views: 2, visitors: 1 });
    assert.equal(
      (await env.ctx.db.selectFrom('stats_visitors').selectAll().where('day', '=', '2026-11-27').execute()).length,
      0,
    );
  });

  test('month granularity and the annual report (Beijing calendar year)', async () => {
    // Each node flushes every few seconds and the daily job closes the finished days.
    const at = async (time: string, ...views: [string, string?, string?][]) => {
      env.clock.set(time);
      await env.ctx.stats.closeFinishedDays();
      for (const v of views) await view(...v);
      await env.ctx.stats.flush();
    };
    await at('2025-12-31T15:30:00.000Z', ['/']); // 23:30 on 31 Dec 2025 in Beijing
    await at('2025-12-31T16:30:00.000Z', ['/'], ['/', FIREFOX]); // 00:30 on 1 Jan 2026
    await at('2026-01-02T04:00:00.000Z', ['/']);
    await at('2026-02-10T04:00:00.000Z', ['/'], ['/', CHROME, OTHER_IP]);
    await at('2026-02-11T04:00:00.000Z');
    assert.equal(
      (await env.ctx.db.selectFrom('stats_site_days').selectAll().where('closed', '=', 0).execute()).length,
      0,
    );

    const admin = await as('statsadmin');
    const y2026 = await call(env.app, admin, 'GET', `/api/sites/${siteId}/stats/annual?year=2026`);
    assert.equal(y2026.statusCode, 200, y2026.body);
    // Views 5; visitors are daily unique visitors summed: 2 (1 Jan) + 1 (2 Jan) + 2 (10 Feb).
    assert.deepEqual(y2026.json(), { year: 2026, totalViews: 5, uniqueVisitors: 5 });
    const y2025 = await call(env.app, admin, 'GET', `/api/sites/${siteId}/stats/annual?year=2025`);
    assert.deepEqual(y2025.json(), { year: 2025, totalViews: 1, uniqueVisitors: 1 });

    const months = await report('from=2025-12-01&to=2026-02-28&granularity=month');
    assert.deepEqual(months.series, [
      { date: '2025-12', views: 1, visitors: 1 },
      { date: '2026-01', views: 3, visitors: 3 },
      { date: '2026-02', views: 2, visitors: 2 },
    ]);
    assert.deepEqual(months.totals, { views: 6, visitors: 6 });
  });

  test('who may read the figures, and query validation', async () => {
    await staff(env.ctx, 'statseditor', ['editor'], undefined, siteId);
    await staff(env.ctx, 'statsinspector', ['inspector'], undefined, subsiteId);
    const editor = await as('statseditor');
    const outsider = await as('statsinspector');
    const admin = await as('statsadmin');
    const url = `/api/sites/${siteId}/stats`;
    assert.equal((await call(env.app, null, 'GET', url)).statusCode, 401);
    assert.equal((await call(env.app, editor, 'GET', url)).statusCode, 200, 'any role on the site');
    assert.equal((await call(env.app, outsider, 'GET', url)).statusCode, 403);
    assert.equal((await call(env.app, outsider, 'GET', `${url}/annual?year=2026`)).statusCode, 403);
    assert.equal(
      (await call(env.app, outsider, 'GET', `/api/sites/${subsiteId}/stats`)).statusCode,
      200,
      'a role on the subsite',
    );

    const defaults = await report('');
    assert.equal(defaults.to, '2026-11-27');
    assert.equal(defaults.from, '2026-10-29');
    assert.equal(defaults.series.length, 30);
    for (const [bad, code] of [
      ['from=2026-11-28&to=2026-11-27', 'DATE_RANGE_REVERSED'],
      ['from=2026-02-30', 'DATE_INVALID'],
      ['granularity=week', 'VALIDATION_FAILED'],
      ['from=2020-01-01&to=2026-01-01', 'DATE_RANGE_TOO_LONG'],
      ['from=x', 'VALIDATION_FAILED'],
    ]) {
      const res = await call(env.app, admin, 'GET', `${url}?${bad}`);
      assert.equal(res.statusCode, 400, bad);
      assert.equal(res.json().error.code, code, bad);
      assert.match(res.json().error.message, /[\u4e00-\u9fa5]/);
    }
    assert.equal((await call(env.app, admin, 'GET', `${url}/annual`)).statusCode, 400);
  });

  test('counters are flushed when the app closes', async (t) => {
    const local = await testEnv({ demo: true });
    t.after(() => local.close());
    await local.app.inject({ method: 'GET', url: '/', headers: { 'user-agent': CHROME }, remoteAddress: IP });
    assert.equal(local.ctx.stats.pendingKeys, 1);
    await local.app.close();
    const rows = await local.ctx.db.selectFrom('stats_page_days').select(['path', 'views']).execute();
    assert.deepEqual(rows, [{ path: '/', views: 1 }]);
  });
});
