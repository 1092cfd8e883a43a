// Scoring of an inspection exactly as the 指标说明 of 国办秘函〔2019〕19号:
//   单项否决 → 不合格, nothing else scored;
//   otherwise the deduction score (each indicator's deductions capped at its points); below 60 → 不合格;
//   60–80 inclusive → 合格 without bonus; above 80 → bonus scored (capped) and added.
// All arithmetic is in hundredths of a point held as integers; the ×4/3 (×10/9) scaling is kept as an exact
// fraction, compared with the thresholds exactly, and rounded to 2 decimals only when reported.
import { GOV_WEBSITE_CATALOGUE } from './indicators.ts';
import type { Indicator, IndicatorKind, PointIndicator, ScoredCatalogue, SubRule } from './indicators.schema.ts';

// ───────────────────────────── input ─────────────────────────────

export interface Finding {
  indicatorId: string;
  /** The sub-rule's number (SubRule.no). */
  subRule?: number;
  /** Required for indicators with parts (我为政府网站找错: 'entry' | 'handling'), whose rule numbers restart per part. */
  part?: string;
  /**
   * Points deducted (deduction indicator) or gained (bonus indicator), a multiple of 0.01. When omitted, the
   * sub-rule's own points are used ('once' / 'each' rules). Ignored on veto findings.
   */
  points?: number;
  message: string;
  evidence?: Readonly<Record<string, unknown>>;
}

/** One result per indicator. A measured indicator without findings passed; an untested one never does. */
export type IndicatorResult =
  | {
      indicatorId: string;
      status: 'measured';
      findings: readonly Finding[];
      /** Parts of a multi-part indicator that could not be measured (找错: the handling of messages). */
      untestedParts?: readonly { part: string; reason: string }[];
    }
  | { indicatorId: string; status: 'untested'; reason: string };

export interface ScoringOptions {
  /** Defaults to the 政府网站 catalogue; SUPERVISION_CATALOGUE is scored the same way. */
  catalogue?: ScoredCatalogue;
  /** 没有对外服务职能的部门: servicesOnly indicators are not inspected; deductions are scaled up (×4/3). */
  noPublicServices?: boolean;
  /** 国务院部门: their variants apply (概况信息 not inspected, 机构职能 worth 4; 考核评价 not inspected, ×10/9). */
  stateCouncilDepartment?: boolean;
}

// ───────────────────────────── output ─────────────────────────────

/**
 * 通过: measured, nothing found · 扣分: points deducted · 否决: a veto item found ·
 * 加分: bonus points gained · 未得分: bonus indicator measured but no points gained ·
 * 未检测: not measured (never counted as passed) · 不检查: not applicable to this site (variants of the seed).
 */
export type IndicatorStatus = '通过' | '扣分' | '否决' | '加分' | '未得分' | '未检测' | '不检查';
export type Verdict = '合格' | '不合格';
/** Which stage settled the verdict. */
export type DecidingStage = 'veto' | 'deduction' | 'bonus';

export interface PartOutcome {
  id: string;
  name: string;
  maxPoints: number;
  points: number;
  capped: boolean;
}

export interface IndicatorOutcome {
  indicatorId: string;
  kind: IndicatorKind;
  name: string;
  group: string | null;
  /** The indicator's maximum for this site (variants applied); null for vetoes. */
  maxPoints: number | null;
  status: IndicatorStatus;
  /** Points deducted or gained after the caps; null for vetoes and for indicators not measured or not inspected. */
  points: number | null;
  /** Sum of the findings' points before the caps. */
  rawPoints: number | null;
  capped: boolean;
  parts?: PartOutcome[];
  /** Why it is 未检测 or 不检查. */
  reason?: string;
  findings: readonly Finding[];
}

export interface VetoReason {
  indicatorId: string;
  name: string;
  subRule?: number;
  /** The rule's text, when the finding names its sub-rule. */
  rule?: string;
  message: string;
  evidence?: Readonly<Record<string, unknown>>;
}

