// Housekeeping of the public account: expired sessions, codes and counters go; failed notices are retried.
import type { AppContext } from '../../context.ts';
import type { Job } from '../../platform/jobs/scheduler.ts';
import { DAY, HOUR, MINUTE } from '../../platform/time.ts';
import * as repo from './citizens.repository.ts';

export function citizenJobs(ctx: AppContext): Job[] {
  const ago = (ms: number) => new Date(ctx.clock.now().getTime() - ms).toISOString();
  return [
    {
      name: 'citizens.prune',
      everyMs: 10 * MINUTE,
      run: async () => {
        await repo.deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString());
        await repo.pruneCodes(ctx.db, ago(DAY));
        await repo.pruneLoginAttempts(ctx.db, ago(DAY));
        await ctx.rateLimiter.prune();
      },
    },
    { name: 'citizens.idempotency', everyMs: HOUR, run: () => ctx.idempotency.prune() },
    { name: 'citizens.notices', everyMs: 5 * MINUTE, run: async () => void (await ctx.citizens.notices.retryFailed()) },
  ];
}
