// Inspection runs: started by an inspector (admin console), by the CLI or by a schedule; progress and reports
// are kept in the database, so any app node can show them. Also the manual findings, the availability probes
// and the comparison of runs.
//
// A run's status: queued → running → done | failed | cancelled. Cancelling writes 'cancelled' to the database
// at once (any node may be asked); the node running it aborts its crawl when told directly, and otherwise
// notices the status within a second. A cancelled run has no report and no place in the trend.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { DAY, HOUR } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { AppError } from '../../platform/errors.ts';
import type { InspectionRun } from '../../platform/db/schema.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { DutyService } from '../duty/duty.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import { cancelledError, inspect, type InspectionReport, type RunProgress } from './engine.ts';
import { evidenceUrls, takeScreenshots } from './evidence.ts';
import { probeOnce } from './external/index.ts';
import { findIndicator, GOV_WEBSITE_CATALOGUE } from './indicators.ts';
import { InspectionInputError, scoreInspection, type Finding } from './scoring.ts';
import { InternalChecks } from './internal/internal-checks.ts';
import * as repo from './inspection.repository.ts';
import type { InspectionScope } from './scope.ts';

export interface RunOptions {
  url: string;
  siteId?: number | null;
  maxPages?: number;
  noServices?: boolean;
  ignoreRobots?: boolean;
  screenshots?: boolean;
  seed?: number;
  publicHost?: string;
}

export interface ManualFindingInput {
  url: string;
  indicatorId: string;
  subRule?: number | null;
  part?: string | null;
  points?: number | null;
  message: string;
  evidenceUrl?: string | null;
  note?: string | null;
  screenshotFileKey?: string | null;
  /** The platform site the finding is for: it then counts only in that site's runs. */
  siteId?: number | null;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
const ACTIVE: RunStatus[] = ['queued', 'running'];
/** How often a running run looks whether another node cancelled it. */
const CANCEL_POLL_MS = 1000;

const normalUrl = (url: string) => {
  const u = new URL(url);
  if (!/^https?:$/.test(u.protocol)) throw new AppError('VALIDATION_FAILED', '只能检查 http:// 或 https:// 网站');
  u.hash = '';
  return u.toString();
};

/** A finding's identity across runs, for 新发现 / 已整改 / 仍存在. */
export const findingKey = (
  indicatorId: string,
  f: { subRule?: number; part?: string; message: string; evidence?: Readonly<Record<string, unknown>> },
) =>
  [indicatorId, f.part ?? '', f.subRule ?? '', (f.evidence as { url?: string } | undefined)?.url ?? '', f.message].join(
    '|',
  );

export class InspectionService {
  readonly internalChecks = new InternalChecks();
  private readonly running = new Map<number, AbortController>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly fileStore: FileStore,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    private readonly duty: DutyService,
  ) {}

  /** Runs left half-done by a stopped server are marked failed, never shown as running forever. */
  async recover(): Promise<void> {
    await repo.failStaleRuns(this.db, this.clock.now().toISOString());
  }

  async create(actor: Actor, options: RunOptions): Promise<number> {
    const url = normalUrl(options.url);
    if (options.siteId) await this.sites.get(options.siteId);
    const at = this.clock.now().toISOString();
    const id = await repo.insertRun(this.db, {
      site_id: options.siteId ?? null,
      target_url: url,
      status: 'queued',
      options: JSON.stringify({ ...options, url }),
      progress: JSON.stringify({ stage: 'crawl', done: 0, total: options.maxPages ?? 60, message: '排队中' }),
      verdict: null,
      deduction_score: null,
      bonus_score: null,
      total_score: null,
      untested_points: null,
      report: null,
      error: null,
      created_by: actor.userId,
      created_at: at,
      started_at: null,
      finished_at: null,
    });
    await this.audit.recordAlone(actor, {
      action: 'inspection.start',
      targetType: 'inspection_run',
      targetId: id,
      siteId: options.siteId ?? null,
      detail: { url, options },
    });
    return id;
  }

