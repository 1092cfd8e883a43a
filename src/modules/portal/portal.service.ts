// The public site's page routing: resolves the site of a request (host, /site/<code>/ prefix), builds the
// page context (site model, published-item index, view context, page cache), and hands the request to the
// first page that answers it: pages other modules registered (portal-registry.ts), the portal's own fixed
// pages, the catalogue, content pages, RSS feeds, and finally column pages. Each page kind has its handler in
// handlers/; what a change drops from the cache is cache-invalidation.ts.
import { createElement } from 'react';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import { AssetManifest } from './assets.ts';
import { CacheInvalidation, INDEX_KEY, MODEL_KEY, pageKey } from './cache-invalidation.ts';
import { GenerationSync } from './generation.ts';
import { cataloguePage } from './handlers/catalogue.ts';
import { columnPage } from './handlers/column.ts';
import { contentPage } from './handlers/content.ts';
import { robotsTxt, rssPage } from './handlers/feeds.ts';
import { homePage } from './handlers/home.ts';
import { searchFormPage } from './handlers/search-form.ts';
import { sitemapPage, sitemapXmlPage } from './handlers/sitemap.ts';
import { primaryDomain, siteMeta, stripPort } from './meta.ts';
import type { CacheEntryRef, PageContext, PageResult, PortalPage, PortalRequest, SiteModel } from './page-context.ts';
import { PORTAL_CSP, RSS_FILE, cspFor, pageFrame, pageTitle } from './page-kit.ts';
import { type CachedPage, PageCache, makePage } from './portal-cache.ts';
import type { PortalRegistry } from './portal-registry.ts';
import * as repo from './public-content.repository.ts';
import { PublicIndex, isDynamic } from './public-index.ts';
import { type SiteMatch, localPath, resolveSite, siteForHost } from './site-resolver.ts';
import { buildSiteModel } from './site-model.ts';
import { renderDocument } from './views/render.tsx';
import { NotFoundPage } from './views/pages.tsx';
import type { ViewContext } from './views/types.ts';

export type { CacheEntryRef, PageContext, PageResult, PortalPage, PortalRequest, SiteModel } from './page-context.ts';
export {
  CARE_COOKIE,
  CATALOG_SLUG,
  GROUP_SIZE,
  HOME_NEWS_SIZE,
  PORTAL_CSP,
  RESERVED_SLUGS,
  RSS_FILE,
  RSS_SIZE,
  cspFor,
  pageTitle,
} from './page-kit.ts';
export { HOME_ENTRIES, PLATFORM_ENTRIES } from './site-model.ts';

export interface PortalOptions {
  cache?: PageCache;
  assets?: AssetManifest;
  /** How often each node compares a site's publication generation (ms); 1000 by default. */
  generationIntervalMs?: number;
}

const HOST_SYNTAX = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;
const CONTENT_PAGE = /^((?:\/[^/]+)*\/)([1-9]\d{0,11})\.html$/;

export class PortalService {
  readonly cache: PageCache;
  readonly assets: AssetManifest;
  readonly generation: GenerationSync;
  private readonly invalidation: CacheInvalidation;
  private readonly registry: PortalRegistry;
  /** The portal's own fixed pages; pages other modules register (ctx.portal) are tried before them. */
  private readonly pages: PortalPage[] = [
    { path: '/', render: (p) => p.cached(async () => homePage(p, this.registry)) },
    { path: '/sitemap/', render: (p) => p.cached(async () => sitemapPage(p)) },
    { path: '/search', render: searchFormPage },
    { path: '/sitemap.xml', render: (p) => p.cached(async () => sitemapXmlPage(p)) },
    { path: '/robots.txt', render: robotsTxt },
  ];

  constructor(
    private readonly ctx: AppContext,
    options: PortalOptions = {},
  ) {
    this.registry = ctx.portal;
    this.cache = options.cache ?? new PageCache();
    this.assets = options.assets ?? AssetManifest.load();
    this.invalidation = new CacheInvalidation(this.cache, ctx.db, ctx.dbh.dialect);
    this.generation = new GenerationSync(ctx.db, (siteId) => this.invalidation.invalidate(siteId), {
      intervalMs: options.generationIntervalMs,
      beforeStale: () => ctx.reads.advanceFence(),
    });
  }

  /** Subscribes the cache to the changes that alter public pages, and tells the other nodes about them. */
  watch(): void {
    this.invalidation.watch(this.ctx, this.generation, this.registry);
  }

  async resolve(host: string | undefined, urlPath: string): Promise<SiteMatch | null> {
    return resolveSite(await this.ctx.sites.list(), host, urlPath);
  }

  model(siteId: number): Promise<SiteModel> {
    return this.cache.remember(siteId, MODEL_KEY, async () =>
      buildSiteModel(siteId, (await this.ctx.columns.tree(siteId)).roots),
    );
  }

  /** The site's published items, checked against its visible columns; read from `db` (a replica) on a miss. */
  index(siteId: number, model: SiteModel, db: Db = this.ctx.db): Promise<PublicIndex> {
    return this.cache.remember(
      siteId,
      INDEX_KEY,
      async () => new PublicIndex(await repo.loadIndex(db, this.ctx.dbh.dialect, siteId), model.byId),
    );
  }

  viewContext(site: SiteView, model: SiteModel, match: Pick<SiteMatch, 'prefix' | 'path'>, care: boolean): ViewContext {
    return {
      site,
      prefix: match.prefix,
      currentPath: `${match.prefix}${match.path}`,
      care,
      nav: model.roots,
      assets: {
        css: this.assets.url('portal.css'),
        js: this.assets.url('portal.js'),
        favicon: this.assets.url('favicon.svg'),
        conacBadge: this.assets.url('conac.svg'),
        policeBadge: this.assets.url('police.svg'),
        leaderPlaceholder: this.assets.url('leader-placeholder.svg'),
        jiucuo: this.assets.url('jiucuo.js'),
      },
    };
  }

