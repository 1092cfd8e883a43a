// In-memory cache of rendered public pages (and of the data they are built from), keyed by site id.
// A site's entries are dropped together when its identity or column tree changes. Entries hold promises, so
// concurrent requests for the same page render it once; a render that was already running when the site
// was invalidated belongs to the dropped map and is never stored in the new one.
import { createHash } from 'node:crypto';

export interface CachedPage {
  status: number;
  contentType: string;
  body: Buffer;
  /** Strong validator: quoted hash of the body. */
  etag: string;
  /** Whole seconds; see PortalService.lastModified for why it always moves forward after a change. */
  lastModified?: Date;
  /** Compressed variants, made once on first demand and kept with the page (compression.ts). */
  encoded?: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
}

export function makePage(
  body: string | Buffer,
  contentType = 'text/html; charset=utf-8',
  status = 200,
  lastModified?: Date,
): CachedPage {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { status, contentType, body: buffer, etag: etagOf(buffer), ...(lastModified ? { lastModified } : {}) };
}

export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** True when the request's If-None-Match header names this ETag (weak comparison, as for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => {
    const c = candidate.trim();
    return c === '*' || c.replace(/^W\//, '') === bare;
  });
}

export interface PageCacheOptions {
  /** Per site; beyond it the least recently used entries are dropped. */
  maxEntriesPerSite?: number;
}

export class PageCache {
  private readonly sites = new Map<number, Map<string, Promise<unknown>>>();
  private readonly maxEntries: number;
  private hitCount = 0;
  private missCount = 0;

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntriesPerSite ?? 2000;
  }

  /** The cached value for (site, key), produced once by `produce` on a miss. Failures are not cached. */
  remember<T>(siteId: number, key: string, produce: () => Promise<T>): Promise<T> {
    const entries = this.sites.get(siteId) ?? new Map<string, Promise<unknown>>();
    this.sites.set(siteId, entries);
    const found = entries.get(key);
    if (found) {
      this.hitCount += 1;
      // Refresh recency so the eviction below drops the least recently used entry.
      entries.delete(key);
      entries.set(key, found);
      return found as Promise<T>;
    }
    this.missCount += 1;
    const promise = produce();
    entries.set(key, promise);
    promise.catch(() => {
      if (entries.get(key) === promise) entries.delete(key);
    });
    while (entries.size > this.maxEntries) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
    return promise;
  }

  /** A rendered page for (site, key): the key should name everything the page depends on besides the site. */
  page(siteId: number, key: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    return this.remember(siteId, `page:${key}`, render);
  }

  /** Stores a value for (site, key), replacing any entry. */
  set<T>(siteId: number, key: string, value: Promise<T>): void {
    const entries = this.sites.get(siteId) ?? new Map<string, Promise<unknown>>();
    this.sites.set(siteId, entries);
    entries.delete(key);
    entries.set(key, value);
  }

  /** The entry for (site, key) if there is one, without producing or touching it. */
  peek<T>(siteId: number, key: string): Promise<T> | undefined {
    return this.sites.get(siteId)?.get(key) as Promise<T> | undefined;
  }

  /** Drops the site's entries whose key passes the test; returns how many. Renders already running are not stored. */
  invalidate(siteId: number, test: (key: string) => boolean): number {
    const entries = this.sites.get(siteId);
    if (!entries) return 0;
    let n = 0;
    for (const key of [...entries.keys()]) {
      if (test(key)) {
        entries.delete(key);
        n += 1;
      }
    }
    return n;
  }

  /** The keys of a site's entries (tests and diagnostics). */
  keys(siteId: number): string[] {
    return [...(this.sites.get(siteId)?.keys() ?? [])];
  }

  /** Drops every entry of the site: call when anything shown on its pages changes. */
  invalidateSite(siteId: number): void {
    this.sites.delete(siteId);
  }

  invalidateAll(): void {
    this.sites.clear();
  }

  /** Number of cached entries (pages and page data) of one site, or of all sites. */
  size(siteId?: number): number {
    if (siteId !== undefined) return this.sites.get(siteId)?.size ?? 0;
    let n = 0;
    for (const entries of this.sites.values()) n += entries.size;
    return n;
  }

  stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.hitCount, misses: this.missCount, entries: this.size() };
  }
}