  /** Starts a run in the background of this process and returns at once. */
  async start(actor: Actor, options: RunOptions): Promise<number> {
    const id = await this.create(actor, options);
    void this.execute(id).catch(() => {});
    return id;
  }

  async execute(id: number, onProgress?: (p: RunProgress) => void): Promise<InspectionReport> {
    const run = await this.run(id);
    if (run.status === 'cancelled') throw cancelledError();
    const options = JSON.parse(run.options) as RunOptions;
    const controller = new AbortController();
    const { signal } = controller;
    this.running.set(id, controller);
    // A cancel made on another app node (or by the admin console while the CLI runs it) is seen in the database.
    const watch = setInterval(() => {
      void repo.runStatus(this.db, id).then(
        (status) => status === 'cancelled' && controller.abort(),
        () => {},
      );
    }, CANCEL_POLL_MS);
    watch.unref();
    let lastWrite = 0;
    const progress = (p: RunProgress) => {
      if (signal.aborted) return;
      onProgress?.(p);
      // Written at most twice a second: enough for a live progress bar, cheap for the database.
      if (Date.now() - lastWrite > 500 || p.stage === 'done') {
        lastWrite = Date.now();
        void repo.updateRunIf(this.db, id, ['running'], { progress: JSON.stringify(p) }).catch(() => {});
      }
    };
    try {
      if (
        !(await repo.updateRunIf(this.db, id, ['queued'], {
          status: 'running',
          started_at: this.clock.now().toISOString(),
        }))
      )
        throw cancelledError();
      const siteId = run.site_id;
      const site = siteId ? await this.sites.get(siteId) : null;
      const now = this.clock.now();
      const { report } = await inspect(
        {
          baseUrl: run.target_url,
          maxPages: options.maxPages,
          noServices: options.noServices,
          ignoreRobots: options.ignoreRobots,
          seed: options.seed,
          now,
          publicHost: options.publicHost ?? site?.domains[0],
          onProgress: progress,
          signal,
        },
        {
          internal: siteId
            ? (at, seed) =>
                this.internalChecks.run({
                  db: this.db,
                  siteId,
                  now: at,
                  seed,
                  columns: this.columns,
                  duty: this.duty,
                  url: (p) => new URL(p, run.target_url).toString(),
                })
            : undefined,
          manual: await this.manualFindings(run.target_url, siteId),
          probes: await this.probes(run.target_url, now),
        },
        { siteId, siteName: site?.name ?? null },
      );
      if (options.screenshots !== false) await this.attachScreenshots(id, report, progress, signal);
      if (signal.aborted) throw cancelledError();
      const finished = await repo.updateRunIf(this.db, id, ['running'], {
        status: 'done',
        verdict: report.verdict,
        deduction_score: report.deductionScore,
        bonus_score: report.bonusScore,
        total_score: report.totalScore,
        untested_points: report.untested.deductionPoints,
        report: JSON.stringify(report),
        finished_at: this.clock.now().toISOString(),
        progress: JSON.stringify({ stage: 'done', done: 1, total: 1, message: `检查完成：${report.verdict}` }),
      });
      // cancelled in the last moment: the cancel stands
      if (!finished) throw cancelledError();
      return report;
    } catch (error) {
      if (signal.aborted || (error instanceof AppError && error.code === 'INSPECTION_CANCELLED')) {
        await this.markCancelled(id).catch(() => {});
        throw cancelledError();
      }
      await repo.updateRunIf(this.db, id, ACTIVE, {
        status: 'failed',
        error: error instanceof Error ? error.message : String(error),
        finished_at: this.clock.now().toISOString(),
      });
      throw error;
    } finally {
      clearInterval(watch);
      this.running.delete(id);
    }
  }

