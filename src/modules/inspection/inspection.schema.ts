// Request and response schemas of the inspection API; the types are their Static<> (the admin console imports
// them). Runs, schedules and findings keep their stored field names (site_id, target_url …) on the wire.
import { type Static, type TSchema, Type } from '@fastify/type-provider-typebox';
import type { InspectionScore } from './scoring.ts';

const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options);

// ---------- enumerations ----------

export const RunStatus = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ],
  { description: 'queued 排队中，running 检查中，done 已完成，failed 失败，cancelled 已中止' },
);
export type RunStatus = Static<typeof RunStatus>;

export const Verdict = Type.Union([Type.Literal('合格'), Type.Literal('不合格')]);
export type Verdict = Static<typeof Verdict>;

export const IndicatorKind = Type.Union([Type.Literal('veto'), Type.Literal('deduction'), Type.Literal('bonus')], {
  description: 'veto 单项否决，deduction 扣分，bonus 加分',
});
export type IndicatorKind = Static<typeof IndicatorKind>;

export const Measurement = Type.Union([Type.Literal('external'), Type.Literal('internal'), Type.Literal('manual')]);
export type Measurement = Static<typeof Measurement>;

export const Source = Type.Union(
  [Type.Literal('external'), Type.Literal('internal'), Type.Literal('manual'), Type.Literal('monitoring')],
  { description: 'external 外部抓取，internal 平台数据，manual 人工，monitoring 可用性监测' },
);
export type Source = Static<typeof Source>;

/** An indicator's outcome in a report (未评分: not scored after a veto settled the verdict). */
export const ReportIndicatorStatus = Type.Union([
  Type.Literal('通过'),
  Type.Literal('扣分'),
  Type.Literal('否决'),
  Type.Literal('加分'),
  Type.Literal('未得分'),
  Type.Literal('未检测'),
  Type.Literal('不检查'),
  Type.Literal('未评分'),
]);
export type ReportIndicatorStatus = Static<typeof ReportIndicatorStatus>;

export const Stage = Type.Union([
  Type.Literal('crawl'),
  Type.Literal('links'),
  Type.Literal('checks'),
  Type.Literal('evidence'),
  Type.Literal('done'),
]);
export type Stage = Static<typeof Stage>;

// ---------- requests ----------

export const RunFields = {
  url: Type.String({ pattern: '^https?://', maxLength: 500, description: '被检查网站的首页地址' }),
  siteId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }), { description: '本平台站点（加测内部指标）' })),
  maxPages: Type.Optional(Type.Integer({ minimum: 5, maximum: 500 })),
  noServices: Type.Optional(Type.Boolean({ description: '没有对外服务职能（办事服务不检查，×4/3）' })),
  ignoreRobots: Type.Optional(Type.Boolean({ description: '忽略 robots.txt（仅限本单位网站）' })),
  screenshots: Type.Optional(Type.Boolean()),
  seed: Type.Optional(Type.Integer({ minimum: 0 })),
};
export const RunBody = Type.Object(RunFields, { additionalProperties: false });
export type RunBody = Static<typeof RunBody>;

export const ScheduleBody = Type.Object(
  { ...RunFields, everyHours: Type.Integer({ minimum: 1, maximum: 24 * 90 }) },
  { additionalProperties: false },
);
export type ScheduleBody = Static<typeof ScheduleBody>;

export const RunsQuery = Type.Object({ url: Type.Optional(Type.String({ maxLength: 500 })) });
const SiteFilter = Type.Optional(Type.Integer({ minimum: 1, description: '本平台站点' }));
export const TargetQuery = Type.Object({ url: Type.String({ maxLength: 500 }), siteId: SiteFilter });
export type TargetQuery = Static<typeof TargetQuery>;
export const CompareQuery = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) });
export const EvidenceParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  evidenceId: Type.Integer({ minimum: 1 }),
});
export const ReportFormat = Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]);
export type ReportFormat = Static<typeof ReportFormat>;

