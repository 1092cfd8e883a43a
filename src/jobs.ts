// The periodic jobs of this installation.
import type { AppContext } from './context.ts';
import type { Job } from './platform/jobs/scheduler.ts';
import { DAY, HOUR, MINUTE } from './platform/time.ts';
import { deleteExpiredSessions, pruneLoginFailures } from './modules/auth/session.repository.ts';

export function housekeepingJobs(ctx: AppContext): Job[] {
  return [
    { name: 'publication.due', everyMs: 30_000, run: () => ctx.publication.runDue() },
    {
      name: 'duty.remind',
      everyMs: HOUR,
      run: async () => {
        for (const site of await ctx.sites.list()) await ctx.duty.remind(site.id);
      },
    },
    { name: 'sessions.prune', everyMs: 10 * MINUTE, run: () => deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString()) },
    { name: 'login-failures.prune', everyMs: HOUR, run: () => pruneLoginFailures(ctx.db, new Date(ctx.clock.now().getTime() - DAY).toISOString()) },
  ];
}
