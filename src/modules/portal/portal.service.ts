// Composes the public site's pages: resolves the site, loads the visible column tree, builds titles and
// meta tags, renders the views and caches the result per (site, prefix, path, care mode).
import { createElement, type ReactElement } from 'react';
import type { AppContext } from '../../context.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import { PageCache, makePage, type CachedPage } from './portal-cache.ts';
import { AssetManifest } from './assets.ts';
import { columnMeta, primaryDomain, siteMeta, type MetaTag } from './meta.ts';
import { localPath, resolveSite, type SiteMatch } from './site-resolver.ts';
import { renderDocument } from './views/render.tsx';
import { ColumnPage, HomePage, NotFoundPage, SearchPage, SitemapPage, type PageFrame } from './views/pages.tsx';
import type { ColumnContent, HomeEntry, PublicColumn, ViewContext } from './views/types.ts';

export const PORTAL_CSP =
  "default-src 'self'; script-src 'self' https://zfwzgl.www.gov.cn https://dcs.conac.cn; style-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Top-level slugs the public site cannot serve as columns at the root of a host: they are taken by the API,
 * the admin console, the assets, the care-mode switch, the cluster prefix, search and the site map.
 */
export const RESERVED_SLUGS = ['api', 'admin', 'assets', 'accessibility', 'site', 'search', 'sitemap'] as const;

/** The care-mode cookie: `1` on, `0` off. */
export const CARE_COOKIE = 'gp_care';

/** The home page's entries to the main service areas, found by column name (then by column type). */
export const HOME_ENTRIES: { label: string; names: string[]; columnTypes: string[] }[] = [
  { label: '政务公开', names: ['政务公开'], columnTypes: ['信息公开'] },
  { label: '办事服务', names: ['办事指南'], columnTypes: ['办事服务'] },
  { label: '互动交流', names: ['公众调查'], columnTypes: ['互动交流'] },
  { label: '党务公开', names: ['党务公开'], columnTypes: [] },
  { label: '三服务', names: ['三服务'], columnTypes: [] },
];

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
}

/** What the HTTP layer knows about a public request. */
export interface PortalRequest {
  /** Host header (may carry a port). */
  host: string | undefined;
  protocol: 'http' | 'https';
  /** request.url: path and query. */
  url: string;
  care: boolean;
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
  /** The regular-expression match when the page was registered with a pattern. */
  params: RegExpExecArray | null;
  /** Renders through the page cache, keyed by site, prefix, path and care mode (not the query). */
  cached(render: () => Promise<PageResult>): Promise<PageResult>;
  /** Renders a <Layout> element into a page result (status 200 unless given). */
  html(element: ReactElement, status?: number): PageResult;
}

export interface PortalPage {
  /** An exact path inside the site (`/sitemap/`) or a pattern tested against it. */
  path: string | RegExp;
  render(page: PageContext): Promise<PageResult>;
}

export type ColumnContentSource = (site: SiteView, column: PublicColumn, query: URLSearchParams) => Promise<ColumnContent>;

export interface PortalOptions {
  cache?: PageCache;
  assets?: AssetManifest;
}

const HOST_SYNTAX = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

function publicTree(nodes: ColumnNode[]): PublicColumn[] {
  return nodes.filter((n) => n.visible).map((n) => ({ ...n, children: publicTree(n.children) }));
}

function pickEntry(flat: PublicColumn[], spec: (typeof HOME_ENTRIES)[number]): PublicColumn | undefined {
  const shallowFirst = [...flat].sort((a, b) => a.depth - b.depth);
  for (const name of spec.names) {
    const found = shallowFirst.find((c) => c.name === name);
    if (found) return found;
  }
  for (const type of spec.columnTypes) {
    const found = shallowFirst.find((c) => c.columnType === type);
    if (found) return found;
  }
  return undefined;
}

/** 站点 + column names from the column up: 部门动态_工作动态_南江市政务服务管理办公室. */
export function pageTitle(site: SiteView, ...parts: string[]): string {
  return [...parts, site.name].join('_');
}

/** The site's CSP: the standard one, plus the origin of a 找错 script hosted elsewhere. */
export function cspFor(site: SiteView): string {
  if (!site.jiucuoEnabled) return PORTAL_CSP;
  try {
    const origin = new URL(site.jiucuoScriptUrl).origin;
    if (PORTAL_CSP.includes(` ${origin}`)) return PORTAL_CSP;
    return PORTAL_CSP.replace("script-src 'self'", `script-src 'self' ${origin}`);
  } catch {
    return PORTAL_CSP;
  }
}

