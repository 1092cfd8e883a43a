// The information release review of 附件3 in a real browser, clicked through the admin console.
// 综合处's editor writes a news item in 部门动态 and submits it; the department's reviewer and then its leader
// approve it from their inboxes; the item appears on the public column page with a server-set PubDate.
// A second item declared secret (是否涉密 = 是) is registered as 涉密不发布 and never reaches the public site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserEnv, SKIP_REASON, screenshot, consoleLogin } from './browser.ts';
import { staff } from '../helpers.ts';
import { shanghaiDateTime } from '../../src/platform/time.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.service.ts';

const NEWS_TITLE = '市政务办召开政务公开工作推进会';
const SECRET_TITLE = '关于电子政务外网安全防护方案的报告';

const login = consoleLogin;

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
}

/** Writes a news item in 部门动态 through the editor page and saves it; returns its id. */
async function writeNews(page: Page, title: string, body: string): Promise<number> {
  await page.getByRole('menuitem', { name: /信息发布/ }).click();
  await page.getByTestId('content-table').waitFor();
  await page.getByRole('button', { name: '新建' }).click();
  await page.locator('.rte-content').waitFor();
  await page.getByLabel('标题', { exact: true }).fill(title);
  await page.getByTestId('column-select').click();
  await page.getByTitle('/gzdt/bmdt/').click();
  await page.getByLabel('来源').fill('市政务办');
  await page.locator('.rte-content').click();
  await page.keyboard.type(body);
  await page.getByTestId('save-draft').click();
  await page.waitForURL(/\/admin\/content\/\d+$/);
  await page.getByTestId('content-status').waitFor();
  return Number(/\/content\/(\d+)$/.exec(page.url())![1]);
}

/** Opens the 附件3 form and submits with the given 是否涉密 answer. */
async function submitForReview(page: Page, secret: '是' | '否'): Promise<void> {
  await page.getByTestId('open-submit').click();
  const dialog = page.getByRole('dialog', { name: '提交信息发布审查' });
  await dialog.waitFor();
  await dialog.getByLabel(secret, { exact: true }).check();
  await dialog.getByTestId('submit-review-confirm').click();
}

/** From 我的待办, opens the request for `title` and approves it with an opinion. */
async function approveFromInbox(page: Page, title: string, opinion: string): Promise<void> {
  // Wait for the state itself (the badge with its count), not for whatever the page shows first.
  await page.locator('[data-testid="review-count-badge"][data-count="1"]').waitFor();
  await page.getByRole('menuitem', { name: /我的待办/ }).click();
  await page.getByTestId('inbox-waiting').getByRole('link', { name: title, exact: true }).click();
  await page.getByTestId('review-page').waitFor();
  const card = page.getByTestId('decision-card');
  await card.getByLabel(/^同意/).check();
  await card.getByLabel('意见').fill(opinion);
  await page.getByTestId('decide-submit').click();
  await page.waitForURL(/\/admin\/inbox$/);
  // Decided: the server no longer counts it for me (the badge goes), and the inbox no longer lists it.
  await page.getByTestId('review-count-badge').waitFor({ state: 'detached' });
  await page.getByTestId('inbox-waiting').getByText('没有等待您审查的信息').waitFor();
  assert.equal(await page.getByTestId('inbox-waiting').getByRole('link', { name: title, exact: true }).count(), 0);
}