export interface UntestedIndicator {
  indicatorId: string;
  kind: IndicatorKind;
  name: string;
  maxPoints: number | null;
  reason: string;
}

/** Coverage of the measurement, independent of which stages were scored. */
export interface UntestedSummary {
  /** Sum of the maximum points of untested deduction indicators: the deduction score may be that much too high. */
  deductionPoints: number;
  /** Sum of the maximum points of untested bonus indicators. */
  bonusPoints: number;
  vetoes: UntestedIndicator[];
  indicators: UntestedIndicator[];
}

export interface InspectionScore {
  catalogueId: string;
  verdict: Verdict;
  decidedAt: DecidingStage;
  vetoReasons: VetoReason[];
  /** null when vetoed. */
  deductionScore: number | null;
  /** null unless the deduction score is above 80. */
  bonusScore: number | null;
  /** deduction score + bonus; null when vetoed. */
  totalScore: number | null;
  /** Points lost before scaling; null when vetoed. */
  deductedPoints: number | null;
  /** The deductions are scored out of `inspectedPoints` and scaled to `fullPoints` (75 → 100: ×4/3). */
  deductionBase: { inspectedPoints: number; fullPoints: number };
  vetoes: IndicatorOutcome[];
  deductions: IndicatorOutcome[] | null;
  bonuses: IndicatorOutcome[] | null;
  untested: UntestedSummary;
  /** Every applicable indicator was measured. */
  complete: boolean;
}

/** The results do not fit the catalogue: a programming error in the caller, not a site problem. */
export class InspectionInputError extends Error {
  override name = 'InspectionInputError';
}

// ───────────────────────────── scoring ─────────────────────────────

const PASS_MARK = 60;
const BONUS_MARK = 80;
const NO_RESULT_REASON = '没有检测结果';

export function scoreInspection(results: readonly IndicatorResult[], options: ScoringOptions = {}): InspectionScore {
  const catalogue = options.catalogue ?? GOV_WEBSITE_CATALOGUE;
  const byId = indexResults(catalogue, results);
  const evaluate = <T extends Indicator>(indicator: T) => evaluateIndicator(indicator, byId.get(indicator.id), options);

  const vetoes = catalogue.vetoes.map(evaluate);
  const deductions = catalogue.deductions.map(evaluate);
  const bonuses = catalogue.bonuses.map(evaluate);
  const untested = summariseUntested([...vetoes, ...deductions, ...bonuses]);
  const base = deductionBase(catalogue, deductions);
  const common = {
    catalogueId: catalogue.id,
    deductionBase: { inspectedPoints: fromHundredths(base.inspected), fullPoints: fromHundredths(base.full) },
    vetoes: vetoes.map(toOutcome),
    untested,
    complete: untested.indicators.length === 0,
  };

  const vetoReasons = vetoes.flatMap(vetoReasonsOf);
  if (vetoReasons.length > 0) {
    return {
      ...common,
      verdict: '不合格',
      decidedAt: 'veto',
      vetoReasons,
      deductionScore: null,
      bonusScore: null,
      totalScore: null,
      deductedPoints: null,
      deductions: null,
      bonuses: null,
    };
  }

  const lost = sum(deductions.map((e) => e.points ?? 0));
  // score = (inspected − lost) × full / inspected, kept as the exact fraction num / den (in hundredths)
  const den = base.inspected;
  const num = (base.inspected - lost) * base.full;
  const deductionScore = fromHundredths(roundDiv(num, den));
  const deductionPart = {
    ...common,
    vetoReasons,
    deductionScore,
    deductedPoints: fromHundredths(lost),
    deductions: deductions.map(toOutcome),
  };

  // thresholds are compared on the exact fraction, never on the rounded score
  if (num <= BONUS_MARK * 100 * den) {
    return {
      ...deductionPart,
      verdict: num < PASS_MARK * 100 * den ? '不合格' : '合格',
      decidedAt: 'deduction',
      bonusScore: null,
      totalScore: deductionScore,
      bonuses: null,
    };
  }

  const gained = Math.min(sum(bonuses.map((e) => e.points ?? 0)), toHundredths(catalogue.bonusTotal));
  return {
    ...deductionPart,
    verdict: '合格',
    decidedAt: 'bonus',
    bonusScore: fromHundredths(gained),
    totalScore: fromHundredths(roundDiv(num + gained * den, den)),
    bonuses: bonuses.map(toOutcome),
  };
}

