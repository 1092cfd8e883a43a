// Publishing a data set: charts designed on its columns, the release through the 附件3 review (a content item
// of type 'dataset' in the 数据发布 column carries each frozen release), and the site's own figures appended
// month by month once their series was approved.
import type { Db } from '../../platform/db/database.ts';
import type { Dataset, DatasetVersion } from './datasets.tables.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { renderChart } from '../../platform/charts.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentService } from '../content/content.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { DataColumn } from './column-types.ts';
import { buildChartSpec, chartDefinitionProblem } from './table-data.ts';
import type { ChartDefinition, ChartView, SubmitInput } from './datasets.schema.ts';
import type { ReleaseSnapshot, ReleasedVersion } from './datasets.public.ts';
import { releaseBody } from './release-body.ts';
import type { DatasetsService } from './datasets.service.ts';
import { chartView } from './datasets.presenter.ts';
import * as repo from './datasets.repository.ts';

const OPEN_REVIEW = new Set(['secrecy_review', 'dept_review', 'leader_review']);

export class DatasetPublishing {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly content: ContentService,
    private readonly review: ReviewService,
    private readonly departments: DepartmentsService,
  ) {}

  // ───────────── charts ─────────────

  private async latestConfirmed(d: Dataset): Promise<DatasetVersion> {
    const v = (await repo.versionsOf(this.db, d.id)).filter((x) => x.state === 'confirmed').at(-1);
    if (!v) throw new AppError('DATASET_NOTHING_TO_RELEASE');
    return v;
  }

  /** Draws a chart definition over the newest confirmed version (the designer's preview). */
  async previewChart(auth: AuthContext, id: number, definition: ChartDefinition) {
    const d = await this.datasets.dataset(id);
    this.datasets.assertReader(auth, d);
    const { table } = await this.datasets.versionTable(id, (await this.latestConfirmed(d)).id);
    const chart = renderChart(buildChartSpec(table, definition, d.title), { id: 'preview', tableOpen: true });
    return { svg: chart.svg, textAlternative: chart.textAlternative, tableHtml: chart.tableHtml };
  }

  async saveChart(
    auth: AuthContext,
    id: number,
    chartId: number | null,
    definition: ChartDefinition,
  ): Promise<ChartView> {
    const d = await this.datasets.dataset(id);
    await this.datasets.assertWriter(auth, d);
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
    const d = await this.datasets.dataset(id);
    await this.datasets.assertWriter(auth, d);
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
    const d = await this.datasets.dataset(id);
    await this.datasets.assertWriter(auth, d);
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
    const publicNow = await this.datasets.reader.byId(id);
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
    const snapshot: ReleaseSnapshot = { metadata: this.datasets.metadata(d, department.name), versions, charts };
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

  /**
   * Appends the provider's figures up to the last complete month as a new version when they are not there
   * yet. Before the series is first approved the version waits for the review like an upload; afterwards it is
   * released at once (`released`), as the approved series' next figures.
   */
  async generateSiteData(actor: Actor, id: number, released: string | null): Promise<boolean> {
    const d = await this.datasets.dataset(id);
    const provider = d.auto_provider ? this.datasets.providers.get(d.auto_provider) : undefined;
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

  /** The monthly job: the approved site-data series get their next month's figures, public at once. */
  async runSiteData(actor: Actor, now: string): Promise<number> {
    let made = 0;
    for (const d of await this.datasets.autoDatasets()) {
      if (!(await this.datasets.reader.byId(d.id))) continue;
      if (await this.generateSiteData(actor, d.id, now)) {
        made += 1;
        await this.datasets.changed(d.site_id);
      }
    }
    return made;
  }
}
