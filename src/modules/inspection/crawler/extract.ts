// HTML → PageFacts: what an inspector reads off one page (tags, header and footer areas, links, dates, search
// form, 找错 entry). Pure: a string in, facts out, so it is tested on strings without a network.
//
// cheerio parses; the reading is done on an index of the elements built in one pass, with plain tree walks:
// a selector per element is far too slow on 5 MB list pages, and recursion fails on absurdly deep documents.
import * as cheerio from 'cheerio';
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
const HEADER_TOKEN =
  /^((site|page|g|main|top)[-_]?)?(header|head|top|banner|logo|masthead|sitename)([-_]?(wrap|wrapper|box|main|container|inner|con|bg|top|area))?$/i;
const FOOTER_TOKEN =
  /^((site|page|g|main)[-_]?)?(footer|foot|bottom|copyright|copy)([-_]?(wrap|wrapper|box|main|container|inner|con|bg|nav|links|info|area))?$/i;
const SKIPPED_TAGS = new Set(['noscript', 'template', 'select', 'option']);

/** List entries: li, tr, dd, dt, p, article, and divs named like items. */
const ENTRY_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'p', 'article']);
const ENTRY_DIV_TOKEN = /item|list|news|row|entry|art/i;
/** Elements a list entry may hold (link, date, icons, summary); larger blocks are lists or layout. */
const MAX_ENTRY_ELEMENTS = 40;
const LIST_ENTRY_TAGS = new Set(['li', 'tr', 'dd']);
const ARTICLE_TOKEN = /article|detail/i;

export function extractPage(html: string, pageUrl: string): PageFacts {
  const doc = indexDocument(cheerio.load(html).root().get(0) as AnyNode);
  const base = baseUrlOf(doc, pageUrl);
  const body = doc.named('body')[0] ?? null;
  const footerRoots = footerArea(doc, body);
  const footerSet = new Set<AnyNode>(footerRoots);
  const headerRoots = headerArea(doc, body, footerSet);
  const navRoots = doc.elements.filter((el) => el.name === 'nav' || el.attribs.role === 'navigation');
  const outsideMain = new Set<AnyNode>([...headerRoots, ...footerRoots, ...navRoots]);

  const meta = metaTags(doc);
  const datedLinks = findDatedLinks(doc, base, outsideMain);
  const pubDate = parseMetaDate(meta.PubDate);
  const articleDate = pubDate ? null : findArticleDate(doc, outsideMain);
  const mainText = body ? textOf(body.children, outsideMain) : '';
  const listLinkCount = countListLinks(doc, base, outsideMain);
  const contentish = Boolean(meta.ArticleTitle || meta.PubDate || (articleDate && datedLinks.length < 3));
  const looksBlank =
    !contentish &&
    datedLinks.length === 0 &&
    listLinkCount === 0 &&
    (BLANK_PHRASES.test(mainText) || (Boolean(meta.ColumnName) && compact(mainText).length < BLANK_TEXT_CHARS));

  return {
    title: textOf(doc.named('title').slice(0, 1)),
    meta,
    headerText: areaText(headerRoots),
    footer: areaFacts(doc, footerRoots, base),
    mainText,
    links: linksIn(doc, doc.elements.filter(isLink), base),
    images: imagesIn(doc.named('img'), base),
    pubDate,
    articleDate,
    datedLinks,
    dates: pageDates(pubDate, articleDate, datedLinks),
    listLinkCount,
    kind: pageKind(contentish, meta, datedLinks, looksBlank),
    looksBlank,
    searchForm: findSearchForm(doc, base),
    jiucuo: findJiucuo(doc, footerSet),
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

// ───────────────────────────── the document index ─────────────────────────────

interface Doc {
  /** Every element (tags, scripts, styles) in document order. */
  elements: Element[];
  named(name: string): Element[];
  /** Number of elements in an element's subtree, itself included. */
  size(el: Element): number;
  /** Visible text of an element, cached: link texts are asked for several times. */
  text(el: Element): string;
}

const isElement = (node: AnyNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style';

function indexDocument(root: AnyNode): Doc {
  const elements: Element[] = [];
  const byName = new Map<string, Element[]>();
  const sizes = new Map<Element, number>();
  // pre-order for document order; the `true` entries close an element for its subtree size
  const stack: [AnyNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, closing] = stack.pop() as [AnyNode, boolean];
    if (closing) {
      const el = node as Element;
      sizes.set(
        el,
        el.children.reduce((n, c) => n + (isElement(c) ? (sizes.get(c) ?? 0) : 0), 1),
      );
      continue;
    }
    if (isElement(node)) {
      elements.push(node);
      const list = byName.get(node.name);
      if (list) list.push(node);
      else byName.set(node.name, [node]);
      stack.push([node, true]);
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], false]);
  }
  const texts = new Map<Element, string>();
  return {
    elements,
    named: (name) => byName.get(name) ?? [],
    size: (el) => sizes.get(el) ?? 0,
    text: (el) => {
      const cached = texts.get(el);
      if (cached !== undefined) return cached;
      const text = textOf([el]);
      texts.set(el, text);
      return text;
    },
  };
}

