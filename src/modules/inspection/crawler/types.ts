// Shapes shared by the fetcher, the extraction, the crawler and the external checks. A page keeps its fetch
// record (what the network said) apart from its facts (what the HTML says), so each can be tested alone.

// ───────────────────────────── fetching ─────────────────────────────

/** Why a request produced no usable response. */
export type FetchErrorKind =
  | 'timeout'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'bad-redirect'
  | 'invalid-url'
  | 'aborted'
  | 'network';

export interface FetchError {
  kind: FetchErrorKind;
  message: string;
  /** The system error code when there is one (ENOTFOUND, ECONNREFUSED, CERT_HAS_EXPIRED …). */
  code?: string;
}

export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

/** Where the charset used to decode the body came from. */
export type CharsetSource = 'header' | 'bom' | 'meta' | 'default';

export interface FetchRecord {
  /** The URL asked for. */
  url: string;
  /** The URL of the last response (after redirects). */
  finalUrl: string;
  method: 'GET' | 'HEAD';
  /** The last response's status; null when no response arrived. */
  status: number | null;
  /** Lower-case header names of the last response. */
  headers: Record<string, string>;
  /** The media type of the last response, lower-case, without parameters ("text/html"). */
  contentType: string | null;
  redirects: RedirectHop[];
  /** ISO time the request started. */
  startedAt: string;
  /** Milliseconds from the start until the body was read (or the request failed). */
  ms: number;
  /** Raw body bytes read (at most maxBytes). */
  bytes: number;
  /** The body was longer than maxBytes and reading stopped. */
  truncated: boolean;
  /** The body was not read (HEAD, or a type the caller did not want). */
  bodySkipped: boolean;
  /** SHA-256 (hex) of the raw bytes read; null when no body was read. */
  sha256: string | null;
  /** The charset the text was decoded with (iconv-lite name), when it was decoded. */
  charset: string | null;
  charsetSource: CharsetSource | null;
  error?: FetchError;
}

/** A fetch record with its decoded text (text types only). */
export interface FetchResult extends FetchRecord {
  text: string | null;
}

// ───────────────────────────── page facts ─────────────────────────────

export interface LinkFact {
  /** Absolute URL without the fragment. */
  url: string;
  /** Anchor text (or title / image alt when the anchor has no text), whitespace collapsed. */
  text: string;
}

export interface ImageFact {
  url: string;
  alt: string;
}

export interface ScriptFact {
  src: string | null;
  id: string | null;
}

/** A list entry pairing a link with the date printed next to it. */
export interface DatedLink extends LinkFact {
  /** yyyy-MM-dd as printed (the site's local date). */
  date: string;
}

export interface SearchFormFact {
  /** Absolute URL the form submits to. */
  action: string;
  method: 'GET' | 'POST';
  /** Name of the text input that takes the query. */
  queryParam: string;
  /** Hidden inputs sent along (site codes, channels). */
  hidden: Record<string, string>;
}

/**
 * A search box that only a browser can submit: a query field outside any form (a script reads it on click), or in
 * a form whose action is a script. `selector` finds the field in the page, `button` the control next to it.
 */
export interface SearchBoxFact {
  selector: string;
  button: string | null;
  /** How it was recognised: its role, type, name, label or placeholder. */
  by: string;
}

export interface JiucuoFact {
  /** script: the national script (or its loader); link: a link or image link to the 找错 platform or reading 我为政府网站找错. */
  how: 'script' | 'link';
  /** Inside the footer area (the footer or anything after it). */
  inFooter: boolean;
  /** The script's sitecode attribute (the 网站标识码), when present. */
  sitecode: string | null;
}

export interface AreaFacts {
  text: string;
  links: LinkFact[];
  images: ImageFact[];
  scripts: ScriptFact[];
  /** ids of the elements in the area: 党政机关标识 is often an empty <span id="_ideConac">. */
  ids: string[];
}

export type PageKind = 'content' | 'column' | 'other';

/** One step from <body> down to the footer block: what the element is and which of its like siblings. */
export interface LocatorStep {
  tag: string;
  id: string | null;
  classes: string;
  /** Index among the siblings with the same tag, id and classes. */
  nth: number;
}

/** Where the visible bottom of a rendered page is, as a path from <body>; pages of one template share it. */
export interface FooterLocator {
  steps: LocatorStep[];
  /** The page it was rendered from. */
  renderedFrom: string;
}

/**
 * How the footer area was found: 'rendered' — located as the visible bottom of the page rendered in Chromium
 * (this page or another of its template); 'markup' — read off the markup alone (footer tags and class names, or
 * the last visible block of the body).
 */
export type FooterSource = 'rendered' | 'markup';

