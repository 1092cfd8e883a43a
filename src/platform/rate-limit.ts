// Rate limits shared by every app node: fixed-window counters in the database. A hit is counted first (one
// atomic upsert that returns the new count) and the decision is taken on that count, so parallel requests on
// several nodes can never all slip under the limit.
import { sql } from 'kysely';
import type { Db } from './db/database.ts';
import type { Clock } from './time.ts';
import { AppError } from './errors.ts';

export interface Limit {
  /** Names the counter: `citizen.code.ip`, `form.anonymous.ip` … */
  bucket: string;
  max: number;
  windowMs: number;
}

export interface LimitResult {
  allowed: boolean;
  hits: number;
  /** Seconds until the window ends. */
  retryAfter: number;
}

export class RateLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit against `key` and says whether it is within the limit. */
  async hit(limit: Limit, key: string): Promise<LimitResult> {
    const now = this.clock.now().getTime();
    const start = now - (now % limit.windowMs);
    const windowStart = new Date(start).toISOString();
    const expiresAt = new Date(start + limit.windowMs).toISOString();
    const row = await this.db
      .insertInto('rate_limits')
      .values({
        bucket: limit.bucket,
        key: key.slice(0, 128),
        window_start: windowStart,
        hits: 1,
        expires_at: expiresAt,
      })
      .onConflict((oc) =>
        oc.columns(['bucket', 'key', 'window_start']).doUpdateSet({ hits: sql<number>`rate_limits.hits + 1` }),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
    const hits = Number(row.hits);
    return { allowed: hits <= limit.max, hits, retryAfter: Math.ceil((start + limit.windowMs - now) / 1000) };
  }

  /** Counts a hit and refuses with RATE_LIMITED (429) beyond the limit. */
  async enforce(limit: Limit, key: string): Promise<void> {
    const result = await this.hit(limit, key);
    if (!result.allowed)
      throw new AppError('RATE_LIMITED', { minutes: Math.max(1, Math.ceil(result.retryAfter / 60)) });
  }

  /** Drops windows that have ended (a housekeeping job). */
  async prune(): Promise<number> {
    const result = await this.db
      .deleteFrom('rate_limits')
      .where('expires_at', '<', this.clock.now().toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }
}
