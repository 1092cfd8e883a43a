import { Type, type Static } from '@fastify/type-provider-typebox';
import {
  CONTENT_TYPES,
  DISCLOSURE_METHODS,
  DISCLOSURE_SCOPES,
  INTERPRETATION_FORMS,
  THEMES,
  VALIDITY,
  type ContentType,
} from './content-types.ts';

const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], description }));
/** The longest rich-text body, in characters (code points, as the schema counts them). */
export const BODY_MAX_CHARS = 1_000_000;
/**
 * The request body limit of the routes that take a content item. A character takes at most 6 bytes in JSON
 * (a \uXXXX escape), so a body at BODY_MAX_CHARS is 6 MB at worst; every other field together (titles,
 * summary, résumé, 50 attachment names …) stays well under 1 MB even so. Anything valid fits in 8 MB.
 */
export const CONTENT_BODY_LIMIT = 8 * 1024 * 1024;

const Date10 = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'yyyy-MM-dd' });

export const TypeFieldsSchema = Type.Object(
  {
    docNumber: Type.Optional(Type.String({ maxLength: 100, description: '文号' })),
    issuingOrgan: Type.Optional(Type.String({ maxLength: 100, description: '发文机关' })),
    writtenDate: Type.Optional(Date10),
    theme: Type.Optional(oneOf(THEMES, '主题分类')),
    validity: Type.Optional(oneOf(VALIDITY, '有效性')),
    validityDate: Type.Optional(Type.Union([Date10, Type.Null()])),
    disclosureMethod: Type.Optional(oneOf(DISCLOSURE_METHODS, '公开方式')),
    disclosureScope: Type.Optional(oneOf(DISCLOSURE_SCOPES, '公开范围')),
    form: Type.Optional(oneOf(INTERPRETATION_FORMS, '解读形式')),
    post: Type.Optional(Type.String({ maxLength: 100, description: '职务' })),
    duties: Type.Optional(Type.String({ maxLength: 2000, description: '分工' })),
    resume: Type.Optional(Type.String({ maxLength: 10000, description: '简历' })),
    datasetRelease: Type.Optional(Type.Integer({ minimum: 1, description: '数据集的发布内容（由数据发布模块填写）' })),
  },
  { additionalProperties: false },
);

const Editable = {
  columnId: Type.Integer({ minimum: 1, description: '主栏目' }),
  extraColumnIds: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10, description: '同时发布到的其他栏目' }),
  ),
  title: Type.String({ minLength: 2, maxLength: 200, description: '标题（领导信息为姓名）' }),
  subtitle: Type.Optional(Type.String({ maxLength: 200 })),
  source: Type.Optional(Type.String({ maxLength: 100, description: '信息来源' })),
  author: Type.Optional(Type.String({ maxLength: 100 })),
  summary: Type.Optional(Type.String({ maxLength: 1000 })),
  keywords: Type.Optional(Type.String({ maxLength: 200 })),
  coverFileId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: '封面或照片' })),
  bodyHtml: Type.Optional(
    Type.String({
      maxLength: BODY_MAX_CHARS,
      description: `正文（富文本，保存时按白名单清理），最多 ${BODY_MAX_CHARS} 字符`,
    }),
  ),
  fields: Type.Optional(TypeFieldsSchema),
  attachments: Type.Optional(
    Type.Array(
      Type.Object(
        { fileId: Type.Integer({ minimum: 1 }), name: Type.String({ minLength: 1, maxLength: 200 }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  ),
  policyIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, description: '解读的政策文件' })),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
};

export const ContentCreate = Type.Object(
  {
    type: Type.Unsafe<ContentType>(Type.String({ enum: Object.keys(CONTENT_TYPES), description: '内容类型' })),
    ...Editable,
  },
  { additionalProperties: false },
);
export type ContentCreate = Static<typeof ContentCreate>;

export const ContentUpdate = Type.Object(
  { ...Editable, note: Type.Optional(Type.String({ maxLength: 300, description: '修改说明' })) },
  { additionalProperties: false },
);
export type ContentUpdate = Static<typeof ContentUpdate>;

export const ContentListQuery = Type.Object({
  columnId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(Type.String({ maxLength: 16 })),
  type: Type.Optional(Type.String({ maxLength: 16 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  mine: Type.Optional(Type.Boolean()),
  reviewState: Type.Optional(
    Type.Unsafe<string>(
      Type.String({
        enum: ['none', 'secrecy_review', 'dept_review', 'leader_review', 'approved', 'rejected', 'closed'],
        description: '最近一次审查的状态；none：从未提交审查',
      }),
    ),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ContentListQuery = Static<typeof ContentListQuery>;
