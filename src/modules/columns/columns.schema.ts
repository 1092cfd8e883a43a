import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable, StringEnum } from '../../platform/schemas.ts';
import { COLUMN_KIND_VALUES, COLUMN_TYPES } from './column-types.ts';

const Fields = {
  name: Type.String({ minLength: 1, maxLength: 50, description: '栏目名称' }),
  fullName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: '栏目全称' })),
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,47}$', description: '访问路径（小写字母、数字、连字符）' }),
  columnType: StringEnum(COLUMN_TYPES, { description: '栏目类型' }),
  kind: StringEnum(COLUMN_KIND_VALUES, { description: '栏目形式' }),
  linkUrl: Type.Optional(Type.Union([Type.String({ pattern: '^(https?://|/)', maxLength: 500 }), Type.Null()])),
  description: Type.String({ maxLength: 500, description: '栏目描述（ColumnDescription）' }),
  keywords: Type.String({ maxLength: 200, description: '栏目关键词（ColumnKeywords）' }),
  visible: Type.Boolean({ description: '是否在网站显示' }),
  leadDepartmentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: '牵头部门' }),
  cooperatingDepartmentIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50, description: '配合部门' }),
  openCooperation: Type.Boolean({ description: '配合部门含“相关处室、事业单位”' }),
  maxUpdateDays: Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()], {
    description: '最长更新周期（天）',
  }),
};

export const ColumnUpdate = Type.Object(Fields, { additionalProperties: false });
export type ColumnUpdate = Static<typeof ColumnUpdate>;
export const ColumnCreate = Type.Object(
  { ...Fields, parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]) },
  { additionalProperties: false },
);
export type ColumnCreate = Static<typeof ColumnCreate>;
export const ColumnMove = Type.Object(
  { parentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]), index: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type ColumnMove = Static<typeof ColumnMove>;

/** `*` marks a 2-week update cycle in 附件1, `★` a 6-month one. */
export const COLUMN_MARKERS = ['*', '★'] as const;
export type ColumnMarker = (typeof COLUMN_MARKERS)[number];

const NodeProps = {
  id: Type.Integer(),
  siteId: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  name: Type.String(),
  fullName: Nullable(Type.String()),
  slug: Type.String(),
  /** `/gzdt/tzgg/`: the column's address on the public site. */
  path: Type.String(),
  columnType: StringEnum(COLUMN_TYPES),
  kind: StringEnum(COLUMN_KIND_VALUES),
  linkUrl: Nullable(Type.String()),
  description: Type.String(),
  keywords: Type.String(),
  sort: Type.Integer(),
  visible: Type.Boolean(),
  leadDepartmentId: Nullable(Type.Integer()),
  leadDepartmentName: Nullable(Type.String()),
  cooperatingDepartmentIds: Type.Array(Type.Integer()),
  openCooperation: Type.Boolean(),
  maxUpdateDays: Nullable(Type.Integer()),
  marker: Nullable(StringEnum(COLUMN_MARKERS)),
  contentCount: Type.Integer(),
  depth: Type.Integer(),
};

/** One column without its children. */
export const ColumnFields = Type.Object(NodeProps);
export type ColumnFields = Static<typeof ColumnFields>;

/** A column with its subtree (the schema refers to itself by its $id). */
export const ColumnNodeSchema = Type.Object(
  { ...NodeProps, children: Type.Array(Type.Ref('ColumnNode')) },
  { $id: 'ColumnNode' },
);
export type ColumnNode = ColumnFields & { children: ColumnNode[] };
/** Where a route answers with a tree node: the registered schema, typed as ColumnNode. */
export const ColumnNodeRef = Type.Unsafe<ColumnNode>(Type.Ref('ColumnNode'));

export const ColumnTypesView = Type.Object({
  items: Type.Array(Type.Object({ value: StringEnum(COLUMN_TYPES), label: Type.String() })),
  kinds: Type.Array(Type.Object({ value: StringEnum(COLUMN_KIND_VALUES), label: Type.String() })),
});
export type ColumnTypesView = Static<typeof ColumnTypesView>;