// ───────────────────────────── per indicator ─────────────────────────────

/** An indicator with its result applied; points in hundredths. */
interface Evaluated {
  indicator: Indicator;
  state: 'notInspected' | 'untested' | 'measured';
  reason?: string;
  findings: readonly Finding[];
  /** effective maximum (hundredths), null for vetoes */
  max: number | null;
  /** capped points (hundredths), null unless a measured deduction/bonus indicator */
  points: number | null;
  raw: number | null;
  parts?: { id: string; name: string; max: number; points: number; raw: number; untested?: string }[];
}

function evaluateIndicator(
  indicator: Indicator,
  result: IndicatorResult | undefined,
  options: ScoringOptions,
): Evaluated {
  const max = maxHundredths(indicator, options);
  const notInspected = notInspectedReason(indicator, options);
  if (notInspected) {
    return { indicator, state: 'notInspected', reason: notInspected, findings: [], max, points: null, raw: null };
  }
  if (!result || result.status === 'untested') {
    const reason = result?.reason ?? NO_RESULT_REASON;
    return { indicator, state: 'untested', reason, findings: [], max, points: null, raw: null };
  }
  const { findings } = result;
  if (indicator.kind === 'veto') return { indicator, state: 'measured', findings, max, points: null, raw: null };

  const cap = toHundredths(effectiveMaxPoints(indicator, options));
  const pointsOf = (finding: Finding) => findingHundredths(indicator, finding, options);
  const raw = sum(findings.map(pointsOf));
  const indicatorParts = partsOf(indicator);
  if (!indicatorParts) return { indicator, state: 'measured', findings, max, raw, points: Math.min(raw, cap) };

  // each part has its own cap (找错: entry 1, handling 3); the indicator's cap still applies on top
  const parts = indicatorParts.map((part) => {
    const partRaw = sum(findings.filter((f) => f.part === part.id).map(pointsOf));
    const partMax = toHundredths(part.points);
    const untested = result.untestedParts?.find((u) => u.part === part.id)?.reason;
    return {
      id: part.id,
      name: part.name,
      max: partMax,
      raw: partRaw,
      points: Math.min(partRaw, partMax),
      ...(untested ? { untested } : {}),
    };
  });
  const points = Math.min(sum(parts.map((p) => p.points)), cap);
  return { indicator, state: 'measured', findings, max, raw, points, parts };
}

function notInspectedReason(indicator: Indicator, options: ScoringOptions): string | undefined {
  if (options.noPublicServices && indicator.servicesOnly) return '没有对外服务职能的部门不检查办事服务指标';
  if (options.stateCouncilDepartment && indicator.stateCouncil?.inspected === false) return indicator.stateCouncil.note;
  return undefined;
}

function effectiveMaxPoints(indicator: PointIndicator, options: ScoringOptions): number {
  const variant = options.stateCouncilDepartment ? indicator.stateCouncil?.points : undefined;
  return variant ?? indicator.points;
}

const partsOf = (indicator: Indicator) => (indicator.kind === 'deduction' ? indicator.parts : undefined);

const maxHundredths = (indicator: Indicator, options: ScoringOptions): number | null =>
  indicator.kind === 'veto' ? null : toHundredths(effectiveMaxPoints(indicator, options));

