// What the page components receive. Pages are pure functions of these values: the service loads and
// composes the data, the components only lay it out.
import type { ReactNode } from 'react';
import type { SiteView } from '../../sites/sites.schema.ts';
import type { ColumnNode } from '../../columns/columns.schema.ts';

/** A column shown on the public site: visible itself and below visible ancestors only. */
export interface PublicColumn extends ColumnNode {
  children: PublicColumn[];
}

export interface AssetUrls {
  css: string;
  js: string;
  favicon: string;
  conacBadge: string;
  policeBadge: string;
  leaderPlaceholder: string;
  /** Loader of the national 找错 script (assets/jiucuo.js). */
  jiucuo: string;
}

export interface ViewContext {
  site: SiteView;
  /** '' or `/site/<code>`: put in front of every site-internal link (use `href`). */
  prefix: string;
  /** This page's URL path, prefix included: where the care-mode switch returns to. */
  currentPath: string;
  /** 长者模式 (elder / accessibility mode) is on. */
  care: boolean;
  /** The top-level visible columns: the main navigation. */
  nav: PublicColumn[];
  assets: AssetUrls;
}

/** One entry of an item list. */
export interface ItemSummary {
  title: string;
  /** Site-internal path without the site prefix (it is added when rendering), or an absolute URL. */
  url: string;
  /** ISO time; shown as yyyy-MM-dd (Asia/Shanghai). */
  publishedAt: string;
}

/** A `<link>` in the head: rel prev/next of paginated lists, the RSS feed of a dynamic column. */
export interface HeadLink {
  rel: string;
  /** Site-internal path without the prefix, or an absolute URL. */
  href: string;
  type?: string;
  title?: string;
}

export interface Pagination {
  /** 1-based. */
  page: number;
  pageCount: number;
  total: number;
  /** Site-internal URL of page n (page 1 without `?page`), filters kept. */
  pageUrl: (n: number) => string;
}

/** A child column with its newest items, on a list column that has children but no own items. */
export interface ItemGroup {
  column: PublicColumn;
  items: ItemSummary[];
}

export interface LeaderCard {
  name: string;
  url: string;
  post: string;
  duties: string;
  /** Site-internal URL of the photo, or null for the placeholder. */
  photo: string | null;
}

export interface FileLink {
  name: string;
  url: string;
  /** PDF文档, Word文档, Excel表格, 图片 … */
  typeLabel: string;
  /** 12.3 KB, 1.25 MB. */
  sizeLabel: string;
}

export interface HomeEntry {
  label: string;
  column: PublicColumn;
}

export interface HomeBlock {
  column: PublicColumn;
  /** Latest items of the column, once content exists. */
  items?: ItemSummary[];
}

export interface ColumnContent {
  items: ItemSummary[];
  /**
   * Body of a kind=page column, or of a list column whose content a module supplies (shown instead of the item
   * list, above the pagination); already safe to render.
   */
  body?: ReactNode;
  /** Pages of the list (absent: no pagination shown). */
  pagination?: Pagination;
  /** The children's newest items, when the column has children but no own items. */
  groups?: ItemGroup[];
  /** 领导信息 columns list leaders instead of items. */
  leaders?: LeaderCard[];
  /** Site-internal URL of the column's RSS feed. */
  feed?: string;
}

export interface Crumb {
  label: string;
  /** Absent for the current page. */
  href?: string;
}
