import { Type, type Static } from '@fastify/type-provider-typebox';
import { COLUMN_TYPES, type ColumnType } from './column-types.ts';

const Fields = {
  name: Type.String({ minLength: 1, maxLength: 50, description: '栏目名称' }),
  fullName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()], { description: '栏目全称' })),
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,47}$', description: '访问路径（小写字母、数字、连字符）' }),
  columnType: Type.Unsafe<ColumnType>(Type.String({ enum: [...COLUMN_TYPES], description: '栏目类型' })),
  kind: Type.Union([Type.Literal('list'), Type.Literal('page'), Type.Literal('link')], { description: '栏目形式' }),
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

export interface ColumnNode {
  id: number;
  siteId: number;
  parentId: number | null;
  name: string;
  fullName: string | null;
  slug: string;
  path: string;
  columnType: string;
  kind: string;
  linkUrl: string | null;
  description: string;
  keywords: string;
  sort: number;
  visible: boolean;
  leadDepartmentId: number | null;
  leadDepartmentName: string | null;
  cooperatingDepartmentIds: number[];
  openCooperation: boolean;
  maxUpdateDays: number | null;
  marker: string | null;
  contentCount: number;
  depth: number;
  children: ColumnNode[];
}

const NodeProps = {
  id: Type.Integer(),
  siteId: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  name: Type.String(),
  fullName: Type.Union([Type.String(), Type.Null()]),
  slug: Type.String(),
  path: Type.String(),
  columnType: Type.String(),
  kind: Type.String(),
  linkUrl: Type.Union([Type.String(), Type.Null()]),
  description: Type.String(),
  keywords: Type.String(),
  sort: Type.Integer(),
  visible: Type.Boolean(),
  leadDepartmentId: Type.Union([Type.Integer(), Type.Null()]),
  leadDepartmentName: Type.Union([Type.String(), Type.Null()]),
  cooperatingDepartmentIds: Type.Array(Type.Integer()),
  openCooperation: Type.Boolean(),
  maxUpdateDays: Type.Union([Type.Integer(), Type.Null()]),
  marker: Type.Union([Type.String(), Type.Null()]),
  contentCount: Type.Integer(),
  depth: Type.Integer(),
};

export const ColumnNodeSchema = Type.Object(
  { ...NodeProps, children: Type.Array(Type.Ref('ColumnNode')) },
  { $id: 'ColumnNode' },
);
