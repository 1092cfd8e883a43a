// The 信息发布审查登记 register: one row per submission, with the form's fields and every step's opinion.
import type { Db } from '../../platform/db/database.ts';
import * as repo from './review.repository.ts';
import { toRegisterRow } from './review.presenter.ts';
import type { RegisterRow } from './review.schema.ts';

export type { RegisterOpinion, RegisterRow } from './review.schema.ts';

export async function registerRows(db: Db, filter: repo.RegisterFilter): Promise<RegisterRow[]> {
  const rows = await repo.registerRows(db, filter);
  const steps = await repo.stepsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRegisterRow(r, steps));
}
