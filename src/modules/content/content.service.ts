// Editing content: the working copy, its versions, attachments and policy links. Publication happens only
// through the review (review.service.ts) and publication (publication.service.ts), which change an item's
// state through the methods at the end of this class.
import { diffLines } from 'diff';
import type { Db } from '../../platform/db/database.ts';
import type { ContentItem } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiYear } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import { canWriteColumn } from '../columns/column-permissions.ts';
import type { UsersService } from '../users/users.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import * as filesRepo from '../files/files.repository.ts';
import * as reviewRepo from '../review/review.repository.ts';
import * as repo from './content.repository.ts';
import type { ContentType } from './content-types.ts';
import type {
  ContentCreate,
  ContentDetail,
  ContentList,
  ContentListQuery,
  ContentOptions,
  ContentSnapshot,
  ContentUpdate,
  DiffPart,
  VersionRow,
  WritableColumn,
} from './content.schema.ts';
import { contentOptions, toContentDetail, toListItem, toWritableColumn } from './content.presenter.ts';
import { assertFitsColumn, buildSnapshot, changedFields, renderForDiff, rowFields, snapshotOf } from './snapshot.ts';
import { nextIndexNumber } from './index-number.ts';

/** The fields of an item that publication and review set; nothing else writes them. */
export type PublicationState = Partial<
  Pick<
    ContentItem,
    | 'status'
    | 'published_version'
    | 'first_published_at'
    | 'last_published_at'
    | 'publish_at'
    | 'withdraw_at'
    | 'withdrawn_at'
    | 'withdraw_reason'
    | 'updated_at'
  >
>;

