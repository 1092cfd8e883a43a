// Shapes of the inspection API (src/modules/inspection: inspection.routes.ts, engine.ts). Times are ISO-8601 UTC.

export type IndicatorKind = 'veto' | 'deduction' | 'bonus';
export type Source = 'external' | 'internal' | 'manual' | 'monitoring';
/** cancelled: 已中止 by an inspector; it has no report and is not in the trend. */
export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type Stage = 'crawl' | 'links' | 'checks' | 'evidence' | 'done';
export type Verdict = '合格' | '不合格';

export interface IndicatorPart {
  id: string;
  name: string;
  points: number;
}

/** An indicator of 附件2 (GET /api/inspection/indicators). */
export interface CatalogueIndicator {
  id: string;
  name: string;
  kind: IndicatorKind;
  /** 一级指标; null for vetoes. */
  group: string | null;
  /** Maximum points; null for vetoes. */
  points: number | null;
  subRules: { no: number; text: string }[];
  parts?: IndicatorPart[];
  measurement: ('external' | 'internal' | 'manual')[];
}

export interface RunProgress {
  stage: Stage;
  done: number;
  total: number;
  message: string;
}

export interface RunRow {
  id: number;
  site_id: number | null;
  target_url: string;
  status: RunStatus;
  progress: RunProgress;
  verdict: Verdict | null;
  deduction_score: number | null;
  bonus_score: number | null;
  total_score: number | null;
  untested_points: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface RunOptionsInput {
  url: string;
  siteId?: number | null;
  maxPages?: number;
  noServices?: boolean;
  ignoreRobots?: boolean;
  screenshots?: boolean;
  seed?: number;
}

export interface RunDetail extends RunRow {
  options: RunOptionsInput;
}

export interface Evidence {
  url?: string;
  expected?: string;
  observed?: string;
  at?: string;
  sha256?: string;
  /** An API path to a PNG (GET /api/inspection/runs/:id/evidence/:evidenceId). */
  screenshot?: string;
  note?: string;
  inspector?: string;
  manualFindingId?: number;
  [key: string]: unknown;
}

export interface ReportFinding {
  indicatorId: string;
  subRule?: number;
  part?: string;
  points?: number;
  message: string;
  source: Source;
  evidence?: Evidence;
}

export interface ReportIndicator {
  id: string;
  name: string;
  group: string | null;
  kind: IndicatorKind;
  /** 通过 / 扣分 / 否决 / 加分 / 未得分 / 未检测 / 不检查 / 未评分 */
  status: string;
  points: number | null;
  maxPoints: number | null;
  sources: Source[];
  reason?: string;
  findings: ReportFinding[];
}

export interface InspectionReport {
  schema: string;
  target: { url: string; siteId: number | null; siteName: string | null };
  startedAt: string;
  finishedAt: string;
  seed: number;
  options: { maxPages: number; noServices: boolean; ignoreRobots: boolean };
  verdict: Verdict;
  deductionScore: number | null;
  bonusScore: number | null;
  totalScore: number | null;
  untested: {
    deductionPoints: number;
    bonusPoints: number;
    vetoes: string[];
    indicators: { id: string; name: string; reason: string }[];
  };
  indicators: ReportIndicator[];
  crawl: { pages: number; stoppedBy: string; skipped: number };
  /** Set when the server could not take screenshots. */
  evidenceNote?: string;
}

export interface TrendPoint {
  id: number;
  finishedAt: string | null;
  verdict: Verdict | null;
  deductionScore: number | null;
  bonusScore: number | null;
  totalScore: number | null;
  untestedPoints: number | null;
}

export interface CompareFinding extends ReportFinding {
  /** The indicator's name. */
  indicator: string;
}

export interface CompareRunSummary {
  id: number;
  totalScore: number | null;
  deductionScore: number | null;
  verdict: Verdict;
}

export interface CompareResult {
  from: CompareRunSummary;
  to: CompareRunSummary;
  new: CompareFinding[];
  fixed: CompareFinding[];
  remaining: CompareFinding[];
}

export interface ManualFindingRow {
  id: number;
  target_url: string;
  /** The platform site it counts for; null: every run of the URL (recorded by an inspector of every site). */
  site_id: number | null;
  indicator_id: string;
  sub_rule: number | null;
  part: string | null;
  points: number | null;
  message: string;
  evidence: Evidence;
  created_by: number | null;
  created_at: string;
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
  /** The platform site whose runs it counts in (required of site administrators). */
  siteId?: number | null;
}

export interface ScheduleRow {
  id: number;
  target_url: string;
  site_id: number | null;
  every_hours: number;
  /** The run options as stored: a JSON string (the list route does not parse it). */
  options: string | RunOptionsInput;
  next_run_at: string;
  active: number | boolean;
  created_at: string;
}
