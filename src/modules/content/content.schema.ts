// Content on the wire: what an editor writes (the snapshot every version records), the list and detail views,
// and the options the editor offers. TypeBox and pure modules only, so the admin console imports these types.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable, StringEnum } from '../../platform/schemas.ts';
import { COLUMN_KIND_VALUES, COLUMN_TYPES } from '../columns/column-types.ts';
import { FileView } from '../files/files.schema.ts';
import { REVIEW_STATE_VALUES, ReviewRecord } from '../review/review.schema.ts';
import {
  CONTENT_STATUS_VALUES,
  CONTENT_TYPE_VALUES,
  DISCLOSURE_METHODS,
  DISCLOSURE_SCOPES,
  INTERPRETATION_FORMS,
  THEMES,
  VALIDITY,
} from './content-types.ts';

export type { ContentStatus, ContentType } from './content-types.ts';

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, description: string) =>
  StringEnum(values, { description });
/** The longest rich-text body, in characters (code points, as the schema counts them). */
export const BODY_MAX_CHARS = 1_000_000;
/**
 * The request body limit of the routes that take a content item. A character takes at most 6 bytes in JSON
 * (a \uXXXX escape), so a body at BODY_MAX_CHARS is 6 MB at worst; every other field together (titles,
 * summary, résumé, 50 attachment names …) stays well under 1 MB even so. Anything valid fits in 8 MB.
 */
export const CONTENT_BODY_LIMIT = 8 * 1024 * 1024;

const Date10 = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'yyyy-MM-dd' });

/** The fields of policies (文号 … 公开范围), interpretations (解读形式) and leaders (职务, 分工, 简历). */
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
export type TypeFields = Static<typeof TypeFieldsSchema>;

export const AttachmentRef = Type.Object(
  { fileId: Type.Integer({ minimum: 1 }), name: Type.String({ minLength: 1, maxLength: 200 }) },
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
  attachments: Type.Optional(Type.Array(AttachmentRef, { maxItems: 50 })),
  policyIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 20, description: '解读的政策文件' })),
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
};

export const ContentCreate = Type.Object(
  {
    type: StringEnum(CONTENT_TYPE_VALUES, { description: '内容类型' }),
    ...Editable,
  },
  { additionalProperties: false },
);
export type ContentCreate = Static<typeof ContentCreate>;

export const ContentUpdate = Type.Object(
  {
    ...Editable,
    note: Type.Optional(Type.String({ maxLength: 300, description: '修改说明' })),
    baseVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: '编辑所基于的版本：已有更新的版本时拒绝保存（不静默覆盖他人的修改）' }),
    ),
  },
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
    StringEnum(['none', ...REVIEW_STATE_VALUES], { description: '最近一次审查的状态；none：从未提交审查' }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ContentListQuery = Static<typeof ContentListQuery>;

export const WithdrawBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type WithdrawBody = Static<typeof WithdrawBody>;

/** Times go online (publishAt) or offline (withdrawAt); null clears one. Never in the past. */
export const ScheduleBody = Type.Object(
  {
    publishAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    withdrawAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  },
  { additionalProperties: false },
);
export type ScheduleBody = Static<typeof ScheduleBody>;

export const DiffQuery = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) });
export const VersionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) });

// ───────────────────────────── views ─────────────────────────────

const ContentTypeSchema = StringEnum(CONTENT_TYPE_VALUES);
const ContentStatusSchema = StringEnum(CONTENT_STATUS_VALUES);

/** Everything an editor writes about an item: what a version records and what publication shows. */
export const ContentSnapshotSchema = Type.Object({
  type: ContentTypeSchema,
  columnId: Type.Integer(),
  extraColumnIds: Type.Array(Type.Integer()),
  title: Type.String(),
  subtitle: Type.String(),
  source: Type.String(),
  author: Type.String(),
  summary: Type.String(),
  keywords: Type.String(),
  coverFileId: Nullable(Type.Integer()),
  bodyHtml: Type.String(),
  fields: TypeFieldsSchema,
  attachments: Type.Array(AttachmentRef),
  policyIds: Type.Array(Type.Integer()),
  sort: Type.Integer(),
});
export type ContentSnapshot = Static<typeof ContentSnapshotSchema>;

