// The periodic work of online services: the published statistics are recomputed when they are a day old (so the
// public page always meets the one-month freshness rule), and departments are reminded of deadlines falling due
// and their leaders of overdue applications.
import type { AppContext } from '../../context.ts';
import type { Job } from '../../platform/jobs/scheduler.ts';
import { HOUR } from '../../platform/time.ts';

export function serviceJobs(ctx: AppContext): Job[] {
  const eachSite = async (run: (siteId: number) => Promise<unknown>) => {
    for (const site of await ctx.sites.list()) await run(site.id);
  };
  return [
    { name: 'services.stats', everyMs: HOUR, run: () => eachSite((id) => ctx.services.stats.refreshIfStale(id)) },
    { name: 'services.remind', everyMs: HOUR, run: () => eachSite((id) => ctx.services.handling.remind(id)) },
  ];
}
