// Composes the public site's pages: resolves the site, loads the visible column tree and the published items,
// builds titles and meta tags, renders the views and caches the result per (site, path, origin, prefix, care
// mode, normalised query). Publication and withdrawal invalidate precisely the pages they affect; other app
// nodes learn of changes through the site's publication generation (generation.ts).
import { createElement } from 'react';
import type { AppContext } from '../../context.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import type { PublicationChange } from '../publication/publication.service.ts';
import { plainText } from '../content/sanitize.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { PageCache, makePage, type CachedPage } from './portal-cache.ts';
import { AssetManifest } from './assets.ts';
import { articleMeta, columnMeta, primaryDomain, siteMeta, stripPort, type MetaTag } from './meta.ts';
import { localPath, resolveSite, siteForHost, type SiteMatch } from './site-resolver.ts';
import { GenerationSync } from './generation.ts';
import * as repo from './public-content.repository.ts';
import type { CacheEntryRef, PageContext, PageResult, PortalPage, PortalRequest, SiteModel } from './page-context.ts';
import type { PortalRegistry } from './portal-registry.ts';
import type { IndexedItem } from './public-content.repository.ts';
import { PublicIndex, isDynamic, isLeaderColumn } from './public-index.ts';
import {
  PAGE_SIZE,
  attachmentLinks,
  cacheableCatalogue,
  catalogueFilters,
  catalogueOptions,
  catalogueQuery,
  entryMetaRows,
  filterCatalogue,
  pageCount,
  pageParam,
  photoUrl,
  policyMetaRows,
} from './public-pages.ts';
import { rssXml, sitemapXml, type SitemapUrl } from './feeds.ts';
import { renderDocument } from './views/render.tsx';
import { ColumnPage, HomePage, NotFoundPage, SearchPage, SitemapPage, type PageFrame } from './views/pages.tsx';
import {
  CataloguePage,
  ContentPage,
  ZwgkPage,
  type ContentView,
  type PlatformEntry,
  type RelatedList,
} from './views/content.tsx';
import { FileList } from './views/parts.tsx';
import type {
  ColumnContent,
  HeadLink,
  HomeEntry,
  ItemGroup,
  ItemSummary,
  PublicColumn,
  ViewContext,
} from './views/types.ts';

export const PORTAL_CSP =
  "default-src 'self'; script-src 'self' https://zfwzgl.www.gov.cn https://dcs.conac.cn; style-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * Top-level slugs the public site cannot serve as columns at the root of a host: they are taken by the API,
 * the admin console, the assets, the care-mode switch, the cluster prefix, search and the site map.
 */
export const RESERVED_SLUGS = [
  'api',
  'admin',
  'assets',
  'accessibility',
  'site',
  'search',
  'sitemap',
  'files',
  'user',
] as const;

/**
 * Paths taken inside columns: the 主动公开目录 at `${政务公开.path}catalog/` (a child column with this slug
 * under 政务公开 is shadowed by it), each dynamic column's `rss.xml`, and content pages `<id>.html`.
 */
export const CATALOG_SLUG = 'catalog';
export const RSS_FILE = 'rss.xml';

/** The care-mode cookie: `1` on, `0` off. */
export const CARE_COOKIE = 'gp_care';

/** How many newest items the home page shows per dynamic column. */
export const HOME_NEWS_SIZE = 8;
/** How many newest items a child column shows on its parent's page, and the 政务公开 entrance shows. */
export const GROUP_SIZE = 5;
/** Items in an RSS feed. */
export const RSS_SIZE = 50;

/** The home page's entries to the main service areas, found by column name (then by column type). */
export const HOME_ENTRIES: { label: string; names: string[]; columnTypes: string[] }[] = [
  { label: '政务公开', names: ['政务公开'], columnTypes: ['信息公开'] },
  { label: '办事服务', names: ['办事指南'], columnTypes: ['办事服务'] },
  { label: '互动交流', names: ['互动交流', '意见征集'], columnTypes: ['互动交流'] },
  { label: '公众调查', names: ['公众调查'], columnTypes: [] },
  { label: '党务公开', names: ['党务公开'], columnTypes: [] },
  { label: '三服务', names: ['三服务'], columnTypes: [] },
];

