// Browser tests drive Debian's chromium (never a downloaded browser) through playwright-core, against the
// app listening on a loopback port in this process.
import fs from 'node:fs';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/platform/browser.ts';
import { TEST_PASSWORD, testEnv, type TestEnv } from '../helpers.ts';
import type { ManualClock } from '../../src/platform/time.ts';

export const CHROMIUM = chromiumPath();
export const SKIP_REASON = CHROMIUM ? false : 'Debian chromium 未安装（apt-get install chromium），跳过浏览器测试';

export interface BrowserEnv extends TestEnv {
  browser: Browser;
  page: Page;
  baseUrl: string;
  closeAll(): Promise<void>;
}

export async function browserEnv(options: { clock?: ManualClock } = {}): Promise<BrowserEnv> {
  const env = await testEnv(options);
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  const address = env.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM!,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
  });
  // The page must never wait on the outside world (the national 找错 script, badges): block it all.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  return {
    ...env,
    browser,
    page,
    baseUrl: `http://127.0.0.1:${port}`,
    closeAll: async () => {
      await browser.close();
      await env.close();
    },
  };
}

export async function screenshot(page: Page, t: TestContext, name: string): Promise<void> {
  const dir = 'test-results';
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  t.diagnostic(`screenshot: ${dir}/${name}.png`);
}

/** Signs a staff member (whose password is already changed) into the admin console. */
export async function consoleLogin(
  page: Page,
  baseUrl: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByTestId('current-user').waitFor();
}