  /**
   * The absolute origin for a request: GOVPORTAL_PUBLIC_URL if set, else protocol://Host when the Host is one
   * of the sites' domains, else the primary domain of the site answering it (so forged Host headers neither
   * leak into pages nor multiply cache entries).
   */
  origin(request: Pick<PortalRequest, 'host' | 'protocol'>, sites: SiteView[]): string {
    if (this.ctx.config.publicBaseUrl) return this.ctx.config.publicBaseUrl;
    const host = (request.host ?? '').toLowerCase();
    const known = HOST_SYNTAX.test(host) && sites.some((s) => s.domains.some((d) => stripPort(d) === stripPort(host)));
    const fallback = siteForHost(sites, request.host);
    return `${request.protocol}://${known ? host : fallback ? primaryDomain(fallback) : 'localhost'}`;
  }

  /**
   * Answers a public GET: a page, a redirect, or not-found (the caller then renders the 404 page). `onCached`
   * learns which page-cache entry answered, so the front door can serve the URL from it while it lasts.
   */
  async handle(request: PortalRequest, onCached?: (entry: CacheEntryRef) => void): Promise<PageResult> {
    const [urlPath, rawQuery = ''] = splitUrl(request.url);
    // Unknown API URLs keep their JSON 404 even if a column were named `api`.
    if (urlPath === '/api' || urlPath.startsWith('/api/')) return { type: 'not-found' };
    const sites = await this.ctx.sites.list();
    const match = resolveSite(sites, request.host, urlPath);
    if (!match) return { type: 'no-site' };
    if (match.redirect !== undefined)
      return { type: 'redirect', status: 301, location: withQuery(match.redirect, rawQuery) };
    await this.generation.check(match.site.id);
    // A render reads a replica only once this node has looked at the site's generation (ReadReplicas: fence).
    return this.ctx.reads.read(
      async (db) => this.route(await this.pageContext(request, match, rawQuery, sites, onCached, db), rawQuery),
      { replica: this.generation.looked(match.site.id) },
    );
  }

  /** The first page that answers the path, in the order the file comment gives. */
  private route(page: PageContext, rawQuery: string): Promise<PageResult> {
    const { match, model } = page;
    for (const candidate of this.allPages()) {
      if (typeof candidate.path === 'string') {
        if (candidate.path === match.path) return candidate.render(page);
      } else {
        const params = candidate.path.exec(match.path);
        if (params) return candidate.render({ ...page, params });
      }
    }
    if (match.path === model.catalogPath) return cataloguePage(page);
    const content = CONTENT_PAGE.exec(match.path);
    if (content) return contentPage(page, page.db, this.registry, Number(content[2]));
    if (match.path.endsWith(`/${RSS_FILE}`)) {
      const column = model.byPath.get(match.path.slice(0, -RSS_FILE.length));
      if (column && isDynamic(column)) return rssPage(page, column);
    }
    return columnPage(page, rawQuery, {
      db: page.db,
      registry: this.registry,
      hasPage: (path) => this.allPages().some((p) => p.path === path),
    });
  }

  private allPages(): PortalPage[] {
    return [...this.registry.pages, ...this.pages];
  }

  /** The friendly 404 page of whichever site the URL belongs to; null when there is no site at all. */
  async notFound(request: PortalRequest): Promise<{ page: CachedPage; csp: string } | null> {
    const [urlPath] = splitUrl(request.url);
    const sites = await this.ctx.sites.list();
    const match = resolveSite(sites, request.host, urlPath);
    if (!match) return null;
    const page = await this.pageContext(request, { ...match, path: localPath(match.path) ?? '/' }, '', sites);
    const frame = pageFrame(page, pageTitle(page.site, '页面不存在'), siteMeta(page.site));
    return {
      page: makePage(renderDocument(createElement(NotFoundPage, { frame })), undefined, 404),
      csp: cspFor(page.site),
    };
  }

  private async pageContext(
    request: PortalRequest,
    match: SiteMatch,
    rawQuery: string,
    sites: SiteView[],
    onCached?: (entry: CacheEntryRef) => void,
    db: Db = this.ctx.db,
  ): Promise<PageContext> {
    const { site } = match;
    const model = await this.model(site.id);
    const view = this.viewContext(site, model, match, request.care);
    const origin = this.origin(request, sites);
    const rest = `${origin}|${match.prefix}|${request.care ? 1 : 0}`;
    const csp = cspFor(site);
    return {
      site,
      match,
      model,
      view,
      origin,
      query: new URLSearchParams(rawQuery),
      personal: request.personal === true,
      params: null,
      db,
      index: () => this.index(site.id, model, db),
      cached: (render, variant = '') => {
        const key = pageKey(match.path, `${rest}|${variant}`);
        const entry = this.cache.remember(site.id, key, render);
        onCached?.({ siteId: site.id, key, entry });
        return entry;
      },
      html: (element, status = 200) => ({
        type: 'page',
        page: makePage(renderDocument(element), undefined, status, this.invalidation.lastModified(site.id)),
        csp,
      }),
      raw: (body, contentType) => ({
        type: 'page',
        page: makePage(body, contentType, 200, this.invalidation.lastModified(site.id)),
        csp: PORTAL_CSP,
      }),
    };
  }
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf('?');
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q + 1)];
}

const withQuery = (path: string, rawQuery: string) => (rawQuery ? `${path}?${rawQuery}` : path);
