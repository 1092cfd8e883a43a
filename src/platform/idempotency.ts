// Idempotency keys for forms: a submission carries a key made when the form was shown (a hidden field); the first
// submission with that key creates the record, every repeat (a double click, a resent form, a retry after a
// timeout) gets the same result back instead of a second record.
//
// The key row is inserted in the same transaction as the record: a concurrent repeat waits on the key's primary
// key until the first commits (PostgreSQL) or on the write lock (SQLite), then finds the stored result.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from './db/database.ts';
import type { Database } from './db/schema.ts';
import type { Clock } from './time.ts';
import { AppError } from './errors.ts';

export const IDEMPOTENCY_FIELD = 'idempotencyKey';
const KEY = /^[A-Za-z0-9_-]{16,80}$/;

/** A fresh key for a form being shown. */
export const newIdempotencyKey = (): string => randomUUID();

export const validIdempotencyKey = (key: unknown): key is string => typeof key === 'string' && KEY.test(key);

export class Idempotency {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `create` once per (scope, owner, key) and returns its result; a repeat returns the first result (JSON
   * round-tripped) with `repeated: true`. `owner` is who submits (`citizen:12`, `anon:<form cookie hash>`), so one
   * person's key never answers for another's.
   */
  async run<T>(
    scope: string,
    owner: string,
    key: string,
    create: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<{ result: T; repeated: boolean }> {
    if (!validIdempotencyKey(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
    const at = this.clock.now().toISOString();
    const done = await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('idempotency_keys')
        .values({ scope, owner, key, result: null, created_at: at })
        .onConflict((oc) => oc.columns(['scope', 'owner', 'key']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
      const result = await create(trx);
      await trx
        .updateTable('idempotency_keys')
        .set({ result: JSON.stringify(result ?? null) })
        .where('scope', '=', scope)
        .where('owner', '=', owner)
        .where('key', '=', key)
        .execute();
      return { result };
    });
    if (done) return { result: done.result, repeated: false };
    const row = await this.db
      .selectFrom('idempotency_keys')
      .select('result')
      .where('scope', '=', scope)
      .where('owner', '=', owner)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || row.result === null) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    return { result: JSON.parse(row.result) as T, repeated: true };
  }

  /** Keys older than `days` are forgotten (a housekeeping job); a form is not resubmitted weeks later. */
  async prune(days = 7): Promise<void> {
    const before = new Date(this.clock.now().getTime() - days * 86_400_000).toISOString();
    await this.db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
  }
}
