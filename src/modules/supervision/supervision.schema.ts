// Request and response schemas of the supervision routes; the admin console imports the types.
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';

const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], description }));
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Date10 = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'yyyy-MM-dd' });
const HttpUrl = Type.String({ pattern: '^https?://', maxLength: 500 });

export const REGISTRY_KINDS = ['website', 'newmedia'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];
export const REGISTRY_STATUSES = ['运行', '关停', '整合', '迁移中'] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];
export const SITE_TYPES = ['门户', '部门', '专项'] as const;
export const PLATFORMS = ['微信公众号', '微博', '抖音', '快手', '头条号', '政务客户端APP', '其他'] as const;
export const HOSTINGS = ['local', 'external'] as const;
export const OFFICE_LEVELS = ['省级', '地市级', '县级', '国务院部门'] as const;
export const PLAN_STATUSES = ['planned', 'running', 'done', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const ITEM_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** 待整改 → 已反馈 → 已整改 (复查通过) | 重新整改 (复查未通过, back to the department). */
export const TASK_STATUSES = ['open', 'responded', 'closed', 'reopened'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_NAMES: Record<TaskStatus, string> = {
  open: '待整改',
  responded: '已反馈待复查',
  closed: '已整改',
  reopened: '复查未通过',
};
export const CHECK_KINDS = ['closure', 'annual-report', 'discovery', 'newmedia'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const FINDING_OUTCOMES = ['problem', 'confirmed', 'bonus'] as const;

export const OwnerQuery = Type.Object({
  siteId: Type.Integer({ minimum: 1, description: '监管单位所在的本平台站点' }),
});

// ───────────────────────────── office ─────────────────────────────

export const OfficeView = Type.Object({
  siteId: Type.Integer(),
  siteName: Type.String(),
  name: Type.String({ description: '监管单位名称' }),
  level: oneOf(OFFICE_LEVELS, '层级'),
  stateCouncil: Type.Boolean({ description: '国务院部门（考核评价不检查，扣分指标以90分为满分，×10/9）' }),
  resultsColumnId: Nullable(Type.Integer({ description: '发布抽查情况通报的栏目' })),
  reportsColumnId: Nullable(Type.Integer({ description: '发布监管年度报表的栏目' })),
});
export type OfficeView = Static<typeof OfficeView>;

export const OfficeUpdate = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    level: oneOf(OFFICE_LEVELS, '层级'),
    stateCouncil: Type.Boolean(),
    resultsColumnId: Nullable(Type.Integer({ minimum: 1 })),
    reportsColumnId: Nullable(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type OfficeUpdate = Static<typeof OfficeUpdate>;

// ───────────────────────────── registry ─────────────────────────────

const RegistryFields = {
  kind: oneOf(REGISTRY_KINDS, '类别：政府网站或政务新媒体'),
  name: Type.String({ minLength: 2, maxLength: 200, description: '网站名称或账号名称' }),
  siteCode: Type.Optional(Nullable(Type.String({ pattern: '^(\\d{10}|bm\\d{8})$', description: '网站标识码' }))),
  domains: Type.Optional(Type.Array(Type.String({ minLength: 3, maxLength: 200 }), { maxItems: 10 })),
  url: HttpUrl,
  department: Type.String({ minLength: 2, maxLength: 200, description: '主管主办单位（责任部门）' }),
  contactUserId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: '负责反馈整改的账号' }))),
  siteType: Type.Optional(Nullable(oneOf(SITE_TYPES, '网站类型'))),
  platform: Type.Optional(Nullable(oneOf(PLATFORMS, '新媒体平台'))),
  accountId: Type.Optional(Nullable(Type.String({ maxLength: 200, description: '账号 ID' }))),
  feedUrl: Type.Optional(Nullable(HttpUrl)),
  appUrl: Type.Optional(Nullable(HttpUrl)),
  status: oneOf(REGISTRY_STATUSES, '状态'),
  openedOn: Type.Optional(Nullable(Date10)),
  statusSince: Type.Optional(Nullable(Date10)),
  parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: '关停整合后内容迁入的网站' }))),
  inventory: Type.Optional(
    Type.Array(Type.String({ minLength: 2, maxLength: 300 }), {
      maxItems: 200,
      description: '关停前的信息标题（迁移检查）',
    }),
  ),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
};

export const RegistryInput = Type.Object(RegistryFields, { additionalProperties: false });
export type RegistryInput = Static<typeof RegistryInput>;

