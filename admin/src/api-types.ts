// Shapes of the JSON API the console reads that the server does not yet export as a schema type. Each entry
// names the route and the server file that defines the shape today; when that module's *.schema.ts exports the
// response type (`export type X = Static<typeof X>`), replace the entry by an import from there, so a change of
// the response breaks the console's typecheck. Types the server already exports are imported where they are
// used (sites, departments, users, columns, content input, pre-publish findings, roles and capabilities).
// Times are ISO-8601 UTC strings, shown in Asia/Shanghai (time.ts).
import type { Static } from '@fastify/type-provider-typebox';
import type { ColumnKind } from '../../src/modules/columns/column-types.ts';
import type { ContentType } from '../../src/modules/content/content-types.ts';
import type { ContentUpdate } from '../../src/modules/content/content.schema.ts';
import type { CheckResult } from '../../src/modules/prepublish/prepublish.schema.ts';
import type { IndicatorKind } from '../../src/modules/inspection/indicators.schema.ts';
import type {
  CardInput as CardInputSchema,
  CardView,
  ReportView,
  SynonymsView,
} from '../../src/modules/search/search.schema.ts';
import type { AnnualView, StatsReportView } from '../../src/modules/stats/stats.schema.ts';
import type { MeView, UserView } from '../../src/modules/users/users.schema.ts';

/** Every list route answers `{ items }`. */
export type Items<T> = { items: T[] };

// ── From schema values the server does not export as types yet ───────────────────────────────────────────

/** GET /api/auth/me — users.schema.ts MeView. */
export type Me = Static<typeof MeView>;
/** A role of a user as listed — users.schema.ts UserView.roles. */
export type RoleGrantView = UserView['roles'][number];
/** GET /api/sites/:siteId/stats — stats.schema.ts StatsReportView. */
export type StatsReport = Static<typeof StatsReportView>;
export type StatsPoint = StatsReport['series'][number];
export type Granularity = StatsReport['granularity'];
/** GET /api/sites/:siteId/stats/annual — stats.schema.ts AnnualView. */
export type AnnualReport = Static<typeof AnnualView>;
/** GET /api/sites/:siteId/search/report — search.schema.ts ReportView. */
export type SearchReport = Static<typeof ReportView>;
/** GET /api/sites/:siteId/search/cards — search.schema.ts CardView. */
export type ServiceCard = Static<typeof CardView>;
/** POST/PUT /api/sites/:siteId/search/cards[/:cardId] body — search.schema.ts CardInput. */
export type CardInput = Static<typeof CardInputSchema>;
/** GET/PUT /api/sites/:siteId/search/synonyms — search.schema.ts SynonymsView. */
export type Synonyms = Static<typeof SynonymsView>;

// ── auth, users, columns, security, audit ─────────────────────────────────────────────────────────────────

/** GET /api/auth/me, POST /api/auth/login — auth.routes.ts MeResponse. */
export type MeResponse = { user: Me; csrfToken: string };
/** GET /api/roles — users.routes.ts. */
export type RoleOption = { role: string; name: string };
/** POST /api/users — users.routes.ts (the initial password is shown once). */
export type UserCreated = { user: Static<typeof UserView>; initialPassword: string };
/** GET /api/column-types — columns.routes.ts. */
export type ColumnTypes = {
  items: { value: string; label: string }[];
  kinds?: { value: ColumnKind; label: string }[];
};
/** GET/PUT /api/security/policy — security.routes.ts Policy (platform/auth/policy.ts SecurityPolicy). */
export type SecurityPolicy = {
  passwordMinLength: number;
  passwordClasses: number;
  passwordHistory: number;
  passwordMaxAgeDays: number;
  maxFailedLogins: number;
  lockMinutes: number;
  maxFailuresPerIp: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
};
/** GET /api/security/locked-users — security.routes.ts. */
export type LockedUser = {
  id: number;
  username: string;
  displayName: string;
  lockedUntil: string;
  failedLogins: number;
};
/** GET /api/audit — audit.routes.ts. */
export type AuditItem = {
  id: number;
  at: string;
  actorName: string;
  ip: string;
  action: string;
  actionName: string | null;
  targetType: string;
  targetId: string | null;
  siteId: number | null;
  outcome: 'success' | 'failure';
  detail: Record<string, unknown> | null;
};
/** GET /api/audit/verify — audit.routes.ts. */
export type AuditVerifyResult = { ok: boolean; checked: number; problems: string[] };

