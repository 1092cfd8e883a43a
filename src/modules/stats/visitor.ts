// Pure pieces of visitor counting: which responses are page views, which user agents are people, and the
// keyed visitor hash. No I/O here. (Asia/Shanghai days come from platform/time.ts.)
import { createHmac } from 'node:crypto';

/**
 * Crawlers, previewers, monitors, headless browsers and our own inspector. Only user agents that look like
 * browsers (`Mozilla/…`, `Opera/…`) count at all, so curl, wget, scripts, HTTP libraries and load generators
 * are left out before this list is consulted; it catches the robots that pretend to be browsers.
 */
export const BOT_PATTERN =
  /(?<!cu)bot(?![a-z])|crawl|spider|slurp|scrap|fetch|archiver|preview|monitor|uptime|pingdom|lighthouse|pagespeed|headless|phantomjs|selenium|webdriver|puppeteer|playwright|govportal-inspector|facebookexternalhit|embedly|feedly|bingpreview|mediapartners|semrush|ahrefs|python|java\/|curl|wget|go-http-client|okhttp|httpclient|libwww|validator|checker/i;

/** Verdicts by user agent: the pattern costs microseconds, a lookup tens of nanoseconds (few distinct agents). */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

/** True when the user agent looks like a person's browser. */
export function isHumanAgent(ua: string | undefined): boolean {
  if (!ua || ua.length > 1000) return false;
  let human = verdicts.get(ua);
  if (human === undefined) {
    human = (ua.startsWith('Mozilla/') || ua.startsWith('Opera/')) && !BOT_PATTERN.test(ua);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(ua, human);
  }
  return human;
}

/** Path prefixes that are never public pages: the API, the console, assets and downloads, the care switch. */
const NOT_PAGES = ['/api/', '/admin/', '/assets/', '/files/', '/accessibility/', '/healthz'];

/** True for a URL path (no query) that may be a public page. */
export function isPagePath(path: string): boolean {
  if (path === '/api' || path === '/admin') return false;
  for (const prefix of NOT_PAGES) if (path.startsWith(prefix)) return false;
  return true;
}

/**
 * A 304 carries no Content-Type; the public pages are cached with `no-cache`, so a returning reader's view is
 * usually a 304. It is a page view when the path looks like a page: a directory (`/gzdt/`), `*.html`, or a last
 * segment without an extension (`/search`) — not `rss.xml`, `sitemap.xml` or `robots.txt`.
 */
export function looksLikePage(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last === '' || last.endsWith('.html') || !last.includes('.');
}

/** The keyed hash of a visitor: HMAC-SHA-256 under the day's random salt, 128 bits in hex. */
export function visitorHash(salt: Buffer, ip: string, ua: string): string {
  return createHmac('sha256', salt).update(ip).update('\u0000').update(ua).digest('hex').slice(0, 32);
}
