// Online services in a real browser, as the applicant and the window officer live them: a company finds the item
// through the site search's service card (搜索即服务) and applies online with its materials (the form works without
// JavaScript), the officer sends one complete 补正 notice from the console, the company supplements, the officer
// accepts and completes the case, the company rates it 不满意, the department registers its rectification and then
// the revisit. The published 办事统计 equals a count made by hand of what the test did, and the public pages pass
// axe and the W3C checker (the 一件事 page and form included), on a phone and in 长者模式.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousAxeProblems } from './axe.ts';
import { VNU_JAR, vnuErrors } from './vnu.ts';
import { browserEnv, consoleLogin, SKIP_REASON, screenshot } from './browser.ts';
import { call } from '../helpers.ts';
import { citizenOutbox, registerCitizen, type CitizenSession } from '../citizens.ts';
import {
  multipart,
  PDF,
  PNG,
  postForm,
  approve,
  completeGuide,
  publishedItem,
  publishPolicy,
  serviceTeam,
  uploadFile,
  type ServiceTeam,
} from '../../src/modules/services/services-testing.ts';
import type { App } from '../../src/platform/http.ts';
import { CITIZEN_COOKIE } from '../../src/modules/citizens/citizen-auth.service.ts';
import { shanghaiDate } from '../../src/platform/time.ts';

const JAVA = spawnSync('java', ['-version']).status === 0 && fs.existsSync(VNU_JAR);
const ITEM_URL = '/bsfw/item/11320100MB0000001-XK-0001.html';

