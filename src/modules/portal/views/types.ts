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

/** One entry of an item list (content arrives in a later issue). */
export interface ItemSummary {
  title: string;
  /** Site-internal path without the site prefix (it is added when rendering), or an absolute URL. */
  url: string;
  /** ISO time; shown as yyyy-MM-dd (Asia/Shanghai). */
  publishedAt: string;
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
  /** Body of a kind=page column, already safe to render. */
  body?: ReactNode;
}

export interface Crumb {
  label: string;
  /** Absent for the current page. */
  href?: string;
}
