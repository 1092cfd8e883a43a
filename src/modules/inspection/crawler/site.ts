// Site-level readings of a snapshot shared by the link check and the external indicators.
import type { PageFacts, PageSnapshot, SiteSnapshot } from './types.ts';

/** A page that was fetched successfully and parsed as HTML. */
export type HtmlPage = PageSnapshot & { facts: PageFacts };

export const isHtmlPage = (page: PageSnapshot): page is HtmlPage => page.facts !== null;

/** The home page when it was fetched and parsed. */
export function homePage(snapshot: SiteSnapshot): HtmlPage | null {
  const home = snapshot.pages.find((p) => p.depth === 0);
  return home && isHtmlPage(home) ? home : null;
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
