// 站内搜索: a search form must exist and work (rule 1, 4 points); 4 random published titles must each appear
// on the first results page (rule 2, 1 point each); results must be grouped by kind (rule 3, 1 point).
import * as cheerio from 'cheerio';
import type { Finding, IndicatorResult } from '../scoring.ts';
import { fetchPage, sha256Hex } from '../crawler/fetcher.ts';
import type { PageRenderer } from '../crawler/render.ts';
import { compact, extractPage } from '../crawler/extract.ts';
import { sleep } from '../crawler/pacing.ts';
import { sample } from '../crawler/random.ts';
import type { HtmlPage } from '../crawler/site.ts';
import type { SearchBoxFact, SearchFormFact } from '../crawler/types.ts';
import {
  type CheckContext,
  type ExternalCheckOptions,
  type SearchPage,
  finding,
  measured,
  pageEvidence,
  untested,
} from './context.ts';

const ID = 'deduct.site-search';
const TITLES_TESTED = 4;
const SEARCH_GAP_MS = 200;
/** Queried when the site has no titled content page: only whether search works can then be told. */
const FALLBACK_QUERY = '通知';
/** A truncated title ("关于做好2026年…") still identifies the item when this many characters remain. */
const MIN_TRUNCATED_CHARS = 8;
/** Names of kinds that search results are grouped by (tabs, filters). */
const KIND_NAMES = new Set([
  '全部',
  '新闻',
  '动态',
  '新闻动态',
  '工作动态',
  '要闻',
  '政策',
  '文件',
  '政策文件',
  '解读',
  '政策解读',
  '办事',
  '办事指南',
  '办事服务',
  '服务',
  '互动',
  '互动交流',
  '信息公开',
  '政务公开',
  '通知公告',
  '公告',
  '图片',
  '视频',
  '文档',
  '网页',
  '其他',
]);
const GROUPING_TOKEN = /tab|categor|classif|type|filter|sort|group|channel|kind|fenlei|lb/i;
const CHROME_TOKEN = /(^|[-_])(nav|menu|header|footer)([-_]|$)/i;

interface Probe {
  query: string;
  article: HtmlPage | null;
  result: SearchPage;
}

export async function checkSiteSearch(ctx: CheckContext): Promise<IndicatorResult> {
  const home = ctx.home;
  if (!home) return untested(ID, '首页无法访问或不是HTML页面，无法检测');
  const chosen = searchOf(ctx, home);
  if (typeof chosen === 'string') return untested(ID, chosen);
  if (!chosen) {
    const evidence = pageEvidence(
      home,
      '提供全站站内搜索（搜索框）',
      '首页及抓取页面中未发现搜索框（表单、搜索角色或搜索输入框）',
    );
    return measured(ID, [finding(ID, 1, '未提供全站站内搜索功能', evidence)]);
  }
  const articles = sample(titledPages(ctx), TITLES_TESTED, ctx.randomFor(ID), (p) => p.fetch.url);
  const probes = await runProbes(ctx, chosen, articles);
  const working = probes.filter((p) => isUsable(p.result));
  if (working.length === 0) {
    const undecided = probes.find((p) => p.result.undecided);
    if (undecided)
      return untested(ID, `搜索框由脚本提交，在浏览器中未能完成搜索（${undecided.result.error}），需人工核查`);
    return measured(ID, [unusableFinding(probes[0])]);
  }
  const findings: Finding[] = probes.filter((p) => p.article && !foundIn(p)).map(missedFinding);
  if (!working.some((p) => hasKindGrouping(p.result.html as string, p.result.url)))
    findings.push(ungroupedFinding(working[0]));
  return measured(ID, findings);
}

/**
 * How to search the site: the caller's probe, the site's own search form, or a box only a script submits — typed
 * into and submitted in Chromium. A string is why it cannot be told (no browser for a script-driven box).
 */
function searchOf(ctx: CheckContext, home: HtmlPage): ((q: string) => Promise<SearchPage>) | string | null {
  if (ctx.options.searchProbe) return ctx.options.searchProbe;
  const withForm = [home, ...ctx.htmlPages].find((p) => p.facts.searchForm);
  if (withForm?.facts.searchForm) return formSearch(withForm.facts.searchForm, ctx.options);
  const withBox = [home, ...ctx.htmlPages].find((p) => p.facts.searchBox);
  if (!withBox?.facts.searchBox) return null;
  if (!ctx.options.renderer)
    return `页面有搜索框（${withBox.facts.searchBox.by}）但由脚本提交，需在浏览器中检测；本次检查未使用浏览器（服务器未安装 Chromium），无法判断`;
  return browserSearch(ctx.options.renderer, withBox.fetch.finalUrl, withBox.facts.searchBox, ctx.options);
}

