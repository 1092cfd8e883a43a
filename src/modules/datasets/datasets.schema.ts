// Request and response schemas of the data release module: the staff API (data sets, versions, charts,
// submission for review) and the open data API (/api/open/datasets).
import { Type, type Static } from '@fastify/type-provider-typebox';
import { CHART_KINDS, type ChartKind } from '../../platform/charts.ts';
import { COLUMN_TYPES, type ColumnType } from './column-types.ts';
import { StringEnum } from '../../platform/schemas.ts';
import { CONTENT_STATUS_VALUES } from '../content/content-types.ts';
import { REVIEW_STATE_VALUES } from '../review/review.schema.ts';

const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], description }));

/** 数据领域: the themes of the national open-data catalogues. */
export const DATASET_THEMES = [
  '综合政务',
  '经济发展',
  '财税金融',
  '政务服务',
  '社会民生',
  '教育科技',
  '卫生健康',
  '社保就业',
  '城建住房',
  '交通运输',
  '资源环境',
  '农业农村',
  '文化旅游',
  '市场监管',
  '公共安全',
  '信用服务',
  '机构团体',
  '其他',
] as const;
export type DatasetTheme = (typeof DATASET_THEMES)[number];
/** 更新周期. */
export const UPDATE_FREQUENCIES = ['每月', '每季度', '每半年', '每年', '不定期'] as const;
/** 共享属性 of the government information resource catalogue. */
export const SHARE_TYPES = ['无条件共享', '有条件共享', '不予共享'] as const;
/** 开放属性: only data open to the public (无条件 or 有条件) is released on the website. */
export const OPEN_TYPES = ['无条件开放', '有条件开放', '不予开放'] as const;
export const DEFAULT_LICENCE = '政府数据开放许可（可免费获取、使用和传播，使用时须注明来源）';
export const AGGREGATES = { sum: '求和', avg: '平均值', max: '最大值', count: '计数', last: '取最后一个值' } as const;
export type Aggregate = keyof typeof AGGREGATES;

const Month = Type.String({ pattern: '^\\d{4}-\\d{2}(-\\d{2})?$', description: 'yyyy-MM 或 yyyy-MM-dd' });

export const DatasetInput = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100, description: '数据集名称' }),
    description: Type.String({ minLength: 10, maxLength: 2000, description: '摘要：数据的内容、口径和用途' }),
    identifier: Type.Optional(
      Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z/._-]{3,63}$', description: '资源代码（留空自动生成）' }),
    ),
    theme: oneOf(DATASET_THEMES, '数据领域'),
    keywords: Type.String({ maxLength: 200, description: '关键词，以逗号分隔' }),
    departmentId: Type.Integer({ minimum: 1, description: '数据提供部门' }),
    updateFrequency: oneOf(UPDATE_FREQUENCIES, '更新周期'),
    coverageFrom: Type.Union([Month, Type.Null()], { description: '数据时间范围起' }),
    coverageTo: Type.Union([Month, Type.Null()], { description: '数据时间范围止' }),
    licence: Type.String({ minLength: 2, maxLength: 100, description: '开放许可' }),
    contact: Type.String({ minLength: 2, maxLength: 200, description: '联系方式（部门、电话或邮箱）' }),
    shareType: oneOf(SHARE_TYPES, '共享属性'),
    shareCondition: Type.String({ maxLength: 500, description: '共享条件（有条件共享时填写）' }),
    openType: oneOf(OPEN_TYPES, '开放属性'),
    openCondition: Type.String({ maxLength: 500, description: '开放条件（有条件开放时填写）' }),
    autoProvider: Type.Optional(
      Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: '站点数据来源（每月自动生成新版本）' }),
    ),
  },
  { additionalProperties: false },
);
export type DatasetInput = Static<typeof DatasetInput>;

export const ColumnSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60 }),
    type: Type.Unsafe<ColumnType>(Type.String({ enum: Object.keys(COLUMN_TYPES), description: '列类型' })),
    description: Type.String({ maxLength: 200, description: '说明' }),
    unit: Type.String({ maxLength: 20, description: '计量单位' }),
  },
  { additionalProperties: false },
);