  /** queued/running → cancelled, the progress kept at the stage it stopped in; false when the run had already ended. */
  private async markCancelled(id: number): Promise<boolean> {
    const current = await repo.findRun(this.db, id);
    if (!current || !ACTIVE.includes(current.status as RunStatus)) return false;
    const stopped = {
      stage: 'crawl',
      done: 0,
      total: 0,
      ...(JSON.parse(current.progress) as Partial<RunProgress>),
      message: '检查已中止',
    };
    return repo.updateRunIf(this.db, id, ACTIVE, {
      status: 'cancelled',
      finished_at: this.clock.now().toISOString(),
      error: null,
      progress: JSON.stringify(stopped),
    });
  }

  private async attachScreenshots(
    runId: number,
    report: InspectionReport,
    progress: (p: RunProgress) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const urls = evidenceUrls(report, 12);
    progress({ stage: 'evidence', done: 0, total: urls.length, message: '截取问题页面' });
    const shots = await takeScreenshots(
      urls,
      (done) => progress({ stage: 'evidence', done, total: urls.length, message: `已截取 ${done} 个页面` }),
      signal,
    );
    if (signal.aborted) return;
    if (shots === null) {
      (report as InspectionReport & { evidenceNote?: string }).evidenceNote =
        '服务器未安装 Chromium，本次未截取页面截图；页面证据以抓取时间和 HTML 的 SHA-256 为准';
      return;
    }
    const byUrl = new Map<string, string>();
    for (const shot of shots) {
      const stored = await this.fileStore.put(shot.png);
      const evidenceId = await repo.insertEvidence(this.db, {
        run_id: runId,
        url: shot.url,
        kind: 'screenshot',
        sha256: shot.sha256,
        storage_key: stored.key,
        mime: 'image/png',
        size: stored.size,
        created_at: this.clock.now().toISOString(),
      });
      byUrl.set(shot.url, `/api/inspection/runs/${runId}/evidence/${evidenceId}`);
    }
    for (const indicator of report.indicators) {
      for (const finding of indicator.findings) {
        const url = (finding.evidence as { url?: string } | undefined)?.url;
        if (url && byUrl.has(url)) finding.evidence = { ...finding.evidence, screenshot: byUrl.get(url) };
      }
    }
  }

  /**
   * Cancels a queued or running run: its status becomes 'cancelled' at once, and the crawl stops (here at once,
   * on another node within a second). A run that has ended cannot be cancelled.
   */
  async cancel(actor: Actor, id: number): Promise<void> {
    const run = await this.run(id);
    if (!(await this.markCancelled(id))) {
      const now = await this.run(id);
      if (now.status === 'cancelled') return;
      throw new AppError('CONFLICT', '检查已经结束，不能中止');
    }
    this.running.get(id)?.abort();
    await this.audit.recordAlone(actor, {
      action: 'inspection.cancel',
      targetType: 'inspection_run',
      targetId: id,
      siteId: run.site_id,
      detail: { url: run.target_url },
    });
  }

  async run(id: number): Promise<InspectionRun> {
    const run = await repo.findRun(this.db, id);
    if (!run) throw new AppError('NOT_FOUND', '检查记录不存在');
    return run;
  }

  async report(id: number): Promise<InspectionReport> {
    const run = await this.run(id);
    if (!run.report)
      throw new AppError(
        'CONFLICT',
        run.status === 'failed'
          ? `检查失败：${run.error}`
          : run.status === 'cancelled'
            ? '检查已中止，没有报告'
            : '检查尚未完成',
      );
    return JSON.parse(run.report) as InspectionReport;
  }

  /** The latest runs `scope` may see, newest first. */
  list(scope: InspectionScope, targetUrl?: string) {
    return repo.listRuns(this.db, { ...(targetUrl ? { targetUrl: normalUrl(targetUrl) } : {}), scope }, 100);
  }

