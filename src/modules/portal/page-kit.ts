// Small pieces every public page handler uses: the portal's fixed paths and sizes, the page title and CSP
// rules, the page frame, breadcrumbs' ancestry and the summary of a published item.
import type { SiteView } from '../sites/sites.schema.ts';
import type { MetaTag } from './meta.ts';
import type { PageContext, SiteModel } from './page-context.ts';
import type { IndexedItem } from './public-content.repository.ts';
import type { PublicIndex } from './public-index.ts';
import type { PageFrame } from './views/pages.tsx';
import type { HeadLink, ItemSummary, PublicColumn } from './views/types.ts';

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

/** The frame every page is laid out in: view context, title, meta tags and head links. */
export function pageFrame(
  page: Pick<PageContext, 'view'>,
  title: string,
  meta: MetaTag[],
  links?: HeadLink[],
): PageFrame {
  return { view: page.view, title, meta, ...(links?.length ? { links } : {}) };
}

/** From the top-level column down to `column`. */
export function ancestry(model: SiteModel, column: PublicColumn): PublicColumn[] {
  const out: PublicColumn[] = [];
  for (let c: PublicColumn | undefined = column; c; c = c.parentId === null ? undefined : model.byId.get(c.parentId))
    out.unshift(c);
  return out;
}

/** The `<link>` to a dynamic column's RSS feed. */
export function feedLink(column: PublicColumn): HeadLink {
  return {
    rel: 'alternate',
    type: 'application/rss+xml',
    title: `${column.name} RSS`,
    href: `${column.path}${RSS_FILE}`,
  };
}

export const summaryOf = (item: IndexedItem, index: PublicIndex): ItemSummary => ({
  title: item.title,
  url: index.path(item),
  publishedAt: item.pubDate,
});
