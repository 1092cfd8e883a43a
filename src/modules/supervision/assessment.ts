// 政府网站与政务新媒体监管工作年度考核指标 computed from the supervisor's own records for one year: each indicator
// of the catalogue gets a result with its evidence, then the catalogue is scored like a site (veto → 不合格;
// deductions capped per indicator; 60/80; bonuses; ×10/9 for State Council departments). What the records cannot
// tell is 未检测 with the reason — never a pass.
import { SUPERVISION_CATALOGUE } from '../inspection/indicators.ts';
import { scoreInspection, type Finding, type IndicatorResult, type InspectionScore } from '../inspection/scoring.ts';
import { annualReportDue, type Quarter } from './deadlines.ts';
import { ERROR_REPORTS_PENDING, errorReportStats, type ErrorReportTicket } from './error-reports.ts';

export interface QuarterRecord {
  quarter: Quarter;
  /** The quarter is over (Beijing time): only then can its spot check be missing. */
  ended: boolean;
  /** The quarter's completed plan, if any (the most complete one when several). */
  plan: {
    id: number;
    /** Websites checked out of the registered running websites when the plan was drawn. */
    checked: number;
    total: number;
    /** When its results were published (null: not yet). */
    publishedAt: string | null;
  } | null;
}

export interface RectificationRecord {
  id: number;
  site: string;
  indicator: string;
  dueAt: string;
  closedAt: string | null;
}

export interface SiteCheck {
  registryId: number;
  site: string;
  /** null: could not be told (no run this year, unreachable …). */
  ok: boolean | null;
  note: string;
  evidence?: Record<string, unknown>;
}

export interface SiteReportCheck {
  registryId: number;
  site: string;
  /** The 工作年度报表 is linked from the home page (null: not checked). */
  onHomePage: boolean | null;
  /** Its publication date as shown (yyyy-MM-dd), when found. */
  publishedOn: string | null;
  url: string | null;
}

export interface ManualRecord {
  id: number;
  indicatorId: string;
  subRule: number | null;
  part: string | null;
  points: number | null;
  /** problem: a deduction or veto found; confirmed: checked, no problem; bonus: points earned. */
  outcome: 'problem' | 'confirmed' | 'bonus';
  message: string;
}

export interface AssessmentInput {
  year: number;
  now: Date;
  stateCouncil: boolean;
  quarters: QuarterRecord[];
  rectifications: RectificationRecord[];
  /** Sites found (linked from registered sites, or hosted here) but not registered, still unresolved. */
  unregistered: { host: string; foundOn: string }[];
  /** 找错 entry on every page of the sampled (≤ 5) registered websites. */
  jiucuoSample: SiteCheck[];
  /** null: no ErrorReportSource is wired in yet. */
  errorTickets: ErrorReportTicket[] | null;
  /** Sites reported closed or merged: still serving, or content not migrated. */
  closures: SiteCheck[];
  supervisorReport: { publishedAt: string | null; url: string | null };
  siteReports: SiteReportCheck[];
  /** Domains of the sampled (≤ 5) registered websites. */
  domainSample: SiteCheck[];
  /** Registered running websites, and how many of them are hosted on this installation. */
  websites: { running: number; hosted: number };
  manual: ManualRecord[];
}

export interface Assessment {
  year: number;
  results: IndicatorResult[];
  score: InspectionScore;
}

export function assess(input: AssessmentInput): Assessment {
  const results: IndicatorResult[] = [
    vetoResult(input),
    rectificationResult(input),
    spotCheckResult(input),
    manualOnly(
      input,
      'supervision.deduct.performance-assessment',
      '需人工填报：是否将政府网站、政务新媒体工作纳入政府年度绩效考核',
    ),
    fullCoverageResult(input),
    publicOversightResult(input),
    consolidationResult(input),
    annualReportResult(input),
    domainResult(input),
    spotCheckRatioBonus(input),
    manualOnly(input, 'supervision.bonus.pass-rate', '需人工填报：国办开展的抽查中上一年度合格率是否均达100%'),
    errorClosureBonus(input),
    consolidatedPlatformBonus(input),
    manualOnly(input, 'supervision.bonus.county-media-center', '需人工填报：县级政府门户网站与县级融媒体平台对接情况'),
  ];
  const score = scoreInspection(results, {
    catalogue: SUPERVISION_CATALOGUE,
    stateCouncilDepartment: input.stateCouncil,
  });
  return { year: input.year, results, score };
}