export const RegistryEntryView = Type.Object({
  id: Type.Integer(),
  ownerSiteId: Type.Integer(),
  kind: oneOf(REGISTRY_KINDS, '类别'),
  name: Type.String(),
  siteCode: Nullable(Type.String()),
  domains: Type.Array(Type.String()),
  url: Type.String(),
  department: Type.String(),
  contactUserId: Nullable(Type.Integer()),
  hosting: oneOf(HOSTINGS, 'local：本平台；external：外部网站'),
  hostedSiteId: Nullable(Type.Integer()),
  siteType: Nullable(Type.String()),
  platform: Nullable(Type.String()),
  accountId: Nullable(Type.String()),
  feedUrl: Nullable(Type.String()),
  appUrl: Nullable(Type.String()),
  status: oneOf(REGISTRY_STATUSES, '状态'),
  openedOn: Nullable(Type.String()),
  statusSince: Nullable(Type.String()),
  parentId: Nullable(Type.Integer()),
  inventory: Type.Array(Type.String()),
  note: Type.String(),
  updatedAt: Type.String(),
});
export type RegistryEntryView = Static<typeof RegistryEntryView>;

export const RegistryList = Type.Object({ items: Type.Array(RegistryEntryView) });

export const ImportResult = Type.Object({ created: Type.Integer(), updated: Type.Integer() });

// ───────────────────────────── plans ─────────────────────────────

