// A double click creates one record: parallel submissions with the same key, on both dialects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DIALECT, testEnv } from '../../test/helpers.ts';
import { AppError } from './errors.ts';

test(`five parallel submissions with one idempotency key create one record (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  const { ctx } = env;
  const key = randomUUID();
  const submit = () =>
    ctx.idempotency.run('test.form', 'citizen:1', key, async (trx) => {
      const signature = randomUUID();
      await trx.insertInto('challenge_uses').values({ signature, expires_at: '2099-01-01T00:00:00.000Z' }).execute();
      return { signature };
    });
  const results = await Promise.allSettled(Array.from({ length: 5 }, submit));
  const done = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  const rows = await ctx.db.selectFrom('challenge_uses').selectAll().execute();
  assert.equal(rows.length, 1, 'one record');
  assert.ok(done.length >= 1);
  assert.ok(
    done.every((d) => d.result.signature === rows[0].signature),
    'every answer names that record',
  );
  assert.equal(done.filter((d) => !d.repeated).length, 1);
  // Another person's identical key is theirs alone; a malformed key is refused.
  const other = await ctx.idempotency.run('test.form', 'citizen:2', key, async () => ({ signature: 'x' }));
  assert.equal(other.repeated, false);
  await assert.rejects(
    ctx.idempotency.run('test.form', 'citizen:1', 'short', async () => 1),
    (e: unknown) => e instanceof AppError && e.code === 'IDEMPOTENCY_KEY_INVALID',
  );
});
