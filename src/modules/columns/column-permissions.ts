// 附件1 decides who writes where: an editor writes in the columns their department leads or cooperates on,
// plus any column an administrator granted them (how "相关处室、事业单位" is handed out).
import type { RoleGrant } from '../../platform/auth/roles.ts';
import type { ColumnNode } from './columns.schema.ts';

export interface Writer {
  departmentId: number | null;
  grants: RoleGrant[];
  grantedColumnIds: number[];
}

export function canWriteColumn(
  writer: Writer,
  column: Pick<ColumnNode, 'id' | 'siteId' | 'leadDepartmentId' | 'cooperatingDepartmentIds'>,
): boolean {
  const onSite = (role: string) =>
    writer.grants.some((g) => g.role === role && (g.siteId === null || g.siteId === column.siteId));
  if (onSite('site_admin')) return true;
  if (!onSite('editor')) return false;
  if (writer.grantedColumnIds.includes(column.id)) return true;
  if (writer.departmentId === null) return false;
  return (
    column.leadDepartmentId === writer.departmentId || column.cooperatingDepartmentIds.includes(writer.departmentId)
  );
}