// ───────────────────────────── helpers ─────────────────────────────

const measured = (indicatorId: string, findings: Finding[], untestedParts?: { part: string; reason: string }[]) =>
  ({
    indicatorId,
    status: 'measured',
    findings,
    ...(untestedParts?.length ? { untestedParts } : {}),
  }) as IndicatorResult;

const untested = (indicatorId: string, reason: string): IndicatorResult => ({
  indicatorId,
  status: 'untested',
  reason,
});

const manualOf = (input: AssessmentInput, indicatorId: string) =>
  input.manual.filter((m) => m.indicatorId === indicatorId);

function manualFindings(input: AssessmentInput, indicatorId: string): Finding[] {
  return manualOf(input, indicatorId)
    .filter((m) => m.outcome !== 'confirmed')
    .map((m) => ({
      indicatorId,
      ...(m.subRule !== null ? { subRule: m.subRule } : {}),
      ...(m.part !== null ? { part: m.part } : {}),
      ...(m.points !== null ? { points: m.points } : {}),
      message: m.message,
      evidence: { source: '人工填报', recordId: m.id },
    }));
}

/** An indicator only a person can tell: 未检测 until someone records a problem, a bonus, or that it was checked. */
function manualOnly(input: AssessmentInput, indicatorId: string, reason: string): IndicatorResult {
  if (manualOf(input, indicatorId).length === 0) return untested(indicatorId, reason);
  return measured(indicatorId, manualFindings(input, indicatorId));
}

const quarterName = (q: Quarter) => `第${'一二三四'[q - 1]}季度`;
const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
const shareOf = (plan: NonNullable<QuarterRecord['plan']>) => (plan.total === 0 ? 1 : plan.checked / plan.total);

// ───────────────────────────── vetoes and deductions ─────────────────────────────

/** 单项否决 3: 未按季度组织开展网站抽查 (an ended quarter without a completed plan); 1, 2, 4 are recorded by hand. */
function vetoResult(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.veto';
  const missing = input.quarters.filter((q) => q.ended && !q.plan);
  const findings: Finding[] = missing.map((q) => ({
    indicatorId: id,
    subRule: 3,
    message: `${input.year}年${quarterName(q.quarter)}未组织开展政府网站抽查`,
    evidence: { quarter: q.quarter, expected: '每季度完成一次抽查', observed: '该季度没有完成的抽查计划' },
  }));
  return measured(id, [...findings, ...manualFindings(input, id)]);
}

/** 通报整改 (10, once): a published problem not rectified within 2 weeks (still open past its deadline, or closed late). */
function rectificationResult(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.deduct.rectification';
  const now = input.now.toISOString();
  const late = input.rectifications.filter(
    (r) => (r.closedAt ?? now) > r.dueAt && (r.closedAt !== null || now > r.dueAt),
  );
  const findings: Finding[] = late.length
    ? [
        {
          indicatorId: id,
          subRule: 1,
          message: `${late.length}个通报问题未在通报公开之日起2周内整改到位`,
          evidence: {
            tasks: late.map((r) => ({
              id: r.id,
              site: r.site,
              indicator: r.indicator,
              dueAt: r.dueAt,
              closedAt: r.closedAt,
            })),
          },
        },
      ]
    : [];
  return measured(id, [...findings, ...manualFindings(input, id)]);
}

/** 抽查检查: 1 — a completed quarter's results not published (15, once); 2 — a plan below 30% (5 each). */
function spotCheckResult(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.deduct.spot-checks';
  const ended = input.quarters.filter((q) => q.ended && q.plan);
  const unpublished = ended.filter((q) => q.plan && q.plan.publishedAt === null);
  const findings: Finding[] = [];
  if (unpublished.length > 0)
    findings.push({
      indicatorId: id,
      subRule: 1,
      message: `${unpublished.map((q) => quarterName(q.quarter)).join('、')}的抽查结果未公开`,
      evidence: { plans: unpublished.map((q) => q.plan?.id) },
    });
  for (const q of input.quarters) {
    if (!q.plan || shareOf(q.plan) >= 0.3 - 1e-9) continue;
    findings.push({
      indicatorId: id,
      subRule: 2,
      message: `${quarterName(q.quarter)}抽查比例为${percent(shareOf(q.plan))}，未达到30%`,
      evidence: { plan: q.plan.id, checked: q.plan.checked, total: q.plan.total },
    });
  }
  return measured(id, [...findings, ...manualFindings(input, id)]);
}

