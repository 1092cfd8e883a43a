// What only a browser can tell: where the visible bottom of a page is (its footer), and what a search box that a
// script submits leads to. Debian's Chromium through playwright-core renders the HTML the crawler already
// fetched (the document is answered from it, so no page is requested twice); the site's own stylesheets and
// scripts load, images, fonts and every other host are blocked.
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { launchChromium } from '../../../platform/browser.ts';
import { parseHttpUrl } from './fetcher.ts';
import type { FooterLocator, LocatorStep, SearchBoxFact } from './types.ts';

export interface SearchSubmission {
  url: string;
  status: number | null;
  html: string | null;
  at: string;
  error?: string;
}

export interface PageRenderer {
  /** The locator of the page's visible bottom block, or why it could not be found. */
  locateFooter(url: string, html: string): Promise<FooterLocator | { reason: string }>;
  /** Types `query` into the box on `pageUrl` and submits it as a visitor would; where that led. */
  submitSearch(pageUrl: string, box: SearchBoxFact, query: string): Promise<SearchSubmission>;
  close(): Promise<void>;
}

const RENDER_TIMEOUT_MS = 10_000;
const BLOCKED_TYPES = new Set(['image', 'media', 'font', 'websocket', 'eventsource', 'manifest', 'other']);

/** A renderer for the pages of `hosts` (the crawl adds hosts as it learns them); null without Chromium. */
export async function createChromiumRenderer(hosts: () => ReadonlySet<string>): Promise<PageRenderer | null> {
  let browser: Browser | null;
  try {
    browser = await launchChromium();
  } catch {
    return null;
  }
  if (!browser) return null;
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    javaScriptEnabled: true,
  });
  return new ChromiumRenderer(browser, context, hosts);
}

