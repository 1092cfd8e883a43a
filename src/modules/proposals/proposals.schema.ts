// Schemas of 建议提案办理: 人大代表建议 and 政协委员提案 the department handles, their replies, publication and the
// yearly summary.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { CivilDay, Instant, Nullable, OneOf } from '../participation/schema-kit.ts';

export const KINDS = ['npc', 'cppcc'] as const;
export type ProposalKind = (typeof KINDS)[number];
export const KIND_NAMES: Record<ProposalKind, string> = { npc: '人大代表建议', cppcc: '政协委员提案' };
export const ROLES = ['lead', 'assist'] as const;
export const ROLE_NAMES: Record<(typeof ROLES)[number], string> = { lead: '主办', assist: '协办' };
export const SATISFACTIONS = ['满意', '基本满意', '不满意'] as const;
export const STATUSES = ['handling', 'replied', 'in_review', 'published'] as const;

export const ProposalInput = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    kind: OneOf(KINDS, '类别（人大代表建议或政协委员提案）'),
    number: Type.String({ minLength: 1, maxLength: 40, description: '建议、提案编号' }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    proposer: Type.String({ minLength: 1, maxLength: 100, description: '代表或委员姓名' }),
    departmentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    role: OneOf(ROLES, '主办或协办'),
    receivedOn: CivilDay,
    /** 自交办之日起3个月内答复 unless the office sets another date. */
    dueOn: Type.Optional(CivilDay),
  },
  { additionalProperties: false },
);
export type ProposalInput = Static<typeof ProposalInput>;

export const ReplyBody = Type.Object(
  {
    reply: Type.String({ minLength: 1, maxLength: 20000, description: '答复内容' }),
    repliedOn: CivilDay,
    satisfaction: Type.Optional(Nullable(OneOf(SATISFACTIONS, '代表委员满意度'))),
  },
  { additionalProperties: false },
);
export type ReplyBody = Static<typeof ReplyBody>;

export const ProposalView = Type.Object({
  id: Type.Integer(),
  year: Type.Integer(),
  kind: OneOf(KINDS, '类别'),
  kindName: Type.String(),
  number: Type.String(),
  title: Type.String(),
  proposer: Type.String(),
  departmentId: Nullable(Type.Integer()),
  role: OneOf(ROLES, '主办或协办'),
  receivedOn: CivilDay,
  dueOn: CivilDay,
  reply: Type.String(),
  repliedOn: Nullable(CivilDay),
  satisfaction: Nullable(Type.String()),
  status: OneOf(STATUSES, '办理状态'),
  overdue: Type.Boolean(),
  contentId: Nullable(Type.Integer()),
  publishedAt: Nullable(Instant),
});
export type ProposalView = Static<typeof ProposalView>;

export const ProposalList = Type.Object({ items: Type.Array(ProposalView) });
export type ProposalList = Static<typeof ProposalList>;

export const ProposalQuery = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
});

export const KindSummary = Type.Object({
  kind: OneOf(KINDS, '类别'),
  kindName: Type.String(),
  total: Type.Integer(),
  lead: Type.Integer(),
  assist: Type.Integer(),
  replied: Type.Integer(),
  repliedOnTime: Type.Integer(),
  published: Type.Integer(),
  satisfied: Type.Integer(),
  basicallySatisfied: Type.Integer(),
  dissatisfied: Type.Integer(),
});
export const ProposalSummary = Type.Object({ year: Type.Integer(), kinds: Type.Array(KindSummary) });
export type ProposalSummary = Static<typeof ProposalSummary>;
