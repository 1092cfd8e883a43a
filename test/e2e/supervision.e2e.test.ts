// 网站监管 in a real browser: a supervisor draws the quarter's plan over fixture sites served locally, runs it and
// follows its progress, publishes the results through the 附件3 review (reviewer and leader approve in their
// inboxes), the responsible department answers its rectification task, the supervisor's re-check closes it once
// the site is fixed, and the year's assessment follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserEnv, consoleLogin, screenshot, SKIP_REASON } from './browser.ts';
import { call, columnByName, login, mainSiteId, staff } from '../helpers.ts';
import { serveSite, type ServedSite } from '../fixtures/sites/serve.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.service.ts';
import * as plansRepo from '../../src/modules/supervision/plans.repository.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/platform/time.ts';

/** The year's first three quarters, spot-checked and published as recorded (their crawls are not this test's). */
async function earlierQuarters(ctx: AppContext, clock: ManualClock, siteId: number): Promise<void> {
  const now = clock.now();
  for (const quarter of [1, 2, 3]) {
    clock.set(`2026-${String(quarter * 3 - 1).padStart(2, '0')}-15T02:00:00.000Z`);
    const plan = await ctx.supervision.plans.create(SYSTEM_ACTOR, {
      siteId,
      year: 2026,
      quarter,
      fullCoverage: true,
      seed: quarter,
    });
    for (const item of plan.items) {
      const result = { verdict: '合格', totalScore: 100, deductionScore: 100, untestedPoints: 0, problems: [] };
      await plansRepo.updateItem(ctx.db, item.id, {
        status: 'done',
        attempts: 1,
        verdict: '合格',
        total_score: 100,
        result: JSON.stringify(result),
      });
    }
    await plansRepo.updatePlan(ctx.db, plan.plan.id, {
      status: 'done',
      finished_at: clock.now().toISOString(),
      results_published_at: clock.now().toISOString(),
    });
  }
  clock.set(now);
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
}

async function approveFromInbox(page: Page, title: string): Promise<void> {
  await page.getByRole('menuitem', { name: /我的待办/ }).click();
  await page.getByTestId('inbox-waiting').getByRole('link', { name: title, exact: true }).click();
  await page.getByTestId('review-page').waitFor();
  const card = page.getByTestId('decision-card');
  await card.getByLabel(/^同意/).check();
  await card.getByLabel('意见').fill('数据核对无误，同意发布');
  await page.getByTestId('decide-submit').click();
  await page.waitForURL(/\/admin\/inbox$/);
}

