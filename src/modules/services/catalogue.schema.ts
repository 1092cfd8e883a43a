// Request and response schemas of the service catalogue, guides, contacts, vague words and themes (一件事).
import { type Static, Type } from '@fastify/type-provider-typebox';
import {
  AUDIENCES,
  CASE_TYPES,
  ITEM_STATUSES,
  ITEM_TYPES,
  MATERIAL_FORMS,
  MATERIAL_MEDIA,
  MATERIAL_SOURCES,
  SERVICE_THEMES,
} from './service-types.ts';

const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], description }));
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = (max: number, description?: string) => Type.String({ maxLength: max, description });

export const ItemParams = Type.Object({ siteId: Type.Integer({ minimum: 1 }), itemId: Type.Integer({ minimum: 1 }) });
export const ThemeParams = Type.Object({ siteId: Type.Integer({ minimum: 1 }), themeId: Type.Integer({ minimum: 1 }) });

export const ItemInput = Type.Object(
  {
    code: Type.String({ minLength: 4, maxLength: 60, description: '事项编码' }),
    name: Type.String({ minLength: 2, maxLength: 200, description: '事项名称' }),
    type: oneOf(ITEM_TYPES, '事项类型'),
    audiences: Type.Array(oneOf(AUDIENCES, '服务对象'), { minItems: 1, maxItems: 2, uniqueItems: true }),
    theme: oneOf(SERVICE_THEMES, '主题分类'),
    departmentId: Type.Integer({ minimum: 1, description: '实施部门' }),
    events: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 10, description: '人生/企业事件' }),
    keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 20, description: '搜索关键词' }),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
);
export type ItemInput = Static<typeof ItemInput>;

export const GuideBasisSchema = Type.Object(
  {
    title: Text(300, '文件名称'),
    articles: Text(2000, '条款'),
    documentId: nullable(Type.Integer({ minimum: 1, description: '本站政策文件库中的文件' })),
  },
  { additionalProperties: false },
);

export const GuideMaterialSchema = Type.Object(
  {
    name: Text(200, '材料名称'),
    form: nullable(oneOf(MATERIAL_FORMS, '原件/复印件')),
    medium: nullable(oneOf(MATERIAL_MEDIA, '纸质/电子')),
    copies: nullable(Type.Integer({ minimum: 0, maximum: 99, description: '份数' })),
    source: nullable(oneOf(MATERIAL_SOURCES, '来源渠道')),
    sourceNote: Text(200, '来源说明'),
    required: Type.Boolean({ description: '是否必需' }),
    notes: Text(2000, '填报须知'),
    isForm: Type.Boolean({ description: '需填写的表格' }),
    blankFileId: nullable(Type.Integer({ minimum: 1, description: '空白表格' })),
    sampleFileId: nullable(Type.Integer({ minimum: 1, description: '示例样表' })),
    formUrl: Text(500, '表格获取渠道（网址）'),
  },
  { additionalProperties: false },
);

export const GuideDataSchema = Type.Object(
  {
    name: Text(200, '事项名称'),
    basis: Type.Array(GuideBasisSchema, { maxItems: 30, description: '设定依据' }),
    conditions: Text(5000, '申请条件'),
    materials: Type.Array(GuideMaterialSchema, { maxItems: 60, description: '办理材料' }),
    place: Text(1000, '办理地点'),
    organ: Text(300, '办理机构'),
    fee: Type.Object(
      { standard: Text(1000, '收费标准'), basis: Text(1000, '收费依据') },
      { additionalProperties: false },
    ),
    hours: Text(1000, '办理时间'),
    phones: Type.Object(
      { consult: Text(200, '咨询电话'), complaint: Text(200, '监督投诉电话') },
      { additionalProperties: false },
    ),
    process: Type.Array(
      Type.Object({ title: Text(100, '环节'), detail: Text(1000, '说明') }, { additionalProperties: false }),
      { maxItems: 30, description: '办理流程' },
    ),
    statutoryDays: nullable(Type.Integer({ minimum: 0, maximum: 1000, description: '法定时限（工作日）' })),
    promisedDays: nullable(Type.Integer({ minimum: 0, maximum: 1000, description: '承诺时限（工作日）' })),
    caseType: nullable(oneOf(CASE_TYPES, '办件类型')),
    online: Type.Boolean({ description: '是否网办' }),
    visits: nullable(Type.Integer({ minimum: 0, maximum: 10, description: '到现场次数' })),
  },
  { additionalProperties: false },
);
export type GuideDataInput = Static<typeof GuideDataSchema>;

export const GuideFindingView = Type.Object({
  code: Type.String(),
  indicatorId: Type.String(),
  indicator: Type.String(),
  subRule: Type.Integer(),
  points: Type.Number(),
  cost: Type.String(),
  field: Type.String(),
  place: Type.String(),
  message: Type.String(),
  excerpt: Type.Optional(Type.String()),
  alsoAffects: Type.Optional(Type.Array(Type.String())),
});
export type GuideFindingView = Static<typeof GuideFindingView>;

/** Where a guide stands: none yet, a draft, in review, published (and changed since), returned. */
export const GUIDE_STATES = ['none', 'draft', 'reviewing', 'returned', 'published', 'changed', 'withdrawn'] as const;
export type GuideState = (typeof GUIDE_STATES)[number];