export class ContentService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly columns: ColumnsService,
    private readonly users: UsersService,
    private readonly sites: SitesService,
  ) {}

  options(): ContentOptions {
    return contentOptions();
  }

  /** Columns of a site this staff member may write in (附件1 duties plus grants). */
  async writableColumns(auth: AuthContext, siteId: number): Promise<ColumnNode[]> {
    const tree = await this.columns.tree(siteId);
    const grantedColumnIds = await this.users.columnGrantsOf(auth.userId);
    return tree.flat.filter((c) =>
      canWriteColumn({ departmentId: auth.departmentId, grants: auth.grants, grantedColumnIds }, c),
    );
  }

  async writableColumnViews(auth: AuthContext, siteId: number): Promise<WritableColumn[]> {
    return (await this.writableColumns(auth, siteId)).map(toWritableColumn);
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
      if (!column) throw new AppError('COLUMN_NOT_ON_SITE');
      if (!writable.has(id)) throw new AppError('COLUMN_NOT_MINE', { column: column.name });
      assertFitsColumn(type, column, i === 0);
    }
  }

  private async assertReferences(siteId: number, snapshot: ContentSnapshot, selfId: number | null): Promise<void> {
    const fileIds = [
      ...snapshot.attachments.map((a) => a.fileId),
      ...(snapshot.coverFileId ? [snapshot.coverFileId] : []),
    ];
    const files = await filesRepo.findFiles(this.db, fileIds);
    if (files.length !== new Set(fileIds).size || files.some((f) => f.site_id !== siteId))
      throw new AppError('FILES_NOT_ON_SITE');
    if (snapshot.coverFileId && !files.find((f) => f.id === snapshot.coverFileId)!.mime.startsWith('image/')) {
      throw new AppError('COVER_NOT_IMAGE');
    }
    if (snapshot.type === 'interpretation') {
      if (snapshot.policyIds.length === 0) throw new AppError('INTERPRETATION_NEEDS_POLICY');
      const policies = await repo.itemsByIds(this.db, snapshot.policyIds);
      if (
        policies.length !== new Set(snapshot.policyIds).size ||
        policies.some((p) => p.type !== 'policy' || p.site_id !== siteId || p.id === selfId)
      ) {
        throw new AppError('POLICY_LINK_INVALID');
      }
    }
  }

  private async writeRelations(trx: Db, id: number, s: ContentSnapshot): Promise<void> {
    await repo.replaceExtraColumns(trx, id, s.extraColumnIds);
    await repo.replaceAttachments(trx, id, s.attachments);
    if (s.type === 'interpretation') await repo.replacePolicyLinks(trx, id, s.policyIds);
  }

  async create(auth: AuthContext, siteId: number, input: ContentCreate): Promise<number> {
    const snapshot = buildSnapshot(input.type, input);
    await this.assertWritable(auth, siteId, [snapshot.columnId, ...snapshot.extraColumnIds], input.type);
    await this.assertReferences(siteId, snapshot, null);
    const site = await this.sites.get(siteId);
    const at = this.clock.now().toISOString();
    const indexNo =
      input.type === 'policy'
        ? await nextIndexNumber(this.db, siteId, {
            siteIdCode: site.siteIdCode,
            year: String(shanghaiYear(at)),
            theme: snapshot.fields.theme ?? '',
          })
        : null;
    return this.db.transaction().execute(async (trx) => {
      const newId = await repo.insertItem(trx, {
        ...rowFields(snapshot),
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
      await this.writeRelations(trx, newId, snapshot);
      await repo.insertVersion(trx, {
        content_id: newId,
        version: 1,
        snapshot: JSON.stringify(snapshot),
        created_by: auth.userId,
        created_at: at,
        note: '创建',
      });
      await this.audit.record(trx, auth.actor, {
        action: 'content.create',
        targetType: 'content',
        targetId: newId,
        siteId,
        detail: { after: { ...snapshot, bodyHtml: `${snapshot.bodyHtml.length} 字符` }, indexNo },
      });
      return newId;
    });
  }

  async item(id: number): Promise<ContentItem> {
    const item = await repo.findItem(this.db, id);
    if (!item) throw new AppError('CONTENT_NOT_FOUND');
    return item;
  }

  async snapshot(id: number): Promise<ContentSnapshot> {
    const item = await this.item(id);
    const [extra, attachments, policies] = await Promise.all([
      repo.extraColumnsOf(this.db, id),
      repo.attachmentsOf(this.db, id),
      repo.policiesOf(this.db, id),
    ]);
    return snapshotOf(item, extra, attachments, policies);
  }

  /** The item as the editor's page shows it: working copy, state, files, related items, review history. */
  async detail(id: number): Promise<ContentDetail> {
    const item = await this.item(id);
    const snapshot = await this.snapshot(id);
    const fileIds = [
      ...snapshot.attachments.map((a) => a.fileId),
      ...(snapshot.coverFileId ? [snapshot.coverFileId] : []),
    ];
    const relatedIds = item.type === 'policy' ? await repo.interpretationsOf(this.db, item.id) : snapshot.policyIds;
    const [tree, files, related, history] = await Promise.all([
      this.columns.tree(item.site_id),
      filesRepo.findFiles(this.db, fileIds),
      repo.itemsByIds(this.db, relatedIds),
      reviewRepo.historyOf(this.db, item.id),
    ]);
    return toContentDetail(item, { snapshot, tree, files, related, history });
  }

  /** Staff of the item's department, its column's editors and reviewers may open it; writing is checked apart. */
  async assertCanEdit(auth: AuthContext, item: ContentItem): Promise<void> {
    if (item.status === 'classified') throw new AppError('CONTENT_CLASSIFIED');
    if (await reviewRepo.openRequestFor(this.db, item.id)) throw new AppError('CONTENT_UNDER_REVIEW');
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
      throw new AppError('CONTENT_NOT_WRITABLE');
    }
  }

  /** Saves a new version of the working copy; a published item stays as published until the change is approved. */
  async update(auth: AuthContext, id: number, input: ContentUpdate): Promise<void> {
    const item = await this.item(id);
    await this.assertCanEdit(auth, item);
    const type = item.type as ContentType;
    const snapshot = buildSnapshot(type, input);
    await this.assertWritable(auth, item.site_id, [snapshot.columnId, ...snapshot.extraColumnIds], type);
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
      await repo.updateItem(trx, item.id, { ...rowFields(snapshot), version, updated_at: at });
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

  /** A page of a site's items (newest change first), each with its latest submission for review. */
  async list(siteId: number, query: ContentListQuery, auth: AuthContext): Promise<ContentList> {
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
    const [tree, latest] = await Promise.all([
      this.columns.tree(siteId),
      reviewRepo.latestRequestsOf(
        this.db,
        items.map((i) => i.id),
      ),
    ]);
    return { total, items: items.map((i) => toListItem(i, tree, latest.get(i.id))) };
  }

  async versions(id: number): Promise<VersionRow[]> {
    return repo.listVersions(this.db, id);
  }

  async versionSnapshot(id: number, version: number): Promise<ContentSnapshot> {
    const row = await repo.findVersion(this.db, id, version);
    if (!row) throw new AppError('VERSION_NOT_FOUND', { version });
    return JSON.parse(row.snapshot) as ContentSnapshot;
  }

  /** A line diff of two versions, field by field, as an editor reads it. */
  async diff(id: number, from: number, to: number): Promise<DiffPart[]> {
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

  // ── the item's state, set by the review and publication inside their transactions ──

  /** 涉密: the item is closed for good and never published. */
  async markClassified(trx: Db, id: number, at: string): Promise<void> {
    await repo.updateItem(trx, id, { status: 'classified', publish_at: null, updated_at: at });
  }

  /** Publication, scheduling and withdrawal change these fields only. */
  async setPublicationState(trx: Db, id: number, state: PublicationState): Promise<void> {
    await repo.updateItem(trx, id, state);
  }
}
