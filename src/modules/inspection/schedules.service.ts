// Scheduled inspections and the availability probes of the sites they monitor: the 站点无法访问 rule wants
// at least 20 probes a day for a week, so every scheduled target is probed hourly.
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { type Clock, DAY, HOUR } from '../../platform/time.ts';
import { probeOnce } from './external/index.ts';
import * as repo from './inspection.repository.ts';
import type { InspectionScope } from './scope.ts';
import { normalTargetUrl } from './target-url.ts';

/** How far back a run looks at the probes (the rule's week, and a day's margin). */
const PROBE_WINDOW_MS = 8 * DAY;

export interface ScheduledRun {
  id: number;
  /** The run options stored with the schedule. */
  options: string;
}

export class SchedulesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(
    actor: Actor,
    options: { url: string; siteId?: number | null; everyHours: number } & Record<string, unknown>,
  ): Promise<number> {
    const url = normalTargetUrl(options.url);
    const at = this.clock.now();
    const id = await repo.insertSchedule(this.db, {
      target_url: url,
      site_id: options.siteId ?? null,
      every_hours: options.everyHours,
      options: JSON.stringify({ ...options, url }),
      next_run_at: new Date(at.getTime() + options.everyHours * HOUR).toISOString(),
      created_by: actor.userId,
      created_at: at.toISOString(),
    });
    await this.audit.recordAlone(actor, {
      action: 'inspection.schedule',
      targetType: 'inspection_schedule',
      targetId: id,
      siteId: options.siteId ?? null,
      detail: { url, everyHours: options.everyHours },
    });
    return id;
  }

  list(scope: InspectionScope) {
    return repo.listSchedules(this.db, scope);
  }

  /** An active schedule. */
  async get(id: number) {
    const row = await repo.findSchedule(this.db, id);
    if (!row) throw new AppError('SCHEDULE_NOT_FOUND');
    return row;
  }

  async stop(actor: Actor, id: number): Promise<void> {
    const row = await this.get(id);
    await repo.deactivateSchedule(this.db, id);
    await this.audit.recordAlone(actor, {
      action: 'inspection.unschedule',
      targetType: 'inspection_schedule',
      targetId: id,
      siteId: row.site_id,
    });
  }

  /** The schedules due now, each moved to its next time before it is returned (so it runs once). */
  async takeDue(): Promise<ScheduledRun[]> {
    const now = this.clock.now();
    const due = await repo.dueSchedules(this.db, now.toISOString());
    for (const s of due)
      await repo.moveSchedule(this.db, s.id, new Date(now.getTime() + s.every_hours * HOUR).toISOString());
    return due.map((s) => ({ id: s.id, options: s.options }));
  }

  /** One availability probe of a target. */
  async probe(targetUrl: string): Promise<void> {
    const url = normalTargetUrl(targetUrl);
    const p = await probeOnce(url);
    await repo.insertProbe(this.db, {
      target_url: url,
      at: new Date(p.at).toISOString(),
      ok: p.ok ? 1 : 0,
      ms: Math.round(p.ms),
      status: p.status ?? null,
      error: p.error ?? null,
    });
  }

  /** Probes every target a schedule monitors. */
  async probeMonitored(): Promise<number> {
    const targets = await repo.monitoredTargets(this.db);
    for (const t of targets) await this.probe(t);
    return targets.length;
  }

  /** The probes a run at `now` takes into account. */
  async probesFor(targetUrl: string, now: Date) {
    const rows = await repo.probesSince(
      this.db,
      normalTargetUrl(targetUrl),
      new Date(now.getTime() - PROBE_WINDOW_MS).toISOString(),
    );
    return rows.map((r) => ({ at: r.at, ok: r.ok === 1, ms: r.ms, status: r.status, error: r.error ?? undefined }));
  }
}
