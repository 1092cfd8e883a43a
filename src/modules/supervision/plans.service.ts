// 抽查检查: a quarter's plan draws its seeded sample (≥ 30%, or 100%) of the registered running websites and
// accounts, then runs the inspection engine on each site (hosted sites get the internal checks too) and the new-media
// checks on each account — several sites side by side, each host politely — with progress, and retries on a
// schedule for checks that broke. A finished plan's results are published as a content item of the office's site
// through the 附件3 review; its publication starts the two weeks of rectification.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { MINUTE, shanghaiDate } from '../../platform/time.ts';
import { SYSTEM_ACTOR, type Actor, type AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentService } from '../content/content.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import type { InspectionService } from '../inspection/inspection.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import * as repo from './plans.repository.ts';
import * as registryRepo from './supervision.repository.ts';
import type { ItemRow, PlanRow } from './plans.repository.ts';
import type { RegistryRow } from './supervision.repository.ts';
import type { RegistryService } from './registry.service.ts';
import { drawSample, MIN_SAMPLE_RATIO, newSeed, sampleSize } from './sampling.ts';
import { checkAccount } from './newmedia.ts';
import {
  problemsOf,
  resultsHtml,
  resultsPdf,
  resultsTitle,
  resultsXlsx,
  type ItemResult,
  type ResultsSummary,
} from './results.ts';
import type { PlanCreate, PlanDetail, PlanItemView, PlanStatus, PlanView } from './supervision.schema.ts';
import { toItemView, toPlanView } from './supervision.presenter.ts';

/** A check that broke (not a site that failed its check) is tried again: after 2, then 10 minutes; 3 tries in all. */
export const RETRY_DELAYS_MS = [2 * MINUTE, 10 * MINUTE];
/** Sites inspected side by side: each is its own host, so politeness holds; Chromium and 2 CPUs set the bound. */
export const PARALLEL_SITES = 3;
/** A running item untouched this long was left by a stopped server. */
const STALE_MS = 60 * MINUTE;

export interface Target {
  url: string;
  siteId: number | null;
  publicHost: string | undefined;
}

