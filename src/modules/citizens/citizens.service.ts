// The one public account (统一注册登录): registration by phone or e-mail with a one-time code and recorded consent,
// the account's details (shown masked), password change and reset, change of contact (re-verified), deletion that
// keeps what the retention rules require. The support staff's search and disable/enable are in
// citizen-support.service.ts. Every change is audited in the same transaction.
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { loadPolicy } from '../../platform/auth/policy.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../../platform/auth/password.ts';
import { normaliseEmail, normalisePhone, validChineseId } from '../../platform/crypto/personal-data.ts';
import type { CitizenKeys } from './citizen-keys.ts';
import { type CitizenAuth, type CitizenContext, citizenActor } from './citizen-auth.service.ts';
import type { CodePurpose, VerificationCodes } from './codes.ts';
import type { Channel } from './senders.ts';
import type { CitizenNotices } from './notices.service.ts';
import { PRIVACY_VERSION, TERMS_VERSION } from './agreements.ts';
import type { IdentityClaims } from './oidc.ts';
import { type AccountView, accountView } from './citizens.presenter.ts';
import * as repo from './citizens.repository.ts';

export type AccountType = 'person' | 'organization';

export interface RegistrationInput {
  channel: Channel;
  target: string;
  code: string;
  password: string;
  displayName?: string;
  accountType: AccountType;
  orgName?: string;
  creditCode?: string;
  acceptTerms: boolean;
  acceptPrivacy: boolean;
}

/**
 * Removes or anonymises what another module keeps about a citizen whose account is deleted, inside the deletion's
 * transaction: e.g. the message board blanks contact details but keeps published messages and their replies.
 */
export type Eraser = (trx: Transaction<Database>, citizenId: number, at: string) => Promise<void>;

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const CHANNEL_NAMES: Record<Channel, string> = { sms: '手机号码', email: '电子邮箱' };

