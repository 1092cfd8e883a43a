// Data sets for staff: metadata, versions uploaded as CSV or XLSX (read, typed, confirmed), charts on the
// columns, and the release through the 附件3 review. A data set's release is a content item of type 'dataset'
// in the 数据发布 column: submitting freezes metadata, versions and charts in a release row, saves a new
// version of the item naming that release, and submits the item to the review like any publication. The
// approving leader's decision publishes the item; the public then sees exactly that release (datasets.public.ts).
import type { Db } from '../../platform/db/database.ts';
import type { Dataset, DatasetVersion } from './datasets.tables.ts';
import type { Clock } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentService } from '../content/content.service.ts';
import { CONTENT_STATUSES, type ContentStatus } from '../content/content-types.ts';
import type { ReviewState } from '../review/review.schema.ts';
import type { ReviewService } from '../review/review.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import { COLUMN_TYPES, firstMisfit, inferType, type DataColumn } from './column-types.ts';
import { readTable } from './table-file.ts';
import { parseConditions, rowObjects, selectRows, typeRows } from './table-data.ts';
import type {
  ConfirmColumns,
  DatasetDetail,
  RowsQuery,
  RowsResult,
  DatasetInput,
  DatasetSummary,
  Metadata,
  UploadQuery,
  UploadResult,
  VersionView,
} from './datasets.schema.ts';
import type { DatasetReader, PublicDataset } from './datasets.public.ts';
import type { SiteDataProviders } from './site-data.ts';
import { OpenDataService } from './datasets.open.ts';
import { DatasetPublishing } from './dataset-publishing.ts';
import * as repo from './datasets.repository.ts';
import { chartView, metadataOf, versionView } from './datasets.presenter.ts';
import { assertSameColumns } from './column-types.ts';

export type DatasetChangeListener = (siteId: number) => void | Promise<void>;

const _OPEN_REVIEW = new Set(['secrecy_review', 'dept_review', 'leader_review']);