export const ConfirmColumns = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '版本名称，如“2026年10月”' })),
    columns: Type.Array(ColumnSchema, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type ConfirmColumns = Static<typeof ConfirmColumns>;

export const ChartDefinition = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    kind: Type.Unsafe<ChartKind>(Type.String({ enum: Object.keys(CHART_KINDS), description: '图表类型' })),
    categoryColumn: Type.String({ minLength: 1, maxLength: 60, description: '类别（横轴或扇区）所在的列' }),
    valueColumns: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), {
      minItems: 1,
      maxItems: 8,
      description: '数值列（饼图只取一列）',
    }),
    aggregate: Type.Unsafe<Aggregate>(
      Type.String({ enum: Object.keys(AGGREGATES), description: '同一类别多行时的汇总方式' }),
    ),
    filter: Type.Union(
      [
        Type.Object(
          { column: Type.String({ minLength: 1, maxLength: 60 }), value: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { description: '只取某列等于某值的行（如某个月）' },
    ),
    unit: Type.String({ maxLength: 20 }),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type ChartDefinition = Static<typeof ChartDefinition>;

export const SubmitInput = Type.Object(
  {
    secret: Type.Unsafe<'是' | '否' | '不明确'>(Type.String({ enum: ['是', '否', '不明确'], description: '是否涉密' })),
    releaseForm: Type.Unsafe<'网站公开' | '依申请提供' | '其他'>(
      Type.String({ enum: ['网站公开', '依申请提供', '其他'], description: '发布形式' }),
    ),
  },
  { additionalProperties: false },
);
export type SubmitInput = Static<typeof SubmitInput>;

export const UploadQuery = Type.Object({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '版本名称' })),
  note: Type.Optional(Type.String({ maxLength: 500, description: '版本说明' })),
});
export type UploadQuery = Static<typeof UploadQuery>;

// ───────────── views ─────────────

const ColumnView = ColumnSchema;
export const VersionView = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer({ description: '版本号' }),
  label: Type.String(),
  note: Type.String(),
  columns: Type.Array(ColumnView),
  rowCount: Type.Integer(),
  sourceKind: Type.String(),
  sourceName: Type.String(),
  encoding: Type.String(),
  state: Type.String({ description: 'uploaded：待确认列类型；confirmed：已确认' }),
  releasedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type VersionView = Static<typeof VersionView>;

export const ChartView = Type.Object({ id: Type.Integer(), ...ChartDefinition.properties, sort: Type.Integer() });
export type ChartView = Static<typeof ChartView>;

const MetadataProps = {
  identifier: Type.String({ description: '资源代码' }),
  title: Type.String(),
  description: Type.String(),
  theme: Type.String({ description: '数据领域' }),
  keywords: Type.String(),
  departmentId: Type.Integer(),
  departmentName: Type.String({ description: '数据提供部门' }),
  updateFrequency: Type.String({ description: '更新周期' }),
  coverageFrom: Type.Union([Type.String(), Type.Null()]),
  coverageTo: Type.Union([Type.String(), Type.Null()]),
  licence: Type.String({ description: '开放许可' }),
  contact: Type.String(),
  shareType: Type.String({ description: '共享属性' }),
  shareCondition: Type.String(),
  openType: Type.String({ description: '开放属性' }),
  openCondition: Type.String(),
  autoProvider: Type.Union([Type.String(), Type.Null()]),
};
export const Metadata = Type.Object(MetadataProps);
export type Metadata = Static<typeof Metadata>;

export const DatasetSummary = Type.Object({
  id: Type.Integer(),
  siteId: Type.Integer(),
  contentId: Type.Integer(),
  ...MetadataProps,
  status: StringEnum(CONTENT_STATUS_VALUES, { description: '内容状态' }),
  statusName: Type.String(),
  reviewState: Type.Union([StringEnum(REVIEW_STATE_VALUES), Type.Null()]),
  versions: Type.Integer(),
  updatedAt: Type.String(),
});
export type DatasetSummary = Static<typeof DatasetSummary>;

