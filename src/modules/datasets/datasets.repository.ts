// All SQL of the data release module.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Dataset, DatasetChart, DatasetRelease, DatasetVersion } from './datasets.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Rows per row of dataset_chunks. */
export const CHUNK_ROWS = 500;

export const findDataset = (db: Executor, id: number) =>
  db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();

export const findByContent = (db: Executor, contentId: number) =>
  db.selectFrom('datasets').selectAll().where('content_id', '=', contentId).executeTakeFirst();

export const datasetsOfSite = (db: Executor, siteId: number) =>
  db.selectFrom('datasets').selectAll().where('site_id', '=', siteId).orderBy('id', 'desc').execute();

export const autoDatasets = (db: Executor) =>
  db.selectFrom('datasets').selectAll().where('auto_provider', 'is not', null).execute();

export async function insertDataset(db: Executor, row: Omit<Dataset, 'id'>): Promise<number> {
  const r = await db.insertInto('datasets').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDataset(db: Executor, id: number, changes: Partial<Omit<Dataset, 'id'>>): Promise<void> {
  await db.updateTable('datasets').set(changes).where('id', '=', id).execute();
}

export async function identifierTaken(db: Executor, siteId: number, identifier: string, except: number | null) {
  let q = db.selectFrom('datasets').select('id').where('site_id', '=', siteId).where('identifier', '=', identifier);
  if (except !== null) q = q.where('id', '!=', except);
  return !!(await q.executeTakeFirst());
}

export async function countOfSite(db: Executor, siteId: number): Promise<number> {
  const r = await db
    .selectFrom('datasets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ───────────── versions and their rows ─────────────

export const versionsOf = (db: Executor, datasetId: number) =>
  db.selectFrom('dataset_versions').selectAll().where('dataset_id', '=', datasetId).orderBy('seq').execute();

export const versionsOfMany = (db: Executor, datasetIds: number[]) =>
  datasetIds.length
    ? db.selectFrom('dataset_versions').selectAll().where('dataset_id', 'in', datasetIds).orderBy('seq').execute()
    : Promise.resolve([] as DatasetVersion[]);

export const findVersion = (db: Executor, id: number) =>
  db.selectFrom('dataset_versions').selectAll().where('id', '=', id).executeTakeFirst();

export async function nextSeq(db: Executor, datasetId: number): Promise<number> {
  const r = await db
    .selectFrom('dataset_versions')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('dataset_id', '=', datasetId)
    .executeTakeFirst();
  return Number(r?.seq ?? 0) + 1;
}

export async function insertVersion(
  db: Executor,
  row: Omit<DatasetVersion, 'id'>,
  raw: (string | null)[][],
): Promise<number> {
  const { id } = await db.insertInto('dataset_versions').values(row).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i * CHUNK_ROWS < raw.length; i++) {
    await db
      .insertInto('dataset_chunks')
      .values({ version_id: id, chunk_no: i, rows: JSON.stringify(raw.slice(i * CHUNK_ROWS, (i + 1) * CHUNK_ROWS)) })
      .execute();
  }
  return id;
}

export async function updateVersion(
  db: Executor,
  id: number,
  changes: Partial<Omit<DatasetVersion, 'id'>>,
): Promise<void> {
  await db.updateTable('dataset_versions').set(changes).where('id', '=', id).execute();
}

export async function deleteVersion(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('dataset_chunks').where('version_id', '=', id).execute();
  await db.deleteFrom('dataset_versions').where('id', '=', id).execute();
}

export async function rawRows(db: Executor, versionId: number): Promise<(string | null)[][]> {
  const chunks = await db
    .selectFrom('dataset_chunks')
    .select('rows')
    .where('version_id', '=', versionId)
    .orderBy('chunk_no')
    .execute();
  return chunks.flatMap((c) => JSON.parse(c.rows) as (string | null)[][]);
}

// ───────────── charts ─────────────

export const chartsOf = (db: Executor, datasetId: number) =>
  db
    .selectFrom('dataset_charts')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .where('deleted', '=', 0)
    .orderBy('sort')
    .orderBy('id')
    .execute();

export const findChart = (db: Executor, id: number) =>
  db.selectFrom('dataset_charts').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertChart(db: Executor, row: Omit<DatasetChart, 'id'>): Promise<number> {
  const r = await db.insertInto('dataset_charts').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateChart(db: Executor, id: number, changes: Partial<Omit<DatasetChart, 'id'>>) {
  await db.updateTable('dataset_charts').set(changes).where('id', '=', id).execute();
}

// ───────────── releases ─────────────

export async function insertRelease(db: Executor, row: Omit<DatasetRelease, 'id'>): Promise<number> {
  const r = await db.insertInto('dataset_releases').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export const findRelease = (db: Executor, id: number) =>
  db.selectFrom('dataset_releases').selectAll().where('id', '=', id).executeTakeFirst();

export const releasesByIds = (db: Executor, ids: number[]) =>
  ids.length
    ? db.selectFrom('dataset_releases').selectAll().where('id', 'in', ids).execute()
    : Promise.resolve([] as DatasetRelease[]);

// ───────────── what the public sees ─────────────

export interface PublishedRow {
  contentId: number;
  siteId: number;
  columnId: number;
  title: string;
  pubDate: string;
  updatedAt: string | null;
  snapshot: string;
}

/** Published data set items of a site (or of every site), newest first. */
export async function publishedDatasetItems(db: Executor, siteId: number | null): Promise<PublishedRow[]> {
  let q = db
    .selectFrom('published_items')
    .select([
      'content_id as contentId',
      'site_id as siteId',
      'column_id as columnId',
      'title',
      'pub_date as pubDate',
      'updated_at as updatedAt',
      'snapshot',
    ])
    .where('type', '=', 'dataset')
    .where('body_public', '=', 1);
  if (siteId !== null) q = q.where('site_id', '=', siteId);
  return q.orderBy('pub_date', 'desc').execute();
}

export async function publishedDatasetItem(db: Executor, contentId: number): Promise<PublishedRow | undefined> {
  return db
    .selectFrom('published_items')
    .select([
      'content_id as contentId',
      'site_id as siteId',
      'column_id as columnId',
      'title',
      'pub_date as pubDate',
      'updated_at as updatedAt',
      'snapshot',
    ])
    .where('type', '=', 'dataset')
    .where('body_public', '=', 1)
    .where('content_id', '=', contentId)
    .executeTakeFirst();
}

export const departmentNames = async (db: Executor, ids: number[]) =>
  new Map(
    (ids.length ? await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute() : []).map(
      (d) => [d.id, d.name] as const,
    ),
  );

/** The latest review request of each content item, for the staff list's state column. */
export async function latestReviewStates(db: Executor, contentIds: number[]): Promise<Map<number, string>> {
  if (contentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('review_requests')
    .select(['content_id', 'state', 'id'])
    .where('content_id', 'in', contentIds)
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.content_id, r.state] as const));
}

// ───────────── open API counters ─────────────

/** Counts one request in the bucket's window and returns the window's count (atomic on both dialects). */
export async function countRequest(db: Executor, bucket: string, windowStart: string): Promise<number> {
  const r = await db
    .insertInto('open_api_counters')
    .values({ bucket, window_start: windowStart, count: 1 })
    .onConflict((oc) =>
      oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ count: eb('open_api_counters.count', '+', 1) })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(r.count);
}

export async function pruneCounters(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('open_api_counters').where('window_start', '<', before).execute();
}

// ───────────── site data ─────────────

/** Publications per (Asia/Shanghai month, column) of a site, from the public projection. */
export async function publicationsByMonth(db: Executor, siteId: number) {
  return db
    .selectFrom('published_items')
    .select(['column_id as columnId', 'pub_date as pubDate'])
    .where('site_id', '=', siteId)
    .execute();
}

export const columnNames = async (db: Executor, siteId: number) =>
  new Map(
    (await db.selectFrom('columns').select(['id', 'name']).where('site_id', '=', siteId).execute()).map(
      (c) => [c.id, c.name] as const,
    ),
  );

/** 图解 interpretations published (or updated) since a time, newest first. */
export async function recentGraphics(db: Executor, siteId: number, since: string) {
  const rows = await db
    .selectFrom('published_items')
    .select([
      'content_id as contentId',
      'column_id as columnId',
      'title',
      'pub_date as pubDate',
      'updated_at as updatedAt',
    ])
    .where('site_id', '=', siteId)
    .where('type', '=', 'interpretation')
    .where('snapshot', 'like', '%"form":"图解"%')
    .where((eb) => eb.or([eb('pub_date', '>=', since), eb('updated_at', '>=', since)]))
    .execute();
  return rows.sort((a, b) => (b.updatedAt ?? b.pubDate).localeCompare(a.updatedAt ?? a.pubDate));
}
