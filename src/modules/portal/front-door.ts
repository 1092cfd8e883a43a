// The front door of the public site: a GET for a URL whose page is in the page cache is answered straight from
// node:http, before Fastify builds its request and reply — that machinery costs about a third of the
// throughput for a cached page. Per hit: one Map lookup by (protocol, host, care mode, URL), a check that the
// page cache still holds the same entry (so every invalidation applies here at once), and one write of a
// prepared header list and Buffer. No database work, except the once-a-second looks at the publication
// generation and the sites list that keep several nodes (or workers) current. Everything else — first
// requests, HEAD, misses, a compressed variant not made yet, 404s and redirects — goes on to Fastify, which
// remembers the URL here when the cache answered it. Page views are counted and requests logged as there.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { SiteView } from '../sites/sites.schema.ts';
import type { StatsService } from '../stats/stats.service.ts';
import { isHumanAgent, isPagePath, looksLikePage } from '../stats/visitor.ts';
import type { CachedPage } from './portal-cache.ts';
import { encodedBody, isCompressible, negotiate, type Encoding } from './compression.ts';
import { isNotModified, validatorHeaders } from './page-response.ts';
import { CARE_COOKIE, type CacheEntryRef, type PortalRequest, type PortalService } from './portal.service.ts';

/** Per worker; beyond it the oldest URLs are forgotten (they are still served, through Fastify). */
const MAX_URLS = 5000;
/** Longer URLs are not remembered: junk query strings should not fill the map. */
const MAX_URL_LENGTH = 512;
/** How often the sites list is compared, for hosts that change site (a new site, a domain moved). */
const SITES_INTERVAL_MS = 1000;

interface Representation {
  etag: string;
  /** 200: everything, as a flat [name, value, …] list ready for writeHead. */
  full: string[];
  /** 304: the same without the body's own headers. */
  notModified: string[];
  body: Buffer;
}

interface Entry extends CacheEntryRef {
  page: CachedPage;
  csp: string;
  path: string;
  variants: Partial<Record<Encoding | 'identity', Representation>>;
}

export interface FrontDoorOptions {
  stats: StatsService;
  /** GOVPORTAL_TRUST_PROXY: read X-Forwarded-Host, -Proto and -For as Fastify does. */
  trustProxy: boolean;
  log: FastifyBaseLogger;
  sites: () => Promise<SiteView[]>;
}

const flat = (headers: Record<string, string>) => Object.entries(headers).flat();
const lastEntry = (value: string) => value.slice(value.lastIndexOf(',') + 1).trim();

/** The care-mode cookie's value, as @fastify/cookie reads it (first occurrence, trimmed, quotes removed). */
export function careFromCookie(header: string | undefined): boolean {
  if (!header?.includes(CARE_COOKIE)) return false;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== CARE_COOKIE) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return (value.includes('%') ? decodeURIComponent(value) : value) === '1';
    } catch {
      return value === '1';
    }
  }
  return false;
}

/** Each app's front door, for tests and diagnostics. */
export const frontDoors = new WeakMap<object, FrontDoor>();

export class FrontDoor {
  private readonly entries = new Map<string, Entry>();
  private readonly encodings = new Map<string, Encoding | null>();
  private sitesCheckedAt = -Infinity;
  private sitesSeen: string | null = null;
  private sitesPending: Promise<void> | null = null;
  private open = true;
  private answered = 0;

  constructor(
    private readonly portal: PortalService,
    private readonly options: FrontDoorOptions,
  ) {}

