// The message board in a real browser: a citizen leaves a consultation on the public form and gets a tracking
// number; the dispatcher of 综合处 assigns it to 政务处 in the console; the department's 承办人 drafts the reply and
// submits it into the release review; the 审核人 and the 分管领导 approve it from their inboxes; the citizen reads
// the reply in the user space and rates it 满意; the public page shows 留言时间, 答复时间, 答复单位 and 答复内容.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserEnv, consoleLogin, screenshot, SKIP_REASON } from './browser.ts';
import { staff } from '../helpers.ts';
import { registerCitizen } from '../citizens.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.service.ts';

const TITLE = '企业开办能否全程网上办理';
const BODY = '您好，我准备在本市开办一家小型科技公司，请问营业执照和公章刻制能否全程在网上办理？大约需要几天？';
const REPLY =
  '您好！企业开办可通过“一网通办”平台全程网上办理，营业执照、公章刻制、发票申领一次提交，材料齐全的1个工作日内办结。';

async function logout(page: Page): Promise<void> {
  // The message drawer, if open, covers the header; it is closed with its own close button, as a user would (Escape
  // only reaches it while the focus is inside, and the button that had the focus may be gone after the action).
  const drawer = page.locator('.ant-drawer-open');
  if (await drawer.count()) {
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'detached' });
  }
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
}

async function approveFromInbox(page: Page, opinion: string): Promise<void> {
  await page.getByRole('menuitem', { name: /我的待办/ }).click();
  await page.getByTestId('inbox-waiting').getByRole('link', { name: TITLE }).first().click();
  await page.getByTestId('review-page').waitFor();
  const card = page.getByTestId('decision-card');
  await card.getByLabel(/^同意/).check();
  await card.getByLabel('意见').fill(opinion);
  await page.getByTestId('decide-submit').click();
  await page.waitForURL(/\/admin\/inbox$/);
}

test('网上留言: citizen → dispatcher → department → reviewer and leader → citizen rates', {
  skip: SKIP_REASON,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx, app } = env;
  const siteId = (await ctx.sites.list())[0]!.id;
  await ctx.interaction.settings.openBoard(SYSTEM_ACTOR, siteId);
  await staff(ctx, 'fenban', ['dispatcher'], '综合处');
  await staff(ctx, 'zw_bianji', ['editor'], '政务处');
  await staff(ctx, 'zw_shenhe', ['reviewer'], '政务处');
  await staff(ctx, 'zw_lingdao', ['leader'], '政务处');

  // The citizen, signed in, leaves a consultation on the public form.
  const citizen = await registerCitizen(app, ctx, { displayName: '王小明' });
  const [name, value] = citizen.cookie.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: baseUrl }]);
  await page.goto(`${baseUrl}/user/messages/new`);
  await page.getByLabel('咨询', { exact: true }).check();
  await page.getByLabel('标题').fill(TITLE);
  await page.getByLabel('内容', { exact: true }).fill(BODY);
  await page.getByRole('button', { name: '提交留言' }).click();
  const done = page.getByText(/留言已提交，查询编号/);
  await done.waitFor();
  const message = await ctx.db.selectFrom('messages').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.ok((await done.textContent())!.includes(message.tracking_no), 'the tracking number is shown at once');
  assert.equal(message.state, 'pending_dispatch');
  await screenshot(page, t, 'interaction-submitted');

  // The dispatcher assigns it to 政务处.
  await consoleLogin(page, baseUrl, 'fenban');
  await page.getByRole('menuitem', { name: /留言办理/ }).click();
  await page.getByTestId('messages-table').getByText(TITLE).click();
  await page.getByRole('button', { name: '分办' }).click();
  const assign = page.getByRole('dialog', { name: '分办' });
  await assign.getByLabel('承办部门').click();
  await page.getByTitle('政务处').click();
  await assign.getByRole('button', { name: '确定' }).click();
  await page.getByText('待签收').first().waitFor();
  await screenshot(page, t, 'interaction-assigned');
  await logout(page);

  // The department's 承办人 drafts the reply and submits it into the release review.
  await consoleLogin(page, baseUrl, 'zw_bianji');
  await page.getByRole('menuitem', { name: /留言办理/ }).click();
  await page.getByTestId('messages-table').getByText(TITLE).click();
  // 签收 (the 3-working-day step), then the reply. The draft template (the public excerpt) is held back until the
  // reply is typed, as on a slow line: when it arrives it fills the excerpt and leaves the typed reply alone.
  let releaseTemplate = () => {};
  const typed = new Promise<void>((resolve) => {
    releaseTemplate = resolve;
  });
  await page.route('**/draft-template', async (route) => {
    await typed;
    await route.continue();
  });
  await page.getByRole('button', { name: '签收' }).click();
  await page.getByLabel('答复内容').fill(REPLY);
  releaseTemplate();
  await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[id$="excerptTitle"]')?.value);
  assert.equal(await page.getByLabel('答复内容').inputValue(), REPLY, 'the late template kept the typed reply');
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByText('答复审核中').first().waitFor();
  await logout(page);

  // 审核人 and 分管领导 approve it like any release (附件3).
  await consoleLogin(page, baseUrl, 'zw_shenhe');
  await approveFromInbox(page, '答复准确，同意');
  await logout(page);
  await consoleLogin(page, baseUrl, 'zw_lingdao');
  await approveFromInbox(page, '同意答复');
  const replied = await ctx.db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', message.id)
    .executeTakeFirstOrThrow();
  assert.equal(replied.state, 'replied');
  assert.ok(replied.published_at, 'the reply is public (the citizen agreed)');

  // The citizen reads the reply and rates it.
  await page.goto(`${baseUrl}/user/messages/${message.id}`);
  await page.getByText(REPLY).waitFor();
  await page.getByLabel('满意', { exact: true }).check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await page
    .getByText(/评价：?满意|您的评价/)
    .first()
    .waitFor();
  const rated = await ctx.db
    .selectFrom('messages')
    .select('rating')
    .where('id', '=', message.id)
    .executeTakeFirstOrThrow();
  assert.equal(rated.rating, '满意');
  await screenshot(page, t, 'interaction-rated');

  // The public page shows the four fields.
  const url = await ctx.interaction.messages.publicUrl(replied);
  await page.goto(`${baseUrl}${url}`);
  const text = (await page.locator('main').textContent()) ?? '';
  for (const field of ['留言时间', '答复时间', '答复单位', '答复内容']) assert.ok(text.includes(field), field);
  assert.ok(text.includes('政务处'));
});
