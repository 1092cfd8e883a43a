// The periodic jobs of this installation.
import type { AppContext } from './context.ts';
import type { Job } from './platform/jobs/scheduler.ts';
import { DAY, HOUR, MINUTE } from './platform/time.ts';
import { deleteExpiredSessions, pruneLoginFailures } from './modules/auth/session.repository.ts';
import { SYSTEM_ACTOR } from './platform/audit/audit.service.ts';

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
    { name: 'inspection.schedules', everyMs: 5 * MINUTE, run: () => ctx.inspection.runDueSchedules(SYSTEM_ACTOR) },
    // 站点无法访问 is judged on ≥ 20 probes a day for a week: one an hour gives 24.
    { name: 'inspection.availability', everyMs: HOUR, run: () => ctx.inspection.probeMonitored() },
    { name: 'sessions.prune', everyMs: 10 * MINUTE, run: () => deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString()) },
    { name: 'login-failures.prune', everyMs: HOUR, run: () => pruneLoginFailures(ctx.db, new Date(ctx.clock.now().getTime() - DAY).toISOString()) },
  ];
}
