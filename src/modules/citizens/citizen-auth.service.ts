// Citizens' password login and sessions, apart from the staff's: their own table, cookie (gp_citizen) and
// counters, under the security administrator's policy (lockout, idle and absolute session limits).
//
// Lockout is counted before any password is checked: each attempt first increments the identifier's counter in
// one atomic upsert and reads back its number; only attempts numbered within the policy's limit reach argon2.
// So 40 parallel guesses on several nodes evaluate at most maxFailedLogins passwords. Counters are keyed by the
// identifier's keyed hash whether an account exists or not, and every refusal reads the same: nothing tells a
// stranger which phone numbers are registered.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { HOUR, MINUTE } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { loadPolicy, type SecurityPolicy } from '../../platform/auth/policy.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import type { RateLimiter } from '../../platform/rate-limit.ts';
import { normaliseEmail, normalisePhone } from '../../platform/crypto/personal-data.ts';
import type { Citizen } from './citizens.tables.ts';
import type { CitizenKeys } from './citizen-keys.ts';
import * as repo from './citizens.repository.ts';

export const CITIZEN_COOKIE = 'gp_citizen';

export interface CitizenContext {
  citizenId: number;
  displayName: string;
  accountType: 'person' | 'organization';
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
let dummyHash: Promise<string> | null = null;
const dummy = (): Promise<string> => {
  dummyHash ??= hashPassword('not-a-real-password');
  return dummyHash;
};

/** How a citizen appears in the audit log: never their phone number or name. */
export const citizenActor = (id: number, ip: string): Actor => ({ userId: null, username: `公众用户#${id}`, ip });

export class CitizenAuth {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly keys: CitizenKeys,
    private readonly limiter: RateLimiter,
  ) {}

  /** The account a phone number or e-mail address names, if any (keyed-hash look-up, no decryption). */
  async findByIdentifier(identifier: string): Promise<{ keyHash: string; citizen: Citizen | undefined }> {
    const cipher = await this.keys.cipher();
    const phone = normalisePhone(identifier);
    const email = phone ? null : normaliseEmail(identifier);
    const keyHash = cipher.lookupHash('login', phone ?? email ?? identifier.trim().toLowerCase());
    const citizen = phone
      ? await repo.findByPhoneHash(this.db, cipher.lookupHash('sms', phone))
      : email
        ? await repo.findByEmailHash(this.db, cipher.lookupHash('email', email))
        : undefined;
    return { keyHash, citizen };
  }

  async login(identifier: string, password: string, ip: string, userAgent: string) {
    const policy = await loadPolicy(this.db);
    const throttle = await this.limiter.hit(
      { bucket: 'citizen.login.ip', max: policy.maxFailuresPerIp, windowMs: policy.lockMinutes * MINUTE },
      ip,
    );
    if (!throttle.allowed) throw new AppError('RATE_LIMITED', { minutes: Math.ceil(throttle.retryAfter / 60) });
    const { keyHash, citizen } = await this.findByIdentifier(identifier);
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const windowStart = new Date(now.getTime() - policy.lockMinutes * MINUTE).toISOString();
    const attempt = await repo.countLoginAttempt(this.db, keyHash, nowIso, windowStart);
    const actor = citizen ? citizenActor(citizen.id, ip) : { userId: null, username: '公众用户（未知账号）', ip };
    if (attempt.lockedUntil && attempt.lockedUntil > nowIso) throw this.locked(attempt.lockedUntil);
    if (attempt.failures > policy.maxFailedLogins) {
      // Numbered past the limit by parallel attempts: refused without evaluating the password.
      await this.lock(keyHash, policy, actor, citizen?.id ?? null);
      throw this.locked(new Date(now.getTime() + policy.lockMinutes * MINUTE).toISOString());
    }
    const usable = citizen && citizen.status !== 'deleted' && citizen.password_hash ? citizen : null;
    // An unknown account costs the same argon2 time as a known one.
    const stored = usable?.password_hash ?? (await dummy());
    const ok = (await verifyPassword(stored, password)) && usable !== null;
    if (!ok || !usable) {
      if (attempt.failures >= policy.maxFailedLogins) {
        await this.lock(keyHash, policy, actor, citizen?.id ?? null);
        throw this.locked(new Date(now.getTime() + policy.lockMinutes * MINUTE).toISOString());
      }
      await this.audit.recordAlone(actor, {
        action: 'citizen.login',
        targetType: 'citizen',
        targetId: citizen?.id ?? null,
        outcome: 'failure',
        detail: { reason: citizen ? 'bad-password' : 'unknown-account', failures: attempt.failures },
      });
      throw new AppError('CITIZEN_LOGIN_FAILED');
    }
    if (usable.status === 'disabled') {
      await this.audit.recordAlone(actor, {
        action: 'citizen.login',
        targetType: 'citizen',
        targetId: usable.id,
        outcome: 'failure',
        detail: { reason: 'disabled' },
      });
      throw new AppError('CITIZEN_DISABLED');
    }
    await repo.clearLoginAttempts(this.db, keyHash);
    return this.openSession(usable, ip, userAgent, policy, 'password');
  }

