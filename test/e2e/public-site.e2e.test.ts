// The public site in a real browser, on the demo site: a reader goes home → column → content → attachment; axe-core
// finds no serious or critical WCAG 2.1 A/AA violation on the home, a column, a content, the catalogue and
// the search page; the 长者模式 switch works and persists; and the W3C Nu checker (vnu-jar, run with the
// machine's Java) finds no error in those pages as served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { seriousAxeProblems } from './axe.ts';
import { VNU_JAR, vnuErrors } from './vnu.ts';
import { CHROMIUM_ARGS } from '../../src/platform/browser.ts';
import { publishWithAttachment } from '../../src/modules/portal/attachment-testing.ts';
import { testEnv } from '../helpers.ts';
import { CHROMIUM, SKIP_REASON, screenshot } from './browser.ts';

const JAVA = spawnSync('java', ['-version']).status === 0;

/** axe's serious and critical findings against WCAG 2.1 A and AA, as readable lines. */

/** vnu's errors for each file, as readable lines (warnings and info are not errors). */

test('reader on the demo site: navigation to an attachment, axe, 长者模式, valid HTML', {
  skip: SKIP_REASON,
  timeout: 300_000,
}, async (t) => {
  const env = await testEnv({ demoContent: true });
  const item = await publishWithAttachment(env.app, env.ctx);
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  const address = env.app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  t.after(() => env.close());
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
  // The page must never wait on the outside world (the national 找错 script, badges): block it all.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  const served = new Map<string, string>();
  const a11y: string[] = [];
  /** Opens a page (or checks the one just reached), keeps its HTML as served, runs axe on it. */
  const check = async (name: string, url?: string) => {
    const response = url ? await page.goto(`${baseUrl}${url}`) : null;
    if (response) assert.equal(response.status(), 200, `${name}: ${url}`);
    const body = response ? await response.text() : await (await page.request.get(page.url())).text();
    served.set(name, body);
    a11y.push(...(await seriousAxeProblems(page)).map((p) => `${name}: ${p}`));
  };

  // home → column → content → attachment, by clicking as a reader does.
  await page.goto(`${baseUrl}/`);
  await check('home');
  // The footer's loader has inserted the national 找错 script (blocked here, as if unreachable) in the footer.
  const site = (await env.ctx.sites.list()).find((s) => s.parentId === null)!;
  const jiucuo = page.locator('footer [data-identity="jiucuo"] script#_jiucuo_');
  await jiucuo.waitFor({ state: 'attached' });
  assert.equal(await jiucuo.getAttribute('sitecode'), site.siteIdCode);
  assert.equal(await jiucuo.getAttribute('src'), site.jiucuoScriptUrl);
  assert.equal(await jiucuo.evaluate((el) => (el as HTMLScriptElement).async), true);
  await page.locator('.news-block h3 a', { hasText: item.columnName }).click();
  await page.waitForURL(/\/gzdt\/bmdt\/$/);
  await check('column');
  await page.getByRole('link', { name: item.title }).click();
  await page.waitForURL(new RegExp(`/${item.id}\\.html$`));
  await check('content');
  assert.equal(await page.locator('h1').textContent(), item.title);
  const picture = page.getByRole('img', { name: '大厅窗口分布图' });
  assert.ok(
    await picture.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
    'inline picture loads',
  );
  const attachment = page.locator('.attachments a', { hasText: item.attachmentName });
  assert.equal(await attachment.getAttribute('href'), item.attachmentUrl);
  await screenshot(page, t, 'public-content-with-attachment');
  const [file] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === item.attachmentUrl),
    attachment.click(),
  ]);
  assert.equal(file.status(), 200);
  assert.equal(file.headers()['content-type'], 'application/pdf');
  // Chromium shows the PDF in its viewer (which wraps the body): the bytes are checked by a plain request.
  const bytes = await (await page.request.get(`${baseUrl}${item.attachmentUrl}`)).body();
  assert.ok(bytes.subarray(0, 5).equals(Buffer.from('%PDF-')), 'the attachment is the uploaded PDF');

  await check('catalogue', '/zwgk/catalog/');
  await check('search', `/search?q=${encodeURIComponent('政务服务')}`);
  assert.ok((await page.locator('main a[href$=".html"]').count()) > 0, 'search finds content pages');

  // 长者模式: on from the home page, kept on the next page (a cookie, no JavaScript needed), then off again.
  await page.goto(`${baseUrl}/`);
  await page.getByRole('link', { name: '长者模式', exact: true }).click();
  await page.waitForURL(`${baseUrl}/`);
  assert.equal(await page.locator('body').getAttribute('class'), 'care');
  await screenshot(page, t, 'public-home-care-mode');
  await check('home (长者模式)');
  await page.locator('.news-block h3 a', { hasText: item.columnName }).click();
  await page.waitForURL(/\/gzdt\/bmdt\/$/);
  assert.equal(await page.locator('body').getAttribute('class'), 'care', 'care mode persists');
  await page.getByRole('link', { name: '退出长者模式' }).click();
  await page.waitForURL(/\/gzdt\/bmdt\/$/);
  assert.equal(await page.locator('body').getAttribute('class'), null, 'care mode off');
  assert.equal(await page.getByRole('link', { name: '长者模式', exact: true }).count(), 1);

  assert.deepEqual(a11y, [], `axe found:\n${a11y.join('\n')}`);
  if (!JAVA || !fs.existsSync(VNU_JAR)) {
    t.skip('java or vnu-jar missing: HTML validation skipped');
    return;
  }
  const invalid = vnuErrors(served);
  assert.deepEqual(invalid, [], `vnu found:\n${invalid.join('\n')}`);
});
