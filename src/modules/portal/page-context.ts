// What a public page handler works with: the request as the HTTP layer saw it, the resolved site and its
// public structure, and the helpers that render through the page cache. Handlers of the portal itself
// (handlers/*.ts) and pages other modules register (portal-registry.ts) share these types.
import type { ReactElement } from 'react';
import type { Db } from '../../platform/db/database.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import type { CachedPage } from './portal-cache.ts';
import type { SiteMatch } from './site-resolver.ts';
import type { PublicIndex } from './public-index.ts';
import type { HomeEntry, PublicColumn, ViewContext } from './views/types.ts';

/** A site's public structure: loaded once per site and cached until the site or its columns change. */
export interface SiteModel {
  siteId: number;
  /** Top-level visible columns (each with only visible children). */
  roots: PublicColumn[];
  /** Every visible column, depth first in display order. */
  flat: PublicColumn[];
  byId: Map<number, PublicColumn>;
  byPath: Map<string, PublicColumn>;
  entries: HomeEntry[];
  /** Dynamic columns (动态要闻, 通知公告) without dynamic descendants: the home page's news blocks. */
  news: PublicColumn[];
  /** The 政务公开 column: the 政府信息公开 platform's entrance. */
  zwgk: PublicColumn | null;
  /** `${zwgk.path}catalog/`: the 主动公开目录. */
  catalogPath: string | null;
  /** Where 依申请提供 items send readers to apply. */
  applyColumn: PublicColumn | null;
}

/** What the HTTP layer knows about a public request. */
export interface PortalRequest {
  /** Host header (may carry a port). */
  host: string | undefined;
  protocol: 'http' | 'https';
  /** request.url: path and query. */
  url: string;
  care: boolean;
  /**
   * The request carries a staff or citizen session: pages that may differ per person are rendered for it alone,
   * never from or into a cache shared with other visitors.
   */
  personal?: boolean;
}

export type PageResult =
  | { type: 'page'; page: CachedPage; csp: string }
  | { type: 'redirect'; status: 301 | 302; location: string }
  | { type: 'not-found' }
  | { type: 'no-site' };

/** Everything a page handler gets. */
export interface PageContext {
  site: SiteView;
  match: SiteMatch;
  model: SiteModel;
  view: ViewContext;
  query: URLSearchParams;
  /** Absolute origin for URLs in the page: GOVPORTAL_PUBLIC_URL if set, else protocol://Host. */
  origin: string;
  /** The request carries a staff or citizen session (see PortalRequest.personal). */
  personal?: boolean;
  /** The regular-expression match when the page was registered with a pattern. */
  params: RegExpExecArray | null;
  /**
   * Where this render reads published content: a streaming replica that has replayed every change this node
   * knows of (DATABASE_REPLICA_URLS), else the primary. Never for writes.
   */
  db: Db;
  /** The site's published items, checked against its visible columns (cached with the site's pages). */
  index(): Promise<PublicIndex>;
  /**
   * Renders through the page cache, keyed by site, path, origin, prefix and care mode, plus `variant`: the
   * normalised query the page depends on (e.g. `page=2`); other query parameters do not make a new entry.
   */
  cached(render: () => Promise<PageResult>, variant?: string): Promise<PageResult>;
  /** Renders a <Layout> element into a page result (status 200 unless given). */
  html(element: ReactElement, status?: number): PageResult;
  /** A non-HTML page (XML, text) with the site's Last-Modified. */
  raw(body: string, contentType: string): PageResult;
}

/** A page-cache entry that answered a request: valid while the cache still holds this very promise. */
export interface CacheEntryRef {
  siteId: number;
  key: string;
  entry: Promise<PageResult>;
}

export interface PortalPage {
  /** An exact path inside the site (`/sitemap/`) or a pattern tested against it. */
  path: string | RegExp;
  render(page: PageContext): Promise<PageResult>;
}