  private locked(until: string): AppError {
    const minutes = Math.max(1, Math.ceil((new Date(until).getTime() - this.clock.now().getTime()) / MINUTE));
    return new AppError('CITIZEN_LOCKED', { minutes });
  }

  private async lock(keyHash: string, policy: SecurityPolicy, actor: Actor, citizenId: number | null) {
    const now = this.clock.now();
    const until = new Date(now.getTime() + policy.lockMinutes * MINUTE).toISOString();
    if (await repo.lockLogin(this.db, keyHash, until, now.toISOString()))
      await this.audit.recordAlone(actor, {
        action: 'citizen.lock',
        targetType: 'citizen',
        targetId: citizenId,
        outcome: 'failure',
        detail: { until, known: citizenId !== null },
      });
  }

  /** Opens a session for an account that proved who it is (password, a verification code, OIDC). */
  async openSession(citizen: Citizen, ip: string, userAgent: string, policy?: SecurityPolicy, method = 'password') {
    const p = policy ?? (await loadPolicy(this.db));
    const token = randomBytes(32).toString('base64url');
    const at = this.clock.now().toISOString();
    const session = {
      id: sha256(token),
      citizen_id: citizen.id,
      csrf_token: randomBytes(24).toString('base64url'),
      ip,
      user_agent: userAgent.slice(0, 500),
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(this.clock.now().getTime() + p.sessionAbsoluteHours * HOUR).toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertSession(trx, session);
      await repo.updateCitizen(trx, citizen.id, { last_login_at: at });
      await this.audit.record(trx, citizenActor(citizen.id, ip), {
        action: 'citizen.login',
        targetType: 'citizen',
        targetId: citizen.id,
        detail: { method },
      });
    });
    return { token, citizen: await this.authenticate(token) };
  }

  /** A session cookie → the citizen, enforcing idle and absolute timeouts; null when there is no valid session. */
  async authenticate(token: string | undefined): Promise<CitizenContext | null> {
    if (!token) return null;
    const id = sha256(token);
    const session = await repo.findSession(this.db, id);
    if (!session) return null;
    const policy = await loadPolicy(this.db);
    const now = this.clock.now();
    const idleLimit = new Date(session.last_seen_at).getTime() + policy.sessionIdleMinutes * MINUTE;
    if (now.toISOString() >= session.expires_at || now.getTime() >= idleLimit) {
      await repo.deleteSession(this.db, id);
      return null;
    }
    const citizen = await repo.findCitizen(this.db, session.citizen_id);
    if (citizen?.status !== 'active') {
      await repo.deleteSession(this.db, id);
      return null;
    }
    if (now.getTime() - new Date(session.last_seen_at).getTime() > MINUTE)
      await repo.touchSession(this.db, id, now.toISOString());
    return {
      citizenId: citizen.id,
      displayName: citizen.display_name,
      accountType: citizen.account_type as CitizenContext['accountType'],
      sessionId: id,
      csrfToken: session.csrf_token,
      actor: citizenActor(citizen.id, session.ip),
    };
  }

  async logout(ctx: CitizenContext): Promise<void> {
    await repo.deleteSession(this.db, ctx.sessionId);
    await this.audit.recordAlone(ctx.actor, {
      action: 'citizen.logout',
      targetType: 'citizen',
      targetId: ctx.citizenId,
    });
  }
}
