// Site search in a real browser, on the demo site with its content: a published title typed into the home page's
// search box is found on the first results page under the right tab and opens; an administrator's service card
// (搜索即服务) shows above the results of a search for its keyword; an administrator's synonym pair makes a search
// by one word find an item titled with the other; the search report lists what was searched; editors see none of it.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/platform/browser.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.service.ts';
import { ManualClock } from '../../src/platform/time.ts';
import { CHROMIUM, SKIP_REASON, screenshot, consoleLogin } from './browser.ts';
import { mainSiteId, staff, testEnv, type TestEnv } from '../helpers.ts';

// A policy document of the demo content; its interpretation (政策解读) carries the title too.
const POLICY_TITLE = '南江市深化工程建设项目审批制度改革实施方案';
const CARD_TITLE = '政务服务好差评';
const CARD_KEYWORD = '好差评';
// 银发 is in no demo title; 适老化 is in one.
const SYNONYM_QUERY = '银发';
const SYNONYM_TITLE = '市民服务中心为老年人提供“适老化”服务';

describe('site search in the browser (demo site)', { skip: SKIP_REASON }, () => {
  let env: TestEnv;
  let browser: Browser;
  let baseUrl: string;
  let siteId: number;

  before(async () => {
    // The demo content is dated by the real clock.
    env = await testEnv({ demoContent: true, clock: new ManualClock(new Date()) });
    // The demo was written through a context of its own; rebuild the index so this one is complete.
    await env.ctx.search.reindex();
    siteId = await mainSiteId(env.ctx);
    // The demo comes with default service cards; this suite builds its own list from nothing.
    for (const card of await env.ctx.search.listCards(siteId))
      await env.ctx.search.deleteCard(SYSTEM_ACTOR, siteId, card.id);
    await staff(env.ctx, 'searchadmin', ['site_admin']);
    await staff(env.ctx, 'searcheditor', ['editor'], '综合处');
    await env.app.listen({ host: '127.0.0.1', port: 0 });
    const address = env.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await env?.close();
  });

  /** A fresh browser context (no session) and its page; closed by the caller. */
  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1280, height: 900 },
    });
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    return { context, page: await context.newPage() };
  }

  async function withPage(t: TestContext, name: string, body: (page: Page) => Promise<void>): Promise<void> {
    const { context, page } = await newPage();
    try {
      await body(page);
    } catch (error) {
      await screenshot(page, t, `${name}-failure`).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }

  const adminLogin = (page: Page, username = 'searchadmin') => consoleLogin(page, baseUrl, username);

  /** Searches from the home page's box, as a visitor would, and waits for the results page. */
  async function searchFromHome(page: Page, query: string): Promise<void> {
    await page.goto(`${baseUrl}/`);
    const box = page.getByRole('search', { name: '站内搜索' }).getByRole('searchbox');
    await box.fill(query);
    await box.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === query);
  }

  const tabCount = (text: string | null) => Number(/（约?(\d+)）/.exec(text ?? '')?.[1] ?? NaN);

  it('a published title typed into the home page box is on the first page under its tab, with the count, and opens', async (t) => {
    await withPage(t, 'search-title', async (page) => {
      await searchFromHome(page, POLICY_TITLE);
      assert.equal(await page.locator('#search-page-q').inputValue(), POLICY_TITLE, 'the query stays in the box');
      const results = page.locator('.search-result-list');
      await results.getByRole('link', { name: POLICY_TITLE, exact: true }).waitFor();

      // The tabs: 全部 counts every result; the kinds add up to it.
      const tabs = page.getByRole('navigation', { name: '结果分类' });
      const all = tabCount(await tabs.getByRole('link', { name: /^全部/ }).textContent());
      const kinds = await tabs.getByRole('link').allTextContents();
      assert.equal(kinds.length, 8, kinds.join(' '));
      assert.equal(
        kinds.slice(1).reduce((sum, k) => sum + tabCount(k), 0),
        all,
        `tab counts add up: ${kinds.join(' ')}`,
      );
      await screenshot(page, t, 'search-title-all');

      // 政策文件: the tab with its count, the item on its first page, labelled 政策文件.
      const policyTab = tabs.getByRole('link', { name: /^政策文件/ });
      const count = tabCount(await policyTab.textContent());
      assert.ok(count >= 1, `政策文件 has a count: ${await policyTab.textContent()}`);
      await policyTab.click();
      await page.waitForURL((url) => url.searchParams.get('kind') === 'policy');
      assert.equal(await tabs.getByRole('link', { name: /^政策文件/ }).getAttribute('aria-current'), 'page');
      const items = results.locator('.search-result');
      assert.equal(await items.count(), Math.min(count, 10), 'the tab lists as many results as it counts (first page)');
      const item = items.filter({ has: page.getByRole('link', { name: POLICY_TITLE, exact: true }) });
      assert.equal(await item.locator('.search-kind').textContent(), '政策文件');
      assert.match((await item.locator('.search-doc-number').textContent()) ?? '', /南政办发〔\d{4}〕37号/);
      await screenshot(page, t, 'search-title-policy-tab');

      // It opens its content page.
      await item.getByRole('link', { name: POLICY_TITLE, exact: true }).click();
      await page.waitForURL(/\/zwgk\/jcgk\/zcfg\/\d+\.html$/);
      assert.equal(await page.locator('meta[name="ArticleTitle"]').getAttribute('content'), POLICY_TITLE);
      assert.equal((await page.getByRole('heading', { level: 1 }).textContent())?.trim(), POLICY_TITLE);
      await screenshot(page, t, 'search-title-opened');
    });
  });

  it('an administrator adds a service card; a search for its keyword shows it above the results; disabled, it is gone; cards reorder', async (t) => {
    await withPage(t, 'search-card', async (page) => {
      await adminLogin(page);
      await page.getByRole('menuitem', { name: /搜索即服务/ }).click();
      await page.getByTestId('card-table').waitFor();
      await page.getByRole('button', { name: '新建服务卡片' }).click();
      const dialog = page.getByRole('dialog', { name: '新建服务卡片' });
      await dialog.getByLabel('卡片标题').fill(CARD_TITLE);
      await dialog.getByLabel('简要说明').fill('对政务服务进行评价，查看差评整改情况。');
      const keywords = dialog.getByLabel('触发关键词');
      await keywords.click();
      await keywords.pressSequentially(CARD_KEYWORD);
      await keywords.press('Enter');
      await dialog.getByLabel('第 1 个链接的文字').fill('我要评价');
      await dialog.getByLabel('第 1 个链接的地址').fill('javascript:alert(1)');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByText('地址应以 http://、https:// 或 / 开头，且不含空格').waitFor();
      await dialog.getByLabel('第 1 个链接的地址').fill('https://zwfw.example.gov.cn/hcp/');
      await dialog.getByRole('button', { name: '添加链接' }).click();
      await dialog.getByLabel('第 2 个链接的文字').fill('相关政策');
      await dialog.getByLabel('第 2 个链接的地址').fill(`/search?q=${encodeURIComponent(CARD_KEYWORD)}&kind=policy`);
      await screenshot(page, t, 'search-card-form');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText(`已新建服务卡片“${CARD_TITLE}”`).waitFor();
      await page.getByTestId('card-table').getByText(CARD_TITLE, { exact: true }).waitFor();
      const [card] = await env.ctx.search.listCards(siteId);
      assert.deepEqual(
        { title: card!.title, keywords: card!.keywords, links: card!.links, enabled: card!.enabled },
        {
          title: CARD_TITLE,
          keywords: [CARD_KEYWORD],
          enabled: true,
          links: [
            { title: '我要评价', url: 'https://zwfw.example.gov.cn/hcp/' },
            { title: '相关政策', url: `/search?q=${encodeURIComponent(CARD_KEYWORD)}&kind=policy` },
          ],
        },
      );
      await screenshot(page, t, 'search-card-list');

      // The public search: the card with its links, above the results.
      await searchFromHome(page, CARD_KEYWORD);
      const cards = page.getByRole('region', { name: '服务直达' });
      await cards.getByRole('heading', { name: CARD_TITLE }).waitFor();
      assert.equal(
        await cards.getByRole('link', { name: '我要评价' }).getAttribute('href'),
        'https://zwfw.example.gov.cn/hcp/',
      );
      assert.ok((await page.locator('.search-result').count()) > 0, 'the keyword has results too');
      const cardsFirst = await page.evaluate(() => {
        const c = document.querySelector('.search-cards');
        const r = document.querySelector('.search-results');
        return !!c && !!r && (c.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      });
      assert.ok(cardsFirst, 'the card comes before the results');
      await screenshot(page, t, 'search-card-public');

      // Disabled in the console, the card no longer shows.
      await page.goto(`${baseUrl}/admin/search/cards`);
      await page.getByRole('switch', { name: `启用“${CARD_TITLE}”` }).click();
      await page.getByText(`已停用“${CARD_TITLE}”`).waitFor();
      assert.equal((await env.ctx.search.listCards(siteId))[0]!.enabled, false);
      await searchFromHome(page, CARD_KEYWORD);
      await page.locator('.search-result').first().waitFor();
      assert.equal(await page.getByRole('region', { name: '服务直达' }).count(), 0);

      // Order: a second card moved above the first.
      await env.ctx.search.createCard(SYSTEM_ACTOR, siteId, {
        title: '12345 热线',
        description: '',
        keywords: ['12345'],
        links: [{ title: '互动交流', url: '/gzdc/' }],
        sort: 5,
      });
      await page.goto(`${baseUrl}/admin/search/cards`);
      await page.getByRole('button', { name: '上移“12345 热线”' }).click();
      // The table shows the new order once every card's place is saved.
      await page.getByTestId('card-table').locator('tbody tr').first().filter({ hasText: '12345 热线' }).waitFor();
      assert.deepEqual(
        (await env.ctx.search.listCards(siteId)).map((c) => [c.title, c.sort]),
        [
          ['12345 热线', 0],
          [CARD_TITLE, 1],
        ],
      );
      await screenshot(page, t, 'search-card-reordered');
    });
  });

  it('an administrator adds a synonym pair; a search by one word finds an item titled with the other; the report lists the searches', async (t) => {
    await withPage(t, 'search-synonyms', async (page) => {
      await searchFromHome(page, SYNONYM_QUERY);
      await page.getByRole('heading', { name: '没有找到相关结果', exact: true }).waitFor();

      await adminLogin(page);
      await page.getByRole('menuitem', { name: /同义词/ }).click();
      await page.getByTestId('synonyms-default').waitFor();
      const before = await env.ctx.search.getSynonyms(siteId);
      assert.equal(before.isDefault, true);

      // A group the server refuses: its message is shown, on the group.
      await page.getByRole('button', { name: '添加同义词组' }).click();
      await page.getByLabel('第 1 组同义词').fill('！！、？？');
      await page.getByRole('button', { name: '保存同义词' }).click();
      const refused = page.getByTestId('synonyms-server-error');
      await refused.waitFor();
      assert.match((await refused.textContent()) ?? '', /同义词“！！”须包含文字或数字/);
      await page.getByTestId('synonym-row-error').first().waitFor();
      await screenshot(page, t, 'search-synonyms-refused');

      // One word only: the console says what is missing before asking the server.
      await page.getByLabel('第 1 组同义词').fill(SYNONYM_QUERY);
      await page.getByTestId('synonym-table').getByText('至少需要两个词').waitFor();

      await page.getByLabel('第 1 组同义词').fill(`${SYNONYM_QUERY}、适老化`);
      await page.getByRole('button', { name: '保存同义词' }).click();
      await page.getByText(`同义词已保存（${before.groups.length + 1} 组）`).waitFor();
      await page.getByTestId('synonyms-default').waitFor({ state: 'detached' });
      const saved = await env.ctx.search.getSynonyms(siteId);
      assert.equal(saved.isDefault, false);
      assert.deepEqual(saved.groups[0], [SYNONYM_QUERY, '适老化']);
      assert.deepEqual(saved.groups.slice(1), before.groups, 'the default groups are kept');
      await screenshot(page, t, 'search-synonyms-saved');

      // The public search by 银发 finds the item titled with 适老化.
      await searchFromHome(page, SYNONYM_QUERY);
      await page.locator('.search-result-list').getByRole('link', { name: SYNONYM_TITLE, exact: true }).waitFor();
      assert.match((await page.locator('.search-expanded').textContent()) ?? '', /适老化/);
      await screenshot(page, t, 'search-synonyms-public');

      // The report: 银发 found nothing once; 好差评 (the card test) and the policy title were found.
      await page.goto(`${baseUrl}/admin/search/report`);
      const zero = page.getByTestId('search-report-zero-table');
      await zero.getByRole('cell', { name: SYNONYM_QUERY, exact: true }).waitFor();
      await page
        .getByTestId('search-report-hot-table')
        .getByRole('cell', { name: SYNONYM_QUERY, exact: true })
        .waitFor();
      await page.getByTestId('search-report-hot-chart').locator('svg').waitFor();
      await page.getByTestId('search-report-zero-chart').locator('svg').waitFor();
      const report = await env.ctx.search.report(siteId, 30);
      assert.ok(report.searches >= 3 && report.zeroResultSearches >= 1, JSON.stringify(report));
      assert.match(
        (await page.getByTestId('search-report-total').textContent()) ?? '',
        new RegExp(String(report.searches)),
      );
      await screenshot(page, t, 'search-report');
    });
  });

  it('the search pages are only for site administrators: an editor has no menu entry and is refused', async (t) => {
    await withPage(t, 'search-editor', async (page) => {
      await adminLogin(page, 'searcheditor');
      await page
        .getByRole('menuitem', { name: /信息发布/ })
        .first()
        .waitFor();
      for (const name of ['同义词', '搜索即服务', '搜索报表'])
        assert.equal(await page.getByRole('menuitem', { name }).count(), 0, `${name} is not in the menu`);
      await page.goto(`${baseUrl}/admin/search/synonyms`);
      await page.getByText('没有权限').waitFor();
    });
  });
});