export const DatasetDetail = Type.Object({
  ...DatasetSummary.properties,
  versionList: Type.Array(VersionView),
  charts: Type.Array(ChartView),
  publicUrl: Type.Union([Type.String(), Type.Null()]),
  columnId: Type.Integer(),
});
export type DatasetDetail = Static<typeof DatasetDetail>;

export const UploadResult = Type.Object({
  version: VersionView,
  /** The first rows, as read, for the editor to check the columns. */
  sample: Type.Array(Type.Array(Type.Union([Type.String(), Type.Null()]))),
  /** Why a proposed type is what it is (taken over from the previous version, or guessed). */
  proposedFrom: Type.String(),
});
export type UploadResult = Static<typeof UploadResult>;

export const ChartPreview = Type.Object({
  svg: Type.String(),
  textAlternative: Type.String(),
  tableHtml: Type.String(),
});

export const DatasetOptions = Type.Object({
  themes: Type.Array(Type.String()),
  updateFrequencies: Type.Array(Type.String()),
  shareTypes: Type.Array(Type.String()),
  openTypes: Type.Array(Type.String()),
  columnTypes: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  chartKinds: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  aggregates: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
  providers: Type.Array(Type.Object({ key: Type.String(), title: Type.String(), description: Type.String() })),
  defaultLicence: Type.String(),
  maxFileBytes: Type.Integer(),
});

// ───────────── the open data API ─────────────

export const OpenListQuery = Type.Object({
  site: Type.Optional(Type.String({ maxLength: 32, description: '站点代码（默认为访问的站点）' })),
  theme: Type.Optional(Type.String({ maxLength: 32, description: '数据领域' })),
  department: Type.Optional(Type.String({ maxLength: 100, description: '数据提供部门名称' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: '名称、摘要或关键词包含的文字' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type OpenListQuery = Static<typeof OpenListQuery>;

export const OpenVersion = Type.Object({
  version: Type.Integer({ description: '版本号' }),
  label: Type.String(),
  rowCount: Type.Integer(),
  releasedAt: Type.String(),
  downloads: Type.Object({ csv: Type.String(), xlsx: Type.String(), json: Type.String() }),
});
export const OpenChart = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  kind: Type.String(),
  svg: Type.String({ description: 'SVG 图片地址' }),
});
export const OpenDataset = Type.Object({
  id: Type.Integer(),
  ...MetadataProps,
  format: Type.Array(Type.String()),
  url: Type.String({ description: '数据集页面' }),
  publishedAt: Type.String(),
  updatedAt: Type.String(),
  columns: Type.Array(ColumnView),
  versions: Type.Array(OpenVersion),
  charts: Type.Array(OpenChart),
});
export type OpenDataset = Static<typeof OpenDataset>;
export const OpenDatasetList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(Type.Omit(OpenDataset, ['columns', 'charts'])),
});

export const RowsQuery = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1, description: '版本号（默认最新版本）' })),
  filter: Type.Optional(
    Type.Array(Type.String({ maxLength: 300 }), {
      maxItems: 10,
      description: '筛选条件，可重复：列名=值、列名!=值、列名>=值、列名<=值、列名>值、列名<值、列名~包含的文字',
    }),
  ),
  q: Type.Optional(Type.String({ maxLength: 100, description: '任一单元格包含的文字' })),
  sort: Type.Optional(Type.String({ maxLength: 60, description: '排序的列名' })),
  order: Type.Optional(Type.Unsafe<'asc' | 'desc'>(Type.String({ enum: ['asc', 'desc'], default: 'asc' }))),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type RowsQuery = Static<typeof RowsQuery>;

export const RowsResult = Type.Object({
  dataset: Type.Integer(),
  version: Type.Integer(),
  columns: Type.Array(ColumnView),
  total: Type.Integer({ description: '符合条件的行数' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  rows: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
});
export type RowsResult = Static<typeof RowsResult>;

export const DownloadParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  version: Type.Integer({ minimum: 1 }),
  format: Type.Unsafe<'csv' | 'xlsx' | 'json'>(Type.String({ enum: ['csv', 'xlsx', 'json'] })),
});
export const ChartSvgParams = Type.Object({ id: Type.Integer({ minimum: 1 }), chartId: Type.Integer({ minimum: 1 }) });