class ChromiumRenderer implements PageRenderer {
  private page: Page | null = null;
  /** One page at a time: renders are few (one per template) and Chromium is shared by the whole machine. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly hosts: () => ReadonlySet<string>,
  ) {}

  private serial<T>(work: (page: Page) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.page ??= await this.context.newPage();
      return work(this.page);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private allowed(url: string): boolean {
    const host = parseHttpUrl(url)?.host;
    return host !== undefined && this.hosts().has(host);
  }

  locateFooter(url: string, html: string): Promise<FooterLocator | { reason: string }> {
    return this.serial(async (page) => {
      await page.unroute('**/*');
      await page.route('**/*', (route) => this.serveFrom(route, url, html));
      try {
        await page.goto(url, { waitUntil: 'domcontentloaded', timeout: RENDER_TIMEOUT_MS });
        await page.waitForLoadState('load', { timeout: 3_000 }).catch(() => undefined);
        const result = (await page.evaluate(LOCATE_FOOTER)) as { steps: LocatorStep[] } | { reason: string };
        return 'steps' in result ? { steps: result.steps, renderedFrom: url } : result;
      } catch (error) {
        return { reason: `页面渲染失败：${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
      }
    });
  }

  /** The page's document from the crawl; its own stylesheets and scripts from the site; nothing else. */
  private async serveFrom(route: Route, url: string, html: string): Promise<void> {
    const request = route.request();
    if (request.isNavigationRequest() && request.frame() === request.frame().page().mainFrame()) {
      if (stripHash(request.url()) === stripHash(url))
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      return route.abort();
    }
    if (BLOCKED_TYPES.has(request.resourceType()) || !this.allowed(request.url())) return route.abort();
    return route.continue();
  }

  submitSearch(pageUrl: string, box: SearchBoxFact, query: string): Promise<SearchSubmission> {
    return this.serial(async (page) => {
      await page.unroute('**/*');
      await page.route('**/*', (route) => {
        const request = route.request();
        if (BLOCKED_TYPES.has(request.resourceType()) || !this.allowed(request.url())) return route.abort();
        return route.continue();
      });
      const at = new Date().toISOString();
      try {
        await page.goto(pageUrl, { waitUntil: 'domcontentloaded', timeout: RENDER_TIMEOUT_MS });
        await page.waitForLoadState('load', { timeout: 3_000 }).catch(() => undefined);
        const field = page.locator(box.selector).first();
        await field.fill(query, { timeout: 5_000 });
        const navigation = page.waitForEvent('framenavigated', { timeout: RENDER_TIMEOUT_MS }).catch(() => null);
        const popup = page
          .context()
          .waitForEvent('page', { timeout: RENDER_TIMEOUT_MS })
          .catch(() => null);
        if (box.button) await page.locator(box.button).first().click({ timeout: 5_000 });
        else await field.press('Enter');
        const opened = await Promise.race([navigation.then(() => null), popup]);
        const target = opened ?? page;
        await target.waitForLoadState('domcontentloaded', { timeout: RENDER_TIMEOUT_MS }).catch(() => undefined);
        const url = target.url();
        if (opened) await opened.close().catch(() => undefined);
        if (stripHash(url) === stripHash(pageUrl))
          return { url, status: null, html: null, at, error: '提交后页面没有跳转' };
        return { url, status: 200, html: opened ? null : await page.content(), at };
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        return { url: pageUrl, status: null, html: null, at, error: `在浏览器中提交搜索失败：${message}` };
      }
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.browser.close().catch(() => undefined);
  }
}

const stripHash = (url: string): string => url.replace(/#.*$/, '');

// Runs in the page (a plain string, so no compiler helper leaks into it). The footer is the block holding the
// bottom-most visible thing on the page, grown outwards while it stays a band at the bottom: it stops before a
// block that is most of the page or that also holds the page's heading, main content, navigation or search.
// The state classes and record ids are dropped as on the server (areas.ts: normalClasses, stableId).
const LOCATE_FOOTER = `(() => {
  const body = document.body;
  if (!body) return { reason: '页面没有 body 元素' };
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BR', 'LINK', 'META', 'svg']);
  const viewportWidth = document.documentElement.clientWidth || 1280;
  const fixed = (el) => {
    for (let e = el; e && e !== body; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === 'fixed' || p === 'sticky') return true;
    }
    return false;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= 0 || r.left >= viewportWidth) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.05;
  };
  const shows = (el) =>
    el.tagName === 'IMG' || el.tagName === 'INPUT' ||
    [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  let bottomEl = null;
  let bottom = -Infinity;
  for (const el of body.querySelectorAll('*')) {
    if (SKIP.has(el.tagName) || !shows(el) || !visible(el)) continue;
    const b = el.getBoundingClientRect().bottom + window.scrollY;
    if (b >= bottom - 0.5 && !fixed(el)) { bottom = b; bottomEl = el; }
  }
  if (!bottomEl) return { reason: '页面渲染后没有可见内容' };
  const pageHeight = Math.max(body.scrollHeight, document.documentElement.scrollHeight);
  const landmarks = 'main, article, nav, h1, form, [role=main], [role=navigation], [role=search]';
  let root = bottomEl;
  for (let el = bottomEl.parentElement; el && el !== body; el = el.parentElement) {
    const r = el.getBoundingClientRect();
    if (r.height > Math.max(pageHeight * 0.45, 360)) break;
    if ([...el.querySelectorAll(landmarks)].some((l) => !root.contains(l) && visible(l))) break;
    root = el;
  }
  // a bare text or link element is part of a block: the footer is at least a block
  while (root.parentElement && root.parentElement !== body && getComputedStyle(root).display.startsWith('inline')) {
    root = root.parentElement;
  }
  const STATE = /^(active|on|cur|current|selected|hover|show|open)$/i;
  const classesOf = (el) => (el.getAttribute('class') || '').split(/\\s+/).filter((c) => c && !STATE.test(c)).sort().join(' ');
  const idOf = (el) => { const id = el.getAttribute('id'); return id && !/\\d{3,}/.test(id) ? id : null; };
  const steps = [];
  for (let el = root; el && el !== body; el = el.parentElement) {
    const tag = el.tagName.toLowerCase();
    const id = idOf(el);
    const classes = classesOf(el);
    const like = el.parentElement ? [...el.parentElement.children].filter(
      (s) => s.tagName === el.tagName && idOf(s) === id && classesOf(s) === classes) : [el];
    steps.push({ tag, id, classes, nth: Math.max(0, like.indexOf(el)) });
  }
  if (steps.length === 0) return { reason: '页面底部的可见内容就是整个页面，无法区分底部功能区' };
  return { steps: steps.reverse() };
})()`;