// ── content, files ────────────────────────────────────────────────────────────────────────────────────────

/** content.service.ts statuses. */
export type ContentStatus = 'draft' | 'scheduled' | 'published' | 'withdrawn' | 'classified';
export type Option = { value: string; label: string };
/** GET /api/content-options — content.routes.ts. */
export type ContentOptions = {
  types: Option[];
  themes: string[];
  validity: string[];
  interpretationForms: string[];
  disclosureMethods: string[];
  disclosureScopes: string[];
  statuses: Option[];
};
/** GET /api/sites/:siteId/content — content.routes.ts (the latest review is joined in). */
export type ContentListItem = Pick<
  ContentDetail,
  'id' | 'type' | 'typeName' | 'title' | 'status' | 'statusName' | 'columnId' | 'columnName' | 'version'
> &
  Pick<ContentDetail, 'publishedVersion' | 'firstPublishedAt' | 'updatedAt' | 'indexNo' | 'pendingChanges'> & {
    reviewId: number | null;
    reviewState: ReviewState | null;
    reviewStateName: string | null;
  };
/** GET /api/sites/:siteId/writable-columns — content.routes.ts. */
export type WritableColumn = {
  id: number;
  name: string;
  path: string;
  kind: 'list' | 'page' | 'link';
  columnType: string;
  depth: number;
};
/** POST /api/sites/:siteId/files, and the cover and attachments of GET /api/content/:id — files.routes.ts. */
export type FileView = { id: number; name: string; mime: string; size: number; url: string; image?: boolean };
/** GET/PUT /api/content/:id, POST /api/sites/:siteId/content — content.routes.ts view(). */
export interface ContentDetail extends Required<Omit<ContentUpdate, 'fields' | 'note'>> {
  id: number;
  siteId: number;
  type: ContentType;
  typeName: string;
  fields: NonNullable<ContentUpdate['fields']>;
  status: ContentStatus;
  statusName: string;
  columnName: string;
  indexNo: string | null;
  version: number;
  publishedVersion: number | null;
  pendingChanges: boolean;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  publishAt: string | null;
  withdrawAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  createdAt: string;
  updatedAt: string;
  publicUrl: string | null;
  cover: FileView | null;
  attachmentFiles: FileView[];
  related: { id: number; title: string; type: ContentType; status: ContentStatus }[];
  reviews: ReviewRecord[];
}
/** GET /api/content/:id/versions — content.routes.ts. */
export type VersionRow = { version: number; created_at: string; note: string; author: string | null };
/** GET /api/content/:id/diff — content.routes.ts (jsdiff's parts). */
export type DiffPart = { added: boolean; removed: boolean; text: string };

// ── review (附件3) ─────────────────────────────────────────────────────────────────────────────────────────

