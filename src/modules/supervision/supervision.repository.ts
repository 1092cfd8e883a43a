// All SQL of the supervision registry, offices, checks, manual findings, annual reports and imports.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type {
  SupervisionAnnualReportsTable,
  SupervisionChecksTable,
  SupervisionFindingsTable,
  SupervisionImportsTable,
  SupervisionOfficesTable,
  SupervisionRegistryTable,
} from './supervision.tables.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type RegistryRow = Selectable<SupervisionRegistryTable>;
export type OfficeRow = Selectable<SupervisionOfficesTable>;
export type CheckRow = Selectable<SupervisionChecksTable>;
export type FindingRow = Selectable<SupervisionFindingsTable>;
export type AnnualReportRow = Selectable<SupervisionAnnualReportsTable>;
export type ImportRow = Selectable<SupervisionImportsTable>;

// ───────────────────────────── offices ─────────────────────────────

export const findOffice = (db: Executor, siteId: number) =>
  db.selectFrom('supervision_offices').selectAll().where('site_id', '=', siteId).executeTakeFirst();

export const listOffices = (db: Executor) =>
  db.selectFrom('supervision_offices').selectAll().orderBy('site_id').execute();

export async function upsertOffice(db: Executor, row: Insertable<SupervisionOfficesTable>): Promise<void> {
  const existing = await findOffice(db, row.site_id);
  if (existing) await db.updateTable('supervision_offices').set(row).where('id', '=', existing.id).execute();
  else await db.insertInto('supervision_offices').values(row).execute();
}

// ───────────────────────────── registry ─────────────────────────────

