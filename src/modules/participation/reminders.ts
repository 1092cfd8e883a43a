// Reminders in the staff's bell (and the duty dashboard's list of notifications) for the statutory and promised
// deadlines of participation: 依申请公开 answers, the one-month feedback of a solicitation or survey, the annual
// reports by 31 January. One reminder per deadline and level (dedupe key), addressed to the department that
// leads the column the work belongs to (附件1).
import type { Db } from '../../platform/db/database.ts';
import { insertNotificationOnce } from '../duty/duty.repository.ts';
import type { ColumnsService } from '../columns/columns.service.ts';

export interface Reminder {
  siteId: number;
  /** The column whose lead department is reminded (附件1): 依申请公开, 意见反馈 … */
  column: string;
  kind: string;
  dedupeKey: string;
  title: string;
  body: string;
  /** A console path: /admin/… */
  link: string;
}

/** Writes the reminder unless one with the same key exists; true when it was new. */
export async function remindOnce(db: Db, columns: ColumnsService, reminder: Reminder, at: string): Promise<boolean> {
  const tree = await columns.tree(reminder.siteId);
  const column = tree.flat.find((c) => c.name === reminder.column);
  return insertNotificationOnce(db, {
    site_id: reminder.siteId,
    user_id: null,
    department_id: column?.leadDepartmentId ?? null,
    kind: reminder.kind,
    dedupe_key: reminder.dedupeKey,
    title: reminder.title,
    body: reminder.body,
    link: reminder.link,
    created_at: at,
  });
}
