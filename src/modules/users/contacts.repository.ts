// Active accounts holding given roles, installation-wide or on given sites (the people to ask for access).
import type { Db } from '../../platform/db/database.ts';

export async function holdersOfRoles(db: Db, roles: string[], siteIds: number[]) {
  if (roles.length === 0) return [];
  return db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select(['users.id', 'users.display_name', 'departments.name as department_name', 'user_roles.role'])
    .where('user_roles.role', 'in', roles)
    .where('users.disabled', '=', 0)
    .where((eb) =>
      siteIds.length > 0
        ? eb.or([eb('user_roles.site_id', 'is', null), eb('user_roles.site_id', 'in', siteIds)])
        : eb('user_roles.site_id', 'is', null),
    )
    .orderBy('user_roles.role')
    .orderBy('users.id')
    .limit(20)
    .execute();
}