export const ItemView = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  kind: Type.String(),
  audiences: Type.Array(Type.String()),
  theme: Type.String(),
  departmentId: Type.Integer(),
  departmentName: Type.String(),
  events: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
  sort: Type.Integer(),
  status: oneOf(ITEM_STATUSES, '状态'),
  contentId: nullable(Type.Integer()),
  guideState: oneOf(GUIDE_STATES, '指南状态'),
  /** The published guide's summary (null until published). */
  online: Type.Boolean(),
  promisedDays: nullable(Type.Integer()),
  statutoryDays: nullable(Type.Integer()),
  publicPath: Type.String(),
  updatedAt: Type.String(),
});
export type ItemView = Static<typeof ItemView>;

export const ItemList = Type.Object({ items: Type.Array(ItemView) });

export const FileRef = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  url: Type.String(),
  size: Type.Integer(),
});

export const PolicyOption = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  docNumber: nullable(Type.String()),
  url: Type.String(),
});

export const GuideView = Type.Object({
  item: ItemView,
  data: GuideDataSchema,
  /** The content version the working copy was saved as (null: never saved). */
  version: nullable(Type.Integer()),
  publishedVersion: nullable(Type.Integer()),
  published: nullable(GuideDataSchema),
  findings: Type.Array(GuideFindingView),
  /** The files the guide refers to, by id. */
  files: Type.Array(FileRef),
  /** The site's policy library, for linking 设定依据. */
  policies: Type.Array(PolicyOption),
  review: nullable(
    Type.Object({
      requestId: Type.Integer(),
      state: Type.String(),
      outcome: Type.String(),
      submittedAt: Type.String(),
    }),
  ),
});
export type GuideView = Static<typeof GuideView>;

export const GuideCheckResult = Type.Object({ findings: Type.Array(GuideFindingView) });

export const GuideSubmitInput = Type.Object(
  {
    secret: Type.Unsafe<'是' | '否' | '不明确'>(Type.String({ enum: ['是', '否', '不明确'], description: '是否涉密' })),
  },
  { additionalProperties: false },
);

export const GuideSubmitResult = Type.Object({ requestId: Type.Integer(), state: Type.String() });

/** The dashboard: every published guide's findings, per item. */
export const GuideDashboard = Type.Object({
  checkedAt: Type.String(),
  items: Type.Array(
    Type.Object({
      item: ItemView,
      hasGuide: Type.Boolean(),
      findings: Type.Array(GuideFindingView),
      cost: Type.Record(Type.String(), Type.Number()),
    }),
  ),
  totals: Type.Object({
    items: Type.Integer(),
    withoutGuide: Type.Integer(),
    withFindings: Type.Integer(),
    impractical: Type.Integer(),
  }),
});
export type GuideDashboard = Static<typeof GuideDashboard>;

export const ContactsView = Type.Object({
  departments: Type.Array(
    Type.Object({
      departmentId: Type.Integer(),
      departmentName: Type.String(),
      consult: Type.Array(Type.String()),
      complaint: Type.Array(Type.String()),
      updatedAt: nullable(Type.String()),
    }),
  ),
});

export type ContactsView = Static<typeof ContactsView>;

export const ContactsInput = Type.Object(
  {
    consult: Type.Array(Type.String({ minLength: 3, maxLength: 40 }), { maxItems: 10 }),
    complaint: Type.Array(Type.String({ minLength: 3, maxLength: 40 }), { maxItems: 10 }),
  },
  { additionalProperties: false },
);

export const DepartmentParams = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  departmentId: Type.Integer({ minimum: 1 }),
});

export const VagueWordsView = Type.Object({ words: Type.Array(Type.String()), isDefault: Type.Boolean() });
export const VagueWordsInput = Type.Object(
  { words: Type.Array(Type.String({ maxLength: 50 }), { maxItems: 2000 }) },
  { additionalProperties: false },
);

export const ThemeFlowStep = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 60 }),
    detail: Type.String({ maxLength: 500 }),
    itemIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const ThemeInput = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,58}$', description: '访问路径（小写字母、数字、短横线）' }),
    name: Type.String({ minLength: 2, maxLength: 100, description: '主题名称，如“企业开办一件事”' }),
    audience: oneOf(AUDIENCES, '服务对象'),
    description: Type.String({ maxLength: 2000 }),
    itemIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 2, maxItems: 20, uniqueItems: true }),
    flow: Type.Array(ThemeFlowStep, { minItems: 1, maxItems: 20 }),
    keywords: Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type ThemeInput = Static<typeof ThemeInput>;

export const ThemeView = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  audience: Type.String(),
  description: Type.String(),
  itemIds: Type.Array(Type.Integer()),
  flow: Type.Array(ThemeFlowStep),
  keywords: Type.Array(Type.String()),
  status: Type.String(),
  publishedAt: nullable(Type.String()),
  publicPath: Type.String(),
  updatedAt: Type.String(),
});
export type ThemeView = Static<typeof ThemeView>;
export const ThemeList = Type.Object({ themes: Type.Array(ThemeView) });

export const ImportResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export type ImportResult = Static<typeof ImportResult>;
