// The foundation in a real browser: the administrator logs in, changes the one-time password, creates a column
// under 工作动态 and finds it in the public navigation, whose pages carry the footer identity and Site tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserEnv, SKIP_REASON, screenshot } from './browser.ts';
import { ensureInitialAccounts } from '../../src/modules/setup/setup.service.ts';
import { columnByName } from '../helpers.ts';

test('administrator: first login, forced password change, new column visible on the public site', {
  skip: SKIP_REASON,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx } = env;
  const accounts = await ensureInitialAccounts(ctx, 'First-Portal-Passw0rd!');
  const admin = accounts.find((a) => a.role === 'sys_admin')!;

  await page.goto(`${baseUrl}/admin/`);
  await page.getByLabel('用户名').fill(admin.username);
  await page.getByLabel('密码').fill(admin.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();

  await page.getByLabel('当前密码').fill(admin.password);
  await page.getByLabel('新密码', { exact: true }).fill('Changed-Portal-Passw0rd#9');
  await page.getByLabel('确认新密码').fill('Changed-Portal-Passw0rd#9');
  await page.getByRole('button', { name: '确认修改' }).click();
  await page.getByRole('menuitem', { name: /栏目管理/ }).waitFor();
  await screenshot(page, t, 'admin-after-password-change');

  await page.getByRole('menuitem', { name: /栏目管理/ }).click();
  const gzdt = await columnByName(ctx, '工作动态');
  await page.getByTestId(`column-node-${gzdt.id}`).click();
  await page.getByRole('button', { name: '新建下级栏目' }).click();
  await page.getByLabel('栏目名称').fill('专项行动');
  await page.getByLabel('访问路径').fill('zxxd');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('栏目“专项行动”已创建').waitFor();
  await screenshot(page, t, 'admin-column-created');

  const created = await columnByName(ctx, '专项行动', '工作动态');
  assert.equal(created.path, '/gzdt/zxxd/');
  // The audit log records the administrator's work with before/after.
  const audit = await ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_name'])
    .where('action', 'in', ['auth.password', 'column.create'])
    .where('actor_name', '=', 'admin')
    .execute();
  assert.deepEqual(audit.map((a) => `${a.action}:${a.actor_name}`).sort(), [
    'auth.password:admin',
    'column.create:admin',
  ]);

  // Public site: reachable from the column's parent page, with identity and tags.
  await page.goto(`${baseUrl}/gzdt/`);
  await page.getByRole('link', { name: '专项行动' }).first().click();
  await page.waitForURL(`${baseUrl}/gzdt/zxxd/`);
  const meta = (name: string) => page.locator(`meta[name="${name}"]`).getAttribute('content');
  const site = (await ctx.sites.list())[0];
  assert.equal(await meta('SiteName'), site.name);
  assert.equal(await meta('SiteDomain'), site.domains[0]);
  assert.equal(await meta('SiteIDCode'), site.siteIdCode);
  assert.equal(await meta('ColumnName'), '专项行动');
  const footer = page.locator('footer');
  for (const text of [
    `网站标识码：${site.siteIdCode}`,
    site.icpNumber,
    site.policeNumber,
    site.sponsor,
    site.phone,
    '我为政府网站找错',
  ]) {
    assert.ok((await footer.textContent())!.includes(text), `footer shows ${text}`);
  }
  assert.equal(
    await footer.getByRole('link', { name: site.icpNumber }).getAttribute('href'),
    'https://beian.miit.gov.cn/',
  );
  await screenshot(page, t, 'public-new-column');
});