  /** Puts the front door before Fastify's handler on its HTTP server; false when the server is not the usual one. */
  install(server: Server): boolean {
    const listeners = server.listeners('request') as RequestListener[];
    if (listeners.length !== 1) return false;
    const fastify = listeners[0]!;
    server.removeListener('request', fastify);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!this.serve(req, res, fastify)) fastify(req, res);
    });
    return true;
  }

  /** Stops answering (the app is closing: Fastify then answers 503 as it should). */
  close(): void {
    this.open = false;
    this.entries.clear();
  }

  clear(): void {
    this.entries.clear();
  }

  /** URLs remembered and requests answered here (tests and diagnostics). */
  stats(): { urls: number; answered: number } {
    return { urls: this.entries.size, answered: this.answered };
  }

  /** What Fastify's request.protocol and request.host say for this request. */
  private origin(req: IncomingMessage): { protocol: 'http' | 'https'; host: string } {
    const h = req.headers;
    const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
    if (!this.options.trustProxy) return { protocol: encrypted ? 'https' : 'http', host: h.host ?? '' };
    const fh = h['x-forwarded-host'];
    const fp = h['x-forwarded-proto'];
    return {
      protocol: typeof fp === 'string' ? (lastEntry(fp) as 'http' | 'https') : encrypted ? 'https' : 'http',
      host: typeof fh === 'string' ? lastEntry(fh) : (h.host ?? ''),
    };
  }

  private key(protocol: string, host: string, care: boolean, url: string): string {
    return `${protocol}\n${host}\n${care ? 1 : 0}\n${url}`;
  }

  /** Called by the Fastify route after the page cache answered `request`. */
  remember(request: PortalRequest, ref: CacheEntryRef, page: CachedPage, csp: string): void {
    if (!this.open || request.url.length > MAX_URL_LENGTH) return;
    const key = this.key(request.protocol, request.host ?? '', request.care, request.url);
    // Already known (Fastify answered while a compressed variant was being prepared): keep its variants.
    if (this.entries.get(key)?.entry === ref.entry) return;
    if (this.entries.size >= MAX_URLS) this.entries.delete(this.entries.keys().next().value as string);
    const q = request.url.indexOf('?');
    const entry: Entry = { ...ref, page, csp, path: q < 0 ? request.url : request.url.slice(0, q), variants: {} };
    entry.variants.identity = this.representation(entry, null, page.body);
    this.entries.set(key, entry);
  }

  private representation(entry: Entry, encoding: Encoding | null, body: Buffer): Representation {
    const headers = validatorHeaders(entry.page, encoding, { csp: entry.csp });
    const full = {
      ...headers,
      'content-type': entry.page.contentType,
      ...(encoding ? { 'content-encoding': encoding } : {}),
      'content-length': String(body.length),
    };
    return { etag: headers.etag!, full: flat(full), notModified: flat(headers), body };
  }

  /** True when it answered (or will, after a due look at the database); false: Fastify's turn. */
  serve(req: IncomingMessage, res: ServerResponse, next: RequestListener): boolean {
    if (!this.open || req.method !== 'GET' || this.entries.size === 0) return false;
    const { protocol, host } = this.origin(req);
    const key = this.key(protocol, host, careFromCookie(req.headers.cookie), req.url ?? '');
    const entry = this.entries.get(key);
    if (!entry) return false;
    const pending = this.checkSites() ?? this.portal.generation.check(entry.siteId);
    if (!pending) return this.answer(key, req, res, host);
    void pending.then(() => {
      if (!this.answer(key, req, res, host)) next(req, res);
    });
    return true;
  }

  /** Once a second: hosts may belong to another site now (a site added or its domains changed on any node). */
  private checkSites(): Promise<void> | undefined {
    const now = performance.now();
    if (this.sitesPending) return this.sitesPending;
    if (now - this.sitesCheckedAt < SITES_INTERVAL_MS) return undefined;
    this.sitesCheckedAt = now;
    this.sitesPending = this.options
      .sites()
      .then(
        (sites) => {
          const seen = JSON.stringify(sites.map((s) => [s.id, s.parentId, s.code, s.domains]));
          if (this.sitesSeen !== null && seen !== this.sitesSeen) this.entries.clear();
          this.sitesSeen = seen;
        },
        () => {
          // The database is unreachable: keep answering from the cache, look again next time.
        },
      )
      .finally(() => {
        this.sitesPending = null;
      });
    return this.sitesPending;
  }

  private answer(key: string, req: IncomingMessage, res: ServerResponse, host: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (this.portal.cache.peek(entry.siteId, entry.key) !== entry.entry) {
      this.entries.delete(key);
      return false;
    }
    const encoding = isCompressible(entry.page) ? this.negotiate(req.headers['accept-encoding']) : null;
    const variant = entry.variants[encoding ?? 'identity'];
    if (!variant) {
      // Fastify compresses it this time; later requests get it from here.
      if (encoding)
        void encodedBody(entry.page, encoding).then(
          (body) => {
            entry.variants[encoding] = this.representation(entry, encoding, body);
          },
          () => undefined,
        );
      return false;
    }
    const started = performance.now();
    const notModified = isNotModified(
      entry.page,
      variant.etag,
      req.headers['if-none-match'],
      req.headers['if-modified-since'],
    );
    const status = notModified ? 304 : entry.page.status;
    try {
      if (notModified) res.writeHead(304, variant.notModified).end();
      else res.writeHead(status, variant.full).end(variant.body);
    } catch {
      return true; // the socket is gone
    }
    this.answered += 1;
    this.count(entry, status, req, host);
    this.logRequest(req, host, status, started);
    return true;
  }

  private negotiate(header: string | string[] | undefined): Encoding | null {
    const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
    let found = this.encodings.get(raw);
    if (found === undefined) {
      found = negotiate(header);
      if (this.encodings.size >= 200) this.encodings.clear();
      this.encodings.set(raw, found);
    }
    return found;
  }

  /** As stats.routes countPageView: a 200 HTML page or a 304 for a page path, seen by a person's browser. */
  private count(entry: Entry, status: number, req: IncomingMessage, host: string): void {
    if (!isPagePath(entry.path)) return;
    if (status === 200 ? !entry.page.contentType.startsWith('text/html') : status !== 304 || !looksLikePage(entry.path))
      return;
    const ua = req.headers['user-agent'];
    if (!isHumanAgent(ua)) return;
    this.options.stats.recordView(host, entry.path, this.ip(req), ua!);
  }

  /** Fastify's request.ip: with a trusted proxy, the first address of X-Forwarded-For. */
  private ip(req: IncomingMessage): string {
    const remote = req.socket.remoteAddress ?? '';
    const xff = this.options.trustProxy ? req.headers['x-forwarded-for'] : undefined;
    if (typeof xff !== 'string') return remote;
    return (
      xff
        .split(',')
        .map((a) => a.trim())
        .find((a) => a) ?? remote
    );
  }

  private logRequest(req: IncomingMessage, host: string, statusCode: number, started: number): void {
    const { log } = this.options;
    if (log.level !== 'info' && log.level !== 'debug' && log.level !== 'trace') return;
    // Shaped for Fastify's req serializer, so the line reads like Fastify's own.
    const request = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      host,
      ip: this.ip(req),
      socket: req.socket,
    };
    log.info({ req: request, res: { statusCode }, responseTime: performance.now() - started }, 'request completed');
  }
}
