// The participation and disclosure console in a real browser: an editor of the 政府信息公开 office signs in, opens
// 依申请公开 from the 参与与公开 menu, sees a letter application with its statutory due day, opens it, reads the
// timeline, starts a third-party consultation (the clock pauses), registers its reply and answers 予以公开 from the
// generated draft; the pages pass axe; a survey is built in the questionnaire editor; the other pages open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { browserEnv, consoleLogin, SKIP_REASON, screenshot } from './browser.ts';
import { call, login, mainSiteId, staff } from '../helpers.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency.ts';

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}

const DESCRIPTION = '2025年度本市老旧小区改造项目清单及资金安排情况';

test('依申请公开 in the console: the clock in the list, consultation pauses it, answer from the draft; a survey is built; axe', {
  skip: SKIP_REASON,
  timeout: 240_000,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx, app } = env;
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'gongkai', ['editor'], '综合处', siteId);

  // A letter registered by the office: the same fields the applicant states, received yesterday.
  const registered = await call(
    app,
    await login(app, 'gongkai'),
    'POST',
    `/api/disclosure/applications?siteId=${siteId}`,
    {
      applicantType: 'person',
      name: '李晓华',
      idType: 'id_card',
      idNumber: '11010519491231002X',
      phone: '13912345678',
      description: DESCRIPTION,
      deliveryForm: 'electronic',
      deliveryMethod: 'email',
      email: 'li@example.com',
      channel: 'letter',
      receivedAt: new Date(env.clock.now().getTime() - 86_400_000).toISOString(),
      idempotencyKey: newIdempotencyKey(),
    },
  );
  assert.equal(registered.statusCode, 200, registered.body);
  const { serial } = registered.json() as { serial: string };

  await consoleLogin(page, baseUrl, 'gongkai');
  await page.getByRole('menuitem', { name: /依申请公开/ }).click();
  await page.getByRole('heading', { name: '依申请公开' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: serial });
  await row.waitFor();
  assert.match((await row.textContent())!, /前（剩 \d+ 个工作日）/, 'the due day and working days left are shown');
  const a11y = (await axeProblems(page)).map((x) => `list: ${x}`);
  await screenshot(page, t, 'participation-disclosure-list');

  // A letter registered in the console opens in the drawer with its own clock.
  await page.getByRole('button', { name: '登记申请' }).click();
  const register = page.getByRole('dialog', { name: '登记信函、传真或当面提交的申请' });
  const received = register.getByLabel('收到时间（签收或提交之时）');
  await received.click();
  await received.fill('2026-11-25 10:00');
  await received.press('Enter');
  await register.getByLabel('姓名或单位名称').fill('周建国');
  await register.getByLabel('证件号码').fill('11010519491231002X');
  await register.getByLabel('联系电话').fill('13800001111');
  await register.getByLabel(/所需信息的名称/).fill('本市2025年度公共租赁住房分配名单');
  await register.getByRole('button', { name: '登记' }).click();
  await register.getByText('以邮寄方式获取须填写通信地址').waitFor();
  await register.getByLabel('通信地址').fill('南江市建设路 18 号');
  await register.getByRole('button', { name: '登记' }).click();
  const letterDrawer = page.locator('.ant-drawer-open');
  await letterDrawer.getByText('本市2025年度公共租赁住房分配名单').waitFor();
  await letterDrawer.getByText('2026-11-25 10:00').waitFor();
  await letterDrawer.locator('.ant-drawer-close').click();
  await letterDrawer.waitFor({ state: 'detached' }).catch(() => {});
  await page.locator('.ant-table-row').filter({ hasText: '周建国' }).waitFor();

  await row.getByRole('button', { name: serial }).click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByText('办理过程').waitFor();
  await drawer.getByText(DESCRIPTION).waitFor();
  assert.match((await drawer.textContent())!, /下一步/);
  await drawer.getByRole('button', { name: '征求第三方意见' }).click();
  const dialog = page.getByRole('dialog', { name: '书面征求第三方意见' });
  await dialog.getByLabel('征求意见的第三方或其他机关').fill('市住房和城乡建设局');
  await dialog.getByRole('button', { name: '确定' }).click();
  await drawer.getByText(/征求 市住房和城乡建设局 意见/).waitFor();
  await drawer
    .getByText(/暂停计时/)
    .first()
    .waitFor();
  // The dialog fades out: check the drawer once it is gone.
  await page.locator('#party').waitFor({ state: 'detached' });
  a11y.push(...(await axeProblems(page)).map((x) => `drawer: ${x}`));
  await screenshot(page, t, 'participation-disclosure-drawer');

  // The third party's reply is registered; then the answer, drafted from the chosen disposition.
  await drawer.getByRole('button', { name: '登记 市住房和城乡建设局 的意见' }).click();
  const reply = page.getByRole('dialog', { name: '登记第三方意见' });
  await reply.getByLabel(/第三方意见/).fill('同意公开。');
  await reply.getByRole('button', { name: '确定' }).click();
  await drawer.getByText(/答复：同意公开。/).waitFor();
  await drawer.getByRole('button', { name: '答复', exact: true }).click();
  const answer = page.getByRole('dialog', { name: '答复' });
  await answer.getByLabel('办理结果').click();
  await page.getByTitle('予以公开', { exact: true }).click();
  await answer.getByRole('button', { name: '按办理结果生成答复书草稿' }).click();
  await page.waitForFunction(() => (document.querySelector('textarea#replyText') as HTMLTextAreaElement | null)?.value);
  assert.match(await answer.getByLabel('答复书正文').inputValue(), /李晓华/, 'the draft names the applicant');
  await answer.getByRole('button', { name: '确定' }).click();
  await drawer.getByText(/已答复（用时 \d+ 个工作日）/).waitFor();
  const row2 = await ctx.db
    .selectFrom('disclosure_applications')
    .select(['status', 'disposition'])
    .executeTakeFirstOrThrow();
  assert.deepEqual({ ...row2 }, { status: 'answered', disposition: 'public' });
  await drawer.locator('.ant-drawer-close').click();
  await drawer.waitFor({ state: 'detached' }).catch(() => {});

  // The rest of the group opens (the editor may manage participation).
  // A survey built in the questionnaire editor: a single-choice and a free-text question.
  await page.getByRole('menuitem', { name: /公众调查/ }).click();
  await page.getByRole('button', { name: '新建调查' }).click();
  const editor = page.locator('.ant-drawer-open');
  await editor.getByLabel('调查标题').fill('政务服务中心窗口满意度调查');
  await editor.getByLabel('调查说明').fill('请对窗口服务作出评价。');
  await editor.getByPlaceholder('开始日期').click();
  await page.keyboard.type('2026-12-01 09:00');
  await page.keyboard.press('Enter');
  await page.keyboard.type('2026-12-31 18:00');
  await page.keyboard.press('Enter');
  await editor.getByLabel('题目').first().fill('您对窗口服务是否满意？');
  await editor.getByLabel('选项（每行一个）').fill('满意\n基本满意\n不满意');
  await editor.getByRole('button', { name: '添加题目' }).click();
  await editor.getByLabel('题型').nth(1).click();
  await page.getByTitle('填空题').click();
  await editor.getByLabel('题目').nth(1).fill('您的意见和建议');
  await editor.getByRole('button', { name: '保存' }).click();
  await page.getByRole('row').filter({ hasText: '政务服务中心窗口满意度调查' }).getByText('草稿').waitFor();
  const survey = await ctx.db.selectFrom('surveys').selectAll().executeTakeFirstOrThrow();
  assert.equal(survey.title, '政务服务中心窗口满意度调查');
  await screenshot(page, t, 'participation-surveys');

  for (const [menu, heading] of [
    ['意见征集', '意见征集'],
    ['年度报表', '年度报告与年度报表'],
    ['建议提案', '建议提案'],
  ] as const) {
    await page.getByRole('menuitem', { name: new RegExp(menu) }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  }
  assert.deepEqual(a11y, [], 'no serious axe violation');
});
