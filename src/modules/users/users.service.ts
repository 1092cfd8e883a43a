import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { ROLES, roleConflict, type Role, type RoleGrant } from '../../platform/auth/roles.ts';
import { generatePassword, hashPassword } from '../../platform/auth/password.ts';
import * as repo from './users.repository.ts';
import * as departmentsRepo from '../departments/departments.repository.ts';
import { deleteUserSessions } from '../auth/session.repository.ts';
import type { UserCreate, UserUpdate, UserView } from './users.schema.ts';

/** Only the server operator (CLI) creates security and audit administrators; a system administrator cannot. */
const OPERATOR_ONLY: Role[] = ['sec_admin', 'audit_admin'];

export const grantView = (g: RoleGrant) => ({ role: g.role, roleName: ROLES[g.role], siteId: g.siteId });

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserView[]> {
    const rows = await repo.listWithDepartments(this.db);
    const grants = await this.db.selectFrom('column_grants').select(['user_id', 'column_id']).execute();
    return rows.map((u) => ({
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
      columnGrantIds: grants.filter((g) => g.user_id === u.id).map((g) => g.column_id),
    }));
  }

  async get(id: number): Promise<UserView> {
    const user = (await this.list()).find((u) => u.id === id);
    if (!user) throw new AppError('NOT_FOUND', '用户不存在');
    return user;
  }

  private checkRoles(roles: RoleGrant[], byOperator: boolean): void {
    const conflict = roleConflict(roles.map((r) => r.role));
    if (conflict)
      throw new AppError(
        'ROLE_CONFLICT',
        `${ROLES.sys_admin}、${ROLES.sec_admin}、${ROLES.audit_admin}必须分设：${conflict}`,
      );
    if (!byOperator && roles.some((r) => OPERATOR_ONLY.includes(r.role))) {
      throw new AppError('FORBIDDEN', '安全管理员和审计管理员账号只能由服务器运维人员通过命令行创建');
    }
  }

  private async checkDepartment(departmentId: number | null): Promise<void> {
    if (departmentId !== null && !(await departmentsRepo.findDepartment(this.db, departmentId))) {
      throw new AppError('VALIDATION_FAILED', '所选部门不存在');
    }
  }

  /** Creates an account with a one-time password that must be changed at first login. */
  async create(actor: Actor, input: UserCreate, options: { byOperator?: boolean; password?: string } = {}) {
    this.checkRoles(input.roles, options.byOperator ?? false);
    await this.checkDepartment(input.departmentId);
    const password = options.password ?? generatePassword();
    const passwordHash = await hashPassword(password);
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      if (await repo.findByUsername(trx, input.username)) throw new AppError('USERNAME_TAKEN');
      const newId = await repo.insertUser(trx, {
        username: input.username,
        display_name: input.displayName,
        department_id: input.departmentId,
        email: input.email,
        password_hash: passwordHash,
        must_change_password: 1,
        password_changed_at: at,
        created_at: at,
        updated_at: at,
      });
      await repo.replaceRoles(trx, newId, input.roles);
      await this.audit.record(trx, actor, {
        action: 'user.create',
        targetType: 'user',
        targetId: newId,
        detail: { after: input },
      });
      return newId;
    });
    return { user: await this.get(id), initialPassword: password };
  }

  async update(actor: Actor, id: number, input: UserUpdate): Promise<UserView> {
    const before = await this.get(id);
    const operatorRolesBefore = before.roles.filter((r) => OPERATOR_ONLY.includes(r.role as Role));
    const operatorRolesAfter = input.roles.filter((r) => OPERATOR_ONLY.includes(r.role));
    // A system administrator may keep, but not add or remove, the operator-only roles of an account.
    if (
      JSON.stringify(operatorRolesBefore.map((r) => r.role).sort()) !==
      JSON.stringify(operatorRolesAfter.map((r) => r.role).sort())
    ) {
      throw new AppError('FORBIDDEN', '安全管理员和审计管理员角色只能由服务器运维人员通过命令行变更');
    }
    this.checkRoles(input.roles, true);
    await this.checkDepartment(input.departmentId);
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, id, {
        display_name: input.displayName,
        department_id: input.departmentId,
        email: input.email,
        updated_at: at,
      });
      await repo.replaceRoles(trx, id, input.roles);
      if (input.columnGrantIds)
        await repo.replaceColumnGrants(trx, id, [...new Set(input.columnGrantIds)], actor.userId, at);
      await this.audit.record(trx, actor, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        detail: { before, after: input },
      });
    });
    return this.get(id);
  }

  async resetPassword(actor: Actor, id: number, password = generatePassword()): Promise<string> {
    await this.get(id);
    const passwordHash = await hashPassword(password);
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, id, {
        password_hash: passwordHash,
        must_change_password: 1,
        password_changed_at: at,
        updated_at: at,
        failed_logins: 0,
        locked_until: null,
      });
      await this.audit.record(trx, actor, { action: 'user.reset-password', targetType: 'user', targetId: id });
    });
    await deleteUserSessions(this.db, id);
    return password;
  }

  async setDisabled(actor: Actor, id: number, disabled: boolean): Promise<void> {
    if (actor.userId === id && disabled) throw new AppError('BAD_REQUEST', '不能停用自己的账号');
    await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, id, { disabled: disabled ? 1 : 0, updated_at: this.clock.now().toISOString() });
      await this.audit.record(trx, actor, {
        action: disabled ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: id,
      });
    });
    if (disabled) await deleteUserSessions(this.db, id);
  }

  async unlock(actor: Actor, id: number): Promise<void> {
    await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, id, { failed_logins: 0, locked_until: null });
      await this.audit.record(trx, actor, { action: 'user.unlock', targetType: 'user', targetId: id });
    });
  }

  async locked(): Promise<UserView[]> {
    const now = this.clock.now().toISOString();
    return (await this.list()).filter((u) => u.lockedUntil !== null && u.lockedUntil > now);
  }

  async columnGrantsOf(userId: number): Promise<number[]> {
    return repo.columnGrants(this.db, userId);
  }

  async count(): Promise<number> {
    return repo.countUsers(this.db);
  }
}
