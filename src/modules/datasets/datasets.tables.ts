// The open data (数据发布) tables: datasets, their versions, stored chunks, charts, releases and the open API's request counters.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';
import type { Flag } from '../../platform/db/schema.ts';

export interface DatasetsTable {
  id: Generated<number>;
  site_id: number;
  content_id: number;
  identifier: string;
  title: string;
  description: string;
  theme: string;
  keywords: string;
  department_id: number;
  update_frequency: string;
  coverage_from: string | null;
  coverage_to: string | null;
  licence: string;
  contact: string;
  share_type: string;
  share_condition: string;
  open_type: string;
  open_condition: string;
  /** The site-data provider that appends a version each month; null for uploaded data. */
  auto_provider: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DatasetVersionsTable {
  id: Generated<number>;
  dataset_id: number;
  seq: number;
  label: string;
  note: string;
  /** JSON: [{ name, type, description, unit }]. */
  columns: string;
  row_count: number;
  source_kind: string;
  source_name: string;
  source_sha256: string;
  source_storage_key: string | null;
  encoding: string;
  /** uploaded → confirmed (types confirmed by the editor; immutable from then on). */
  state: string;
  /** When a site-data version went public without review (its series was approved once); null otherwise. */
  released_at: string | null;
  created_by: number | null;
  created_at: string;
  confirmed_at: string | null;
}

export interface DatasetChunksTable {
  version_id: number;
  chunk_no: number;
  /** JSON: string[][] (null for an empty cell). */
  rows: string;
}

export interface DatasetChartsTable {
  id: Generated<number>;
  dataset_id: number;
  title: string;
  kind: string;
  /** JSON: the chart definition on the data set's columns. */
  spec: string;
  sort: number;
  deleted: Flag;
  created_at: string;
  updated_at: string;
}

export interface DatasetReleasesTable {
  id: Generated<number>;
  dataset_id: number;
  content_id: number;
  /** JSON: metadata, versions and charts as submitted for review. */
  snapshot: string;
  created_by: number | null;
  created_at: string;
}

/** Transient: per-IP request counts of the open data API in fixed windows. */
export interface OpenApiCountersTable {
  bucket: string;
  window_start: string;
  count: number;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    datasets: DatasetsTable;
    dataset_versions: DatasetVersionsTable;
    dataset_chunks: DatasetChunksTable;
    dataset_charts: DatasetChartsTable;
    dataset_releases: DatasetReleasesTable;
    open_api_counters: OpenApiCountersTable;
  }
}

export type Dataset = Selectable<DatasetsTable>;
export type DatasetVersion = Selectable<DatasetVersionsTable>;
export type DatasetChart = Selectable<DatasetChartsTable>;
export type DatasetRelease = Selectable<DatasetReleasesTable>;
