// HTML → PageFacts: what an inspector reads off one page (tags, header and footer areas, links, dates, search
// form, 找错 entry). Pure: a string in, facts out, so it is tested on strings without a network.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findDates, localDate } from './dates.ts';
import type {
  AreaFacts,
  DatedLink,
  ImageFact,
  JiucuoFact,
  LinkFact,
  PageFacts,
  PageKind,
  ScriptFact,
  SearchFormFact,
} from './types.ts';

/** Minimum length of a link text that reads like an article title rather than a menu entry. */
const TITLE_LIKE_CHARS = 10;
/** A column page whose own text is shorter than this, with nothing listed, is blank. */
const BLANK_TEXT_CHARS = 40;
const BLANK_PHRASES = /暂无|正在建设|建设中|敬请期待|没有(相关)?(信息|内容|数据|记录)|无相关(信息|内容)/;
const JIUCUO_TEXT = '我为政府网站找错';
const QUERY_NAMES = ['q', 'keyword', 'keywords', 'searchword', 'query', 'wd', 'kw', 'key', 'searchkey', 'searchtext'];

// class / id tokens that name header and footer blocks on typical government templates
const HEADER_TOKEN = /^((site|page|g|main|top)[-_]?)?(header|head|top|banner|logo|masthead|sitename)([-_]?(wrap|wrapper|box|main|container|inner|con|bg|top|area))?$/i;
const FOOTER_TOKEN = /^((site|page|g|main)[-_]?)?(footer|foot|bottom|copyright|copy)([-_]?(wrap|wrapper|box|main|container|inner|con|bg|nav|links|info|area))?$/i;
const SKIPPED_TAGS = new Set(['noscript', 'template', 'select', 'option']);

export function extractPage(html: string, pageUrl: string): PageFacts {
  const $ = cheerio.load(html);
  const base = baseUrlOf($, pageUrl);
  const body = ($('body').get(0) ?? null) as Element | null;
  const footerRoots = footerArea($, body);
  const footerSet = new Set<AnyNode>(footerRoots);
  const headerRoots = headerArea($, body, footerSet);
  const navRoots = $('nav, [role="navigation"]').toArray();
  const outsideMain = new Set<AnyNode>([...headerRoots, ...footerRoots, ...navRoots]);

  const meta = metaTags($);
  const links = collectLinks($, base);
  const images = collectImages($, base);
  const datedLinks = findDatedLinks($, base, outsideMain);
  const pubDate = parseMetaDate(meta.PubDate);
  const articleDate = pubDate ? null : findArticleDate($, outsideMain);
  const mainText = body ? textOf(body.children, outsideMain) : '';
  const listLinkCount = countListLinks($, base, outsideMain);
  const contentish = Boolean(meta.ArticleTitle || meta.PubDate || (articleDate && datedLinks.length < 3));
  const looksBlank =
    !contentish &&
    datedLinks.length === 0 &&
    listLinkCount === 0 &&
    (BLANK_PHRASES.test(mainText) || (Boolean(meta.ColumnName) && compact(mainText).length < BLANK_TEXT_CHARS));

  return {
    title: collapse($('title').first().text()),
    meta,
    headerText: areaText($, headerRoots),
    footer: areaFacts($, footerRoots, base),
    mainText,
    links,
    images,
    pubDate,
    articleDate,
    datedLinks,
    dates: pageDates(pubDate, articleDate, datedLinks),
    listLinkCount,
    kind: pageKind(contentish, meta, datedLinks, looksBlank),
    looksBlank,
    searchForm: findSearchForm($, base),
    jiucuo: findJiucuo($, footerSet),
  };
}

function pageKind(contentish: boolean, meta: Record<string, string>, dated: DatedLink[], blank: boolean): PageKind {
  if (contentish) return 'content';
  if (meta.ColumnName || dated.length >= 3 || blank) return 'column';
  return 'other';
}

function pageDates(pubDate: string | null, articleDate: string | null, dated: DatedLink[]): string[] {
  if (pubDate) return [pubDate];
  const all = new Set([...(articleDate ? [articleDate] : []), ...dated.map((d) => d.date)]);
  return [...all].sort().reverse();
}

// ───────────────────────────── text ─────────────────────────────

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** Text without any whitespace, for comparing Chinese names split across elements or lines. */
export const compact = (text: string): string => text.replace(/\s+/g, '');

