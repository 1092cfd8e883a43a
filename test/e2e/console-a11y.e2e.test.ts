// Every page of the admin console passes axe with no violation at all (not only the serious ones), on the demo
// site with its year of records, signed in as the demo role that uses the page. The list of pages is read from
// the console's route table (admin/src/main.tsx), so a page added there is checked without touching this test;
// a new route with a parameter fails here until it is given a sample record below. The sign-in page, the forced
// password change, 没有权限 and the not-found page are checked too.
import fs from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/platform/browser.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.service.ts';
import { ManualClock } from '../../src/platform/time.ts';
import type { AppContext } from '../../src/context.ts';
import { DEMO_STAFF_PASSWORD } from '../../src/modules/setup/demo-content/site-and-staff.ts';
import { settlePopups } from './axe.ts';
import { CHROMIUM, consoleLogin, SKIP_REASON } from './browser.ts';
import { mainSiteId, staff, TEST_PASSWORD, testEnv } from '../helpers.ts';

/** The console's routes, as written in its route table: the page map, the nested routes and the index. */
export function consoleRoutes(): string[] {
  const source = fs.readFileSync(new URL('../../admin/src/main.tsx', import.meta.url), 'utf8');
  const pages = [...source.matchAll(/^\s*'(\/[^']*)': </gm)].map((m) => m[1]!);
  const nested = [...source.matchAll(/<Route\s+path="([^"]+)"/g)].map((m) => `/${m[1]}`);
  return ['/', ...pages, ...nested];
}

/** Demo accounts in the order they are tried for a page: the first whose menu offers the page visits it. */
const ACCOUNTS: { username: string; password: string }[] = [
  ...[
    'zh_bianji',
    'zh_shenhe',
    'zh_lingdao',
    'baomi',
    'zhandian',
    'jiancha',
    'jianguan',
    'zh_fenban',
    'zwfw_banjian',
  ].map((username) => ({ username, password: DEMO_STAFF_PASSWORD })),
  // The separated administrators (三员) are not demo accounts: the installation creates them.
  ...['a11y_sys', 'a11y_sec', 'a11y_audit'].map((username) => ({ username, password: TEST_PASSWORD })),
];

interface Sample {
  path: string;
  /** Who opens it (default: the first account whose menu offers the parent page). */
  username?: string;
}

async function departmentId(ctx: AppContext, name: string): Promise<number> {
  const row = await ctx.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return row.id;
}

/** A real record for each route with a parameter, opened by someone entitled to it. */
const SAMPLES: Record<string, (ctx: AppContext) => Promise<Sample>> = {
  '/inspection/runs/:id': async (ctx) => {
    const run = await ctx.db
      .selectFrom('inspection_runs')
      .select('id')
      .where('status', '=', 'done')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { path: `/inspection/runs/${run.id}`, username: 'jiancha' };
  },
  '/inbox/:requestId': async (ctx) => {
    const request = await ctx.db
      .selectFrom('review_requests')
      .select('id')
      .where('department_id', '=', await departmentId(ctx, '综合处'))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { path: `/inbox/${request.id}`, username: 'zh_shenhe' };
  },
  '/content/:id': async (ctx) => ({ path: `/content/${await departmentItem(ctx)}`, username: 'zh_bianji' }),
  '/preview/:id': async (ctx) => ({ path: `/preview/${await departmentItem(ctx)}`, username: 'zh_bianji' }),
  '/services/items/:itemId': async (ctx) => {
    const item = await ctx.db.selectFrom('service_items').select('id').orderBy('id').executeTakeFirstOrThrow();
    return { path: `/services/items/${item.id}`, username: 'zhandian' };
  },
  '/services/applications/:applicationId': async (ctx) => {
    const application = await ctx.db
      .selectFrom('service_applications')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return { path: `/services/applications/${application.id}`, username: 'zhandian' };
  },
  '/datasets/:id': async (ctx) => {
    const dataset = await ctx.db.selectFrom('datasets').select('id').orderBy('id').executeTakeFirstOrThrow();
    return { path: `/datasets/${dataset.id}`, username: 'zhandian' };
  },
  '/*': async () => ({ path: '/no-such-page', username: 'zh_bianji' }),
};

async function departmentItem(ctx: AppContext): Promise<number> {
  const item = await ctx.db
    .selectFrom('content_items')
    .select('id')
    .where('department_id', '=', await departmentId(ctx, '综合处'))
    .where('status', '=', 'published')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return item.id;
}

