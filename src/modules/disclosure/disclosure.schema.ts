// Request and response schemas of 依申请公开: the citizen's application, staff registration of letters and visits,
// each step of the statutory procedure, and the views the console and the user space read.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { CivilDay, ClockView, Instant, Keys, Nullable } from '../participation/schema-kit.ts';
import {
  APPLICANT_TYPES,
  CHANNELS,
  DELIVERY_FORMS,
  DELIVERY_METHODS,
  DISPOSITIONS,
  FEE_METHODS,
  ID_TYPES,
  STATUSES,
} from './disclosure-rules.ts';

export const ApplicantTypeSchema = Keys(APPLICANT_TYPES, '申请人类型');
export const IdTypeSchema = Keys(ID_TYPES, '证件类型');
export const ChannelSchema = Keys(CHANNELS, '申请方式');
export const DeliveryFormSchema = Keys(DELIVERY_FORMS, '提供形式');
export const DeliveryMethodSchema = Keys(DELIVERY_METHODS, '获取方式');
export const StatusSchema = Keys(STATUSES, '办理状态');
export const DispositionSchema = Keys(DISPOSITIONS, '办理结果');
export const FeeMethodSchema = Keys(FEE_METHODS, '计费方式');

const Text = (max: number, description: string) => Type.String({ maxLength: max, description });

/** What the applicant states (条例 第二十九条); the same fields whether typed online or registered by staff. */
export const ApplicantFields = {
  applicantType: ApplicantTypeSchema,
  name: Text(200, '姓名或单位名称'),
  idType: IdTypeSchema,
  idNumber: Text(30, '证件号码或统一社会信用代码'),
  contactPerson: Type.Optional(Text(50, '联系人（法人或其他组织）')),
  phone: Text(30, '联系电话'),
  email: Type.Optional(Text(254, '电子邮箱')),
  address: Type.Optional(Text(300, '通信地址')),
  postalCode: Type.Optional(Text(10, '邮政编码')),
  description: Text(4000, '所需信息的名称、文号或者便于查询的特征性描述'),
  docNumber: Type.Optional(Text(200, '文号')),
  purpose: Type.Optional(Text(1000, '用途（选填）')),
  deliveryForm: DeliveryFormSchema,
  deliveryMethod: DeliveryMethodSchema,
};

export const ApplyBody = Type.Object(
  { ...ApplicantFields, idempotencyKey: Type.String({ maxLength: 80, description: '表单防重复提交标识' }) },
  { additionalProperties: false },
);
export type ApplyBody = Static<typeof ApplyBody>;

