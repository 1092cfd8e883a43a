// The periodic jobs of this installation.
import type { AppContext } from './context.ts';
import type { Job } from './platform/jobs/scheduler.ts';
import { DAY, HOUR, MINUTE } from './platform/time.ts';
import { deleteExpiredSessions, pruneLoginFailures } from './modules/auth/session.repository.ts';
import { SYSTEM_ACTOR } from './platform/audit/audit.service.ts';
import { runExportWatch } from './modules/export/export.watch.ts';
import { citizenJobs } from './modules/citizens/citizens.jobs.ts';
import { interactionJobs } from './modules/interaction/interaction.jobs.ts';
import { AttemptCounter } from './platform/auth/attempts.ts';
import { serviceJobs } from './modules/services/services.jobs.ts';

export function housekeepingJobs(ctx: AppContext): Job[] {
  return [
    { name: 'publication.due', everyMs: 30_000, run: () => ctx.publication.runDue() },
    // Nothing published stays out of search: what a crash between a publication's commit and its indexing missed.
    { name: 'search.reconcile', everyMs: 5 * MINUTE, run: () => ctx.search.index.reconcile() },
    {
      name: 'duty.remind',
      everyMs: HOUR,
      run: async () => {
        for (const site of await ctx.sites.list()) await ctx.duty.remind(site.id);
      },
    },
    // A review step waiting longer than GOVPORTAL_REVIEW_ESCALATE_HOURS is escalated once (leader, site admins).
    { name: 'review.escalate', everyMs: 15 * MINUTE, run: () => ctx.reviewRouting.escalateWaiting() },
    { name: 'inspection.schedules', everyMs: 5 * MINUTE, run: () => ctx.inspection.runDueSchedules(SYSTEM_ACTOR) },
    // 站点无法访问 is judged on ≥ 20 probes a day for a week: one an hour gives 24.
    { name: 'inspection.availability', everyMs: HOUR, run: () => ctx.inspection.probeMonitored() },
    // 抽查: due quarterly plans are worked on (and checks that broke are retried on their schedule).
    { name: 'supervision.plans', everyMs: MINUTE, run: () => ctx.supervision.plans.runDue() },
    // 通报整改: tasks due within three days or overdue are reminded once a day.
    { name: 'supervision.remind', everyMs: HOUR, run: () => ctx.supervision.rectification.remind() },
    // Closes finished days: unique visitors counted, visitor hashes and the day's salt deleted.
    { name: 'stats.close-days', everyMs: 5 * MINUTE, run: () => ctx.stats.closeFinishedDays() },
    // 网页防篡改: the static export registered with `govportal export --watch` against its signed manifest.
    { name: 'export.watch', everyMs: 10 * MINUTE, run: () => runExportWatch(ctx) },
    // A signed checkpoint of the audit chain head, so removal of the newest audit records is detected.
    { name: 'audit.checkpoint', everyMs: DAY, run: () => ctx.audit.checkpoint() },
    {
      name: 'sessions.prune',
      everyMs: 10 * MINUTE,
      run: () => deleteExpiredSessions(ctx.db, ctx.clock.now().toISOString()),
    },
    // 数据发布: the approved site-data series get the month that just ended (idempotent: once per month).
    {
      name: 'datasets.site-data',
      everyMs: HOUR,
      run: () => ctx.datasets.publishing.runSiteData(SYSTEM_ACTOR, ctx.clock.now().toISOString()),
    },
    { name: 'datasets.open-api-counters', everyMs: 10 * MINUTE, run: () => ctx.datasets.open.prune() },
    {
      name: 'login-failures.prune',
      everyMs: HOUR,
      run: () => pruneLoginFailures(ctx.db, new Date(ctx.clock.now().getTime() - DAY).toISOString()),
    },
    // Staff login and password-change counters whose window and lock have ended.
    {
      name: 'auth-attempts.prune',
      everyMs: HOUR,
      run: () => new AttemptCounter(ctx.db, ctx.clock).prune(new Date(ctx.clock.now().getTime() - DAY).toISOString()),
    },
    // 依申请公开 answers due, the one-month feedback of solicitations, the annual reports by 31 January.
    {
      name: 'participation.remind',
      everyMs: HOUR,
      run: async () => {
        await ctx.participation.disclosure.remind();
        await ctx.participation.solicitations.remind();
        await ctx.participation.annualReports.remind();
      },
    },
    ...citizenJobs(ctx),
    ...interactionJobs(ctx),
    ...serviceJobs(ctx),
  ];
}