/** A finding's points, defaulting to its sub-rule's points (with the State Council variant where it differs). */
function findingHundredths(indicator: PointIndicator, finding: Finding, options: ScoringOptions): number {
  if (finding.points !== undefined) return toHundredths(finding.points, indicator.id);
  const rule = finding.subRule === undefined ? undefined : subRuleOf(indicator, finding);
  const variant = options.stateCouncilDepartment && rule ? indicator.stateCouncil?.subRulePoints?.[rule.no] : undefined;
  if (variant !== undefined) return toHundredths(variant);
  if (rule?.scoring && rule.scoring.kind !== 'tiered') return toHundredths(rule.scoring.points);
  throw new InspectionInputError(
    `${indicator.id}: a finding needs points (no sub-rule with fixed points given): ${finding.message}`,
  );
}

function toOutcome(e: Evaluated): IndicatorOutcome {
  const { indicator } = e;
  return {
    indicatorId: indicator.id,
    kind: indicator.kind,
    name: indicator.name,
    group: indicator.kind === 'veto' ? null : indicator.group,
    maxPoints: e.max === null ? null : fromHundredths(e.max),
    status: statusOf(e),
    points: e.points === null ? null : fromHundredths(e.points),
    rawPoints: e.raw === null ? null : fromHundredths(e.raw),
    capped: e.raw !== null && e.points !== null && e.raw > e.points,
    ...(e.parts && {
      parts: e.parts.map((p) => ({
        id: p.id,
        name: p.name,
        maxPoints: fromHundredths(p.max),
        points: fromHundredths(p.points),
        capped: p.raw > p.points,
      })),
    }),
    ...(e.reason !== undefined && { reason: e.reason }),
    findings: e.findings,
  };
}

function statusOf(e: Evaluated): IndicatorStatus {
  if (e.state === 'notInspected') return '不检查';
  if (e.state === 'untested') return '未检测';
  switch (e.indicator.kind) {
    case 'veto':
      return e.findings.length > 0 ? '否决' : '通过';
    case 'deduction':
      return (e.points ?? 0) > 0 ? '扣分' : '通过';
    case 'bonus':
      return (e.points ?? 0) > 0 ? '加分' : '未得分';
  }
}

function vetoReasonsOf(e: Evaluated): VetoReason[] {
  if (e.state !== 'measured') return [];
  return e.findings.map((finding) => {
    const rule = finding.subRule === undefined ? undefined : subRuleOf(e.indicator, finding);
    return {
      indicatorId: e.indicator.id,
      name: e.indicator.name,
      message: finding.message,
      ...(finding.subRule !== undefined && { subRule: finding.subRule }),
      ...(rule && { rule: rule.text }),
      ...(finding.evidence && { evidence: finding.evidence }),
    };
  });
}

function summariseUntested(evaluated: readonly Evaluated[]): UntestedSummary {
  const untested = evaluated.filter((e) => e.state === 'untested');
  // A measured indicator whose part was not measured counts that part as untested, never as passed.
  const partial = evaluated.flatMap((e) => (e.parts ?? []).filter((p) => p.untested).map((p) => ({ e, p })));
  const maxOf = (kind: IndicatorKind) =>
    sum(untested.filter((e) => e.indicator.kind === kind).map((e) => e.max ?? 0)) +
    sum(partial.filter(({ e }) => e.indicator.kind === kind).map(({ p }) => p.max));
  const describe = (e: Evaluated): UntestedIndicator => ({
    indicatorId: e.indicator.id,
    kind: e.indicator.kind,
    name: e.indicator.name,
    maxPoints: e.max === null ? null : fromHundredths(e.max),
    reason: e.reason ?? NO_RESULT_REASON,
  });
  return {
    deductionPoints: fromHundredths(maxOf('deduction')),
    bonusPoints: fromHundredths(maxOf('bonus')),
    vetoes: untested.filter((e) => e.indicator.kind === 'veto').map(describe),
    indicators: [
      ...untested.map(describe),
      ...partial.map(({ e, p }) => ({
        indicatorId: e.indicator.id,
        kind: e.indicator.kind,
        name: `${e.indicator.name}（${p.name}）`,
        maxPoints: fromHundredths(p.max),
        reason: p.untested!,
      })),
    ],
  };
}