export const RegisterBody = Type.Object(
  {
    ...ApplicantFields,
    channel: ChannelSchema,
    receivedAt: Type.String({ format: 'date-time', description: '收到申请的时间（签收、确认或提交之时）' }),
    idempotencyKey: Type.String({ maxLength: 80 }),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const CorrectionBody = Type.Object(
  {
    items: Type.Array(Text(300, '需要补正的事项'), { minItems: 1, maxItems: 10 }),
    deadline: Type.Optional(CivilDay),
  },
  { additionalProperties: false },
);
export type CorrectionBody = Static<typeof CorrectionBody>;

export const SupplementBody = Type.Object(
  {
    text: Text(4000, '补正内容'),
    description: Type.Optional(Text(4000, '补正后的所需信息描述')),
  },
  { additionalProperties: false },
);
export type SupplementBody = Static<typeof SupplementBody>;

export const ExtensionBody = Type.Object(
  {
    days: Type.Integer({ minimum: 1, maximum: 20, description: '延长的工作日数' }),
    approver: Text(100, '批准延期的政府信息公开工作机构负责人'),
    reason: Text(1000, '延期理由'),
  },
  { additionalProperties: false },
);
export type ExtensionBody = Static<typeof ExtensionBody>;

export const ConsultationBody = Type.Object(
  { party: Text(200, '征求意见的第三方或其他机关') },
  { additionalProperties: false },
);
export const ConsultationReplyBody = Type.Object(
  { reply: Text(2000, '第三方意见（逾期未答复的请注明）') },
  { additionalProperties: false },
);

export const FeeNoticeBody = Type.Object(
  {
    method: FeeMethodSchema,
    quantity: Type.Integer({ minimum: 1, maximum: 100000, description: '当月第几件申请，或页数' }),
  },
  { additionalProperties: false },
);
export type FeeNoticeBody = Static<typeof FeeNoticeBody>;

export const AnswerBody = Type.Object(
  {
    disposition: Type.Optional(DispositionSchema),
    reason: Type.Optional(Text(2000, '理由或依据')),
    replyText: Text(20000, '答复书（告知书）正文'),
  },
  { additionalProperties: false },
);
export type AnswerBody = Static<typeof AnswerBody>;

export const DraftQuery = Type.Object({
  disposition: DispositionSchema,
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const ListQuery = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  status: Type.Optional(Type.Union([StatusSchema, Type.Literal('open')])),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});
export type ListQuery = Static<typeof ListQuery>;

export const DeliveryView = Type.Object({
  channel: Type.String(),
  kind: Type.String(),
  subject: Type.String(),
  target: Type.String(),
  status: Type.String(),
  sentAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const EventView = Type.Object({
  kind: Type.String(),
  label: Type.String(),
  detail: Type.String(),
  actorName: Type.String(),
  at: Instant,
});

export const ApplicationSummary = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  serial: Type.String({ description: '编号，如 依申〔2026〕第12号' }),
  channel: ChannelSchema,
  applicantType: ApplicantTypeSchema,
  applicantTypeLabel: Type.String(),
  applicantName: Type.String({ description: '工作人员看到完整姓名，公开页面只显示遮挡后的姓名' }),
  description: Type.String(),
  status: StatusSchema,
  statusName: Type.String(),
  submittedAt: Instant,
  receivedAt: Instant,
  disposition: Nullable(DispositionSchema),
  dispositionName: Nullable(Type.String()),
  answeredAt: Nullable(Instant),
  clock: ClockView,
  /** What the staff must do next, in words. */
  next: Type.String(),
});
export type ApplicationSummary = Static<typeof ApplicationSummary>;

export const ApplicationDetail = Type.Object({
  ...ApplicationSummary.properties,
  idType: IdTypeSchema,
  idNumber: Type.String(),
  contactPerson: Nullable(Type.String()),
  phone: Type.String(),
  email: Nullable(Type.String()),
  address: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  docNumber: Type.String(),
  purpose: Type.String(),
  deliveryForm: DeliveryFormSchema,
  deliveryMethod: DeliveryMethodSchema,
  correction: Nullable(
    Type.Object({
      items: Type.Array(Type.String()),
      sentAt: Instant,
      deadline: CivilDay,
      correctedAt: Nullable(Instant),
      text: Nullable(Type.String()),
    }),
  ),
  /** The last day a 补正 notice may still be sent (7 working days after receipt), null once sent or too late. */
  correctionAllowedUntil: Nullable(CivilDay),
  extension: Nullable(
    Type.Object({ days: Type.Integer(), approver: Type.String(), reason: Type.String(), at: Instant }),
  ),
  consultations: Type.Array(
    Type.Object({
      id: Type.Integer(),
      party: Type.String(),
      sentAt: Instant,
      dueOn: CivilDay,
      repliedAt: Nullable(Instant),
      reply: Nullable(Type.String()),
    }),
  ),
  fee: Nullable(
    Type.Object({
      method: FeeMethodSchema,
      quantity: Type.Integer(),
      amount: Type.Integer({ description: '元' }),
      noticeAt: Instant,
      deadline: CivilDay,
      paidAt: Nullable(Instant),
    }),
  ),
  /** 按件计收: which application of the calendar month this is for the same applicant. */
  nthThisMonth: Type.Integer(),
  dispositionReason: Nullable(Type.String()),
  replyText: Nullable(Type.String()),
  events: Type.Array(EventView),
  deliveries: Type.Array(DeliveryView),
});
export type ApplicationDetail = Static<typeof ApplicationDetail>;

export const ApplicationList = Type.Object({
  items: Type.Array(ApplicationSummary),
  counts: Type.Record(Type.String(), Type.Integer()),
});
export type ApplicationList = Static<typeof ApplicationList>;

export const Created = Type.Object({ id: Type.Integer(), serial: Type.String() });

export const DraftView = Type.Object({ replyText: Type.String() });

/** The rules the console needs to lay out its forms: dispositions grouped as in Table 三, fees, limits. */
export const RulesView = Type.Object({
  dispositions: Type.Array(
    Type.Object({
      code: DispositionSchema,
      group: Type.String(),
      groupLabel: Type.String(),
      label: Type.String(),
      needsReason: Type.Boolean(),
    }),
  ),
  limits: Type.Object({
    answerDays: Type.Integer(),
    maxExtension: Type.Integer(),
    correctionNoticeDays: Type.Integer(),
    consultationDays: Type.Integer(),
    feePaymentDays: Type.Integer(),
  }),
});
export type RulesView = Static<typeof RulesView>;
