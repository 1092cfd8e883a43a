// Schemas of the two annual reports: 政府信息公开工作年度报告 (tables 二/三/四 and the narrative) and 政府网站工作年度报表
// (fields by section, each with its origin).
import { Type, type Static } from '@fastify/type-provider-typebox';
import { Instant, Nullable, OneOf } from '../participation/schema-kit.ts';

export const ReportStatus = OneOf(
  ['draft', 'in_review', 'published'] as const,
  '状态：draft 草稿、in_review 审查中、published 已发布',
);
export type ReportStatus = Static<typeof ReportStatus>;

export const YearParams = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
});

const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
const DocRow = Type.Object({ made: Count, repealed: Count, inForce: Count });

export const Table2Schema = Type.Object({
  rules: DocRow,
  normative: DocRow,
  licensing: Count,
  penalties: Count,
  enforcement: Count,
  feesTenThousand: Type.Number({ minimum: 0, maximum: 1_000_000 }),
});
export const Table3Schema = Type.Record(Type.String(), Type.Array(Type.Integer(), { minItems: 7, maxItems: 7 }));
export const Table4Schema = Type.Object({
  review: Type.Array(Count, { minItems: 5, maxItems: 5 }),
  litigationDirect: Type.Array(Count, { minItems: 5, maxItems: 5 }),
  litigationAfterReview: Type.Array(Count, { minItems: 5, maxItems: 5 }),
});
export const NarrativeSchema = Type.Object({
  overview: Type.String({ maxLength: 20000, description: '一、总体情况' }),
  problems: Type.String({ maxLength: 20000, description: '五、存在的主要问题及改进情况' }),
  other: Type.String({ maxLength: 20000, description: '六、其他需要报告的事项' }),
});

export const DisclosureReportView = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  year: Type.Integer(),
  status: ReportStatus,
  reviewState: Nullable(Type.String()),
  contentId: Nullable(Type.Integer()),
  generatedAt: Instant,
  publishedAt: Nullable(Instant),
  /** Published after 31 January of the next year (条例 第四十九条). */
  late: Type.Boolean(),
  organ: Type.String(),
  table2: Table2Schema,
  table3: Table3Schema,
  table3Generated: Table3Schema,
  table4: Table4Schema,
  feesCollected: Type.Integer(),
  narrative: NarrativeSchema,
  /** The consistency checks of the format; empty when the report adds up. */
  problems: Type.Array(Type.String()),
  rows: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
});
export type DisclosureReportView = Static<typeof DisclosureReportView>;

export const DisclosureReportUpdate = Type.Object(
  {
    table2: Type.Optional(Table2Schema),
    table3: Type.Optional(Table3Schema),
    table4: Type.Optional(Table4Schema),
    narrative: Type.Optional(NarrativeSchema),
  },
  { additionalProperties: false },
);
export type DisclosureReportUpdate = Static<typeof DisclosureReportUpdate>;

const FieldValue = Type.Union([Type.Number(), Type.String({ maxLength: 500 }), Type.Boolean(), Type.Null()]);

export const WebsiteReportView = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  year: Type.Integer(),
  status: ReportStatus,
  reviewState: Nullable(Type.String()),
  contentId: Nullable(Type.Integer()),
  generatedAt: Instant,
  publishedAt: Nullable(Instant),
  late: Type.Boolean(),
  sections: Type.Array(
    Type.Object({
      key: Type.String(),
      title: Type.String(),
      fields: Type.Array(
        Type.Object({
          key: Type.String(),
          label: Type.String(),
          unit: Nullable(Type.String()),
          kind: OneOf(['number', 'boolean', 'text'] as const, '字段类型'),
          value: FieldValue,
          origin: OneOf(
            ['system', 'module', 'manual', 'absent'] as const,
            '来源：系统数据、其他模块、手工填写、模块未启用',
          ),
          note: Nullable(Type.String()),
        }),
      ),
    }),
  ),
});
export type WebsiteReportView = Static<typeof WebsiteReportView>;

export const WebsiteReportUpdate = Type.Object(
  { manual: Type.Record(Type.String({ maxLength: 40 }), FieldValue) },
  { additionalProperties: false },
);
export type WebsiteReportUpdate = Static<typeof WebsiteReportUpdate>;

export const ReportListItem = Type.Object({
  kind: OneOf(['disclosure', 'website'] as const, 'disclosure 信息公开年报；website 网站年度报表'),
  year: Type.Integer(),
  status: ReportStatus,
  publishedAt: Nullable(Instant),
  late: Type.Boolean(),
});

/** Where the year's two reports stand against their deadline (31 January of the next year). */
export const ReportDeadline = Type.Object({
  year: Type.Integer(),
  due: Type.String({ description: '截止日期 yyyy-MM-dd' }),
  kind: OneOf(['disclosure', 'website'] as const, '报告'),
  title: Type.String(),
  status: OneOf(['published', 'published-late', 'due', 'overdue', 'not-yet'] as const, '状态'),
  message: Type.String(),
});

export const ReportsOverview = Type.Object({
  reports: Type.Array(ReportListItem),
  deadlines: Type.Array(ReportDeadline),
});
export type ReportsOverview = Static<typeof ReportsOverview>;

export const SubmitResult = Type.Object({
  contentId: Type.Integer(),
  reviewRequestId: Type.Integer(),
  reviewState: Type.String(),
});