  /**
   * Scores of the finished runs of one target that `scope` may see (of one site when `siteId` is given), oldest
   * first: the trend chart. Failed and cancelled runs have no score and are left out.
   */
  async trend(targetUrl: string, scope: InspectionScope, siteId?: number) {
    const runs = (
      await repo.listRuns(
        this.db,
        { targetUrl: normalUrl(targetUrl), status: 'done', scope, ...(siteId !== undefined ? { siteId } : {}) },
        100,
      )
    ).reverse();
    return runs.map((r) => ({
      id: r.id,
      finishedAt: r.finished_at,
      verdict: r.verdict,
      deductionScore: r.deduction_score,
      bonusScore: r.bonus_score,
      totalScore: r.total_score,
      untestedPoints: r.untested_points,
    }));
  }

  /** 新发现 / 已整改 / 仍存在 between two runs. */
  async compare(fromId: number, toId: number) {
    const [a, b] = await Promise.all([this.report(fromId), this.report(toId)]);
    const flatten = (r: InspectionReport) =>
      new Map(
        r.indicators.flatMap((i) =>
          i.findings.map((f) => [findingKey(i.id, f), { ...f, indicatorId: i.id, indicator: i.name }] as const),
        ),
      );
    const before = flatten(a);
    const after = flatten(b);
    return {
      from: { id: fromId, totalScore: a.totalScore, deductionScore: a.deductionScore, verdict: a.verdict },
      to: { id: toId, totalScore: b.totalScore, deductionScore: b.deductionScore, verdict: b.verdict },
      new: [...after].filter(([k]) => !before.has(k)).map(([, f]) => f),
      fixed: [...before].filter(([k]) => !after.has(k)).map(([, f]) => f),
      remaining: [...after].filter(([k]) => before.has(k)).map(([, f]) => f),
    };
  }

  async evidence(runId: number, evidenceId: number): Promise<{ mime: string; bytes: Buffer }> {
    const row = await repo.findEvidence(this.db, runId, evidenceId);
    if (!row) throw new AppError('NOT_FOUND', '证据不存在');
    return { mime: row.mime, bytes: await this.fileStore.read(row.storage_key) };
  }

  async addManualFinding(actor: Actor, input: ManualFindingInput): Promise<number> {
    const indicator = findIndicator(GOV_WEBSITE_CATALOGUE, input.indicatorId);
    if (!indicator) throw new AppError('VALIDATION_FAILED', `指标 ${input.indicatorId} 不存在`);
    if (
      indicator.kind !== 'veto' &&
      input.points !== undefined &&
      input.points !== null &&
      (input.points < 0 || input.points > ('points' in indicator ? Number(indicator.points) : 0))
    ) {
      throw new AppError('VALIDATION_FAILED', `分值应在 0 到 ${'points' in indicator ? indicator.points : 0} 之间`);
    }
    // Checked as the scoring will read it, so a bad finding is refused now rather than breaking later runs.
    try {
      scoreInspection([
        {
          indicatorId: input.indicatorId,
          status: 'measured',
          findings: [
            {
              indicatorId: input.indicatorId,
              ...(input.subRule ? { subRule: input.subRule } : {}),
              ...(input.part ? { part: input.part } : {}),
              ...(input.points !== undefined && input.points !== null ? { points: input.points } : {}),
              message: input.message,
            },
          ],
        },
      ]);
    } catch (error) {
      if (error instanceof InspectionInputError)
        throw new AppError('VALIDATION_FAILED', `人工发现不符合该指标的评分细则：${error.message}`);
      throw error;
    }
    const at = this.clock.now().toISOString();
    const evidence = {
      url: input.evidenceUrl ?? input.url,
      note: input.note ?? '',
      expected: '',
      observed: input.message,
      at,
      source: 'manual',
      inspector: actor.username,
      ...(input.screenshotFileKey ? { screenshotKey: input.screenshotFileKey } : {}),
    };
    if (input.siteId) await this.sites.get(input.siteId);
    const id = await repo.insertManualFinding(this.db, {
      target_url: normalUrl(input.url),
      site_id: input.siteId ?? null,
      indicator_id: input.indicatorId,
      sub_rule: input.subRule ?? null,
      part: input.part ?? null,
      points: input.points ?? null,
      message: input.message,
      evidence: JSON.stringify(evidence),
      created_by: actor.userId,
      created_at: at,
    });
    await this.audit.recordAlone(actor, {
      action: 'inspection.manual-finding',
      targetType: 'inspection_finding',
      targetId: id,
      siteId: input.siteId ?? null,
      detail: { ...input },
    });
    return id;
  }

