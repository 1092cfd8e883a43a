// HTML → PageFacts: what an inspector reads off one page (tags, header and footer areas, links, dates, search
// form, 找错 entry). Pure: a string in, facts out, so it is tested on strings without a network.
//
// cheerio parses; the reading is done on an index of the elements built in one pass, with plain tree walks:
// a selector per element is far too slow on 5 MB list pages, and recursion fails on absurdly deep documents.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findDates, localDate } from './dates.ts';
import type { DatedLink, FooterLocator, ImageFact, LinkFact, PageFacts, PageKind } from './types.ts';
import {
  collapse,
  compact,
  type Doc,
  descendants,
  hasAncestorNamed,
  indexDocument,
  isLink,
  isWithin,
  resolveUrl,
  textOf,
  tokensOf,
} from './dom.ts';
import { areaFacts, areaText, footerArea, headerArea, templateOf, unlabelledImages } from './areas.ts';
import { findJiucuo, findSearchBox, findSearchForm } from './entries.ts';

export { collapse, compact, resolveUrl } from './dom.ts';

/** Minimum length of a link text that reads like an article title rather than a menu entry. */
const TITLE_LIKE_CHARS = 10;
/** A column page whose own text is shorter than this, with nothing listed, is blank. */
const BLANK_TEXT_CHARS = 40;
const BLANK_PHRASES = /暂无|正在建设|建设中|敬请期待|没有(相关)?(信息|内容|数据|记录)|无相关(信息|内容)/;

/** List entries: li, tr, dd, dt, p, article, and divs named like items. */
const ENTRY_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'p', 'article']);
const ENTRY_DIV_TOKEN = /item|list|news|row|entry|art/i;
/** Elements a list entry may hold (link, date, icons, summary); larger blocks are lists or layout. */
const MAX_ENTRY_ELEMENTS = 40;
const LIST_ENTRY_TAGS = new Set(['li', 'tr', 'dd']);
const ARTICLE_TOKEN = /article|detail/i;

export interface ExtractOptions {
  /** The footer locator of a page's template, when one was rendered: the footer is then that block. */
  footerLocator?: (template: string) => FooterLocator | undefined;
}

export function extractPage(html: string, pageUrl: string, options: ExtractOptions = {}): PageFacts {
  const doc = indexDocument(cheerio.load(html).root().get(0) as AnyNode);
  const base = baseUrlOf(doc, pageUrl);
  const body = doc.named('body')[0] ?? null;
  const template = templateOf(body);
  const footer = footerArea(doc, body, options.footerLocator?.(template));
  const footerRoots = footer.roots;
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
    headerUnlabelledImages: unlabelledImages(headerRoots),
    footer: areaFacts(
      footerRoots,
      base,
      (els) => linksIn(doc, els, base),
      (els) => imagesIn(els, base),
    ),
    footerSource: footer.source,
    template,
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
    ...searchEntry(doc, base),
    jiucuo: findJiucuo(doc, footerSet, base),
  };
}

function searchEntry(doc: Doc, base: string): Pick<PageFacts, 'searchForm' | 'searchBox'> {
  const searchForm = findSearchForm(doc, base);
  return { searchForm, searchBox: searchForm ? null : findSearchBox(doc) };
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

// ───────────────────────────── URLs ─────────────────────────────

function baseUrlOf(doc: Doc, pageUrl: string): string {
  const href = doc.named('base').find((el) => el.attribs.href)?.attribs.href;
  return (href && resolveUrl(href, pageUrl)) || pageUrl;
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