export class CitizensService {
  private readonly erasers = new Map<string, Eraser>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly keys: CitizenKeys,
    readonly auth: CitizenAuth,
    private readonly codes: VerificationCodes,
    private readonly notices: CitizenNotices,
  ) {}

  /** Modules holding citizens' data register how it is erased when an account is deleted. */
  registerEraser(name: string, eraser: Eraser): void {
    this.erasers.set(name, eraser);
  }

  eraserNames(): string[] {
    return [...this.erasers.keys()];
  }

  /** A phone number or e-mail address in canonical form; CITIZEN_CONTACT_INVALID otherwise. */
  normalise(channel: Channel, target: string): string {
    const value = channel === 'sms' ? normalisePhone(target) : normaliseEmail(target);
    if (!value) throw new AppError('CITIZEN_CONTACT_INVALID', { channel: CHANNEL_NAMES[channel] });
    return value;
  }

  private async findByContact(channel: Channel, value: string) {
    const hash = (await this.keys.cipher()).lookupHash(channel, value);
    return channel === 'sms' ? repo.findByPhoneHash(this.db, hash) : repo.findByEmailHash(this.db, hash);
  }

  /**
   * Sends a code for registration or password reset. The answer never says whether the contact is registered:
   * registering a registered number sends a notice instead of a code, resetting an unknown one sends nothing.
   */
  async requestCode(
    purpose: Exclude<CodePurpose, 'contact'>,
    channel: Channel,
    target: string,
    ip: string,
    verified: boolean,
  ): Promise<{ expiresInSeconds: number }> {
    const value = this.normalise(channel, target);
    const existing = await this.findByContact(channel, value);
    const active = existing && existing.status !== 'deleted' ? existing : undefined;
    if (purpose === 'register' && active) {
      await this.notices.sendTo(channel, value, {
        citizenId: active.id,
        kind: 'citizens.registered-already',
        subject: '账号已注册',
        text: '您的号码已注册本网站账号，请直接登录；如忘记密码，请在登录页选择“找回密码”。',
      });
      return { expiresInSeconds: 600 };
    }
    if (purpose === 'reset' && !active) return { expiresInSeconds: 600 };
    return this.codes.issue(purpose, channel, value, ip, { verified, citizenId: active?.id ?? null });
  }

  private async checkPassword(password: string): Promise<void> {
    const problems = passwordProblems(password, await loadPolicy(this.db), '');
    if (problems.length) throw new AppError('CITIZEN_PASSWORD_POLICY', { problems: problems.join('；') });
  }

  /** Creates the account once the code is right, records the consents, and signs the citizen in. */
  async register(input: RegistrationInput, ip: string, userAgent: string) {
    if (!input.acceptTerms || !input.acceptPrivacy) throw new AppError('CITIZEN_CONSENT_REQUIRED');
    const value = this.normalise(input.channel, input.target);
    await this.checkPassword(input.password);
    const org = input.accountType === 'organization';
    const creditCode = (input.creditCode ?? '').trim().toUpperCase();
    if (org && (!input.orgName?.trim() || !CREDIT_CODE.test(creditCode))) throw new AppError('CITIZEN_ID_INVALID');
    await this.codes.consume('register', input.channel, value, input.code);
    const cipher = await this.keys.cipher();
    const at = this.clock.now().toISOString();
    const passwordHash = await hashPassword(input.password);
    const hash = cipher.lookupHash(input.channel, value);
    const displayName =
      input.displayName?.trim() || (org ? input.orgName!.trim() : `用户${value.replace(/@.*/, '').slice(-4)}`);
    const id = await this.db.transaction().execute(async (trx) => {
      const taken =
        input.channel === 'sms' ? await repo.findByPhoneHash(trx, hash) : await repo.findByEmailHash(trx, hash);
      if (taken) throw new AppError('CITIZEN_CONTACT_TAKEN', { channel: CHANNEL_NAMES[input.channel] });
      const newId = await repo.insertCitizen(trx, {
        account_type: input.accountType,
        display_name: displayName.slice(0, 100),
        phone_enc: input.channel === 'sms' ? cipher.encrypt(value) : null,
        phone_hash: input.channel === 'sms' ? hash : null,
        email_enc: input.channel === 'email' ? cipher.encrypt(value) : null,
        email_hash: input.channel === 'email' ? hash : null,
        real_name_enc: null,
        id_type: null,
        id_number_enc: null,
        id_number_hash: null,
        org_name: org ? input.orgName!.trim().slice(0, 200) : null,
        credit_code: org ? creditCode : null,
        password_hash: passwordHash,
        password_changed_at: at,
        oidc_issuer: null,
        oidc_subject: null,
        status: 'active',
        disabled_reason: null,
        created_at: at,
        updated_at: at,
        last_login_at: null,
        deleted_at: null,
      });
      await repo.insertConsents(trx, [
        { citizen_id: newId, document: 'terms', version: TERMS_VERSION, accepted_at: at, ip },
        { citizen_id: newId, document: 'privacy', version: PRIVACY_VERSION, accepted_at: at, ip },
      ]);
      await this.audit.record(trx, citizenActor(newId, ip), {
        action: 'citizen.register',
        targetType: 'citizen',
        targetId: newId,
        detail: {
          channel: input.channel,
          accountType: input.accountType,
          terms: TERMS_VERSION,
          privacy: PRIVACY_VERSION,
        },
      });
      return newId;
    });
    const citizen = (await repo.findCitizen(this.db, id))!;
    return this.auth.openSession(citizen, ip, userAgent, undefined, 'register');
  }

  /**
   * An account whose contacts are taken as verified, for the demo seeder and operators' tooling only (no code is
   * sent). Consents are recorded as given at creation.
   */
  async createVerifiedAccount(input: {
    phone?: string;
    email?: string;
    password: string;
    displayName: string;
    at: string;
  }): Promise<number> {
    const cipher = await this.keys.cipher();
    const phone = input.phone ? this.normalise('sms', input.phone) : null;
    const email = input.email ? this.normalise('email', input.email) : null;
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertCitizen(trx, {
        account_type: 'person',
        display_name: input.displayName,
        phone_enc: phone ? cipher.encrypt(phone) : null,
        phone_hash: phone ? cipher.lookupHash('sms', phone) : null,
        email_enc: email ? cipher.encrypt(email) : null,
        email_hash: email ? cipher.lookupHash('email', email) : null,
        real_name_enc: null,
        id_type: null,
        id_number_enc: null,
        id_number_hash: null,
        org_name: null,
        credit_code: null,
        password_hash: passwordHash,
        password_changed_at: input.at,
        oidc_issuer: null,
        oidc_subject: null,
        status: 'active',
        disabled_reason: null,
        created_at: input.at,
        updated_at: input.at,
        last_login_at: null,
        deleted_at: null,
      });
      await repo.insertConsents(trx, [
        { citizen_id: id, document: 'terms', version: TERMS_VERSION, accepted_at: input.at, ip: '-' },
        { citizen_id: id, document: 'privacy', version: PRIVACY_VERSION, accepted_at: input.at, ip: '-' },
      ]);
      await this.audit.record(trx, citizenActor(id, '-'), {
        action: 'citizen.register',
        targetType: 'citizen',
        targetId: id,
        detail: { channel: 'seed' },
      });
      return id;
    });
  }

  async account(citizenId: number): Promise<AccountView> {
    const citizen = await repo.findCitizen(this.db, citizenId);
    if (!citizen || citizen.status === 'deleted') throw new AppError('CITIZEN_UNAUTHENTICATED');
    return accountView(citizen, await repo.consentsOf(this.db, citizenId), await this.keys.cipher());
  }

  /** Real-name details for forms that require them (依申请公开): name and ID number, stored encrypted. */
  async updateIdentity(ctx: CitizenContext, realName: string, idNumber: string): Promise<void> {
    const id = idNumber.trim().toUpperCase();
    if (!validChineseId(id) || !realName.trim()) throw new AppError('CITIZEN_ID_INVALID');
    const cipher = await this.keys.cipher();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateCitizen(trx, ctx.citizenId, {
        real_name_enc: cipher.encrypt(realName.trim().slice(0, 50)),
        id_type: '居民身份证',
        id_number_enc: cipher.encrypt(id),
        id_number_hash: cipher.lookupHash('id', id),
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, ctx.actor, {
        action: 'citizen.identity',
        targetType: 'citizen',
        targetId: ctx.citizenId,
      });
    });
  }

  async changePassword(ctx: CitizenContext, current: string, next: string): Promise<void> {
    const citizen = await repo.findCitizen(this.db, ctx.citizenId);
    if (!citizen?.password_hash || !(await verifyPassword(citizen.password_hash, current))) {
      await this.audit.recordAlone(ctx.actor, {
        action: 'citizen.password',
        targetType: 'citizen',
        targetId: ctx.citizenId,
        outcome: 'failure',
        detail: { reason: 'wrong-current' },
      });
      throw new AppError('CITIZEN_PASSWORD_WRONG');
    }
    await this.setPassword(ctx.citizenId, next, ctx.actor, ctx.sessionId);
  }

  private async setPassword(citizenId: number, next: string, actor: Actor, keepSession?: string): Promise<void> {
    await this.checkPassword(next);
    const at = this.clock.now().toISOString();
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateCitizen(trx, citizenId, {
        password_hash: passwordHash,
        password_changed_at: at,
        updated_at: at,
      });
      // Whoever held the old password is signed out everywhere else.
      await repo.deleteCitizenSessions(trx, citizenId, keepSession);
      await this.audit.record(trx, actor, {
        action: keepSession ? 'citizen.password' : 'citizen.reset',
        targetType: 'citizen',
        targetId: citizenId,
      });
    });
  }

  /** 找回密码: the code sent to the account's contact sets a new password (and lifts a lockout). */
  async resetPassword(channel: Channel, target: string, code: string, password: string, ip: string): Promise<void> {
    const value = this.normalise(channel, target);
    await this.checkPassword(password);
    await this.codes.consume('reset', channel, value, code);
    const citizen = await this.findByContact(channel, value);
    if (!citizen || citizen.status === 'deleted') throw new AppError('CITIZEN_CODE_INVALID');
    await this.setPassword(citizen.id, password, citizenActor(citizen.id, ip));
    const { keyHash } = await this.auth.findByIdentifier(value);
    await repo.clearLoginAttempts(this.db, keyHash);
  }

  /** Sends a code to a new phone number or mailbox of a signed-in citizen. */
  async requestContactCode(ctx: CitizenContext, channel: Channel, target: string, ip: string) {
    const value = this.normalise(channel, target);
    return this.codes.issue('contact', channel, value, ip, { verified: true, citizenId: ctx.citizenId });
  }

  /** Replaces (or adds) the phone number or e-mail address once the code sent to it is confirmed. */
  async changeContact(ctx: CitizenContext, channel: Channel, target: string, code: string): Promise<void> {
    const value = this.normalise(channel, target);
    await this.codes.consume('contact', channel, value, code);
    const cipher = await this.keys.cipher();
    const hash = cipher.lookupHash(channel, value);
    await this.db.transaction().execute(async (trx) => {
      const other = channel === 'sms' ? await repo.findByPhoneHash(trx, hash) : await repo.findByEmailHash(trx, hash);
      if (other && other.id !== ctx.citizenId)
        throw new AppError('CITIZEN_CONTACT_TAKEN', { channel: CHANNEL_NAMES[channel] });
      const at = this.clock.now().toISOString();
      await repo.updateCitizen(
        trx,
        ctx.citizenId,
        channel === 'sms'
          ? { phone_enc: cipher.encrypt(value), phone_hash: hash, updated_at: at }
          : { email_enc: cipher.encrypt(value), email_hash: hash, updated_at: at },
      );
      await this.audit.record(trx, ctx.actor, {
        action: 'citizen.contact',
        targetType: 'citizen',
        targetId: ctx.citizenId,
        detail: { channel },
      });
    });
  }

  /**
   * 注销: personal data is removed (contacts, name, ID, password, identity link) and every module's eraser runs in
   * the same transaction; the account row stays as 已注销用户 so records that must be kept (published messages and
   * their replies, consents given, the audit trail) still refer to something, without identifying anyone.
   */
  async deleteAccount(ctx: CitizenContext, password: string | null): Promise<void> {
    const citizen = await repo.findCitizen(this.db, ctx.citizenId);
    if (!citizen) throw new AppError('CITIZEN_UNAUTHENTICATED');
    if (citizen.password_hash && !(password && (await verifyPassword(citizen.password_hash, password))))
      throw new AppError('CITIZEN_PASSWORD_WRONG');
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const eraser of this.erasers.values()) await eraser(trx, ctx.citizenId, at);
      await repo.updateCitizen(trx, ctx.citizenId, {
        display_name: '已注销用户',
        phone_enc: null,
        phone_hash: null,
        email_enc: null,
        email_hash: null,
        real_name_enc: null,
        id_type: null,
        id_number_enc: null,
        id_number_hash: null,
        org_name: null,
        credit_code: null,
        password_hash: null,
        oidc_issuer: null,
        oidc_subject: null,
        status: 'deleted',
        deleted_at: at,
        updated_at: at,
      });
      await repo.eraseNotices(trx, ctx.citizenId);
      await repo.deleteCitizenSessions(trx, ctx.citizenId);
      await this.audit.record(trx, ctx.actor, {
        action: 'citizen.delete',
        targetType: 'citizen',
        targetId: ctx.citizenId,
        detail: { erasers: this.eraserNames() },
      });
    });
  }

  /**
   * 统一身份认证: the account linked to the platform's subject, else the account of the phone number the platform
   * verified (then linked), else a new account with consents recorded (the login page says signing in accepts
   * them).
   */
  async signInWithIdentity(issuer: string, claims: IdentityClaims, ip: string, userAgent: string) {
    const cipher = await this.keys.cipher();
    let citizen = await repo.findByOidc(this.db, issuer, claims.sub);
    const phone = claims.phone_number && claims.phone_number_verified ? normalisePhone(claims.phone_number) : null;
    const email = claims.email && claims.email_verified ? normaliseEmail(claims.email) : null;
    const at = this.clock.now().toISOString();
    if (!citizen && phone) {
      const byPhone = await repo.findByPhoneHash(this.db, cipher.lookupHash('sms', phone));
      if (byPhone && byPhone.status !== 'deleted') {
        await this.db.transaction().execute(async (trx) => {
          await repo.updateCitizen(trx, byPhone.id, { oidc_issuer: issuer, oidc_subject: claims.sub, updated_at: at });
          await this.audit.record(trx, citizenActor(byPhone.id, ip), {
            action: 'citizen.oidc',
            targetType: 'citizen',
            targetId: byPhone.id,
            detail: { linked: 'phone' },
          });
        });
        citizen = await repo.findCitizen(this.db, byPhone.id);
      }
    }
    if (!citizen) {
      const emailTaken = email ? await repo.findByEmailHash(this.db, cipher.lookupHash('email', email)) : undefined;
      const id = await this.db.transaction().execute(async (trx) => {
        const newId = await repo.insertCitizen(trx, {
          account_type: 'person',
          display_name: (claims.name?.trim() ? `${[...claims.name.trim()][0]}**` : '统一认证用户').slice(0, 100),
          phone_enc: phone ? cipher.encrypt(phone) : null,
          phone_hash: phone ? cipher.lookupHash('sms', phone) : null,
          email_enc: email && !emailTaken ? cipher.encrypt(email) : null,
          email_hash: email && !emailTaken ? cipher.lookupHash('email', email) : null,
          real_name_enc: claims.name?.trim() ? cipher.encrypt(claims.name.trim().slice(0, 50)) : null,
          id_type: null,
          id_number_enc: null,
          id_number_hash: null,
          org_name: null,
          credit_code: null,
          password_hash: null,
          password_changed_at: null,
          oidc_issuer: issuer,
          oidc_subject: claims.sub,
          status: 'active',
          disabled_reason: null,
          created_at: at,
          updated_at: at,
          last_login_at: null,
          deleted_at: null,
        });
        await repo.insertConsents(trx, [
          { citizen_id: newId, document: 'terms', version: TERMS_VERSION, accepted_at: at, ip },
          { citizen_id: newId, document: 'privacy', version: PRIVACY_VERSION, accepted_at: at, ip },
        ]);
        await this.audit.record(trx, citizenActor(newId, ip), {
          action: 'citizen.register',
          targetType: 'citizen',
          targetId: newId,
          detail: { channel: 'oidc', issuer },
        });
        return newId;
      });
      citizen = await repo.findCitizen(this.db, id);
    }
    if (citizen?.status !== 'active') throw new AppError('CITIZEN_DISABLED');
    return this.auth.openSession(citizen, ip, userAgent, undefined, 'oidc');
  }
}
