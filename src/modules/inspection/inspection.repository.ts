import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database, InspectionRun } from '../../platform/db/schema.ts';
import { isUnlimited, type InspectionScope } from './scope.ts';

type Scoped = 'inspection_runs' | 'inspection_schedules' | 'inspection_manual_findings';

/** The rows a scope may see (scope.ts): site_id null for site-less rows, else one of the scope's sites. */
function visible<T extends Scoped>(eb: ExpressionBuilder<Database, T>, scope: InspectionScope) {
  const e = eb as unknown as ExpressionBuilder<Database, 'inspection_runs'>;
  const allowed = [
    ...(scope.siteless ? [e('site_id', 'is', null)] : []),
    ...(scope.allSites
      ? [e('site_id', 'is not', null)]
      : scope.siteIds.length
        ? [e('site_id', 'in', [...scope.siteIds])]
        : []),
  ];
  // nothing allowed: a condition no row meets (ids start at 1)
  return allowed.length ? e.or(allowed) : e('id', '<', 0);
}

export async function insertRun(db: Db, row: Omit<InspectionRun, 'id'>): Promise<number> {
  return (await db.insertInto('inspection_runs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const updateRun = (db: Db, id: number, changes: Partial<Omit<InspectionRun, 'id'>>) =>
  db.updateTable('inspection_runs').set(changes).where('id', '=', id).execute();

/** Changes a run only while it is in one of `statuses` (a cancel must not be overwritten); true if it did. */
export async function updateRunIf(
  db: Db,
  id: number,
  statuses: readonly string[],
  changes: Partial<Omit<InspectionRun, 'id'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('inspection_runs')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...statuses])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export const findRun = (db: Db, id: number) =>
  db.selectFrom('inspection_runs').selectAll().where('id', '=', id).executeTakeFirst();

export const runStatus = async (db: Db, id: number) =>
  (await db.selectFrom('inspection_runs').select('status').where('id', '=', id).executeTakeFirst())?.status ?? null;

export function listRuns(
  db: Db,
  filter: { targetUrl?: string; siteId?: number; status?: string; scope?: InspectionScope },
  limit: number,
) {
  let q = db
    .selectFrom('inspection_runs')
    .select([
      'id',
      'site_id',
      'target_url',
      'status',
      'progress',
      'verdict',
      'deduction_score',
      'bonus_score',
      'total_score',
      'untested_points',
      'error',
      'created_at',
      'started_at',
      'finished_at',
    ]);
  if (filter.targetUrl) q = q.where('target_url', '=', filter.targetUrl);
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const scope = filter.scope;
  if (scope && !isUnlimited(scope)) q = q.where((eb) => visible(eb, scope));
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export const failStaleRuns = (db: Db, at: string) =>
  db
    .updateTable('inspection_runs')
    .set({ status: 'failed', error: '服务重启，检查中断', finished_at: at })
    .where('status', 'in', ['queued', 'running'])
    .execute();

export async function insertEvidence(
  db: Db,
  row: {
    run_id: number;
    url: string;
    kind: string;
    sha256: string;
    storage_key: string;
    mime: string;
    size: number;
    created_at: string;
  },
) {
  return (await db.insertInto('inspection_evidence').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findEvidence = (db: Db, runId: number, id: number) =>
  db.selectFrom('inspection_evidence').selectAll().where('run_id', '=', runId).where('id', '=', id).executeTakeFirst();

export async function insertManualFinding(
  db: Db,
  row: {
    target_url: string;
    site_id: number | null;
    indicator_id: string;
    sub_rule: number | null;
    part: string | null;
    points: number | null;
    message: string;
    evidence: string;
    created_by: number | null;
    created_at: string;
  },
) {
  return (
    await db
      .insertInto('inspection_manual_findings')
      .values({ ...row, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/**
 * Findings in force for a target. `forSite`: those a run of that site counts — its own and the site-less ones
 * (recorded by inspectors of every site); null: the site-less ones only; undefined: all. `scope` limits what
 * the reader may see.
 */
export function activeManualFindings(
  db: Db,
  targetUrl: string,
  options: { forSite?: number | null; scope?: InspectionScope } = {},
) {
  let q = db
    .selectFrom('inspection_manual_findings')
    .selectAll()
    .where('target_url', '=', targetUrl)
    .where('revoked_at', 'is', null);
  const { forSite, scope } = options;
  if (forSite === null) q = q.where('site_id', 'is', null);
  else if (forSite !== undefined) q = q.where((eb) => eb.or([eb('site_id', 'is', null), eb('site_id', '=', forSite)]));
  if (scope && !isUnlimited(scope)) q = q.where((eb) => visible(eb, scope));
  return q.orderBy('id').execute();
}

export const findManualFinding = (db: Db, id: number) =>
  db.selectFrom('inspection_manual_findings').selectAll().where('id', '=', id).executeTakeFirst();

export const revokeManualFinding = (db: Db, id: number, at: string) =>
  db
    .updateTable('inspection_manual_findings')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();

export const insertProbe = (
  db: Db,
  row: { target_url: string; at: string; ok: 0 | 1; ms: number; status: number | null; error: string | null },
) => db.insertInto('availability_probes').values(row).execute();

export const probesSince = (db: Db, targetUrl: string, since: string) =>
  db
    .selectFrom('availability_probes')
    .selectAll()
    .where('target_url', '=', targetUrl)
    .where('at', '>=', since)
    .orderBy('at')
    .execute();

export const monitoredTargets = async (db: Db) =>
  (await db.selectFrom('inspection_schedules').select('target_url').where('active', '=', 1).distinct().execute()).map(
    (r) => r.target_url,
  );

export async function insertSchedule(
  db: Db,
  row: {
    target_url: string;
    site_id: number | null;
    every_hours: number;
    options: string;
    next_run_at: string;
    created_by: number | null;
    created_at: string;
  },
) {
  return (
    await db
      .insertInto('inspection_schedules')
      .values({ ...row, active: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export function listSchedules(db: Db, scope?: InspectionScope) {
  let q = db.selectFrom('inspection_schedules').selectAll().where('active', '=', 1);
  if (scope && !isUnlimited(scope)) q = q.where((eb) => visible(eb, scope));
  return q.orderBy('id').execute();
}

export const findSchedule = (db: Db, id: number) =>
  db.selectFrom('inspection_schedules').selectAll().where('id', '=', id).where('active', '=', 1).executeTakeFirst();

export const deactivateSchedule = (db: Db, id: number) =>
  db.updateTable('inspection_schedules').set({ active: 0 }).where('id', '=', id).execute();

export const dueSchedules = (db: Db, now: string) =>
  db.selectFrom('inspection_schedules').selectAll().where('active', '=', 1).where('next_run_at', '<=', now).execute();

export const moveSchedule = (db: Db, id: number, next: string) =>
  db.updateTable('inspection_schedules').set({ next_run_at: next }).where('id', '=', id).execute();
