import type { Db } from '../../platform/db/database.ts';
import type { InspectionRun } from '../../platform/db/schema.ts';

export async function insertRun(db: Db, row: Omit<InspectionRun, 'id'>): Promise<number> {
  return (await db.insertInto('inspection_runs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const updateRun = (db: Db, id: number, changes: Partial<Omit<InspectionRun, 'id'>>) =>
  db.updateTable('inspection_runs').set(changes).where('id', '=', id).execute();

export const findRun = (db: Db, id: number) => db.selectFrom('inspection_runs').selectAll().where('id', '=', id).executeTakeFirst();

export function listRuns(db: Db, targetUrl: string | undefined, limit: number) {
  let q = db
    .selectFrom('inspection_runs')
    .select(['id', 'site_id', 'target_url', 'status', 'progress', 'verdict', 'deduction_score', 'bonus_score', 'total_score', 'untested_points', 'error', 'created_at', 'started_at', 'finished_at']);
  if (targetUrl) q = q.where('target_url', '=', targetUrl);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export const failStaleRuns = (db: Db, at: string) =>
  db.updateTable('inspection_runs').set({ status: 'failed', error: '服务重启，检查中断', finished_at: at }).where('status', 'in', ['queued', 'running']).execute();

export async function insertEvidence(db: Db, row: { run_id: number; url: string; kind: string; sha256: string; storage_key: string; mime: string; size: number; created_at: string }) {
  return (await db.insertInto('inspection_evidence').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findEvidence = (db: Db, runId: number, id: number) =>
  db.selectFrom('inspection_evidence').selectAll().where('run_id', '=', runId).where('id', '=', id).executeTakeFirst();

export async function insertManualFinding(db: Db, row: { target_url: string; indicator_id: string; sub_rule: number | null; part: string | null; points: number | null; message: string; evidence: string; created_by: number | null; created_at: string }) {
  return (await db.insertInto('inspection_manual_findings').values({ ...row, revoked_at: null }).returning('id').executeTakeFirstOrThrow()).id;
}

export const activeManualFindings = (db: Db, targetUrl: string) =>
  db.selectFrom('inspection_manual_findings').selectAll().where('target_url', '=', targetUrl).where('revoked_at', 'is', null).orderBy('id').execute();

export const revokeManualFinding = (db: Db, id: number, at: string) =>
  db.updateTable('inspection_manual_findings').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();

export const insertProbe = (db: Db, row: { target_url: string; at: string; ok: 0 | 1; ms: number; status: number | null; error: string | null }) =>
  db.insertInto('availability_probes').values(row).execute();

export const probesSince = (db: Db, targetUrl: string, since: string) =>
  db.selectFrom('availability_probes').selectAll().where('target_url', '=', targetUrl).where('at', '>=', since).orderBy('at').execute();

export const monitoredTargets = async (db: Db) =>
  (await db.selectFrom('inspection_schedules').select('target_url').where('active', '=', 1).distinct().execute()).map((r) => r.target_url);

export async function insertSchedule(db: Db, row: { target_url: string; site_id: number | null; every_hours: number; options: string; next_run_at: string; created_by: number | null; created_at: string }) {
  return (await db.insertInto('inspection_schedules').values({ ...row, active: 1 }).returning('id').executeTakeFirstOrThrow()).id;
}

export const listSchedules = (db: Db) => db.selectFrom('inspection_schedules').selectAll().where('active', '=', 1).orderBy('id').execute();

export const deactivateSchedule = (db: Db, id: number) => db.updateTable('inspection_schedules').set({ active: 0 }).where('id', '=', id).execute();

export const dueSchedules = (db: Db, now: string) =>
  db.selectFrom('inspection_schedules').selectAll().where('active', '=', 1).where('next_run_at', '<=', now).execute();

export const moveSchedule = (db: Db, id: number, next: string) => db.updateTable('inspection_schedules').set({ next_run_at: next }).where('id', '=', id).execute();
