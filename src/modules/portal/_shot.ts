import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { testEnv } from '../../../test/helpers.ts';
const env = await testEnv();
await env.app.listen({ port: 0, host: '127.0.0.1' });
const addr = env.app.server.address() as { port: number };
const base = `http://127.0.0.1:${addr.port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [name, url, width, care] of [['home', '/', 1280, false], ['home-care', '/', 1280, true], ['column', '/zwgk/jcgk/', 1280, false], ['nf', '/nope', 1280, false], ['search', '/search?q=abc', 390, false], ['sitemap', '/sitemap/', 1280, true]] as const) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: name !== 'search' });
  if (care) await context.addCookies([{ name: 'gp_care', value: '1', url: base }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.route(/zfwzgl\.www\.gov\.cn/, (r) => r.abort());
  await page.goto(base + url);
  await page.screenshot({ path: `/tmp/vnu/${name}.png`, fullPage: true });
  fs.writeFileSync(`/tmp/vnu/${name}.html`, await page.content());
  const axe = await new AxeBuilder({ page }).analyze();
  console.log(name, 'axe:', axe.violations.map((v) => `${v.id}(${v.nodes.length}): ${v.nodes[0]?.target}`), 'errors:', errors);
  await context.close();
}
// the care toggle through the browser, no JS
const context = await browser.newContext({ javaScriptEnabled: false });
const page = await context.newPage();
await page.goto(base + '/gzdt/bmdt/');
await page.click('a.care-toggle');
console.log('after toggle:', page.url(), await page.getAttribute('body', 'class'));
await page.fill('#header-search-q', '社保');
await page.press('#header-search-q', 'Enter');
console.log('search:', page.url(), await page.textContent('.search-results'));
await browser.close();
await env.close();