/** 全面监管 (1 each): every site found but not registered. */
function fullCoverageResult(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.deduct.full-coverage';
  const findings: Finding[] = input.unregistered.map((u) => ({
    indicatorId: id,
    subRule: 1,
    message: `政府网站 ${u.host} 未纳入监管范围`,
    evidence: { url: u.foundOn, expected: '登记在监管对象名录中', observed: `在 ${u.foundOn} 发现链接，未登记` },
  }));
  return measured(id, [...findings, ...manualFindings(input, id)]);
}

/** 网民监督: the 找错 entry on every page of 5 sampled sites (1 each); 找错 messages 未办结 (3 each), 超过一个月 (2 each). */
function publicOversightResult(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.deduct.public-oversight';
  const decided = input.jiucuoSample.filter((s) => s.ok !== null);
  const findings: Finding[] = input.jiucuoSample
    .filter((s) => s.ok === false)
    .map((s) => ({
      indicatorId: id,
      part: 'entry',
      subRule: 1,
      message: `${s.site}未全站规范添加“我为政府网站找错”入口`,
      evidence: { ...s.evidence, note: s.note },
    }));
  const untestedParts: { part: string; reason: string }[] = [];
  if (decided.length === 0)
    untestedParts.push({ part: 'entry', reason: '本年度抽取的网站均没有完成的检查记录，无法判断找错入口' });
  if (input.errorTickets === null) untestedParts.push({ part: 'handling', reason: ERROR_REPORTS_PENDING });
  else {
    const stats = errorReportStats(input.errorTickets);
    for (const t of stats.open)
      findings.push({
        indicatorId: id,
        part: 'handling',
        subRule: 1,
        message: `找错留言 ${t.id} 未办结`,
        evidence: { ...t },
      });
    for (const t of stats.late)
      findings.push({
        indicatorId: id,
        part: 'handling',
        subRule: 2,
        message: `找错留言 ${t.id} 超过一个月办结`,
        evidence: { ...t },
      });
  }
  if (untestedParts.length === 2 && findings.length === 0)
    return untested(id, untestedParts.map((u) => u.reason).join('；'));
  return measured(id, [...findings, ...manualFindings(input, id)], untestedParts);
}

/** 集约整合 (5 each): a site reported closed that still serves, or whose content was not migrated to the parent. */
function consolidationResult(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.deduct.consolidation';
  const findings: Finding[] = input.closures
    .filter((c) => c.ok === false)
    .map((c) => ({ indicatorId: id, subRule: 1, message: `${c.site}：${c.note}`, evidence: { ...c.evidence } }));
  const undecided = input.closures.filter((c) => c.ok === null);
  if (findings.length === 0 && undecided.length > 0 && undecided.length === input.closures.length)
    return untested(id, `已报关停或整合的网站（${undecided.map((c) => c.site).join('、')}）尚未检查`);
  return measured(id, [...findings, ...manualFindings(input, id)]);
}

