// All SQL of spot-check plans, their items and the rectification tasks of published results.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  SupervisionPlanItemsTable,
  SupervisionPlansTable,
  SupervisionRectificationsTable,
} from './supervision.tables.ts';
import type { Executor } from './supervision.repository.ts';

export type PlanRow = Selectable<SupervisionPlansTable>;
export type ItemRow = Selectable<SupervisionPlanItemsTable>;
export type TaskRow = Selectable<SupervisionRectificationsTable>;

// ───────────────────────────── plans ─────────────────────────────

export async function insertPlan(db: Executor, row: Insertable<SupervisionPlansTable>): Promise<number> {
  return (await db.insertInto('supervision_plans').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findPlan = (db: Executor, id: number) =>
  db.selectFrom('supervision_plans').selectAll().where('id', '=', id).executeTakeFirst();

export const planByResults = (db: Executor, contentId: number) =>
  db.selectFrom('supervision_plans').selectAll().where('results_content_id', '=', contentId).executeTakeFirst();

export const updatePlan = (db: Executor, id: number, changes: Updateable<SupervisionPlansTable>) =>
  db.updateTable('supervision_plans').set(changes).where('id', '=', id).execute();

/** Changes a plan only while it is in one of `statuses`; true if it did (two nodes never both start it). */
export async function updatePlanIf(
  db: Executor,
  id: number,
  statuses: readonly string[],
  changes: Updateable<SupervisionPlansTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('supervision_plans')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...statuses])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function listPlans(db: Executor, ownerSiteId: number, year?: number) {
  let q = db.selectFrom('supervision_plans').selectAll().where('owner_site_id', '=', ownerSiteId);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').orderBy('quarter', 'desc').orderBy('id', 'desc').execute();
}

/** Plans whose time has come and that still have work. */
export const duePlans = (db: Executor, now: string) =>
  db
    .selectFrom('supervision_plans')
    .selectAll()
    .where('status', 'in', ['planned', 'running'])
    .where('scheduled_at', '<=', now)
    .orderBy('id')
    .execute();

// ───────────────────────────── items ─────────────────────────────

export async function insertItems(db: Executor, rows: Insertable<SupervisionPlanItemsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('supervision_plan_items').values(rows).execute();
}

export const itemsOf = (db: Executor, planId: number) =>
  db.selectFrom('supervision_plan_items').selectAll().where('plan_id', '=', planId).orderBy('id').execute();

export const findItem = (db: Executor, id: number) =>
  db.selectFrom('supervision_plan_items').selectAll().where('id', '=', id).executeTakeFirst();

export const updateItem = (db: Executor, id: number, changes: Updateable<SupervisionPlanItemsTable>) =>
  db.updateTable('supervision_plan_items').set(changes).where('id', '=', id).execute();

/** Claims a pending item for this node: true when it was still pending (another node did not take it). */
export async function claimItem(db: Executor, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('supervision_plan_items')
    .set({ status: 'running', started_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Items ready to run: pending, and their retry time (if any) has come. */
export const readyItems = (db: Executor, planId: number, now: string) =>
  db
    .selectFrom('supervision_plan_items')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .orderBy('id')
    .execute();

/** Items left running by a stopped server (started before `before`) go back to the queue. */
export const requeueStale = (db: Executor, before: string) =>
  db
    .updateTable('supervision_plan_items')
    .set({ status: 'pending' })
    .where('status', '=', 'running')
    .where('started_at', '<', before)
    .execute();

/** The progress of running items: their inspection run's stage message. */
export async function runProgress(db: Executor, runIds: readonly number[]): Promise<Map<number, string>> {
  if (runIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('inspection_runs')
    .select(['id', 'progress'])
    .where('id', 'in', [...runIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.progress]));
}

// ───────────────────────────── rectification tasks ─────────────────────────────

export async function insertTask(db: Executor, row: Insertable<SupervisionRectificationsTable>): Promise<number> {
  return (await db.insertInto('supervision_rectifications').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findTask = (db: Executor, id: number) =>
  db.selectFrom('supervision_rectifications').selectAll().where('id', '=', id).executeTakeFirst();

export const updateTask = (db: Executor, id: number, changes: Updateable<SupervisionRectificationsTable>) =>
  db.updateTable('supervision_rectifications').set(changes).where('id', '=', id).execute();

export async function updateTaskIf(
  db: Executor,
  id: number,
  statuses: readonly string[],
  changes: Updateable<SupervisionRectificationsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('supervision_rectifications')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...statuses])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function listTasks(
  db: Executor,
  filter: {
    ownerSiteIds?: readonly number[] | 'all';
    registryIds?: readonly number[];
    status?: string;
    planId?: number;
  },
) {
  let q = db.selectFrom('supervision_rectifications').selectAll();
  if (filter.ownerSiteIds && filter.ownerSiteIds !== 'all')
    q = q.where('owner_site_id', 'in', filter.ownerSiteIds.length ? [...filter.ownerSiteIds] : [-1]);
  if (filter.registryIds) q = q.where('registry_id', 'in', filter.registryIds.length ? [...filter.registryIds] : [-1]);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.planId) q = q.where('plan_id', '=', filter.planId);
  return q.orderBy('due_at').orderBy('id').limit(1000).execute();
}

export const tasksOfPlan = (db: Executor, planId: number) =>
  db
    .selectFrom('supervision_rectifications')
    .select(['id', 'item_id', 'indicator_id'])
    .where('plan_id', '=', planId)
    .execute();

/** Tasks waiting for the department whose deadline is near or past, not reminded since `remindedBefore`. */
export const tasksToRemind = (db: Executor, dueBefore: string, remindedBefore: string) =>
  db
    .selectFrom('supervision_rectifications')
    .selectAll()
    .where('status', 'in', ['open', 'reopened'])
    .where('due_at', '<=', dueBefore)
    .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<', remindedBefore)]))
    .execute();

/** Tasks of an office published within a time span (the year's 通报整改). */
export const tasksPublishedBetween = (db: Executor, ownerSiteId: number, from: string, to: string) =>
  db
    .selectFrom('supervision_rectifications')
    .selectAll()
    .where('owner_site_id', '=', ownerSiteId)
    .where('published_at', '>=', from)
    .where('published_at', '<', to)
    .execute();