export class DatasetsService {
  private readonly listeners: DatasetChangeListener[] = [];
  /** The open data API (read-only, published data sets only). */
  readonly open: OpenDataService;
  /** Charts, the release through review, the site's monthly figures. */
  readonly publishing: DatasetPublishing;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly fileStore: FileStore,
    private readonly content: ContentService,
    readonly review: ReviewService,
    private readonly columns: ColumnsService,
    private readonly departments: DepartmentsService,
    private readonly sites: SitesService,
    readonly reader: DatasetReader,
    readonly providers: SiteDataProviders,
    openApiPerMinute: number,
  ) {
    this.open = new OpenDataService(db, clock, reader, openApiPerMinute);
    this.publishing = new DatasetPublishing(this, db, clock, audit, content, review, departments);
  }

  /** Public pages of a site change (a site-data version went public): the portal drops its cache. */
  onChange(listener: DatasetChangeListener): void {
    this.listeners.push(listener);
  }

  async changed(siteId: number): Promise<void> {
    for (const l of this.listeners) await l(siteId);
  }

  // ───────────── reading ─────────────

  async dataset(id: number): Promise<Dataset> {
    const d = await repo.findDataset(this.db, id);
    if (!d) throw new AppError('DATASET_NOT_FOUND');
    return d;
  }

  async list(siteId: number): Promise<DatasetSummary[]> {
    const rows = await repo.datasetsOfSite(this.db, siteId);
    return this.summaries(rows);
  }

  private async summaries(rows: Dataset[]): Promise<DatasetSummary[]> {
    const names = await repo.departmentNames(this.db, [...new Set(rows.map((r) => r.department_id))]);
    const states = await repo.latestReviewStates(
      this.db,
      rows.map((r) => r.content_id),
    );
    const versions = await repo.versionsOfMany(
      this.db,
      rows.map((r) => r.id),
    );
    const out: DatasetSummary[] = [];
    for (const r of rows) {
      const item = await this.content.item(r.content_id);
      out.push({
        id: r.id,
        siteId: r.site_id,
        contentId: r.content_id,
        ...this.metadata(r, names.get(r.department_id) ?? ''),
        // Stored as text; the content and review modules only ever write their own states.
        status: item.status as ContentStatus,
        statusName: CONTENT_STATUSES[item.status as ContentStatus] ?? item.status,
        reviewState: (states.get(r.content_id) as ReviewState | undefined) ?? null,
        versions: versions.filter((v) => v.dataset_id === r.id).length,
        updatedAt: r.updated_at,
      });
    }
    return out;
  }

  metadata(d: Dataset, departmentName: string): Metadata {
    return metadataOf(d, departmentName);
  }

  async detail(id: number): Promise<DatasetDetail> {
    const d = await this.dataset(id);
    const [summary] = await this.summaries([d]);
    const item = await this.content.item(d.content_id);
    const column = (await this.columns.tree(d.site_id)).byId.get(item.column_id);
    return {
      ...summary,
      versionList: (await repo.versionsOf(this.db, id)).map(versionView),
      charts: (await repo.chartsOf(this.db, id)).map(chartView),
      publicUrl: item.status === 'published' && column ? `${column.path}${item.id}.html` : null,
      columnId: item.column_id,
    };
  }

  /** Staff who may see the data set: its site's editors, reviewers, leaders and secrecy reviewers. */
  assertReader(auth: AuthContext, d: Dataset): void {
    const roles = ['editor', 'site_admin', 'reviewer', 'leader', 'secrecy_reviewer'];
    if (!auth.grants.some((g) => roles.includes(g.role) && (g.siteId === null || g.siteId === d.site_id)))
      throw new AppError('FORBIDDEN');
  }

  /** Editors of the 数据发布 column the data set is released in (附件1 duties and grants). */
  async assertWriter(auth: AuthContext, d: Dataset): Promise<void> {
    await this.content.assertColumnWriter(auth, await this.content.item(d.content_id));
  }

  // ───────────── metadata ─────────────

  private async checkInput(siteId: number, input: DatasetInput, self: number | null): Promise<void> {
    const departments = await this.departments.list(siteId);
    if (!departments.some((d) => d.id === input.departmentId)) throw new AppError('DATASET_DEPARTMENT_INVALID');
    if (input.identifier && (await repo.identifierTaken(this.db, siteId, input.identifier, self)))
      throw new AppError('DATASET_IDENTIFIER_TAKEN', { identifier: input.identifier });
    if (input.coverageFrom && input.coverageTo && input.coverageFrom > input.coverageTo)
      throw new AppError('DATASET_COVERAGE_INVALID');
    if (input.autoProvider && !this.providers.get(input.autoProvider))
      throw new AppError('DATASET_PROVIDER_UNKNOWN', { key: input.autoProvider });
  }

  private row(input: DatasetInput) {
    return {
      title: input.title.trim(),
      description: input.description.trim(),
      theme: input.theme,
      keywords: input.keywords.trim(),
      department_id: input.departmentId,
      update_frequency: input.updateFrequency,
      coverage_from: input.coverageFrom,
      coverage_to: input.coverageTo,
      licence: input.licence.trim(),
      contact: input.contact.trim(),
      share_type: input.shareType,
      share_condition: input.shareCondition.trim(),
      open_type: input.openType,
      open_condition: input.openCondition.trim(),
    };
  }

  /** The 数据发布 column of the site this editor writes in. */
  private async dataColumn(auth: AuthContext, siteId: number): Promise<number> {
    const column = (await this.content.writableColumns(auth, siteId)).find(
      (c) => c.columnType === '数据发布' && c.kind === 'list',
    );
    if (!column) {
      const exists = (await this.columns.tree(siteId)).flat.some((c) => c.columnType === '数据发布');
      if (exists) throw new AppError('DATASET_NOT_WRITER');
      throw new AppError('DATASET_NO_COLUMN');
    }
    return column.id;
  }

  async create(auth: AuthContext, siteId: number, input: DatasetInput): Promise<number> {
    await this.checkInput(siteId, input, null);
    const columnId = await this.dataColumn(auth, siteId);
    const site = await this.sites.get(siteId);
    const identifier = input.identifier || (await this.nextIdentifier(siteId, site.siteIdCode));
    const departmentName = (await this.departments.get(input.departmentId)).name;
    const provider = input.autoProvider ? this.providers.get(input.autoProvider) : undefined;
    // The item that will carry the releases through review: a draft until the first submission.
    const contentId = await this.content.create(auth, siteId, {
      type: 'dataset',
      columnId,
      title: input.title.trim(),
      summary: input.description.trim().slice(0, 1000),
      keywords: input.keywords.trim(),
      source: departmentName,
      bodyHtml: '',
    });
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const datasetId = await repo.insertDataset(trx, {
        ...this.row(input),
        site_id: siteId,
        content_id: contentId,
        identifier,
        auto_provider: input.autoProvider ?? null,
        created_by: auth.userId,
        created_at: at,
        updated_at: at,
      });
      for (const [sort, chart] of (provider?.charts ?? []).entries())
        await repo.insertChart(trx, {
          dataset_id: datasetId,
          title: chart.title,
          kind: chart.kind,
          spec: JSON.stringify(chart),
          sort,
          deleted: 0,
          created_at: at,
          updated_at: at,
        });
      await this.audit.record(trx, auth.actor, {
        action: 'dataset.create',
        targetType: 'dataset',
        targetId: datasetId,
        siteId,
        detail: { identifier, title: input.title, contentId, autoProvider: input.autoProvider ?? null },
      });
      return datasetId;
    });
    if (input.autoProvider) await this.publishing.generateSiteData(auth.actor, id, null);
    return id;
  }

  private async nextIdentifier(siteId: number, siteIdCode: string): Promise<string> {
    for (let n = (await repo.countOfSite(this.db, siteId)) + 1; ; n++) {
      const candidate = `${siteIdCode || 'GOV'}/SJ${String(n).padStart(5, '0')}`;
      if (!(await repo.identifierTaken(this.db, siteId, candidate, null))) return candidate;
    }
  }

  async update(auth: AuthContext, id: number, input: DatasetInput): Promise<void> {
    const d = await this.dataset(id);
    await this.assertWriter(auth, d);
    await this.checkInput(d.site_id, input, d.id);
    if ((input.autoProvider ?? null) !== d.auto_provider) throw new AppError('DATASET_PROVIDER_FIXED');
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateDataset(trx, id, {
        ...this.row(input),
        identifier: input.identifier || d.identifier,
        updated_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'dataset.update',
        targetType: 'dataset',
        targetId: id,
        siteId: d.site_id,
        detail: { before: this.metadata(d, ''), after: input },
      });
    });
  }

  // ───────────── versions ─────────────

  /** Reads an uploaded file into a new version; its column types are proposed for the editor to confirm. */
  async upload(auth: AuthContext, id: number, bytes: Buffer, name: string, query: UploadQuery): Promise<UploadResult> {
    const d = await this.dataset(id);
    await this.assertWriter(auth, d);
    if (d.auto_provider) throw new AppError('DATASET_AUTO_NO_UPLOAD');
    const table = await readTable(bytes, name);
    const previous = (await repo.versionsOf(this.db, id)).filter((v) => v.state === 'confirmed').at(-1);
    let columns: DataColumn[];
    let proposedFrom: string;
    if (previous) {
      const before = JSON.parse(previous.columns) as DataColumn[];
      assertSameColumns(
        before.map((c) => c.name),
        table.header,
      );
      columns = before;
      proposedFrom = `沿用版本“${previous.label}”的列类型`;
    } else {
      columns = table.header.map((h, i) => ({
        name: h,
        type: inferType(
          h,
          table.rows.map((r) => r[i]),
        ),
        description: '',
        unit: '',
      }));
      proposedFrom = '根据数据自动识别，请核对后确认';
    }
    const stored = await this.fileStore.put(bytes);
    const at = this.clock.now().toISOString();
    const versionId = await this.db.transaction().execute(async (trx) => {
      const seq = await repo.nextSeq(trx, id);
      const vid = await repo.insertVersion(
        trx,
        {
          dataset_id: id,
          seq,
          label: query.label?.trim() || `版本${seq}`,
          note: query.note?.trim() ?? '',
          columns: JSON.stringify(columns),
          row_count: table.rows.length,
          source_kind: table.kind,
          source_name: name.split(/[\\/]/).pop()!.slice(0, 200),
          source_sha256: stored.sha256,
          source_storage_key: stored.key,
          encoding: table.encoding,
          state: 'uploaded',
          released_at: null,
          created_by: auth.userId,
          created_at: at,
          confirmed_at: null,
        },
        table.rows,
      );
      await this.audit.record(trx, auth.actor, {
        action: 'dataset.upload',
        targetType: 'dataset',
        targetId: id,
        siteId: d.site_id,
        detail: { versionId: vid, seq, name, sha256: stored.sha256, rows: table.rows.length, encoding: table.encoding },
      });
      return vid;
    });
    return {
      version: versionView((await repo.findVersion(this.db, versionId))!),
      sample: table.rows.slice(0, 10),
      proposedFrom,
    };
  }

  private async ownVersion(d: Dataset, versionId: number): Promise<DatasetVersion> {
    const v = await repo.findVersion(this.db, versionId);
    if (!v || v.dataset_id !== d.id) throw new AppError('DATASET_VERSION_NOT_FOUND');
    return v;
  }

  /** The editor confirms (or corrects) the column types; every cell must fit its column's type. */
  async confirm(auth: AuthContext, id: number, versionId: number, input: ConfirmColumns): Promise<VersionView> {
    const d = await this.dataset(id);
    await this.assertWriter(auth, d);
    const v = await this.ownVersion(d, versionId);
    if (v.state !== 'uploaded') throw new AppError('DATASET_VERSION_CONFIRMED');
    const current = JSON.parse(v.columns) as DataColumn[];
    assertSameColumns(
      current.map((c) => c.name),
      input.columns.map((c) => c.name),
    );
    const previous = (await repo.versionsOf(this.db, id)).filter((x) => x.state === 'confirmed').at(-1);
    if (previous) {
      const before = JSON.parse(previous.columns) as DataColumn[];
      const changed = before.find((c, i) => c.type !== input.columns[i].type);
      if (changed)
        throw new AppError('DATASET_COLUMNS_MISMATCH', {
          reason: `“${changed.name}”列在已有版本中是${COLUMN_TYPES[changed.type]}`,
        });
    }
    const raw = await repo.rawRows(this.db, v.id);
    input.columns.forEach((c, i) => {
      const misfit = firstMisfit(raw, i, c.type);
      if (misfit)
        throw new AppError('DATASET_TYPE_MISMATCH', {
          column: c.name,
          type: COLUMN_TYPES[c.type],
          row: misfit.row,
          value: misfit.value.slice(0, 50),
        });
    });
    const columns = input.columns.map((c) => ({ ...c, description: c.description.trim(), unit: c.unit.trim() }));
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateVersion(trx, v.id, {
        columns: JSON.stringify(columns),
        state: 'confirmed',
        confirmed_at: at,
        ...(input.label ? { label: input.label.trim() } : {}),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'dataset.confirm',
        targetType: 'dataset',
        targetId: id,
        siteId: d.site_id,
        detail: { versionId: v.id, seq: v.seq, columns },
      });
    });
    return versionView((await repo.findVersion(this.db, v.id))!);
  }

  /** Discards an upload whose columns were not confirmed (a wrong file). */
  async discard(auth: AuthContext, id: number, versionId: number): Promise<void> {
    const d = await this.dataset(id);
    await this.assertWriter(auth, d);
    const v = await this.ownVersion(d, versionId);
    if (v.state !== 'uploaded') throw new AppError('DATASET_VERSION_CONFIRMED');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteVersion(trx, v.id);
      await this.audit.record(trx, auth.actor, {
        action: 'dataset.discard',
        targetType: 'dataset',
        targetId: id,
        siteId: d.site_id,
        detail: { versionId: v.id, seq: v.seq, name: v.source_name },
      });
    });
  }

  /** A page of a version's rows for the editor and reviewers (drafts included). */
  async versionTable(id: number, versionId: number) {
    const d = await this.dataset(id);
    const v = await this.ownVersion(d, versionId);
    const columns = JSON.parse(v.columns) as DataColumn[];
    return { dataset: d, version: v, table: { columns, rows: typeRows(columns, await repo.rawRows(this.db, v.id)) } };
  }

  /** The staff preview of a version (also before it is confirmed or released). */
  async draftRows(id: number, versionId: number, query: RowsQuery): Promise<RowsResult> {
    const { version, table } = await this.versionTable(id, versionId);
    const sort = query.sort === undefined ? undefined : table.columns.findIndex((c) => c.name === query.sort);
    if (sort === -1) throw new AppError('DATASET_COLUMN_UNKNOWN', { column: query.sort! });
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const selected = selectRows(table, {
      conditions: parseConditions(table.columns, query.filter ?? []),
      q: query.q,
      sort,
      order: query.order,
      page,
      pageSize,
    });
    return {
      dataset: id,
      version: version.seq,
      columns: table.columns,
      total: selected.total,
      page,
      pageSize,
      rows: rowObjects(table.columns, selected.rows),
    };
  }

  /** The public page of a published data set: its item's address in its column, inside its site. */
  async pagePath(d: PublicDataset): Promise<string> {
    const column = (await this.columns.tree(d.siteId)).byId.get(d.columnId);
    return `${column?.path ?? '/'}${d.contentId}.html`;
  }

  /** Whether a content item carries a data set's releases. */
  async isDatasetItem(contentId: number): Promise<boolean> {
    return !!(await repo.findByContent(this.db, contentId));
  }

  autoDatasets(): Promise<Dataset[]> {
    return repo.autoDatasets(this.db);
  }
}
