// The public site's extension points for other modules. A module adds its own public pages (a path or a
// pattern inside every site, e.g. /search), supplies the content of the columns that list its records (the
// 办事指南 column lists service items, 数据发布 lists data sets, 互动交流 lists published messages), and
// names the changes that make those pages stale. The registry lives in the application context so modules can
// register from their route setup in any order; the portal reads it on every request.
import type { ColumnType } from '../columns/column-types.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import type { PageContext, PageResult, PortalPage } from './page-context.ts';
import type { IndexedItem } from './public-content.repository.ts';
import type { ColumnContent, HeadLink, PublicColumn, ViewContext } from './views/types.ts';

/**
 * Which columns a content source serves. An object matches a column when every field given matches (a list
 * means any of them); a function decides by itself.
 */
export type ColumnMatch =
  | {
      columnType?: ColumnType | readonly ColumnType[];
      /** The column's own slug (the last path segment), e.g. `bszn`. */
      slug?: string | readonly string[];
      name?: string | readonly string[];
    }
  | ((column: PublicColumn) => boolean);

/** What a column content source is asked. */
export interface ColumnContentRequest {
  page: PageContext;
  column: PublicColumn;
  /** From the top-level column down to this one. */
  ancestry: PublicColumn[];
  /** The 1-based `?page=` number (already checked to be a positive integer). */
  pageNo: number;
}

/** A column's content, plus head links (rel prev/next of its pagination, its feed). */
export interface ColumnContentResult extends ColumnContent {
  links?: HeadLink[];
}

/**
 * Supplies a column's content: the items (title, URL, date) and pagination, or a ready element as `body`
 * (shown in place of the item list). `'not-found'` answers 404, e.g. for a page number past the end.
 */
export type ColumnContentSource = (request: ColumnContentRequest) => Promise<ColumnContentResult | 'not-found'>;

export interface ColumnContentOptions {
  /**
   * The page-cache variant of a request: the normalised query the content depends on. `page=<n>` unless
   * given; `null` renders without the cache (content that changes with every request).
   */
  variant?(request: ColumnContentRequest): string | null;
}

/**
 * A module's own page for its kind of published item (e.g. 数据集), at the item's usual address; `null` lets the
 * portal render the usual content page.
 */
export type ItemPage = (page: PageContext, item: IndexedItem, column: PublicColumn) => Promise<PageResult | null>;

/** Rewrites a published body for display (a chart placeholder into the chart); the stored body is unchanged. */
export type BodyFilter = (site: SiteView, html: string) => Promise<string>;

/** Subscribes `drop` to a module's changes: call it with the site whose public pages changed. */
export type ChangeSubscription = (drop: (siteId: number) => void) => void;

/** The site and page frame of a module's own (personal, uncached) page at a path on a host. */
export interface ResolvedView {
  siteId: number;
  /** The path inside the site (the /site/<code> prefix removed). */
  path: string;
  view: ViewContext;
}
export type ViewResolver = (request: {
  host: string | undefined;
  path: string;
  care: boolean;
}) => Promise<ResolvedView | null>;

/** A link a module places prominently on a site's home page (e.g. the 政府网站工作年度报表 of the last year). */
export interface HomeNotice {
  /** What it is: 网站年度报表. */
  label: string;
  title: string;
  /** Site-internal path without the prefix. */
  url: string;
}
export type HomeNoticeSource = (siteId: number) => Promise<HomeNotice[]>;

interface ColumnContentEntry {
  match: ColumnMatch;
  source: ColumnContentSource;
  options: ColumnContentOptions;
}

const anyOf = <T>(wanted: T | readonly T[] | undefined, value: T) =>
  wanted === undefined || (Array.isArray(wanted) ? wanted.includes(value) : wanted === value);

export function columnMatches(match: ColumnMatch, column: PublicColumn): boolean {
  if (typeof match === 'function') return match(column);
  return (
    anyOf(match.columnType, column.columnType as ColumnType) &&
    anyOf(match.slug, column.slug) &&
    anyOf(match.name, column.name)
  );
}

