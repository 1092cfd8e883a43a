// Inspection runs: started by an inspector (admin console), by the CLI or by a schedule; progress and reports
// are kept in the database, so any app node can show them. Also the manual findings, the availability probes
// and the comparison of runs.
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
import { inspect, type InspectionReport, type RunProgress } from './engine.ts';
import { evidenceUrls, takeScreenshots } from './evidence.ts';
import { probeOnce } from './external/index.ts';
import { findIndicator, GOV_WEBSITE_CATALOGUE } from './indicators.ts';
import { InspectionInputError, scoreInspection, type Finding } from './scoring.ts';
import { InternalChecks } from './internal/internal-checks.ts';
import * as repo from './inspection.repository.ts';

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
}

const normalUrl = (url: string) => {
  const u = new URL(url);
  if (!/^https?:$/.test(u.protocol)) throw new AppError('VALIDATION_FAILED', '只能检查 http:// 或 https:// 网站');
  u.hash = '';
  return u.toString();
};

/** A finding's identity across runs, for 新发现 / 已整改 / 仍存在. */
export const findingKey = (indicatorId: string, f: { subRule?: number; part?: string; message: string; evidence?: Readonly<Record<string, unknown>> }) =>
  [indicatorId, f.part ?? '', f.subRule ?? '', (f.evidence as { url?: string } | undefined)?.url ?? '', f.message].join('|');

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
      site_id: options.siteId ?? null, target_url: url, status: 'queued', options: JSON.stringify({ ...options, url }),
      progress: JSON.stringify({ stage: 'crawl', done: 0, total: options.maxPages ?? 60, message: '排队中' }), verdict: null,
      deduction_score: null, bonus_score: null, total_score: null, untested_points: null, report: null, error: null,
      created_by: actor.userId, created_at: at, started_at: null, finished_at: null,
    });
    await this.audit.recordAlone(actor, { action: 'inspection.start', targetType: 'inspection_run', targetId: id, siteId: options.siteId ?? null, detail: { url, options } });
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
    const options = JSON.parse(run.options) as RunOptions;
    const controller = new AbortController();
    this.running.set(id, controller);
    let lastWrite = 0;
    const progress = (p: RunProgress) => {
      onProgress?.(p);
      // Written at most twice a second: enough for a live progress bar, cheap for the database.
      if (Date.now() - lastWrite > 500 || p.stage === 'done') {
        lastWrite = Date.now();
        void repo.updateRun(this.db, id, { progress: JSON.stringify(p) }).catch(() => {});
      }
    };
    await repo.updateRun(this.db, id, { status: 'running', started_at: this.clock.now().toISOString() });
    try {
      const siteId = run.site_id;
      const site = siteId ? await this.sites.get(siteId) : null;
      const now = this.clock.now();
      const { report } = await inspect(
        { baseUrl: run.target_url, maxPages: options.maxPages, noServices: options.noServices, ignoreRobots: options.ignoreRobots, seed: options.seed, now, publicHost: options.publicHost ?? site?.domains[0], onProgress: progress, signal: controller.signal },
        {
          internal: siteId ? (at, seed) => this.internalChecks.run({ db: this.db, siteId, now: at, seed, columns: this.columns, duty: this.duty, url: (p) => new URL(p, run.target_url).toString() }) : undefined,
          manual: await this.manualFindings(run.target_url),
          probes: await this.probes(run.target_url, now),
        },
        { siteId, siteName: site?.name ?? null },
      );
      if (options.screenshots !== false) await this.attachScreenshots(id, report, progress);
      await repo.updateRun(this.db, id, {
        status: 'done', verdict: report.verdict, deduction_score: report.deductionScore, bonus_score: report.bonusScore,
        total_score: report.totalScore, untested_points: report.untested.deductionPoints, report: JSON.stringify(report),
        finished_at: this.clock.now().toISOString(), progress: JSON.stringify({ stage: 'done', done: 1, total: 1, message: `检查完成：${report.verdict}` }),
      });
      return report;
    } catch (error) {
      await repo.updateRun(this.db, id, { status: 'failed', error: error instanceof Error ? error.message : String(error), finished_at: this.clock.now().toISOString() });
      throw error;
    } finally {
      this.running.delete(id);
    }
  }

  private async attachScreenshots(runId: number, report: InspectionReport, progress: (p: RunProgress) => void): Promise<void> {
    const urls = evidenceUrls(report, 12);
    progress({ stage: 'evidence', done: 0, total: urls.length, message: '截取问题页面' });
    const shots = await takeScreenshots(urls, (done) => progress({ stage: 'evidence', done, total: urls.length, message: `已截取 ${done} 个页面` }));
    if (shots === null) {
      (report as InspectionReport & { evidenceNote?: string }).evidenceNote = '服务器未安装 Chromium，本次未截取页面截图；页面证据以抓取时间和 HTML 的 SHA-256 为准';
      return;
    }
    const byUrl = new Map<string, string>();
    for (const shot of shots) {
      const stored = await this.fileStore.put(shot.png);
      const evidenceId = await repo.insertEvidence(this.db, { run_id: runId, url: shot.url, kind: 'screenshot', sha256: shot.sha256, storage_key: stored.key, mime: 'image/png', size: stored.size, created_at: this.clock.now().toISOString() });
      byUrl.set(shot.url, `/api/inspection/runs/${runId}/evidence/${evidenceId}`);
    }
    for (const indicator of report.indicators) {
      for (const finding of indicator.findings) {
        const url = (finding.evidence as { url?: string } | undefined)?.url;
        if (url && byUrl.has(url)) finding.evidence = { ...finding.evidence, screenshot: byUrl.get(url) };
      }
    }
  }

  cancel(id: number): boolean {
    const controller = this.running.get(id);
    controller?.abort();
    return !!controller;
  }

  async run(id: number): Promise<InspectionRun> {
    const run = await repo.findRun(this.db, id);
    if (!run) throw new AppError('NOT_FOUND', '检查记录不存在');
    return run;
  }

  async report(id: number): Promise<InspectionReport> {
    const run = await this.run(id);
    if (!run.report) throw new AppError('CONFLICT', run.status === 'failed' ? `检查失败：${run.error}` : '检查尚未完成');
    return JSON.parse(run.report) as InspectionReport;
  }

  list(targetUrl?: string) {
    return repo.listRuns(this.db, targetUrl ? normalUrl(targetUrl) : undefined, 100);
  }

  /** Scores of finished runs of one target, oldest first: the trend chart. */
  async trend(targetUrl: string) {
    const runs = (await repo.listRuns(this.db, normalUrl(targetUrl), 100)).filter((r) => r.status === 'done').reverse();
    return runs.map((r) => ({ id: r.id, finishedAt: r.finished_at, verdict: r.verdict, deductionScore: r.deduction_score, bonusScore: r.bonus_score, totalScore: r.total_score, untestedPoints: r.untested_points }));
  }

  /** 新发现 / 已整改 / 仍存在 between two runs. */
  async compare(fromId: number, toId: number) {
    const [a, b] = await Promise.all([this.report(fromId), this.report(toId)]);
    const flatten = (r: InspectionReport) => new Map(r.indicators.flatMap((i) => i.findings.map((f) => [findingKey(i.id, f), { ...f, indicatorId: i.id, indicator: i.name }] as const)));
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
    if (indicator.kind !== 'veto' && input.points !== undefined && input.points !== null && (input.points < 0 || input.points > ('points' in indicator ? Number(indicator.points) : 0))) {
      throw new AppError('VALIDATION_FAILED', `分值应在 0 到 ${'points' in indicator ? indicator.points : 0} 之间`);
    }
    // Checked as the scoring will read it, so a bad finding is refused now rather than breaking later runs.
    try {
      scoreInspection([{ indicatorId: input.indicatorId, status: 'measured', findings: [{ indicatorId: input.indicatorId, ...(input.subRule ? { subRule: input.subRule } : {}), ...(input.part ? { part: input.part } : {}), ...(input.points !== undefined && input.points !== null ? { points: input.points } : {}), message: input.message }] }]);
    } catch (error) {
      if (error instanceof InspectionInputError) throw new AppError('VALIDATION_FAILED', `人工发现不符合该指标的评分细则：${error.message}`);
      throw error;
    }
    const at = this.clock.now().toISOString();
    const evidence = { url: input.evidenceUrl ?? input.url, note: input.note ?? '', expected: '', observed: input.message, at, source: 'manual', inspector: actor.username, ...(input.screenshotFileKey ? { screenshotKey: input.screenshotFileKey } : {}) };
    const id = await repo.insertManualFinding(this.db, {
      target_url: normalUrl(input.url), indicator_id: input.indicatorId, sub_rule: input.subRule ?? null, part: input.part ?? null,
      points: input.points ?? null, message: input.message, evidence: JSON.stringify(evidence), created_by: actor.userId, created_at: at,
    });
    await this.audit.recordAlone(actor, { action: 'inspection.manual-finding', targetType: 'inspection_finding', targetId: id, detail: { ...input } });
    return id;
  }

  async revokeManualFinding(actor: Actor, id: number): Promise<void> {
    await repo.revokeManualFinding(this.db, id, this.clock.now().toISOString());
    await this.audit.recordAlone(actor, { action: 'inspection.revoke-finding', targetType: 'inspection_finding', targetId: id });
  }

  async manualFindings(targetUrl: string): Promise<Finding[]> {
    const rows = await repo.activeManualFindings(this.db, normalUrl(targetUrl));
    return rows.map((r) => ({
      indicatorId: r.indicator_id, ...(r.sub_rule !== null ? { subRule: r.sub_rule } : {}), ...(r.part ? { part: r.part } : {}),
      ...(r.points !== null ? { points: r.points } : {}), message: r.message, evidence: { ...(JSON.parse(r.evidence) as Record<string, unknown>), manualFindingId: r.id },
    }));
  }

  listManual(targetUrl: string) {
    return repo.activeManualFindings(this.db, normalUrl(targetUrl));
  }

  /** One availability probe (the 站点无法访问 rule wants ≥ 20 a day for a week). */
  async probe(targetUrl: string): Promise<void> {
    const url = normalUrl(targetUrl);
    const p = await probeOnce(url);
    await repo.insertProbe(this.db, { target_url: url, at: new Date(p.at).toISOString(), ok: p.ok ? 1 : 0, ms: Math.round(p.ms), status: p.status ?? null, error: p.error ?? null });
  }

  async probes(targetUrl: string, now: Date) {
    const rows = await repo.probesSince(this.db, normalUrl(targetUrl), new Date(now.getTime() - 8 * DAY).toISOString());
    return rows.map((r) => ({ at: r.at, ok: r.ok === 1, ms: r.ms, status: r.status, error: r.error ?? undefined }));
  }

  async schedule(actor: Actor, options: RunOptions & { everyHours: number }): Promise<number> {
    const url = normalUrl(options.url);
    const at = this.clock.now();
    const id = await repo.insertSchedule(this.db, {
      target_url: url, site_id: options.siteId ?? null, every_hours: options.everyHours, options: JSON.stringify({ ...options, url }),
      next_run_at: new Date(at.getTime() + options.everyHours * HOUR).toISOString(), created_by: actor.userId, created_at: at.toISOString(),
    });
    await this.audit.recordAlone(actor, { action: 'inspection.schedule', targetType: 'inspection_schedule', targetId: id, detail: { url, everyHours: options.everyHours } });
    return id;
  }

  schedules() {
    return repo.listSchedules(this.db);
  }

  async unschedule(actor: Actor, id: number): Promise<void> {
    await repo.deactivateSchedule(this.db, id);
    await this.audit.recordAlone(actor, { action: 'inspection.unschedule', targetType: 'inspection_schedule', targetId: id });
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
