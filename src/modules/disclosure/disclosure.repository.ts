// All SQL of 依申请公开: applications, their consultations of third parties and their event log.
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type {
  DisclosureApplication,
  DisclosureApplicationsTable,
  DisclosureConsultation,
  DisclosureEvent,
} from './disclosure.tables.ts';

export async function nextSerial(db: Db, siteId: number, year: number): Promise<number> {
  const row = await db
    .selectFrom('disclosure_applications')
    .select((eb) => eb.fn.max('serial').as('last'))
    .where('site_id', '=', siteId)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertApplication(db: Db, row: Insertable<DisclosureApplicationsTable>): Promise<number> {
  const inserted = await db.insertInto('disclosure_applications').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export function findApplication(db: Db, id: number): Promise<DisclosureApplication | undefined> {
  return db.selectFrom('disclosure_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateApplication(
  db: Db,
  id: number,
  changes: Updateable<DisclosureApplicationsTable>,
): Promise<void> {
  await db.updateTable('disclosure_applications').set(changes).where('id', '=', id).execute();
}

/**
 * Only when the application is still in one of `states`: the state check and the change are one statement, so two
 * staff answering at once cannot both succeed. Returns whether the row changed.
 */
export async function updateApplicationIf(
  db: Db,
  id: number,
  states: string[],
  changes: Updateable<DisclosureApplicationsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('disclosure_applications')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', states)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ApplicationFilter {
  status?: string;
  /** Everything not yet answered. */
  open?: boolean;
  year?: number;
}

export function listApplications(db: Db, siteId: number, filter: ApplicationFilter): Promise<DisclosureApplication[]> {
  let query = db.selectFrom('disclosure_applications').selectAll().where('site_id', '=', siteId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.open) query = query.where('status', '!=', 'answered');
  if (filter.year) query = query.where('year', '=', filter.year);
  return query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(1000).execute();
}

export function applicationsOfCitizen(db: Db, citizenId: number): Promise<DisclosureApplication[]> {
  return db
    .selectFrom('disclosure_applications')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .orderBy('submitted_at', 'desc')
    .execute();
}

/** Every application not yet answered, across sites (reminders). */
export function unansweredApplications(db: Db): Promise<DisclosureApplication[]> {
  return db.selectFrom('disclosure_applications').selectAll().where('status', '!=', 'answered').execute();
}

/**
 * Applications a year's annual report counts: received by the end of the year and not answered before it began
 * (new, carried over from the year before, answered in the year, carried forward).
 */
export function applicationsTouchingYear(
  db: Db,
  siteId: number,
  yearStart: string,
  yearEnd: string,
): Promise<DisclosureApplication[]> {
  return db
    .selectFrom('disclosure_applications')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('received_at', '<', yearEnd)
    .where((eb) => eb.or([eb('answered_at', 'is', null), eb('answered_at', '>=', yearStart)]))
    .execute();
}

/** How many applications the same applicant (by ID hash) made to the site from `from` up to `to` (信息处理费 按件). */
export async function countByApplicant(
  db: Db,
  siteId: number,
  idHash: string,
  from: string,
  to: string,
): Promise<number> {
  const row = await db
    .selectFrom('disclosure_applications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('site_id', '=', siteId)
    .where('id_number_hash', '=', idHash)
    .where('received_at', '>=', from)
    .where('received_at', '<=', to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertConsultation(
  db: Db,
  row: { application_id: number; party: string; sent_at: string },
): Promise<number> {
  const inserted = await db
    .insertInto('disclosure_consultations')
    .values({ ...row, replied_at: null, reply: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export function consultationsOf(db: Db, applicationIds: number[]): Promise<DisclosureConsultation[]> {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('disclosure_consultations')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .orderBy('id')
    .execute();
}

export async function closeConsultation(db: Db, id: number, repliedAt: string, reply: string): Promise<boolean> {
  const result = await db
    .updateTable('disclosure_consultations')
    .set({ replied_at: repliedAt, reply })
    .where('id', '=', id)
    .where('replied_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(
  db: Db,
  row: { application_id: number; kind: string; detail: string; actor_name: string; at: string },
): Promise<void> {
  await db.insertInto('disclosure_events').values(row).execute();
}

export function eventsOf(db: Db, applicationId: number): Promise<DisclosureEvent[]> {
  return db
    .selectFrom('disclosure_events')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}
