// The message board's periodic work: the release review's decisions read back (also those taken while this node
// was down, and replies not put online, which publish nothing), and the reminders and escalations of time limits.
import type { AppContext } from '../../context.ts';
import type { Job } from '../../platform/jobs/scheduler.ts';
import { MINUTE } from '../../platform/time.ts';

export function interactionJobs(ctx: AppContext): Job[] {
  return [
    {
      name: 'interaction.reconcile',
      everyMs: MINUTE,
      run: async () => void (await ctx.interaction.replies.reconcile()),
    },
    { name: 'interaction.alerts', everyMs: 15 * MINUTE, run: async () => void (await ctx.interaction.alerts.run()) },
  ];
}