export async function insertEntry(db: Executor, row: Insertable<SupervisionRegistryTable>): Promise<number> {
  return (await db.insertInto('supervision_registry').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Registers a hosted site unless it already is (two nodes may try at once); its id, or null. */
export async function insertHostedEntry(
  db: Executor,
  row: Insertable<SupervisionRegistryTable>,
): Promise<number | null> {
  const inserted = await db
    .insertInto('supervision_registry')
    .values(row)
    .onConflict((oc) => oc.columns(['owner_site_id', 'hosted_site_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export const updateEntry = (db: Executor, id: number, changes: Updateable<SupervisionRegistryTable>) =>
  db.updateTable('supervision_registry').set(changes).where('id', '=', id).execute();

export const findEntry = (db: Executor, id: number) =>
  db.selectFrom('supervision_registry').selectAll().where('id', '=', id).executeTakeFirst();

export function listEntries(
  db: Executor,
  ownerSiteId: number,
  filter: { kind?: string; status?: string; ids?: readonly number[] } = {},
) {
  let q = db.selectFrom('supervision_registry').selectAll().where('owner_site_id', '=', ownerSiteId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.ids) q = q.where('id', 'in', filter.ids.length ? [...filter.ids] : [-1]);
  return q.orderBy('id').execute();
}

export const entriesByIds = (db: Executor, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([] as RegistryRow[])
    : db
        .selectFrom('supervision_registry')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute();

export const entryByName = (db: Executor, ownerSiteId: number, kind: string, name: string) =>
  db
    .selectFrom('supervision_registry')
    .selectAll()
    .where('owner_site_id', '=', ownerSiteId)
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst();

export const entryForHostedSite = (db: Executor, ownerSiteId: number, hostedSiteId: number) =>
  db
    .selectFrom('supervision_registry')
    .selectAll()
    .where('owner_site_id', '=', ownerSiteId)
    .where('hosted_site_id', '=', hostedSiteId)
    .executeTakeFirst();

// ───────────────────────────── checks ─────────────────────────────

export async function insertCheck(db: Executor, row: Insertable<SupervisionChecksTable>): Promise<number> {
  return (await db.insertInto('supervision_checks').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findCheck = (db: Executor, id: number) =>
  db.selectFrom('supervision_checks').selectAll().where('id', '=', id).executeTakeFirst();

export const resolveCheck = (db: Executor, id: number, resolution: string, at: string) =>
  db.updateTable('supervision_checks').set({ resolution, resolved_at: at }).where('id', '=', id).execute();

export function listChecks(db: Executor, ownerSiteId: number, filter: { kind?: string; year?: number } = {}) {
  let q = db.selectFrom('supervision_checks').selectAll().where('owner_site_id', '=', ownerSiteId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  return q.orderBy('id', 'desc').limit(500).execute();
}

/** Discovered hosts still waiting for a decision, and every host ever discovered (to report each once). */
export const discoveries = (db: Executor, ownerSiteId: number) =>
  db
    .selectFrom('supervision_checks')
    .selectAll()
    .where('owner_site_id', '=', ownerSiteId)
    .where('kind', '=', 'discovery')
    .orderBy('id')
    .execute();

// ───────────────────────────── manual findings ─────────────────────────────

export async function insertFinding(db: Executor, row: Insertable<SupervisionFindingsTable>): Promise<number> {
  return (await db.insertInto('supervision_findings').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findFinding = (db: Executor, id: number) =>
  db.selectFrom('supervision_findings').selectAll().where('id', '=', id).executeTakeFirst();

export const revokeFinding = (db: Executor, id: number, at: string) =>
  db.updateTable('supervision_findings').set({ revoked_at: at }).where('id', '=', id).execute();

export const activeFindings = (db: Executor, ownerSiteId: number, year: number) =>
  db
    .selectFrom('supervision_findings')
    .selectAll()
    .where('owner_site_id', '=', ownerSiteId)
    .where('year', '=', year)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute();

// ───────────────────────────── annual reports ─────────────────────────────

export const findAnnualReport = (db: Executor, ownerSiteId: number, year: number) =>
  db
    .selectFrom('supervision_annual_reports')
    .selectAll()
    .where('owner_site_id', '=', ownerSiteId)
    .where('year', '=', year)
    .executeTakeFirst();

export const annualReportByContent = (db: Executor, contentId: number) =>
  db.selectFrom('supervision_annual_reports').selectAll().where('content_id', '=', contentId).executeTakeFirst();

export async function saveAnnualReport(db: Executor, row: Insertable<SupervisionAnnualReportsTable>): Promise<number> {
  const existing = await findAnnualReport(db, row.owner_site_id, row.year);
  if (!existing)
    return (await db.insertInto('supervision_annual_reports').values(row).returning('id').executeTakeFirstOrThrow()).id;
  await db
    .updateTable('supervision_annual_reports')
    .set({ data: row.data, updated_at: row.updated_at, ...(row.content_id ? { content_id: row.content_id } : {}) })
    .where('id', '=', existing.id)
    .execute();
  return existing.id;
}

export const updateAnnualReport = (db: Executor, id: number, changes: Updateable<SupervisionAnnualReportsTable>) =>
  db.updateTable('supervision_annual_reports').set(changes).where('id', '=', id).execute();

// ───────────────────────────── imports ─────────────────────────────

export async function insertImport(db: Executor, row: Insertable<SupervisionImportsTable>): Promise<number> {
  return (await db.insertInto('supervision_imports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const updateImport = (db: Executor, id: number, changes: Updateable<SupervisionImportsTable>) =>
  db.updateTable('supervision_imports').set(changes).where('id', '=', id).execute();

export const findImport = (db: Executor, id: number) =>
  db.selectFrom('supervision_imports').selectAll().where('id', '=', id).executeTakeFirst();

// ───────────────────────────── other modules' facts (read only) ─────────────────────────────

/** The installation's sites: every one of them is a government website to register. */
export const installationSites = (db: Executor) =>
  db
    .selectFrom('sites')
    .select(['id', 'code', 'parent_id', 'name', 'domains', 'site_id_code', 'sponsor'])
    .orderBy('id')
    .execute();

/** The latest finished inspection runs of some URLs (or platform sites) since a time: the supervisor's evidence. */
export function latestRuns(db: Executor, urls: readonly string[], since: string) {
  if (urls.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inspection_runs')
    .select(['id', 'target_url', 'site_id', 'verdict', 'total_score', 'finished_at', 'report'])
    .where('status', '=', 'done')
    .where('target_url', 'in', [...urls])
    .where('finished_at', '>=', since)
    .orderBy('id', 'desc')
    .execute();
}

/** Supervisors in scope of an office: whom reminders are sent to. */
export async function supervisorsOf(db: Executor, ownerSiteId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select('user_id')
    .where('role', '=', 'supervisor')
    .where((eb) => eb.or([eb('site_id', 'is', null), eb('site_id', '=', ownerSiteId)]))
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

/** The administrators of a hosted site: they answer its rectification tasks. */
export async function siteAdminsOf(db: Executor, siteId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select('user_id')
    .where('role', '=', 'site_admin')
    .where('site_id', '=', siteId)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

/** E-mail addresses of staff accounts that have one. */
export async function emailsOf(db: Executor, userIds: readonly number[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('email')
    .where('id', 'in', [...userIds])
    .where('disabled', '=', 0)
    .execute();
  return rows.flatMap((r) => (r.email ? [r.email] : []));
}

/** When a content item was first published (its PubDate), from the public projection. */
export async function publishedAt(db: Executor, contentId: number): Promise<string | null> {
  const row = await db
    .selectFrom('published_items')
    .select('pub_date')
    .where('content_id', '=', contentId)
    .executeTakeFirst();
  return row?.pub_date ?? null;
}