  /** A manual finding still in force (for the scope check before revoking it). */
  async manualFinding(id: number) {
    const row = await repo.findManualFinding(this.db, id);
    if (!row || row.revoked_at !== null) throw new AppError('NOT_FOUND', '人工发现不存在或已撤销');
    return row;
  }

  async revokeManualFinding(actor: Actor, id: number): Promise<void> {
    const row = await this.manualFinding(id);
    await repo.revokeManualFinding(this.db, id, this.clock.now().toISOString());
    await this.audit.recordAlone(actor, {
      action: 'inspection.revoke-finding',
      targetType: 'inspection_finding',
      targetId: id,
      siteId: row.site_id,
    });
  }

  /** The manual findings a run of `targetUrl` for `siteId` counts: the site's own and the site-less ones. */
  async manualFindings(targetUrl: string, siteId: number | null = null): Promise<Finding[]> {
    const rows = await repo.activeManualFindings(this.db, normalUrl(targetUrl), { forSite: siteId });
    return rows.map((r) => ({
      indicatorId: r.indicator_id,
      ...(r.sub_rule !== null ? { subRule: r.sub_rule } : {}),
      ...(r.part ? { part: r.part } : {}),
      ...(r.points !== null ? { points: r.points } : {}),
      message: r.message,
      evidence: { ...(JSON.parse(r.evidence) as Record<string, unknown>), manualFindingId: r.id },
    }));
  }

  /** Findings in force for a target that `scope` may see; with `siteId`, those that site's runs count. */
  listManual(targetUrl: string, scope: InspectionScope, siteId?: number) {
    return repo.activeManualFindings(this.db, normalUrl(targetUrl), {
      scope,
      ...(siteId !== undefined ? { forSite: siteId } : {}),
    });
  }

  /** One availability probe (the 站点无法访问 rule wants ≥ 20 a day for a week). */
  async probe(targetUrl: string): Promise<void> {
    const url = normalUrl(targetUrl);
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

  async probes(targetUrl: string, now: Date) {
    const rows = await repo.probesSince(this.db, normalUrl(targetUrl), new Date(now.getTime() - 8 * DAY).toISOString());
    return rows.map((r) => ({ at: r.at, ok: r.ok === 1, ms: r.ms, status: r.status, error: r.error ?? undefined }));
  }

  async schedule(actor: Actor, options: RunOptions & { everyHours: number }): Promise<number> {
    const url = normalUrl(options.url);
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

  schedules(scope: InspectionScope) {
    return repo.listSchedules(this.db, scope);
  }

  async scheduleById(id: number) {
    const row = await repo.findSchedule(this.db, id);
    if (!row) throw new AppError('NOT_FOUND', '定期检查不存在或已停止');
    return row;
  }

  async unschedule(actor: Actor, id: number): Promise<void> {
    const row = await this.scheduleById(id);
    await repo.deactivateSchedule(this.db, id);
    await this.audit.recordAlone(actor, {
      action: 'inspection.unschedule',
      targetType: 'inspection_schedule',
      targetId: id,
      siteId: row.site_id,
    });
  }

  /** The scheduler's job: due runs start, and every monitored site gets an availability probe. */
  async runDueSchedules(actor: Actor): Promise<number> {
    const now = this.clock.now();
    const due = await repo.dueSchedules(this.db, now.toISOString());
    for (const s of due) {
      await repo.moveSchedule(this.db, s.id, new Date(now.getTime() + s.every_hours * HOUR).toISOString());
      await this.start(actor, JSON.parse(s.options) as RunOptions);
    }
    return due.length;
  }

  async probeMonitored(): Promise<number> {
    const targets = await repo.monitoredTargets(this.db);
    for (const t of targets) await this.probe(t);
    return targets.length;
  }
}
