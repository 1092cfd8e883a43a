// SQL of online applications: the applications, their state changes, their materials and the 一件事 bundles.
import type { Kysely, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type {
  ServiceApplicationEventsTable,
  ServiceApplicationFilesTable,
  ServiceApplicationsTable,
  ServiceBundlesTable,
} from './services.tables.ts';

type Q = Db | Kysely<Database>;

export async function insertApplication(
  db: Q,
  values: Omit<ServiceApplicationsTable, 'id' | 'corrections'>,
): Promise<number> {
  const row = await db.insertInto('service_applications').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateApplication = (db: Q, id: number, values: Updateable<ServiceApplicationsTable>) =>
  db.updateTable('service_applications').set(values).where('id', '=', id).execute();

/** Moves an application only if it is still in the state the caller saw (two officers cannot both decide). */
export async function transition(
  db: Q,
  id: number,
  from: string,
  values: Updateable<ServiceApplicationsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('service_applications')
    .set(values)
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const findApplication = (db: Q, id: number) =>
  db.selectFrom('service_applications').selectAll().where('id', '=', id).executeTakeFirst();

/** How many receipt numbers of a site start with a prefix (the day's sequence). */
export async function countReceipts(
  db: Q,
  table: 'service_applications' | 'service_bundles',
  siteId: number,
  prefix: string,
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('receipt_no', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ApplicationFilter {
  siteId: number;
  departmentIds: number[] | null;
  states?: string[];
  itemId?: number;
  receiptNo?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export async function listApplications(db: Q, f: ApplicationFilter) {
  let q = db.selectFrom('service_applications').where('site_id', '=', f.siteId);
  if (f.departmentIds)
    q = f.departmentIds.length ? q.where('department_id', 'in', f.departmentIds) : q.where('id', '<', 0);
  if (f.states?.length) q = q.where('state', 'in', f.states);
  if (f.itemId) q = q.where('item_id', '=', f.itemId);
  if (f.receiptNo) q = q.where('receipt_no', '=', f.receiptNo);
  if (f.from) q = q.where('submitted_at', '>=', f.from);
  if (f.to) q = q.where('submitted_at', '<', f.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  return { total: Number(total.n), rows };
}

/** Every open application of a site (the reminder job, the staff's due list). */
export const openApplications = (db: Q, siteId: number, states: readonly string[]) =>
  db
    .selectFrom('service_applications')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('state', 'in', [...states])
    .orderBy('id')
    .execute();

export const applicationsOfCitizen = (db: Q, citizenId: number) =>
  db
    .selectFrom('service_applications')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();

export const applicationsOfBundle = (db: Q, bundleId: number) =>
  db.selectFrom('service_applications').selectAll().where('bundle_id', '=', bundleId).orderBy('id').execute();

/** Applications of a site submitted or decided in [from, to): the monthly statistics read these. */
export const applicationsTouching = (db: Q, siteId: number, from: string) =>
  db
    .selectFrom('service_applications')
    .selectAll()
    .where('site_id', '=', siteId)
    .where((eb) =>
      eb.or([eb('submitted_at', '>=', from), eb('completed_at', '>=', from), eb('accepted_at', '>=', from)]),
    )
    .execute();

// ───── events ─────

export async function insertEvent(db: Q, values: Omit<ServiceApplicationEventsTable, 'id'>): Promise<number> {
  const row = await db
    .insertInto('service_application_events')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const eventsOf = (db: Q, applicationIds: readonly number[]) =>
  applicationIds.length
    ? db
        .selectFrom('service_application_events')
        .selectAll()
        .where('application_id', 'in', [...applicationIds])
        .orderBy('id')
        .execute()
    : Promise.resolve([]);

// ───── files ─────

export async function insertFile(db: Q, values: Omit<ServiceApplicationFilesTable, 'id'>): Promise<number> {
  const row = await db.insertInto('service_application_files').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const filesOf = (db: Q, applicationId: number) =>
  db
    .selectFrom('service_application_files')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();

export const findFile = (db: Q, id: number) =>
  db.selectFrom('service_application_files').selectAll().where('id', '=', id).executeTakeFirst();

// ───── bundles ─────

export async function insertBundle(db: Q, values: Omit<ServiceBundlesTable, 'id'>): Promise<number> {
  const row = await db.insertInto('service_bundles').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const findBundle = (db: Q, id: number) =>
  db.selectFrom('service_bundles').selectAll().where('id', '=', id).executeTakeFirst();

export const bundlesByIds = (db: Q, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('service_bundles')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

/** Staff of a site with a role in a department (escalations go to the department's leaders). */
export const staffWithRole = (db: Q, siteId: number, role: string, departmentId: number) =>
  db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('user_roles.role', '=', role)
    .where((eb) => eb.or([eb('user_roles.site_id', 'is', null), eb('user_roles.site_id', '=', siteId)]))
    .where('users.department_id', '=', departmentId)
    .where('users.disabled', '=', 0)
    .execute();
