// Editing content: the working copy, its versions, attachments and policy links. Publication happens only
// through the review (review.service.ts) and publication (publication.service.ts).
import { diffLines } from 'diff';
import type { Db } from '../../platform/db/database.ts';
import type { ContentItem } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import { canWriteColumn } from '../columns/column-permissions.ts';
import type { UsersService } from '../users/users.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import * as filesRepo from '../files/files.repository.ts';
import { openRequestFor } from '../review/review.repository.ts';
import * as repo from './content.repository.ts';
import { CONTENT_TYPES, type ContentSnapshot, type ContentType, type TypeFields } from './content-types.ts';
import type { ContentCreate, ContentListQuery, ContentUpdate } from './content.schema.ts';
import { sanitizeRichText } from './sanitize.ts';
import { nextIndexNumber } from './index-number.ts';

export const STATUS_NAMES: Record<string, string> = {
  draft: '草稿',
  scheduled: '待发布',
  published: '已发布',
  withdrawn: '已撤稿',
  classified: '涉密不发布',
};

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
  if (missing.length) throw new AppError('VALIDATION_FAILED', `${CONTENT_TYPES[type]}缺少：${missing.join('、')}`);
}

function typeFitsColumn(type: ContentType, column: ColumnNode): string | null {
  if (column.kind === 'link') return '外部链接栏目不能发布内容';
  if (type === 'page' && column.kind !== 'page') return '单页只能放在“单页”形式的栏目中';
  if (type !== 'page' && column.kind === 'page') return `“${column.name}”是单页栏目，只能发布单页`;
  if (type === 'leader' && column.columnType !== '领导信息') return '领导信息只能放在领导信息类栏目中';
  return null;
}