/** The entries of the 政府信息公开 platform on the 政务公开 page, found by name below it. */
export const PLATFORM_ENTRIES = [
  '政府信息公开指南',
  '政府信息公开制度',
  '政府信息公开年度报告',
  '主动公开目录',
  '依申请公开',
] as const;

export type { CacheEntryRef, PageContext, PageResult, PortalPage, PortalRequest, SiteModel } from './page-context.ts';

export interface PortalOptions {
  cache?: PageCache;
  assets?: AssetManifest;
  /** How often each node compares a site's publication generation (ms); 1000 by default. */
  generationIntervalMs?: number;
}

const HOST_SYNTAX = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;
const CONTENT_PAGE = /^((?:\/[^/]+)*\/)([1-9]\d{0,11})\.html$/;

/** Cache keys of pages: `page|<path in site>|<origin>|<prefix>|<care>|<variant>` — the path first, for invalidation. */
const pageKey = (path: string, rest: string) => `page|${path}|${rest}`;
const keyPath = (key: string) => (key.startsWith('page|') ? key.slice(5, key.indexOf('|', 5)) : null);

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

function descendants(column: PublicColumn): PublicColumn[] {
  return column.children.flatMap((c) => [c, ...descendants(c)]);
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

const summaryOf = (item: IndexedItem, index: PublicIndex): ItemSummary => ({
  title: item.title,
  url: index.path(item),
  publishedAt: item.pubDate,
});

export class PortalService {
  readonly cache: PageCache;
  readonly assets: AssetManifest;
  readonly generation: GenerationSync;
  /** The portal's own pages; pages other modules register (ctx.portal) are tried before them. */
  private readonly pages: PortalPage[] = [];
  private readonly registry: PortalRegistry;
  /** Per site, when its pages were last invalidated (ms since the epoch): Last-Modified moves past it. */
  private readonly invalidatedAt = new Map<number, number>();
  /** Per site, the publication changes being applied, one after the other. */
  private readonly changes = new Map<number, Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    options: PortalOptions = {},
  ) {
    this.registry = ctx.portal;
    this.cache = options.cache ?? new PageCache();
    this.assets = options.assets ?? AssetManifest.load();
    this.generation = new GenerationSync(ctx.db, (siteId) => this.invalidate(siteId), {
      intervalMs: options.generationIntervalMs,
    });
    this.register({ path: '/', render: (p) => p.cached(async () => this.home(p)) });
    this.register({ path: '/sitemap/', render: (p) => p.cached(async () => this.sitemap(p)) });
    this.register({ path: '/search', render: async (p) => this.search(p) });
    this.register({ path: '/sitemap.xml', render: (p) => p.cached(async () => this.sitemapXml(p)) });
    this.register({
      path: '/robots.txt',
      render: async (p) => (p.match.prefix ? { type: 'not-found' } : this.robotsTxt(p)),
    });
  }

  private register(page: PortalPage): void {
    this.pages.push(page);
  }

  /** Subscribes the cache to the changes that alter public pages, and tells the other nodes about them. */
  watch(): void {
    const changed = (siteId: number) => {
      this.invalidate(siteId);
      return this.generation.bump(siteId, this.ctx.clock.now().toISOString());
    };
    this.ctx.sites.onChange(changed);
    this.ctx.columns.onChange(changed);
    this.ctx.publication.onChange(async (change) => {
      await this.applyPublication(change);
      await this.generation.bump(change.siteId, this.ctx.clock.now().toISOString());
    });
    this.registry.attach((siteId) => void changed(siteId));
  }

  /** Drops a site's cached pages and column tree: call after anything shown on its pages changed. */
  invalidate(siteId: number): void {
    this.invalidatedAt.set(siteId, Date.now());
    this.cache.invalidateSite(siteId);
  }

  /**
   * Drops what a publication or withdrawal changes: the item's page wherever it was, every page under its
   * columns (their pagination, their items' previous/next links, their RSS), its columns' ancestors (grouped
   * lists, feeds), the pages of the items linked to it (相关解读 / 解读的文件), the home page, the 政务公开
   * entrance, the catalogue and sitemap.xml — and applies the change to the in-memory index of published items
   * (one row read, not the whole site). When the index or the column tree is not at hand (the item may have
   * moved from a column we cannot name), the whole site is dropped instead. Changes of one site are applied one
   * after the other, so two publications of the same item cannot leave the older row in the index.
   */
  applyPublication(change: PublicationChange): Promise<void> {
    const { siteId } = change;
    const run = (this.changes.get(siteId) ?? Promise.resolve())
      .then(() => this.applyOne(change))
      .catch(() => this.invalidate(siteId));
    this.changes.set(siteId, run);
    void run.then(() => {
      if (this.changes.get(siteId) === run) this.changes.delete(siteId);
    });
    return run;
  }

  private async applyOne(change: PublicationChange): Promise<void> {
    const { siteId, contentId } = change;
    const modelP = this.cache.peek<SiteModel>(siteId, 'model');
    const indexP = this.cache.peek<PublicIndex>(siteId, 'index');
    if (!modelP || !indexP) return this.invalidate(siteId);
    const [model, oldIndex, links, item] = await Promise.all([
      modelP,
      indexP,
      repo.linksOf(this.ctx.db, contentId),
      repo.loadIndexItem(this.ctx.db, this.ctx.dbh.dialect, siteId, contentId),
    ]);
    // From here on nothing awaits, so no render can slip in between the decision and the drop.
    const before = oldIndex.byId.get(contentId);
    const prefixes = new Set<string>();
    const exact = new Set<string>(['/', '/sitemap.xml']);
    if (model.zwgk) exact.add(model.zwgk.path);
    if (model.catalogPath) exact.add(model.catalogPath);
    for (const columnId of new Set([...change.columnIds, ...(item?.columnIds ?? []), ...(before?.columnIds ?? [])])) {
      const column = model.byId.get(columnId);
      if (!column) continue;
      prefixes.add(column.path);
      for (
        let c = column.parentId === null ? undefined : model.byId.get(column.parentId);
        c;
        c = c.parentId === null ? undefined : model.byId.get(c.parentId)
      ) {
        exact.add(c.path);
        exact.add(`${c.path}${RSS_FILE}`);
      }
    }
    const pageNames = [contentId, ...links.policyIds, ...links.interpretationIds].map((id) => `/${id}.html`);
    this.invalidatedAt.set(siteId, Date.now());
    this.cache.invalidate(siteId, (key) => {
      const path = keyPath(key);
      if (path === null) return key !== 'model' && key !== 'index';
      if (exact.has(path)) return true;
      for (const p of prefixes) if (path.startsWith(p)) return true;
      return pageNames.some((name) => path.endsWith(name));
    });
    // An index built since we looked was built after the change was committed: it is current already.
    if (this.cache.peek(siteId, 'index') === indexP) {
      if (this.cache.peek(siteId, 'model') === modelP)
        this.cache.set(siteId, 'index', Promise.resolve(oldIndex.with(contentId, item)));
      else this.cache.invalidate(siteId, (key) => key === 'index');
    }
  }

  /**
   * Last-Modified of a page rendered now: whole seconds, and always after the site's last invalidation, so a
   * page re-rendered in the same second as the change it shows still has a newer date than the stale copy.
   */
  lastModified(siteId: number): Date {
    const now = Math.floor(Date.now() / 1000) * 1000;
    const dropped = this.invalidatedAt.get(siteId);
    return new Date(dropped === undefined ? now : Math.max(now, Math.floor(dropped / 1000) * 1000 + 1000));
  }

  async resolve(host: string | undefined, urlPath: string): Promise<SiteMatch | null> {
    return resolveSite(await this.ctx.sites.list(), host, urlPath);
  }

  model(siteId: number): Promise<SiteModel> {
    return this.cache.remember(siteId, 'model', async () => {
      const tree = await this.ctx.columns.tree(siteId);
      const roots = publicTree(tree.roots);
      const flat: PublicColumn[] = [];
      const walk = (nodes: PublicColumn[]) =>
        nodes.forEach((n) => {
          flat.push(n);
          walk(n.children);
        });
      walk(roots);
      const entries: HomeEntry[] = [];
      for (const spec of HOME_ENTRIES) {
        const column = pickEntry(flat, spec);
        if (column) entries.push({ label: spec.label, column });
      }
      const zwgk = pickEntry(flat, HOME_ENTRIES[0]!) ?? null;
      const below = zwgk ? descendants(zwgk) : flat;
      return {
        siteId,
        roots,
        flat,
        entries,
        byId: new Map(flat.map((c) => [c.id, c])),
        byPath: new Map(flat.map((c) => [c.path, c])),
        news: flat.filter((c) => isDynamic(c) && !descendants(c).some(isDynamic)),
        zwgk,
        catalogPath: zwgk && zwgk.kind !== 'link' ? `${zwgk.path}${CATALOG_SLUG}/` : null,
        applyColumn:
          below.find((c) => c.name === '依申请公开' && c.kind !== 'link') ??
          flat.find((c) => c.name === '依申请公开') ??
          null,
      };
    });
  }

  /** The site's published items, checked against its visible columns. */
  index(siteId: number, model: SiteModel): Promise<PublicIndex> {
    return this.cache.remember(
      siteId,
      'index',
      async () => new PublicIndex(await repo.loadIndex(this.ctx.db, this.ctx.dbh.dialect, siteId), model.byId),
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
    const page = await this.pageContext(request, match, rawQuery, sites, onCached);
    for (const candidate of [...this.registry.pages, ...this.pages]) {
      if (typeof candidate.path === 'string') {
        if (candidate.path === match.path) return candidate.render(page);
      } else {
        const params = candidate.path.exec(match.path);
        if (params) return candidate.render({ ...page, params });
      }
    }
    if (match.path === page.model.catalogPath) return this.catalogue(page);
    const content = CONTENT_PAGE.exec(match.path);
    if (content) return this.content(page, Number(content[2]));
    if (match.path.endsWith(`/${RSS_FILE}`)) {
      const column = page.model.byPath.get(match.path.slice(0, -RSS_FILE.length));
      if (column && isDynamic(column)) return this.rss(page, column);
    }
    return this.column(page, rawQuery);
  }

  /** The friendly 404 page of whichever site the URL belongs to; null when there is no site at all. */
  async notFound(request: PortalRequest): Promise<{ page: CachedPage; csp: string } | null> {
    const [urlPath] = splitUrl(request.url);
    const sites = await this.ctx.sites.list();
    const match = resolveSite(sites, request.host, urlPath);
    if (!match) return null;
    const page = await this.pageContext(request, { ...match, path: localPath(match.path) ?? '/' }, '', sites);
    const frame = this.frame(page, pageTitle(page.site, '页面不存在'), siteMeta(page.site));
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
      params: null,
      index: () => this.index(site.id, model),
      cached: (render, variant = '') => {
        const key = pageKey(match.path, `${rest}|${variant}`);
        const entry = this.cache.remember(site.id, key, render);
        onCached?.({ siteId: site.id, key, entry });
        return entry;
      },
      html: (element, status = 200) => ({
        type: 'page',
        page: makePage(renderDocument(element), undefined, status, this.lastModified(site.id)),
        csp,
      }),
      raw: (body, contentType) => ({
        type: 'page',
        page: makePage(body, contentType, 200, this.lastModified(site.id)),
        csp: PORTAL_CSP,
      }),
    };
  }

  private frame(page: PageContext, title: string, meta: MetaTag[], links?: HeadLink[]): PageFrame {
    return { view: page.view, title, meta, ...(links && links.length ? { links } : {}) };
  }

  private ancestry(model: SiteModel, column: PublicColumn): PublicColumn[] {
    const out: PublicColumn[] = [];
    for (let c: PublicColumn | undefined = column; c; c = c.parentId === null ? undefined : model.byId.get(c.parentId))
      out.unshift(c);
    return out;
  }

  private feedLink(column: PublicColumn): HeadLink {
    return {
      rel: 'alternate',
      type: 'application/rss+xml',
      title: `${column.name} RSS`,
      href: `${column.path}${RSS_FILE}`,
    };
  }

  // ---------- home ----------

  private async home(page: PageContext): Promise<PageResult> {
    const { site, model } = page;
    const index = await this.index(site.id, model);
    const frame = this.frame(page, site.name, siteMeta(site));
    const blocks = model.roots.map((column) => ({ column }));
    const news: ItemGroup[] = model.news.map((column) => ({
      column,
      items: index
        .inSubtree(column)
        .slice(0, HOME_NEWS_SIZE)
        .map((i) => summaryOf(i, index)),
    }));
    const notices = await this.registry.homeNotices(site.id);
    return page.html(createElement(HomePage, { frame, entries: model.entries, blocks, news, notices }));
  }

  // ---------- column pages ----------

  private async column(page: PageContext, rawQuery: string): Promise<PageResult> {
    const { site, model, match } = page;
    const column = model.byPath.get(match.path);
    if (!column) {
      // `/gzdt/bmdt` → `/gzdt/bmdt/` (and `/sitemap` → `/sitemap/`).
      const slashed = `${match.path}/`;
      if (
        !match.path.endsWith('/') &&
        (model.byPath.has(slashed) ||
          slashed === model.catalogPath ||
          [...this.registry.pages, ...this.pages].some((p) => p.path === slashed))
      ) {
        return { type: 'redirect', status: 301, location: withQuery(`${match.prefix}${slashed}`, rawQuery) };
      }
      return { type: 'not-found' };
    }
    if (column.kind === 'link') {
      if (!column.linkUrl) return { type: 'not-found' };
      const location = column.linkUrl.startsWith('/') ? `${match.prefix}${column.linkUrl}` : column.linkUrl;
      return { type: 'redirect', status: 302, location };
    }
    const pageNo = pageParam(page.query.get('page'));
    if (pageNo === null) return { type: 'not-found' };
    const ancestry = this.ancestry(model, column);
    const names = [...ancestry].reverse().map((c) => c.name);
    const meta = [...siteMeta(site), ...columnMeta(column)];

    const provided = this.registry.contentFor(column);
    if (provided) {
      const request = { page, column, ancestry, pageNo };
      const variant = provided.options.variant ? provided.options.variant(request) : `page=${pageNo}`;
      const render = async (): Promise<PageResult> => {
        const result = await provided.source(request);
        if (result === 'not-found') return { type: 'not-found' };
        const { links, ...content } = result;
        return page.html(
          createElement(ColumnPage, {
            frame: this.frame(page, pageTitle(site, ...names), meta, links),
            column,
            ancestry,
            content,
          }),
        );
      };
      return variant === null ? render() : page.cached(render, variant);
    }

    if (model.zwgk && column.id === model.zwgk.id) {
      if (pageNo !== 1) return { type: 'not-found' };
      return page.cached(async () => this.zwgk(page, column, meta, names));
    }

    const index = await this.index(site.id, model);
    const own = index.inColumn(column.id);
    const links: HeadLink[] = isDynamic(column) ? [this.feedLink(column)] : [];
    const feed = isDynamic(column) ? `${column.path}${RSS_FILE}` : undefined;

    if (column.kind === 'page') {
      if (pageNo !== 1) return { type: 'not-found' };
      return page.cached(async () => {
        const content: ColumnContent = {
          items: [],
          body: await this.pageBody(page, own.find((i) => i.type === 'page') ?? own[0]),
        };
        return page.html(
          createElement(ColumnPage, {
            frame: this.frame(page, pageTitle(site, ...names), meta, links),
            column,
            ancestry,
            content,
          }),
        );
      });
    }

    if (isLeaderColumn(column)) {
      if (pageNo !== 1) return { type: 'not-found' };
      return page.cached(async () => {
        const leaders = own.filter((i) => i.type === 'leader');
        const snapshots = await repo.publishedSnapshots(
          this.ctx.db,
          site.id,
          leaders.map((l) => l.id),
        );
        const files = await repo.publicFiles(
          this.ctx.db,
          leaders.map((l) => l.id),
        );
        const content: ColumnContent = {
          items: [],
          leaders: leaders.map((l) => {
            const s = snapshots.get(l.id);
            return {
              name: l.title,
              url: index.path(l),
              post: s?.fields.post ?? '',
              duties: s?.fields.duties ?? '',
              photo: s
                ? photoUrl(
                    s,
                    files.filter((f) => f.contentId === l.id),
                  )
                : null,
            };
          }),
        };
        return page.html(
          createElement(ColumnPage, {
            frame: this.frame(page, pageTitle(site, ...names), meta, links),
            column,
            ancestry,
            content,
          }),
        );
      });
    }

    if (own.length === 0 && column.children.length > 0) {
      if (pageNo !== 1) return { type: 'not-found' };
      return page.cached(async () => {
        const groups = column.children
          .filter((c) => c.kind !== 'link')
          .map((c) => ({
            column: c,
            items: index
              .inSubtree(c)
              .slice(0, GROUP_SIZE)
              .map((i) => summaryOf(i, index)),
          }))
          .filter((g) => g.items.length > 0);
        const content: ColumnContent = { items: [], groups, ...(feed ? { feed } : {}) };
        return page.html(
          createElement(ColumnPage, {
            frame: this.frame(page, pageTitle(site, ...names), meta, links),
            column,
            ancestry,
            content,
          }),
        );
      });
    }

    const pages = pageCount(own.length);
    if (pageNo > pages) return { type: 'not-found' };
    return page.cached(async () => {
      const url = (n: number) => (n === 1 ? column.path : `${column.path}?page=${n}`);
      const items = own.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE).map((i) => summaryOf(i, index));
      const headLinks = [
        ...links,
        ...(pageNo > 1 ? [{ rel: 'prev', href: url(pageNo - 1) }] : []),
        ...(pageNo < pages ? [{ rel: 'next', href: url(pageNo + 1) }] : []),
      ];
      const title =
        pageNo > 1 ? pageTitle(site, `${column.name}（第${pageNo}页）`, ...names.slice(1)) : pageTitle(site, ...names);
      const content: ColumnContent = {
        items,
        pagination: { page: pageNo, pageCount: pages, total: own.length, pageUrl: url },
        ...(feed ? { feed } : {}),
      };
      return page.html(
        createElement(ColumnPage, { frame: this.frame(page, title, meta, headLinks), column, ancestry, content }),
      );
    }, `page=${pageNo}`);
  }

  /** The body of a single-page column: its newest published page item, with its attachments. */
  private async pageBody(page: PageContext, item: IndexedItem | undefined) {
    if (!item) return undefined;
    const detail = await repo.findPublished(this.ctx.db, page.site.id, item.id);
    if (!detail || !detail.bodyPublic) return undefined;
    const files = attachmentLinks(detail.snapshot, await repo.publicFiles(this.ctx.db, [item.id]));
    if (!detail.snapshot.bodyHtml && files.length === 0) return undefined;
    return createElement(
      'div',
      { className: 'page-content', 'data-content-id': item.id },
      // The body was sanitised against the allow-list when it was saved (content/sanitize.ts).
      detail.snapshot.bodyHtml
        ? createElement('div', {
            className: 'article-body',
            dangerouslySetInnerHTML: { __html: detail.snapshot.bodyHtml },
          })
        : null,
      createElement(FileList, { view: page.view, files, headingId: 'page-attachments-title' }),
    );
  }

  // ---------- 政务公开 and the 主动公开目录 ----------

  private async zwgk(page: PageContext, column: PublicColumn, meta: MetaTag[], names: string[]): Promise<PageResult> {
    const { site, model } = page;
    const index = await this.index(site.id, model);
    const below = descendants(column);
    const entries: PlatformEntry[] = [];
    for (const label of PLATFORM_ENTRIES) {
      if (label === '主动公开目录') {
        if (model.catalogPath)
          entries.push({
            label,
            path: model.catalogPath,
            description: '按索引号、主题分类、发文机关、年份和有效性检索',
          });
        continue;
      }
      const found = below.find((c) => c.name === label);
      if (found)
        entries.push({
          label,
          path: found.kind === 'link' && found.linkUrl ? found.linkUrl : found.path,
          description: found.description,
        });
    }
    const latest = index
      .inSubtree(column)
      .slice(0, 10)
      .map((i) => summaryOf(i, index));
    return page.html(
      createElement(ZwgkPage, { frame: this.frame(page, pageTitle(site, ...names), meta), column, entries, latest }),
    );
  }

  private async catalogue(page: PageContext): Promise<PageResult> {
    const { site, model } = page;
    const zwgk = model.zwgk!;
    const path = model.catalogPath!;
    const pageNo = pageParam(page.query.get('page'));
    if (pageNo === null) return { type: 'not-found' };
    const index = await this.index(site.id, model);
    const all = index.catalogue();
    const filters = catalogueFilters(page.query);
    const options = catalogueOptions(all);
    const found = filterCatalogue(all, filters);
    const pages = pageCount(found.length);
    if (pageNo > pages) return { type: 'not-found' };
    const render = async (): Promise<PageResult> => {
      const url = (n: number) => `${path}${catalogueQuery(filters, n)}`;
      const rows = found.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE).map((e) => ({
        title: e.title,
        url: index.path(e),
        indexNo: e.indexNo ?? '',
        organ: e.issuingOrgan ?? '',
        docNumber: e.docNumber ?? '',
        writtenDate: e.writtenDate ?? '',
        pubDate: shanghaiDate(e.pubDate),
        validity: e.validity ?? '',
      }));
      const meta = [
        ...siteMeta(site),
        ...columnMeta({
          name: '主动公开目录',
          description: `${site.name}主动公开的政府信息目录，可按索引号、主题分类、发文机关、年份和有效性检索`,
          keywords: '主动公开目录,政府信息公开,索引号',
          columnType: '信息公开',
        }),
      ];
      const links: HeadLink[] = [
        ...(pageNo > 1 ? [{ rel: 'prev', href: url(pageNo - 1) }] : []),
        ...(pageNo < pages ? [{ rel: 'next', href: url(pageNo + 1) }] : []),
      ];
      const frame = this.frame(page, pageTitle(site, '主动公开目录', zwgk.name), meta, links);
      // The care-mode switch returns to the same filtered page.
      frame.view = { ...frame.view, currentPath: `${frame.view.currentPath}${catalogueQuery(filters, pageNo)}` };
      return page.html(
        createElement(CataloguePage, {
          frame,
          zwgk,
          path,
          filters,
          options,
          rows,
          pagination: { page: pageNo, pageCount: pages, total: found.length, pageUrl: url },
        }),
      );
    };
    return cacheableCatalogue(filters, options) ? page.cached(render, catalogueQuery(filters, pageNo)) : render();
  }

  // ---------- content pages ----------

  private async content(page: PageContext, id: number): Promise<PageResult> {
    const { site, model, match } = page;
    const index = await this.index(site.id, model);
    const entry = index.byId.get(id);
    if (!entry) return { type: 'not-found' };
    const canonical = index.path(entry);
    if (canonical !== match.path) return { type: 'redirect', status: 301, location: `${match.prefix}${canonical}` };
    return page.cached(async () => {
      const detail = await repo.findPublished(this.ctx.db, site.id, id);
      if (!detail) return { type: 'not-found' };
      const s = detail.snapshot;
      const column = index.columnOf(entry);
      const ancestry = this.ancestry(model, column);
      const [files, links] = await Promise.all([repo.publicFiles(this.ctx.db, [id]), repo.linksOf(this.ctx.db, id)]);
      const published = (ids: number[]) =>
        ids
          .map((i) => index.byId.get(i))
          .filter((i): i is IndexedItem => !!i)
          .map((i) => summaryOf(i, index));
      const related: RelatedList[] = [];
      const interpretations = published(links.interpretationIds);
      const policies = published(links.policyIds);
      if (interpretations.length) related.push({ heading: '相关解读', items: interpretations });
      if (policies.length) related.push({ heading: '解读的文件', items: policies });
      const list = index.inColumn(column.id);
      const at = list.findIndex((i) => i.id === id);
      const neighbour = (i: number) => (list[i] ? summaryOf(list[i]!, index) : null);
      const bodyText = detail.bodyPublic ? plainText(s.bodyHtml) : '';
      const source = s.source || site.sponsor;
      const item: ContentView = {
        id,
        title: detail.title,
        subtitle: s.subtitle,
        source,
        author: s.author,
        pubDate: detail.pubDate,
        updatedAt: detail.updatedAt,
        bodyHtml: detail.bodyPublic ? s.bodyHtml : null,
        attachments: detail.bodyPublic ? attachmentLinks(s, files) : [],
        docMeta:
          detail.type === 'policy'
            ? policyMetaRows(detail, s)
            : detail.indexNo || !detail.bodyPublic
              ? entryMetaRows(detail, s, site.sponsor)
              : null,
        related,
        prev: at > 0 ? neighbour(at - 1) : null,
        next: at >= 0 ? neighbour(at + 1) : null,
        leader:
          detail.type === 'leader'
            ? {
                post: s.fields.post ?? '',
                duties: s.fields.duties ?? '',
                resume: s.fields.resume ?? '',
                photo: detail.bodyPublic ? photoUrl(s, files) : null,
              }
            : null,
        apply: detail.bodyPublic ? null : { href: model.applyColumn?.path ?? null },
      };
      const meta = [
        ...siteMeta(site),
        ...columnMeta(column),
        ...articleMeta({
          title: detail.title,
          publishedAt: detail.pubDate,
          source,
          keywords: s.keywords || column.keywords || column.name,
          description: (s.summary || bodyText.slice(0, 80) || detail.title).trim(),
          author: s.author || undefined,
          url: `${page.origin}${match.prefix}${canonical}`,
        }),
      ];
      const frame = this.frame(page, pageTitle(site, detail.title, column.name), meta);
      return page.html(createElement(ContentPage, { frame, column, ancestry, item }));
    });
  }

  // ---------- feeds, maps, search, robots ----------

  private async rss(page: PageContext, column: PublicColumn): Promise<PageResult> {
    return page.cached(async () => {
      const { site, model, origin, match } = page;
      const index = await this.index(site.id, model);
      const base = `${origin}${match.prefix}`;
      const xml = rssXml({
        title: `${column.name}_${site.name}`,
        link: `${base}${column.path}`,
        self: `${base}${column.path}${RSS_FILE}`,
        description: column.description || column.name,
        items: index
          .inSubtree(column)
          .slice(0, RSS_SIZE)
          .map((i) => ({
            title: i.title,
            link: `${base}${index.path(i)}`,
            pubDate: i.pubDate,
            description: i.summary,
          })),
      });
      return page.raw(xml, 'application/rss+xml; charset=utf-8');
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
    const { site, model } = page;
    const index = await this.index(site.id, model);
    const base = `${page.origin}${page.match.prefix}`;
    const urls: SitemapUrl[] = [
      { loc: `${base}/` },
      ...model.flat.filter((c) => c.kind !== 'link').map((c) => ({ loc: `${base}${c.path}` })),
      ...(model.catalogPath ? [{ loc: `${base}${model.catalogPath}` }] : []),
      ...index.items.map((i) => ({ loc: `${base}${index.path(i)}`, lastmod: i.updatedAt ?? i.pubDate })),
    ];
    return page.raw(sitemapXml(urls), 'application/xml; charset=utf-8');
  }

  private async robotsTxt(page: PageContext): Promise<PageResult> {
    const text = [
      'User-agent: *',
      'Allow: /',
      'Disallow: /admin/',
      'Disallow: /api/',
      '',
      `Sitemap: ${page.origin}/sitemap.xml`,
      '',
    ].join('\n');
    return { type: 'page', page: makePage(text, 'text/plain; charset=utf-8'), csp: PORTAL_CSP };
  }
}

function splitUrl(url: string): [string, string] {
  const q = url.indexOf('?');
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q + 1)];
}

const withQuery = (path: string, rawQuery: string) => (rawQuery ? `${path}?${rawQuery}` : path);