export const ContentOptions = Type.Object({
  types: Type.Array(Type.Object({ value: ContentTypeSchema, label: Type.String() })),
  themes: Type.Array(StringEnum(THEMES)),
  validity: Type.Array(StringEnum(VALIDITY)),
  interpretationForms: Type.Array(StringEnum(INTERPRETATION_FORMS)),
  disclosureMethods: Type.Array(StringEnum(DISCLOSURE_METHODS)),
  disclosureScopes: Type.Array(StringEnum(DISCLOSURE_SCOPES)),
  statuses: Type.Array(Type.Object({ value: ContentStatusSchema, label: Type.String() })),
});
export type ContentOptions = Static<typeof ContentOptions>;

/** A column the staff member may publish in (附件1 duties plus grants). */
export const WritableColumn = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  path: Type.String(),
  kind: StringEnum(COLUMN_KIND_VALUES),
  columnType: StringEnum(COLUMN_TYPES),
  depth: Type.Integer(),
});
export type WritableColumn = Static<typeof WritableColumn>;

export const ContentListItem = Type.Object({
  id: Type.Integer(),
  type: ContentTypeSchema,
  typeName: Type.String(),
  title: Type.String(),
  status: ContentStatusSchema,
  statusName: Type.String(),
  columnId: Type.Integer(),
  columnName: Type.String(),
  version: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  firstPublishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  indexNo: Nullable(Type.String()),
  /** Published, with a newer working copy not yet approved. */
  pendingChanges: Type.Boolean(),
  /** The latest submission for review, if any. */
  reviewId: Nullable(Type.Integer()),
  reviewState: Nullable(StringEnum(REVIEW_STATE_VALUES)),
  reviewStateName: Nullable(Type.String()),
});
export type ContentListItem = Static<typeof ContentListItem>;

export const ContentList = Type.Object({ total: Type.Integer(), items: Type.Array(ContentListItem) });
export type ContentList = Static<typeof ContentList>;

export const RelatedItem = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  type: ContentTypeSchema,
  status: ContentStatusSchema,
});

/** An item's working copy with its state, files, related items and every submission for review. */
export const ContentDetail = Type.Object({
  ...ContentSnapshotSchema.properties,
  id: Type.Integer(),
  siteId: Type.Integer(),
  typeName: Type.String(),
  status: ContentStatusSchema,
  statusName: Type.String(),
  columnName: Type.String(),
  indexNo: Nullable(Type.String()),
  version: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  pendingChanges: Type.Boolean(),
  firstPublishedAt: Nullable(Type.String()),
  lastPublishedAt: Nullable(Type.String()),
  publishAt: Nullable(Type.String()),
  withdrawAt: Nullable(Type.String()),
  withdrawnAt: Nullable(Type.String()),
  withdrawReason: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** The public page, while the item is published. */
  publicUrl: Nullable(Type.String()),
  cover: Nullable(FileView),
  /** The attachments' files, named as the item names them. */
  attachmentFiles: Type.Array(FileView),
  /** An interpretation's policies, or a policy's interpretations. */
  related: Type.Array(RelatedItem),
  reviews: Type.Array(ReviewRecord),
});
export type ContentDetail = Static<typeof ContentDetail>;

/** A saved version (field names as stored). */
export const VersionRow = Type.Object({
  version: Type.Integer(),
  created_at: Type.String(),
  note: Type.String(),
  author: Nullable(Type.String()),
});
export type VersionRow = Static<typeof VersionRow>;

export const DiffPart = Type.Object({ added: Type.Boolean(), removed: Type.Boolean(), text: Type.String() });
export type DiffPart = Static<typeof DiffPart>;
export const ContentDiff = Type.Object({ parts: Type.Array(DiffPart) });