test('supervisor: plan, run, publish through review; department answers; re-check closes; score updates', {
  skip: SKIP_REASON,
}, async (t) => {
  const env = await browserEnv();
  const served: ServedSite[] = [];
  t.after(async () => {
    await Promise.all(served.map((s) => s.close()));
    await env.closeAll();
  });
  const { page, baseUrl, ctx, app } = env;
  const siteId = await mainSiteId(ctx);
  ctx.supervision.plans.localBase = baseUrl;
  await staff(ctx, 'jg', ['supervisor', 'editor'], '综合处');
  await staff(ctx, 'zh_reviewer', ['reviewer'], '综合处');
  await staff(ctx, 'zh_leader', ['leader'], '综合处');
  const department = await staff(ctx, 'dept', ['editor'], '组宣处');

  // the office's settings and its external sites (set up through the API; the registry page is shown below)
  const api = await login(app, 'jg');
  const notices = await columnByName(ctx, '通知公告');
  await call(app, api, 'PUT', `/api/supervision/offices/${siteId}`, {
    name: '南江市人民政府办公室',
    level: '地市级',
    stateCouncil: false,
    resultsColumnId: notices.id,
    reportsColumnId: notices.id,
  });
  const external: Record<string, number> = {};
  for (const name of ['good', 'no-jiucuo']) {
    const site = await serveSite(name);
    served.push(site);
    const res = await call(app, api, 'POST', `/api/supervision/registry?siteId=${siteId}`, {
      kind: 'website',
      name: `示例网站（${name}）`,
      url: `${site.origin}/`,
      domains: ['www.shili.gov.cn'],
      department: '示例市人民政府办公室',
      contactUserId: department.id,
      status: '运行',
    });
    external[name] = res.json().id;
  }

  await earlierQuarters(ctx, env.clock, siteId);
  const before = (await call(app, api, 'GET', `/api/supervision/assessment?siteId=${siteId}&year=2026`)).json();
  assert.equal(before.decidedAt !== 'veto', true, 'every ended quarter was spot-checked');

  // the supervisor sees the quarter's countdown, draws the plan (100%), starts it and follows its progress
  await consoleLogin(page, baseUrl, 'jg');
  await page.getByRole('menuitem', { name: /监管概览/ }).click();
  const countdown = page.getByTestId('quarter-countdown');
  await countdown.getByText('本季度尚未制定抽查计划').waitFor();
  await page.getByRole('menuitem', { name: /监管对象/ }).click();
  await page.getByRole('cell', { name: /示例网站（no-jiucuo）/ }).waitFor();
  await page.getByRole('menuitem', { name: /抽查计划/ }).click();
  const form = page.getByTestId('plan-form');
  await form.getByLabel('年度').fill('2026');
  await form.getByRole('checkbox', { name: '全部抽查（100%）' }).check();
  await form.getByLabel('随机种子').fill('2026');
  await form.getByLabel('每站页数').fill('15');
  await form.getByRole('button', { name: '抽取并创建' }).click();
  const card = page.getByTestId('plan-card');
  await card.getByText('随机种子 2026').waitFor();
  await card.getByRole('button', { name: '开始抽查' }).click();
  const progress = page.getByTestId('plan-progress-text');
  const deadline = Date.now() + 240_000;
  while (!(await card.getByRole('button', { name: '发布结果' }).isVisible())) {
    assert.ok(Date.now() < deadline, `the plan did not finish: ${await progress.textContent()}`);
    await page.waitForTimeout(500);
  }
  assert.match((await progress.textContent()) ?? '', /已完成 3 个/);
  await screenshot(page, t, 'supervision-plan-done');

  // results page → 附件3 review
  await card.getByRole('button', { name: '发布结果' }).click();
  await card.getByText('已提交发布审查').waitFor();
  const plan = await ctx.db
    .selectFrom('supervision_plans')
    .selectAll()
    .where('quarter', '=', 4)
    .executeTakeFirstOrThrow();
  const title = (
    await ctx.db
      .selectFrom('content_items')
      .select('title')
      .where('id', '=', plan.results_content_id)
      .executeTakeFirstOrThrow()
  ).title;
  await logout(page);
  for (const who of ['zh_reviewer', 'zh_leader']) {
    await consoleLogin(page, baseUrl, who);
    await approveFromInbox(page, title);
    await logout(page);
  }
  await ctx.supervision.idle();

  // the department answers its task
  await consoleLogin(page, baseUrl, 'dept');
  await page.getByRole('menuitem', { name: /整改任务/ }).click();
  const row = page
    .getByRole('row')
    .filter({ hasText: '示例网站（no-jiucuo）' })
    .filter({ hasText: '我为政府网站找错' });
  await row.getByRole('button', { name: '反馈整改情况' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('整改情况').fill('已在全站页面底部添加“我为政府网站找错”入口。');
  await dialog.getByLabel('佐证材料链接').fill('https://www.shili.gov.cn/');
  await dialog.getByRole('button', { name: '提交反馈' }).click();
  await row.getByText('已反馈待复查').waitFor();
  await screenshot(page, t, 'supervision-task-answered');
  await logout(page);

  // the site is fixed; the supervisor's re-check closes the task
  served[1].use('good');
  await consoleLogin(page, baseUrl, 'jg');
  await page.getByRole('menuitem', { name: /整改任务/ }).click();
  const task = page
    .getByRole('row')
    .filter({ hasText: '示例网站（no-jiucuo）' })
    .filter({ hasText: '我为政府网站找错' });
  await task.getByRole('button', { name: '复查' }).click();
  const taskRow = await ctx.db
    .selectFrom('supervision_rectifications')
    .select('id')
    .where('registry_id', '=', external['no-jiucuo'])
    .where('indicator_id', '=', 'deduct.report-errors')
    .executeTakeFirstOrThrow();
  assert.equal(await ctx.supervision.rectification.recheckSettled(taskRow.id), 'closed');
  await page.getByRole('button', { name: '刷新' }).click();
  await task.getByText('已整改', { exact: true }).waitFor();
  await task.getByText(/原问题均已整改/).waitFor();

  // the year's assessment: computed from these records, with its charts
  await page.getByRole('menuitem', { name: /年度考核/ }).click();
  await page.getByTestId('assessment-summary').waitFor();
  await page.getByTestId('assessment-chart').locator('svg').waitFor();
  const indicators = page.getByTestId('assessment-indicators');
  await indicators.getByRole('row', { name: /通报整改/ }).waitFor();
  await screenshot(page, t, 'supervision-assessment');
  const view = (await call(app, api, 'GET', `/api/supervision/assessment?siteId=${siteId}&year=2026`)).json();
  const rectification = view.indicators.find((i: { id: string }) => i.id === 'supervision.deduct.rectification');
  assert.equal(rectification.status, '通过', 'the published problem was rectified within two weeks');
  assert.ok(view.quarters[3].published, 'the fourth quarter’s results are published');
  // the year's inspections now tell whether the sampled sites carry the 找错 entry: less is left untested
  assert.ok(view.untestedPoints < before.untestedPoints, `${view.untestedPoints} < ${before.untestedPoints}`);
  assert.match((await page.getByTestId('assessment-summary').textContent()) ?? '', new RegExp(String(view.totalScore)));
});
