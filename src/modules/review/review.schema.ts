// The 附件3 release review on the wire: its enumerations (states, steps, decisions, the form's answers), the
// request bodies, and the views of submissions, the inbox and the register. TypeBox and content-types.ts only,
// so the admin console imports these types.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { Items, Nullable, StringEnum } from '../../platform/schemas.ts';
import { CONTENT_STATUS_VALUES, CONTENT_TYPE_VALUES } from '../content/content-types.ts';
import { CheckReportSchema, DictionariesSchema } from '../prepublish/prepublish.schema.ts';

// ───────────────────────────── enumerations ─────────────────────────────

/** 是否涉密 on the form. */
export const SECRET_ANSWERS = ['是', '否', '不明确'] as const;
export type SecretAnswer = (typeof SECRET_ANSWERS)[number];

/** 发布形式 on the form. */
export const RELEASE_FORMS = ['网站公开', '依申请提供', '其他'] as const;
export type ReleaseForm = (typeof RELEASE_FORMS)[number];

/** The states of a submission, with the names staff read. */
export const REVIEW_STATES = {
  secrecy_review: '待保密审查',
  dept_review: '待工作机构审查',
  leader_review: '待分管领导审批',
  approved: '已同意',
  rejected: '已退回',
  closed: '涉密不发布',
} as const;
export type ReviewState = keyof typeof REVIEW_STATES;
export const REVIEW_STATE_VALUES = Object.keys(REVIEW_STATES) as [ReviewState, ...ReviewState[]];

/** States in which a step is still to be taken. */
export const OPEN_STATES = ['secrecy_review', 'dept_review', 'leader_review'] as const satisfies readonly ReviewState[];
export type OpenState = (typeof OPEN_STATES)[number];

/** The steps of the form, each with who takes it. */
export const REVIEW_STEPS = {
  submit: '承办人提交',
  secrecy: '保密审查',
  dept: '工作机构或人员审查',
  leader: '分管领导审批',
} as const;
export type ReviewStep = keyof typeof REVIEW_STEPS;
export const REVIEW_STEP_VALUES = Object.keys(REVIEW_STEPS) as [ReviewStep, ...ReviewStep[]];
/** The steps a reviewer decides (the submission itself is not decided). */
export type DecisionStep = Exclude<ReviewStep, 'submit'>;