export interface PageFacts {
  title: string;
  /** name → content of <meta name>, first occurrence, names case-sensitive (SiteIDCode ≠ siteidcode). */
  meta: Record<string, string>;
  /** Text of the header area, with image alt and title texts (site names are often logo images). */
  headerText: string;
  /** Images in the header area with neither alt nor title: a site name drawn in one cannot be read. */
  headerUnlabelledImages: number;
  footer: AreaFacts;
  footerSource: FooterSource;
  /** The page's layout skeleton (a short hash): pages of one template share it. */
  template: string;
  /** Text of the page without header, nav and footer. */
  mainText: string;
  links: LinkFact[];
  images: ImageFact[];
  /** PubDate meta as yyyy-MM-dd, when present and valid. */
  pubDate: string | null;
  /** The first date inside <article> (or the article info line) when there is no PubDate meta. */
  articleDate: string | null;
  /** Links printed with a date, in list entries (li, tr, dd …) outside header and footer. */
  datedLinks: DatedLink[];
  /** All dates of the page, newest first: PubDate, else the article date and the list dates. */
  dates: string[];
  /** Links in list entries with title-like text (≥ 12 chars), dated or not: a news list without dates. */
  listLinkCount: number;
  kind: PageKind;
  /** The page says it has nothing to show (暂无信息, 正在建设中 …) and lists nothing. */
  looksBlank: boolean;
  searchForm: SearchFormFact | null;
  /** A search box without a usable form (only when there is no searchForm). */
  searchBox: SearchBoxFact | null;
  jiucuo: JiucuoFact | null;
}

// ───────────────────────────── crawl ─────────────────────────────

export interface PageSnapshot {
  /** Position in the crawl: 0 is the home page. */
  index: number;
  /** Link distance from the home page. */
  depth: number;
  /** The page whose link led here (null for the home page). */
  referrer: string | null;
  fetch: FetchRecord;
  /** null when the response was not HTML or failed. */
  facts: PageFacts | null;
}

export interface RobotsInfo {
  url: string;
  status: number | null;
  /** robots.txt was present (2xx) and parsed. */
  found: boolean;
  /** Its rules were applied (false with ignoreRobots). */
  honoured: boolean;
  crawlDelayMs: number | null;
  error?: FetchError;
}

export interface SkippedUrl {
  url: string;
  reason: 'robots' | 'page-limit' | 'time-limit';
}

export type StopReason = 'done' | 'page-limit' | 'time-limit' | 'aborted';

export interface CrawlSettings {
  maxPages: number;
  /** Requests in flight to one host (external sites: at most 4). */
  concurrency: number;
  /** Minimum gap between request starts to one host; robots.txt Crawl-delay makes it longer. */
  minDelayMs: number;
  /**
   * One of this installation's own sites, reached through its configured host: crawled at full speed (more
   * requests in flight, no Crawl-delay); robots.txt Disallow rules still apply unless ignoreRobots.
   */
  ownSite: boolean;
  /** Pages rendered in Chromium to locate the visible footer: the home page and one per template. */
  maxRenders: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  totalTimeMs: number;
  ignoreRobots: boolean;
  userAgent: string;
}

export interface SiteSnapshot {
  /** The base URL given to the crawler. */
  baseUrl: string;
  /** The home page's final URL (after redirects). */
  homeUrl: string;
  /** Hosts treated as this site (the base host and the host the home page redirected to). */
  hosts: string[];
  startedAt: string;
  finishedAt: string;
  settings: CrawlSettings;
  robots: RobotsInfo;
  /** In crawl order; pages[0] is the home page. */
  pages: PageSnapshot[];
  /** Same-site URLs found but not fetched (at most a few hundred are kept). */
  skipped: SkippedUrl[];
  stoppedBy: StopReason;
  /** The footer locating: how many templates, how many rendered, and why not when Chromium could not help. */
  rendering: RenderingSummary;
  /** Most requests that were in flight to one host at once. */
  peakInFlight: number;
}

export interface RenderingSummary {
  templates: number;
  rendered: number;
  /** Pages whose footer was located from a rendered page (theirs or their template's). */
  pagesLocated: number;
  /** Why no page was rendered (no Chromium, turned off), when none was. */
  note: string | null;
}

// ───────────────────────────── link check ─────────────────────────────

export interface LinkCheck {
  url: string;
  kind: 'link' | 'image';
  /** Anchor text or image alt. */
  text: string;
  /** The page the link is on. */
  pageUrl: string;
  /** The page is the home page (or, for a navigation-only home page, one of its second-level pages). */
  homeLevel: boolean;
  status: number | null;
  ok: boolean;
  method: 'GET' | 'HEAD' | 'crawl';
  at: string;
  ms: number;
  error?: FetchError;
}

export interface LinkCheckReport {
  checkedAt: string;
  /** Pages whose links were checked. */
  pages: string[];
  /** One entry per (page, URL): a URL repeated on one page is checked and counted once. */
  results: LinkCheck[];
  /** Links found but left unchecked because of the bounds. */
  unchecked: number;
}

// ───────────────────────────── progress ─────────────────────────────

export type ProgressEvent =
  | { phase: 'crawl'; done: number; queued: number; limit: number; url: string }
  | { phase: 'links'; done: number; total: number; url: string };
