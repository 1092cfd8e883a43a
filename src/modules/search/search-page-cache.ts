// The shared cache of anonymous search results pages, per worker. A popular query is searched once and then
// answered from memory; the cost of a hit is one indexed read of the versions of the (at most 50) items the page
// shows, so an item withdrawn or changed on any node — 涉密 content taken down included — never appears from the
// cache, not even for a moment. Everything else a page shows follows:
//   - this node's changes at once: publication and withdrawal, index, synonyms, service cards, sites and columns
//     clear the cache (SearchService wires them);
//   - other nodes' changes through the portal's publication generations, read at most once per interval (one
//     small query): when any site's generation moved, the cache is cleared — a parent site's search covers its
//     subordinate sites, so a change of any site may show on any search page;
//   - hot words and anything else without an event within the entry's lifetime (ttlMs).
// A render that was running when the cache was cleared belongs to the dropped map and is never kept.
import type { Db } from '../../platform/db/database.ts';
import { publicationGenerations } from '../portal/public-content.repository.ts';
import { publishedVersions } from './index.repository.ts';

/** What a render hands the cache: the value, and the content ids of the items it shows (null: do not keep). */
export interface Rendered<T> {
  value: T;
  contentIds: number[] | null;
}

/** A kept render with the versions of its items, read as it was kept. */
interface Kept<T> {
  value: T;
  contentIds: number[];
  versions: Map<number, number>;
}

interface Entry<T> {
  at: number;
  promise: Promise<Kept<T> | { value: T; contentIds: null }>;
}

export interface SearchPageCacheOptions {
  /** Entries per worker; beyond it the least recently used are dropped. */
  maxEntries?: number;
  /** How long an entry may be served at most (hot words, changes without an event). */
  ttlMs?: number;
  /** How often the other nodes' publication generations are read. */
  generationIntervalMs?: number;
  /** Monotonic milliseconds. */
  now?: () => number;
}

/**
 * The database cannot be asked (restarting, failing over): the kept page is served, as the portal serves its
 * cached pages meanwhile — nothing can be withdrawn while the database is away.
 */
const UNREACHABLE = true;

export class SearchPageCache<T> {
  private entries = new Map<string, Entry<T>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private generations: string | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | null = null;
  private hitCount = 0;
  private missCount = 0;

  constructor(
    private readonly db: Db,
    options: SearchPageCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.intervalMs = options.generationIntervalMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Drops every entry; renders still running are not kept. */
  clear(): void {
    this.entries = new Map();
  }

  stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.hitCount, misses: this.missCount, entries: this.entries.size };
  }

  /**
   * The page for `key`: from the cache when it holds one whose items are all still published in the version
   * kept, else rendered (once for concurrent requests of the same key) and kept if the render allows. `hit`
   * says which (a search answered from the cache still counts in the search log).
   */
  async page(key: string, render: () => Promise<Rendered<T>>): Promise<{ value: T; hit: boolean }> {
    await this.checkGenerations();
    const entries = this.entries;
    const found = entries.get(key);
    if (found && this.now() - found.at < this.ttlMs) {
      const kept = await found.promise.catch(() => null);
      if (kept?.contentIds && (await this.current(kept as Kept<T>).catch(() => UNREACHABLE))) {
        this.hitCount += 1;
        // Refresh recency so the eviction drops the least recently used entry.
        if (entries.get(key) === found) {
          entries.delete(key);
          entries.set(key, found);
        }
        return { value: kept.value, hit: true };
      }
      if (entries.get(key) === found) entries.delete(key);
    } else if (found) entries.delete(key);
    this.missCount += 1;
    const entry: Entry<T> = { at: this.now(), promise: render().then((r) => this.keep(r)) };
    entries.set(key, entry);
    const forget = () => {
      if (entries.get(key) === entry) entries.delete(key);
    };
    entry.promise.then((r) => r.contentIds === null && forget(), forget);
    while (entries.size > this.maxEntries) entries.delete(entries.keys().next().value as string);
    return { value: (await entry.promise).value, hit: false };
  }

  /** The versions of the items shown, read now; an item already gone makes the render one not to keep. */
  private async keep(r: Rendered<T>): Promise<Kept<T> | { value: T; contentIds: null }> {
    if (r.contentIds === null) return { value: r.value, contentIds: null };
    const versions = await publishedVersions(this.db, r.contentIds);
    if (r.contentIds.some((id) => !versions.has(id))) return { value: r.value, contentIds: null };
    return { value: r.value, contentIds: r.contentIds, versions };
  }

  /** True when every item the page shows is still published in the version kept. */
  private async current(kept: Kept<T>): Promise<boolean> {
    if (kept.contentIds.length === 0) return true;
    const live = await publishedVersions(this.db, kept.contentIds);
    return kept.contentIds.every((id) => live.get(id) === kept.versions.get(id));
  }

  /**
   * At most once per interval: clears the cache when another node moved a publication generation. The request
   * that starts the look waits for it; the others go on meanwhile (as the portal's pages do).
   */
  private checkGenerations(): Promise<void> | undefined {
    const t = this.now();
    if (t - this.checkedAt < this.intervalMs) return undefined;
    if (this.checking) return this.checking;
    this.checkedAt = t;
    this.checking = publicationGenerations(this.db)
      .then(
        (seen) => {
          if (this.generations !== null && seen !== this.generations) this.clear();
          this.generations = seen;
        },
        () => {
          // The database is unreachable: the search itself will say so; look again next time.
          this.checkedAt = Number.NEGATIVE_INFINITY;
        },
      )
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }
}

/**
 * Runs searches with at most `active` at a time per worker and `waiting` queued: beyond that the search is
 * refused at once (the caller answers 503 系统繁忙), so a flood of distinct queries cannot drown the event loop
 * that also answers /healthz and cached pages.
 */
export class WorkLimit {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    public active: number,
    public waiting: number,
  ) {}

  /** Runs `work` when a place is free; throws `busy()` at once (nothing run) when the queue is full too. */
  async run<R>(work: () => Promise<R>, busy: () => Error): Promise<R> {
    if (this.running >= this.active) {
      if (this.queue.length >= this.waiting) throw busy();
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Searches running and queued (diagnostics and tests). */
  load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queue.length };
  }
}
