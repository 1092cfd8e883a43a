// Rows of the data release tables → the staff API's views.
import type { Dataset, DatasetVersion } from './datasets.tables.ts';
import type { DataColumn } from './column-types.ts';
import type { ChartDefinition, ChartView, Metadata, VersionView } from './datasets.schema.ts';

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

export const chartView = (c: { id: number; spec: string; sort: number }): ChartView => ({
  ...(JSON.parse(c.spec) as ChartDefinition),
  id: c.id,
  sort: c.sort,
});

export function metadataOf(d: Dataset, departmentName: string): Metadata {
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
