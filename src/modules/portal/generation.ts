// Cache invalidation across app nodes sharing one database. Every change to a site's public pages bumps the
// site's "publication generation" (settings key portal.generation.<siteId>) on the node that made it; before
// serving a site from its cache, each node compares the stored generation with the one it last saw — at most
// once per interval per site, a single-row read — and drops the site's cache when another node changed it.
import type { Db } from '../../platform/db/database.ts';
import { bumpGeneration, readGeneration } from './public-content.repository.ts';

export interface GenerationOptions {
  /** How often a node looks at a site's generation; 1 s unless a test says otherwise. */
  intervalMs?: number;
  /** Monotonic milliseconds. */
  now?: () => number;
  /**
   * Runs before the node drops a site's cache for a change it did not make, and on its first look at a site:
   * read replicas must replay past that change before renders read them (ReadReplicas.advanceFence).
   */
  beforeStale?: () => Promise<void>;
}

export class GenerationSync {
  private readonly seen = new Map<number, number>();
  private readonly checkedAt = new Map<number, number>();
  /** Per site, the last queued check or bump: they run one after the other so `seen` stays consistent. */
  private readonly queue = new Map<number, Promise<void>>();
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly beforeStale: () => Promise<void>;

  constructor(
    private readonly db: Db,
    /** Drops the site's cached pages: called when the node cannot be sure its cache is current. */
    private readonly onStale: (siteId: number) => void,
    options: GenerationOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
    const before = options.beforeStale;
    this.beforeStale = before ? () => before().catch(() => undefined) : () => Promise.resolve();
  }

  /** True once this node has read the site's generation: renders may read a replica from then on. */
  looked(siteId: number): boolean {
    return this.seen.has(siteId);
  }

  private enqueue(siteId: number, op: () => Promise<void>): Promise<void> {
    const run = (this.queue.get(siteId) ?? Promise.resolve()).then(op, op);
    const settled = run.catch(() => undefined);
    this.queue.set(siteId, settled);
    void settled.then(() => {
      if (this.queue.get(siteId) === settled) this.queue.delete(siteId);
    });
    return settled;
  }

  /**
   * Before serving the site: when the last look is older than the interval, reads the generation and drops
   * the cache if another node moved it. Requests in between do not wait (they may see up to one interval of
   * another node's changes late); the request that starts a look waits for it.
   */
  check(siteId: number): Promise<void> | undefined {
    const t = this.now();
    const last = this.checkedAt.get(siteId);
    if (last !== undefined && t - last < this.intervalMs) return undefined;
    this.checkedAt.set(siteId, t);
    return this.enqueue(siteId, async () => {
      let current: number;
      try {
        current = await readGeneration(this.db, siteId);
      } catch {
        // The database is unreachable: keep serving the cache and look again next time.
        this.checkedAt.delete(siteId);
        return;
      }
      const seen = this.seen.get(siteId);
      if (seen === undefined || seen !== current) await this.beforeStale();
      if (seen !== undefined && seen !== current) this.onStale(siteId);
      this.seen.set(siteId, current);
    });
  }

  /**
   * After this node changed the site (and invalidated its own cache precisely): moves the generation on, so
   * the other nodes notice. If the new number is not the next one after what this node last saw, another node
   * changed the site in between, and this node drops its cache too.
   */
  bump(siteId: number, at: string): Promise<void> {
    return this.enqueue(siteId, async () => {
      let next: number;
      try {
        next = await bumpGeneration(this.db, siteId, at);
      } catch {
        this.onStale(siteId);
        return;
      }
      const seen = this.seen.get(siteId);
      if (seen === undefined || next !== seen + 1) {
        await this.beforeStale();
        this.onStale(siteId);
      }
      this.seen.set(siteId, next);
    });
  }
}