/** The descendants of `root` (not root itself) that match, in document order. */
function descendants(root: AnyNode, match: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = 'children' in root ? [...root.children].reverse() : [];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isElement(node)) continue;
    if (match(node)) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return found;
}

/** The roots and their descendants that match. */
const within = (roots: readonly Element[], match: (el: Element) => boolean): Element[] =>
  roots.flatMap((root) => [...(match(root) ? [root] : []), ...descendants(root, match)]);

function isWithin(node: AnyNode, roots: ReadonlySet<AnyNode>): boolean {
  for (let current: AnyNode | null = node; current; current = current.parent) if (roots.has(current)) return true;
  return false;
}

function hasAncestorNamed(node: AnyNode, names: ReadonlySet<string>): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isElement(current) && names.has(current.name)) return true;
  }
  return false;
}

const isLink = (el: Element): boolean => (el.name === 'a' || el.name === 'area') && el.attribs.href !== undefined;

function tokensOf(el: Element): string[] {
  return [el.attribs.id ?? '', ...(el.attribs.class ?? '').split(/\s+/)].filter(Boolean);
}

// ───────────────────────────── text ─────────────────────────────

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** Text without any whitespace, for comparing Chinese names split across elements or lines. */
export const compact = (text: string): string => text.replace(/\s+/g, '');

