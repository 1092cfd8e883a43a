// Schemas of 意见征集 and 意见反馈: opening a draft policy for comment, the comments with moderation and adoption,
// and the views of the console.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { CivilDay, Instant, Nullable, OneOf } from '../participation/schema-kit.ts';

export const ADOPTIONS = ['采纳', '部分采纳', '未采纳'] as const;
export type Adoption = (typeof ADOPTIONS)[number];
export const AdoptionSchema = OneOf(ADOPTIONS, '采纳情况');

export const SolicitationInput = Type.Object(
  {
    policyContentId: Type.Integer({ minimum: 1, description: '征求意见的政策文件（草稿）' }),
    title: Type.Optional(Type.String({ maxLength: 200, description: '公告标题；不填则按文件名生成' })),
    intro: Type.String({ maxLength: 5000, description: '征求意见说明' }),
    opensAt: Type.String({ format: 'date-time' }),
    days: Type.Optional(
      Type.Integer({ minimum: 7, maximum: 90, default: 30, description: '征求意见天数，默认 30 天' }),
    ),
  },
  { additionalProperties: false },
);
export type SolicitationInput = Static<typeof SolicitationInput>;

export const Paragraph = Type.Object({ id: Type.String(), text: Type.String(), heading: Type.Boolean() });
export type Paragraph = Static<typeof Paragraph>;

export const CommentView = Type.Object({
  id: Type.Integer(),
  paragraphId: Nullable(Type.String()),
  paragraphLabel: Type.String(),
  authorName: Type.String(),
  text: Type.String(),
  status: OneOf(['pending', 'approved', 'rejected'] as const, '审核状态'),
  moderationNote: Type.String(),
  adoption: Nullable(AdoptionSchema),
  adoptionReason: Nullable(Type.String()),
  submittedAt: Instant,
});
export type CommentView = Static<typeof CommentView>;

export const SolicitationSummary = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  title: Type.String(),
  policyContentId: Nullable(Type.Integer()),
  status: OneOf(['draft', 'in_review', 'released', 'withdrawn'] as const, '发布状态'),
  phase: OneOf(['draft', 'in_review', 'scheduled', 'open', 'closed', 'withdrawn'] as const, '阶段'),
  phaseName: Type.String(),
  days: Type.Integer(),
  opensAt: Instant,
  closesAt: Instant,
  noticeContentId: Nullable(Type.Integer()),
  reviewState: Nullable(Type.String()),
  comments: Type.Integer(),
  pending: Type.Integer(),
  feedbackContentId: Nullable(Type.Integer()),
  feedbackReviewState: Nullable(Type.String()),
  feedbackPublishedAt: Nullable(Instant),
  /** One month after closing (调查征集: feedback within a month of every activity). */
  feedbackDue: CivilDay,
  feedbackOverdue: Type.Boolean(),
});
export type SolicitationSummary = Static<typeof SolicitationSummary>;

export const SolicitationDetail = Type.Object({
  ...SolicitationSummary.properties,
  intro: Type.String(),
  paragraphs: Type.Array(Paragraph),
  comments: Type.Array(CommentView),
});
export type SolicitationDetail = Static<typeof SolicitationDetail>;

export const ModerateBody = Type.Object(
  {
    decision: OneOf(['approve', 'reject'] as const, '公开或不予公开'),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ModerateBody = Static<typeof ModerateBody>;

export const AdoptBody = Type.Object(
  { adoption: AdoptionSchema, reason: Type.String({ maxLength: 2000, description: '采纳情况的理由' }) },
  { additionalProperties: false },
);
export type AdoptBody = Static<typeof AdoptBody>;

export const CommentBody = Type.Object(
  {
    paragraphId: Type.Optional(Type.String({ maxLength: 20, description: '针对的段落；不填为针对全文' })),
    text: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CommentBody = Static<typeof CommentBody>;

export const DraftPolicy = Type.Object({ id: Type.Integer(), title: Type.String(), updatedAt: Instant });
export type DraftPolicy = Static<typeof DraftPolicy>;

export const SolicitationList = Type.Object({ items: Type.Array(SolicitationSummary) });
export type SolicitationList = Static<typeof SolicitationList>;
export const DraftPolicyList = Type.Object({ items: Type.Array(DraftPolicy) });
export type DraftPolicyList = Static<typeof DraftPolicyList>;
export const CommentParams = Type.Object({ id: Type.Integer({ minimum: 1 }), commentId: Type.Integer({ minimum: 1 }) });
export const Submitted = Type.Object({
  contentId: Type.Integer(),
  reviewRequestId: Type.Integer(),
  reviewState: Type.String(),
});