export const PlanCreate = Type.Object(
  {
    siteId: Type.Integer({ minimum: 1 }),
    year: Type.Integer({ minimum: 2019, maximum: 2100 }),
    quarter: Type.Integer({ minimum: 1, maximum: 4 }),
    fullCoverage: Type.Boolean({ description: '全部抽查（100%，加分条件）' }),
    ratio: Type.Optional(Type.Number({ minimum: 0.3, maximum: 1, description: '抽查比例，不低于30%' })),
    seed: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: '随机种子（留空自动生成并记录）' }),
    ),
    scheduledAt: Type.Optional(Type.String({ format: 'date-time', description: '开始时间（留空立即开始）' })),
    maxPages: Type.Optional(Type.Integer({ minimum: 5, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type PlanCreate = Static<typeof PlanCreate>;

const Progress = Type.Object({
  total: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
  running: Type.Integer(),
  pending: Type.Integer(),
});

export const PlanView = Type.Object({
  id: Type.Integer(),
  ownerSiteId: Type.Integer(),
  year: Type.Integer(),
  quarter: Type.Integer(),
  fullCoverage: Type.Boolean(),
  ratio: Type.Number(),
  seed: Type.Integer(),
  websitesTotal: Type.Integer(),
  accountsTotal: Type.Integer(),
  maxPages: Type.Integer(),
  status: oneOf(PLAN_STATUSES, '状态'),
  scheduledAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  resultsContentId: Nullable(Type.Integer()),
  resultsPublishedAt: Nullable(Type.String()),
  progress: Progress,
  /** Websites sampled as a share of the registered running websites. */
  share: Type.Number(),
});
export type PlanView = Static<typeof PlanView>;

export const ProblemSummary = Type.Object({
  indicatorId: Type.String(),
  name: Type.String(),
  findings: Type.Array(Type.Object({ message: Type.String(), url: Nullable(Type.String()) })),
});
export type ProblemSummary = Static<typeof ProblemSummary>;

export const PlanItemView = Type.Object({
  id: Type.Integer(),
  registryId: Type.Integer(),
  name: Type.String(),
  kind: oneOf(REGISTRY_KINDS, '类别'),
  url: Type.String(),
  department: Type.String(),
  status: oneOf(ITEM_STATUSES, '状态'),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  runId: Nullable(Type.Integer()),
  verdict: Nullable(Type.String()),
  totalScore: Nullable(Type.Number()),
  findingsCount: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
  stage: Nullable(Type.String({ description: '正在检查时的进度说明' })),
  problems: Type.Array(ProblemSummary),
});
export type PlanItemView = Static<typeof PlanItemView>;

export const PlanDetail = Type.Object({ plan: PlanView, items: Type.Array(PlanItemView) });
export type PlanDetail = Static<typeof PlanDetail>;
export const PlanList = Type.Object({ items: Type.Array(PlanView) });

export const PublishResult = Type.Object({ contentId: Type.Integer(), reviewRequestId: Type.Integer() });

// ───────────────────────────── rectification ─────────────────────────────

export const EvidenceItem = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    url: Type.Optional(HttpUrl),
    fileId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const TaskView = Type.Object({
  id: Type.Integer(),
  ownerSiteId: Type.Integer(),
  planId: Type.Integer(),
  registryId: Type.Integer(),
  site: Type.String(),
  siteUrl: Type.String(),
  indicatorId: Type.String(),
  indicatorName: Type.String(),
  problem: Type.String(),
  evidence: Type.Array(Type.Object({ message: Type.String(), url: Nullable(Type.String()) })),
  department: Type.String(),
  status: oneOf(TASK_STATUSES, '状态'),
  statusName: Type.String(),
  publishedAt: Type.String(),
  dueAt: Type.String(),
  overdue: Type.Boolean({ description: '已过整改期限仍未整改' }),
  response: Nullable(Type.String()),
  responseEvidence: Type.Array(EvidenceItem),
  respondedAt: Nullable(Type.String()),
  recheckRunId: Nullable(Type.Integer()),
  recheckPending: Type.Boolean(),
  rechecked: Nullable(Type.String()),
  recheckNote: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
});
export type TaskView = Static<typeof TaskView>;
export const TaskList = Type.Object({ items: Type.Array(TaskView) });

export const TaskQuery = Type.Object({
  siteId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(oneOf(TASK_STATUSES, '状态')),
  planId: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const TaskResponse = Type.Object(
  {
    response: Type.String({ minLength: 4, maxLength: 4000, description: '整改情况说明' }),
    evidence: Type.Array(EvidenceItem, { maxItems: 20, description: '佐证材料（链接或上传的文件）' }),
  },
  { additionalProperties: false },
);
export type TaskResponse = Static<typeof TaskResponse>;

// ───────────────────────────── checks and findings ─────────────────────────────

export const CheckView = Type.Object({
  id: Type.Integer(),
  registryId: Nullable(Type.Integer()),
  site: Nullable(Type.String()),
  kind: oneOf(CHECK_KINDS, '检查类别'),
  year: Type.Integer(),
  status: Type.String({ description: 'pass 通过 / fail 发现问题 / untested 未检测' }),
  summary: Type.String(),
  detail: Type.Unknown(),
  resolution: Nullable(Type.String()),
  checkedAt: Type.String(),
});
export type CheckView = Static<typeof CheckView>;
export const CheckList = Type.Object({ items: Type.Array(CheckView) });

export const CheckRequest = Type.Object(
  {
    siteId: Type.Integer({ minimum: 1 }),
    kind: oneOf(['closure', 'annual-report', 'discovery', 'newmedia'] as const, '检查类别'),
    registryId: Type.Optional(Type.Integer({ minimum: 1 })),
    year: Type.Optional(Type.Integer({ minimum: 2019, maximum: 2100 })),
  },
  { additionalProperties: false },
);
export type CheckRequest = Static<typeof CheckRequest>;

export const DiscoveryResolution = Type.Object(
  { resolution: oneOf(['registered', 'not-government', 'duplicate'] as const, '处理结果') },
  { additionalProperties: false },
);

export const ManualFindingInput = Type.Object(
  {
    siteId: Type.Integer({ minimum: 1 }),
    year: Type.Integer({ minimum: 2019, maximum: 2100 }),
    registryId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    indicatorId: Type.String({ minLength: 3, maxLength: 64 }),
    subRule: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 9 }))),
    part: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    points: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 20 }))),
    outcome: oneOf(FINDING_OUTCOMES, 'problem 发现问题 / confirmed 已核实无问题 / bonus 加分'),
    message: Type.String({ minLength: 2, maxLength: 1000 }),
    evidenceUrl: Type.Optional(Nullable(HttpUrl)),
  },
  { additionalProperties: false },
);
export type ManualFindingInput = Static<typeof ManualFindingInput>;

export const ManualFindingView = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  registryId: Nullable(Type.Integer()),
  indicatorId: Type.String(),
  indicatorName: Type.String(),
  subRule: Nullable(Type.Integer()),
  part: Nullable(Type.String()),
  points: Nullable(Type.Number()),
  outcome: Type.String(),
  message: Type.String(),
  evidenceUrl: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const ManualFindingList = Type.Object({ items: Type.Array(ManualFindingView) });

// ───────────────────────────── assessment and dashboard ─────────────────────────────

export const AssessmentIndicator = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  points: Nullable(Type.Number()),
  maxPoints: Nullable(Type.Number()),
  reason: Nullable(Type.String()),
  findings: Type.Array(
    Type.Object({ message: Type.String(), subRule: Nullable(Type.Integer()), evidence: Type.Unknown() }),
  ),
});

