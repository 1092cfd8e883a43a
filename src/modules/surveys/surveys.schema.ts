// Schemas of 公众调查: the questionnaire staff build, the views of the console (live results, moderation) and of
// the answer a client sends.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { Instant, Keys, Nullable, OneOf } from '../participation/schema-kit.ts';
import { QUESTION_TYPES } from './survey-definition.ts';

export const AccessSchema = OneOf(
  ['account', 'anonymous'] as const,
  'account：登录后每个账号一份；anonymous：匿名，每台设备一份（工作量证明）',
);
export const SurveyStatusSchema = OneOf(['draft', 'in_review', 'released', 'withdrawn'] as const, '发布状态');
export const SurveyPhaseSchema = OneOf(
  ['draft', 'in_review', 'scheduled', 'open', 'closed', 'withdrawn'] as const,
  '阶段',
);

export const QuestionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }),
    type: Keys(QUESTION_TYPES, '题型'),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 30 })),
    rows: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    scale: Type.Optional(Type.Integer({ minimum: 2, maximum: 10 })),
    maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 10, maximum: 2000 })),
    showIf: Type.Optional(
      Type.Object(
        {
          question: Type.String({ maxLength: 40 }),
          anyOf: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1, maxItems: 30 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const SurveyInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 200 }),
    intro: Type.String({ maxLength: 5000, description: '调查说明' }),
    access: AccessSchema,
    opensAt: Type.String({ format: 'date-time' }),
    closesAt: Type.String({ format: 'date-time' }),
    questions: Type.Array(QuestionSchema, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type SurveyInput = Static<typeof SurveyInput>;

const OptionCount = Type.Object({ label: Type.String(), count: Type.Integer(), share: Type.Number() });
export const QuestionResultSchema = Type.Object({
  id: Type.String(),
  no: Type.Integer(),
  title: Type.String(),
  type: Keys(QUESTION_TYPES, '题型'),
  answered: Type.Integer(),
  options: Type.Array(OptionCount),
  average: Nullable(Type.Number()),
  matrix: Type.Array(Type.Object({ row: Type.String(), counts: Type.Array(Type.Integer()) })),
  texts: Type.Array(Type.String()),
});

export const SurveySummary = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  title: Type.String(),
  access: AccessSchema,
  status: SurveyStatusSchema,
  phase: SurveyPhaseSchema,
  phaseName: Type.String(),
  opensAt: Instant,
  closesAt: Instant,
  releasedAt: Nullable(Instant),
  noticeContentId: Nullable(Type.Integer()),
  reviewState: Nullable(Type.String()),
  responses: Type.Integer(),
  held: Type.Integer(),
  pendingTexts: Type.Integer(),
  /** The day the results must be public by (one month after closing) — the results page opens at closing. */
  feedbackDue: Type.String(),
});
export type SurveySummary = Static<typeof SurveySummary>;

export const SurveyDetail = Type.Object({
  ...SurveySummary.properties,
  intro: Type.String(),
  questions: Type.Array(QuestionSchema),
  results: Type.Object({ responses: Type.Integer(), questions: Type.Array(QuestionResultSchema) }),
});
export type SurveyDetail = Static<typeof SurveyDetail>;

export const SurveyList = Type.Object({ items: Type.Array(SurveySummary) });
export type SurveyList = Static<typeof SurveyList>;

export const ModerationItem = Type.Object({
  id: Type.Integer(),
  kind: OneOf(['text', 'response'] as const, 'text：填空题答案；response：未经工作量证明的匿名答卷'),
  questionTitle: Type.String(),
  text: Type.String(),
  status: Type.String(),
  submittedAt: Instant,
});
export const ModerationList = Type.Object({ items: Type.Array(ModerationItem) });
export type ModerationList = Static<typeof ModerationList>;

export const ModerationDecision = Type.Object(
  {
    kind: OneOf(['text', 'response'] as const, '对象'),
    decision: OneOf(['approve', 'reject'] as const, '通过或不予采用'),
  },
  { additionalProperties: false },
);
export type ModerationDecision = Static<typeof ModerationDecision>;

export const AnswerBody = Type.Object(
  {
    answers: Type.Record(Type.String(), Type.Unknown()),
    idempotencyKey: Type.Optional(Type.String({ maxLength: 80 })),
  },
  { additionalProperties: false },
);
