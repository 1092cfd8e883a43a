// Site inspection in a real browser: an inspector starts an inspection of the demo site (one of this platform's own
// sites) in the admin console, follows its progress, opens the report with the indicators of 附件2 and exports
// it as PDF; then cancels a second run, which the console shows as 已中止.
import fs from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserEnv, SKIP_REASON, screenshot } from './browser.ts';
import { mainSiteId, staff, TEST_PASSWORD } from '../helpers.ts';
import { DEMO_STAFF_PASSWORD, seedDemoContent } from '../../src/modules/setup/demo-content.ts';
import { seedDemoCitizens } from '../../src/modules/citizens/citizens.demo.ts';
import { seedDemoInteraction } from '../../src/modules/interaction/interaction.demo.ts';
import { ManualClock } from '../../src/platform/time.ts';

test('inspector: inspects the demo site, watches progress, reads the report and exports the PDF', {
  skip: SKIP_REASON,
}, async (t) => {
  // The demo content is dated by the real clock: inspect at the real time.
  const env = await browserEnv({ clock: new ManualClock(new Date()) });
  t.after(() => env.closeAll());
  try {
    const { page, baseUrl, ctx } = env;
    const siteId = await mainSiteId(ctx);
    await seedDemoContent(ctx, siteId);
    // The demo's message board (网上留言) as `npm start` seeds it: without a consultation channel a site is vetoed
    // (互动回应差) and the report has no scores to show.
    const { demoCitizenId } = await seedDemoCitizens(ctx);
    await seedDemoInteraction(ctx, siteId, demoCitizenId, DEMO_STAFF_PASSWORD);
    await staff(ctx, 'inspector1', ['inspector']);

    await page.goto(`${baseUrl}/admin/`);
    await page.getByLabel('用户名').fill('inspector1');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('menuitem', { name: /检查任务/ }).click();

    // The own site is preselected: its URL comes from this origin, and siteId makes the internal checks run.
    const form = page.getByTestId('run-form');
    const url = form.getByRole('textbox', { name: '网址' });
    await page.waitForFunction(
      (expected) => (document.querySelector('#url') as HTMLInputElement | null)?.value === expected,
      `${baseUrl}/`,
      { timeout: 10_000 },
    );
    assert.equal(await url.inputValue(), `${baseUrl}/`);
    await form.getByLabel('最多页面数').fill('15');
    await form.getByLabel('截取证据截图').uncheck();
    await form.getByRole('button', { name: '开始检查' }).click();

    // Live progress: the stage in Chinese with the engine's message, until the run is done.
    const progress = page.getByTestId('run-progress');
    await progress.getByRole('progressbar').waitFor();
    const seen = new Set<string>();
    const reportButton = progress.getByRole('button', { name: '查看报告' });
    const deadline = Date.now() + 240_000;
    while (!(await reportButton.isVisible())) {
      assert.ok(Date.now() < deadline, `the run did not finish; progress seen: ${[...seen].join(' | ')}`);
      const text = await page
        .getByTestId('run-progress-message')
        .textContent()
        .catch(() => null);
      if (text) seen.add(text);
      if (seen.size === 2) await screenshot(page, t, 'inspection-progress');
      await page.waitForTimeout(250);
    }
    t.diagnostic(`progress: ${[...seen].join(' | ')}`);
    assert.ok(
      [...seen].some((m) => /^(排队中|抓取页面|检查链接|按指标检查|整理报告)/.test(m)),
      `a stage was shown: ${[...seen].join(' | ')}`,
    );
    await screenshot(page, t, 'inspection-done');

    const run = await ctx.db.selectFrom('inspection_runs').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(run.status, 'done', run.error ?? '');
    assert.notEqual(run.total_score, null, `the demo site is scored, not vetoed: ${run.report}`.slice(0, 2000));
    assert.equal(run.site_id, siteId);
    assert.deepEqual(JSON.parse(run.options), {
      url: `${baseUrl}/`,
      siteId,
      maxPages: 15,
      noServices: false,
      ignoreRobots: false,
      screenshots: false,
    });

    // The report: verdict with its scores, and every indicator of 附件2 grouped in panels.
    await reportButton.click();
    await page.waitForURL(`${baseUrl}/admin/inspection/runs/${run.id}`);
    const verdict = page.getByTestId('report-verdict');
    await verdict.waitFor();
    assert.match((await verdict.textContent()) ?? '', new RegExp(run.verdict!));
    assert.match((await page.getByTestId('score-total').textContent()) ?? '', new RegExp(String(run.total_score)));
    await page.getByTestId('report-untested').waitFor();
    await page.getByRole('button', { name: '全部展开' }).click();
    for (const name of ['页面标签', '网站标识', '站点无法访问', '我为政府网站找错']) {
      await page.getByRole('heading', { name, exact: true }).waitFor();
    }
    await page.getByTestId('group-chart').locator('svg').waitFor();
    await screenshot(page, t, 'inspection-report');

    // 导出 PDF downloads the report.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出 PDF' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `网站检查报告-${run.id}.pdf`);
    const pdf = fs.readFileSync((await download.path())!);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

    // 中止: a second run, cancelled while it crawls, is 已中止 in the progress card and in the list of runs.
    await page.getByRole('link', { name: '返回检查任务' }).click();
    await page.waitForFunction(
      (expected) => (document.querySelector('#url') as HTMLInputElement | null)?.value === expected,
      `${baseUrl}/`,
      { timeout: 10_000 },
    );
    await form.getByLabel('最多页面数').fill('200');
    await form.getByRole('button', { name: '开始检查' }).click();
    await progress.getByRole('progressbar').waitFor();
    await progress.getByRole('button', { name: '中止' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '中止' }).click();
    await progress.getByText('已中止', { exact: true }).first().waitFor({ timeout: 15_000 });
    await progress.getByText('本次检查没有报告，也不计入得分趋势', { exact: false }).waitFor();
    const cancelled = await ctx.db
      .selectFrom('inspection_runs')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(cancelled.status, 'cancelled');
    const row = page
      .getByTestId('runs-table')
      .getByRole('row')
      .filter({ hasText: `#${cancelled.id}` });
    await row.getByText('已中止', { exact: true }).waitFor({ timeout: 10_000 });
    await screenshot(page, t, 'inspection-cancelled');
  } catch (error) {
    await screenshot(env.page, t, 'inspection-failure').catch(() => {});
    throw error;
  }
});
