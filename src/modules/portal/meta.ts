// The page metadata tags (regs §1.1): Site* on every page, Column* on column and content pages, the article
// tags on content pages. Names are matched literally by checkers and scrapers, so keep the exact spelling.
import { shanghaiDateTime } from '../../platform/time.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';

export interface MetaTag {
  name: string;
  content: string;
}

/** The bare host of the site's primary (first) domain: no scheme, no port. */
export function primaryDomain(site: Pick<SiteView, 'domains'>): string {
  return stripPort(site.domains[0] ?? '');
}

export function stripPort(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1) || h;
  const colon = h.indexOf(':');
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h;
}

export function siteMeta(site: SiteView): MetaTag[] {
  return [
    { name: 'SiteName', content: site.name },
    { name: 'SiteDomain', content: primaryDomain(site) },
    { name: 'SiteIDCode', content: site.siteIdCode },
  ];
}

export function columnMeta(column: Pick<ColumnNode, 'name' | 'description' | 'keywords' | 'columnType'>): MetaTag[] {
  return [
    { name: 'ColumnName', content: column.name },
    { name: 'ColumnDescription', content: column.description || column.name },
    { name: 'ColumnKeywords', content: column.keywords || column.name },
    { name: 'ColumnType', content: column.columnType },
  ];
}

export interface ArticleMetaInput {
  title: string;
  /** ISO time (or Date); shown as `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai. */
  publishedAt: string | Date;
  source: string;
  keywords?: string;
  description?: string;
  author?: string;
  /** Absolute URL of the content page. */
  url?: string;
}

/** The content-page tags; a content page passes `[...siteMeta(site), ...columnMeta(column), ...articleMeta(a)]`. */
export function articleMeta(article: ArticleMetaInput): MetaTag[] {
  const tags: MetaTag[] = [
    { name: 'ArticleTitle', content: article.title },
    { name: 'PubDate', content: shanghaiDateTime(article.publishedAt) },
    { name: 'ContentSource', content: article.source },
  ];
  if (article.keywords) tags.push({ name: 'Keywords', content: article.keywords });
  if (article.description) tags.push({ name: 'Description', content: article.description });
  if (article.author) tags.push({ name: 'Author', content: article.author });
  if (article.url) tags.push({ name: 'Url', content: article.url });
  return tags;
}
