// What the user dialog needs besides the user: the roles, the sites and every site's departments; the column
// trees for 可编辑栏目; and the form's values to and from the API.
import { api } from '../../api';
import type { Items } from '../../api-types';
import type { RoleOption } from '../../../../src/modules/users/users.schema.ts';
import { loadSites } from '../../hooks';
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';
import type { DepartmentView } from '../../../../src/modules/departments/departments.schema.ts';
import type { SiteView } from '../../../../src/modules/sites/sites.schema.ts';
import type { UserCreate, UserView } from '../../../../src/modules/users/users.schema.ts';
import { ROLES, roleConflict, type Role } from '../../../../src/platform/auth/roles.ts';
import { errorMessage } from '../../../../src/platform/errors.ts';

/** The three separated administrator roles (三员分立): always installation-wide. */
export const SEPARATED_ROLES: readonly string[] = ['sys_admin', 'sec_admin', 'audit_admin'];

/** Site select value meaning “every site” (the API's null). */
export const ALL_SITES = 0;

export interface RoleRow {
  role: Role | undefined;
  siteId: number;
}

export interface UserValues {
  username: string;
  displayName: string;
  departmentId: number | undefined;
  email: string;
  roles: RoleRow[];
  columnGrantIds: number[];
}

export interface Reference {
  roles: RoleOption[];
  sites: SiteView[];
  departments: DepartmentView[];
}

export async function loadReference(): Promise<Reference> {
  const [roles, sites] = await Promise.all([
    api.get<Items<RoleOption>>('/api/roles').then((r) => r.items),
    loadSites(),
  ]);
  const perSite = await Promise.all(
    sites.map((s) =>
      api
        .get<Items<DepartmentView>>(`/api/sites/${s.id}/departments`)
        .then((r) => r.items)
        .catch(() => []),
    ),
  );
  return { roles, sites, departments: perSite.flat() };
}

export interface SiteColumns {
  site: SiteView;
  roots: ColumnNode[];
}

export const loadColumnTrees = (sites: SiteView[]): Promise<SiteColumns[]> =>
  Promise.all(
    sites.map((site) =>
      api.get<Items<ColumnNode>>(`/api/sites/${site.id}/columns`).then((r) => ({ site, roots: r.items })),
    ),
  );

export const NEW_USER: UserValues = {
  username: '',
  displayName: '',
  departmentId: undefined,
  email: '',
  roles: [{ role: undefined, siteId: ALL_SITES }],
  columnGrantIds: [],
};

export const valuesOf = (user: UserView): UserValues => ({
  username: user.username,
  displayName: user.displayName,
  departmentId: user.departmentId ?? undefined,
  email: user.email ?? '',
  // The user view names roles as plain strings; they are the server's Role names.
  roles: user.roles.map((r) => ({ role: r.role as Role, siteId: r.siteId ?? ALL_SITES })),
  columnGrantIds: user.columnGrantIds ?? [],
});

/** The role rows as the API takes them: the separated administrators and 全部站点 as null. */
export const rolesInput = (rows: RoleRow[]): UserCreate['roles'] =>
  rows
    .filter((r): r is RoleRow & { role: Role } => !!r.role)
    .map((r) => ({
      role: r.role,
      siteId: SEPARATED_ROLES.includes(r.role) || r.siteId === ALL_SITES ? null : r.siteId,
    }));

/** The server's 三员分立 rule, to warn while the roles are picked; the server has the final word (ROLE_CONFLICT). */
export function conflictHint(roles: (Role | undefined)[]): string | null {
  const conflict = roleConflict([...new Set(roles.filter((r): r is Role => !!r))]);
  if (!conflict) return null;
  if ('combined' in conflict)
    return errorMessage('ROLES_COMBINED', { roles: conflict.combined.map((r) => ROLES[r]).join('、') });
  if ('publishing' in conflict)
    return errorMessage('ADMIN_ROLE_WITH_PUBLISHING', {
      admin: ROLES[conflict.publishing[0]],
      role: ROLES[conflict.publishing[1]],
    });
  return errorMessage('ROLE_MUST_STAND_ALONE', { role: ROLES[conflict.alone] });
}