export const AssessmentView = Type.Object({
  year: Type.Integer(),
  computedAt: Type.String(),
  stateCouncil: Type.Boolean(),
  verdict: Type.String(),
  decidedAt: Type.String(),
  deductionScore: Nullable(Type.Number()),
  bonusScore: Nullable(Type.Number()),
  totalScore: Nullable(Type.Number()),
  untestedPoints: Type.Number(),
  vetoReasons: Type.Array(Type.String()),
  indicators: Type.Array(AssessmentIndicator),
  quarters: Type.Array(
    Type.Object({
      quarter: Type.Integer(),
      ended: Type.Boolean(),
      planId: Nullable(Type.Integer()),
      share: Nullable(Type.Number()),
      published: Type.Boolean(),
    }),
  ),
});
export type AssessmentView = Static<typeof AssessmentView>;
export const AssessmentQuery = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  year: Type.Integer({ minimum: 2019, maximum: 2100 }),
});

export const DashboardView = Type.Object({
  office: OfficeView,
  now: Type.String(),
  quarter: Type.Object({
    year: Type.Integer(),
    quarter: Type.Integer(),
    endsAt: Type.String(),
    daysLeft: Type.Integer(),
    hoursLeft: Type.Integer(),
    plan: Nullable(PlanView),
    /** none: no plan yet — the veto 未按季度组织开展抽查 threatens when the quarter ends. */
    state: oneOf(['none', 'planned', 'running', 'done'] as const, '本季度抽查状态'),
  }),
  registry: Type.Object({
    websites: Type.Integer(),
    runningWebsites: Type.Integer(),
    hostedWebsites: Type.Integer(),
    accounts: Type.Integer(),
    byStatus: Type.Record(Type.String(), Type.Integer()),
    unregistered: Type.Integer(),
  }),
  tasks: Type.Object({
    open: Type.Integer(),
    responded: Type.Integer(),
    closed: Type.Integer(),
    reopened: Type.Integer(),
    overdue: Type.Integer(),
  }),
  assessment: Type.Object({
    year: Type.Integer(),
    verdict: Type.String(),
    totalScore: Nullable(Type.Number()),
    deductionScore: Nullable(Type.Number()),
    untestedPoints: Type.Number(),
  }),
});
export type DashboardView = Static<typeof DashboardView>;

// ───────────────────────────── annual report and import ─────────────────────────────

export const AnnualReportView = Type.Object({
  year: Type.Integer(),
  data: Type.Unknown(),
  contentId: Nullable(Type.Integer()),
  publishedAt: Nullable(Type.String()),
  due: Type.String(),
});
export type AnnualReportView = Static<typeof AnnualReportView>;

export const AnnualReportInput = Type.Object(
  {
    siteId: Type.Integer({ minimum: 1 }),
    year: Type.Integer({ minimum: 2019, maximum: 2100 }),
    counterfeitSites: Type.Integer({ minimum: 0, maximum: 100000, description: '假冒网站处置数量' }),
    trainings: Type.Integer({ minimum: 0, maximum: 10000, description: '人员培训次数' }),
    trainees: Type.Integer({ minimum: 0, maximum: 1000000, description: '培训人次' }),
    securityChecks: Type.Integer({ minimum: 0, maximum: 10000, description: '安全检查次数' }),
  },
  { additionalProperties: false },
);
export type AnnualReportInput = Static<typeof AnnualReportInput>;

export const ImportPreviewRequest = Type.Object(
  {
    targetSiteId: Type.Integer({ minimum: 1 }),
    sourceUrl: HttpUrl,
    maxPages: Type.Optional(Type.Integer({ minimum: 5, maximum: 500 })),
  },
  { additionalProperties: false },
);
export const ImportPreview = Type.Object({
  sections: Type.Array(Type.Object({ prefix: Type.String(), name: Type.String(), pages: Type.Integer() })),
  pages: Type.Integer(),
});
export type ImportPreview = Static<typeof ImportPreview>;
export const ImportRequest = Type.Object(
  {
    targetSiteId: Type.Integer({ minimum: 1 }),
    sourceUrl: HttpUrl,
    maxPages: Type.Optional(Type.Integer({ minimum: 5, maximum: 500 })),
    mapping: Type.Array(
      Type.Object({ prefix: Type.String({ minLength: 1, maxLength: 300 }), columnId: Type.Integer({ minimum: 1 }) }),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type ImportRequest = Static<typeof ImportRequest>;
export const ImportView = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  progress: Type.Unknown(),
  result: Type.Unknown(),
});
