// Data sets for staff: metadata, versions uploaded as CSV or XLSX (read, typed, confirmed), charts on the
// columns, and the release through the 附件3 review. A data set's release is a content item of type 'dataset'
// in the 数据发布 column: submitting freezes metadata, versions and charts in a release row, saves a new
// version of the item naming that release, and submits the item to the review like any publication. The
// approving leader's decision publishes the item; the public then sees exactly that release (datasets.public.ts).
import type { Db } from '../../platform/db/database.ts';
import type { Dataset, DatasetVersion } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { AppError } from '../../platform/errors.ts';
import { renderChart } from '../../platform/charts.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentService } from '../content/content.service.ts';
import { STATUS_NAMES } from '../content/content.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import { COLUMN_TYPES, firstMisfit, inferType, type DataColumn } from './column-types.ts';
import { readTable } from './table-file.ts';
import {
  buildChartSpec,
  chartDefinitionProblem,
  parseConditions,
  rowObjects,
  selectRows,
  typeRows,
} from './table-data.ts';
import type {
  ChartDefinition,
  ChartView,
  ConfirmColumns,
  DatasetDetail,
  RowsQuery,
  RowsResult,
  DatasetInput,
  DatasetSummary,
  Metadata,
  SubmitInput,
  UploadQuery,
  UploadResult,
  VersionView,
} from './datasets.schema.ts';
import type { DatasetReader, PublicDataset, ReleaseSnapshot, ReleasedVersion } from './datasets.public.ts';
import { releaseBody } from './release-body.ts';
import type { SiteDataProviders } from './site-data.ts';
import { OpenDataService } from './datasets.open.ts';
import * as repo from './datasets.repository.ts';

export type DatasetChangeListener = (siteId: number) => void | Promise<void>;

const OPEN_REVIEW = new Set(['secrecy_review', 'dept_review', 'leader_review']);

export const versionView = (v: DatasetVersion): VersionView => ({
  id: v.id,
  seq: v.seq,
  label: v.label,
  note: v.note,
  columns: JSON.parse(v.columns) as DataColumn[],
  rowCount: v.row_count,
  sourceKind: v.source_kind,
  sourceName: v.source_name,
  encoding: v.encoding,
  state: v.state,
  releasedAt: v.released_at,
  createdAt: v.created_at,
});

const chartView = (c: { id: number; spec: string; sort: number }): ChartView => ({
  ...(JSON.parse(c.spec) as ChartDefinition),
  id: c.id,
  sort: c.sort,
});

