// Staff login, server-side sessions (in the database, so any app node can serve any request), lockout and
// password changes. Every outcome is audited.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { DAY, HOUR, MINUTE } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { loadPolicy, type SecurityPolicy } from '../../platform/auth/policy.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../../platform/auth/password.ts';
import * as users from '../users/users.repository.ts';
import type { UsersService } from '../users/users.service.ts';
import type { MeResponse } from '../users/users.schema.ts';
import { findDepartment } from '../departments/departments.repository.ts';
import * as sessions from './session.repository.ts';
import { toMeResponse } from './auth.presenter.ts';

export interface AuthContext {
  userId: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  grants: RoleGrant[];
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  passwordExpired: boolean;
  actor: Actor;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
// Verified against when the username does not exist, so both paths take the same time.
let dummyHash: Promise<string> | null = null;

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly accounts: UsersService,
  ) {}

  /** What the console shows of the signed-in staff member. */
  async me(auth: AuthContext): Promise<MeResponse> {
    const department = auth.departmentId ? await findDepartment(this.db, auth.departmentId) : undefined;
    return toMeResponse(auth, department?.name ?? null);
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  async login(
    username: string,
    password: string,
    ip: string,
    userAgent: string,
  ): Promise<{ token: string; me: MeResponse }> {
    const policy = await loadPolicy(this.db);
    const now = this.clock.now();
    const actor: Actor = { userId: null, username, ip };
    const windowStart = new Date(now.getTime() - policy.lockMinutes * MINUTE).toISOString();
    if ((await sessions.countIpFailuresSince(this.db, ip, windowStart)) >= policy.maxFailuresPerIp) {
      await this.audit.recordAlone(actor, {
        action: 'auth.login',
        targetType: 'user',
        outcome: 'failure',
        detail: { reason: 'ip-throttled' },
      });
      throw new AppError('TOO_MANY_ATTEMPTS');
    }
    const user = await users.findByUsername(this.db, username);
    if (!user) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verifyPassword(await dummyHash, password);
      await this.rejectLogin(actor, ip, username, 'unknown-user');
    }
    const known = user!;
    const knownActor: Actor = { userId: known.id, username: known.username, ip };
    if (known.locked_until && known.locked_until > now.toISOString()) {
      await this.audit.recordAlone(knownActor, {
        action: 'auth.login',
        targetType: 'user',
        targetId: known.id,
        outcome: 'failure',
        detail: { reason: 'locked' },
      });
      throw new AppError('ACCOUNT_LOCKED');
    }
    if (known.disabled) {
      await this.audit.recordAlone(knownActor, {
        action: 'auth.login',
        targetType: 'user',
        targetId: known.id,
        outcome: 'failure',
        detail: { reason: 'disabled' },
      });
      throw new AppError('ACCOUNT_DISABLED');
    }
    if (!(await verifyPassword(known.password_hash, password))) {
      await this.countFailure(known.id, known.failed_logins, policy, knownActor, ip);
    }
    return this.openSession(known.id, knownActor, ip, userAgent, policy);
  }

  private async rejectLogin(actor: Actor, ip: string, username: string, reason: string): Promise<never> {
    await sessions.recordLoginFailure(this.db, ip, username, this.nowIso());
    await this.audit.recordAlone(actor, {
      action: 'auth.login',
      targetType: 'user',
      outcome: 'failure',
      detail: { reason },
    });
    throw new AppError('LOGIN_FAILED');
  }

  private async countFailure(
    userId: number,
    previous: number,
    policy: SecurityPolicy,
    actor: Actor,
    ip: string,
  ): Promise<never> {
    const failures = previous + 1;
    const lock = failures >= policy.maxFailedLogins;
    const at = this.nowIso();
    await sessions.recordLoginFailure(this.db, ip, actor.username, at);
    const lockedUntil = lock ? new Date(this.clock.now().getTime() + policy.lockMinutes * MINUTE).toISOString() : null;
    await this.db.transaction().execute(async (trx) => {
      // A lock starts a fresh count for when it ends.
      await this.accounts.recordFailedLogin(trx, userId, lock ? 0 : failures, lockedUntil);
      await this.audit.record(trx, actor, {
        action: lock ? 'auth.lock' : 'auth.login',
        targetType: 'user',
        targetId: userId,
        outcome: 'failure',
        detail: { reason: 'bad-password', failures, locked: lock },
      });
    });
    throw new AppError(lock ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED');
  }

  private async openSession(userId: number, actor: Actor, ip: string, userAgent: string, policy: SecurityPolicy) {
    const token = randomBytes(32).toString('base64url');
    const at = this.nowIso();
    const session = {
      id: sha256(token),
      user_id: userId,
      csrf_token: randomBytes(24).toString('base64url'),
      ip,
      user_agent: userAgent.slice(0, 500),
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(this.clock.now().getTime() + policy.sessionAbsoluteHours * HOUR).toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      await this.accounts.recordLogin(trx, userId, at);
      await sessions.insertSession(trx, session);
      await this.audit.record(trx, actor, { action: 'auth.login', targetType: 'user', targetId: userId, detail: {} });
    });
    return { token, me: await this.me(await this.authenticate(token)) };
  }

  /**
   * Resolves a session cookie to the staff member, enforcing idle and absolute timeouts. `touch: false` (the
   * console's background polls) checks the session without counting the request as activity, so an unattended
   * console still reaches the idle timeout.
   */
  async authenticate(token: string, options: { touch?: boolean } = {}): Promise<AuthContext> {
    const id = sha256(token);
    const session = await sessions.findSession(this.db, id);
    if (!session) throw new AppError('UNAUTHENTICATED');
    const policy = await loadPolicy(this.db);
    const now = this.clock.now();
    const idleLimit = new Date(session.last_seen_at).getTime() + policy.sessionIdleMinutes * MINUTE;
    if (now.toISOString() >= session.expires_at || now.getTime() >= idleLimit) {
      await sessions.deleteSession(this.db, id);
      throw new AppError('SESSION_EXPIRED');
    }
    const user = await users.findById(this.db, session.user_id);
    if (!user || user.disabled) {
      await sessions.deleteSession(this.db, id);
      throw new AppError('UNAUTHENTICATED');
    }
    // Refresh the idle timer at most once a minute to keep reads cheap.
    if (options.touch !== false && now.getTime() - new Date(session.last_seen_at).getTime() > MINUTE)
      await sessions.touchSession(this.db, id, now.toISOString());
    const maxAge = policy.passwordMaxAgeDays * DAY;
    return {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      departmentId: user.department_id,
      grants: await users.rolesOf(this.db, user.id),
      sessionId: id,
      csrfToken: session.csrf_token,
      mustChangePassword: user.must_change_password === 1,
      passwordExpired: maxAge > 0 && now.getTime() - new Date(user.password_changed_at).getTime() > maxAge,
      actor: { userId: user.id, username: user.username, ip: session.ip },
    };
  }

  async logout(auth: AuthContext): Promise<void> {
    await sessions.deleteSession(this.db, auth.sessionId);
    await this.audit.recordAlone(auth.actor, { action: 'auth.logout', targetType: 'user', targetId: auth.userId });
  }

  async changePassword(auth: AuthContext, current: string, next: string): Promise<void> {
    const user = await users.findById(this.db, auth.userId);
    if (!user || !(await verifyPassword(user.password_hash, current))) {
      await this.audit.recordAlone(auth.actor, {
        action: 'auth.password',
        targetType: 'user',
        targetId: auth.userId,
        outcome: 'failure',
        detail: { reason: 'wrong-current' },
      });
      throw new AppError('PASSWORD_WRONG');
    }
    const policy = await loadPolicy(this.db);
    const problems = passwordProblems(next, policy, user.username);
    if (problems.length) throw new AppError('PASSWORD_POLICY_DETAIL', { problems: problems.join('；') }, { problems });
    const previous = [
      user.password_hash,
      ...(await users.recentPasswordHashes(this.db, user.id, policy.passwordHistory)),
    ];
    for (const old of previous.slice(0, Math.max(1, policy.passwordHistory))) {
      if (await verifyPassword(old, next))
        throw new AppError('PASSWORD_REUSED_RECENT', { count: policy.passwordHistory });
    }
    const at = this.nowIso();
    const newHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await this.accounts.replacePassword(trx, user.id, user.password_hash, newHash, at);
      await this.audit.record(trx, auth.actor, { action: 'auth.password', targetType: 'user', targetId: user.id });
    });
    // Other sessions of this account end: whoever else held the old password is logged out.
    await sessions.deleteUserSessions(this.db, user.id, auth.sessionId);
  }
}
