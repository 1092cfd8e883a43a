import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database, User } from '../../platform/db/schema.ts';
import type { Role, RoleGrant } from '../../platform/auth/roles.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const findByUsername = (db: Executor, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const findById = (db: Executor, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function rolesOf(db: Executor, userId: number): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('user_roles')
    .select(['role', 'site_id'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ role: r.role as Role, siteId: r.site_id }));
}

export async function listWithDepartments(db: Db) {
  const users = await db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.department_id',
      'users.email',
      'users.disabled',
      'users.locked_until',
      'users.failed_logins',
      'users.last_login_at',
      'users.must_change_password',
      'users.created_at',
      'departments.name as department_name',
      'departments.site_id as department_site_id',
    ])
    .orderBy('users.id')
    .execute();
  const roles = await db.selectFrom('user_roles').select(['user_id', 'role', 'site_id']).orderBy('id').execute();
  return users.map((u) => ({
    ...u,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({ role: r.role as Role, siteId: r.site_id })),
  }));
}

export async function insertUser(
  trx: Executor,
  user: Omit<User, 'id' | 'failed_logins' | 'locked_until' | 'disabled' | 'last_login_at'>,
): Promise<number> {
  const row = await trx
    .insertInto('users')
    .values({ ...user, failed_logins: 0, locked_until: null, disabled: 0, last_login_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(trx: Executor, id: number, changes: Partial<Omit<User, 'id'>>): Promise<void> {
  await trx.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function replaceRoles(trx: Executor, userId: number, grants: RoleGrant[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (grants.length > 0) {
    await trx
      .insertInto('user_roles')
      .values(grants.map((g) => ({ user_id: userId, role: g.role, site_id: g.siteId })))
      .execute();
  }
}

export const recentPasswordHashes = async (db: Executor, userId: number, n: number) =>
  n <= 0
    ? []
    : (
        await db
          .selectFrom('password_history')
          .select('password_hash')
          .where('user_id', '=', userId)
          .orderBy('id', 'desc')
          .limit(n)
          .execute()
      ).map((r) => r.password_hash);

export async function addPasswordHistory(
  trx: Executor,
  userId: number,
  passwordHash: string,
  at: string,
): Promise<void> {
  await trx
    .insertInto('password_history')
    .values({ user_id: userId, password_hash: passwordHash, created_at: at })
    .execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const allColumnGrants = (db: Executor) =>
  db.selectFrom('column_grants').select(['user_id', 'column_id']).execute();

/** Staff of one department become staff of another. */
export async function reassignDepartment(trx: Executor, fromId: number, toId: number): Promise<void> {
  await trx.updateTable('users').set({ department_id: toId }).where('department_id', '=', fromId).execute();
}

/** Who among `roles` is held by some account already (installation set-up creates the missing ones). */
export async function heldRoles(db: Executor, roles: readonly Role[]): Promise<Role[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('user_roles')
    .select('role')
    .where('role', 'in', [...roles])
    .execute();
  return [...new Set(rows.map((r) => r.role as Role))];
}

export async function columnGrants(db: Executor, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('column_grants').select('column_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.column_id);
}

export async function replaceColumnGrants(
  trx: Executor,
  userId: number,
  columnIds: number[],
  by: number | null,
  at: string,
) {
  await trx.deleteFrom('column_grants').where('user_id', '=', userId).execute();
  if (columnIds.length > 0) {
    await trx
      .insertInto('column_grants')
      .values(columnIds.map((column_id) => ({ user_id: userId, column_id, granted_by: by, created_at: at })))
      .execute();
  }
}
