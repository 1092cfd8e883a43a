// The duty table as a department reads it: its own columns first, then the most urgent; counts per status.
import type { ColumnDuty, DutyDashboard, DutyStatus, DutySummary } from './duty.schema.ts';

const URGENCY: Record<DutyStatus, number> = { 已超期: 0, 空白: 1, 即将到期: 2, 正常: 3 };

/** Whether the department leads or cooperates on the column. */
const answersFor = (departmentId: number, d: ColumnDuty) =>
  d.leadDepartmentId === departmentId || d.cooperatingDepartmentIds.includes(departmentId);

export function toDutyDashboard(
  all: ColumnDuty[],
  options: { departmentId?: number; myDepartmentId: number | null; dueSoonDays: number },
): DutyDashboard {
  const { departmentId, myDepartmentId } = options;
  const shown = departmentId ? all.filter((d) => answersFor(departmentId, d)) : all;
  const mine = (d: ColumnDuty) => (myDepartmentId !== null && answersFor(myDepartmentId, d) ? 0 : 1);
  const items = [...shown].sort((x, y) => mine(x) - mine(y) || URGENCY[x.status] - URGENCY[y.status]);
  const summary: DutySummary = { 正常: 0, 即将到期: 0, 已超期: 0, 空白: 0 };
  for (const d of items) summary[d.status] += 1;
  return { items, summary, dueSoonDays: options.dueSoonDays, myDepartmentId };
}
