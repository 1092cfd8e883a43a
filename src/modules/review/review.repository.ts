import type { Kysely, Transaction } from 'kysely';
import type { Database, ReviewRequest } from '../../platform/db/schema.ts';
import { OPEN_STATES } from './review.schema.ts';

export { OPEN_STATES };

type Executor = Kysely<Database> | Transaction<Database>;

export const openRequestFor = (db: Executor, contentId: number) =>
  db
    .selectFrom('review_requests')
    .selectAll()
    .where('content_id', '=', contentId)
    .where('state', 'in', [...OPEN_STATES])
    .executeTakeFirst();

export const latestRequestFor = (db: Executor, contentId: number) =>
  db
    .selectFrom('review_requests')
    .selectAll()
    .where('content_id', '=', contentId)
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const findRequest = (db: Executor, id: number) =>
  db.selectFrom('review_requests').selectAll().where('id', '=', id).executeTakeFirst();

export async function nextSerial(db: Executor, siteId: number, year: number): Promise<number> {
  const row = await db
    .selectFrom('review_requests')
    .select((eb) => eb.fn.max('serial').as('max'))
    .where('site_id', '=', siteId)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertRequest(db: Executor, row: Omit<ReviewRequest, 'id'>): Promise<number> {
  return (await db.insertInto('review_requests').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const updateRequest = (db: Executor, id: number, changes: Partial<Omit<ReviewRequest, 'id'>>) =>
  db.updateTable('review_requests').set(changes).where('id', '=', id).execute();

export async function insertStep(
  db: Executor,
  row: {
    request_id: number;
    step: string;
    decision: string;
    opinion: string;
    secret: string | null;
    actor_id: number;
    actor_name: string;
    decided_at: string;
  },
) {
  await db.insertInto('review_steps').values(row).execute();
}

export const stepsOf = (db: Executor, requestIds: number[]) =>
  requestIds.length
    ? db.selectFrom('review_steps').selectAll().where('request_id', 'in', requestIds).orderBy('id').execute()
    : Promise.resolve([]);

export const requestsOfContent = (db: Executor, contentId: number) =>
  db.selectFrom('review_requests').selectAll().where('content_id', '=', contentId).orderBy('id').execute();

/** Every submission of an item, oldest first, each with its steps. */
export async function historyOf(db: Executor, contentId: number) {
  const requests = await requestsOfContent(db, contentId);
  const steps = await stepsOf(
    db,
    requests.map((r) => r.id),
  );
  return requests.map((r) => ({ ...r, steps: steps.filter((s) => s.request_id === r.id) }));
}

/** The latest submission of each item (for list rows). */
export async function latestRequestsOf(db: Executor, contentIds: number[]) {
  if (!contentIds.length) return new Map<number, { id: number; state: string }>();
  const rows = await db
    .selectFrom('review_requests')
    .select(['id', 'content_id', 'state'])
    .where('content_id', 'in', contentIds)
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.content_id, { id: r.id, state: r.state }]));
}

/** Requests with the names the console shows (item type and status, submitter, department, column). */
const requestsWithNames = (db: Executor) =>
  db
    .selectFrom('review_requests')
    .innerJoin('content_items', 'content_items.id', 'review_requests.content_id')
    .innerJoin('users', 'users.id', 'review_requests.submitted_by')
    .innerJoin('departments', 'departments.id', 'review_requests.department_id')
    .innerJoin('columns', 'columns.id', 'review_requests.column_id')
    .selectAll('review_requests')
    .select([
      'content_items.type as content_type',
      'content_items.status as content_status',
      'users.display_name as submitter_name',
      'departments.name as department_name',
      'columns.name as column_name',
    ]);

export async function openRequests(db: Executor, siteIds: number[] | null, states: string[]) {
  let q = requestsWithNames(db).where('review_requests.state', 'in', states);
  if (siteIds) q = q.where('review_requests.site_id', 'in', siteIds.length ? siteIds : [-1]);
  return q.orderBy('review_requests.submitted_at').execute();
}

export interface RegisterFilter {
  siteId: number;
  year?: number;
  from?: string;
  to?: string;
  departmentId?: number;
  columnId?: number;
  outcome?: string;
  /** The request's review state (dept_review, rejected …). */
  state?: string;
}

export async function registerRows(db: Executor, f: RegisterFilter) {
  let q = db
    .selectFrom('review_requests')
    .innerJoin('departments', 'departments.id', 'review_requests.department_id')
    .innerJoin('columns', 'columns.id', 'review_requests.column_id')
    .innerJoin('users', 'users.id', 'review_requests.submitted_by')
    .selectAll('review_requests')
    .select([
      'departments.name as department_name',
      'columns.name as column_name',
      'users.display_name as submitter_name',
    ])
    .where('review_requests.site_id', '=', f.siteId);
  if (f.year) q = q.where('review_requests.year', '=', f.year);
  if (f.from) q = q.where('review_requests.submitted_at', '>=', f.from);
  if (f.to) q = q.where('review_requests.submitted_at', '<', f.to);
  if (f.departmentId) q = q.where('review_requests.department_id', '=', f.departmentId);
  if (f.columnId) q = q.where('review_requests.column_id', '=', f.columnId);
  if (f.outcome) q = q.where('review_requests.outcome', '=', f.outcome);
  if (f.state) q = q.where('review_requests.state', '=', f.state);
  return q.orderBy('review_requests.year', 'desc').orderBy('review_requests.serial', 'desc').execute();
}

/** Active staff holding `role` on the site (and, unless null, in the department): who can take a step. */
export async function staffWithRole(
  db: Executor,
  siteId: number,
  role: string,
  departmentId: number | null,
  exclude: number[],
): Promise<number[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('user_roles.role', '=', role)
    .where((eb) => eb.or([eb('user_roles.site_id', 'is', null), eb('user_roles.site_id', '=', siteId)]))
    .where('users.disabled', '=', 0);
  if (departmentId !== null) q = q.where('users.department_id', '=', departmentId);
  if (exclude.length) q = q.where('users.id', 'not in', exclude);
  return [...new Set((await q.orderBy('users.id').execute()).map((r) => r.id))];
}

/** One request with the names the console shows. */
export const requestWithNames = (db: Executor, id: number) =>
  requestsWithNames(db).where('review_requests.id', '=', id).executeTakeFirst();