/** A browser context signed in as the citizen (the session cookie the public account issued). */
async function citizenContext(
  env: Awaited<ReturnType<typeof browserEnv>>,
  citizen: CitizenSession,
  options: { javaScript: boolean; phone?: boolean },
): Promise<BrowserContext> {
  const context = await env.browser.newContext({
    javaScriptEnabled: options.javaScript,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const value = citizen.cookie.slice(`${CITIZEN_COOKIE}=`.length);
  await context.addCookies([{ name: CITIZEN_COOKIE, value, url: env.baseUrl }]);
  return context;
}

/** The row of a public statistics table, by its first cell: the figures as numbers or text. */
async function statsRow(page: Page, caption: string, label: string): Promise<string[]> {
  const row = page.locator('table.svc-stats', { has: page.locator('caption', { hasText: caption }) }).locator('tr', {
    has: page.locator('th', { hasText: label }),
  });
  return (await row.locator('td').allTextContents()).map((s) => s.trim());
}

/** A second item of the same office and a published 一件事 bundling both (its pages are checked like the others). */
async function publishedTheme(app: App, team: ServiceTeam, firstId: number, policy: number): Promise<number> {
  const base = `/api/sites/${team.siteId}/services`;
  const created = await call(app, team.editor, 'POST', `${base}/items`, {
    code: '11320100MB0000001-QT-0002',
    name: '公共资源交易数字证书办理',
    type: '公共服务',
    audiences: ['法人'],
    theme: '公共资源交易',
    events: ['参与公共资源交易'],
    keywords: ['数字证书'],
    departmentId: team.departmentId,
  });
  assert.equal(created.statusCode, 200, created.body);
  const secondId = created.json().id as number;
  const blank = await uploadFile(app, team, '数字证书申请表.pdf', PDF);
  const sample = await uploadFile(app, team, '数字证书申请表（样表）.pdf', PDF);
  const guide = completeGuide('公共资源交易数字证书办理', policy, blank, sample);
  guide.materials[0] = { ...guide.materials[0]!, name: '数字证书申请表' };
  assert.equal((await call(app, team.editor, 'PUT', `${base}/items/${secondId}/guide`, guide)).statusCode, 200);
  const sub = await call(app, team.editor, 'POST', `${base}/items/${secondId}/guide/submit`, { secret: '否' });
  assert.equal(sub.statusCode, 200, sub.body);
  await approve(app, team, sub.json().requestId);
  const theme = await call(app, team.admin, 'POST', `${base}/themes`, {
    slug: 'jyrc',
    name: '公共资源交易入场一件事',
    audience: '法人',
    description: '交易主体注册和数字证书一次申请、一并办理。',
    itemIds: [firstId, secondId],
    flow: [
      { title: '一次申请', detail: '一张表单，材料只交一次', itemIds: [] },
      { title: '并联办理', detail: '注册和发证同时办理', itemIds: [firstId, secondId] },
    ],
    keywords: ['入场交易'],
  });
  assert.equal(theme.statusCode, 200, theme.body);
  const themeId = theme.json().id as number;
  assert.equal((await call(app, team.admin, 'POST', `${base}/themes/${themeId}/publish`)).statusCode, 200);
  return themeId;
}

test('apply with uploads → 补正 → supplement → 办结 → 不满意 → 整改 and 回访; statistics equal a hand count; axe and vnu', {
  skip: SKIP_REASON,
  timeout: 420_000,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { app, ctx, baseUrl, page } = env;
  const team = await serviceTeam(app, ctx);
  const policy = await publishPolicy(app, ctx, team, '南江市公共资源交易管理办法');
  const itemId = await publishedItem(app, ctx, team, policy);
  const themeId = await publishedTheme(app, team, itemId, policy);
  const outbox = citizenOutbox(ctx);
  const company = await registerCitizen(app, ctx, { displayName: '南江某某科技有限公司' });
  const served = new Map<string, string>();
  const a11y: string[] = [];
  const check = async (p: Page, name: string) =>
    a11y.push(...(await seriousAxeProblems(p)).map((x) => `${name}: ${x}`));
  const started = Date.now();
  /** Where the test is, in its output (a slow shared machine makes a silent timeout hard to place). */
  const step = (what: string) => t.diagnostic(`${Math.round((Date.now() - started) / 1000)} s: ${what}`);
  page.setDefaultTimeout(45_000);

  step('apply');
  // ── The company, on a phone and without JavaScript, finds the item and applies with its materials. ──
  const phone = await citizenContext(env, company, { javaScript: false, phone: true });
  const c = await phone.newPage();
  c.setDefaultTimeout(45_000);
  // 搜索即服务: a keyword of the item brings its card first, with the online application on it; the guide itself
  // is under the 办事服务 tab.
  await ctx.search.idle();
  await c.goto(`${baseUrl}/search?q=${encodeURIComponent('投标注册')}`);
  const card = c.locator('.search-card').first();
  assert.equal((await card.locator('h3').textContent())?.trim(), '公共资源交易主体注册');
  served.set('search', await (await c.request.get(c.url())).text());
  await c.goto(`${baseUrl}/search?q=${encodeURIComponent('公共资源交易主体注册')}&kind=service`);
  assert.ok((await c.locator('main').textContent())?.includes('公共资源交易主体注册'), 'the guide in the 办事服务 tab');
  await c.goto(`${baseUrl}/search?q=${encodeURIComponent('投标注册')}`);
  await c.locator('.search-card').first().getByRole('link', { name: '办事指南' }).click();
  await c.waitForURL(`${baseUrl}${ITEM_URL}`);
  await c.getByRole('heading', { name: '公共资源交易主体注册', level: 1 }).waitFor();
  await c.getByRole('link', { name: '在线办理' }).click();
  await c.waitForURL(new RegExp(`/user/bsfw/apply/${itemId}$`));
  await c.goto(`${baseUrl}/search?q=${encodeURIComponent('投标注册')}`);
  await c.locator('.search-card').first().getByRole('link', { name: '在线办理' }).click();
  await c.waitForURL(new RegExp(`/user/bsfw/apply/${itemId}$`));
  served.set('apply', await (await c.request.get(c.url())).text());
  await c.getByLabel('申请人（个人姓名或单位名称）').fill('南江某某科技有限公司');
  await c.getByLabel('联系电话').fill('13912345678');
  await c.getByLabel('申请说明（可选）').fill('首次注册，申请数字证书');
  await c.getByLabel('公共资源交易主体注册申请表（必需）').setInputFiles({
    name: '注册申请表.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await c
    .getByLabel('法定代表人身份证（必需）')
    .setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: PNG });
  await c.getByRole('button', { name: '提交申请' }).click();
  await c.waitForURL(/\/user\/bsfw\/applications\/\d+/);
  const appId = Number(/applications\/(\d+)/.exec(c.url())![1]);
  const receiptNo = (await c.locator('tr', { hasText: '受理编号' }).locator('td').textContent())!.trim();
  assert.match(receiptNo, /^BJ\d{12}$/, 'a receipt number is shown at once');
  assert.equal((await c.locator('.svc-state').textContent())!.trim(), '已提交');
  await screenshot(c, t, 'services-applied-phone');

  step('console 补正');
  // ── The window officer sends one complete 补正 notice from the console. ──
  await consoleLogin(page, baseUrl, 'svc_officer');
  await page.goto(`${baseUrl}/admin/services/applications`);
  await page.getByRole('link', { name: receiptNo }).click();
  await page.getByTestId('services-application').waitFor();
  await page.getByText('公共资源交易主体注册申请表').first().waitFor();
  await page.getByRole('button', { name: '一次性告知补正' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('补正内容 1').fill('法定代表人身份证（正反面，清晰）');
  await dialog.getByRole('button', { name: '增加一项' }).click();
  await dialog.getByLabel('补正内容 2').fill('授权委托书（由代理人办理时）');
  await dialog.getByLabel('办理意见').fill('身份证照片模糊');
  await dialog.getByRole('button', { name: '确定' }).click();
  await page.locator('.ant-tag', { hasText: '需补正' }).waitFor();
  await page.getByRole('cell', { name: '已送达' }).first().waitFor();
  assert.match(outbox.sms.sent.at(-1)!.text, /1\. 法定代表人身份证（正反面，清晰）；2\. 授权委托书/);
  assert.equal(await page.getByRole('button', { name: '一次性告知补正' }).count(), 0, '补正 is told once only');

  step('supplement');
  // ── The company reads everything missing and supplements. ──
  await c.reload();
  await c.getByRole('heading', { name: '需要补正的全部内容' }).waitFor();
  assert.equal(await c.getByText('法定代表人身份证（正反面，清晰）').count(), 1);
  assert.equal(await c.getByText('授权委托书（由代理人办理时）').count(), 1);
  served.set('correction', await (await c.request.get(c.url())).text());
  await c
    .getByLabel('法定代表人身份证', { exact: true })
    .setInputFiles({ name: '身份证（清晰）.png', mimeType: 'image/png', buffer: PNG });
  await c.getByLabel('补正说明').fill('已重新扫描');
  await c.getByRole('button', { name: '提交补正' }).click();
  await c.waitForURL(/\/user\/bsfw\/applications\/\d+/);
  assert.equal((await c.locator('.svc-state').textContent())!.trim(), '已提交');

  step('受理 → 办结');
  // ── The officer accepts, handles and completes the case. ──
  await page.reload();
  await page.getByText('身份证（清晰）.png（补正）').waitFor();
  for (const [action, note] of [
    ['受理', '材料齐全，予以受理'],
    ['开始办理', '转交审核'],
  ] as const) {
    await page.getByRole('button', { name: action, exact: true }).click();
    await page.getByRole('dialog').getByLabel('办理意见').fill(note);
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  }
  await page.locator('.ant-tag', { hasText: '办理中' }).waitFor();
  await page.getByRole('button', { name: '办结', exact: true }).click();
  await page.getByRole('dialog').getByLabel('办结意见').fill('审核通过，已发放数字证书');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await page.locator('.ant-tag', { hasText: '办结' }).waitFor();
  assert.match(outbox.sms.sent.at(-1)!.text, /已办结，办理结果：准予/);
  await screenshot(page, t, 'services-console-completed');

  step('rating');
  // ── The company rates the service 不满意. ──
  await c.reload();
  assert.equal((await c.locator('.svc-state').textContent())!.trim(), '办结（准予）');
  await c.getByLabel('不满意', { exact: true }).check();
  await c.getByLabel('意见和建议（可选）').fill('补正来回耗时较长');
  await c.getByRole('button', { name: '提交评价' }).click();
  await c.getByRole('heading', { name: '我的评价' }).waitFor();
  served.set('application', await (await c.request.get(c.url())).text());
  const applicationPath = new URL(c.url()).pathname;
  await phone.close();

  step('rectification');
  // ── The 差评 opened a rectification: the department rectifies, then revisits the company. ──
  await page.goto(`${baseUrl}/admin/services/ratings`);
  const row = page.locator('tr', { hasText: receiptNo }).filter({ hasText: '整改中' });
  await row.getByRole('button', { name: '登记整改' }).click();
  await page.getByRole('dialog').locator('textarea').fill('补正材料清单改为窗口当面核对，增设预审环节');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await page.locator('tr', { hasText: receiptNo }).filter({ hasText: '已整改待回访' }).waitFor();
  await page.locator('tr', { hasText: receiptNo }).getByRole('button', { name: '登记回访' }).click();
  await page.getByRole('dialog').locator('textarea').fill('电话回访，申请人认可整改措施');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await page.locator('tr', { hasText: receiptNo }).filter({ hasText: '已回访' }).waitFor();
  const rect = await ctx.db.selectFrom('service_rectifications').selectAll().executeTakeFirstOrThrow();
  assert.equal(rect.state, 'revisited');
  assert.equal(rect.revisit_result, '满意');

  step('more cases');
  // ── Two more cases this month through the same public form: one refused, one left waiting. ──
  const other = await registerCitizen(app, ctx, { displayName: '王某' });
  const apply = async (who: CitizenSession) => {
    const form = await app.inject({
      method: 'GET',
      url: `/user/bsfw/apply/${itemId}`,
      headers: { cookie: who.cookie },
    });
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
    const posted = await postForm(
      app,
      who,
      `/user/bsfw/apply/${itemId}`,
      multipart(
        [
          ['_csrf', who.csrf],
          ['idempotencyKey', key],
          ['applicantName', '王某'],
          ['contact', '13812345678'],
        ],
        [
          { field: 'material:公共资源交易主体注册申请表', name: '申请表.pdf', bytes: PDF },
          { field: 'material:法定代表人身份证', name: '身份证.png', bytes: PNG },
        ],
      ),
    );
    assert.equal(posted.statusCode, 303, posted.body);
    return Number(/applications\/(\d+)/.exec(String(posted.headers.location))![1]);
  };
  const refused = await apply(other);
  await apply(other);
  const reject = await call(
    app,
    team.officer,
    'POST',
    `/api/sites/${team.siteId}/services/applications/${refused}/reject`,
    {
      note: '申请人不属于交易主体注册范围（《南江市公共资源交易管理办法》第九条）',
    },
  );
  assert.equal(reject.statusCode, 200, reject.body);
  assert.ok(appId > 0);

  step('statistics');
  // ── The published 办事统计 after the refresh job equals the count by hand: 3 received, 1 accepted, 1 refused,
  // 1 completed, and that one on time (accepted and completed on the same day). ──
  await ctx.services.stats.refresh(team.siteId);
  // axe runs in the page, so these contexts have JavaScript; the HTML checked by vnu is the HTML as served.
  const reader = await citizenContext(env, company, { javaScript: true });
  const r = await reader.newPage();
  r.setDefaultTimeout(45_000);
  const visit = async (name: string, url: string) => {
    const res = await r.goto(`${baseUrl}${url}`);
    assert.equal(res!.status(), 200, url);
    served.set(name, await res!.text());
    await check(r, name);
  };
  await visit('statistics', '/bsfw/tongji/');
  const today = shanghaiDate(ctx.clock.now().toISOString());
  const month = `${today.slice(0, 4)}年${Number(today.slice(5, 7))}月`;
  assert.deepEqual(await statsRow(r, '按月份统计', month), ['3', '1', '1', '1', '100%', '0']);
  assert.deepEqual(await statsRow(r, '按部门统计', '政务服务中心'), ['3', '1', '1', '1', '100%', '0']);
  assert.deepEqual(await statsRow(r, '按事项统计', '公共资源交易主体注册'), ['3', '1', '1', '1', '100%', '0']);
  assert.equal((await r.locator('svg').count()) >= 2, true, 'the charts are drawn on the server');
  await visit('ratings', '/bsfw/pingjia/');
  assert.ok((await r.content()).includes('不满意'));
  await visit('hub', '/bsfw/');
  await visit('item', ITEM_URL);
  await visit('一件事', '/bsfw/yjs/jyrc.html');
  await visit('一件事 form', `/user/bsfw/yjs/${themeId}`);
  await r.goto(`${baseUrl}/accessibility/toggle?back=${encodeURIComponent(ITEM_URL)}`);
  assert.equal(await r.locator('body').getAttribute('class'), 'care', '长者模式 on the item page');
  await check(r, 'item (长者模式)');
  await r.goto(`${baseUrl}/accessibility/toggle?back=/bsfw/tongji/`);
  await reader.close();
  const onPhone = await citizenContext(env, company, { javaScript: true, phone: true });
  const p = await onPhone.newPage();
  for (const [name, url] of [
    ['apply (phone)', `/user/bsfw/apply/${itemId}`],
    ['application (phone)', applicationPath],
    ['item (phone)', ITEM_URL],
    ['search (phone)', `/search?q=${encodeURIComponent('投标注册')}`],
    ['一件事 (phone)', '/bsfw/yjs/jyrc.html'],
    ['statistics (phone)', '/bsfw/tongji/'],
  ] as const) {
    await p.goto(`${baseUrl}${url}`);
    await check(p, name);
  }
  await onPhone.close();

  assert.deepEqual(a11y, [], `axe found:\n${a11y.join('\n')}`);
  if (!JAVA) {
    t.skip('java or vnu-jar missing: HTML validation skipped');
    return;
  }
  const invalid = vnuErrors(served);
  assert.deepEqual(invalid, [], `vnu found:\n${invalid.join('\n')}`);
});