/** Scored out of the inspected indicators' points (75 without 办事服务) and scaled to the full mark (100). */
function deductionBase(
  catalogue: ScoredCatalogue,
  deductions: readonly Evaluated[],
): { inspected: number; full: number } {
  const inspected = sum(deductions.filter((e) => e.state !== 'notInspected').map((e) => e.max ?? 0));
  if (inspected <= 0) throw new InspectionInputError(`${catalogue.id}: no deduction indicator is inspected`);
  return { inspected, full: toHundredths(catalogue.deductionTotal) };
}

// ───────────────────────────── validation ─────────────────────────────

function indexResults(catalogue: ScoredCatalogue, results: readonly IndicatorResult[]): Map<string, IndicatorResult> {
  const indicators = new Map<string, Indicator>(
    [...catalogue.vetoes, ...catalogue.deductions, ...catalogue.bonuses].map((i) => [i.id, i]),
  );
  const byId = new Map<string, IndicatorResult>();
  for (const result of results) {
    const indicator = indicators.get(result.indicatorId);
    if (!indicator) throw new InspectionInputError(`unknown indicator ${result.indicatorId} in ${catalogue.id}`);
    // sources (crawler, database, inspector) must be merged into one result per indicator before scoring
    if (byId.has(result.indicatorId)) throw new InspectionInputError(`two results for ${result.indicatorId}`);
    if (result.status === 'untested' && !result.reason.trim()) {
      throw new InspectionInputError(`${result.indicatorId}: an untested indicator needs a reason`);
    }
    if (result.status === 'measured') for (const finding of result.findings) checkFinding(indicator, finding);
    byId.set(result.indicatorId, result);
  }
  return byId;
}

function checkFinding(indicator: Indicator, finding: Finding): void {
  if (finding.indicatorId !== indicator.id) {
    throw new InspectionInputError(`finding for ${finding.indicatorId} filed under ${indicator.id}`);
  }
  const parts = partsOf(indicator);
  if (parts && !parts.some((p) => p.id === finding.part)) {
    throw new InspectionInputError(
      `${indicator.id}: a finding must name its part (${parts.map((p) => p.id).join(' | ')})`,
    );
  }
  if (!parts && finding.part !== undefined) throw new InspectionInputError(`${indicator.id} has no parts`);
  if (finding.subRule !== undefined) subRuleOf(indicator, finding);
}

function subRuleOf(indicator: Indicator, finding: Finding): SubRule {
  const rule = indicator.subRules.find((r) => r.no === finding.subRule && r.part === finding.part);
  if (!rule) {
    const where = finding.part ? ` in part ${finding.part}` : '';
    throw new InspectionInputError(`${indicator.id} has no sub-rule ${finding.subRule}${where}`);
  }
  return rule;
}

// ───────────────────────────── hundredths ─────────────────────────────

/** Points → integer hundredths; rejects negatives and finer precision than the seed uses. */
function toHundredths(points: number, indicatorId?: string): number {
  const hundredths = Math.round(points * 100);
  if (!Number.isFinite(points) || points < 0 || Math.abs(hundredths - points * 100) > 1e-6) {
    const where = indicatorId ? `${indicatorId}: ` : '';
    throw new InspectionInputError(`${where}points must be a non-negative multiple of 0.01, got ${points}`);
  }
  return hundredths;
}

const fromHundredths = (hundredths: number): number => hundredths / 100;

/** num / den rounded half up, for non-negative integers. */
const roundDiv = (num: number, den: number): number => Math.floor((2 * num + den) / (2 * den));

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
