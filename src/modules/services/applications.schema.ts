// Request and response schemas of online applications, ratings and rectifications (staff API).
import { type Static, Type } from '@fastify/type-provider-typebox';
import { APPLICATION_STATES, OUTCOMES, RECTIFICATION_STATES, REVISIT_RESULTS } from './service-types.ts';

const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], description }));
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ApplicationParams = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  applicationId: Type.Integer({ minimum: 1 }),
});
export const ApplicationFileParams = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  applicationId: Type.Integer({ minimum: 1 }),
  fileId: Type.Integer({ minimum: 1 }),
});

export const DeadlineView = Type.Object({
  /** 受理 (5 working days), 承诺 or 法定 时限. */
  kind: Type.String(),
  due: nullable(Type.String({ description: 'yyyy-MM-dd' })),
  dueAt: nullable(Type.String()),
  daysUsed: Type.Integer(),
  daysLeft: Type.Integer(),
  limit: Type.Integer(),
  overdue: Type.Boolean(),
  paused: Type.Boolean(),
  completed: Type.Boolean(),
  estimated: Type.Boolean(),
});
export type DeadlineView = Static<typeof DeadlineView>;

export const ApplicationSummary = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  receiptNo: Type.String(),
  bundleReceiptNo: nullable(Type.String()),
  itemId: Type.Integer(),
  itemName: Type.String(),
  itemCode: Type.String(),
  departmentId: Type.Integer(),
  departmentName: Type.String(),
  applicantName: Type.String(),
  state: oneOf(APPLICATION_STATES, '状态'),
  stateName: Type.String(),
  submittedAt: Type.String(),
  acceptedAt: nullable(Type.String()),
  completedAt: nullable(Type.String()),
  outcome: nullable(Type.String()),
  deadline: nullable(DeadlineView),
  escalated: Type.Boolean(),
  ratingLevel: nullable(Type.Integer()),
});
export type ApplicationSummary = Static<typeof ApplicationSummary>;

export const ApplicationListQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 100, description: '状态，多个以逗号分隔；open：未办结' })),
  itemId: Type.Optional(Type.Integer({ minimum: 1 })),
  receiptNo: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ApplicationListQuery = Static<typeof ApplicationListQuery>;

export const ApplicationList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  applications: Type.Array(ApplicationSummary),
  /** Open applications of the staff member's scope, by how urgent they are. */
  counts: Type.Object({ open: Type.Integer(), dueSoon: Type.Integer(), overdue: Type.Integer() }),
});

export const EventView = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actionName: Type.String(),
  fromState: nullable(Type.String()),
  toState: Type.String(),
  note: Type.String(),
  missing: Type.Array(Type.String()),
  actorKind: Type.String(),
  actorName: Type.String(),
  at: Type.String(),
});
export type EventView = Static<typeof EventView>;

export const AppFileView = Type.Object({
  id: Type.Integer(),
  material: Type.String(),
  round: Type.Integer(),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  uploadedAt: Type.String(),
});

export const NoticeView = Type.Object({
  channel: Type.String(),
  kind: Type.String(),
  subject: Type.String(),
  target: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  sentAt: nullable(Type.String()),
});

export const RatingView = Type.Object({
  id: Type.Integer(),
  applicationId: Type.Integer(),
  level: Type.Integer(),
  levelName: Type.String(),
  comment: Type.String(),
  ratedAt: Type.String(),
});
export type RatingView = Static<typeof RatingView>;

export const RectificationView = Type.Object({
  id: Type.Integer(),
  ratingId: Type.Integer(),
  siteId: Type.Integer(),
  departmentId: Type.Integer(),
  departmentName: Type.String(),
  application: Type.Object({ id: Type.Integer(), receiptNo: Type.String(), itemName: Type.String() }),
  rating: RatingView,
  state: oneOf(RECTIFICATION_STATES, '状态'),
  stateName: Type.String(),
  dueOn: Type.String(),
  overdue: Type.Boolean(),
  measures: Type.String(),
  rectifiedAt: nullable(Type.String()),
  rectifiedBy: nullable(Type.String()),
  revisitResult: nullable(Type.String()),
  revisitNote: Type.String(),
  revisitedAt: nullable(Type.String()),
  revisitedBy: nullable(Type.String()),
  createdAt: Type.String(),
});
export type RectificationView = Static<typeof RectificationView>;

export const ApplicationDetail = Type.Object({
  application: ApplicationSummary,
  remark: Type.String(),
  contact: Type.String({ description: '联系电话（脱敏）' }),
  materials: Type.Array(
    Type.Object({
      name: Type.String(),
      required: Type.Boolean(),
      electronic: Type.Boolean(),
      files: Type.Array(AppFileView),
    }),
  ),
  events: Type.Array(EventView),
  clocks: Type.Object({
    acceptance: DeadlineView,
    promised: nullable(DeadlineView),
    statutory: nullable(DeadlineView),
    deemedAccepted: Type.Boolean(),
  }),
  notices: Type.Array(NoticeView),
  actions: Type.Array(Type.String()),
  rating: nullable(RatingView),
  rectification: nullable(RectificationView),
});
export type ApplicationDetail = Static<typeof ApplicationDetail>;

export const NoteInput = Type.Object(
  { note: Type.String({ maxLength: 2000, description: '办理意见' }) },
  { additionalProperties: false },
);
export const RejectInput = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000, description: '不予受理的理由和依据' }) },
  { additionalProperties: false },
);
export const CorrectionInput = Type.Object(
  {
    missing: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
      minItems: 1,
      maxItems: 30,
      description: '需要补正的全部内容（一次性告知）',
    }),
    note: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export const CompleteInput = Type.Object(
  {
    outcome: oneOf(OUTCOMES, '办理结果'),
    note: Type.String({ minLength: 1, maxLength: 2000, description: '办结意见' }),
  },
  { additionalProperties: false },
);

export const RectificationParams = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  rectificationId: Type.Integer({ minimum: 1 }),
});
export const RectificationList = Type.Object({ rectifications: Type.Array(RectificationView) });
export const RectifyInput = Type.Object(
  { measures: Type.String({ minLength: 2, maxLength: 4000, description: '整改措施和结果' }) },
  { additionalProperties: false },
);
export const RevisitInput = Type.Object(
  {
    result: oneOf(REVISIT_RESULTS, '回访结果'),
    note: Type.String({ minLength: 2, maxLength: 2000, description: '回访情况' }),
  },
  { additionalProperties: false },
);

export const RatingsOverview = Type.Object({
  ratings: Type.Array(
    Type.Intersect([
      RatingView,
      Type.Object({ receiptNo: Type.String(), itemName: Type.String(), departmentName: Type.String() }),
    ]),
  ),
  shares: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String(), count: Type.Integer() })),
});
