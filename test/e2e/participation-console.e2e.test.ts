// The participation and disclosure console in a real browser: an editor of the 政府信息公开 office signs in, opens
// 依申请公开 from the 参与与公开 menu, sees a letter application with its statutory due day, opens it, reads the
// timeline, starts a third-party consultation (the clock pauses), and the pages pass axe; the other pages of the
// group open without errors.
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

test('依申请公开 in the console: list with the clock, one application, a consultation pauses the clock; axe', {
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
  a11y.push(...(await axeProblems(page)).map((x) => `drawer: ${x}`));
  await screenshot(page, t, 'participation-disclosure-drawer');
  await page.keyboard.press('Escape');

  // The rest of the group opens (the editor may manage participation).
  for (const [menu, heading] of [
    ['公众调查', '公众调查'],
    ['意见征集', '意见征集'],
    ['年度报表', '年度报告与年度报表'],
    ['建议提案', '建议提案'],
  ] as const) {
    await page.getByRole('menuitem', { name: new RegExp(menu) }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  }
  assert.deepEqual(a11y, [], 'no serious axe violation');
});