/** review.service.ts STATE_NAMES keys. */
export type ReviewState = 'secrecy_review' | 'dept_review' | 'leader_review' | 'approved' | 'rejected' | 'closed';
/** review.service.ts SECRET_ANSWERS, RELEASE_FORMS. */
export type SecretAnswer = '是' | '否' | '不明确';
export type ReleaseForm = '网站公开' | '依申请提供' | '其他';
/** The check report stored with a submission — prepublish.schema.ts CheckResult. */
export type CheckReport = CheckResult;
/** One step of a submission — review.service.ts. */
export type ReviewStep = {
  step: 'submit' | 'secrecy' | 'dept' | 'leader';
  stepName: string;
  decision: string;
  opinion: string;
  actorName: string;
  decidedAt: string;
  secret: string | null;
};
/** The submissions of GET /api/content/:id (`reviews`) — review.service.ts. */
export type ReviewRecord = {
  id: number;
  serial: string;
  state: ReviewState;
  stateName: string;
  outcome: string;
  secret: SecretAnswer;
  releaseForm: ReleaseForm;
  submittedAt: string;
  version: number;
  checkReport: CheckReport;
  confirmedFindings: string[];
  steps: ReviewStep[];
};
/** POST /api/content/:id/submit — review.routes.ts. */
export type SubmitResult = { id: number; serial: string; state: ReviewState; stateName: string; outcome: string };
/** POST /api/review/:id/decide — review.routes.ts. */
export type DecideResult = Omit<SubmitResult, 'serial'>;
/** GET /api/review/inbox rows — review.routes.ts. */
export type InboxRow = {
  id: number;
  contentId: number;
  serial: string;
  title: string;
  state: ReviewState;
  stateName: string;
  department: string;
  column: string;
  submitter: string;
  submittedAt: string;
  secret: SecretAnswer;
  releaseForm: ReleaseForm;
  contentType: ContentType;
};
/** GET /api/review/inbox — review.routes.ts. */
export type Inbox = { waiting: InboxRow[]; returned: InboxRow[] };
/** GET /api/review/counts — review.routes.ts. */
export type ReviewCounts = { waiting: number; returned: number };
/** GET /api/review/:id — one submission with its steps and the item's other submissions (review.routes.ts). */
export interface ReviewRequestView extends InboxRow {
  siteId: number;
  contentStatus: ContentStatus;
  version: number;
  outcome: string;
  submittedBy: number;
  closedAt: string | null;
  /** Whether the current step is mine to decide. */
  mayDecide: boolean;
  checkReport: CheckReport;
  confirmedFindings: string[];
  steps: ReviewStep[];
  history: (Pick<ReviewRecord, 'id' | 'serial' | 'state' | 'stateName' | 'outcome' | 'submittedAt' | 'version'> & {
    closedAt: string | null;
  })[];
}
/** An opinion in the register — review/register.ts RegisterOpinion. */
export type RegisterOpinion = { decision: string; opinion: string; name: string; at: string };
/** GET /api/sites/:siteId/register — review/register.ts RegisterRow. */
export type RegisterRow = {
  id: number;
  contentId: number;
  serialText: string;
  department: string;
  title: string;
  secret: string;
  releaseForm: string;
  column: string;
  columnBox: string;
  submitter: string;
  submittedAt: string;
  stateName: string;
  outcome: string;
  secrecy: RegisterOpinion | null;
  dept: RegisterOpinion | null;
  leader: RegisterOpinion | null;
};

// ── duty (附件1), notifications ────────────────────────────────────────────────────────────────────────────

/** duty.service.ts column statuses. */
export type DutyStatus = '正常' | '即将到期' | '已超期' | '空白';
/** One column of GET /api/sites/:siteId/duty — duty.routes.ts. */
export type DutyItem = {
  columnId: number;
  name: string;
  path: string;
  trail: string;
  columnType: string;
  leadDepartmentId: number | null;
  leadDepartmentName: string | null;
  cooperatingDepartmentIds: number[];
  openCooperation: boolean;
  maxUpdateDays: number | null;
  marker: string | null;
  lastPublishedAt: string | null;
  publishedCount: number;
  dueAt: string | null;
  daysLeft: number | null;
  status: DutyStatus;
};
/** GET /api/sites/:siteId/duty — duty.routes.ts. */
export type DutyResponse = {
  items: DutyItem[];
  summary: Record<DutyStatus, number>;
  dueSoonDays: number;
  myDepartmentId: number | null;
};
/** GET /api/notifications items — duty.routes.ts. */
export type NotificationItem = {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
};
/** GET /api/notifications — duty.routes.ts. */
export type Notifications = { items: NotificationItem[]; unread: number };

