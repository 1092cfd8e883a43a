// Request and response schemas of the interaction API (citizens' messages, the office's handling, routing,
// time limits, statistics, 找错 imports). The admin console imports the types from here.
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Iso = Type.String({ description: 'ISO-8601 UTC' });
const literalUnion = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], description }));

export const BoardCategorySchema = literalUnion(['咨询', '建议', '投诉'] as const, '留言类型');
export const CategorySchema = literalUnion(['咨询', '建议', '投诉', '纠错'] as const, '类型（含找错）');
export const ContactPreference = literalUnion(['sms', 'email', 'none'] as const, '答复通知方式');
export const Rating = literalUnion(['满意', '基本满意', '不满意'] as const, '评价');

// ───── citizen requests ─────

export const AttachmentRef = Type.Object(
  {
    fileId: Type.Integer({ minimum: 1 }),
    /** The upload's receipt (only its uploader can attach the file). */
    token: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const MessageSubmit = Type.Object(
  {
    category: Type.String({ maxLength: 10, description: '咨询、建议或投诉' }),
    title: Type.String({ maxLength: 1000 }),
    body: Type.String({ maxLength: 20000 }),
    publishConsent: Type.Boolean({ description: '同意公开（个人信息隐去）' }),
    contactPreference: ContactPreference,
    attachments: Type.Optional(Type.Array(AttachmentRef, { maxItems: 10 })),
    idempotencyKey: Type.String({ maxLength: 100, description: '表单的幂等键（防止重复提交）' }),
  },
  { additionalProperties: false },
);
export type MessageSubmit = Static<typeof MessageSubmit>;

export const UploadReceipt = Type.Object({
  fileId: Type.Integer(),
  name: Type.String(),
  size: Type.Integer(),
  token: Type.String(),
});

export const RatingRequest = Type.Object(
  { rating: Type.String({ maxLength: 10 }), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type RatingRequest = Static<typeof RatingRequest>;

export const SecondRequest = Type.Object({ reason: Type.String({ maxLength: 5000 }) }, { additionalProperties: false });

// ───── views ─────

export const Deadline = Type.Object({
  /** yyyy-MM-dd (Asia/Shanghai); null while a clock is stopped. */
  due: Nullable(Type.String()),
  dueAt: Nullable(Iso),
  overdue: Type.Boolean(),
  daysLeft: Type.Integer(),
  completed: Type.Boolean(),
  /** 暂按工作日估算: a year without calendar data is involved. */
  estimated: Type.Boolean(),
});
export type Deadline = Static<typeof Deadline>;

export const Attachment = Type.Object({ fileId: Type.Integer(), name: Type.String(), url: Type.String() });

export const ReplyView = Type.Object({
  id: Type.Integer(),
  round: Type.Integer(),
  departmentId: Type.Integer(),
  departmentName: Type.String(),
  body: Type.String(),
  excerptTitle: Type.String(),
  excerptBody: Type.String(),
  publish: Type.Boolean(),
  state: Type.String(),
  stateName: Type.String(),
  contentId: Nullable(Type.Integer()),
  reviewRequestId: Nullable(Type.Integer()),
  reviewState: Nullable(Type.String()),
  returnOpinion: Nullable(Type.String()),
  submittedAt: Nullable(Iso),
  approvedAt: Nullable(Iso),
  updatedAt: Iso,
});
export type ReplyView = Static<typeof ReplyView>;

export const EventView = Type.Object({
  action: Type.String(),
  actionName: Type.String(),
  actorName: Type.String(),
  fromDepartment: Nullable(Type.String()),
  toDepartment: Nullable(Type.String()),
  note: Type.String(),
  at: Iso,
});

export const MessageStaffView = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  trackingNo: Type.String(),
  channel: Type.String(),
  channelName: Type.String(),
  category: Type.String(),
  state: Type.String(),
  stateName: Type.String(),
  held: Type.Boolean(),
  title: Type.String(),
  body: Type.String(),
  pageUrl: Nullable(Type.String()),
  attachments: Type.Array(Attachment),
  publishConsent: Type.Boolean(),
  contactPreference: Type.String(),
  submitter: Type.String(),
  departmentId: Nullable(Type.Integer()),
  departmentName: Nullable(Type.String()),
  round: Type.Integer(),
  receivedAt: Iso,
  assignedAt: Nullable(Iso),
  signedAt: Nullable(Iso),
  repliedAt: Nullable(Iso),
  closedAt: Nullable(Iso),
  invalidReason: Nullable(Type.String()),
  rating: Nullable(Type.String()),
  ratingComment: Nullable(Type.String()),
  secondReason: Nullable(Type.String()),
  publishedAt: Nullable(Iso),
  publicUrl: Nullable(Type.String()),
  deadlines: Type.Object({
    sign: Deadline,
    reply: Deadline,
    target: Deadline,
    close: Nullable(Deadline),
  }),
  /** Calendar days without a reply (open messages); the 3-month veto line is at ~90. */
  unansweredDays: Nullable(Type.Integer()),
  vetoLineAt: Iso,
});
export type MessageStaffView = Static<typeof MessageStaffView>;

export const MessageDetail = Type.Object({
  message: MessageStaffView,
  replies: Type.Array(ReplyView),
  events: Type.Array(EventView),
  /** What this staff member may do now. */
  actions: Type.Array(Type.String()),
});
export type MessageDetail = Static<typeof MessageDetail>;

export const MessageList = Type.Object({
  items: Type.Array(MessageStaffView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type MessageList = Static<typeof MessageList>;

export const CitizenReply = Type.Object({
  round: Type.Integer(),
  departmentName: Type.String(),
  body: Type.String(),
  repliedAt: Iso,
});

export const CitizenMessageView = Type.Object({
  id: Type.Integer(),
  trackingNo: Type.String(),
  channel: Type.String(),
  category: Type.String(),
  title: Type.String(),
  body: Type.String(),
  pageUrl: Nullable(Type.String()),
  attachments: Type.Array(Type.Object({ fileId: Type.Integer(), name: Type.String() })),
  status: Type.String(),
  receivedAt: Iso,
  replyDue: Deadline,
  replies: Type.Array(CitizenReply),
  invalidReason: Nullable(Type.String()),
  rating: Nullable(Type.String()),
  ratingComment: Nullable(Type.String()),
  canRate: Type.Boolean(),
  canAskSecond: Type.Boolean(),
  secondRequested: Type.Boolean(),
  publishConsent: Type.Boolean(),
  publicUrl: Nullable(Type.String()),
});
export type CitizenMessageView = Static<typeof CitizenMessageView>;

export const Submitted = Type.Object({
  id: Type.Integer(),
  trackingNo: Type.String(),
  status: Type.String(),
  replyDue: Deadline,
  repeated: Type.Boolean(),
});
export type Submitted = Static<typeof Submitted>;

// ───── staff requests ─────

export const MessageQuery = Type.Object({
  box: Type.Optional(
    literalUnion(['dispatch', 'department', 'all', 'held'] as const, '待分办 / 本部门 / 全部 / 待审核的匿名纠错'),
  ),
  state: Type.Optional(Type.String({ maxLength: 20 })),
  category: Type.Optional(Type.String({ maxLength: 10 })),
  channel: Type.Optional(literalUnion(['board', 'error'] as const, 'board：留言；error：找错')),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type MessageQuery = Static<typeof MessageQuery>;

export const AssignRequest = Type.Object(
  { departmentId: Type.Integer({ minimum: 1 }), note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export const TransferRequest = Type.Object(
  { departmentId: Type.Integer({ minimum: 1 }), reason: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
);
export const ReasonRequest = Type.Object({ reason: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export const NoteRequest = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const DraftRequest = Type.Object(
  {
    body: Type.String({ maxLength: 20000, description: '答复内容' }),
    excerptTitle: Type.String({ maxLength: 1000, description: '公开的留言标题（可修改，原文保留）' }),
    excerptBody: Type.String({ maxLength: 20000, description: '公开的留言内容（可修改，原文保留）' }),
    publish: Type.Boolean({ description: '答复后在网站公开（须留言人同意）' }),
  },
  { additionalProperties: false },
);
export type DraftRequest = Static<typeof DraftRequest>;

export const SubmitReplyRequest = Type.Object(
  { secret: Type.Optional(literalUnion(['否', '不明确'] as const, '是否涉密（附件3）')) },
  { additionalProperties: false },
);

export const RouteInput = Type.Object(
  {
    category: Nullable(Type.String({ maxLength: 10 })),
    keywords: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
    departmentId: Type.Integer({ minimum: 1 }),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RouteInput = Static<typeof RouteInput>;

export const RouteView = Type.Object({
  id: Type.Integer(),
  category: Nullable(Type.String()),
  keywords: Type.Array(Type.String()),
  departmentId: Type.Integer(),
  departmentName: Type.String(),
  sort: Type.Integer(),
  enabled: Type.Boolean(),
});
export type RouteView = Static<typeof RouteView>;

const Limits = Type.Object(
  {
    signDays: Type.Integer({ minimum: 1, maximum: 10 }),
    replyTargetDays: Type.Integer({ minimum: 1, maximum: 10 }),
    replyLimitDays: Type.Integer({ minimum: 1, maximum: 10 }),
    closeMonths: Nullable(Type.Integer({ minimum: 1, maximum: 12 })),
  },
  { additionalProperties: false },
);
export const PolicySchema = Type.Object(
  {
    categories: Type.Object(
      { 咨询: Limits, 建议: Limits, 投诉: Limits, 纠错: Limits },
      { additionalProperties: false },
    ),
    remindDaysBefore: Type.Integer({ minimum: 0, maximum: 3 }),
    dispatcherDepartmentId: Nullable(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type PolicySchema = Static<typeof PolicySchema>;

export const BoardSetup = Type.Object({
  columns: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), path: Type.String() })),
  created: Type.Integer(),
});
export type BoardSetup = Static<typeof BoardSetup>;

// ───── statistics ─────

export const StatsRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  received: Type.Integer(),
  valid: Type.Integer(),
  replied: Type.Integer(),
  onTime: Type.Integer(),
  /** on time / replied, 0–1; null without replies. */
  onTimeRate: Nullable(Type.Number()),
  /** Average working days from submission to the approved reply; null without replies. */
  averageDays: Nullable(Type.Number()),
  open: Type.Integer(),
  satisfied: Type.Integer(),
  rated: Type.Integer(),
});
export type StatsRow = Static<typeof StatsRow>;

export const StatsReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  total: StatsRow,
  byMonth: Type.Array(StatsRow),
  byDepartment: Type.Array(StatsRow),
  byCategory: Type.Array(StatsRow),
});
export type StatsReport = Static<typeof StatsReport>;

export const StatsQuery = Type.Object({
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: '起始月份 yyyy-MM' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$', description: '截止月份 yyyy-MM（含）' })),
  channel: Type.Optional(literalUnion(['board', 'error'] as const, 'board：留言；error：找错')),
});

export const Dashboard = Type.Object({
  open: Type.Integer(),
  pendingDispatch: Type.Integer(),
  overdueSign: Type.Integer(),
  overdueReply: Type.Integer(),
  dueSoon: Type.Integer(),
  /** Open valid messages by age; the red line is at the 3-month veto horizon. */
  ages: Type.Array(
    Type.Object({
      id: Type.Integer(),
      trackingNo: Type.String(),
      title: Type.String(),
      departmentName: Nullable(Type.String()),
      days: Type.Integer(),
      vetoLineAt: Iso,
    }),
  ),
  vetoDays: Type.Integer(),
  crossedVetoLine: Type.Integer(),
});
export type Dashboard = Static<typeof Dashboard>;

export const ImportResult = Type.Object({
  id: Type.Integer(),
  total: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  skipped: Type.Integer(),
  problems: Type.Array(Type.String()),
});
export type ImportResult = Static<typeof ImportResult>;

export const ImportRecord = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  total: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  skipped: Type.Integer(),
  importedAt: Iso,
});
export type ImportRecord = Static<typeof ImportRecord>;

// ───── knowledge base and smart Q&A ─────

export const PairInput = Type.Object(
  {
    question: Type.String({ maxLength: 1000 }),
    answer: Type.String({ maxLength: 20000 }),
    variants: Type.Optional(Type.String({ maxLength: 5000, description: '其他问法，每行一个' })),
    keywords: Type.Optional(Type.String({ maxLength: 300 })),
    departmentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
);
export type PairInput = Static<typeof PairInput>;

export const PairView = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  departmentId: Nullable(Type.Integer()),
  departmentName: Nullable(Type.String()),
  question: Type.String(),
  answer: Type.String(),
  variants: Type.Array(Type.String()),
  keywords: Type.String(),
  status: Type.String(),
  statusName: Type.String(),
  hits: Type.Integer(),
  sourceMessageId: Nullable(Type.Integer()),
  publishedAt: Nullable(Iso),
  updatedAt: Iso,
});
export type PairView = Static<typeof PairView>;

export const PairQuery = Type.Object({
  status: Type.Optional(literalUnion(['draft', 'published', 'withdrawn'] as const, '状态')),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  mine: Type.Optional(Type.Boolean({ description: '只看本部门' })),
});

const QaSourceView = Type.Object({
  kind: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  url: Type.String(),
  snippet: Type.String(),
});

export const QaQuery = Type.Object({
  q: Type.String({ maxLength: 200, description: '问题' }),
  site: Type.Optional(Type.String({ maxLength: 32, description: '同一站群中其他站点的代码' })),
});

export const QaAnswerView = Type.Object({
  query: Type.String(),
  answered: Type.Boolean(),
  answer: Nullable(
    Type.Object({
      kind: Type.String(),
      kindLabel: Type.String(),
      title: Type.String(),
      url: Type.String(),
      snippet: Type.String(),
      text: Type.String(),
      score: Type.Number(),
    }),
  ),
  sources: Type.Array(QaSourceView),
  related: Type.Array(Type.Object({ id: Type.Integer(), question: Type.String(), url: Type.String() })),
  handoff: Type.Object({ label: Type.String(), url: Type.String() }),
});
export type QaAnswerView = Static<typeof QaAnswerView>;