export class DatasetsService {
  private readonly listeners: DatasetChangeListener[] = [];
  /** The open data API (read-only, published data sets only). */
  readonly open: OpenDataService;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly fileStore: FileStore,
    private readonly content: ContentService,
    private readonly review: ReviewService,
    private readonly columns: ColumnsService,
    private readonly departments: DepartmentsService,
    private readonly sites: SitesService,
    readonly reader: DatasetReader,
    readonly providers: SiteDataProviders,
    openApiPerMinute: number,
  ) {
    this.open = new OpenDataService(db, clock, reader, openApiPerMinute);
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
        status: item.status,
        statusName: STATUS_NAMES[item.status] ?? item.status,
        reviewState: states.get(r.content_id) ?? null,
        versions: versions.filter((v) => v.dataset_id === r.id).length,
        updatedAt: r.updated_at,
      });
    }
    return out;
  }

  metadata(d: Dataset, departmentName: string): Metadata {
    return {
      identifier: d.identifier,
      title: d.title,
      description: d.description,
      theme: d.theme,
      keywords: d.keywords,
      departmentId: d.department_id,
      departmentName,
      updateFrequency: d.update_frequency,
      coverageFrom: d.coverage_from,
      coverageTo: d.coverage_to,
      licence: d.licence,
      contact: d.contact,
      shareType: d.share_type,
      shareCondition: d.share_condition,
      openType: d.open_type,
      openCondition: d.open_condition,
      autoProvider: d.auto_provider,
    };
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
    if (input.autoProvider) await this.generateSiteData(auth.actor, id, null);
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

  // ───────────── charts ─────────────

  private async latestConfirmed(d: Dataset): Promise<DatasetVersion> {
    const v = (await repo.versionsOf(this.db, d.id)).filter((x) => x.state === 'confirmed').at(-1);
    if (!v) throw new AppError('DATASET_NOTHING_TO_RELEASE');
    return v;
  }

  /** Draws a chart definition over the newest confirmed version (the designer's preview). */
  async previewChart(auth: AuthContext, id: number, definition: ChartDefinition) {
    const d = await this.dataset(id);
    this.assertReader(auth, d);
    const { table } = await this.versionTable(id, (await this.latestConfirmed(d)).id);
    const chart = renderChart(buildChartSpec(table, definition, d.title), { id: 'preview', tableOpen: true });
    return { svg: chart.svg, textAlternative: chart.textAlternative, tableHtml: chart.tableHtml };
  }

  async saveChart(
    auth: AuthContext,
    id: number,
    chartId: number | null,
    definition: ChartDefinition,
  ): Promise<ChartView> {
    const d = await this.dataset(id);
    await this.assertWriter(auth, d);
    const columns = JSON.parse((await this.latestConfirmed(d)).columns) as DataColumn[];
    const problem = chartDefinitionProblem(columns, definition);
    if (problem) throw new AppError('CHART_INVALID', { reason: problem });
    if (chartId !== null) {
      const existing = await repo.findChart(this.db, chartId);
      if (!existing || existing.dataset_id !== id || existing.deleted) throw new AppError('DATASET_CHART_NOT_FOUND');
    }
    const at = this.clock.now().toISOString();
    const { sort, ...spec } = definition;
    const savedId = await this.db.transaction().execute(async (trx) => {
      const values = {
        title: spec.title,
        kind: spec.kind,
        spec: JSON.stringify(spec),
        sort: sort ?? 0,
        updated_at: at,
      };
      const cid = chartId ?? (await repo.insertChart(trx, { ...values, dataset_id: id, deleted: 0, created_at: at }));
      if (chartId !== null) await repo.updateChart(trx, chartId, values);
      await this.audit.record(trx, auth.actor, {
        action: chartId === null ? 'dataset.chart.create' : 'dataset.chart.update',
        targetType: 'dataset',
        targetId: id,
        siteId: d.site_id,
        detail: { chartId: cid, ...spec },
      });
      return cid;
    });
    return chartView((await repo.findChart(this.db, savedId))!);
  }

  async deleteChart(auth: AuthContext, id: number, chartId: number): Promise<void> {
    const d = await this.dataset(id);
    await this.assertWriter(auth, d);
    const chart = await repo.findChart(this.db, chartId);
    if (!chart || chart.dataset_id !== id || chart.deleted) throw new AppError('DATASET_CHART_NOT_FOUND');
    await this.db.transaction().execute(async (trx) => {
      await repo.updateChart(trx, chartId, { deleted: 1, updated_at: this.clock.now().toISOString() });
      await this.audit.record(trx, auth.actor, {
        action: 'dataset.chart.delete',
        targetType: 'dataset',
        targetId: id,
        siteId: d.site_id,
        detail: { chartId, title: chart.title },
      });
    });
  }

  // ───────────── release through review ─────────────

  /**
   * Freezes the data set as it stands (metadata, confirmed versions, charts) and submits it to the 附件3 review.
   * Nothing is public until the 分管领导 approves; a refusal leaves the public release as it was.
   */
  async submit(auth: AuthContext, id: number, input: SubmitInput) {
    const d = await this.dataset(id);
    await this.assertWriter(auth, d);
    const history = await this.review.history(d.content_id);
    if (history.some((r) => OPEN_REVIEW.has(r.state))) throw new AppError('DATASET_IN_REVIEW', { title: d.title });
    if (d.open_type === '不予开放' && input.releaseForm === '网站公开') throw new AppError('DATASET_NOT_OPEN');
    const all = await repo.versionsOf(this.db, id);
    const pending = all.find((v) => v.state === 'uploaded');
    if (pending) throw new AppError('DATASET_VERSION_UNCONFIRMED', { label: pending.label });
    const confirmed = all.filter((v) => v.state === 'confirmed');
    if (confirmed.length === 0) throw new AppError('DATASET_NOTHING_TO_RELEASE');
    const latestColumns = JSON.parse(confirmed.at(-1)!.columns) as DataColumn[];
    const charts = (await repo.chartsOf(this.db, id)).map(chartView);
    for (const c of charts) {
      const problem = chartDefinitionProblem(latestColumns, c);
      if (problem) throw new AppError('CHART_INVALID', { reason: `图表“${c.title}”：${problem}` });
    }
    const department = await this.departments.get(d.department_id);
    const publicNow = await this.reader.byId(id);
    const releasedAt = new Map(publicNow?.versions.map((v) => [v.id, v.releasedAt]) ?? []);
    const versions: ReleasedVersion[] = confirmed.map((v) => ({
      id: v.id,
      seq: v.seq,
      label: v.label,
      note: v.note,
      rowCount: v.row_count,
      columns: JSON.parse(v.columns) as DataColumn[],
      releasedAt: releasedAt.get(v.id) ?? v.released_at,
    }));
    const snapshot: ReleaseSnapshot = { metadata: this.metadata(d, department.name), versions, charts };
    const at = this.clock.now().toISOString();
    const releaseId = await this.db.transaction().execute(async (trx) => {
      const rid = await repo.insertRelease(trx, {
        dataset_id: id,
        content_id: d.content_id,
        snapshot: JSON.stringify(snapshot),
        created_by: auth.userId,
        created_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'dataset.release',
        targetType: 'dataset',
        targetId: id,
        siteId: d.site_id,
        detail: { releaseId: rid, versions: versions.map((v) => v.seq), charts: charts.map((c) => c.id) },
      });
      return rid;
    });
    const item = await this.content.item(d.content_id);
    await this.content.update(auth, d.content_id, {
      columnId: item.column_id,
      title: d.title,
      summary: d.description.slice(0, 1000),
      keywords: d.keywords,
      source: department.name,
      bodyHtml: releaseBody(snapshot),
      fields: { datasetRelease: releaseId },
      note: `数据集发布：${versions.at(-1)!.label}`,
    });
    return this.review.submit(auth, d.content_id, input);
  }

  // ───────────── the site's own figures ─────────────

  /** Whether a content item carries a data set's releases. */
  async isDatasetItem(contentId: number): Promise<boolean> {
    return !!(await repo.findByContent(this.db, contentId));
  }

  autoDatasets(): Promise<Dataset[]> {
    return repo.autoDatasets(this.db);
  }

  /**
   * Appends the provider's figures up to the last complete month as a new version when they are not there
   * yet. Before the series is first approved the version waits for the review like an upload; afterwards it is
   * released at once (`released`), as the approved series' next figures.
   */
  async generateSiteData(actor: Actor, id: number, released: string | null): Promise<boolean> {
    const d = await this.dataset(id);
    const provider = d.auto_provider ? this.providers.get(d.auto_provider) : undefined;
    if (!provider) return false;
    const figures = await provider.figures(this.db, d.site_id, this.clock.now());
    if (figures.rows.length === 0) return false;
    const last = (await repo.versionsOf(this.db, id)).at(-1);
    if (last?.label === figures.label) return false;
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const seq = await repo.nextSeq(trx, id);
      const versionId = await repo.insertVersion(
        trx,
        {
          dataset_id: id,
          seq,
          label: figures.label,
          note: provider.description,
          columns: JSON.stringify(provider.columns),
          row_count: figures.rows.length,
          source_kind: 'auto',
          source_name: provider.title,
          source_sha256: '',
          source_storage_key: null,
          encoding: 'utf-8',
          state: 'confirmed',
          released_at: released,
          created_by: actor.userId,
          created_at: at,
          confirmed_at: at,
        },
        figures.rows,
      );
      await this.audit.record(trx, actor, {
        action: 'dataset.site-data',
        targetType: 'dataset',
        targetId: id,
        siteId: d.site_id,
        detail: { versionId, seq, label: figures.label, rows: figures.rows.length, released: released !== null },
      });
    });
    return true;
  }
}

/** The monthly job: the approved site-data series get their next month's figures, public at once. */
export async function runSiteData(service: DatasetsService, actor: Actor, now: string): Promise<number> {
  let made = 0;
  for (const d of await service.autoDatasets()) {
    if (!(await service.reader.byId(d.id))) continue;
    if (await service.generateSiteData(actor, d.id, now)) {
      made += 1;
      await service.changed(d.site_id);
    }
  }
  return made;
}

function assertSameColumns(before: string[], after: string[]): void {
  const missing = before.filter((n) => !after.includes(n));
  const added = after.filter((n) => !before.includes(n));
  if (missing.length || added.length) {
    const parts = [
      ...(missing.length ? [`缺少${missing.map((n) => `“${n}”`).join('、')}列`] : []),
      ...(added.length ? [`多出${added.map((n) => `“${n}”`).join('、')}列`] : []),
    ];
    throw new AppError('DATASET_COLUMNS_MISMATCH', { reason: parts.join('，') });
  }
  const moved = before.findIndex((n, i) => after[i] !== n);
  if (moved >= 0)
    throw new AppError('DATASET_COLUMNS_MISMATCH', {
      reason: `列的顺序不同（第 ${moved + 1} 列应为“${before[moved]}”）`,
    });
}