/** Visible text of some nodes (no script, style or skipped subtrees), whitespace collapsed. */
function textOf(nodes: readonly AnyNode[], skip?: ReadonlySet<AnyNode>): string {
  const parts: string[] = [];
  // a string on the stack is text to emit after an element's children (the space closing a block)
  const stack: (AnyNode | string)[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode | string;
    if (typeof node === 'string') parts.push(node);
    else if (skip?.has(node)) continue;
    else if (node.type === 'text') parts.push(node.data);
    else if (node.type === 'tag' && !SKIPPED_TAGS.has(node.name)) {
      parts.push(' ');
      stack.push(' ');
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return collapse(parts.join(''));
}

/** Text plus image alt texts: logos and badges carry their words in alt. */
function areaText(roots: readonly Element[]): string {
  const alts = within(roots, (el) => el.name === 'img' && Boolean(el.attribs.alt)).map((img) =>
    collapse(img.attribs.alt),
  );
  return collapse([textOf(roots), ...alts].join(' '));
}

// ───────────────────────────── URLs ─────────────────────────────

function baseUrlOf(doc: Doc, pageUrl: string): string {
  const href = doc.named('base').find((el) => el.attribs.href)?.attribs.href;
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

function linkText(doc: Doc, el: Element): string {
  const text = doc.text(el);
  if (text) return text;
  const alt = descendants(el, (d) => d.name === 'img' && Boolean(d.attribs.alt))[0]?.attribs.alt;
  return collapse(alt || el.attribs.title || el.attribs['aria-label'] || '');
}

function linksIn(doc: Doc, elements: readonly Element[], base: string): LinkFact[] {
  const byUrl = new Map<string, LinkFact>();
  for (const el of elements) {
    const url = resolveUrl(el.attribs.href ?? '', base);
    if (!url) continue;
    const known = byUrl.get(url);
    if (!known) byUrl.set(url, { url, text: linkText(doc, el) });
    else if (!known.text) known.text = linkText(doc, el);
  }
  return [...byUrl.values()];
}

function imagesIn(elements: readonly Element[], base: string): ImageFact[] {
  const byUrl = new Map<string, ImageFact>();
  for (const el of elements) {
    const url = resolveUrl(el.attribs.src ?? '', base);
    if (url && !byUrl.has(url)) byUrl.set(url, { url, alt: collapse(el.attribs.alt ?? '') });
  }
  return [...byUrl.values()];
}

// ───────────────────────────── meta ─────────────────────────────

function metaTags(doc: Doc): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const el of doc.named('meta')) {
    const name = (el.attribs.name ?? '').trim();
    if (name && !(name in meta)) meta[name] = collapse(el.attribs.content ?? '');
  }
  return meta;
}

function parseMetaDate(value: string | undefined): string | null {
  if (!value) return null;
  return findDates(value)[0] ?? null;
}

// ───────────────────────────── header and footer areas ─────────────────────────────

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
function headerArea(doc: Doc, body: Element | null, footer: ReadonlySet<AnyNode>): Element[] {
  const matches = doc.elements
    .filter(
      (el) => el.name === 'header' || el.attribs.role === 'banner' || tokensOf(el).some((t) => HEADER_TOKEN.test(t)),
    )
    .filter((el) => el.name !== 'head' && !isWithin(el, footer));
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
function footerArea(doc: Doc, body: Element | null): Element[] {
  if (!body) return [];
  const tagged = doc.elements.filter((el) => el.name === 'footer' || el.attribs.role === 'contentinfo');
  const named = doc.elements.filter((el) => tokensOf(el).some((t) => FOOTER_TOKEN.test(t)));
  const root = topMost(tagged)[0] ?? topMost(named)[0] ?? blockChildren(layoutContainer(body)).at(-1);
  if (!root) return [];
  return [root, ...followingElements(root, body)];
}

function followingElements(root: Element, body: Element): Element[] {
  const following: Element[] = [];
  for (let node: Element = root; node !== body && node.parent; node = node.parent as Element) {
    for (let sibling = node.nextSibling; sibling; sibling = sibling.nextSibling) {
      if (isElement(sibling)) following.push(sibling);
    }
    if (node.parent.type === 'root') break;
  }
  return following;
}

function areaFacts(doc: Doc, roots: readonly Element[], base: string): AreaFacts {
  const scripts: ScriptFact[] = within(roots, (el) => el.name === 'script').map((el) => ({
    src: el.attribs.src ? (resolveUrl(el.attribs.src, base) ?? el.attribs.src) : null,
    id: el.attribs.id ?? null,
  }));
  return {
    text: areaText(roots),
    links: linksIn(doc, within(roots, isLink), base),
    images: imagesIn(
      within(roots, (el) => el.name === 'img'),
      base,
    ),
    scripts,
    ids: [...new Set(within(roots, (el) => Boolean(el.attribs.id)).map((el) => el.attribs.id))],
  };
}

// ───────────────────────────── dates and lists ─────────────────────────────

function isEntryCandidate(doc: Doc, el: Element): boolean {
  if (el.type !== 'tag' || doc.size(el) > MAX_ENTRY_ELEMENTS) return false;
  return ENTRY_TAGS.has(el.name) || (el.name === 'div' && tokensOf(el).some((t) => ENTRY_DIV_TOKEN.test(t)));
}

/** The date printed in a list entry outside its title link, else a <time datetime> inside it. */
function entryDate(entry: Element, link: Element): string | null {
  const printed = findDates(textOf([entry], new Set([link])))[0];
  if (printed) return printed;
  const stamp = descendants(entry, (d) => d.name === 'time' && Boolean(d.attribs.datetime))[0]?.attribs.datetime;
  if (!stamp) return null;
  // an instant with a zone (2026-11-19T18:00:00Z) is the next day in Shanghai; a plain date is taken as is
  const instant = /T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(stamp) ? new Date(stamp) : null;
  return instant && !Number.isNaN(instant.getTime()) ? localDate(instant) : (findDates(stamp)[0] ?? null);
}

/** The entry's title link: the one with the longest text. */
function titleLink(doc: Doc, entry: Element): Element | null {
  let best: Element | null = null;
  let bestLength = -1;
  for (const a of descendants(entry, isLink)) {
    const length = doc.text(a).length;
    if (length > bestLength) [best, bestLength] = [a, length];
  }
  return best;
}

function findDatedLinks(doc: Doc, base: string, outsideMain: ReadonlySet<AnyNode>): DatedLink[] {
  const found = new Map<Element, DatedLink>();
  for (const entry of doc.elements) {
    if (!isEntryCandidate(doc, entry) || isWithin(entry, outsideMain)) continue;
    const link = titleLink(doc, entry);
    const url = link ? resolveUrl(link.attribs.href ?? '', base) : null;
    const date = link && url ? entryDate(entry, link) : null;
    if (link && url && date) found.set(entry, { url, text: linkText(doc, link), date });
  }
  // keep the innermost entries: a <ul> inside a dated <div class="list"> must not count as one more item
  for (const entry of [...found.keys()]) {
    for (let parent = entry.parent; parent; parent = parent.parent) found.delete(parent as Element);
  }
  const unique = new Map<string, DatedLink>();
  for (const item of found.values()) unique.set(`${item.url} ${item.date}`, item);
  return [...unique.values()];
}

function countListLinks(doc: Doc, base: string, outsideMain: ReadonlySet<AnyNode>): number {
  const urls = new Set<string>();
  for (const a of doc.elements) {
    if (!isLink(a) || !hasAncestorNamed(a, LIST_ENTRY_TAGS) || isWithin(a, outsideMain)) continue;
    if (doc.text(a).length < TITLE_LIKE_CHARS) continue;
    const url = resolveUrl(a.attribs.href ?? '', base);
    if (url) urls.add(url);
  }
  return urls.size;
}

function findArticleDate(doc: Doc, outsideMain: ReadonlySet<AnyNode>): string | null {
  const article = doc.elements.find(
    (el) =>
      (el.name === 'article' || ARTICLE_TOKEN.test(`${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`)) &&
      !isWithin(el, outsideMain),
  );
  return article ? (findDates(textOf([article]))[0] ?? null) : null;
}

// ───────────────────────────── search form and 找错 ─────────────────────────────

function findSearchForm(doc: Doc, base: string): SearchFormFact | null {
  for (const form of doc.named('form')) {
    const inputs = descendants(form, (el) => el.name === 'input' && Boolean(el.attribs.name));
    const textInputs = inputs.filter((i) => ['text', 'search', ''].includes((i.attribs.type ?? '').toLowerCase()));
    const named = textInputs.find((i) => QUERY_NAMES.includes(i.attribs.name.toLowerCase()));
    const searchAction = /search/i.test(form.attribs.action ?? '');
    const query = named ?? (searchAction ? textInputs[0] : undefined);
    if (!query) continue;
    const hidden = Object.fromEntries(
      inputs
        .filter((i) => (i.attribs.type ?? '').toLowerCase() === 'hidden')
        .map((i) => [i.attribs.name, i.attribs.value ?? '']),
    );
    return {
      action: resolveUrl(form.attribs.action ?? '', base) ?? base,
      method: (form.attribs.method ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      queryParam: query.attribs.name,
      hidden,
    };
  }
  return null;
}

/**
 * The 找错 entry: the national script (id _jiucuo_ or a jiucuo.js src, or a loader that inserts it and carries the
 * code as data-sitecode) or a link reading 我为政府网站找错.
 */
function findJiucuo(doc: Doc, footer: ReadonlySet<AnyNode>): JiucuoFact | null {
  const scripts = doc
    .named('script')
    .filter((el) => el.attribs.id === '_jiucuo_' || /jiucuo/i.test(el.attribs.src ?? ''));
  const links = doc
    .named('a')
    .filter(
      (el) =>
        compact(doc.text(el)).includes(JIUCUO_TEXT) ||
        descendants(el, (d) => d.name === 'img' && (d.attribs.alt ?? '').includes(JIUCUO_TEXT)).length > 0,
    );
  const entries = [
    ...scripts.map((el) => ({ el, how: 'script' as const })),
    ...links.map((el) => ({ el, how: 'link' as const })),
  ];
  if (entries.length === 0) return null;
  const best = entries.find((e) => isWithin(e.el, footer)) ?? entries[0];
  return {
    how: best.how,
    inFooter: isWithin(best.el, footer),
    sitecode: best.el.attribs.sitecode ?? best.el.attribs['data-sitecode'] ?? null,
  };
}
