import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { ROLES, roleConflict, type Role, type RoleGrant } from '../../platform/auth/roles.ts';
import { generatePassword, hashPassword } from '../../platform/auth/password.ts';
import * as repo from './users.repository.ts';
import * as departmentsRepo from '../departments/departments.repository.ts';
import type { SessionsService } from '../auth/sessions.service.ts';
import { toUserView } from './users.presenter.ts';
import type { RoleOption, UserCreate, UserCreated, UserUpdate, UserView } from './users.schema.ts';

/** Only the server operator (CLI) creates security and audit administrators; a system administrator cannot. */
const OPERATOR_ONLY: Role[] = ['sec_admin', 'audit_admin'];

export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
  ) {}

  /** The roles staff can be given, with their Chinese names. */
  roles(): RoleOption[] {
    return (Object.entries(ROLES) as [Role, string][]).map(([role, name]) => ({ role, name }));
  }

  async list(): Promise<UserView[]> {
    const [rows, grants] = await Promise.all([repo.listWithDepartments(this.db), repo.allColumnGrants(this.db)]);
    return rows.map((u) =>
      toUserView(
        u,
        grants.filter((g) => g.user_id === u.id).map((g) => g.column_id),
      ),
    );
  }

  async get(id: number): Promise<UserView> {
    const user = (await this.list()).find((u) => u.id === id);
    if (!user) throw new AppError('USER_NOT_FOUND');
    return user;
  }

  private checkRoles(roles: RoleGrant[], byOperator: boolean): void {
    const conflict = roleConflict(roles.map((r) => r.role));
    if (conflict && 'combined' in conflict)
      throw new AppError('ROLES_COMBINED', { roles: conflict.combined.map((r) => ROLES[r]).join('、') });
    if (conflict) throw new AppError('ROLE_MUST_STAND_ALONE', { role: ROLES[conflict.alone] });
    if (!byOperator && roles.some((r) => OPERATOR_ONLY.includes(r.role))) throw new AppError('OPERATOR_ONLY_ACCOUNT');
  }

  private async checkDepartment(departmentId: number | null): Promise<void> {
    if (departmentId !== null && !(await departmentsRepo.findDepartment(this.db, departmentId))) {
      throw new AppError('USER_DEPARTMENT_NOT_FOUND');
    }
  }

  /** Creates an account with a one-time password that must be changed at first login. */
  async create(
    actor: Actor,
    input: UserCreate,
    options: { byOperator?: boolean; password?: string } = {},
  ): Promise<UserCreated> {
    this.checkRoles(input.roles, options.byOperator ?? false);
    await this.checkDepartment(input.departmentId);
    const password = options.password ?? generatePassword();
    const id = await this.insertAccount(actor, input, await hashPassword(password), { mustChangePassword: true });
    return { user: await this.get(id), initialPassword: password };
  }

  /**
   * Creates an account whose password was hashed beforehand, for setting up many accounts that share one
   * password (argon2 runs once, not per account): the same checks, rows, roles and audit record as create().
   * `passwordChangedAt` (default now) starts the password's age.
   */
  async createWithPasswordHash(
    actor: Actor,
    input: UserCreate,
    passwordHash: string,
    options: { mustChangePassword: boolean; passwordChangedAt?: string },
  ): Promise<number> {
    this.checkRoles(input.roles, false);
    await this.checkDepartment(input.departmentId);
    return this.insertAccount(actor, input, passwordHash, options);
  }

  private async insertAccount(
    actor: Actor,
    input: UserCreate,
    passwordHash: string,
    options: { mustChangePassword: boolean; passwordChangedAt?: string },
  ): Promise<number> {
    const at = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      if (await repo.findByUsername(trx, input.username)) throw new AppError('USERNAME_TAKEN');
      const newId = await repo.insertUser(trx, {
        username: input.username,
        display_name: input.displayName,
        department_id: input.departmentId,
        email: input.email,
        password_hash: passwordHash,
        must_change_password: options.mustChangePassword ? 1 : 0,
        password_changed_at: options.passwordChangedAt ?? at,
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
      throw new AppError('OPERATOR_ONLY_ROLES');
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
    await this.sessions.endAllOf(id);
    return password;
  }

  async setDisabled(actor: Actor, id: number, disabled: boolean): Promise<void> {
    if (actor.userId === id && disabled) throw new AppError('CANNOT_DISABLE_SELF');
    await this.get(id);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateUser(trx, id, { disabled: disabled ? 1 : 0, updated_at: this.clock.now().toISOString() });
      await this.audit.record(trx, actor, {
        action: disabled ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: id,
      });
    });
    if (disabled) await this.sessions.endAllOf(id);
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

  /** Which of these roles some account holds already. */
  heldRoles(roles: readonly Role[]): Promise<Role[]> {
    return repo.heldRoles(this.db, roles);
  }

  async columnGrantsOf(userId: number): Promise<number[]> {
    return repo.columnGrants(this.db, userId);
  }

  async count(): Promise<number> {
    return repo.countUsers(this.db);
  }

  /** Inside a department merge's transaction: the merged department's staff belong to the one it merged into. */
  async reassignDepartment(trx: Db, fromId: number, toId: number): Promise<void> {
    await repo.reassignDepartment(trx, fromId, toId);
  }

  /** Inside a failed login's transaction: the account's failure count, and its lock when it reached the limit. */
  async recordFailedLogin(trx: Db, id: number, failures: number, lockedUntil: string | null): Promise<void> {
    await repo.updateUser(trx, id, { failed_logins: failures, ...(lockedUntil ? { locked_until: lockedUntil } : {}) });
  }

  /** Inside a login's transaction: failures forgotten, lock lifted, the login's time kept. */
  async recordLogin(trx: Db, id: number, at: string): Promise<void> {
    await repo.updateUser(trx, id, { failed_logins: 0, locked_until: null, last_login_at: at });
  }

  /** Inside a password change's transaction: the new hash replaces the old, which joins the history. */
  async replacePassword(trx: Db, id: number, oldHash: string, newHash: string, at: string): Promise<void> {
    await repo.addPasswordHistory(trx, id, oldHash, at);
    await repo.updateUser(trx, id, {
      password_hash: newHash,
      must_change_password: 0,
      password_changed_at: at,
      updated_at: at,
    });
  }
}
