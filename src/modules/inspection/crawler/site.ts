// Site-level readings of a snapshot shared by the link check and the external indicators.
import type { PageFacts, PageSnapshot, SiteSnapshot } from './types.ts';
import { parseHttpUrl } from './fetcher.ts';
import { canonicalUrl } from './urls.ts';

/** A page that was fetched successfully and parsed as HTML. */
export type HtmlPage = PageSnapshot & { facts: PageFacts };

export const isHtmlPage = (page: PageSnapshot): page is HtmlPage => page.facts !== null;

/** The home page when it was fetched and parsed. */
export function homePage(snapshot: SiteSnapshot): HtmlPage | null {
  const home = snapshot.pages.find((p) => p.depth === 0);
  return home && isHtmlPage(home) ? home : null;
}

/** Directory index names a server may answer the home page under (/index.html is / itself). */
const INDEX_FILE = /\/(index|default)\.(s?html?|jsp|php|aspx?)$/i;

/** A URL without fragment and without a trailing directory index file: the identity of a page. */
function pageIdentity(url: string): string | null {
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  parsed.pathname = parsed.pathname.replace(INDEX_FILE, '/');
  return canonicalUrl(parsed);
}

/**
 * Tells the home page however it was reached: the crawl's start (depth 0), or a later link that ends on the same
 * page — a 长者模式 switch or a 首页 link that redirects back to /, /index.html, or a copy with the same bytes.
 * The home page is neither a column page nor a content page (regs §1.1: it carries only the site tags).
 */
export function homeMatcher(snapshot: SiteSnapshot): (page: PageSnapshot) => boolean {
  const home = snapshot.pages.find((p) => p.depth === 0);
  const identities = new Set(
    [snapshot.homeUrl, home?.fetch.url, home?.fetch.finalUrl]
      .map((u) => (u ? pageIdentity(u) : null))
      .filter((u): u is string => u !== null),
  );
  const digest = home?.fetch.sha256 ?? null;
  return (page) => {
    if (page.depth === 0) return true;
    const identity = pageIdentity(page.fetch.finalUrl);
    if (identity !== null && identities.has(identity)) return true;
    return digest !== null && page.fetch.sha256 === digest;
  };
}

/**
 * 首页仅为网站栏目导航入口: the home page lists no dated item and nothing that reads like a list of articles.
 * The indicators then judge updates and links on the second-level pages instead.
 */
export function isNavigationOnlyHome(facts: PageFacts): boolean {
  return facts.datedLinks.length === 0 && facts.pubDate === null && facts.listLinkCount < 3;
}

/** The second-level pages: linked from the home page. */
export function secondLevelPages(snapshot: SiteSnapshot): HtmlPage[] {
  return snapshot.pages.filter((p): p is HtmlPage => p.depth === 1 && isHtmlPage(p));
}