/** Visible text of some nodes (no script, style or skipped subtrees), whitespace collapsed. */
function textOf(nodes: readonly AnyNode[], skip?: ReadonlySet<AnyNode>): string {
  const parts: string[] = [];
  const walk = (node: AnyNode): void => {
    if (skip?.has(node)) return;
    if (node.type === 'text') parts.push(node.data);
    else if (node.type === 'tag' && !SKIPPED_TAGS.has(node.name)) {
      parts.push(' ');
      node.children.forEach(walk);
      parts.push(' ');
    }
  };
  nodes.forEach(walk);
  return collapse(parts.join(''));
}

/** Text plus image alt texts: logos and badges carry their words in alt. */
function areaText($: CheerioAPI, roots: readonly Element[]): string {
  const alts = roots.flatMap((root) => $(root).find('img[alt]').addBack('img[alt]').toArray())
    .map((img) => collapse($(img).attr('alt') ?? ''))
    .filter(Boolean);
  return collapse([textOf(roots), ...alts].join(' '));
}

function isWithin(node: AnyNode, roots: ReadonlySet<AnyNode>): boolean {
  for (let current: AnyNode | null = node; current; current = current.parent) if (roots.has(current)) return true;
  return false;
}

// ───────────────────────────── URLs ─────────────────────────────

function baseUrlOf($: CheerioAPI, pageUrl: string): string {
  const href = $('base[href]').first().attr('href');
  return (href && resolveUrl(href, pageUrl)) || pageUrl;
}