test('信息发布审查: editor submits, reviewer and leader approve in their inboxes, the item is published; 涉密 items never are', {
  skip: SKIP_REASON,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx } = env;
  await staff(ctx, 'zh_editor', ['editor'], '综合处');
  await staff(ctx, 'zh_reviewer', ['reviewer'], '综合处');
  await staff(ctx, 'zh_leader', ['leader'], '综合处');

  // 承办人: write and submit.
  await login(page, baseUrl, 'zh_editor');
  const newsId = await writeNews(page, NEWS_TITLE, '11月27日，市政务办召开政务公开工作推进会，部署年底各项重点工作。');
  await submitForReview(page, '否');
  // The item's own state, not the passing toast (which may be gone before a slow run looks for it).
  await page.locator('[data-testid="review-state"][data-state="dept_review"]').waitFor();
  await page.getByTestId('read-only-reason').waitFor();
  const request = await ctx.db
    .selectFrom('review_requests')
    .select(['state', 'serial'])
    .where('content_id', '=', newsId)
    .executeTakeFirstOrThrow();
  assert.equal(request.state, 'dept_review');
  await screenshot(page, t, 'review-submitted');
  await logout(page);

  // 审核人 (工作机构审查), then 分管领导.
  await login(page, baseUrl, 'zh_reviewer');
  await approveFromInbox(page, NEWS_TITLE, '内容准确，不涉密，同意发布');
  await logout(page);
  await login(page, baseUrl, 'zh_leader');
  await approveFromInbox(page, NEWS_TITLE, '同意');
  await screenshot(page, t, 'review-leader-approved');

  const item = await ctx.db.selectFrom('content_items').selectAll().where('id', '=', newsId).executeTakeFirstOrThrow();
  assert.equal(item.status, 'published');
  const published = await ctx.db
    .selectFrom('published_items')
    .selectAll()
    .where('content_id', '=', newsId)
    .executeTakeFirstOrThrow();
  assert.equal(published.pub_date, env.clock.now().toISOString(), 'PubDate is the server time of the approval');

  // The editor sees it published, with the steps of the review and the link to the public page.
  await logout(page);
  await login(page, baseUrl, 'zh_editor');
  await page.goto(`${baseUrl}/admin/content/${newsId}`);
  await page.getByTestId('content-status').filter({ hasText: '已发布' }).waitFor();
  assert.equal(await page.getByTestId('public-link').getAttribute('href'), `/gzdt/bmdt/${newsId}.html`);
  await page.getByRole('tab', { name: /审查记录/ }).click();
  // allTextContents() does not wait: wait for the three steps to be rendered first.
  await page.getByTestId('review-step').nth(2).waitFor();
  const steps = await page.getByTestId('review-step').allTextContents();
  assert.equal(steps.length, 3);
  assert.match(steps[1], /工作机构或人员审查同意[\s\S]*测试zh_reviewer[\s\S]*内容准确，不涉密，同意发布/);
  assert.match(steps[2], /分管领导审批同意[\s\S]*测试zh_leader/);

  // Public site: the column page lists it; its page carries PubDate as yyyy-MM-dd HH:mm:ss (Asia/Shanghai).
  await page.goto(`${baseUrl}/gzdt/bmdt/`);
  await page.getByRole('link', { name: NEWS_TITLE }).first().click();
  await page.waitForURL(`${baseUrl}/gzdt/bmdt/${newsId}.html`);
  const pubDate = await page.locator('meta[name="PubDate"]').getAttribute('content');
  assert.match(pubDate!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  assert.equal(pubDate, shanghaiDateTime(published.pub_date));
  assert.equal(await page.locator('h1').first().textContent(), NEWS_TITLE);
  await screenshot(page, t, 'review-public-page');

  // 是否涉密 = 是: registered as 涉密不发布 at once, never published, no longer editable.
  await page.goto(`${baseUrl}/admin/`);
  await page.getByTestId('current-user').waitFor();
  const secretId = await writeNews(
    page,
    SECRET_TITLE,
    '根据等级保护要求，对电子政务外网核心设备的安全防护措施作如下调整。',
  );
  await submitForReview(page, '是');
  const notice = page.getByRole('dialog', { name: '已登记为涉密不发布' });
  await notice.getByRole('button', { name: '知道了' }).click();
  await notice.waitFor({ state: 'hidden' });
  await page.getByTestId('content-status').filter({ hasText: '涉密不发布' }).waitFor();
  assert.match((await page.getByTestId('read-only-reason').textContent())!, /涉密/);
  assert.equal(await page.getByTestId('open-submit').isDisabled(), true, 'a classified item cannot be submitted again');
  assert.equal(await page.getByTestId('save-draft').count(), 0, 'nor edited');
  await screenshot(page, t, 'review-classified');

  // The register shows it as 涉密不发布.
  await page.getByRole('menuitem', { name: /审查登记/ }).click();
  const row = page.getByTestId('register-table').locator('tr', { hasText: SECRET_TITLE });
  await row.waitFor();
  assert.match((await row.textContent())!, /涉密不发布/);

  const secret = await ctx.db
    .selectFrom('content_items')
    .select('status')
    .where('id', '=', secretId)
    .executeTakeFirstOrThrow();
  assert.equal(secret.status, 'classified');
  assert.equal(
    await ctx.db
      .selectFrom('published_items')
      .select('content_id')
      .where('content_id', '=', secretId)
      .executeTakeFirst(),
    undefined,
  );
  const publicPage = await page.request.get(`${baseUrl}/gzdt/bmdt/${secretId}.html`);
  assert.equal(publicPage.status(), 404, 'no public page for a classified item');
  const list = await (await page.request.get(`${baseUrl}/gzdt/bmdt/`)).text();
  assert.ok(!list.includes(SECRET_TITLE), 'not listed on the column page');
  // Nobody can publish it later either: the server refuses to schedule it.
  const inAnHour = new Date(env.clock.now().getTime() + 3_600_000).toISOString();
  await assert.rejects(ctx.publication.schedule(SYSTEM_ACTOR, secretId, { publishAt: inAnHour }), /涉密/);
});
