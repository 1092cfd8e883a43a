// The site map for readers (/sitemap/: the visible column tree) and for crawlers (/sitemap.xml: columns,
// the catalogue and every published item with its last change).
import { createElement } from 'react';
import { type SitemapUrl, sitemapXml } from '../feeds.ts';
import { siteMeta } from '../meta.ts';
import type { PageContext, PageResult } from '../page-context.ts';
import { pageFrame, pageTitle } from '../page-kit.ts';
import { SitemapPage } from '../views/pages.tsx';

export async function sitemapPage(page: PageContext): Promise<PageResult> {
  const frame = pageFrame(page, pageTitle(page.site, '网站地图'), siteMeta(page.site));
  return page.html(createElement(SitemapPage, { frame, roots: page.model.roots }));
}

export async function sitemapXmlPage(page: PageContext): Promise<PageResult> {
  const { model } = page;
  const index = await page.index();
  const base = `${page.origin}${page.match.prefix}`;
  const urls: SitemapUrl[] = [
    { loc: `${base}/` },
    ...model.flat.filter((c) => c.kind !== 'link').map((c) => ({ loc: `${base}${c.path}` })),
    ...(model.catalogPath ? [{ loc: `${base}${model.catalogPath}` }] : []),
    ...index.items.map((i) => ({ loc: `${base}${index.path(i)}`, lastmod: i.updatedAt ?? i.pubDate })),
  ];
  return page.raw(sitemapXml(urls), 'application/xml; charset=utf-8');
}
