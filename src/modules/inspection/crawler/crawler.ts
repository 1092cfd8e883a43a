// crawlSite: a polite breadth-first crawl of one government site from its home page. Bounded in pages, time and
// bytes; per host at most `concurrency` requests in flight and the robots.txt Crawl-delay between their starts
// (the installation's own sites: more in flight, no delay); robots.txt rules honoured; a bad site yields error
// records, never a throw. The first page of each template is rendered in Chromium to locate its visible footer.
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  USER_AGENT,
  fetchPage,
  parseHttpUrl,
  withoutText,
} from './fetcher.ts';
import type { FetchOptions } from './fetcher.ts';
import { isHtmlType } from './charset.ts';
import { extractPage } from './extract.ts';
import { HostLimiter } from './pacing.ts';
import { loadRobots, type RobotsRules } from './robots.ts';
import { FooterLocating } from './footers.ts';
import type { PageRenderer } from './render.ts';
import { canonicalUrl, looksLikePage } from './urls.ts';
import type {
  CrawlSettings,
  FooterLocator,
  PageFacts,
  PageSnapshot,
  ProgressEvent,
  SiteSnapshot,
  SkippedUrl,
  StopReason,
} from './types.ts';

export const DEFAULT_CRAWL_SETTINGS: Readonly<CrawlSettings> = {
  maxPages: 60,
  concurrency: 4,
  minDelayMs: 0,
  ownSite: false,
  maxRenders: 20,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  maxBytes: DEFAULT_MAX_BYTES,
  maxRedirects: DEFAULT_MAX_REDIRECTS,
  totalTimeMs: 10 * 60_000,
  ignoreRobots: false,
  userAgent: USER_AGENT,
};

/** Requests in flight to one of the installation's own sites: as fast as it answers. */
export const OWN_SITE_CONCURRENCY = 8;
/** Requests in flight to one external host, at most, whatever the caller asks. */
export const MAX_EXTERNAL_CONCURRENCY = 4;

/** At most this many skipped URLs are kept in the snapshot. */
const MAX_SKIPPED_RECORDED = 300;

export interface CrawlOptions extends Partial<CrawlSettings> {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /**
   * Renders pages to locate their visible footer: a renderer, null (none: the footer is read off the markup),
   * or a function making one for the crawl's hosts (its result may be null when Chromium is missing). The
   * caller closes it (the engine still needs it for script-driven search boxes).
   */
  renderer?: PageRenderer | null | ((hosts: () => ReadonlySet<string>) => Promise<PageRenderer | null>);
  /** Shared with the link check of the same inspection, so one host's bound holds across both. */
  limiter?: HostLimiter;
}

interface QueueItem {
  url: string;
  depth: number;
  referrer: string | null;
}