/** What a reviewer answers at the department or leader step. */
export const DECISIONS = ['同意', '不同意', '不明确'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The secrecy reviewer's answer. */
export const SECRECY_VERDICTS = ['是', '否'] as const;
export type SecrecyVerdict = (typeof SECRECY_VERDICTS)[number];

/** A submission's outcome in the register: 审查中 until its last step. */
export const REVIEW_OUTCOMES = ['审查中', '同意', '不同意', '涉密不发布'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** What each step records as its decision (提交 for the submission; 涉密/不涉密 for the secrecy review). */
export const STEP_DECISIONS = ['提交', '同意', '不同意', '不明确', '涉密', '不涉密'] as const;
export type StepDecision = (typeof STEP_DECISIONS)[number];

/** 附件3 prints four columns as boxes and writes any other under 其他. */
export const REGISTER_COLUMN_BOXES = ['部门动态', '通知公告', '便民信息', '最多跑一次改革', '其他'] as const;
export type RegisterColumnBox = (typeof REGISTER_COLUMN_BOXES)[number];

const ContentTypeSchema = StringEnum(CONTENT_TYPE_VALUES);
const ContentStatusSchema = StringEnum(CONTENT_STATUS_VALUES);
const ReviewStateSchema = StringEnum(REVIEW_STATE_VALUES);

// ───────────────────────────── requests ─────────────────────────────

export const SubmitBody = Type.Object(
  {
    secret: StringEnum(SECRET_ANSWERS, { description: '是否涉密' }),
    releaseForm: StringEnum(RELEASE_FORMS, { description: '发布形式' }),
  },
  { additionalProperties: false },
);
export type SubmitInput = Static<typeof SubmitBody>;

export const DecideBody = Type.Object(
  {
    decision: StringEnum(DECISIONS, { description: '审查意见' }),
    opinion: Type.String({ maxLength: 1000 }),
    /** The secrecy reviewer's answer (保密审查 step only). */
    secret: Type.Optional(StringEnum(SECRECY_VERDICTS, { description: '保密审查结论' })),
    /** Keys of personal-data findings the reviewer confirms are meant to be public. */
    confirmFindings: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type DecideInput = Static<typeof DecideBody>;

/** Days are Asia/Shanghai calendar days, both ends included. */
export const RegisterQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
  columnId: Type.Optional(Type.Integer({ minimum: 1 })),
  outcome: Type.Optional(Type.String({ maxLength: 16 })),
  state: Type.Optional(StringEnum(REVIEW_STATE_VALUES, { description: '审查状态' })),
});
export type RegisterQuery = Static<typeof RegisterQuery>;

export const REGISTER_FORMATS = ['xlsx', 'pdf'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

export { DictionariesSchema };

// ───────────────────────────── views ─────────────────────────────

export const SubmitResult = Type.Object({
  id: Type.Integer(),
  /** 2026-0001: the year and the 序号 of the register. */
  serial: Type.String(),
  state: ReviewStateSchema,
  stateName: Type.String(),
  outcome: StringEnum(REVIEW_OUTCOMES),
});
export type SubmitResult = Static<typeof SubmitResult>;

export const DecideResult = Type.Object({
  id: Type.Integer(),
  state: ReviewStateSchema,
  stateName: Type.String(),
  outcome: StringEnum(REVIEW_OUTCOMES),
});
export type DecideResult = Static<typeof DecideResult>;

export const InboxRow = Type.Object({
  id: Type.Integer(),
  contentId: Type.Integer(),
  serial: Type.String(),
  title: Type.String(),
  state: ReviewStateSchema,
  stateName: Type.String(),
  department: Type.String(),
  column: Type.String(),
  submitter: Type.String(),
  submittedAt: Type.String(),
  secret: StringEnum(SECRET_ANSWERS),
  releaseForm: StringEnum(RELEASE_FORMS),
  contentType: ContentTypeSchema,
});
export type InboxRow = Static<typeof InboxRow>;

/** Waiting for me to decide, and my own submissions returned to me. */
export const Inbox = Type.Object({ waiting: Type.Array(InboxRow), returned: Type.Array(InboxRow) });
export type Inbox = Static<typeof Inbox>;

export const InboxCounts = Type.Object({ waiting: Type.Integer(), returned: Type.Integer() });
export type InboxCounts = Static<typeof InboxCounts>;

export const ReviewStepView = Type.Object({
  step: StringEnum(REVIEW_STEP_VALUES),
  stepName: Type.String(),
  decision: StringEnum(STEP_DECISIONS),
  opinion: Type.String(),
  actorName: Type.String(),
  decidedAt: Type.String(),
  /** The secrecy answer given at this step (the submission's, or the secrecy reviewer's). */
  secret: Nullable(StringEnum(SECRET_ANSWERS)),
});
export type ReviewStepView = Static<typeof ReviewStepView>;

/** One submission of an item, as the item's page lists them. */
export const ReviewRecord = Type.Object({
  id: Type.Integer(),
  serial: Type.String(),
  state: ReviewStateSchema,
  stateName: Type.String(),
  outcome: StringEnum(REVIEW_OUTCOMES),
  secret: StringEnum(SECRET_ANSWERS),
  releaseForm: StringEnum(RELEASE_FORMS),
  submittedAt: Type.String(),
  version: Type.Integer(),
  checkReport: CheckReportSchema,
  confirmedFindings: Type.Array(Type.String()),
  steps: Type.Array(ReviewStepView),
});
export type ReviewRecord = Static<typeof ReviewRecord>;

export const ReviewHistoryEntry = Type.Object({
  id: Type.Integer(),
  serial: Type.String(),
  state: ReviewStateSchema,
  stateName: Type.String(),
  outcome: StringEnum(REVIEW_OUTCOMES),
  submittedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  version: Type.Integer(),
});
export type ReviewHistoryEntry = Static<typeof ReviewHistoryEntry>;

/** GET /api/review/:id — one submission with its steps and the item's other submissions. */
export const ReviewRequestView = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  contentId: Type.Integer(),
  contentType: ContentTypeSchema,
  contentStatus: ContentStatusSchema,
  version: Type.Integer(),
  serial: Type.String(),
  title: Type.String(),
  department: Type.String(),
  column: Type.String(),
  submitter: Type.String(),
  submittedBy: Type.Integer(),
  submittedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  secret: StringEnum(SECRET_ANSWERS),
  releaseForm: StringEnum(RELEASE_FORMS),
  state: ReviewStateSchema,
  stateName: Type.String(),
  outcome: StringEnum(REVIEW_OUTCOMES),
  /** Whether the current step is this staff member's to decide. */
  mayDecide: Type.Boolean(),
  checkReport: CheckReportSchema,
  confirmedFindings: Type.Array(Type.String()),
  steps: Type.Array(ReviewStepView),
  history: Type.Array(ReviewHistoryEntry),
});
export type ReviewRequestView = Static<typeof ReviewRequestView>;

export const RegisterOpinion = Type.Object({
  decision: StringEnum(STEP_DECISIONS),
  opinion: Type.String(),
  name: Type.String(),
  /** ISO UTC time of the decision. */
  at: Type.String(),
});
export type RegisterOpinion = Static<typeof RegisterOpinion>;

/** One row of the 信息发布审查登记 register: one submission, with the form's fields and every opinion. */
export const RegisterRow = Type.Object({
  id: Type.Integer(),
  contentId: Type.Integer(),
  year: Type.Integer(),
  serial: Type.Integer(),
  /** 2026-0001 */
  serialText: Type.String(),
  department: Type.String(),
  title: Type.String(),
  /** 是 / 否 / 不明确, as finally determined when the secrecy review decided. */
  secret: StringEnum(SECRET_ANSWERS),
  releaseForm: StringEnum(RELEASE_FORMS),
  column: Type.String(),
  columnBox: StringEnum(REGISTER_COLUMN_BOXES),
  submitter: Type.String(),
  submittedAt: Type.String(),
  state: ReviewStateSchema,
  stateName: Type.String(),
  outcome: StringEnum(REVIEW_OUTCOMES),
  secrecy: Nullable(RegisterOpinion),
  dept: Nullable(RegisterOpinion),
  leader: Nullable(RegisterOpinion),
});
export type RegisterRow = Static<typeof RegisterRow>;
export const RegisterList = Items(RegisterRow);
