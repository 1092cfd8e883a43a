// What the public sees of data sets: only releases whose content item is published (the approved version of
// the item names its frozen release), plus the versions of the site's own figures the monthly job released
// after the series was approved. Everything the public pages and the open API read comes from here.
import type { Db } from '../../platform/db/database.ts';
import type { DatasetVersion } from './datasets.tables.ts';
import { AppError } from '../../platform/errors.ts';
import { renderChart, type RenderedChart } from '../../platform/charts.ts';
import type { DataColumn } from './column-types.ts';
import type { ChartView, Metadata } from './datasets.schema.ts';
import * as repo from './datasets.repository.ts';
import { TableCache, buildChartSpec, typeRows, type TypedTable } from './table-data.ts';

export interface ReleasedVersion {
  id: number;
  seq: number;
  label: string;
  note: string;
  rowCount: number;
  columns: DataColumn[];
  /** null in a release snapshot until it is published: then it is the release's publication time. */
  releasedAt: string | null;
}

/** What one submission for review froze. */
export interface ReleaseSnapshot {
  metadata: Metadata;
  versions: ReleasedVersion[];
  charts: ChartView[];
}

export interface PublicVersion extends ReleasedVersion {
  releasedAt: string;
}

export interface PublicDataset {
  id: number;
  siteId: number;
  contentId: number;
  columnId: number;
  metadata: Metadata;
  publishedAt: string;
  /** The newest of the release's publication and the site-data versions released since. */
  updatedAt: string;
  /** Oldest first. */
  versions: PublicVersion[];
  charts: ChartView[];
  /** The newest version's columns. */
  columns: DataColumn[];
}

const versionOf = (v: DatasetVersion): ReleasedVersion => ({
  id: v.id,
  seq: v.seq,
  label: v.label,
  note: v.note,
  rowCount: v.row_count,
  columns: JSON.parse(v.columns) as DataColumn[],
  releasedAt: v.released_at,
});

export class DatasetReader {
  private readonly tables = new TableCache();

  constructor(private readonly db: Db) {}

  /** The site's published data sets, newest update first. */
  async list(siteId: number | null): Promise<PublicDataset[]> {
    const items = await repo.publishedDatasetItems(this.db, siteId);
    return (await this.assemble(items)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async byContent(contentId: number): Promise<PublicDataset | null> {
    const item = await repo.publishedDatasetItem(this.db, contentId);
    return item ? ((await this.assemble([item]))[0] ?? null) : null;
  }

  async byId(id: number): Promise<PublicDataset | null> {
    const dataset = await repo.findDataset(this.db, id);
    return dataset ? this.byContent(dataset.content_id) : null;
  }

  async require(id: number): Promise<PublicDataset> {
    const found = await this.byId(id);
    if (!found) throw new AppError('DATASET_NOT_FOUND');
    return found;
  }

  private async assemble(items: repo.PublishedRow[]): Promise<PublicDataset[]> {
    const releaseIds = items
      .map((i) => (JSON.parse(i.snapshot) as { fields?: { datasetRelease?: number } }).fields?.datasetRelease)
      .filter((id): id is number => typeof id === 'number');
    const releases = new Map((await repo.releasesByIds(this.db, releaseIds)).map((r) => [r.id, r]));
    const autoIds = [...releases.values()]
      .filter((r) => (JSON.parse(r.snapshot) as ReleaseSnapshot).metadata.autoProvider)
      .map((r) => r.dataset_id);
    const autoVersions = await repo.versionsOfMany(this.db, autoIds);
    const out: PublicDataset[] = [];
    for (const item of items) {
      const releaseId = (JSON.parse(item.snapshot) as { fields?: { datasetRelease?: number } }).fields?.datasetRelease;
      const release = releaseId === undefined ? undefined : releases.get(releaseId);
      // An item of type 'dataset' not written by this module has no release of its own: not a data set.
      if (!release || release.content_id !== item.contentId) continue;
      const snapshot = JSON.parse(release.snapshot) as ReleaseSnapshot;
      const releasedAt = item.updatedAt ?? item.pubDate;
      const versions: PublicVersion[] = snapshot.versions.map((v) => ({
        ...v,
        releasedAt: v.releasedAt ?? releasedAt,
      }));
      const lastSeq = versions.at(-1)?.seq ?? 0;
      for (const v of autoVersions)
        if (v.dataset_id === release.dataset_id && v.seq > lastSeq && v.released_at)
          versions.push({ ...versionOf(v), releasedAt: v.released_at });
      if (versions.length === 0) continue;
      out.push({
        id: release.dataset_id,
        siteId: item.siteId,
        contentId: item.contentId,
        columnId: item.columnId,
        metadata: snapshot.metadata,
        publishedAt: item.pubDate,
        updatedAt: latestOf(
          releasedAt,
          versions.map((v) => v.releasedAt),
        ),
        versions,
        charts: snapshot.charts,
        columns: versions.at(-1)!.columns,
      });
    }
    return out;
  }

  /** A public version by its number (the newest when not given). */
  version(dataset: PublicDataset, seq?: number): PublicVersion {
    const v = seq === undefined ? dataset.versions.at(-1) : dataset.versions.find((x) => x.seq === seq);
    if (!v) throw new AppError('DATASET_VERSION_NOT_FOUND');
    return v;
  }

  /** A version's typed rows (cached: a confirmed version never changes). */
  table(version: Pick<ReleasedVersion, 'id' | 'columns'>): Promise<TypedTable> {
    return this.tables.get(version.id, async () => ({
      columns: version.columns,
      rows: typeRows(version.columns, await repo.rawRows(this.db, version.id)),
    }));
  }

  /** A chart of a published data set drawn from its newest version. */
  async chart(dataset: PublicDataset, chartId: number, id?: string): Promise<RenderedChart> {
    const chart = dataset.charts.find((c) => c.id === chartId);
    if (!chart) throw new AppError('DATASET_CHART_NOT_FOUND');
    const table = await this.table(this.version(dataset));
    const source = `${dataset.metadata.departmentName}《${dataset.metadata.title}》`;
    return renderChart(buildChartSpec(table, chart, source), { id: id ?? `chart-${chart.id}` });
  }

  /** The published data set a chart belongs to (for charts embedded in articles). */
  async datasetOfChart(chartId: number): Promise<PublicDataset | null> {
    const chart = await repo.findChart(this.db, chartId);
    if (!chart) return null;
    const dataset = await this.byId(chart.dataset_id);
    return dataset?.charts.some((c) => c.id === chartId) ? dataset : null;
  }
}

/** ISO timestamps sort as text, so the latest is the largest string. */
function latestOf(first: string, others: string[]): string {
  return others.reduce((latest, value) => (value.localeCompare(latest) > 0 ? value : latest), first);
}