/** Absolute http(s) URL without fragment, or null (javascript:, mailto:, tel:, data:, bare #anchors, junk). */
export function resolveUrl(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (!trimmed || trimmed.startsWith('#')) return null;
  try {
    const url = new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function linkText($: CheerioAPI, el: Element): string {
  const text = collapse($(el).text());
  if (text) return text;
  const alt = $(el).find('img[alt]').first().attr('alt');
  return collapse(alt || $(el).attr('title') || $(el).attr('aria-label') || '');
}

function linksIn($: CheerioAPI, elements: readonly Element[], base: string): LinkFact[] {
  const byUrl = new Map<string, LinkFact>();
  for (const el of elements) {
    const url = resolveUrl($(el).attr('href') ?? '', base);
    if (!url) continue;
    const known = byUrl.get(url);
    if (!known) byUrl.set(url, { url, text: linkText($, el) });
    else if (!known.text) known.text = linkText($, el);
  }
  return [...byUrl.values()];
}

function imagesIn($: CheerioAPI, elements: readonly Element[], base: string): ImageFact[] {
  const byUrl = new Map<string, ImageFact>();
  for (const el of elements) {
    const url = resolveUrl($(el).attr('src') ?? '', base);
    if (url && !byUrl.has(url)) byUrl.set(url, { url, alt: collapse($(el).attr('alt') ?? '') });
  }
  return [...byUrl.values()];
}

const collectLinks = ($: CheerioAPI, base: string) => linksIn($, $('a[href], area[href]').toArray(), base);
const collectImages = ($: CheerioAPI, base: string) => imagesIn($, $('img[src]').toArray(), base);

// ───────────────────────────── meta ─────────────────────────────

function metaTags($: CheerioAPI): Record<string, string> {
  const meta: Record<string, string> = {};
  $('meta[name]').each((_, el) => {
    const name = ($(el).attr('name') ?? '').trim();
    if (name && !(name in meta)) meta[name] = collapse($(el).attr('content') ?? '');
  });
  return meta;
}

function parseMetaDate(value: string | undefined): string | null {
  if (!value) return null;
  return findDates(value)[0] ?? null;
}

// ───────────────────────────── header and footer areas ─────────────────────────────

function tokensOf(el: Element): string[] {
  return [el.attribs.id ?? '', ...(el.attribs.class ?? '').split(/\s+/)].filter(Boolean);
}

/** Matching elements that are not inside another match, in document order. */
function topMost(elements: Element[]): Element[] {
  const set = new Set<AnyNode>(elements);
  return elements.filter((el) => !el.parent || !isWithin(el.parent, set));
}

/** Element children that render (scripts and styles left out). */
function blockChildren(el: Element): Element[] {
  return el.children.filter((c): c is Element => c.type === 'tag' && !SKIPPED_TAGS.has(c.name));
}

/** Descends through single wrappers (<body><div id="wrap">…</div></body>) to the element holding the blocks. */
function layoutContainer(body: Element): Element {
  let container = body;
  for (let children = blockChildren(container); children.length === 1; children = blockChildren(container)) {
    container = children[0];
  }
  return container;
}

/** <header>, role=banner, or header-named blocks; else the first block(s) of the body. */
function headerArea($: CheerioAPI, body: Element | null, footer: ReadonlySet<AnyNode>): Element[] {
  const matches = $('header, [role="banner"], [id], [class]')
    .toArray()
    .filter((el) => !isWithin(el, footer))
    .filter((el) => el.name === 'header' || el.attribs.role === 'banner' || tokensOf(el).some((t) => HEADER_TOKEN.test(t)));
  const found = topMost(matches).slice(0, 3);
  if (found.length > 0 || !body) return found;
  const blocks = blockChildren(layoutContainer(body));
  if (blocks.length === 0) return [];
  // a thin first block is a toolbar; the site name is then in the next one
  return compact(textOf([blocks[0]])).length < 10 ? blocks.slice(0, 2) : blocks.slice(0, 1);
}

/**
 * The footer area: the first <footer> (role=contentinfo, footer-named block) — else the last block of the body —
 * together with everything after it, since badges and the 找错 script are often placed just after the footer.
 */
function footerArea($: CheerioAPI, body: Element | null): Element[] {
  if (!body) return [];
  const tagged = $('footer, [role="contentinfo"]').toArray();
  const named = $('[id], [class]').toArray().filter((el) => tokensOf(el).some((t) => FOOTER_TOKEN.test(t)));
  const root = topMost(tagged)[0] ?? topMost(named)[0] ?? blockChildren(layoutContainer(body)).at(-1);
  if (!root) return [];
  return [root, ...followingElements(root, body)];
}

function followingElements(root: Element, body: Element): Element[] {
  const following: Element[] = [];
  for (let node: Element = root; node !== body && node.parent; node = node.parent as Element) {
    for (let sibling = node.nextSibling; sibling; sibling = sibling.nextSibling) {
      if (sibling.type === 'tag' || sibling.type === 'script' || sibling.type === 'style') following.push(sibling as Element);
    }
    if (node.parent.type === 'root') break;
  }
  return following;
}

function areaFacts($: CheerioAPI, roots: readonly Element[], base: string): AreaFacts {
  const within = (selector: string): Element[] =>
    roots.flatMap((root) => $(root).find(selector).addBack(selector).toArray() as Element[]);
  const scripts: ScriptFact[] = within('script').map((el) => ({
    src: el.attribs.src ? (resolveUrl(el.attribs.src, base) ?? el.attribs.src) : null,
    id: el.attribs.id ?? null,
  }));
  return {
    text: areaText($, roots),
    links: linksIn($, within('a[href], area[href]'), base),
    images: imagesIn($, within('img[src]'), base),
    scripts,
    ids: [...new Set(within('[id]').map((el) => el.attribs.id))],
  };
}

// ───────────────────────────── dates and lists ─────────────────────────────

const ENTRY_SELECTOR = 'li, tr, dd, dt, p, article, div[class], div[id]';
const ENTRY_DIV_TOKEN = /item|list|news|row|entry|art/i;

function isEntryCandidate(el: Element): boolean {
  return el.name !== 'div' || tokensOf(el).some((t) => ENTRY_DIV_TOKEN.test(t));
}

/** The date printed in a list entry outside its title link, else a <time datetime> inside it. */
function entryDate($: CheerioAPI, entry: Element, link: Element): string | null {
  const printed = findDates(textOf([entry], new Set([link])))[0];
  if (printed) return printed;
  const stamp = $(entry).find('time[datetime]').first().attr('datetime');
  if (!stamp) return null;
  // an instant with a zone (2026-11-19T18:00:00Z) is the next day in Shanghai; a plain date is taken as is
  const instant = /T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(stamp) ? new Date(stamp) : null;
  return instant && !Number.isNaN(instant.getTime()) ? localDate(instant) : (findDates(stamp)[0] ?? null);
}

/** The entry's title link: the one with the longest text. */
function titleLink($: CheerioAPI, entry: Element): Element | null {
  let best: Element | null = null;
  let bestLength = -1;
  for (const a of $(entry).find('a[href]').toArray()) {
    const length = collapse($(a).text()).length;
    if (length > bestLength) [best, bestLength] = [a, length];
  }
  return best;
}

function findDatedLinks($: CheerioAPI, base: string, outsideMain: ReadonlySet<AnyNode>): DatedLink[] {
  const found = new Map<Element, DatedLink>();
  for (const entry of $(ENTRY_SELECTOR).toArray()) {
    if (!isEntryCandidate(entry) || isWithin(entry, outsideMain)) continue;
    const link = titleLink($, entry);
    const url = link ? resolveUrl(link.attribs.href ?? '', base) : null;
    const date = link && url ? entryDate($, entry, link) : null;
    if (link && url && date) found.set(entry, { url, text: linkText($, link), date });
  }
  // keep the innermost entries: a <ul> inside a dated <div class="list"> must not count as one more item
  for (const entry of [...found.keys()]) {
    for (let parent = entry.parent; parent; parent = parent.parent) found.delete(parent as Element);
  }
  const unique = new Map<string, DatedLink>();
  for (const item of found.values()) unique.set(`${item.url} ${item.date}`, item);
  return [...unique.values()];
}

function countListLinks($: CheerioAPI, base: string, outsideMain: ReadonlySet<AnyNode>): number {
  const urls = new Set<string>();
  for (const a of $('li a[href], tr a[href], dd a[href]').toArray()) {
    if (isWithin(a, outsideMain) || collapse($(a).text()).length < TITLE_LIKE_CHARS) continue;
    const url = resolveUrl(a.attribs.href ?? '', base);
    if (url) urls.add(url);
  }
  return urls.size;
}

const ARTICLE_SELECTOR = 'article, [class*="article"], [id*="article"], [class*="detail"], [id*="detail"]';

function findArticleDate($: CheerioAPI, outsideMain: ReadonlySet<AnyNode>): string | null {
  const article = $(ARTICLE_SELECTOR).toArray().find((el) => !isWithin(el, outsideMain));
  return article ? (findDates(textOf([article]))[0] ?? null) : null;
}

// ───────────────────────────── search form and 找错 ─────────────────────────────

function findSearchForm($: CheerioAPI, base: string): SearchFormFact | null {
  for (const form of $('form').toArray()) {
    const action = resolveUrl($(form).attr('action') ?? '', base) ?? base;
    const textInputs = $(form)
      .find('input[name]')
      .toArray()
      .filter((i) => ['text', 'search', ''].includes((i.attribs.type ?? '').toLowerCase()));
    const named = textInputs.find((i) => QUERY_NAMES.includes(i.attribs.name.toLowerCase()));
    const searchAction = /search/i.test($(form).attr('action') ?? '');
    const query = named ?? (searchAction ? textInputs[0] : undefined);
    if (!query) continue;
    const hidden: Record<string, string> = {};
    $(form)
      .find('input[type="hidden"][name]')
      .each((_, el) => void (hidden[el.attribs.name] = el.attribs.value ?? ''));
    const method = ($(form).attr('method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
    return { action, method, queryParam: query.attribs.name, hidden };
  }
  return null;
}

/** The 找错 entry: the national script (id _jiucuo_ or a jiucuo.js src) or a link reading 我为政府网站找错. */
function findJiucuo($: CheerioAPI, footer: ReadonlySet<AnyNode>): JiucuoFact | null {
  const scripts = $('script')
    .toArray()
    .filter((el) => el.attribs.id === '_jiucuo_' || /jiucuo/i.test(el.attribs.src ?? ''));
  const links = $('a')
    .toArray()
    .filter((el) => compact($(el).text()).includes(JIUCUO_TEXT) || $(el).find(`img[alt*="${JIUCUO_TEXT}"]`).length > 0);
  const entries = [
    ...scripts.map((el) => ({ el, how: 'script' as const })),
    ...links.map((el) => ({ el, how: 'link' as const })),
  ];
  if (entries.length === 0) return null;
  const best = entries.find((e) => isWithin(e.el, footer)) ?? entries[0];
  return { how: best.how, inFooter: isWithin(best.el, footer), sitecode: best.el.attribs.sitecode ?? null };
}
