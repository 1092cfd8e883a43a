// The 信息发布审查登记 register: one row per submission, with the form's fields and both opinions.
import type { Db } from '../../platform/db/database.ts';
import * as repo from './review.repository.ts';
import { STATE_NAMES } from './review.service.ts';

export interface RegisterOpinion {
  decision: string;
  opinion: string;
  name: string;
  /** ISO UTC time of the decision. */
  at: string;
}

export interface RegisterRow {
  id: number;
  contentId: number;
  year: number;
  serial: number;
  /** 2026-0001 */
  serialText: string;
  department: string;
  title: string;
  /** 是 / 否 / 不明确 (as finally determined when the secrecy review decided). */
  secret: string;
  releaseForm: string;
  column: string;
  /** 附件3 prints four columns as boxes and writes any other under 其他. */
  columnBox: '部门动态' | '通知公告' | '便民信息' | '最多跑一次改革' | '其他';
  submitter: string;
  submittedAt: string;
  state: string;
  stateName: string;
  /** 审查中 / 同意 / 不同意 / 涉密不发布 */
  outcome: string;
  secrecy: RegisterOpinion | null;
  dept: RegisterOpinion | null;
  leader: RegisterOpinion | null;
}

const BOXED = ['部门动态', '通知公告', '便民信息', '最多跑一次改革'] as const;

export async function registerRows(db: Db, filter: repo.RegisterFilter): Promise<RegisterRow[]> {
  const rows = await repo.registerRows(db, filter);
  const steps = await repo.stepsOf(
    db,
    rows.map((r) => r.id),
  );
  const last = (requestId: number, step: string): RegisterOpinion | null => {
    const found = steps.filter((s) => s.request_id === requestId && s.step === step).pop();
    return found
      ? { decision: found.decision, opinion: found.opinion, name: found.actor_name, at: found.decided_at }
      : null;
  };
  return rows.map((r) => ({
    id: r.id,
    contentId: r.content_id,
    year: r.year,
    serial: r.serial,
    serialText: `${r.year}-${String(r.serial).padStart(4, '0')}`,
    department: r.department_name,
    title: r.title,
    secret: r.secret,
    releaseForm: r.release_form,
    column: r.column_name,
    columnBox: (BOXED as readonly string[]).includes(r.column_name)
      ? (r.column_name as RegisterRow['columnBox'])
      : '其他',
    submitter: r.submitter_name,
    submittedAt: r.submitted_at,
    state: r.state,
    stateName: STATE_NAMES[r.state] ?? r.state,
    outcome: r.outcome,
    secrecy: last(r.id, 'secrecy'),
    dept: last(r.id, 'dept'),
    leader: last(r.id, 'leader'),
  }));
}
