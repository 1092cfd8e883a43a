// Failed-attempt counters that concurrency cannot beat (staff logins per account name and per IP address,
// password changes per account). An attempt is counted before anything is checked: one atomic upsert increments
// the counter and returns the number this attempt got, and the caller decides on that number. So 40 parallel
// guesses on several nodes get the numbers 1…40, and only those numbered within the limit are ever evaluated.
// A counter exists for any key, whether an account of that name exists or not, so the answers never tell.
// The citizens' login counters (citizens.repository.ts countLoginAttempt) follow the same rule on their table.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../time.ts';
import { MINUTE } from '../time.ts';

/** A login counter's key: the name as typed, case-folded and hashed (an unknown name gets a counter too). */
export const loginKey = (username: string): string =>
  createHash('sha256').update(username.trim().toLowerCase()).digest('hex');

export type AttemptScope = 'staff.login' | 'staff.login.ip' | 'staff.password';

export interface Attempt {
  /** This attempt's number within the current window (1 for the first). */
  number: number;
  /** The lock in force when the attempt was counted; null when none. */
  lockedUntil: string | null;
}

export class AttemptCounter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts one attempt against `key`: a window older than `windowMinutes`, or an expired lock, starts again at 1;
   * during a lock the count stands still (and the lock is returned).
   */
  async count(scope: AttemptScope, key: string, windowMinutes: number): Promise<Attempt> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const windowStart = new Date(now.getTime() - windowMinutes * MINUTE).toISOString();
    const row = await this.db
      .insertInto('auth_attempts')
      .values({ scope, key: key.slice(0, 128), failures: 1, locked_until: null, updated_at: nowIso })
      .onConflict((oc) =>
        oc.columns(['scope', 'key']).doUpdateSet({
          failures: sql<number>`case
            when auth_attempts.locked_until is not null and auth_attempts.locked_until > ${nowIso}
              then auth_attempts.failures
            when auth_attempts.locked_until is not null or auth_attempts.updated_at < ${windowStart}
              then 1
            else auth_attempts.failures + 1 end`,
          locked_until: sql<string | null>`case
            when auth_attempts.locked_until is not null and auth_attempts.locked_until > ${nowIso}
              then auth_attempts.locked_until
            else null end`,
          updated_at: nowIso,
        }),
      )
      .returning(['failures', 'locked_until'])
      .executeTakeFirstOrThrow();
    return { number: Number(row.failures), lockedUntil: row.locked_until };
  }

  /** Locks `key` for `minutes`; true for the one caller that set the lock (so it alone is audited). */
  async lock(scope: AttemptScope, key: string, minutes: number): Promise<{ set: boolean; until: string }> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + minutes * MINUTE).toISOString();
    const result = await this.db
      .updateTable('auth_attempts')
      .set({ locked_until: until, updated_at: nowIso })
      .where('scope', '=', scope)
      .where('key', '=', key.slice(0, 128))
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
      .executeTakeFirst();
    return { set: Number(result.numUpdatedRows) === 1, until };
  }

  /** Locks `key` now whether or not it was counted before (a password-change lockout locks the login too). */
  async lockNow(scope: AttemptScope, key: string, minutes: number): Promise<string> {
    const nowIso = this.clock.now().toISOString();
    const until = new Date(this.clock.now().getTime() + minutes * MINUTE).toISOString();
    await this.db
      .insertInto('auth_attempts')
      .values({ scope, key: key.slice(0, 128), failures: 0, locked_until: until, updated_at: nowIso })
      .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ locked_until: until, updated_at: nowIso }))
      .execute();
    return until;
  }

  /** Forgets one counted attempt (a login that succeeded does not count against its IP address). */
  async forgive(scope: AttemptScope, key: string): Promise<void> {
    await this.db
      .updateTable('auth_attempts')
      .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
      .where('scope', '=', scope)
      .where('key', '=', key.slice(0, 128))
      .where('locked_until', 'is', null)
      .execute();
  }

  /** Clears the counter and any lock (a successful login, an unlock, a password reset). */
  async clear(scope: AttemptScope, key: string, trx: Db = this.db): Promise<void> {
    await trx.deleteFrom('auth_attempts').where('scope', '=', scope).where('key', '=', key.slice(0, 128)).execute();
  }

  /** Drops counters idle since `before` whose lock, if any, has ended (a housekeeping job). */
  async prune(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('auth_attempts')
      .where('updated_at', '<', before)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }
}
