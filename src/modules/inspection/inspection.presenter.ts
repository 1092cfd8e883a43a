// Stored inspection rows → API views: the indicator catalogue, runs (progress and options parsed from their
// JSON columns, the report left out), trend points, manual findings (evidence parsed) and schedules.
import type { Selectable } from 'kysely';
import type { InspectionManualFindingsTable, InspectionRun } from '../../platform/db/schema.ts';
import type { Indicator } from './indicators.schema.ts';
import type {
  Evidence,
  IndicatorView,
  ManualFindingRow,
  RunDetail,
  RunOptionsView,
  RunProgress,
  RunRow,
  RunStatus,
  TrendPoint,
  Verdict,
} from './inspection.schema.ts';

export function indicatorView(i: Indicator): IndicatorView {
  return {
    id: i.id,
    name: i.name,
    kind: i.kind,
    group: 'group' in i ? i.group : null,
    points: 'points' in i ? i.points : null,
    subRules: i.subRules.map((r) => ({ no: r.no, text: r.text })),
    parts: 'parts' in i && i.parts ? i.parts.map((p) => ({ ...p })) : undefined,
    measurement: [...i.measurement],
  };
}

/** The columns a run list reads (everything but the options, the report and who started it). */
export type RunListRow = Omit<InspectionRun, 'options' | 'report' | 'created_by'>;

export function runRow(r: RunListRow): RunRow {
  return {
    id: r.id,
    site_id: r.site_id,
    target_url: r.target_url,
    status: r.status as RunStatus,
    progress: JSON.parse(r.progress) as RunProgress,
    verdict: r.verdict as Verdict | null,
    deduction_score: r.deduction_score,
    bonus_score: r.bonus_score,
    total_score: r.total_score,
    untested_points: r.untested_points,
    error: r.error,
    created_at: r.created_at,
    started_at: r.started_at,
    finished_at: r.finished_at,
  };
}

export function runDetail(r: InspectionRun): RunDetail {
  return { ...runRow(r), options: JSON.parse(r.options) as RunOptionsView, created_by: r.created_by };
}

export function trendPoint(r: RunListRow): TrendPoint {
  return {
    id: r.id,
    finishedAt: r.finished_at,
    verdict: r.verdict as Verdict | null,
    deductionScore: r.deduction_score,
    bonusScore: r.bonus_score,
    totalScore: r.total_score,
    untestedPoints: r.untested_points,
  };
}

export function manualFindingRow(r: Selectable<InspectionManualFindingsTable>): ManualFindingRow {
  return { ...r, evidence: JSON.parse(r.evidence) as Evidence };
}
