// The assessment of one office for one year, gathered from its records (plans, published results, rectification
// tasks, checks, discoveries, manual findings, the 找错 tickets when their source is wired in) and scored by
// assessment.ts; the console's dashboard; and the office's own 监管年度报表, published through the 附件3 review.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentService } from '../content/content.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import type { InspectionReport } from '../inspection/engine.ts';
import { findIndicator, SUPERVISION_CATALOGUE } from '../inspection/indicators.ts';
import * as repo from './supervision.repository.ts';
import * as plansRepo from './plans.repository.ts';
import type { RegistryRow } from './supervision.repository.ts';
import type { RegistryService } from './registry.service.ts';
import type { PlansService } from './plans.service.ts';
import { assess, type Assessment, type AssessmentInput, type QuarterRecord, type SiteCheck } from './assessment.ts';
import {
  annualReportDue,
  quarterCountdown,
  quarterOf,
  quarterSpan,
  startOfBeijingDay,
  type Quarter,
} from './deadlines.ts';
import { errorReportStats, type ErrorReportSource } from './error-reports.ts';
import { sampleOfYear } from './checks.service.ts';
import { annualReportHtml, type AnnualReportData } from './annual-report.ts';
import type { AnnualReportInput, AnnualReportView, AssessmentView, DashboardView } from './supervision.schema.ts';

const QUARTERS: Quarter[] = [1, 2, 3, 4];
const GOV_DOMAIN = /(\.gov\.cn|\.政务|\.xn--zfr164b)$/i;

