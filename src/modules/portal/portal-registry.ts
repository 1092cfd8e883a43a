// The public site's extension points for other modules. A module adds its own public pages (a path or a
// pattern inside every site, e.g. /search), supplies the content of the columns that list its records (the
// 办事指南 column lists service items, 数据发布 lists data sets, 互动交流 lists published messages), and
// names the changes that make those pages stale. The registry lives in the application context so modules can
// register from their route setup in any order; the portal reads it on every request.
import type { ColumnType } from '../columns/column-types.ts';
import type { PageContext, PortalPage } from './page-context.ts';
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
  private readonly pageList: PortalPage[] = [];
  private readonly contentSources: ColumnContentEntry[] = [];
  private readonly subscriptions: ChangeSubscription[] = [];
  private readonly droppers: ((siteId: number) => void)[] = [];
  private resolver: ViewResolver | null = null;
  private readonly noticeSources: HomeNoticeSource[] = [];

  /**
   * Adds a public page. Registered pages are tried in registration order before the portal's own (home,
   * catalogue, content, RSS, column pages), so a module can take over a path such as /search. A page for an
   * exact path that already has one replaces it in place.
   */
  registerPage(page: PortalPage): void {
    const same = typeof page.path === 'string' ? this.pageList.findIndex((p) => p.path === page.path) : -1;
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
    this.droppers.push(drop);
    for (const subscribe of this.subscriptions) subscribe(drop);
  }
}