// ── inspection (附件2) ─────────────────────────────────────────────────────────────────────────────────────

/** engine.ts Source. */
export type Source = 'external' | 'internal' | 'manual' | 'monitoring';
/** inspection.service.ts RunStatus (cancelled: 已中止, no report, not in the trend). */
export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
/** engine.ts RunProgress stages. */
export type Stage = 'crawl' | 'links' | 'checks' | 'evidence' | 'done';
/** scoring.ts Verdict. */
export type Verdict = '合格' | '不合格';
/** GET /api/inspection/indicators — inspection.routes.ts (from indicators.schema.ts). */
export type CatalogueIndicator = {
  id: string;
  name: string;
  kind: IndicatorKind;
  /** 一级指标; null for vetoes. */
  group: string | null;
  /** Maximum points; null for vetoes. */
  points: number | null;
  subRules: { no: number; text: string }[];
  parts?: { id: string; name: string; points: number }[];
  measurement: ('external' | 'internal' | 'manual')[];
};
/** engine.ts RunProgress. */
export type RunProgress = { stage: Stage; done: number; total: number; message: string };
/** GET /api/inspection/runs rows — inspection.repository.ts. */
export type RunRow = {
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
};
/** POST /api/inspection/runs body, and the options of a run or schedule — inspection.routes.ts. */
export type RunOptionsInput = {
  url: string;
  siteId?: number | null;
  maxPages?: number;
  noServices?: boolean;
  ignoreRobots?: boolean;
  screenshots?: boolean;
  seed?: number;
};
/** GET /api/inspection/runs/:id — inspection.routes.ts. */
export interface RunDetail extends RunRow {
  options: RunOptionsInput;
}
/** A finding's evidence — engine.ts / evidence.ts (open-ended: checks add their own keys). */
export type Evidence = {
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
};
/** engine.ts ReportFinding. */
export type ReportFinding = {
  indicatorId: string;
  subRule?: number;
  part?: string;
  points?: number;
  message: string;
  source: Source;
  evidence?: Evidence;
};
/** engine.ts ReportIndicator; status: 通过 / 扣分 / 否决 / 加分 / 未得分 / 未检测 / 不检查 / 未评分. */
export type ReportIndicator = {
  id: string;
  name: string;
  group: string | null;
  kind: IndicatorKind;
  status: string;
  points: number | null;
  maxPoints: number | null;
  sources: Source[];
  reason?: string;
  findings: ReportFinding[];
};
/** GET /api/inspection/runs/:id/report — engine.ts InspectionReport. */
export type InspectionReport = {
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
};
/** GET /api/inspection/trend — inspection.routes.ts. */
export type TrendPoint = {
  id: number;
  finishedAt: string | null;
  verdict: Verdict | null;
  deductionScore: number | null;
  bonusScore: number | null;
  totalScore: number | null;
  untestedPoints: number | null;
};
/** A finding of GET /api/inspection/compare with its indicator's name — report/common.ts CompareFinding. */
export interface CompareFinding extends ReportFinding {
  indicator: string;
}
/** GET /api/inspection/compare — inspection.service.ts. */
export type CompareResult = {
  from: CompareRunSummary;
  to: CompareRunSummary;
  new: CompareFinding[];
  fixed: CompareFinding[];
  remaining: CompareFinding[];
};
export type CompareRunSummary = {
  id: number;
  totalScore: number | null;
  deductionScore: number | null;
  verdict: Verdict;
};
/** GET /api/inspection/findings — inspection.repository.ts. */
export type ManualFindingRow = {
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
};
/** POST /api/inspection/findings body — inspection.service.ts ManualFindingInput. */
export type ManualFindingInput = {
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
};
/** GET /api/inspection/schedules — inspection.repository.ts (options: JSON text as stored). */
export type ScheduleRow = {
  id: number;
  target_url: string;
  site_id: number | null;
  every_hours: number;
  options: string | RunOptionsInput;
  next_run_at: string;
  active: number | boolean;
  created_at: string;
};
