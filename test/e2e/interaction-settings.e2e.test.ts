// 留言办理设置 in a real browser: the site administrator opens the 互动交流 columns, sets the 咨询 reply target to
// two working days, is refused a 投诉 limit beyond the 5-working-day maximum (nothing saved), adds a routing rule
// (公积金 → 政务处), and the page passes axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousAxeProblems } from './axe.ts';
import { browserEnv, consoleLogin, SKIP_REASON, screenshot } from './browser.ts';
import { mainSiteId, staff } from '../helpers.ts';

test('留言办理设置: columns opened, a reply target saved, a limit beyond the rules refused, a routing rule added; axe', {
  skip: SKIP_REASON,
  timeout: 180_000,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx } = env;
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'wzgl', ['site_admin'], '综合处', siteId);

  await consoleLogin(page, baseUrl, 'wzgl');
  await page.getByRole('menuitem', { name: /留言办理设置/ }).click();
  await page.getByRole('heading', { name: '留言办理设置' }).waitFor();

  // The 互动交流 columns.
  await page.getByRole('button', { name: '开设互动交流栏目' }).click();
  await page.getByText(/栏目：.*网上留言/).waitFor();

  // 咨询: a reply within two working days.
  const target = page.getByLabel('咨询答复目标');
  await target.fill('2');
  await page.getByRole('button', { name: '保存时限' }).click();
  await page.getByText('办理时限已保存').waitFor();
  assert.equal((await ctx.interaction.settings.policy(siteId)).categories.咨询.replyTargetDays, 2);

  // 投诉 answered within 8 working days is beyond the rule (5): refused in Chinese, nothing saved.
  await page.getByLabel('投诉答复时限').fill('8');
  await page.getByRole('button', { name: '保存时限' }).click();
  await page.getByText(/办理时限设置有误/).waitFor();
  assert.ok((await ctx.interaction.settings.policy(siteId)).categories.投诉.replyLimitDays <= 5);

  // A routing rule: messages about 公积金 go to 政务处.
  await page.getByRole('button', { name: '新增规则' }).click();
  const dialog = page.getByRole('dialog', { name: '新增分办规则' });
  await dialog.getByLabel(/关键词/).fill('公积金，住房公积金');
  await dialog.getByLabel('承办部门').click();
  await page.getByTitle('政务处').click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.getByText('分办规则已保存').waitFor();
  const rules = await ctx.interaction.settings.routes(siteId);
  const added = rules.find((r) => r.keywords.includes('公积金'));
  assert.ok(added, JSON.stringify(rules));
  assert.equal(added.departmentName, '政务处');
  assert.deepEqual(added.keywords, ['公积金', '住房公积金']);
  await page.getByRole('cell', { name: '政务处' }).first().waitFor();

  await screenshot(page, t, 'interaction-settings');
  assert.deepEqual(await seriousAxeProblems(page), [], 'no serious axe violation');
});