/**
 * A script-driven box: the first query is typed and submitted in Chromium; when the results page's address
 * carries the query, the next ones are asked for at that address directly, as a visitor's browser would.
 */
export function browserSearch(
  renderer: PageRenderer,
  pageUrl: string,
  box: SearchBoxFact,
  options: Pick<ExternalCheckOptions, 'timeoutMs' | 'signal'>,
) {
  let template: { url: URL; param: string } | null = null;
  return async (query: string): Promise<SearchPage> => {
    if (template) {
      const url = new URL(template.url);
      url.searchParams.set(template.param, query);
      return getSearch(url.href, options);
    }
    const submitted = await renderer.submitSearch(pageUrl, box, query);
    if (submitted.error) {
      return {
        url: submitted.url,
        status: null,
        html: null,
        at: submitted.at,
        sha256: null,
        error: submitted.error,
        undecided: true,
      };
    }
    template = queryTemplate(submitted.url, query);
    if (submitted.html)
      return {
        url: submitted.url,
        status: submitted.status,
        html: submitted.html,
        at: submitted.at,
        sha256: sha256Hex(submitted.html),
      };
    return getSearch(submitted.url, options);
  };
}

/** The query parameter of a results address (…?qt=关键词), when the query is in it. */
function queryTemplate(address: string, query: string): { url: URL; param: string } | null {
  try {
    const url = new URL(address);
    for (const [name, value] of url.searchParams) if (value === query) return { url, param: name };
  } catch {
    // an address the browser ended on but URL cannot read: ask through the browser again
  }
  return null;
}

async function getSearch(
  url: string,
  options: Pick<ExternalCheckOptions, 'timeoutMs' | 'signal'>,
): Promise<SearchPage> {
  const result = await fetchPage(url, {
    readBody: 'text',
    ...(options.timeoutMs && { timeoutMs: options.timeoutMs }),
    ...(options.signal && { signal: options.signal }),
  });
  return {
    url,
    status: result.status,
    html: result.text,
    at: result.startedAt,
    sha256: result.sha256,
    ...(result.error && { error: result.error.message }),
  };
}

function titledPages(ctx: CheckContext): HtmlPage[] {
  return ctx.htmlPages.filter((p) => p.facts.kind === 'content' && p.facts.meta.ArticleTitle);
}

/** One search after another, paced like the crawl. */
async function runProbes(
  ctx: CheckContext,
  search: (q: string) => Promise<SearchPage>,
  articles: HtmlPage[],
): Promise<Probe[]> {
  const plan =
    articles.length > 0
      ? articles.map((a) => ({ query: a.facts.meta.ArticleTitle, article: a }))
      : [{ query: FALLBACK_QUERY, article: null }];
  const probes: Probe[] = [];
  for (const [i, { query, article }] of plan.entries()) {
    // searches are heavier on a server than pages: one at a time, a moment apart
    if (i > 0) await sleep(Math.max(SEARCH_GAP_MS, ctx.snapshot.settings.minDelayMs), ctx.options.signal);
    probes.push({ query, article, result: await safeSearch(search, query) });
  }
  return probes;
}

async function safeSearch(search: (q: string) => Promise<SearchPage>, query: string): Promise<SearchPage> {
  try {
    return await search(query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      url: `（搜索“${query}”）`,
      status: null,
      html: null,
      at: new Date().toISOString(),
      sha256: null,
      error: message,
    };
  }
}

const isUsable = (page: SearchPage): boolean => page.status !== null && page.status < 400 && page.html !== null;

/** Submits the site's own search form (GET; a POST form is tried as GET, which most search servers accept). */
export function formSearch(form: SearchFormFact, options: Pick<ExternalCheckOptions, 'timeoutMs' | 'signal'>) {
  return async (query: string): Promise<SearchPage> => {
    const url = new URL(form.action);
    for (const [name, value] of Object.entries(form.hidden)) url.searchParams.set(name, value);
    url.searchParams.set(form.queryParam, query);
    return getSearch(url.href, options);
  };
}

