// The public account in Chromium: a person registers without JavaScript (plain form posts, no proof of work, the
// code read from the captured SMS) and lands in the user space; with JavaScript the proof of work is solved in the
// page and announced; axe finds nothing serious and the W3C checker no error on the account pages, on a phone
// and in 长者模式.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { seriousAxeProblems } from './axe.ts';
import { VNU_JAR, vnuErrors } from './vnu.ts';
import { SKIP_REASON, browserEnv } from './browser.ts';
import { citizenOutbox } from '../citizens.ts';

const JAVA = spawnSync('java', ['-version']).status === 0;

test('registration without JavaScript, the proof of work with it, axe and vnu on the account pages', {
  skip: SKIP_REASON,
  timeout: 180_000,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { browser, baseUrl, ctx } = env;
  const box = citizenOutbox(ctx);

  // ── Without JavaScript: every form still submits. ──
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
  });
  const page = await noJs.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByRole('link', { name: '登录 / 用户空间' }).click();
  await page.waitForURL(/\/user\/login/);
  await page.getByRole('link', { name: '注册账号' }).click();
  await page.getByLabel('手机号码或电子邮箱').fill('18912345678');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByText('验证码已发送到您的手机').waitFor();
  await page.getByLabel('验证码', { exact: true }).fill(box.sms.lastCode('18912345678'));
  await page.getByLabel('密码', { exact: true }).fill('Citizen-Passw0rd!');
  await page.getByLabel('昵称（选填）').fill('刘女士');
  await page.getByLabel('我已阅读并同意《用户协议》').check();
  await page.getByLabel('我已阅读并同意《隐私政策》').check();
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.waitForURL(/\/user\/\?welcome=1$/);
  await page.getByRole('heading', { name: '用户空间', level: 1 }).waitFor();
  assert.equal(await page.getByText('189****5678').count(), 1, 'the number shown masked');
  for (const title of ['我的留言', '我的办件', '我参与的调查与征集', '我的依申请公开'])
    assert.equal(await page.getByRole('heading', { name: title }).count(), 1);
  const noJsBucket = await ctx.db
    .selectFrom('rate_limits')
    .select('bucket')
    .where('bucket', '=', 'form.register.nojs.ip')
    .execute();
  assert.equal(noJsBucket.length, 1, 'counted under the stricter no-JavaScript limit');
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(`${baseUrl}/`);
  await noJs.close();

  // ── With JavaScript: the proof of work is solved and announced, then the code is sent under the normal limit. ──
  const served = new Map<string, string>();
  const a11y: string[] = [];
  const js = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  await js.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const p = await js.newPage();
  const visit = async (name: string, url: string) => {
    const res = await p.goto(`${baseUrl}${url}`);
    served.set(name, await res!.text());
    a11y.push(...(await seriousAxeProblems(p)).map((x) => `${name}: ${x}`));
  };
  await visit('register', '/user/register');
  await p.getByText('安全验证已完成。').waitFor({ timeout: 60_000 });
  await p.getByRole('radio', { name: '电子邮箱' }).check();
  await p.getByLabel('手机号码或电子邮箱').fill('liu@example.com');
  await p.getByRole('button', { name: '获取验证码' }).click();
  await p.getByText('验证码已发送到您的邮箱').waitFor();
  const verified = await ctx.db
    .selectFrom('rate_limits')
    .select('bucket')
    .where('bucket', '=', 'form.register.ip')
    .execute();
  assert.equal(verified.length, 1, 'the solved proof of work was accepted');
  await p.getByLabel('验证码', { exact: true }).fill(box.email.lastCode('liu@example.com'));
  await p.getByLabel('密码', { exact: true }).fill('Citizen-Passw0rd!');
  await p.getByLabel('我已阅读并同意《用户协议》').check();
  await p.getByLabel('我已阅读并同意《隐私政策》').check();
  await p.getByRole('button', { name: '注册', exact: true }).click();
  await p.waitForURL(/\/user\/\?welcome=1$/);
  // The user space as served (the live DOM has the national 找错 script inserted by the loader).
  served.set('space', await (await p.request.get(`${baseUrl}/user/`)).text());
  a11y.push(...(await seriousAxeProblems(p)).map((x) => `space: ${x}`));
  await visit('password', '/user/password');
  await visit('contact', '/user/contact');
  await visit('delete', '/user/delete');
  await visit('terms', '/user/terms');
  await visit('privacy', '/user/privacy');
  await p.goto(`${baseUrl}/accessibility/toggle?back=/user/`);
  assert.equal(await p.locator('body').getAttribute('class'), 'care', '长者模式 on the user space');
  a11y.push(...(await seriousAxeProblems(p)).map((x) => `space (长者模式): ${x}`));
  await p.getByRole('button', { name: '退出登录' }).click();
  await visit('login', '/user/login');
  await visit('reset', '/user/reset');

  assert.deepEqual(a11y, [], `axe found:\n${a11y.join('\n')}`);
  if (!JAVA || !fs.existsSync(VNU_JAR)) {
    t.skip('java or vnu-jar missing: HTML validation skipped');
    return;
  }
  const invalid = vnuErrors(served);
  assert.deepEqual(invalid, [], `vnu found:\n${invalid.join('\n')}`);
});
