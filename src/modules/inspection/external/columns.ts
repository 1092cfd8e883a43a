// The site's columns as seen from outside: column pages of the crawl, named by their ColumnName tag (else the
// link text that led there, else the title), classified by ColumnType (else by name), with their newest date.
import { newest } from '../crawler/dates.ts';
import { compact } from '../crawler/extract.ts';
import type { HtmlPage } from '../crawler/site.ts';
import type { CheckContext } from './context.ts';

/** The categories of govportal's ColumnType tag; other sites' free-text types are mapped onto them. */
export type ColumnCategory =
  | '动态要闻'
  | '通知公告'
  | '政策文件'
  | '政策解读'
  | '概况信息'
  | '机构职能'
  | '领导信息'
  | '办事服务'
  | '互动交流'
  | '信息公开'
  | '数据发布'
  | '其他';

// Order matters: 政策解读 before 政策文件, 服务动态 is news, 信息公开指南 is not a service guide.
const CATEGORY_KEYWORDS: readonly [ColumnCategory, RegExp][] = [
  ['政策解读', /解读/],
  ['通知公告', /通知|公告|公示/],
  ['政策文件', /文件|法规|规章|政策/],
  ['动态要闻', /动态|要闻|新闻|头条|资讯|快讯/],
  ['领导信息', /领导/],
  ['机构职能', /机构|职能/],
  ['概况信息', /概况|简介|市情|县情|区情|走进/],
  ['信息公开', /信息公开|政务公开/],
  ['数据发布', /数据|统计/],
  ['互动交流', /互动|留言|信箱|咨询|访谈|征集|调查/],
  ['办事服务', /办事|服务|指南/],
];

/** A column name (or ColumnType value) → its category; 其他 when nothing matches. */
export function classifyColumn(name: string): ColumnCategory {
  const text = compact(name);
  for (const [category, pattern] of CATEGORY_KEYWORDS) if (pattern.test(text)) return category;
  return '其他';
}

/** Longest name read as a column name rather than an article title when classifying link texts. */
const COLUMN_NAME_MAX_CHARS = 8;

export interface ColumnInfo {
  page: HtmlPage;
  url: string;
  name: string;
  category: ColumnCategory;
  /** Where the category came from. */
  categorySource: 'ColumnType' | 'name';
  /** Newest date listed (or of the listed pages' PubDate); null when nothing dated is listed. */
  latest: string | null;
  /** Dated entries listed. */
  items: number;
  blank: boolean;
}

/** The column pages of the crawl (the home page excluded, however it was reached). */
export function siteColumns(ctx: CheckContext): ColumnInfo[] {
  const linkTexts = linkTextsByUrl(ctx);
  const pages = ctx.htmlPages
    .filter((page) => !ctx.isHome(page) && page.facts.kind === 'column')
    .map((page) => describeColumn(page, linkTexts, ctx.datesOn(page)));
  return mergePagesOfOneColumn(pages);
}

/** Pages 2, 3 … of a list carry the same column name: one column, updated when any page is, blank when all are. */
function mergePagesOfOneColumn(pages: ColumnInfo[]): ColumnInfo[] {
  const byName = new Map<string, ColumnInfo>();
  for (const page of pages) {
    const key = `${page.category} ${compact(page.name)}`;
    const known = byName.get(key);
    if (!known) {
      byName.set(key, page);
      continue;
    }
    known.latest = newest([known.latest, page.latest].filter((d): d is string => d !== null));
    known.items += page.items;
    known.blank = known.blank && page.blank;
  }
  return [...byName.values()];
}

function describeColumn(page: HtmlPage, linkTexts: Map<string, string>, dates: readonly string[]): ColumnInfo {
  const { meta } = page.facts;
  const name = meta.ColumnName || linkTexts.get(page.fetch.url) || page.facts.title;
  const typed = meta.ColumnType ? classifyColumn(meta.ColumnType) : null;
  const byType = typed && (typed !== '其他' || compact(meta.ColumnType) === '其他') ? typed : null;
  return {
    page,
    url: page.fetch.finalUrl,
    name,
    category: byType ?? classifyColumn(name),
    categorySource: byType ? 'ColumnType' : 'name',
    latest: newest(dates),
    items: page.facts.datedLinks.length,
    blank: page.facts.looksBlank,
  };
}

/** The first non-empty text any crawled page links a URL with (menus name columns). */
function linkTextsByUrl(ctx: CheckContext): Map<string, string> {
  const texts = new Map<string, string>();
  for (const page of ctx.htmlPages) {
    for (const link of page.facts.links) if (link.text && !texts.has(link.url)) texts.set(link.url, link.text);
  }
  return texts;
}

/**
 * Same-site links named like a column of this category whose page was not crawled (page or time limit):
 * the column may exist, so its absence cannot be asserted.
 */
export function uncrawledColumnLinks(ctx: CheckContext, category: ColumnCategory): string[] {
  const crawled = new Set(ctx.snapshot.pages.map((p) => p.fetch.url));
  const hosts = new Set(ctx.snapshot.hosts);
  const found = new Set<string>();
  for (const page of ctx.htmlPages) {
    for (const link of page.facts.links) {
      const short = compact(link.text).length <= COLUMN_NAME_MAX_CHARS;
      if (
        short &&
        !crawled.has(link.url) &&
        hosts.has(new URL(link.url).host) &&
        classifyColumn(link.text) === category
      ) {
        found.add(link.url);
      }
    }
  }
  return [...found];
}

/** Column list for evidence. */
export const describeColumns = (columns: readonly ColumnInfo[]) =>
  columns.map((c) => ({ url: c.url, name: c.name, category: c.category, latest: c.latest, blank: c.blank }));