/** Waits until the page has loaded its data: no spinner, no skeleton, the network quiet. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, {
    timeout: 20_000,
  });
  // Let antd's enter animations and the heading focus finish.
  await page.waitForTimeout(400);
}

async function violations(page: Page): Promise<string[]> {
  // Every rule axe runs by default (WCAG 2.0/2.1 A and AA, and its best practices), whatever the impact.
  await settlePopups(page);
  const result = await new AxeBuilder({ page })
    // The preview shows the public page, which the portal's own tests check with axe and vnu.
    .exclude('iframe')
    .analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`),
  );
}

test('axe on every page of the admin console: no violation', { skip: SKIP_REASON }, async (t) => {
  // The demo content is dated by the real clock.
  const env = await testEnv({ demoContent: true, clock: new ManualClock(new Date()) });
  t.after(() => env.close());
  const { ctx, app } = env;
  await staff(ctx, 'a11y_sys', ['sys_admin']);
  await staff(ctx, 'a11y_sec', ['sec_admin']);
  await staff(ctx, 'a11y_audit', ['audit_admin']);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // The demo has no inspection report: a small run of the demo site gives the report page something to show.
  const runId = await ctx.inspection.create(SYSTEM_ACTOR, {
    url: `${baseUrl}/`,
    siteId: await mainSiteId(ctx),
    maxPages: 2,
    screenshots: false,
  });
  const started = Date.now();
  await ctx.inspection.execute(runId);
  t.diagnostic(`inspection run: ${Date.now() - started} ms`);
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
  t.after(() => browser.close());

  const routes = consoleRoutes();
  const samples = new Map<string, Sample>();
  for (const route of routes) {
    const resolve = SAMPLES[route];
    if (resolve) samples.set(route, await resolve(ctx));
    else assert.ok(!route.includes(':'), `route ${route} has a parameter: give it a sample record in this test`);
  }
  const found: Record<string, string[]> = {};
  const visited = new Set<string>();

  const newPage = async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1366, height: 900 },
    });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    return { context, page: await context.newPage() };
  };
  const check = async (page: Page, label: string, url: string) => {
    const at = Date.now();
    if (url) await page.goto(`${baseUrl}/admin${url}`);
    await page.locator('#main-content, form').first().waitFor();
    await settled(page);
    const list = await violations(page);
    if (list.length > 0) found[label] = list;
    t.diagnostic(`${label}: ${list.length} violations, ${Date.now() - at} ms`);
  };

  // Before signing in: the sign-in page; then the forced password change of a new account.
  {
    const { context, page } = await newPage();
    await page.goto(`${baseUrl}/admin/`);
    await page.getByLabel('用户名').waitFor();
    await check(page, '登录', '');
    await ctx.users.create(
      SYSTEM_ACTOR,
      { username: 'a11y_new', displayName: '新用户', departmentId: null, email: null, roles: [] },
      { byOperator: true, password: TEST_PASSWORD },
    );
    await page.getByLabel('用户名').fill('a11y_new');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByLabel('确认新密码').waitFor();
    await check(page, '强制修改密码', '');
    await context.close();
  }

  for (const account of ACCOUNTS) {
    const { context, page } = await newPage();
    await consoleLogin(page, baseUrl, account.username, account.password);
    const menu = await page
      .locator('nav[aria-label="主菜单"] a[href]')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname.replace(/^\/admin/, '') || '/'));
    // The dashboard differs by role: checked for everyone.
    await check(page, `/ (${account.username})`, '/');
    visited.add('/');
    for (const route of routes) {
      if (visited.has(route)) continue;
      const sample = samples.get(route);
      const mine = sample?.username
        ? sample.username === account.username
        : menu.includes(route) || menu.some((m) => m !== '/' && route.startsWith(`${m}/`));
      if (!mine) continue;
      visited.add(route);
      await check(page, `${route} (${account.username})`, sample?.path ?? route);
    }
    // 没有权限: a page that is not the account's.
    if (account.username === 'zh_bianji') await check(page, '没有权限 (zh_bianji)', '/users');
    await context.close();
  }

  fs.mkdirSync('test-results', { recursive: true });
  fs.writeFileSync('test-results/console-a11y.json', JSON.stringify(found, null, 2));
  const unvisited = routes.filter((r) => !visited.has(r));
  assert.deepEqual(unvisited, [], 'every route of the console is opened by some demo role');
  t.diagnostic(`${routes.length} routes checked`);
  assert.deepEqual(found, {}, 'axe violations');
});
