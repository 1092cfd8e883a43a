// What the three report documents (HTML, PDF, XLSX) share: labels, number and time formats, the sections and
// groups of 附件2 in the seed's order, per-group totals, the rule texts of the catalogue and the evidence fields.
// Only types come from engine.ts, so rendering a stored report never loads the crawler.
import { shanghaiDateTime } from '../../../platform/time.ts';
import type { InspectionReport, ReportFinding, ReportIndicator, Source } from '../engine.ts';
import { GOV_WEBSITE_CATALOGUE, findIndicator } from '../indicators.ts';
import type { Indicator } from '../indicators.schema.ts';
import type { IndicatorOutcome } from '../scoring.ts';

export const REPORT_TITLE = '政府网站检查报告';
export const BASIS = '依据国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》';
const CATALOGUE = GOV_WEBSITE_CATALOGUE;
export const DEDUCTION_TOTAL = CATALOGUE.deductionTotal;
export const BONUS_TOTAL = CATALOGUE.bonusTotal;

// ───────────────────────────── labels ─────────────────────────────

export type Kind = ReportIndicator['kind'];

export const KIND_LABEL: Record<Kind, string> = { veto: '单项否决', deduction: '扣分指标', bonus: '加分指标' };

export const SOURCE_LABEL: Record<Source, string> = {
  external: '外部检测',
  internal: '平台数据',
  manual: '人工检查',
  monitoring: '可用性监测',
};

export const sourcesText = (sources: readonly Source[]): string =>
  sources.length ? sources.map((s) => SOURCE_LABEL[s] ?? s).join('、') : '—';

export type Tone = 'ok' | 'bad' | 'warn' | 'good' | 'muted' | 'caution';

/** A symbol next to every status, so colour is never the only cue. */
export const STATUS_INFO: Record<string, { symbol: string; tone: Tone }> = {
  通过: { symbol: '✓', tone: 'ok' },
  扣分: { symbol: '−', tone: 'warn' },
  否决: { symbol: '✗', tone: 'bad' },
  加分: { symbol: '+', tone: 'good' },
  未得分: { symbol: '○', tone: 'muted' },
  未检测: { symbol: '?', tone: 'caution' },
  不检查: { symbol: '–', tone: 'muted' },
  未评分: { symbol: '–', tone: 'muted' },
};
export const statusInfo = (status: string) => STATUS_INFO[status] ?? { symbol: '·', tone: 'muted' as Tone };

export const STOPPED_BY_LABEL: Record<string, string> = {
  done: '已抓取全部可达页面',
  'page-limit': '达到页面数上限',
  'time-limit': '达到时间上限',
  aborted: '检查被取消',
};

// ───────────────────────────── numbers and times ─────────────────────────────

/** 3 → "3", 0.5 → "0.5", 94.333 → "94.33". */
export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 100) / 100);
}

/** ISO time → `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai; anything unparsable is returned as it is. */
export function shanghai(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  return Number.isNaN(Date.parse(value)) ? value : shanghaiDateTime(value);
}

/** The run's time span, e.g. `2026-11-27 09:58:00 至 10:09:41（北京时间）`. */
export function runTime(report: InspectionReport): string {
  const start = shanghai(report.startedAt);
  const end = shanghai(report.finishedAt);
  if (!end || start === end) return `${start}（北京时间）`;
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return `${start} 至 ${sameDay ? end.slice(11) : end}（北京时间）`;
}

export const siteLabel = (report: InspectionReport): string =>
  report.target.siteName?.trim() || hostOf(report.target.url) || report.target.url;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export const isHttpUrl = (value: unknown): boolean => typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value);

/** What a point figure means for this kind of indicator: 扣 0.5 分 / 加 2 分. */
export function pointsText(kind: Kind, points: number | null): string {
  if (points === null || kind === 'veto') return '';
  return kind === 'bonus' ? `加 ${fmt(points)} 分` : `扣 ${fmt(points)} 分`;
}

// ───────────────────────────── summary ─────────────────────────────

export const isVetoed = (report: InspectionReport) => report.totalScore === null || report.score?.decidedAt === 'veto';

export interface VetoLine {
  name: string;
  message: string;
  rule?: string;
}

export function vetoLines(report: InspectionReport): VetoLine[] {
  const reasons = report.score?.vetoReasons;
  if (reasons?.length)
    return reasons.map((r) => ({ name: r.name, message: r.message, ...(r.rule ? { rule: r.rule } : {}) }));
  return report.indicators
    .filter((i) => i.status === '否决')
    .flatMap((i) =>
      i.findings.length
        ? i.findings.map((f) => ({ name: i.name, message: f.message }))
        : [{ name: i.name, message: i.reason ?? '' }],
    );
}

