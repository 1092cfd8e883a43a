// What every external check gets: the snapshot, the inspection time, seeded randomness, and helpers that build
// findings with their evidence ({url, expected, observed, at, sha256}).
import type { Finding, IndicatorResult } from '../scoring.ts';
import { seededRandom } from '../../../platform/random.ts';
import { homeMatcher, homePage, isHtmlPage, type HtmlPage } from '../crawler/site.ts';
import type { LinkCheckReport, SiteSnapshot } from '../crawler/types.ts';
import { daysBefore } from '../crawler/dates.ts';
import type { PageRenderer } from '../crawler/render.ts';

/** One search of the site: the first results page. */
export interface SearchPage {
  /** The URL requested (or a description of the request). */
  url: string;
  status: number | null;
  html: string | null;
  /** ISO time of the request. */
  at: string;
  /** SHA-256 of the results HTML. */
  sha256: string | null;
  error?: string;
  /** The request could not be made as a visitor would (a script-driven box the browser could not submit): no verdict. */
  undecided?: boolean;
}

export interface Ipv6Probe {
  ok: boolean;
  /** The IPv6 address tried, when there was one. */
  address: string | null;
  at: string;
  message: string;
}

export interface ExternalCheckOptions {
  /** The monitoring time point (监测时间点): dates on the pages are compared with it. */
  now: Date;
  /** Seed of the random samples (页面标签, 站内搜索, …): the same seed picks the same pages. */
  seed: number;
  /** Searches the site; by default the home page's search form is submitted. */
  searchProbe?: (query: string) => Promise<SearchPage>;
  /** The result of checkLinks on the same snapshot; without it 可用性 is untested. */
  links?: LinkCheckReport;
  /** Tests IPv6 reachability; by default a real AAAA lookup and connection (or [::1] for a local copy). */
  ipv6Probe?: (url: string) => Promise<Ipv6Probe>;
  /** The public host name of a site crawled from a local copy (127.0.0.1): its domain is judged instead. */
  publicHost?: string;
  /** Timeout of the default search requests (ms). */
  timeoutMs?: number;
  /** Aborted when the run is cancelled: the search requests stop at once. */
  signal?: AbortSignal;
  /** Chromium, for search boxes only a script submits; without it such a box is 未检测. */
  renderer?: PageRenderer | null;
}

export type Evidence = {
  url: string;
  expected: string;
  observed: string;
  at: string;
  sha256?: string | null;
} & Record<string, unknown>;

export class CheckContext {
  readonly home: HtmlPage | null;
  readonly htmlPages: HtmlPage[];
  /** The home page however it was reached (the crawl's start, or a link redirected back to it). */
  readonly isHome: (page: HtmlPage) => boolean;
  /** PubDate of each crawled page, by its URL (as requested and as finally served). */
  private readonly pubDates = new Map<string, string>();

  constructor(
    readonly snapshot: SiteSnapshot,
    readonly options: ExternalCheckOptions,
  ) {
    this.home = homePage(snapshot);
    this.htmlPages = snapshot.pages.filter(isHtmlPage);
    this.isHome = homeMatcher(snapshot);
    for (const page of this.htmlPages) {
      if (!page.facts.pubDate) continue;
      this.pubDates.set(page.fetch.url, page.facts.pubDate);
      this.pubDates.set(page.fetch.finalUrl, page.facts.pubDate);
    }
  }

  /**
   * The dates a page shows: its own (list dates, PubDate) and the PubDate of the crawled pages it links to —
   * an entry listed without a date is still dated when its 稿件发布页 carries one.
   */
  datesOn(page: HtmlPage): string[] {
    const linked = page.facts.links.map((l) => this.pubDates.get(l.url)).filter((d): d is string => d !== undefined);
    return [...page.facts.dates, ...linked];
  }

  get now(): Date {
    return this.options.now;
  }

  /** A generator per indicator, so one indicator's sampling does not shift another's. */
  randomFor(indicatorId: string): () => number {
    return seededRandom((this.options.seed ^ hashString(indicatorId)) >>> 0);
  }

  /** Days from a printed date to the monitoring time point. */
  ageInDays(date: string): number {
    return daysBefore(this.now, date);
  }

  /** The date lies within the last `days` days (a day of slack for time zones; later dates do not count). */
  isWithin(date: string | null, days: number): boolean {
    if (date === null) return false;
    const age = this.ageInDays(date);
    return age >= -1 && age <= days;
  }
}

/** Evidence observed on one fetched page. */
export function pageEvidence(
  page: HtmlPage,
  expected: string,
  observed: string,
  extra: Record<string, unknown> = {},
): Evidence {
  return {
    url: page.fetch.finalUrl,
    expected,
    observed,
    at: page.fetch.startedAt,
    sha256: page.fetch.sha256,
    ...extra,
  };
}

export function finding(
  indicatorId: string,
  subRule: number,
  message: string,
  evidence: Evidence,
  extra: { part?: string; points?: number } = {},
): Finding {
  return { indicatorId, subRule, ...extra, message, evidence };
}

export const measured = (indicatorId: string, findings: readonly Finding[]): IndicatorResult => ({
  indicatorId,
  status: 'measured',
  findings,
});

export const untested = (indicatorId: string, reason: string): IndicatorResult => ({
  indicatorId,
  status: 'untested',
  reason,
});

/** FNV-1a, to mix the indicator id into the seed. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
