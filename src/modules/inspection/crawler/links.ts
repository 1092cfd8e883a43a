// checkLinks: finds broken links and images (可用性) on the home page and on a sample of other pages. Each URL
// is requested once (HEAD, falling back to GET); hosts are checked in parallel, each within its own bound (at
// most 4 in flight, its Crawl-delay); pages already fetched by the crawl are reused.
import { DEFAULT_TIMEOUT_MS, USER_AGENT, fetchPage, parseHttpUrl, type FetchOptions } from './fetcher.ts';
import { HostLimiter } from './pacing.ts';
import { seededRandom } from '../../../platform/random.ts';
import { sample } from './random.ts';
import { homePage, isHtmlPage, isNavigationOnlyHome, secondLevelPages, type HtmlPage } from './site.ts';
import { canonicalUrl } from './urls.ts';
import type { FetchError, LinkCheck, LinkCheckReport, ProgressEvent, SiteSnapshot } from './types.ts';

export interface LinkCheckOptions {
  /** Other pages whose links are checked (chosen at random with `seed`). Default 10. */
  samplePages?: number;
  /** Links and images checked per page. Default 100 (300 for the home page). */
  maxLinksPerPage?: number;
  maxHomeLinks?: number;
  /** Distinct URLs requested in all. Default 600. */
  maxRequests?: number;
  /** Requests in flight to one host (at most 4 for external hosts). */
  concurrency?: number;
  minDelayMs?: number;
  /** The crawl's limiter, so the site's own host keeps one bound across crawl and link check. */
  limiter?: HostLimiter;
  /** Only links to hosts it accepts are requested (tests keep to loopback); the others count as unchecked. */
  hostFilter?: (host: string) => boolean;
  timeoutMs?: number;
  seed?: number;
  userAgent?: string;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

interface Target {
  url: string;
  kind: 'link' | 'image';
  text: string;
  page: HtmlPage;
  homeLevel: boolean;
}

interface Outcome {
  status: number | null;
  method: LinkCheck['method'];
  at: string;
  ms: number;
  error?: FetchError;
}

/** Errors a GET would only repeat: no point in a second request. */
const FINAL_ERRORS = new Set([
  'timeout',
  'dns',
  'refused',
  'tls',
  'invalid-url',
  'redirect-loop',
  'too-many-redirects',
]);

export async function checkLinks(snapshot: SiteSnapshot, options: LinkCheckOptions = {}): Promise<LinkCheckReport> {
  const checkedAt = new Date().toISOString();
  const pages = pagesToCheck(snapshot, options);
  const targets = pages.flatMap(({ page, homeLevel }) =>
    targetsOf(page, homeLevel, homeLevel ? (options.maxHomeLinks ?? 300) : (options.maxLinksPerPage ?? 100)),
  );
  const known = crawledOutcomes(snapshot);
  const accepted = (url: string) => {
    const host = parseHttpUrl(url)?.hostname;
    return !options.hostFilter || (host !== undefined && options.hostFilter(host));
  };
  const toFetch = [...new Set(targets.map((t) => t.url).filter((url) => !known.has(url) && accepted(url)))];
  const allowed = toFetch.slice(0, options.maxRequests ?? 600);
  const outcomes = await fetchAll(allowed, options);
  for (const [url, outcome] of known) outcomes.set(url, outcome);

  const results: LinkCheck[] = [];
  let unchecked = 0;
  for (const target of targets) {
    const outcome = outcomes.get(target.url);
    if (!outcome) {
      unchecked += 1;
      continue;
    }
    results.push(toLinkCheck(target, outcome));
  }
  return { checkedAt, pages: pages.map((p) => p.page.fetch.finalUrl), results, unchecked };
}

/** The home page (or all second-level pages of a navigation-only home page), then a random sample. */
function pagesToCheck(snapshot: SiteSnapshot, options: LinkCheckOptions): { page: HtmlPage; homeLevel: boolean }[] {
  const home = homePage(snapshot);
  if (!home) return [];
  const homeLevel = isNavigationOnlyHome(home.facts) ? [home, ...secondLevelPages(snapshot)] : [home];
  const rest = snapshot.pages.filter((p): p is HtmlPage => isHtmlPage(p) && !homeLevel.includes(p as HtmlPage));
  const chosen = sample(rest, options.samplePages ?? 10, seededRandom(options.seed ?? 1), (p) => p.fetch.url);
  return [
    ...homeLevel.map((page) => ({ page, homeLevel: true })),
    ...chosen.map((page) => ({ page, homeLevel: false })),
  ];
}

function targetsOf(page: HtmlPage, homeLevel: boolean, limit: number): Target[] {
  const byUrl = new Map<string, Target>();
  for (const link of page.facts.links)
    byUrl.set(link.url, { url: link.url, kind: 'link', text: link.text, page, homeLevel });
  for (const image of page.facts.images) {
    if (!byUrl.has(image.url))
      byUrl.set(image.url, { url: image.url, kind: 'image', text: image.alt, page, homeLevel });
  }
  return [...byUrl.values()].slice(0, limit);
}

/** What the crawl already learnt about pages it fetched, keyed by the URL as linked. */
function crawledOutcomes(snapshot: SiteSnapshot): Map<string, Outcome> {
  const known = new Map<string, Outcome>();
  for (const { fetch } of snapshot.pages) {
    const parsed = parseHttpUrl(fetch.url);
    // a request cut short by the crawl's own time limit says nothing about the link
    if (!parsed || fetch.error?.kind === 'aborted') continue;
    known.set(canonicalUrl(parsed), {
      status: fetch.status,
      method: 'crawl',
      at: fetch.startedAt,
      ms: fetch.ms,
      ...(fetch.error && { error: fetch.error }),
    });
  }
  return known;
}

async function fetchAll(urls: readonly string[], options: LinkCheckOptions): Promise<Map<string, Outcome>> {
  const limiter =
    options.limiter ??
    new HostLimiter({
      perHost: Math.min(4, Math.max(1, options.concurrency ?? 4)),
      total: 16,
      minDelayMs: options.minDelayMs ?? 0,
    });
  const outcomes = new Map<string, Outcome>();
  // every URL waits in its host's queue; different hosts proceed side by side
  await Promise.all(
    urls.map(async (url) => {
      if (options.signal?.aborted) return;
      const host = parseHttpUrl(url)?.host;
      const outcome = host
        ? await limiter.run(host, () => checkOne(url, options), options.signal)
        : await checkOne(url, options);
      if (options.signal?.aborted && outcome.error?.kind === 'aborted') return;
      outcomes.set(url, outcome);
      options.onProgress?.({ phase: 'links', done: outcomes.size, total: urls.length, url });
    }),
  );
  return outcomes;
}

/** HEAD first; servers that refuse or mishandle HEAD get a GET whose body is not read. */
async function checkOne(url: string, options: LinkCheckOptions): Promise<Outcome> {
  const fetchOptions: FetchOptions = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    userAgent: options.userAgent ?? USER_AGENT,
    readBody: 'none',
    ...(options.signal && { signal: options.signal }),
  };
  const head = await fetchPage(url, { ...fetchOptions, method: 'HEAD' });
  const headOk = !head.error && head.status !== null && head.status < 400;
  if (headOk || (head.error && FINAL_ERRORS.has(head.error.kind))) return outcomeOf(head, 'HEAD');
  return outcomeOf(await fetchPage(url, { ...fetchOptions, method: 'GET' }), 'GET');
}

function outcomeOf(result: Awaited<ReturnType<typeof fetchPage>>, method: 'GET' | 'HEAD'): Outcome {
  return {
    status: result.status,
    method,
    at: result.startedAt,
    ms: result.ms,
    ...(result.error && { error: result.error }),
  };
}

function toLinkCheck(target: Target, outcome: Outcome): LinkCheck {
  return {
    url: target.url,
    kind: target.kind,
    text: target.text,
    pageUrl: target.page.fetch.finalUrl,
    homeLevel: target.homeLevel,
    status: outcome.status,
    ok: isWorking(outcome),
    method: outcome.method,
    at: outcome.at,
    ms: outcome.ms,
    ...(outcome.error && { error: outcome.error }),
  };
}

/** 打不开或错误: an error status (≥ 400) or no answer at all. */
const isWorking = (outcome: Outcome): boolean => !outcome.error && outcome.status !== null && outcome.status < 400;