/** What the score figures mean, one line each (empty figures explained rather than left blank). */
export function scoreLines(report: InspectionReport): { label: string; value: string; of: string; note?: string }[] {
  if (isVetoed(report)) {
    const note = '存在单项否决情形，不再评分';
    return [
      { label: '扣分指标得分', value: '—', of: '', note },
      { label: '加分指标得分', value: '—', of: '', note },
      { label: '总分', value: '—', of: '', note },
    ];
  }
  const base = report.score?.deductionBase;
  const scaled =
    base && base.inspectedPoints !== base.fullPoints
      ? `以${fmt(base.inspectedPoints)}分为满分，结果乘以${fmt(base.fullPoints)}/${fmt(base.inspectedPoints)}`
      : undefined;
  const lost = report.score?.deductedPoints;
  return [
    {
      label: '扣分指标得分',
      value: fmt(report.deductionScore),
      of: `/ ${DEDUCTION_TOTAL}`,
      note:
        [lost !== null && lost !== undefined ? `共扣 ${fmt(lost)} 分` : '', scaled ?? ''].filter(Boolean).join('；') ||
        undefined,
    },
    report.bonusScore === null
      ? { label: '加分指标得分', value: '—', of: '', note: '扣分指标得分未高于80分，不进入加分环节' }
      : { label: '加分指标得分', value: fmt(report.bonusScore), of: `/ ${BONUS_TOTAL}` },
    {
      label: '总分',
      value: fmt(report.totalScore),
      of: '',
      note: report.bonusScore === null ? '即扣分指标得分' : '扣分指标得分与加分之和',
    },
  ];
}

/** "有 N 分的指标未检测，得分可能偏高", or null when everything scored was measured. */
export function untestedWarning(report: InspectionReport): string | null {
  if (isVetoed(report)) {
    return report.untested.indicators.length ? `有 ${report.untested.indicators.length} 项单项否决指标未检测` : null;
  }
  const points = report.untested.deductionPoints;
  if (points > 0) return `有 ${fmt(points)} 分的指标未检测，得分可能偏高`;
  return report.untested.indicators.length ? `有 ${report.untested.indicators.length} 项指标未检测` : null;
}

/** Secondary remarks under the warning. */
export function untestedNotes(report: InspectionReport): string[] {
  const notes: string[] = [];
  if (!isVetoed(report) && report.untested.deductionPoints > 0) {
    notes.push(
      `未检测不等于通过：这 ${fmt(report.untested.deductionPoints)} 分的扣分指标按未扣分计入，实际扣分可能更多。请补充平台数据或人工检查后重新评分。`,
    );
  }
  if (!isVetoed(report) && report.untested.bonusPoints > 0)
    notes.push(`另有 ${fmt(report.untested.bonusPoints)} 分的加分指标未检测。`);
  if (report.untested.vetoes.length) {
    notes.push(
      `单项否决指标“${report.untested.vetoes.join('”“')}”未检测，尚不能排除单项否决情形${report.verdict === '合格' ? '，“合格”结论有待人工核实' : ''}。`,
    );
  }
  return notes;
}

export interface UntestedRow {
  id: string;
  name: string;
  kind: Kind;
  maxPoints: number | null;
  reason: string;
}

export function untestedRows(report: InspectionReport): UntestedRow[] {
  const byId = new Map(report.indicators.map((i) => [i.id, i]));
  return report.untested.indicators.map((u) => {
    const i = byId.get(u.id);
    return {
      id: u.id,
      name: u.name,
      kind: i?.kind ?? 'deduction',
      maxPoints: i?.maxPoints ?? null,
      reason: u.reason || i?.reason || '',
    };
  });
}

// ───────────────────────────── sections and groups ─────────────────────────────

export interface Group {
  /** null for the vetoes, which have no group. */
  name: string | null;
  /** The group's points in the seed; null for the vetoes. */
  points: number | null;
  indicators: ReportIndicator[];
}

export interface Section {
  kind: Kind;
  title: string;
  groups: Group[];
}

/** 单项否决 / 扣分指标（100分）by group / 加分指标（30分）by group, in the seed's order. */
export function sections(report: InspectionReport): Section[] {
  const of = (kind: Kind) => report.indicators.filter((i) => i.kind === kind);
  const grouped = (kind: Kind, defined: readonly { name: string; points: number }[]): Group[] => {
    const all = of(kind);
    const groups: Group[] = defined.map((g) => ({
      name: g.name,
      points: g.points,
      indicators: all.filter((i) => i.group === g.name),
    }));
    const known = new Set(defined.map((g) => g.name));
    const others = all.filter((i) => !known.has(i.group ?? ''));
    if (others.length) groups.push({ name: '其他', points: null, indicators: others });
    return groups.filter((g) => g.indicators.length > 0);
  };
  return [
    { kind: 'veto', title: '单项否决指标', groups: [{ name: null, points: null, indicators: of('veto') }] },
    {
      kind: 'deduction',
      title: `扣分指标（${DEDUCTION_TOTAL}分）`,
      groups: grouped('deduction', CATALOGUE.deductionGroups),
    },
    { kind: 'bonus', title: `加分指标（${BONUS_TOTAL}分）`, groups: grouped('bonus', CATALOGUE.bonusGroups) },
  ];
}

