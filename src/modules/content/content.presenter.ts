// Stored content rows → the editor's views: list rows, the detail page (with files, related items and review
// history), writable columns and the options of the editor's fields.
import type { ContentItem, StoredFile } from '../../platform/db/schema.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import type { ColumnTree } from '../columns/columns.presenter.ts';
import { toFileView } from '../files/files.presenter.ts';
import { stateName, toReviewRecord, type RequestWithSteps } from '../review/review.presenter.ts';
import type { ReviewState } from '../review/review.schema.ts';
import {
  CONTENT_STATUSES,
  CONTENT_STATUS_VALUES,
  CONTENT_TYPES,
  CONTENT_TYPE_VALUES,
  DISCLOSURE_METHODS,
  DISCLOSURE_SCOPES,
  INTERPRETATION_FORMS,
  THEMES,
  VALIDITY,
  type ContentStatus,
  type ContentType,
} from './content-types.ts';
import type {
  ContentDetail,
  ContentListItem,
  ContentOptions,
  ContentSnapshot,
  WritableColumn,
} from './content.schema.ts';

/** The public address of an item's page: its column's path and its id. */
export const contentPath = (columnPath: string, id: number) => `${columnPath}${id}.html`;

const typeName = (type: string) => CONTENT_TYPES[type as ContentType];
const statusName = (status: string) => CONTENT_STATUSES[status as ContentStatus] ?? status;
const pendingChanges = (i: ContentItem) => i.published_version !== null && i.version > i.published_version;

export function contentOptions(): ContentOptions {
  return {
    types: CONTENT_TYPE_VALUES.map((value) => ({ value, label: CONTENT_TYPES[value] })),
    themes: [...THEMES],
    validity: [...VALIDITY],
    interpretationForms: [...INTERPRETATION_FORMS],
    disclosureMethods: [...DISCLOSURE_METHODS],
    disclosureScopes: [...DISCLOSURE_SCOPES],
    statuses: CONTENT_STATUS_VALUES.map((value) => ({ value, label: CONTENT_STATUSES[value] })),
  };
}

export const toWritableColumn = (c: ColumnNode): WritableColumn => ({
  id: c.id,
  name: c.name,
  path: c.path,
  kind: c.kind,
  columnType: c.columnType,
  depth: c.depth,
});

export function toListItem(
  i: ContentItem,
  tree: Pick<ColumnTree, 'byId'>,
  latest: { id: number; state: string } | undefined,
): ContentListItem {
  return {
    id: i.id,
    type: i.type as ContentType,
    typeName: typeName(i.type),
    title: i.title,
    status: i.status as ContentStatus,
    statusName: statusName(i.status),
    columnId: i.column_id,
    columnName: tree.byId.get(i.column_id)?.name ?? '',
    version: i.version,
    publishedVersion: i.published_version,
    firstPublishedAt: i.first_published_at,
    updatedAt: i.updated_at,
    indexNo: i.index_no,
    pendingChanges: pendingChanges(i),
    reviewId: latest?.id ?? null,
    reviewState: (latest?.state as ReviewState | undefined) ?? null,
    reviewStateName: latest ? stateName(latest.state) : null,
  };
}

/** What the detail view draws on besides the item itself. */
export interface DetailSources {
  snapshot: ContentSnapshot;
  tree: Pick<ColumnTree, 'byId'>;
  /** The files of the cover and the attachments. */
  files: StoredFile[];
  related: { id: number; title: string; type: string; status: string }[];
  history: RequestWithSteps[];
}

export function toContentDetail(item: ContentItem, sources: DetailSources): ContentDetail {
  const { snapshot, tree, files, related, history } = sources;
  const column = tree.byId.get(item.column_id);
  const fileById = new Map(files.map((f) => [f.id, f]));
  const cover = snapshot.coverFileId ? fileById.get(snapshot.coverFileId) : undefined;
  return {
    ...snapshot,
    id: item.id,
    siteId: item.site_id,
    typeName: typeName(item.type),
    status: item.status as ContentStatus,
    statusName: statusName(item.status),
    columnName: column?.name ?? '',
    indexNo: item.index_no,
    version: item.version,
    publishedVersion: item.published_version,
    pendingChanges: pendingChanges(item),
    firstPublishedAt: item.first_published_at,
    lastPublishedAt: item.last_published_at,
    publishAt: item.publish_at,
    withdrawAt: item.withdraw_at,
    withdrawnAt: item.withdrawn_at,
    withdrawReason: item.withdraw_reason,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
    publicUrl: item.status === 'published' && column ? contentPath(column.path, item.id) : null,
    cover: cover ? toFileView(cover) : null,
    attachmentFiles: snapshot.attachments.flatMap((a) => {
      const file = fileById.get(a.fileId);
      return file ? [{ ...toFileView(file), name: a.name }] : [];
    }),
    related: related.map((r) => ({
      id: r.id,
      title: r.title,
      type: r.type as ContentType,
      status: r.status as ContentStatus,
    })),
    reviews: history.map(toReviewRecord),
  };
}
