// robots.txt: fetched once per crawl and applied to every page URL unless the caller overrides it (a site
// inspecting itself may ignore its own rules). A missing or unreadable robots.txt allows everything.
import robotsParserModule from 'robots-parser';
import { fetchPage, type FetchOptions } from './fetcher.ts';
import type { RobotsInfo } from './types.ts';

/** The product token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'govportal-inspector';
/** A Crawl-delay longer than this is capped: an inspection must finish. */
const MAX_CRAWL_DELAY_MS = 10_000;

// robots-parser is CommonJS (module.exports = function); its typings declare it as `export default`
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsRules {
  info: RobotsInfo;
  isAllowed(url: string): boolean;
}

export async function loadRobots(origin: string, ignore: boolean, options: FetchOptions): Promise<RobotsRules> {
  const url = new URL('/robots.txt', origin).href;
  const result = await fetchPage(url, { ...options, readBody: 'text', maxBytes: 512 * 1024 });
  const found = result.status !== null && result.status >= 200 && result.status < 300 && result.text !== null;
  const robot = found ? robotsParser(result.finalUrl, result.text ?? '') : null;
  const delay = robot?.getCrawlDelay(ROBOTS_AGENT);
  const info: RobotsInfo = {
    url,
    status: result.status,
    found,
    honoured: !ignore && found,
    crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : null,
    ...(result.error && { error: result.error }),
  };
  const honour = !ignore && robot !== null;
  return { info, isAllowed: (page) => !honour || robot?.isAllowed(page, ROBOTS_AGENT) !== false };
}
