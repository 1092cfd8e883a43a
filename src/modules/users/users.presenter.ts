// Stored user rows and role grants → the API's views of staff accounts.
import { ROLES, type RoleGrant } from '../../platform/auth/roles.ts';
import type { RoleGrantView, UserView } from './users.schema.ts';
import type { listWithDepartments } from './users.repository.ts';

export const grantView = (g: RoleGrant): RoleGrantView => ({ role: g.role, roleName: ROLES[g.role], siteId: g.siteId });

type UserRow = Awaited<ReturnType<typeof listWithDepartments>>[number];

export function toUserView(u: UserRow, columnGrantIds: number[]): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    departmentId: u.department_id,
    departmentName: u.department_name ?? null,
    email: u.email,
    disabled: u.disabled === 1,
    lockedUntil: u.locked_until,
    failedLogins: u.failed_logins,
    lastLoginAt: u.last_login_at,
    mustChangePassword: u.must_change_password === 1,
    roles: u.roles.map(grantView),
    columnGrantIds,
  };
}