export const ManualFindingBody = Type.Object(
  {
    url: Type.String({ pattern: '^https?://', maxLength: 500 }),
    indicatorId: Type.String({ maxLength: 64 }),
    subRule: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    part: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    points: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 30 }))),
    message: Type.String({ minLength: 2, maxLength: 1000 }),
    evidenceUrl: Type.Optional(Nullable(Type.String({ pattern: '^https?://', maxLength: 1000 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    siteId: Type.Optional(
      Nullable(Type.Integer({ minimum: 1 }), {
        description: '本平台站点：只计入该站点的检查；不填则计入该网址的每次检查（仅限检查员）',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ManualFindingBody = Static<typeof ManualFindingBody>;

// ---------- the indicator catalogue ----------

export const IndicatorPartView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  points: Type.Number(),
  intro: Type.Optional(Type.String()),
});

export const IndicatorView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: IndicatorKind,
  group: Nullable(Type.String({ description: '一级指标（单项否决为 null）' })),
  points: Nullable(Type.Number({ description: '分值（单项否决为 null）' })),
  subRules: Type.Array(Type.Object({ no: Type.Integer(), text: Type.String() })),
  parts: Type.Optional(Type.Array(IndicatorPartView)),
  measurement: Type.Array(Measurement),
});
export type IndicatorView = Static<typeof IndicatorView>;
export const IndicatorList = Type.Object({ items: Type.Array(IndicatorView) });
export type IndicatorList = Static<typeof IndicatorList>;

// ---------- runs ----------

export const RunProgress = Type.Object({
  stage: Stage,
  done: Type.Number(),
  total: Type.Number(),
  message: Type.String(),
});
export type RunProgress = Static<typeof RunProgress>;

export const RunOptionsView = Type.Object({
  url: Type.String(),
  siteId: Type.Optional(Nullable(Type.Integer())),
  maxPages: Type.Optional(Type.Integer()),
  noServices: Type.Optional(Type.Boolean()),
  ignoreRobots: Type.Optional(Type.Boolean()),
  screenshots: Type.Optional(Type.Boolean()),
  seed: Type.Optional(Type.Integer()),
  publicHost: Type.Optional(Type.String()),
});
export type RunOptionsView = Static<typeof RunOptionsView>;

const RunColumns = {
  id: Type.Integer(),
  site_id: Nullable(Type.Integer()),
  target_url: Type.String(),
  status: RunStatus,
  progress: RunProgress,
  verdict: Nullable(Verdict),
  deduction_score: Nullable(Type.Number()),
  bonus_score: Nullable(Type.Number()),
  total_score: Nullable(Type.Number()),
  untested_points: Nullable(Type.Number()),
  error: Nullable(Type.String()),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  finished_at: Nullable(Type.String()),
};

export const RunRow = Type.Object(RunColumns);
export type RunRow = Static<typeof RunRow>;
export const RunList = Type.Object({ items: Type.Array(RunRow) });
export type RunList = Static<typeof RunList>;

export const RunDetail = Type.Object({
  ...RunColumns,
  options: RunOptionsView,
  created_by: Nullable(Type.Integer()),
});
export type RunDetail = Static<typeof RunDetail>;

export const RunCreated = Type.Object({ id: Type.Integer() });

// ---------- the report ----------

/** What a finding was seen on: URL, expected and observed, time, HTML digest, screenshot path, inspector … */
export const Evidence = Type.Record(Type.String(), Type.Unknown());
export type Evidence = Static<typeof Evidence>;

export const ReportFinding = Type.Object({
  indicatorId: Type.String(),
  subRule: Type.Optional(Type.Integer()),
  part: Type.Optional(Type.String()),
  points: Type.Optional(Type.Number()),
  message: Type.String(),
  evidence: Type.Optional(Evidence),
  source: Source,
});
export type ReportFinding = Static<typeof ReportFinding>;

export const ReportIndicator = Type.Object({
  id: Type.String(),
  name: Type.String(),
  group: Nullable(Type.String()),
  kind: IndicatorKind,
  status: ReportIndicatorStatus,
  points: Nullable(Type.Number()),
  maxPoints: Nullable(Type.Number()),
  sources: Type.Array(Source),
  reason: Type.Optional(Type.String()),
  findings: Type.Array(ReportFinding),
});
export type ReportIndicator = Static<typeof ReportIndicator>;

export const InspectionReportView = Type.Object({
  schema: Type.Literal('govportal-inspection-report/1'),
  target: Type.Object({ url: Type.String(), siteId: Nullable(Type.Integer()), siteName: Nullable(Type.String()) }),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  seed: Type.Number(),
  options: Type.Object({ maxPages: Type.Number(), noServices: Type.Boolean(), ignoreRobots: Type.Boolean() }),
  verdict: Verdict,
  deductionScore: Nullable(Type.Number()),
  bonusScore: Nullable(Type.Number()),
  totalScore: Nullable(Type.Number()),
  untested: Type.Object({
    deductionPoints: Type.Number(),
    bonusPoints: Type.Number(),
    vetoes: Type.Array(Type.String()),
    indicators: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), reason: Type.String() })),
  }),
  indicators: Type.Array(ReportIndicator),
  crawl: Type.Object({
    pages: Type.Number(),
    stoppedBy: Type.String(),
    robots: Type.Unknown(),
    skipped: Type.Number(),
    /** Full speed (own site) or polite (external), with the most requests that were in flight to one host. */
    mode: Type.Optional(
      Type.Object({
        ownSite: Type.Boolean(),
        perHost: Type.Integer(),
        peakInFlight: Type.Integer(),
        crawlDelayMs: Nullable(Type.Number()),
      }),
    ),
    /** How the footers were located: templates, pages rendered in Chromium, and why none when none was. */
    rendering: Type.Optional(
      Type.Object({
        templates: Type.Integer(),
        rendered: Type.Integer(),
        pagesLocated: Type.Integer(),
        note: Nullable(Type.String()),
      }),
    ),
  }),
  /** The scoring's full account (stages, veto reasons, per-indicator outcomes): see scoring.ts. */
  score: Type.Unsafe<InspectionScore>(Type.Object({}, { additionalProperties: true })),
  evidenceNote: Type.Optional(Type.String({ description: '未能截取页面截图时的说明' })),
});
export type InspectionReportView = Static<typeof InspectionReportView>;