/** 年度报表: the supervisor's 监管年度报表 (5: not published 5, late 2); 5 sampled sites' 工作年度报表 (10). */
function annualReportResult(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.deduct.annual-reports';
  const due = annualReportDue(input.year);
  const now = input.now.toISOString();
  const findings: Finding[] = [];
  const untestedParts: { part: string; reason: string }[] = [];
  const own = input.supervisorReport;
  if (own.publishedAt === null && now <= due)
    untestedParts.push({
      part: 'supervisor',
      reason: `${input.year}年度监管年度报表尚未发布，${input.year + 1}年1月31日到期`,
    });
  else if (own.publishedAt === null)
    findings.push({
      indicatorId: id,
      part: 'supervisor',
      subRule: 1,
      message: `${input.year}年度政府网站监管年度报表未在门户网站首页发布`,
      evidence: { due },
    });
  else if (own.publishedAt > due)
    findings.push({
      indicatorId: id,
      part: 'supervisor',
      subRule: 2,
      message: `${input.year}年度政府网站监管年度报表晚于1月31日发布`,
      evidence: { url: own.url, publishedAt: own.publishedAt, due },
    });
  const checked = input.siteReports.filter((r) => r.onHomePage !== null);
  if (checked.length === 0) untestedParts.push({ part: 'sites', reason: '尚未抽查网站首页的网站工作年度报表' });
  for (const r of checked) {
    if (!r.onHomePage)
      findings.push({
        indicatorId: id,
        part: 'sites',
        subRule: 1,
        message: `${r.site}的网站工作年度报表未在本网站首页发布`,
        evidence: { url: r.url },
      });
    else if (r.publishedOn && `${r.publishedOn}` > `${input.year + 1}-01-31`)
      findings.push({
        indicatorId: id,
        part: 'sites',
        subRule: 2,
        message: `${r.site}的网站工作年度报表晚于1月31日发布（${r.publishedOn}）`,
        evidence: { url: r.url, publishedOn: r.publishedOn },
      });
  }
  if (untestedParts.length === 2 && findings.length === 0)
    return untested(id, untestedParts.map((u) => u.reason).join('；'));
  return measured(id, [...findings, ...manualFindings(input, id)], untestedParts);
}

/** 网站域名 (2 each): a sampled site whose domain does not end in .gov.cn or .政务. */
function domainResult(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.deduct.domain-names';
  if (input.domainSample.length === 0) return untested(id, '没有登记运行中的政府网站');
  const findings: Finding[] = input.domainSample
    .filter((s) => s.ok === false)
    .map((s) => ({ indicatorId: id, subRule: 1, message: `${s.site}：${s.note}`, evidence: { ...s.evidence } }));
  return measured(id, [...findings, ...manualFindings(input, id)]);
}

// ───────────────────────────── bonuses ─────────────────────────────

/** 每季度抽查比例均达100% → 4; 均达70% → 2: judged once the year's four quarters are over. */
function spotCheckRatioBonus(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.bonus.spot-check-ratio';
  if (!input.quarters.every((q) => q.ended))
    return untested(id, `${input.year}年尚未结束，四个季度的抽查比例尚不能判断`);
  const shares = input.quarters.map((q) => (q.plan ? shareOf(q.plan) : 0));
  const points = shares.every((s) => s >= 1) ? 4 : shares.every((s) => s >= 0.7) ? 2 : 0;
  const findings: Finding[] = points
    ? [
        {
          indicatorId: id,
          subRule: 1,
          points,
          message: `各季度抽查比例：${shares.map(percent).join('、')}`,
          evidence: { shares },
        },
      ]
    : [];
  return measured(id, [...findings, ...manualFindings(input, id)]);
}

/** 上一年度找错留言按期办结率达100% → 4. */
function errorClosureBonus(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.bonus.report-errors-closure';
  if (input.errorTickets === null) return untested(id, ERROR_REPORTS_PENDING);
  const stats = errorReportStats(input.errorTickets);
  const findings: Finding[] =
    stats.received > 0 && stats.onTimeRate >= 1
      ? [
          {
            indicatorId: id,
            subRule: 3,
            message: `找错留言 ${stats.received} 条，按期办结率100%`,
            evidence: { ...stats, open: [], late: [] },
          },
        ]
      : [];
  return measured(id, findings);
}

/** 本地区政府网站均迁移至集约化平台 → 5: every registered running website is hosted on this installation. */
function consolidatedPlatformBonus(input: AssessmentInput): IndicatorResult {
  const id = 'supervision.bonus.consolidated-platform';
  const { running, hosted } = input.websites;
  const findings: Finding[] =
    running > 0 && hosted === running
      ? [
          {
            indicatorId: id,
            subRule: 4,
            message: `运行中的${running}个政府网站均在本集约化平台`,
            evidence: { running, hosted },
          },
        ]
      : [];
  return measured(id, [...findings, ...manualFindings(input, id)]);
}
