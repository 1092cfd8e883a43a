// All SQL of the annual reports: the reports themselves, and the figures they read from the published site (items
// by kind, the organ's own documents, topics), the inspection runs of the year and the public accounts.
import type { Db } from '../../platform/db/database.ts';
import type { AnnualReport } from './annual-reports.tables.ts';

export type ReportTable = 'disclosure_annual_reports' | 'website_annual_reports';

export function findReport(
  db: Db,
  table: ReportTable,
  siteId: number,
  year: number,
): Promise<AnnualReport | undefined> {
  return db.selectFrom(table).selectAll().where('site_id', '=', siteId).where('year', '=', year).executeTakeFirst();
}

export function listReports(db: Db, table: ReportTable, siteId: number): Promise<AnnualReport[]> {
  return db.selectFrom(table).selectAll().where('site_id', '=', siteId).orderBy('year', 'desc').execute();
}

export async function saveReport(
  db: Db,
  table: ReportTable,
  row: Omit<AnnualReport, 'id' | 'created_at' | 'updated_at' | 'created_by' | 'content_id' | 'published_at'> & {
    created_by: number | null;
    at: string;
  },
): Promise<void> {
  const { at, created_by, ...rest } = row;
  await db
    .insertInto(table)
    .values({ ...rest, created_by, created_at: at, updated_at: at, content_id: null, published_at: null })
    .onConflict((oc) =>
      oc.columns(['site_id', 'year']).doUpdateSet({
        data: rest.data,
        manual: rest.manual,
        status: rest.status,
        generated_at: rest.generated_at,
        updated_at: at,
      }),
    )
    .execute();
}

export async function updateReport(
  db: Db,
  table: ReportTable,
  id: number,
  changes: Partial<Pick<AnnualReport, 'data' | 'manual' | 'status' | 'content_id' | 'published_at' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable(table).set(changes).where('id', '=', id).execute();
}

export function reportsByContent(db: Db, table: ReportTable, contentId: number): Promise<AnnualReport[]> {
  return db.selectFrom(table).selectAll().where('content_id', '=', contentId).execute();
}

/** The newest 年度报表 of the site whose release is on the site now (for the home page). */
export function publishedWebsiteReport(db: Db, siteId: number) {
  return db
    .selectFrom('website_annual_reports as r')
    .innerJoin('published_items as p', 'p.content_id', 'r.content_id')
    .innerJoin('columns as c', 'c.id', 'p.column_id')
    .select(['r.year', 'p.content_id', 'p.title', 'p.pub_date', 'c.id as column_id'])
    .where('r.site_id', '=', siteId)
    .orderBy('r.year', 'desc')
    .executeTakeFirst();
}

/** The site's published 政策文件 with the facts Table 二 reads (the snapshot holds 有效性 and its date). */
export function publishedPolicies(db: Db, siteId: number) {
  return db
    .selectFrom('published_items')
    .select(['doc_number', 'issuing_organ', 'written_date', 'validity', 'snapshot'])
    .where('site_id', '=', siteId)
    .where('type', '=', 'policy')
    .execute();
}

/** Items first published in [from, to), with their column's type and name, the 索引号 and (interpretations) form. */
export function publishedInPeriod(db: Db, siteId: number, from: string, to: string) {
  return db
    .selectFrom('published_items as p')
    .innerJoin('columns as c', 'c.id', 'p.column_id')
    .select(['p.type', 'p.index_no', 'p.snapshot', 'c.column_type', 'c.name as column_name'])
    .where('p.site_id', '=', siteId)
    .where('p.pub_date', '>=', from)
    .where('p.pub_date', '<', to)
    .execute();
}

/** Columns that are 专栏专题 by name, with when each was opened. */
export function topicColumns(db: Db, siteId: number) {
  return db
    .selectFrom('columns')
    .select(['id', 'name', 'created_at'])
    .where('site_id', '=', siteId)
    .where('visible', '=', 1)
    .where((eb) =>
      eb.or([eb('name', 'like', '%专题%'), eb('name', 'like', '%专栏%'), eb('name', 'like', '%重点领域%')]),
    )
    .execute();
}

/** Finished inspections of the site in [from, to) with their reports (安全检测评估). */
export function inspectionsInPeriod(db: Db, siteId: number, from: string, to: string) {
  return db
    .selectFrom('inspection_runs')
    .select(['id', 'report'])
    .where('site_id', '=', siteId)
    .where('status', '=', 'done')
    .where('finished_at', '>=', from)
    .where('finished_at', '<', to)
    .execute();
}

/** Active scheduled inspections of the site: its monitoring and early-warning mechanism (安全监测预警机制). */
export async function activeSchedules(db: Db, siteId: number): Promise<number> {
  const row = await db
    .selectFrom('inspection_schedules')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('site_id', '=', siteId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Public accounts registered by `before` and not deleted (注册用户数). */
export async function citizenCount(db: Db, before: string): Promise<number> {
  const row = await db
    .selectFrom('citizens')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('created_at', '<', before)
    .where('status', '!=', 'deleted')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