export class PortalService {
  readonly cache: PageCache;
  readonly assets: AssetManifest;
  private readonly pages: PortalPage[] = [];
  private columnContent: ColumnContentSource = async () => ({ items: [] });

  constructor(private readonly ctx: AppContext, options: PortalOptions = {}) {
    this.cache = options.cache ?? new PageCache();
    this.assets = options.assets ?? AssetManifest.load();
    this.register({ path: '/', render: (p) => p.cached(async () => this.home(p)) });
    this.register({ path: '/sitemap/', render: (p) => p.cached(async () => this.sitemap(p)) });
    this.register({ path: '/search', render: async (p) => this.search(p) });
    this.register({ path: '/sitemap.xml', render: async (p) => this.sitemapXml(p) });
    this.register({ path: '/robots.txt', render: async (p) => (p.match.prefix ? { type: 'not-found' } : this.robotsTxt(p)) });
  }

  /** Adds a page; pages are tried in registration order, before the column pages. */
  register(page: PortalPage): void {
    this.pages.push(page);
  }

  /** Where column pages get their items (list) or body (page); until content exists they are empty. */
  setColumnContent(source: ColumnContentSource): void {
    this.columnContent = source;
  }

  /** Subscribes the cache to the changes that alter public pages. */
  watch(): void {
    this.ctx.sites.onChange((siteId) => this.invalidate(siteId));
    this.ctx.columns.onChange((siteId) => this.invalidate(siteId));
  }

  /** Drops a site's cached pages and column tree: call after anything shown on its pages changed. */
  invalidate(siteId: number): void {
    this.cache.invalidateSite(siteId);
  }

  async resolve(host: string | undefined, urlPath: string): Promise<SiteMatch | null> {
    return resolveSite(await this.ctx.sites.list(), host, urlPath);
  }