export class ContentService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly columns: ColumnsService,
    private readonly users: UsersService,
    private readonly sites: SitesService,
  ) {}

  /** Columns of a site this staff member may write in (附件1 duties plus grants). */
  async writableColumns(auth: AuthContext, siteId: number): Promise<ColumnNode[]> {
    const tree = await this.columns.tree(siteId);
    const grantedColumnIds = await this.users.columnGrantsOf(auth.userId);
    return tree.flat.filter((c) =>
      canWriteColumn({ departmentId: auth.departmentId, grants: auth.grants, grantedColumnIds }, c),
    );
  }

  private async assertWritable(
    auth: AuthContext,
    siteId: number,
    columnIds: number[],
    type: ContentType,
  ): Promise<void> {
    const tree = await this.columns.tree(siteId);
    const writable = new Set((await this.writableColumns(auth, siteId)).map((c) => c.id));
    for (const [i, id] of columnIds.entries()) {
      const column = tree.byId.get(id);
      if (!column) throw new AppError('VALIDATION_FAILED', '所选栏目不属于本站点');
      if (!writable.has(id))
        throw new AppError('FORBIDDEN', `您所在部门不负责“${column.name}”栏目（见栏目任务分解表），不能在此发布`);
      const misfit =
        i === 0 ? typeFitsColumn(type, column) : column.kind === 'list' ? null : `“${column.name}”不是信息列表栏目`;
      if (misfit) throw new AppError('VALIDATION_FAILED', misfit);
    }
  }

  private async assertReferences(siteId: number, snapshot: ContentSnapshot, selfId: number | null): Promise<void> {
    const fileIds = [
      ...snapshot.attachments.map((a) => a.fileId),
      ...(snapshot.coverFileId ? [snapshot.coverFileId] : []),
    ];
    const files = await filesRepo.findFiles(this.db, fileIds);
    if (files.length !== new Set(fileIds).size || files.some((f) => f.site_id !== siteId))
      throw new AppError('VALIDATION_FAILED', '附件或图片不存在或不属于本站点');
    if (snapshot.coverFileId && !files.find((f) => f.id === snapshot.coverFileId)!.mime.startsWith('image/')) {
      throw new AppError('VALIDATION_FAILED', '封面或照片必须是图片');
    }
    if (snapshot.type === 'interpretation') {
      if (snapshot.policyIds.length === 0)
        throw new AppError('VALIDATION_FAILED', '政策解读须关联至少一个被解读的政策文件');
      const policies = await repo.itemsByIds(this.db, snapshot.policyIds);
      if (
        policies.length !== new Set(snapshot.policyIds).size ||
        policies.some((p) => p.type !== 'policy' || p.site_id !== siteId || p.id === selfId)
      ) {
        throw new AppError('VALIDATION_FAILED', '关联的政策文件不存在或不是本站点的政策文件');
      }
    }
  }

  private buildSnapshot(type: ContentType, input: ContentCreate | ContentUpdate): ContentSnapshot {
    const fields = (input.fields ?? {}) as TypeFields;
    requireFields(type, fields);
    const attachmentIds = (input.attachments ?? []).map((a) => a.fileId);
    if (new Set(attachmentIds).size !== attachmentIds.length)
      throw new AppError('VALIDATION_FAILED', '同一个文件只能作为附件添加一次');
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

  private rowFields(s: ContentSnapshot) {
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

  private async writeRelations(trx: Db, id: number, s: ContentSnapshot): Promise<void> {
    await repo.replaceExtraColumns(trx, id, s.extraColumnIds);
    await repo.replaceAttachments(trx, id, s.attachments);
    if (s.type === 'interpretation') await repo.replacePolicyLinks(trx, id, s.policyIds);
  }

  async create(auth: AuthContext, siteId: number, input: ContentCreate): Promise<number> {
    const snapshot = this.buildSnapshot(input.type, input);
    await this.assertWritable(auth, siteId, [snapshot.columnId, ...snapshot.extraColumnIds], input.type);
    await this.assertReferences(siteId, snapshot, null);
    const site = await this.sites.get(siteId);
    const at = this.clock.now().toISOString();
    const indexNo =
      input.type === 'policy'
        ? await nextIndexNumber(this.db, siteId, {
            siteIdCode: site.siteIdCode,
            year: shanghaiDate(at).slice(0, 4),
            theme: snapshot.fields.theme ?? '',
          })
        : null;
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertItem(trx, {
        ...this.rowFields(snapshot),
        site_id: siteId,
        type: input.type,
        status: 'draft',
        index_no: indexNo,
        department_id: auth.departmentId,
        created_by: auth.userId,
        version: 1,
        published_version: null,
        first_published_at: null,
        last_published_at: null,
        publish_at: null,
        withdraw_at: null,
        withdrawn_at: null,
        withdraw_reason: null,
        created_at: at,
        updated_at: at,
      });
      await this.writeRelations(trx, id, snapshot);
      await repo.insertVersion(trx, {
        content_id: id,
        version: 1,
        snapshot: JSON.stringify(snapshot),
        created_by: auth.userId,
        created_at: at,
        note: '创建',
      });
      await this.audit.record(trx, auth.actor, {
        action: 'content.create',
        targetType: 'content',
        targetId: id,
        siteId,
        detail: { after: { ...snapshot, bodyHtml: `${snapshot.bodyHtml.length} 字符` }, indexNo },
      });
      return id;
    });
  }

  async item(id: number): Promise<ContentItem> {
    const item = await repo.findItem(this.db, id);
    if (!item) throw new AppError('NOT_FOUND', '内容不存在');
    return item;
  }

  async snapshot(id: number): Promise<ContentSnapshot> {
    const item = await this.item(id);
    const extra = await this.db
      .selectFrom('content_columns')
      .select('column_id')
      .where('content_id', '=', id)
      .execute();
    const attachments = await this.db
      .selectFrom('content_attachments')
      .select(['file_id', 'name'])
      .where('content_id', '=', id)
      .orderBy('sort')
      .execute();
    return snapshotOf(
      item,
      extra.map((r) => r.column_id),
      attachments.map((a) => ({ fileId: a.file_id, name: a.name })),
      await repo.policiesOf(this.db, id),
    );
  }

  /** Staff of the item's department, its column's editors and reviewers may open it; writing is checked apart. */
  async assertCanEdit(auth: AuthContext, item: ContentItem): Promise<void> {
    if (item.status === 'classified')
      throw new AppError('FORBIDDEN', '该信息经审查涉密，不得在网站发布，也不能再编辑发布');
    if (await openRequestFor(this.db, item.id)) throw new AppError('CONFLICT', '该信息正在审查中，审查结束前不能修改');
    await this.assertColumnWriter(auth, item);
  }

  /** The staff member writes in the item's column (its department leads or cooperates, or a grant). */
  async assertColumnWriter(auth: AuthContext, item: ContentItem): Promise<void> {
    const column = (await this.columns.tree(item.site_id)).byId.get(item.column_id);
    const grantedColumnIds = await this.users.columnGrantsOf(auth.userId);
    if (
      !column ||
      !canWriteColumn({ departmentId: auth.departmentId, grants: auth.grants, grantedColumnIds }, column)
    ) {
      throw new AppError('FORBIDDEN', '您没有修改此信息的权限');
    }
  }

  /** Saves a new version of the working copy; a published item stays as published until the change is approved. */
  async update(auth: AuthContext, id: number, input: ContentUpdate): Promise<void> {
    const item = await this.item(id);
    await this.assertCanEdit(auth, item);
    const snapshot = this.buildSnapshot(item.type as ContentType, input);
    await this.assertWritable(
      auth,
      item.site_id,
      [snapshot.columnId, ...snapshot.extraColumnIds],
      item.type as ContentType,
    );
    await this.assertReferences(item.site_id, snapshot, id);
    await this.saveVersion(auth, item, snapshot, input.note?.trim() || '修改', 'content.update');
  }

  private async saveVersion(
    auth: AuthContext,
    item: ContentItem,
    snapshot: ContentSnapshot,
    note: string,
    action: string,
  ): Promise<void> {
    const before = await this.snapshot(item.id);
    const at = this.clock.now().toISOString();
    const version = item.version + 1;
    await this.db.transaction().execute(async (trx) => {
      await repo.updateItem(trx, item.id, { ...this.rowFields(snapshot), version, updated_at: at });
      await this.writeRelations(trx, item.id, snapshot);
      await repo.insertVersion(trx, {
        content_id: item.id,
        version,
        snapshot: JSON.stringify(snapshot),
        created_by: auth.userId,
        created_at: at,
        note,
      });
      await this.audit.record(trx, auth.actor, {
        action,
        targetType: 'content',
        targetId: item.id,
        siteId: item.site_id,
        detail: { version, note, changed: changedFields(before, snapshot) },
      });
    });
  }

  async list(siteId: number, query: ContentListQuery, auth: AuthContext) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { items, total } = await repo.listItems(
      this.db,
      siteId,
      {
        columnId: query.columnId,
        status: query.status,
        type: query.type,
        q: query.q,
        createdBy: query.mine ? auth.userId : undefined,
        reviewState: query.reviewState,
      },
      pageSize,
      (page - 1) * pageSize,
    );
    return { items, total };
  }

  versions(id: number) {
    return repo.listVersions(this.db, id);
  }

  async versionSnapshot(id: number, version: number): Promise<ContentSnapshot> {
    const row = await repo.findVersion(this.db, id, version);
    if (!row) throw new AppError('NOT_FOUND', `版本 ${version} 不存在`);
    return JSON.parse(row.snapshot) as ContentSnapshot;
  }

  /** A line diff of two versions, field by field, as an editor reads it. */
  async diff(id: number, from: number, to: number) {
    const [a, b] = await Promise.all([this.versionSnapshot(id, from), this.versionSnapshot(id, to)]);
    return diffLines(renderForDiff(a), renderForDiff(b)).map((part) => ({
      added: !!part.added,
      removed: !!part.removed,
      text: part.value,
    }));
  }

  async restore(auth: AuthContext, id: number, version: number): Promise<void> {
    const item = await this.item(id);
    await this.assertCanEdit(auth, item);
    const snapshot = await this.versionSnapshot(id, version);
    await this.assertReferences(item.site_id, snapshot, id);
    await this.saveVersion(auth, item, snapshot, `恢复自版本 ${version}`, 'content.restore');
  }
}

function changedFields(a: ContentSnapshot, b: ContentSnapshot): string[] {
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

function renderForDiff(s: ContentSnapshot): string {
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