export async function crawlSite(baseUrl: string, options: CrawlOptions = {}): Promise<SiteSnapshot> {
  const settings = settingsFrom(options);
  const startedAt = new Date().toISOString();
  const deadline = AbortSignal.timeout(settings.totalTimeMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const limiter = options.limiter ?? hostLimiter(settings);
  const crawl = new Crawl(baseUrl, settings, signal, limiter, options.onProgress);
  const renderer = await rendererFor(options.renderer, () => crawl.hosts);
  crawl.footers = new FooterLocating(
    renderer,
    settings.maxRenders,
    (html, url, locatorFor) => safeExtract(html, url, locatorFor),
    renderer
      ? null
      : options.renderer === null || options.renderer === undefined
        ? '未渲染页面'
        : '服务器未安装 Chromium',
  );
  const stoppedBy = await crawl.run(options.signal);
  const rendering = await crawl.footers.finish(crawl.pagesSoFar());
  return {
    baseUrl,
    homeUrl: crawl.homeUrl,
    hosts: [...crawl.hosts],
    startedAt,
    finishedAt: new Date().toISOString(),
    settings,
    robots: crawl.robots.info,
    pages: crawl.orderedPages(),
    skipped: crawl.skipped,
    stoppedBy,
    rendering,
    peakInFlight: limiter.peakPerHost,
  };
}

/** The bounds of a crawl: own sites at full speed; external hosts at most 4 in flight. */
export function hostLimiter(settings: Pick<CrawlSettings, 'concurrency' | 'minDelayMs' | 'ownSite'>): HostLimiter {
  const perHost = settings.ownSite ? settings.concurrency : Math.min(settings.concurrency, MAX_EXTERNAL_CONCURRENCY);
  return new HostLimiter({ perHost, total: Math.max(16, perHost * 4), minDelayMs: settings.minDelayMs });
}

async function rendererFor(
  option: CrawlOptions['renderer'],
  hosts: () => ReadonlySet<string>,
): Promise<PageRenderer | null> {
  if (typeof option === 'function') return option(hosts).catch(() => null);
  return option ?? null;
}

function settingsFrom(options: CrawlOptions): CrawlSettings {
  const pick = <K extends keyof CrawlSettings>(key: K): CrawlSettings[K] =>
    (options[key] ?? DEFAULT_CRAWL_SETTINGS[key]) as CrawlSettings[K];
  const ownSite = pick('ownSite');
  return {
    maxPages: Math.max(1, pick('maxPages')),
    concurrency: Math.max(
      1,
      options.concurrency ?? (ownSite ? OWN_SITE_CONCURRENCY : DEFAULT_CRAWL_SETTINGS.concurrency),
    ),
    ownSite,
    maxRenders: Math.max(0, pick('maxRenders')),
    minDelayMs: Math.max(0, pick('minDelayMs')),
    timeoutMs: pick('timeoutMs'),
    maxBytes: pick('maxBytes'),
    maxRedirects: pick('maxRedirects'),
    totalTimeMs: pick('totalTimeMs'),
    ignoreRobots: pick('ignoreRobots'),
    userAgent: pick('userAgent'),
  };
}

const ALLOW_ALL: RobotsRules = {
  info: { url: '', status: null, found: false, honoured: false, crawlDelayMs: null },
  isAllowed: () => true,
};

class Crawl {
  homeUrl: string;
  readonly hosts = new Set<string>();
  robots: RobotsRules = ALLOW_ALL;
  readonly skipped: SkippedUrl[] = [];
  private readonly pages: PageSnapshot[] = [];
  private readonly queue: QueueItem[] = [];
  private readonly seen = new Set<string>();
  private readonly fetchOptions: FetchOptions;
  private started = 0;
  footers: FooterLocating | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly settings: CrawlSettings,
    private readonly signal: AbortSignal,
    private readonly limiter: HostLimiter,
    private readonly onProgress?: (event: ProgressEvent) => void,
  ) {
    this.homeUrl = baseUrl;
    this.fetchOptions = {
      timeoutMs: settings.timeoutMs,
      maxBytes: settings.maxBytes,
      maxRedirects: settings.maxRedirects,
      userAgent: settings.userAgent,
      readBody: 'text',
      signal,
    };
  }

  async run(callerSignal?: AbortSignal): Promise<StopReason> {
    const base = parseHttpUrl(this.baseUrl);
    if (base) {
      this.hosts.add(base.host);
      await this.loadRobots(base);
    }
    this.enqueue(this.baseUrl, 0, null, true);
    const active = new Set<Promise<void>>();
    for (;;) {
      // the limiter keeps each host within its bound; this only keeps the queue from being drained at once
      const room = this.settings.concurrency * Math.max(1, this.hosts.size);
      while (active.size < room && this.queue.length > 0 && this.canStart()) {
        const item = this.queue.shift() as QueueItem;
        this.started += 1;
        const job: Promise<void> = this.visit(item).finally(() => active.delete(job));
        active.add(job);
      }
      if (active.size === 0) break;
      await Promise.race(active);
    }
    return this.stopReason(callerSignal);
  }

  private canStart(): boolean {
    return this.started < this.settings.maxPages && !this.signal.aborted;
  }

  private stopReason(callerSignal?: AbortSignal): StopReason {
    if (callerSignal?.aborted) return 'aborted';
    const reason = this.signal.aborted ? 'time-limit' : this.queue.length > 0 ? 'page-limit' : 'done';
    if (reason !== 'done') for (const item of this.queue) this.skip(item.url, reason);
    return reason;
  }

  private async loadRobots(base: URL): Promise<void> {
    this.robots = await this.limiter.run(
      base.host,
      () => loadRobots(base.origin, this.settings.ignoreRobots, this.fetchOptions),
      this.signal,
    );
    const delay = this.robots.info.crawlDelayMs;
    // the installation's own sites are crawled at full speed; an external host gets the gap it asks for
    if (this.robots.info.honoured && delay && !this.settings.ownSite) this.limiter.setDelay(base.host, delay);
  }

  private async visit(item: QueueItem): Promise<void> {
    const host = parseHttpUrl(item.url)?.host;
    const result = host
      ? await this.limiter.run(host, () => fetchPage(item.url, this.fetchOptions), this.signal)
      : await fetchPage(item.url, this.fetchOptions);
    if (item.depth === 0) await this.adoptHome(result.finalUrl);
    const html =
      result.text !== null && isHtmlType(result.contentType) && isSuccess(result.status) ? result.text : null;
    const locatorFor = this.footers?.locatorFor;
    const facts = html === null ? null : safeExtract(html, result.finalUrl, locatorFor);
    const page: PageSnapshot = {
      index: this.pages.length,
      depth: item.depth,
      referrer: item.referrer,
      fetch: withoutText(result),
      facts,
    };
    this.pages.push(page);
    if (html !== null) this.footers?.observe(page, html, result.finalUrl);
    if (facts && this.isSameSite(result.finalUrl)) {
      for (const link of facts.links) this.enqueue(link.url, item.depth + 1, result.finalUrl);
    }
    this.onProgress?.({
      phase: 'crawl',
      done: this.pages.length,
      queued: this.queue.length,
      limit: this.settings.maxPages,
      url: item.url,
    });
  }

  /**
   * The home page's redirect target (http → https, example.gov.cn → www.example.gov.cn) is the same site; its
   * pages fall under that origin's robots.txt.
   */
  private async adoptHome(finalUrl: string): Promise<void> {
    const final = parseHttpUrl(finalUrl);
    if (!final) return;
    this.homeUrl = final.href;
    this.hosts.add(final.host);
    this.seen.add(canonicalUrl(final));
    if (final.origin !== parseHttpUrl(this.baseUrl)?.origin) await this.loadRobots(final);
  }

  private isSameSite(url: string): boolean {
    const parsed = parseHttpUrl(url);
    return parsed !== null && this.hosts.has(parsed.host);
  }

  /** Queues a same-site page once; the home page is queued whatever its URL looks like (a bad one fails). */
  private enqueue(url: string, depth: number, referrer: string | null, isHome = false): void {
    const parsed = parseHttpUrl(url);
    if (!isHome && (!parsed || !this.hosts.has(parsed.host) || !looksLikePage(parsed))) return;
    const key = parsed ? canonicalUrl(parsed) : url;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (!this.robots.isAllowed(key)) {
      this.skip(key, 'robots');
      return;
    }
    this.queue.push({ url: key, depth, referrer });
  }

  private skip(url: string, reason: SkippedUrl['reason']): void {
    if (this.skipped.length < MAX_SKIPPED_RECORDED) this.skipped.push({ url, reason });
  }

  pagesSoFar(): readonly PageSnapshot[] {
    return this.pages;
  }

  /** Home first, then by depth and URL, so a snapshot does not depend on which request answered first. */
  orderedPages(): PageSnapshot[] {
    const sorted = [...this.pages].sort((a, b) => a.depth - b.depth || compareText(a.fetch.url, b.fetch.url));
    return sorted.map((page, index) => ({ ...page, index }));
  }
}

const isSuccess = (status: number | null): boolean => status !== null && status >= 200 && status < 300;
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Extraction of hostile HTML must not end the crawl; such a page is kept without facts. */
function safeExtract(
  html: string,
  url: string,
  footerLocator?: (template: string) => FooterLocator | undefined,
): PageFacts | null {
  try {
    return extractPage(html, url, footerLocator ? { footerLocator } : {});
  } catch {
    return null;
  }
}
