// The editor's snapshot of an item: built from what the editor sent (trimmed, body sanitised, the type's own
// fields required), checked against the column it goes in, turned into row fields, and compared between
// versions (the changed fields an audit record names, and the text a line diff runs on).
import type { ContentItem } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import { CONTENT_TYPES, type ContentType } from './content-types.ts';
import type { ContentCreate, ContentSnapshot, ContentUpdate, TypeFields } from './content.schema.ts';
import { sanitizeRichText } from './sanitize.ts';

/** The snapshot of a stored item with its additional columns, attachments and linked policies. */
export function snapshotOf(
  item: ContentItem,
  extraColumnIds: number[],
  attachments: { fileId: number; name: string }[],
  policyIds: number[],
): ContentSnapshot {
  return {
    type: item.type as ContentType,
    columnId: item.column_id,
    extraColumnIds,
    title: item.title,
    subtitle: item.subtitle,
    source: item.source,
    author: item.author,
    summary: item.summary,
    keywords: item.keywords,
    coverFileId: item.cover_file_id,
    bodyHtml: item.body_html,
    fields: JSON.parse(item.fields) as TypeFields,
    attachments,
    policyIds,
    sort: item.sort,
  };
}

/** A policy needs its 发文机关, 成文日期, 主题分类 and 有效性; an interpretation its form; a leader a post. */
function requireFields(type: ContentType, fields: TypeFields): void {
  const missing: string[] = [];
  if (type === 'policy') {
    if (!fields.issuingOrgan) missing.push('发文机关');
    if (!fields.writtenDate) missing.push('成文日期');
    if (!fields.theme) missing.push('主题分类');
    if (!fields.validity) missing.push('有效性');
    if (fields.validity && fields.validity !== '有效' && !fields.validityDate) missing.push(`${fields.validity}日期`);
  }
  if (type === 'interpretation' && !fields.form) missing.push('解读形式');
  if (type === 'leader' && !fields.post) missing.push('职务');
  if (missing.length)
    throw new AppError('CONTENT_FIELDS_MISSING', { type: CONTENT_TYPES[type], missing: missing.join('、') });
}

/** The snapshot an editor's input makes; throws when the type's own fields are missing. */
export function buildSnapshot(type: ContentType, input: ContentCreate | ContentUpdate): ContentSnapshot {
  const fields = input.fields ?? {};
  requireFields(type, fields);
  const attachmentIds = (input.attachments ?? []).map((a) => a.fileId);
  if (new Set(attachmentIds).size !== attachmentIds.length) throw new AppError('ATTACHMENT_TWICE');
  return {
    type,
    columnId: input.columnId,
    extraColumnIds: [...new Set(input.extraColumnIds ?? [])].filter((c) => c !== input.columnId),
    title: input.title.trim(),
    subtitle: input.subtitle?.trim() ?? '',
    source: input.source?.trim() ?? '',
    author: input.author?.trim() ?? '',
    summary: input.summary?.trim() ?? '',
    keywords: input.keywords?.trim() ?? '',
    coverFileId: input.coverFileId ?? null,
    bodyHtml: sanitizeRichText(input.bodyHtml ?? ''),
    fields,
    attachments: input.attachments ?? [],
    policyIds: type === 'interpretation' ? [...new Set(input.policyIds ?? [])] : [],
    sort: input.sort ?? 0,
  };
}

/**
 * Throws when an item of `type` may not stand in the column: the main column must take the type (a 单页 only in
 * a single-page column, 领导信息 only in a leader column, nothing in a link); an additional column must be a list.
 */
export function assertFitsColumn(type: ContentType, column: ColumnNode, main: boolean): void {
  if (!main) {
    if (column.kind !== 'list') throw new AppError('COLUMN_NOT_A_LIST', { column: column.name });
    return;
  }
  if (column.kind === 'link') throw new AppError('COLUMN_IS_LINK');
  if (type === 'page' && column.kind !== 'page') throw new AppError('PAGE_NEEDS_PAGE_COLUMN');
  if (type !== 'page' && column.kind === 'page') throw new AppError('PAGE_COLUMN_TAKES_PAGES', { column: column.name });
  if (type === 'leader' && column.columnType !== '领导信息') throw new AppError('LEADER_NEEDS_LEADER_COLUMN');
}

/** The content_items fields a snapshot sets. */
export function rowFields(s: ContentSnapshot) {
  return {
    column_id: s.columnId,
    title: s.title,
    subtitle: s.subtitle,
    source: s.source,
    author: s.author,
    summary: s.summary,
    keywords: s.keywords,
    cover_file_id: s.coverFileId,
    body_html: s.bodyHtml,
    fields: JSON.stringify(s.fields),
    sort: s.sort,
  };
}

/** The names of the fields that differ between two snapshots (for the audit record of a change). */
export function changedFields(a: ContentSnapshot, b: ContentSnapshot): string[] {
  return (Object.keys(b) as (keyof ContentSnapshot)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

const FIELD_LABELS: [keyof ContentSnapshot, string][] = [
  ['title', '标题'],
  ['subtitle', '副标题'],
  ['source', '来源'],
  ['author', '作者'],
  ['summary', '摘要'],
  ['keywords', '关键词'],
  ['columnId', '栏目'],
  ['fields', '属性'],
  ['attachments', '附件'],
  ['policyIds', '关联文件'],
  ['bodyHtml', '正文'],
];

/** A snapshot as labelled text, one element of the body per line, for a line diff an editor can read. */
export function renderForDiff(s: ContentSnapshot): string {
  return FIELD_LABELS.map(([key, label]) => {
    const value = s[key];
    const text =
      key === 'bodyHtml'
        ? String(value).replace(/></g, '>\n<')
        : typeof value === 'string' || typeof value === 'number'
          ? String(value)
          : JSON.stringify(value, null, 1);
    return `【${label}】\n${text}\n`;
  }).join('');
}