export interface GroupTotal {
  kind: 'deduction' | 'bonus';
  name: string;
  /** The group's points in the seed. */
  points: number;
  /** Points lost (deduction) or gained (bonus), after each indicator's cap; null when not scored. */
  scored: number | null;
  /** Points of indicators not measured. */
  untested: number;
  /** Points of indicators not inspected for this site (不检查). */
  notInspected: number;
  /** The group was not scored (a veto, or no bonus stage). */
  unscored: boolean;
}

export function groupTotals(report: InspectionReport, kind: 'deduction' | 'bonus'): GroupTotal[] {
  const defined = kind === 'deduction' ? CATALOGUE.deductionGroups : CATALOGUE.bonusGroups;
  return defined.map((g) => {
    const members = report.indicators.filter((i) => i.kind === kind && i.group === g.name);
    const sumOf = (status: string) =>
      members.filter((i) => i.status === status).reduce((s, i) => s + (i.maxPoints ?? 0), 0);
    // after a veto nothing is scored; the members not measured keep their 未检测 (and their points are counted)
    const vetoed = report.deductionScore === null && report.verdict === '不合格';
    const unscored = members.length > 0 && (vetoed || members.every((i) => i.status === '未评分'));
    const notScored = kind === 'bonus' && report.bonusScore === null;
    return {
      kind,
      name: g.name,
      points: g.points,
      scored: unscored || notScored ? null : round2(members.reduce((s, i) => s + (i.points ?? 0), 0)),
      untested: round2(sumOf('未检测')),
      notInspected: round2(sumOf('不检查')),
      unscored: unscored || notScored,
    };
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ───────────────────────────── rules of the catalogue ─────────────────────────────

export interface RuleText {
  intro?: string;
  parts: { title: string | null; intro?: string; rules: { no: number; text: string }[] }[];
  notes: string[];
}

const catalogueIndicator = (id: string): Indicator | undefined => findIndicator(CATALOGUE, id);

/** The seed's rule text of an indicator, by part, as printed in 附件2. */
export function ruleText(id: string): RuleText | null {
  const indicator = catalogueIndicator(id);
  if (!indicator) return null;
  const parts =
    indicator.kind === 'deduction' && indicator.parts
      ? indicator.parts.map((p) => ({
          title: `${p.name}（${fmt(p.points)}分）`,
          ...(p.intro ? { intro: p.intro } : {}),
          rules: indicator.subRules.filter((r) => r.part === p.id).map((r) => ({ no: r.no, text: r.text })),
        }))
      : [{ title: null, rules: indicator.subRules.map((r) => ({ no: r.no, text: r.text })) }];
  // As printed: "上述情况出现任意一种，即单项否决。" under vetoes whose rules do not each say so, then the note.
  const anyVetoes =
    indicator.kind === 'veto' &&
    indicator.subRules.length > 1 &&
    !indicator.subRules.every((r) => r.text.includes('即单项否决'));
  const notes = [
    anyVetoes ? '上述情况出现任意一种，即单项否决。' : '',
    indicator.note ? `（注：${indicator.note}）` : '',
  ].filter(Boolean);
  return { ...(indicator.intro ? { intro: indicator.intro } : {}), parts, notes };
}

/** Plain text of the rules, one line each: for the XLSX and the PDF. */
export function ruleLines(id: string): string[] {
  const rule = ruleText(id);
  if (!rule) return [];
  return [
    ...(rule.intro ? [rule.intro] : []),
    ...rule.parts.flatMap((p) => [
      ...(p.title ? [p.title + (p.intro ? `：${p.intro}` : '')] : []),
      ...p.rules.map((r) => `${r.no}. ${r.text}`),
    ]),
    ...rule.notes,
  ];
}

/** "找错入口 第2条" — where a finding sits in the rules. */
export function subRuleLabel(indicatorId: string, finding: Pick<ReportFinding, 'subRule' | 'part'>): string {
  const indicator = catalogueIndicator(indicatorId);
  const part =
    finding.part && indicator?.kind === 'deduction'
      ? (indicator.parts?.find((p) => p.id === finding.part)?.name ?? finding.part)
      : finding.part;
  return [part, finding.subRule !== undefined ? `第${finding.subRule}条` : ''].filter(Boolean).join(' ');
}

export function subRuleText(indicatorId: string, finding: Pick<ReportFinding, 'subRule' | 'part'>): string | undefined {
  if (finding.subRule === undefined) return undefined;
  return catalogueIndicator(indicatorId)?.subRules.find((r) => r.no === finding.subRule && r.part === finding.part)
    ?.text;
}

/** A finding's own points: given, or the fixed points of its sub-rule; null for vetoes and graded rules. */
export function findingPoints(indicator: Pick<ReportIndicator, 'id' | 'kind'>, finding: ReportFinding): number | null {
  if (indicator.kind === 'veto') return null;
  if (typeof finding.points === 'number') return finding.points;
  const rule =
    finding.subRule === undefined
      ? undefined
      : catalogueIndicator(indicator.id)?.subRules.find((r) => r.no === finding.subRule && r.part === finding.part);
  return rule?.scoring && rule.scoring.kind !== 'tiered' ? rule.scoring.points : null;
}

/** The scoring outcome behind an indicator (caps, parts), when the report carries it. */
export function outcomeOf(report: InspectionReport, id: string): IndicatorOutcome | undefined {
  const s = report.score;
  if (!s) return undefined;
  return [...(s.vetoes ?? []), ...(s.deductions ?? []), ...(s.bonuses ?? [])].find((o) => o.indicatorId === id);
}

/** "扣 1 分 / 满分 3 分（已达上限）". */
export function indicatorPointsText(report: InspectionReport, indicator: ReportIndicator): string {
  if (indicator.kind === 'veto') return '';
  const max = indicator.maxPoints === null ? '' : `满分 ${fmt(indicator.maxPoints)} 分`;
  const got = pointsText(indicator.kind, indicator.points);
  const capped = outcomeOf(report, indicator.id)?.capped ? '（已达上限）' : '';
  return [got ? got + capped : '', max].filter(Boolean).join(' / ');
}

// ───────────────────────────── evidence ─────────────────────────────

export interface EvidenceExtra {
  label: string;
  value: string;
  link: boolean;
}

export interface EvidenceView {
  url?: string;
  expected?: string;
  observed?: string;
  at?: string;
  sha256?: string;
  screenshot?: string;
  extras: EvidenceExtra[];
}

const EXTRA_LABELS: Record<string, string> = {
  link: '失效链接',
  text: '链接文字',
  article: '被搜索的信息',
  missing: '缺少',
  footerText: '底部文字摘录',
  from: '监测开始',
  probes: '访问次数',
  failures: '打不开次数',
  note: '备注',
  inspector: '检查人',
};
/** Bookkeeping keys, not evidence. */
const HIDDEN = new Set([
  'url',
  'expected',
  'observed',
  'at',
  'sha256',
  'screenshot',
  'source',
  'manualFindingId',
  'screenshotKey',
  'missing',
]);
const MAX_EXTRA_CHARS = 600;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : undefined;

export function evidenceOf(finding: ReportFinding): EvidenceView {
  const e = (finding.evidence ?? {}) as Record<string, unknown>;
  const extras: EvidenceExtra[] = [];
  for (const [key, raw] of Object.entries(e)) {
    if (HIDDEN.has(key)) continue;
    let value: string | undefined;
    if (Array.isArray(raw))
      value = raw.filter((x) => typeof x === 'string' || typeof x === 'number').join('、') || undefined;
    else if (typeof raw === 'boolean') value = raw ? '是' : '否';
    else value = str(raw);
    if (!value) continue;
    if (key === 'from') value = shanghai(value);
    if (value.length > MAX_EXTRA_CHARS) value = `${value.slice(0, MAX_EXTRA_CHARS)}…`;
    extras.push({ label: EXTRA_LABELS[key] ?? key, value, link: isHttpUrl(value) });
  }
  return {
    url: str(e.url),
    expected: str(e.expected),
    observed: str(e.observed),
    at: str(e.at) ? shanghai(e.at) : undefined,
    sha256: str(e.sha256),
    screenshot: str(e.screenshot),
    extras,
  };
}

// ───────────────────────────── comparison with an earlier run ─────────────────────────────

/** A finding as InspectionService.compare returns it: the finding plus its indicator's id and name. */
export type CompareFinding = Omit<ReportFinding, 'source' | 'indicatorId'> & {
  indicatorId: string;
  indicator?: string;
  source?: Source;
};

export interface CompareWith {
  new: readonly CompareFinding[];
  fixed: readonly CompareFinding[];
  remaining: readonly CompareFinding[];
}

/** The same key as InspectionService's findingKey: indicator, part, sub-rule, evidence URL and message. */
export const findingKey = (
  indicatorId: string,
  f: { subRule?: number; part?: string; message: string; evidence?: Readonly<Record<string, unknown>> },
) =>
  [indicatorId, f.part ?? '', f.subRule ?? '', (f.evidence as { url?: string } | undefined)?.url ?? '', f.message].join(
    '|',
  );