export class PortalRegistry {
  /**
   * A registry for an application that lives for one pass over the database (the static export's crawl): its
   * modules register their pages as usual, but it never subscribes to their changes.
   */
  static forSnapshot(): PortalRegistry {
    const registry = new PortalRegistry();
    registry.snapshot = true;
    return registry;
  }

  private snapshot = false;
  private readonly pageList: PortalPage[] = [];
  private readonly contentSources: ColumnContentEntry[] = [];
  private readonly subscriptions: ChangeSubscription[] = [];
  private readonly droppers: ((siteId: number) => void)[] = [];
  private resolver: ViewResolver | null = null;
  private readonly noticeSources: HomeNoticeSource[] = [];
  private readonly itemPages = new Map<string, ItemPage>();
  private readonly bodyFilters: BodyFilter[] = [];

  /** Renders published items of `type` with a module's own page. */
  registerItemPage(type: string, render: ItemPage): void {
    this.itemPages.set(type, render);
  }

  itemPage(type: string): ItemPage | undefined {
    return this.itemPages.get(type);
  }

  /** Adds a rewrite of published bodies at display time (e.g. embedded charts). */
  registerBodyFilter(filter: BodyFilter): void {
    if (!this.snapshot) this.bodyFilters.push(filter);
  }

  async filterBody(site: SiteView, html: string): Promise<string> {
    let out = html;
    for (const filter of this.bodyFilters) out = await filter(site, out);
    return out;
  }

  /**
   * Adds a public page. Registered pages are tried in registration order before the portal's own (home,
   * catalogue, content, RSS, column pages), so a module can take over a path such as /search. A page for an
   * exact path (or the same pattern) that already has one replaces it in place.
   */
  registerPage(page: PortalPage): void {
    const same = this.pageList.findIndex((p) => String(p.path) === String(page.path));
    if (same >= 0) this.pageList[same] = page;
    else this.pageList.push(page);
  }

  /**
   * Supplies the content of the columns `match` selects, instead of their published items. When several
   * registrations match a column, the first registered wins.
   */
  registerColumnContent(match: ColumnMatch, source: ColumnContentSource, options: ColumnContentOptions = {}): void {
    this.contentSources.push({ match, source, options });
  }

  /**
   * Drops a site's cached public pages whenever `subscribe`'s module reports a change of that site, e.g.
   * `registry.invalidateOn((drop) => messages.onChange((c) => drop(c.siteId)))`.
   */
  invalidateOn(subscribe: ChangeSubscription): void {
    if (this.snapshot) return;
    this.subscriptions.push(subscribe);
    for (const drop of this.droppers) subscribe(drop);
  }

  /**
   * Adds links to the home page's notices (cached with the home page: the module drops the site's pages through
   * invalidateOn when what it shows changes).
   */
  registerHomeNotices(source: HomeNoticeSource): void {
    this.noticeSources.push(source);
  }

  /** Every module's home-page links for the site; a failing source shows nothing rather than breaking the page. */
  async homeNotices(siteId: number): Promise<HomeNotice[]> {
    const lists = await Promise.all(this.noticeSources.map((source) => source(siteId).catch(() => [])));
    return lists.flat();
  }

  /** Set by the portal's routes: how a request's site and page frame are found. */
  setViewResolver(resolver: ViewResolver): void {
    this.resolver = resolver;
  }

  /**
   * The site and layout context for a module's own page (a form, an applicant's record: personal pages a module
   * serves with its own Fastify routes, never cached); null when no site answers at that path.
   */
  viewFor(request: { host: string | undefined; path: string; care: boolean }): Promise<ResolvedView | null> {
    if (!this.resolver) return Promise.resolve(null);
    return this.resolver(request);
  }

  get pages(): readonly PortalPage[] {
    return this.pageList;
  }

  /** The content source serving a column, if a module registered one. */
  contentFor(column: PublicColumn): { source: ColumnContentSource; options: ColumnContentOptions } | undefined {
    return this.contentSources.find((e) => columnMatches(e.match, column));
  }

  /** Connects the portal's cache: `drop` runs for every change any registered module reports. */
  attach(drop: (siteId: number) => void): void {
    if (this.snapshot) return;
    this.droppers.push(drop);
    for (const subscribe of this.subscriptions) subscribe(drop);
  }
}
