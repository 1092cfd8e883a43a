// Inspection runs: started by an inspector (admin console), by the CLI or by a schedule; progress and reports
// are kept in the database, so any app node can show them; and the comparison of runs. Manual findings
// (manual-findings.service.ts) and schedules with their availability probes (schedules.service.ts) are services
// of their own; what a caller may see is inspection-access.service.ts.
//
// A run's status: queued → running → done | failed | cancelled. Cancelling writes 'cancelled' to the database
// at once (any node may be asked); the node running it aborts its crawl when told directly, and otherwise
// notices the status within a second. A cancelled run has no report and no place in the trend.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { AppError } from '../../platform/errors.ts';
import type { InspectionRun } from '../../platform/db/schema.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { DutyService } from '../duty/duty.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import { cancelledError, inspect, type InspectionReport, type RunProgress } from './engine.ts';
import { evidenceUrls, takeScreenshots } from './evidence.ts';
import type { Finding } from './scoring.ts';
import { InternalChecks } from './internal/internal-checks.ts';
import * as repo from './inspection.repository.ts';
import type { InspectionReportView, RunStatus } from './inspection.schema.ts';
import { trendPoint } from './inspection.presenter.ts';
import { assertSiteHost } from './crawler/address-guard.ts';
import { InspectionAccess } from './inspection-access.service.ts';
import { ManualFindingsService } from './manual-findings.service.ts';
import { SchedulesService } from './schedules.service.ts';
import type { InspectionScope } from './scope.ts';
import { normalTargetUrl } from './target-url.ts';

export type { ManualFindingInput } from './manual-findings.service.ts';

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

const ACTIVE: RunStatus[] = ['queued', 'running'];
/** How often a running run looks whether another node cancelled it. */
const CANCEL_POLL_MS = 1000;

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
  readonly findings: ManualFindingsService;
  readonly schedules: SchedulesService;
  private readonly running = new Map<number, AbortController>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly fileStore: FileStore,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    private readonly duty: DutyService,
  ) {
    this.findings = new ManualFindingsService(db, clock, audit, sites);
    this.schedules = new SchedulesService(db, clock, audit);
  }

  /** Inspection as a caller with this scope may see and change it. */
  /** Hosts the operator allowed although private (GOVPORTAL_INSPECT_ALLOW); set when the context is built. */
  inspectAllow: readonly string[] = [];

  /** A site administrator (or a site-bound inspector) inspects only the hosts of their own site. */
  async assertOwnHost(url: string, siteId: number): Promise<void> {
    assertSiteHost(url, (await this.sites.get(siteId)).domains, this.inspectAllow);
  }

  forScope(scope: InspectionScope): InspectionAccess {
    return new InspectionAccess(this, scope);
  }

  /** Runs left half-done by a stopped server are marked failed, never shown as running forever. */
  async recover(): Promise<void> {
    await repo.failStaleRuns(this.db, this.clock.now().toISOString());
  }

  async create(actor: Actor, options: RunOptions): Promise<number> {
    const url = normalTargetUrl(options.url);
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
          manual: await this.findings.forRun(run.target_url, siteId),
          probes: await this.schedules.probesFor(run.target_url, now),
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
      throw new AppError('INSPECTION_ENDED');
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
    if (!run) throw new AppError('INSPECTION_RUN_NOT_FOUND');
    return run;
  }

  async report(id: number): Promise<InspectionReportView> {
    const run = await this.run(id);
    if (!run.report) {
      if (run.status === 'failed') throw new AppError('INSPECTION_FAILED', { reason: run.error ?? '' });
      throw new AppError(run.status === 'cancelled' ? 'INSPECTION_NO_REPORT' : 'INSPECTION_RUNNING');
    }
    // The stored report is the engine's InspectionReport; the assignment checks it still fits the API's schema.
    const report: InspectionReport = JSON.parse(run.report);
    return report;
  }

  /** The latest runs `scope` may see, newest first. */
  list(scope: InspectionScope, targetUrl?: string) {
    return repo.listRuns(this.db, { ...(targetUrl ? { targetUrl: normalTargetUrl(targetUrl) } : {}), scope }, 100);
  }

  /**
   * Scores of the finished runs of one target that `scope` may see (of one site when `siteId` is given), oldest
   * first: the trend chart. Failed and cancelled runs have no score and are left out.
   */
  async trend(targetUrl: string, scope: InspectionScope, siteId?: number) {
    const runs = (
      await repo.listRuns(
        this.db,
        { targetUrl: normalTargetUrl(targetUrl), status: 'done', scope, ...(siteId !== undefined ? { siteId } : {}) },
        100,
      )
    ).reverse();
    return runs.map(trendPoint);
  }

  /** 新发现 / 已整改 / 仍存在 between two runs. */
  async compare(fromId: number, toId: number) {
    const [a, b] = await Promise.all([this.report(fromId), this.report(toId)]);
    const flatten = (r: InspectionReportView) =>
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
    if (!row) throw new AppError('EVIDENCE_NOT_FOUND');
    return { mime: row.mime, bytes: await this.fileStore.read(row.storage_key) };
  }

  /** The manual findings a run of `targetUrl` for `siteId` counts. */
  manualFindings(targetUrl: string, siteId: number | null = null): Promise<Finding[]> {
    return this.findings.forRun(targetUrl, siteId);
  }

  /** The scheduler's job: due runs start, and every monitored site gets an availability probe. */
  async runDueSchedules(actor: Actor): Promise<number> {
    const due = await this.schedules.takeDue();
    for (const s of due) await this.start(actor, JSON.parse(s.options) as RunOptions);
    return due.length;
  }

  /** Probes every site a schedule monitors. */
  probeMonitored(): Promise<number> {
    return this.schedules.probeMonitored();
  }
}
