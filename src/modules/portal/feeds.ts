// The machine-readable pages: sitemap.xml (sitemaps.org 0.9) and an RSS 2.0 feed per dynamic column.

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

// Characters XML 1.0 does not allow at all, which pasted text sometimes carries.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const text = (s: string) => escapeXml(s.replace(INVALID_XML, ''));

export interface SitemapUrl {
  loc: string;
  /** ISO time. */
  lastmod?: string;
}

export function sitemapXml(urls: SitemapUrl[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map(
      (u) => `  <url><loc>${text(u.loc)}</loc>${u.lastmod ? `<lastmod>${text(u.lastmod)}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
}

/** RFC 822 date-time as RSS 2.0 wants it: `Fri, 27 Nov 2026 02:03:04 GMT`. */
export const rfc822 = (iso: string | Date) => new Date(iso).toUTCString();

export interface RssChannel {
  title: string;
  /** Absolute URL of the column page. */
  link: string;
  /** Absolute URL of the feed itself. */
  self: string;
  description: string;
  items: { title: string; link: string; pubDate: string; description: string }[];
}

export function rssXml(channel: RssChannel): string {
  const newest = channel.items[0]?.pubDate;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${text(channel.title)}</title>`,
    `<link>${text(channel.link)}</link>`,
    `<atom:link href="${text(channel.self)}" rel="self" type="application/rss+xml"/>`,
    `<description>${text(channel.description)}</description>`,
    '<language>zh-cn</language>',
    ...(newest ? [`<lastBuildDate>${rfc822(newest)}</lastBuildDate>`] : []),
    ...channel.items.map((i) =>
      [
        '<item>',
        `<title>${text(i.title)}</title>`,
        `<link>${text(i.link)}</link>`,
        `<guid isPermaLink="true">${text(i.link)}</guid>`,
        `<pubDate>${rfc822(i.pubDate)}</pubDate>`,
        `<description>${text(i.description)}</description>`,
        '</item>',
      ].join(''),
    ),
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