export const TrendPoint = Type.Object({
  id: Type.Integer(),
  finishedAt: Nullable(Type.String()),
  verdict: Nullable(Verdict),
  deductionScore: Nullable(Type.Number()),
  bonusScore: Nullable(Type.Number()),
  totalScore: Nullable(Type.Number()),
  untestedPoints: Nullable(Type.Number()),
});
export type TrendPoint = Static<typeof TrendPoint>;
export const TrendList = Type.Object({ items: Type.Array(TrendPoint) });

export const CompareFinding = Type.Object({
  ...ReportFinding.properties,
  indicator: Type.String({ description: '指标名称' }),
});
export type CompareFinding = Static<typeof CompareFinding>;

export const CompareRun = Type.Object({
  id: Type.Integer(),
  totalScore: Nullable(Type.Number()),
  deductionScore: Nullable(Type.Number()),
  verdict: Verdict,
});
export type CompareRunView = Static<typeof CompareRun>;
export const CompareView = Type.Object({
  from: CompareRun,
  to: CompareRun,
  new: Type.Array(CompareFinding, { description: '新发现' }),
  fixed: Type.Array(CompareFinding, { description: '已整改' }),
  remaining: Type.Array(CompareFinding, { description: '仍存在' }),
});
export type CompareView = Static<typeof CompareView>;

// ---------- manual findings and schedules ----------

export const ManualFindingRow = Type.Object({
  id: Type.Integer(),
  target_url: Type.String(),
  site_id: Nullable(Type.Integer({ description: '计入哪个站点的检查；null：该网址的每次检查' })),
  indicator_id: Type.String(),
  sub_rule: Nullable(Type.Integer()),
  part: Nullable(Type.String()),
  points: Nullable(Type.Number()),
  message: Type.String(),
  evidence: Evidence,
  created_by: Nullable(Type.Integer()),
  created_at: Type.String(),
  revoked_at: Nullable(Type.String()),
});
export type ManualFindingRow = Static<typeof ManualFindingRow>;
export const ManualFindingList = Type.Object({ items: Type.Array(ManualFindingRow) });

export const ScheduleRow = Type.Object({
  id: Type.Integer(),
  target_url: Type.String(),
  site_id: Nullable(Type.Integer()),
  every_hours: Type.Integer(),
  options: Type.String({ description: '检查选项（JSON 文本）' }),
  next_run_at: Type.String(),
  active: Type.Integer(),
  created_by: Nullable(Type.Integer()),
  created_at: Type.String(),
});
export type ScheduleRow = Static<typeof ScheduleRow>;
export const ScheduleList = Type.Object({ items: Type.Array(ScheduleRow) });