export class AssessmentService {
  /** The interaction module's 找错 tickets; until it implements ErrorReportSource, handling is 未检测. */
  errorReports: ErrorReportSource | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly registry: RegistryService,
    private readonly plans: PlansService,
    private readonly content: ContentService,
    private readonly review: ReviewService,
  ) {}

  async assessment(ownerSiteId: number, year: number): Promise<{ assessment: Assessment; input: AssessmentInput }> {
    const now = this.clock.now();
    if (new Date(startOfBeijingDay(`${year}-01-01`)) > now) throw new AppError('SUPERVISION_YEAR_FUTURE', { year });
    const input = await this.gather(ownerSiteId, year, now);
    return { assessment: assess(input), input };
  }

  async view(ownerSiteId: number, year: number): Promise<AssessmentView> {
    const { assessment, input } = await this.assessment(ownerSiteId, year);
    const score = assessment.score;
    const outcomes = [...score.vetoes, ...(score.deductions ?? []), ...(score.bonuses ?? [])];
    const byId = new Map(outcomes.map((o) => [o.indicatorId, o]));
    return {
      year,
      computedAt: this.clock.now().toISOString(),
      stateCouncil: input.stateCouncil,
      verdict: score.verdict,
      decidedAt: score.decidedAt,
      deductionScore: score.deductionScore,
      bonusScore: score.bonusScore,
      totalScore: score.totalScore,
      untestedPoints: score.untested.deductionPoints,
      vetoReasons: score.vetoReasons.map((v) => v.message),
      indicators: assessment.results.map((r) => {
        const o = byId.get(r.indicatorId);
        const untested = r.status === 'untested' ? r.reason : null;
        const partly =
          r.status === 'measured' && r.untestedParts?.length
            ? `部分未检测：${r.untestedParts.map((u) => u.reason).join('；')}`
            : null;
        const indicator = findIndicator(SUPERVISION_CATALOGUE, r.indicatorId);
        return {
          id: r.indicatorId,
          name: indicator?.name ?? r.indicatorId,
          kind: indicator?.kind ?? 'deduction',
          // after a veto only the vetoes are scored: what was not measured stays 未检测, the rest is 未评分
          status: o?.status ?? (untested ? '未检测' : '未评分'),
          points: o?.points ?? null,
          maxPoints: o?.maxPoints ?? (indicator && 'points' in indicator ? indicator.points : null),
          reason: o?.reason ?? untested ?? partly ?? (o ? null : '存在单项否决情形，不再评分'),
          findings: (r.status === 'measured' ? r.findings : []).map((f) => ({
            message: f.message,
            subRule: f.subRule ?? null,
            evidence: f.evidence ?? null,
          })),
        };
      }),
      quarters: input.quarters.map((q) => ({
        quarter: q.quarter,
        ended: q.ended,
        planId: q.plan?.id ?? null,
        share: q.plan ? (q.plan.total === 0 ? 1 : q.plan.checked / q.plan.total) : null,
        published: q.plan?.publishedAt != null,
      })),
    };
  }

  /** Everything the year's indicators are computed from. */
  async gather(ownerSiteId: number, year: number, now: Date): Promise<AssessmentInput> {
    await this.registry.syncHosted(ownerSiteId);
    const office = await this.registry.office(ownerSiteId);
    const entries = await repo.listEntries(this.db, ownerSiteId);
    const running = entries.filter((e) => e.kind === 'website' && e.status === '运行');
    const yearStart = startOfBeijingDay(`${year}-01-01`);
    const yearEnd = startOfBeijingDay(`${year + 1}-01-01`);
    const checks = await repo.listChecks(this.db, ownerSiteId);
    const report = await repo.findAnnualReport(this.db, ownerSiteId, year);
    const sampled = sampleOfYear(running, year);
    return {
      year,
      now,
      stateCouncil: office.stateCouncil,
      quarters: await this.quarters(ownerSiteId, year, now),
      rectifications: (await plansRepo.tasksPublishedBetween(this.db, ownerSiteId, yearStart, yearEnd)).map((t) => ({
        id: t.id,
        site: entries.find((e) => e.id === t.registry_id)?.name ?? '',
        indicator: t.indicator_name,
        dueAt: t.due_at,
        closedAt: t.closed_at,
      })),
      unregistered: checks
        .filter((c) => c.kind === 'discovery' && c.year === year && c.resolution === null)
        .map((c) => {
          const d = JSON.parse(c.detail) as { host: string; foundOn: string };
          return { host: d.host, foundOn: d.foundOn };
        }),
      jiucuoSample: await this.jiucuoSample(sampled, yearStart, yearEnd),
      errorTickets: this.errorReports
        ? await this.errorReports.tickets({
            siteCodes: entries.flatMap((e) => (e.site_code ? [e.site_code] : [])),
            from: yearStart,
            to: yearEnd,
          })
        : null,
      closures: entries
        .filter((e) => e.kind === 'website' && ['关停', '整合'].includes(e.status))
        .map((e): SiteCheck => {
          const latest = checks.find((c) => c.kind === 'closure' && c.registry_id === e.id);
          return {
            registryId: e.id,
            site: e.name,
            ok: !latest || latest.status === 'untested' ? null : latest.status === 'pass',
            note: latest?.summary ?? '尚未检查',
            evidence: latest ? { checkId: latest.id, checkedAt: latest.checked_at } : {},
          };
        }),
      supervisorReport: { publishedAt: report?.published_at ?? null, url: null },
      siteReports: sampled.map((e) => {
        const latest = checks.find((c) => c.kind === 'annual-report' && c.year === year && c.registry_id === e.id);
        const detail = latest
          ? (JSON.parse(latest.detail) as { onHomePage?: boolean; publishedOn?: string | null; url?: string })
          : null;
        return {
          registryId: e.id,
          site: e.name,
          onHomePage: latest && latest.status !== 'untested' ? (detail?.onHomePage ?? false) : null,
          publishedOn: detail?.publishedOn ?? null,
          url: detail?.url ?? null,
        };
      }),
      domainSample: sampled.map((e) => {
        const domain = (JSON.parse(e.domains) as string[])[0] ?? '';
        const ok = GOV_DOMAIN.test(domain);
        return {
          registryId: e.id,
          site: e.name,
          ok,
          note: ok ? `域名 ${domain}` : `域名 ${domain || '（未登记）'} 不符合规范`,
          evidence: { domain },
        };
      }),
      websites: { running: running.length, hosted: running.filter((e) => e.hosting === 'local').length },
      manual: (await repo.activeFindings(this.db, ownerSiteId, year))
        .filter((f) => f.indicator_id.startsWith('supervision.'))
        .map((f) => ({
          id: f.id,
          indicatorId: f.indicator_id,
          subRule: f.sub_rule,
          part: f.part,
          points: f.points,
          outcome: f.outcome as 'problem' | 'confirmed' | 'bonus',
          message: f.message,
        })),
    };
  }

  private async quarters(ownerSiteId: number, year: number, now: Date): Promise<QuarterRecord[]> {
    const plans = (await plansRepo.listPlans(this.db, ownerSiteId, year)).filter((p) => p.status === 'done');
    const records: QuarterRecord[] = [];
    for (const quarter of QUARTERS) {
      let best: QuarterRecord['plan'] = null;
      for (const plan of plans.filter((p) => p.quarter === quarter)) {
        const items = await plansRepo.itemsOf(this.db, plan.id);
        const checked = items.filter((i) => i.kind === 'website' && i.status === 'done').length;
        if (!best || checked > best.checked)
          best = { id: plan.id, checked, total: plan.websites_total, publishedAt: plan.results_published_at };
      }
      records.push({ quarter, ended: now.toISOString() >= quarterSpan(year, quarter).end, plan: best });
    }
    return records;
  }

  /** The 找错 entry of the sampled sites: their latest finished inspection of the year, entry part. */
  private async jiucuoSample(sampled: RegistryRow[], from: string, to: string): Promise<SiteCheck[]> {
    const targets = await Promise.all(
      sampled.map(async (e) => ({ entry: e, url: (await this.plans.targetOf(e)).url })),
    );
    const runs = (
      await repo.latestRuns(
        this.db,
        targets.map((t) => t.url),
        from,
      )
    ).filter((r) => (r.finished_at ?? '') < to);
    return targets.map(({ entry, url }) => {
      const run = runs.find((r) => r.target_url === url);
      if (!run?.report) return { registryId: entry.id, site: entry.name, ok: null, note: '本年度没有完成的检查' };
      const report = JSON.parse(run.report) as InspectionReport;
      const indicator = report.indicators.find((i) => i.id === 'deduct.report-errors');
      const missing = (indicator?.findings ?? []).filter((f) => f.part === 'entry');
      if (!indicator || indicator.status === '未检测')
        return {
          registryId: entry.id,
          site: entry.name,
          ok: null,
          note: '找错入口未检测',
          evidence: { runId: run.id },
        };
      return {
        registryId: entry.id,
        site: entry.name,
        ok: missing.length === 0,
        note: missing.length ? `${missing.length}个页面未规范添加找错入口` : '全站规范添加找错入口',
        evidence: { runId: run.id, pages: missing.map((f) => (f.evidence as { url?: string } | undefined)?.url) },
      };
    });
  }

  // ───────────────────────────── dashboard ─────────────────────────────

  async dashboard(ownerSiteId: number): Promise<DashboardView> {
    const now = this.clock.now();
    const office = await this.registry.office(ownerSiteId);
    await this.registry.syncHosted(ownerSiteId);
    const entries = await repo.listEntries(this.db, ownerSiteId);
    const { year, quarter } = quarterOf(now);
    const plans = (await plansRepo.listPlans(this.db, ownerSiteId, year)).filter(
      (p) => p.quarter === quarter && p.status !== 'cancelled',
    );
    const plan = plans.find((p) => p.status === 'done') ?? plans[0] ?? null;
    const countdown = quarterCountdown(now, year, quarter);
    const tasks = await plansRepo.listTasks(this.db, { ownerSiteIds: [ownerSiteId] });
    const nowIso = now.toISOString();
    const byStatus: Record<string, number> = {};
    for (const e of entries) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
    const websites = entries.filter((e) => e.kind === 'website');
    const { assessment, input } = await this.assessment(ownerSiteId, year);
    return {
      office,
      now: nowIso,
      quarter: {
        year,
        quarter,
        endsAt: quarterSpan(year, quarter).end,
        daysLeft: countdown.days,
        hoursLeft: countdown.hours,
        plan: plan ? this.plans.view(plan, await plansRepo.itemsOf(this.db, plan.id)) : null,
        state: plan ? (plan.status as 'planned' | 'running' | 'done') : 'none',
      },
      registry: {
        websites: websites.length,
        runningWebsites: websites.filter((e) => e.status === '运行').length,
        hostedWebsites: websites.filter((e) => e.hosting === 'local').length,
        accounts: entries.length - websites.length,
        byStatus,
        unregistered: input.unregistered.length,
      },
      tasks: {
        open: tasks.filter((t) => t.status === 'open').length,
        responded: tasks.filter((t) => t.status === 'responded').length,
        closed: tasks.filter((t) => t.status === 'closed').length,
        reopened: tasks.filter((t) => t.status === 'reopened').length,
        overdue: tasks.filter((t) => t.status !== 'closed' && nowIso > t.due_at).length,
      },
      assessment: {
        year,
        verdict: assessment.score.verdict,
        totalScore: assessment.score.totalScore,
        deductionScore: assessment.score.deductionScore,
        untestedPoints: assessment.score.untested.deductionPoints,
      },
    };
  }

  // ───────────────────────────── 监管年度报表 ─────────────────────────────

  /** The year's 政府网站监管年度报表, generated from the records plus the few counts only people know. */
  async annualReportData(
    ownerSiteId: number,
    year: number,
    manual: Omit<AnnualReportInput, 'siteId' | 'year'>,
  ): Promise<AnnualReportData> {
    const office = await this.registry.office(ownerSiteId);
    const entries = await repo.listEntries(this.db, ownerSiteId);
    const quarters = [];
    for (const quarter of QUARTERS) {
      const plans = (await plansRepo.listPlans(this.db, ownerSiteId, year)).filter(
        (p) => p.quarter === quarter && p.status === 'done',
      );
      const plan = plans[0];
      const items = plan ? await plansRepo.itemsOf(this.db, plan.id) : [];
      const websites = items.filter((i) => i.kind === 'website' && i.status === 'done');
      quarters.push({
        quarter,
        checked: websites.length,
        total: plan?.websites_total ?? 0,
        failed: websites.filter((i) => i.verdict === '不合格').length,
        accountsChecked: items.filter((i) => i.kind === 'newmedia' && i.status === 'done').length,
        accountsFailed: items.filter((i) => i.kind === 'newmedia' && i.verdict === '不合格').length,
      });
    }
    const inYear = (date: string | null) => date?.startsWith(String(year));
    const tickets = this.errorReports
      ? await this.errorReports.tickets({
          siteCodes: entries.flatMap((e) => (e.site_code ? [e.site_code] : [])),
          from: startOfBeijingDay(`${year}-01-01`),
          to: startOfBeijingDay(`${year + 1}-01-01`),
        })
      : null;
    const stats = tickets ? errorReportStats(tickets) : null;
    return {
      year,
      office: office.name,
      quarters,
      security: { checks: manual.securityChecks },
      sites: {
        running: entries.filter((e) => e.kind === 'website' && e.status === '运行').length,
        opened: entries.filter((e) => e.kind === 'website' && inYear(e.opened_on)).length,
        closed: entries.filter((e) => e.kind === 'website' && e.status === '关停' && inYear(e.status_since)).length,
        merged: entries.filter((e) => e.kind === 'website' && e.status === '整合' && inYear(e.status_since)).length,
        accounts: entries.filter((e) => e.kind === 'newmedia' && e.status === '运行').length,
      },
      errorReports: stats
        ? { received: stats.received, closed: stats.closed, onTimeRate: stats.onTimeRate, note: null }
        : { received: null, closed: null, onTimeRate: null, note: '找错留言工单尚未接入（由互动交流模块提供）' },
      counterfeit: manual.counterfeitSites,
      training: { sessions: manual.trainings, people: manual.trainees },
    };
  }

  async annualReport(ownerSiteId: number, year: number): Promise<AnnualReportView> {
    const row = await repo.findAnnualReport(this.db, ownerSiteId, year);
    return {
      year,
      data: row ? (JSON.parse(row.data) as unknown) : null,
      contentId: row?.content_id ?? null,
      publishedAt: row?.published_at ?? null,
      due: annualReportDue(year),
    };
  }

  /** Generates the report, saves it, and submits it for publication in the office's reports column. */
  async publishAnnualReport(auth: AuthContext, input: AnnualReportInput): Promise<AnnualReportView> {
    const office = await this.registry.office(input.siteId);
    if (office.reportsColumnId === null) throw new AppError('SUPERVISION_NO_COLUMN', { what: '监管年度报表' });
    const existing = await repo.findAnnualReport(this.db, input.siteId, input.year);
    if (existing?.content_id)
      throw new AppError('SUPERVISION_PLAN_STATE', { state: '的年度报表已提交发布', action: '再次提交' });
    const data = await this.annualReportData(input.siteId, input.year, input);
    const contentId = await this.content.create(auth, input.siteId, {
      type: 'article',
      columnId: office.reportsColumnId,
      title: `${input.year}年度政府网站监管年度报表`,
      source: office.name,
      bodyHtml: annualReportHtml(data),
    });
    const at = this.clock.now().toISOString();
    await repo.saveAnnualReport(this.db, {
      owner_site_id: input.siteId,
      year: input.year,
      data: JSON.stringify(data),
      content_id: contentId,
      published_at: null,
      created_by: auth.userId,
      created_at: at,
      updated_at: at,
    });
    await this.review.submit(auth, contentId, { secret: '否', releaseForm: '网站公开' });
    await this.audit.recordAlone(auth.actor, {
      action: 'supervision.annual-report',
      targetType: 'supervision_annual_report',
      targetId: input.year,
      siteId: input.siteId,
      detail: { contentId },
    });
    return this.annualReport(input.siteId, input.year);
  }

  /** Publication of an annual report's content item: its publication time is recorded (the 31 January rule). */
  async markAnnualReportPublished(contentId: number, publishedAt: string, actor: Actor): Promise<boolean> {
    const row = await repo.annualReportByContent(this.db, contentId);
    if (!row || row.published_at) return false;
    await this.db.transaction().execute(async (trx) => {
      await repo.updateAnnualReport(trx, row.id, { published_at: publishedAt });
      await this.audit.record(trx, actor, {
        action: 'supervision.annual-report-published',
        targetType: 'supervision_annual_report',
        targetId: row.year,
        siteId: row.owner_site_id,
        detail: { publishedAt },
      });
    });
    return true;
  }
}
