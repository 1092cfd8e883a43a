// The editors' daily work in a real browser: the live check panel flags a bad ID number while the editor
// types; text typed and autosaved comes back after the tab is closed; leaving with unsaved changes asks
// first; the preview shows the public page at phone width; a reviewer's own submission goes to a colleague
// and the submitter is told where it went. axe finds no violation on the editor and preview pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { settlePopups } from './axe.ts';
import { browserEnv, consoleLogin, SKIP_REASON, screenshot } from './browser.ts';
import { staff } from '../helpers.ts';

const TITLE = '市政务办开展政务服务“好差评”专项检查';
const BAD_ID = '110101199003077777';

async function axeViolations(page: Page): Promise<string[]> {
  await settlePopups(page);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // The preview's page is the public site's, checked by the portal's own tests.
    .exclude('iframe')
    .analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary}`));
}

test('编辑: live check, autosave restored after closing the tab, leaving asks, phone preview, own submission to a colleague', {
  skip: SKIP_REASON,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx, browser } = env;
  // 综合处: an editor who is also a reviewer, and a colleague reviewer.
  await staff(ctx, 'zh_both', ['editor', 'reviewer'], '综合处');
  await staff(ctx, 'zh_reviewer', ['reviewer'], '综合处');
  await staff(ctx, 'zh_leader', ['leader'], '综合处');

  await consoleLogin(page, baseUrl, 'zh_both');
  await page.getByRole('menuitem', { name: /信息发布/ }).click();
  await page.getByTestId('content-table').waitFor();
  await page.getByRole('button', { name: '新建' }).click();
  await page.locator('.rte-content').waitFor();
  await page.getByLabel('标题', { exact: true }).fill(TITLE);
  await page.getByTestId('column-select').click();
  await page.getByTitle('/gzdt/bmdt/').click();
  await page.getByLabel('来源').fill('市政务办');
  await page.locator('.rte-content').click();
  await page.keyboard.type(`检查组联系人证件号码${BAD_ID}，请各窗口配合。`);

  // Checks while writing: the panel flags the ID number with a wrong check digit, nothing is submitted.
  const panel = page.getByTestId('check-panel');
  await panel
    .getByText(/疑似身份证号/)
    .first()
    .waitFor({ timeout: 15_000 });
  assert.equal(await ctx.db.selectFrom('review_requests').select('id').executeTakeFirst(), undefined);
  assert.deepEqual(await axeViolations(page), [], 'axe on the editor page');
  await screenshot(page, t, 'editor-live-check');

  // Remove the ID number, then save a first version.
  await page.locator('.rte-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('11月20日至25日，市政务办对各服务窗口的“好差评”工作开展专项检查。');
  await page.getByTestId('save-draft').click();
  await page.waitForURL(/\/admin\/content\/\d+$/);
  const id = Number(/\/content\/(\d+)$/.exec(page.url())![1]);
  await page.getByTestId('content-status').waitFor();

  // Never lose work: type more, wait for the autosave, close the tab; reopening offers the text back.
  const autosaved = page.waitForResponse(
    (r) => r.url().endsWith(`/api/content/${id}/autosave`) && r.request().method() === 'PUT',
    { timeout: 20_000 },
  );
  await page.locator('.rte-content').click();
  await page.keyboard.press('End');
  await page.keyboard.type('检查结果将在门户网站公布。');
  await page.getByTestId('autosaved').waitFor({ timeout: 15_000 });
  assert.equal((await autosaved).status(), 200);
  const versions = await ctx.db.selectFrom('content_versions').select('id').where('content_id', '=', id).execute();
  assert.equal(versions.length, 1, 'autosaving creates no version');
  const context = page.context();
  await page.close();
  const reopened = await context.newPage();
  await reopened.goto(`${baseUrl}/admin/content/${id}`);
  const offer = reopened.getByRole('dialog', { name: '发现未保存的内容' });
  await offer.waitFor();
  await screenshot(reopened, t, 'editor-autosave-offer');
  await offer.getByRole('button', { name: '恢复' }).click();
  await reopened.locator('.rte-content', { hasText: '检查结果将在门户网站公布。' }).waitFor();

  // Leaving with unsaved changes asks first; staying keeps the text.
  await reopened.getByRole('menuitem', { name: /我的待办/ }).click();
  const ask = reopened.getByRole('dialog', { name: '有未保存的修改' });
  await ask.waitFor();
  await ask.getByRole('button', { name: '留在此页' }).click();
  await ask.waitFor({ state: 'hidden' });
  assert.match(reopened.url(), new RegExp(`/admin/content/${id}$`));
  await reopened.locator('.rte-content', { hasText: '检查结果将在门户网站公布。' }).waitFor();

  // Preview: saves the changes, opens the public page's rendering; at phone width it is 375 px wide.
  const [preview] = await Promise.all([context.waitForEvent('page'), reopened.getByTestId('open-preview').click()]);
  const frame = preview.getByTestId('preview-frame');
  await frame.waitFor();
  await preview.getByText('手机', { exact: true }).click();
  await preview.waitForFunction(
    () => (document.querySelector('[data-testid="preview-frame"]') as HTMLElement | null)?.offsetWidth === 375,
  );
  const inner = preview.frameLocator('[data-testid="preview-frame"]');
  assert.equal(await inner.locator('h1').first().textContent(), TITLE);
  await inner.getByText('检查结果将在门户网站公布。').waitFor();
  assert.equal(await inner.locator('meta[name="ArticleTitle"]').getAttribute('content'), TITLE);
  assert.deepEqual(await axeViolations(preview), [], 'axe on the preview page');
  await screenshot(preview, t, 'editor-preview-phone');
  await preview.close();

  // A typed past publication time is refused with a message, not silently dropped.
  await reopened.getByRole('button', { name: '定时发布/撤稿' }).click();
  const schedule = reopened.getByRole('dialog', { name: '定时发布 / 定时撤稿' });
  await schedule.waitFor();
  await schedule.getByTestId('schedule-publish-at').click();
  await reopened.keyboard.type('2020-01-01 10:00');
  await reopened.keyboard.press('Enter');
  await schedule.getByRole('button', { name: '保存' }).click();
  await schedule.getByText('只能选择晚于现在的时间（发布时间不能倒填）').waitFor();
  const unscheduled = await ctx.db
    .selectFrom('content_items')
    .select('publish_at')
    .where('id', '=', id)
    .executeTakeFirst();
  assert.equal(unscheduled?.publish_at, null, 'nothing was saved');
  await schedule.getByRole('button', { name: '取消' }).click();
  await schedule.waitFor({ state: 'hidden' });

  // The reviewer's own submission goes to the colleague; the submitter is told where.
  await reopened.getByTestId('content-status').waitFor();
  await reopened.getByTestId('open-submit').click();
  const dialog = reopened.getByRole('dialog', { name: '提交信息发布审查' });
  await dialog.waitFor();
  // A click while the dialog still zooms in can land beside the moving radio button.
  await settlePopups(reopened);
  await dialog.getByLabel('否', { exact: true }).check();
  await dialog.getByTestId('submit-review-confirm').click();
  await reopened
    .getByText(/已送审核人（测试zh_reviewer，任一人可办理）/)
    .first()
    .waitFor();
  await reopened.locator('[data-testid="review-state"][data-state="dept_review"]').waitFor();
  const request = await ctx.db
    .selectFrom('review_requests')
    .select(['id', 'state'])
    .where('content_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(request.state, 'dept_review', 'the reviewer level of 附件3 is not skipped');

  // The colleague has it in the inbox; the submitter does not.
  const other = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  t.after(() => other.close());
  await other.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const colleague = await other.newPage();
  await consoleLogin(colleague, baseUrl, 'zh_reviewer');
  // Keyboard only, from the dashboard to the submitted item: the dashboard lists what waits for the reviewer
  // first, so Tab reaches the item and Enter opens it. The count starts where the page puts the focus (its heading).
  let presses = 0;
  const tabTo = async (text: string) => {
    for (let i = 0; i < 60; i++) {
      presses++;
      await colleague.keyboard.press('Tab');
      const focused = await colleague.evaluate(() => {
        const el = document.activeElement;
        return el?.tagName === 'A' ? (el.textContent ?? '').trim() : '';
      });
      if (focused === text) return;
    }
    assert.fail(`Tab never reached “${text}”`);
  };
  await colleague.getByTestId('dashboard-waiting').getByRole('link', { name: TITLE, exact: true }).waitFor();
  await colleague.waitForFunction(() => document.activeElement?.tagName === 'H2');
  await screenshot(colleague, t, 'dashboard-waiting');
  await tabTo(TITLE);
  presses++;
  await colleague.keyboard.press('Enter');
  await colleague.getByTestId('review-page').waitFor();
  t.diagnostic(`keyboard only, dashboard → submitted item: ${presses} key presses`);
  assert.ok(presses <= 3, `${presses} key presses`);
  await reopened.getByRole('menuitem', { name: /我的待办/ }).click();
  await reopened.getByTestId('inbox-waiting').getByText('没有等待您审查的信息').waitFor();

  // The register fits a 1366 px screen: no column cut off, no sideways scrolling.
  await reopened.setViewportSize({ width: 1366, height: 768 });
  await reopened.getByRole('menuitem', { name: /审查登记/ }).click();
  await reopened.getByTestId('register-table').locator('tr', { hasText: TITLE }).waitFor();
  const overflow = await reopened.evaluate(() => {
    const box = document.querySelector('.register-table .ant-table-content, .register-table .ant-table-body');
    return box ? box.scrollWidth - box.clientWidth : -1;
  });
  assert.equal(overflow, 0, 'the register table is as wide as its place');
  await screenshot(reopened, t, 'editor-register-1366');

  // 没有权限 names the roles that open the page and who to ask.
  await colleague.goto(`${baseUrl}/admin/columns`);
  const refusal = colleague.getByTestId('no-access');
  await refusal.getByText(/需要系统管理员或站点管理员角色/).waitFor();
  await refusal.getByText(/请联系系统管理员/).waitFor();
  assert.deepEqual(await axeViolations(colleague), [], 'axe on the 没有权限 page');
});