  model(siteId: number): Promise<SiteModel> {
    return this.cache.remember(siteId, 'model', async () => {
      const tree = await this.ctx.columns.tree(siteId);
      const roots = publicTree(tree.roots);
      const flat: PublicColumn[] = [];
      const walk = (nodes: PublicColumn[]) => nodes.forEach((n) => { flat.push(n); walk(n.children); });
      walk(roots);
      const entries: HomeEntry[] = [];
      for (const spec of HOME_ENTRIES) {
        const column = pickEntry(flat, spec);
        if (column) entries.push({ label: spec.label, column });
      }
      return {
        siteId, roots, flat, entries,
        byId: new Map(flat.map((c) => [c.id, c])),
        byPath: new Map(flat.map((c) => [c.path, c])),
      };
    });
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
      },
    };
  }

  /** The absolute origin for a request: GOVPORTAL_PUBLIC_URL if set, else protocol://Host (or the primary domain). */
  origin(request: Pick<PortalRequest, 'host' | 'protocol'>, site: SiteView): string {
    if (this.ctx.config.publicBaseUrl) return this.ctx.config.publicBaseUrl;
    const host = request.host && HOST_SYNTAX.test(request.host) ? request.host.toLowerCase() : primaryDomain(site);
    return `${request.protocol}://${host}`;
  }

  /** Answers a public GET: a page, a redirect, or not-found (the caller then renders the 404 page). */
  async handle(request: PortalRequest): Promise<PageResult> {
    const [urlPath, rawQuery = ''] = splitUrl(request.url);
    // Unknown API URLs keep their JSON 404 even if a column were named `api`.
    if (urlPath === '/api' || urlPath.startsWith('/api/')) return { type: 'not-found' };
    const match = await this.resolve(request.host, urlPath);
    if (!match) return { type: 'no-site' };
    if (match.redirect !== undefined) return { type: 'redirect', status: 301, location: withQuery(match.redirect, rawQuery) };
    const page = await this.pageContext(request, match, rawQuery);
    for (const candidate of this.pages) {
      if (typeof candidate.path === 'string') {
        if (candidate.path === match.path) return candidate.render(page);
      } else {
        const params = candidate.path.exec(match.path);
        if (params) return candidate.render({ ...page, params });
      }
    }
    return this.column(page, rawQuery);
  }

  /** The friendly 404 page of whichever site the URL belongs to; null when there is no site at all. */
  async notFound(request: PortalRequest): Promise<{ page: CachedPage; csp: string } | null> {
    const [urlPath] = splitUrl(request.url);
    const match = await this.resolve(request.host, urlPath);
    if (!match) return null;
    const page = await this.pageContext(request, { ...match, path: localPath(match.path) ?? '/' }, '');
    const frame = this.frame(page, pageTitle(page.site, '页面不存在'), siteMeta(page.site));
    return { page: makePage(renderDocument(createElement(NotFoundPage, { frame }), page.site), undefined, 404), csp: cspFor(page.site) };
  }

  private async pageContext(request: PortalRequest, match: SiteMatch, rawQuery: string): Promise<PageContext> {
    const { site } = match;
    const model = await this.model(site.id);
    const view = this.viewContext(site, model, match, request.care);
    const key = `${match.prefix}|${request.care ? 1 : 0}|${match.path}`;
    const csp = cspFor(site);
    return {
      site, match, model, view,
      query: new URLSearchParams(rawQuery),
      origin: this.origin(request, site),
      params: null,
      cached: (render) => this.cache.remember(site.id, `page:${key}`, render),
      html: (element, status = 200) => ({ type: 'page', page: makePage(renderDocument(element, site), undefined, status), csp }),
    };
  }

  private frame(page: PageContext, title: string, meta: MetaTag[]): PageFrame {
    return { view: page.view, title, meta };
  }

  private async home(page: PageContext): Promise<PageResult> {
    const { site, model } = page;
    const frame = this.frame(page, site.name, siteMeta(site));
    const blocks = model.roots.map((column) => ({ column }));
    return page.html(createElement(HomePage, { frame, entries: model.entries, blocks }));
  }

  private async column(page: PageContext, rawQuery: string): Promise<PageResult> {
    const { site, model, match } = page;
    const column = model.byPath.get(match.path);
    if (!column) {
      // `/gzdt/bmdt` → `/gzdt/bmdt/` (and `/sitemap` → `/sitemap/`).
      const slashed = `${match.path}/`;
      if (!match.path.endsWith('/') && (model.byPath.has(slashed) || this.pages.some((p) => p.path === slashed))) {
        return { type: 'redirect', status: 301, location: withQuery(`${match.prefix}${slashed}`, rawQuery) };
      }
      return { type: 'not-found' };
    }
    if (column.kind === 'link') {
      if (!column.linkUrl) return { type: 'not-found' };
      const location = column.linkUrl.startsWith('/') ? `${match.prefix}${column.linkUrl}` : column.linkUrl;
      return { type: 'redirect', status: 302, location };
    }
    return page.cached(async () => {
      const ancestry: PublicColumn[] = [];
      for (let c: PublicColumn | undefined = column; c; c = c.parentId === null ? undefined : model.byId.get(c.parentId)) ancestry.unshift(c);
      const title = pageTitle(site, ...[...ancestry].reverse().map((c) => c.name));
      const frame = this.frame(page, title, [...siteMeta(site), ...columnMeta(column)]);
      const content = await this.columnContent(site, column, page.query);
      return page.html(createElement(ColumnPage, { frame, column, ancestry, content }));
    });
  }

  private async sitemap(page: PageContext): Promise<PageResult> {
    const frame = this.frame(page, pageTitle(page.site, '网站地图'), siteMeta(page.site));
    return page.html(createElement(SitemapPage, { frame, roots: page.model.roots }));
  }

  private async search(page: PageContext): Promise<PageResult> {
    const q = (page.query.get('q') ?? '').trim().slice(0, 100);
    const frame = this.frame(page, pageTitle(page.site, '站内搜索'), siteMeta(page.site));
    // Not cached, so the care-mode switch can return to the same query.
    if (q) frame.view = { ...frame.view, currentPath: `${frame.view.currentPath}?q=${encodeURIComponent(q)}` };
    return page.html(createElement(SearchPage, { frame, q }));
  }

  private async sitemapXml(page: PageContext): Promise<PageResult> {
    const base = `${page.origin}${page.match.prefix}`;
    const urls = [`${base}/`, ...page.model.flat.filter((c) => c.kind !== 'link').map((c) => `${base}${c.path}`)];
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...urls.map((u) => `  <url><loc>${escapeXml(u)}</loc></url>`),
      '</urlset>',
      '',
    ].join('\n');
    return { type: 'page', page: makePage(xml, 'application/xml; charset=utf-8'), csp: PORTAL_CSP };
  }

  private async robotsTxt(page: PageContext): Promise<PageResult> {
    const text = ['User-agent: *', 'Allow: /', 'Disallow: /admin/', 'Disallow: /api/', '', `Sitemap: ${page.origin}/sitemap.xml`, ''].join('\n');
    return { type: 'page', page: makePage(text, 'text/plain; charset=utf-8'), csp: PORTAL_CSP };
  }
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf('?');
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q + 1)];
}

const withQuery = (path: string, rawQuery: string) => (rawQuery ? `${path}?${rawQuery}` : path);

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
