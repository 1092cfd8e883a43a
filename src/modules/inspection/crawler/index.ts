// The crawler's public API.
export { crawlSite, DEFAULT_CRAWL_SETTINGS, type CrawlOptions } from './crawler.ts';
export { checkLinks, type LinkCheckOptions } from './links.ts';
export { fetchPage, USER_AGENT, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_BYTES, type FetchOptions } from './fetcher.ts';
export { extractPage } from './extract.ts';
export { decodeBody } from './charset.ts';
export type * from './types.ts';