/** The item is on the results page: a link to it, or a link reading its (possibly truncated) title. */
function foundIn(probe: Probe): boolean {
  const { result, article } = probe;
  if (!article || !isUsable(result)) return false;
  return resultsList(result.html as string, result.url, probe.query, [article.fetch.url, article.fetch.finalUrl]);
}

/**
 * A results page lists an item: a link (outside the footer) to one of its addresses, or reading its title —
 * possibly truncated. Also used to check that a closed site's content was migrated to its parent.
 */
export function resultsList(html: string, url: string, title: string, addresses: readonly string[] = []): boolean {
  const facts = extractPage(html, url);
  const footer = new Set(facts.footer.links.map((l) => l.url));
  const wanted = compact(title);
  return facts.links
    .filter((l) => !footer.has(l.url))
    .some((l) => addresses.includes(l.url) || titleMatches(compact(l.text), wanted));
}

function titleMatches(text: string, wanted: string): boolean {
  if (!text) return false;
  if (text.includes(wanted)) return true;
  const stem = text.replace(/(\.{2,}|…+)$/, '');
  return stem !== text && stem.length >= MIN_TRUNCATED_CHARS && wanted.startsWith(stem);
}

/**
 * Results are grouped when at least two kind names (政策文件, 办事指南, 新闻 …) appear as tabs or filters:
 * role=tab, inside a tab/category-named block, or linking back to the search page. Menus do not count.
 */
export function hasKindGrouping(html: string, searchUrl: string): boolean {
  const $ = cheerio.load(html);
  const searchPath = safePath(searchUrl);
  const kinds = new Set<string>();
  $('a, li, button, span, label, option, [role="tab"]').each((_, el) => {
    const text = compact($(el).text());
    if (!KIND_NAMES.has(text)) return;
    const ancestors = $(el).parents().toArray();
    const tokens = (node: (typeof ancestors)[number]) =>
      `${node.attribs.id ?? ''} ${node.attribs.class ?? ''}`.split(/\s+/);
    if (
      ancestors.some((a) => ['nav', 'header', 'footer'].includes(a.name) || tokens(a).some((t) => CHROME_TOKEN.test(t)))
    )
      return;
    const href = $(el).attr('href') ?? $(el).find('a[href]').attr('href');
    const isTab =
      $(el).attr('role') === 'tab' ||
      ancestors.some((a) => a.attribs.role === 'tablist' || tokens(a).some((t) => GROUPING_TOKEN.test(t))) ||
      (href !== undefined && searchPath !== null && safePath(href, searchUrl) === searchPath);
    if (isTab) kinds.add(text);
  });
  return kinds.size >= 2;
}

function safePath(href: string, base?: string): string | null {
  try {
    return new URL(href, base).pathname;
  } catch {
    return null;
  }
}

// ───────────────────────────── findings ─────────────────────────────

function resultEvidence(probe: Probe, expected: string, observed: string) {
  return {
    url: probe.result.url,
    expected,
    observed,
    at: probe.result.at,
    sha256: probe.result.sha256,
    query: probe.query,
  };
}

function unusableFinding(probe: Probe): Finding {
  const { result } = probe;
  const observed = result.error ?? (result.status === null ? '无响应' : `HTTP ${result.status}`);
  return finding(ID, 1, '站内搜索功能不可用', resultEvidence(probe, '搜索请求返回结果页面', observed));
}

function missedFinding(probe: Probe): Finding {
  const observed = isUsable(probe.result)
    ? '结果第一页未找到该信息'
    : `搜索请求失败：${probe.result.error ?? `HTTP ${probe.result.status}`}`;
  const evidence = resultEvidence(probe, `搜索结果第一页包含“${probe.query}”`, observed);
  return finding(ID, 2, `搜索“${probe.query}”在结果第一页未找到该信息`, {
    ...evidence,
    article: probe.article?.fetch.finalUrl,
  });
}

function ungroupedFinding(probe: Probe): Finding {
  const evidence = resultEvidence(
    probe,
    '搜索结果按政策文件、办事指南等分类展现',
    '结果页面未发现分类（标签页或分类筛选）',
  );
  return finding(ID, 3, '未对搜索结果进行分类展现', evidence);
}
