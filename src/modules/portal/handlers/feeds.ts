// Machine-read pages: a dynamic column's RSS feed and robots.txt.
import { rssXml } from '../feeds.ts';
import type { PageContext, PageResult } from '../page-context.ts';
import { PORTAL_CSP, RSS_FILE, RSS_SIZE } from '../page-kit.ts';
import { makePage } from '../portal-cache.ts';
import type { PublicColumn } from '../views/types.ts';

/** The newest items of a dynamic column and everything below it. */
export async function rssPage(page: PageContext, column: PublicColumn): Promise<PageResult> {
  return page.cached(async () => {
    const { site, origin, match } = page;
    const index = await page.index();
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

/** robots.txt of a host (sites under /site/<code>/ have none of their own). */
export async function robotsTxt(page: PageContext): Promise<PageResult> {
  if (page.match.prefix) return { type: 'not-found' };
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