export class PlansService {
  /** Plans this process is working on. */
  private readonly working = new Map<number, Promise<void>>();
  /**
   * Where this installation answers for its own sites (GOVPORTAL_PUBLIC_URL, else this machine's port): hosted
   * sites are inspected through it, at full speed, with their domain judged from their configured host.
   */
  localBase: string;
  parallel = PARALLEL_SITES;
  /** Pages per site of plans that do not say. */
  defaultMaxPages = 60;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    private readonly registry: RegistryService,
    private readonly inspection: InspectionService,
    private readonly content: ContentService,
    private readonly review: ReviewService,
    localBase: string,
  ) {
    this.localBase = localBase.replace(/\/$/, '');
  }

  // ───────────────────────────── plans ─────────────────────────────

  async create(actor: Actor, input: PlanCreate): Promise<PlanDetail> {
    const ownerSiteId = input.siteId;
    await this.registry.syncHosted(ownerSiteId);
    const running = await registryRepo.listEntries(this.db, ownerSiteId, { status: '运行' });
    if (running.length === 0) throw new AppError('SUPERVISION_NO_RUNNING_SITES');
    const websites = running.filter((e) => e.kind === 'website');
    const accounts = running.filter((e) => e.kind === 'newmedia');
    const ratio = input.fullCoverage ? 1 : Math.max(MIN_SAMPLE_RATIO, input.ratio ?? MIN_SAMPLE_RATIO);
    const seed = input.seed ?? newSeed();
    const chosen = [
      ...drawSample(websites, sampleSize(websites.length, ratio, input.fullCoverage), seed),
      ...drawSample(accounts, sampleSize(accounts.length, ratio, input.fullCoverage), seed),
    ];
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const planId = await repo.insertPlan(trx, {
        owner_site_id: ownerSiteId,
        year: input.year,
        quarter: input.quarter,
        full_coverage: input.fullCoverage ? 1 : 0,
        ratio,
        seed,
        websites_total: websites.length,
        accounts_total: accounts.length,
        max_pages: input.maxPages ?? this.defaultMaxPages,
        status: 'planned',
        scheduled_at: input.scheduledAt ? new Date(input.scheduledAt).toISOString() : at,
        started_at: null,
        finished_at: null,
        results_content_id: null,
        results_published_at: null,
        created_by: actor.userId,
        created_at: at,
      });
      await repo.insertItems(
        trx,
        chosen.map((e) => ({ plan_id: planId, registry_id: e.id, kind: e.kind, status: 'pending', attempts: 0 })),
      );
      await this.audit.record(trx, actor, {
        action: 'supervision.plan',
        targetType: 'supervision_plan',
        targetId: planId,
        siteId: ownerSiteId,
        detail: { year: input.year, quarter: input.quarter, ratio, seed, sample: chosen.map((e) => e.name) },
      });
      return planId;
    });
    return this.detail(id);
  }

  async plan(id: number): Promise<PlanRow> {
    const row = await repo.findPlan(this.db, id);
    if (!row) throw new AppError('SUPERVISION_NOT_FOUND', { what: '抽查计划' });
    return row;
  }

  async list(ownerSiteId: number, year?: number): Promise<PlanView[]> {
    const plans = await repo.listPlans(this.db, ownerSiteId, year);
    return Promise.all(plans.map(async (p) => toPlanView(p, await repo.itemsOf(this.db, p.id))));
  }

  async detail(id: number): Promise<PlanDetail> {
    const plan = await this.plan(id);
    const items = await repo.itemsOf(this.db, id);
    const entries = new Map(
      (
        await registryRepo.entriesByIds(
          this.db,
          items.map((i) => i.registry_id),
        )
      ).map((e) => [e.id, e]),
    );
    const progress = await repo.runProgress(
      this.db,
      items.flatMap((i) => (i.status === 'running' && i.run_id ? [i.run_id] : [])),
    );
    return {
      plan: toPlanView(plan, items),
      items: items.map((i) => toItemView(i, entries.get(i.registry_id), progress)),
    };
  }

  /** Starts a plan now (its scheduled time is moved to now) and works on it in this process. */
  async start(actor: Actor, id: number): Promise<PlanDetail> {
    const plan = await this.plan(id);
    if (!['planned', 'running'].includes(plan.status))
      throw new AppError('SUPERVISION_PLAN_STATE', { state: planStateName(plan.status), action: '开始' });
    const at = this.clock.now().toISOString();
    if (plan.scheduled_at > at) await repo.updatePlan(this.db, id, { scheduled_at: at });
    await repo.updatePlanIf(this.db, id, ['planned'], { status: 'running', started_at: at });
    await this.audit.recordAlone(actor, {
      action: 'supervision.plan-start',
      targetType: 'supervision_plan',
      targetId: id,
      siteId: plan.owner_site_id,
    });
    void this.work(id);
    return this.detail(id);
  }

  async cancel(actor: Actor, id: number): Promise<void> {
    const plan = await this.plan(id);
    if (
      !(await repo.updatePlanIf(this.db, id, ['planned', 'running'], {
        status: 'cancelled',
        finished_at: this.clock.now().toISOString(),
      }))
    )
      throw new AppError('SUPERVISION_PLAN_STATE', { state: planStateName(plan.status), action: '中止' });
    for (const item of await repo.itemsOf(this.db, id)) {
      if (item.status === 'running' && item.run_id)
        await this.inspection.cancel(actor, item.run_id).catch(() => undefined);
      if (item.status === 'pending')
        await repo.updateItem(this.db, item.id, { status: 'failed', error: '抽查计划已中止' });
    }
    await this.audit.recordAlone(actor, {
      action: 'supervision.plan-cancel',
      targetType: 'supervision_plan',
      targetId: id,
      siteId: plan.owner_site_id,
    });
  }

  /** The scheduler's job: every due plan is worked on (stale items of a stopped server first go back to the queue). */
  async runDue(): Promise<number> {
    const now = this.clock.now();
    await repo.requeueStale(this.db, new Date(now.getTime() - STALE_MS).toISOString());
    const due = await repo.duePlans(this.db, now.toISOString());
    for (const plan of due) void this.work(plan.id);
    return due.length;
  }

  /** Works on a plan until no item is ready; resolves when done (tests and the bench await it). */
  work(id: number): Promise<void> {
    const current = this.working.get(id);
    if (current) return current;
    const job = this.workOn(id).finally(() => this.working.delete(id));
    this.working.set(id, job);
    return job;
  }

  private async workOn(id: number): Promise<void> {
    const at = this.clock.now().toISOString();
    await repo.updatePlanIf(this.db, id, ['planned'], { status: 'running', started_at: at });
    const active = new Set<Promise<void>>();
    for (;;) {
      const plan = await this.plan(id);
      if (plan.status !== 'running') break;
      const ready = await repo.readyItems(this.db, id, this.clock.now().toISOString());
      for (const item of ready) {
        if (active.size >= this.parallel) break;
        if (!(await repo.claimItem(this.db, item.id, this.clock.now().toISOString()))) continue;
        const job: Promise<void> = this.runItem(plan, item).finally(() => active.delete(job));
        active.add(job);
      }
      if (active.size === 0) break;
      await Promise.race(active);
    }
    await this.finishIfComplete(id);
  }

  private async finishIfComplete(id: number): Promise<void> {
    const items = await repo.itemsOf(this.db, id);
    if (items.some((i) => i.status === 'pending' || i.status === 'running')) return;
    await repo.updatePlanIf(this.db, id, ['running'], { status: 'done', finished_at: this.clock.now().toISOString() });
  }

  /** One site or account: its check, then its summary on the item; a broken check is retried later. */
  private async runItem(plan: PlanRow, item: ItemRow): Promise<void> {
    const entry = await this.registry.row(item.registry_id);
    try {
      const result =
        item.kind === 'newmedia' ? await this.checkNewMedia(entry) : await this.inspectSite(plan, item, entry);
      await repo.updateItem(this.db, item.id, {
        status: 'done',
        attempts: item.attempts + 1,
        verdict: result.verdict,
        total_score: result.totalScore,
        findings_count: result.problems.reduce((n, p) => n + p.findings.length, 0),
        result: JSON.stringify(result),
        error: null,
        next_attempt_at: null,
        finished_at: this.clock.now().toISOString(),
      });
    } catch (error) {
      const attempts = item.attempts + 1;
      const delay = RETRY_DELAYS_MS[attempts - 1];
      const message = error instanceof Error ? error.message : String(error);
      await repo.updateItem(this.db, item.id, {
        status: delay === undefined ? 'failed' : 'pending',
        attempts,
        error: message,
        next_attempt_at: delay === undefined ? null : new Date(this.clock.now().getTime() + delay).toISOString(),
        finished_at: delay === undefined ? this.clock.now().toISOString() : null,
      });
    }
  }

  /** Where a registered site is inspected: hosted sites through this installation, external ones at their URL. */
  async targetOf(entry: RegistryRow): Promise<Target> {
    if (entry.hosting !== 'local' || entry.hosted_site_id === null)
      return { url: entry.url, siteId: null, publicHost: undefined };
    const site = await this.sites.get(entry.hosted_site_id);
    const path = site.parentId === null ? '/' : `/site/${site.code}/`;
    return { url: `${this.localBase}${path}`, siteId: site.id, publicHost: site.domains[0] };
  }

  private async inspectSite(plan: PlanRow, item: ItemRow, entry: RegistryRow): Promise<ItemResult> {
    const target = await this.targetOf(entry);
    const runId = await this.inspection.create(SYSTEM_ACTOR, {
      url: target.url,
      siteId: target.siteId,
      maxPages: plan.max_pages,
      screenshots: false,
      seed: plan.seed,
      ...(target.publicHost ? { publicHost: target.publicHost } : {}),
    });
    await repo.updateItem(this.db, item.id, { run_id: runId });
    const report = await this.inspection.execute(runId);
    return {
      verdict: report.verdict,
      totalScore: report.totalScore,
      deductionScore: report.deductionScore,
      untestedPoints: report.untested.deductionPoints,
      problems: problemsOf(report),
    };
  }

  private async checkNewMedia(entry: RegistryRow): Promise<ItemResult> {
    const now = this.clock.now();
    const manual = (
      await registryRepo.activeFindings(this.db, entry.owner_site_id, Number(shanghaiDate(now).slice(0, 4)))
    )
      .filter((f) => f.registry_id === entry.id && f.outcome === 'problem')
      .map((f) => ({
        indicatorId: f.indicator_id,
        ...(f.sub_rule ? { subRule: f.sub_rule } : {}),
        message: f.message,
      }));
    const result = await checkAccount(
      { name: entry.name, platform: entry.platform, url: entry.url, feedUrl: entry.feed_url, appUrl: entry.app_url },
      now,
      manual,
    );
    return {
      verdict: result.verdict,
      totalScore: null,
      deductionScore: null,
      untestedPoints: 0,
      problems: result.indicators
        .filter((i) => i.findings.length > 0)
        .map((i) => ({
          indicatorId: i.id,
          name: i.name,
          findings: i.findings.map((f) => ({
            message: f.message,
            url: ((f.evidence as { url?: string } | undefined)?.url ?? null) as string | null,
            key: `${i.id}|${f.subRule ?? ''}|${f.message}`,
          })),
        })),
      newMedia: result,
    };
  }

  // ───────────────────────────── results ─────────────────────────────

  async summary(id: number): Promise<ResultsSummary> {
    const detail = await this.detail(id);
    const plan = detail.plan;
    const office = await this.registry.office(plan.ownerSiteId);
    const items = await repo.itemsOf(this.db, id);
    const entries = new Map(
      (
        await registryRepo.entriesByIds(
          this.db,
          items.map((i) => i.registry_id),
        )
      ).map((e) => [e.id, e]),
    );
    return {
      title: resultsTitle(plan.year, plan.quarter),
      office: office.name,
      year: plan.year,
      quarter: plan.quarter,
      websitesTotal: plan.websitesTotal,
      accountsTotal: plan.accountsTotal,
      rows: items.map((i) => {
        const entry = entries.get(i.registry_id);
        return {
          name: entry?.name ?? '',
          department: entry?.department ?? '',
          url: entry?.url ?? '',
          kind: i.kind as 'website' | 'newmedia',
          status: i.status,
          result: i.result ? (JSON.parse(i.result) as ItemResult) : null,
        };
      }),
      generatedAt: this.clock.now().toISOString(),
    };
  }

  /**
   * The results page: a content item in the office's results column, written by the supervisor (an editor of the
   * department that leads that column) and submitted to the 附件3 review like any publication.
   */
  async publishResults(auth: AuthContext, id: number): Promise<{ contentId: number; reviewRequestId: number }> {
    const plan = await this.plan(id);
    if (plan.status !== 'done')
      throw new AppError('SUPERVISION_PLAN_STATE', { state: planStateName(plan.status), action: '发布结果' });
    if (plan.results_content_id !== null)
      throw new AppError('SUPERVISION_PLAN_STATE', { state: '的结果已提交发布', action: '再次提交' });
    const office = await this.registry.office(plan.owner_site_id);
    if (office.resultsColumnId === null) throw new AppError('SUPERVISION_NO_COLUMN', { what: '抽查情况通报' });
    const summary = await this.summary(id);
    const contentId = await this.content.create(auth, plan.owner_site_id, {
      type: 'article',
      columnId: office.resultsColumnId,
      title: summary.title,
      source: office.name,
      bodyHtml: resultsHtml(summary),
    });
    await repo.updatePlan(this.db, id, { results_content_id: contentId });
    const request = await this.review.submit(auth, contentId, { secret: '否', releaseForm: '网站公开' });
    await this.audit.recordAlone(auth.actor, {
      action: 'supervision.results-submit',
      targetType: 'supervision_plan',
      targetId: id,
      siteId: plan.owner_site_id,
      detail: { contentId, reviewRequestId: request.id },
    });
    return { contentId, reviewRequestId: request.id };
  }

  /** The inspection report behind a plan item (a website's run). */
  async itemReport(planId: number, itemId: number) {
    const item = await repo.findItem(this.db, itemId);
    if (!item || item.plan_id !== planId || item.run_id === null)
      throw new AppError('SUPERVISION_NOT_FOUND', { what: '该网站的检查报告' });
    return this.inspection.report(item.run_id);
  }

  async resultsPdf(id: number): Promise<Buffer> {
    return resultsPdf(await this.summary(id));
  }

  async resultsXlsx(id: number): Promise<Buffer> {
    return resultsXlsx(await this.summary(id));
  }

  /** The plan whose results page this content item is, if any. */
  planOfResults(contentId: number) {
    return repo.planByResults(this.db, contentId);
  }

  async markPublished(planId: number, publishedAt: string): Promise<boolean> {
    return repo.updatePlanIf(this.db, planId, ['done'], { results_published_at: publishedAt });
  }

  itemsOf(planId: number): Promise<ItemRow[]> {
    return repo.itemsOf(this.db, planId);
  }

  view(plan: PlanRow, items: ItemRow[]): PlanView {
    return toPlanView(plan, items);
  }

  itemView(item: ItemRow, entry: RegistryRow | undefined): PlanItemView {
    return toItemView(item, entry, new Map());
  }
}

export const planStateName = (status: string): string =>
  (({ planned: '尚未开始', running: '正在进行', done: '已完成', cancelled: '已中止' }) as Record<PlanStatus, string>)[
    status as PlanStatus
  ] ?? status;
