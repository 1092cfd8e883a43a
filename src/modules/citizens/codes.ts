// One-time verification codes (6 digits, 10 minutes, 5 tries) sent to a phone or mailbox, for registration,
// password reset and a change of contact. Only a keyed hash of the code is stored; the text sent is recorded
// with the code masked. Tries are counted before the code is compared (a guess that races another is still
// counted), and a code is consumed once.
import { randomInt } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { MINUTE } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import type { RateLimiter } from '../../platform/rate-limit.ts';
import { HOUR, DAY } from '../../platform/time.ts';
import type { CitizenKeys } from './citizen-keys.ts';
import type { CitizenNotices } from './notices.service.ts';
import type { Channel } from './senders.ts';
import * as repo from './citizens.repository.ts';

export type CodePurpose = 'register' | 'reset' | 'contact';

const TTL = 10 * MINUTE;
const RESEND_AFTER_MS = 60_000;
const MAX_TRIES = 5;
const PURPOSE_TEXT: Record<CodePurpose, string> = {
  register: '注册账号',
  reset: '找回密码',
  contact: '更换联系方式',
};

/** Per contact and per IP; without the proof of work an IP gets far fewer codes. */
const LIMITS = {
  target: { bucket: 'citizen.code.target', max: 10, windowMs: DAY },
  ip: { bucket: 'citizen.code.ip', max: 20, windowMs: HOUR },
  ipNoChallenge: { bucket: 'citizen.code.nojs.ip', max: 5, windowMs: HOUR },
};

export class VerificationCodes {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: CitizenKeys,
    private readonly notices: CitizenNotices,
    private readonly limiter: RateLimiter,
    private readonly siteName: () => Promise<string>,
  ) {}

  private async hashes(channel: Channel, target: string, purpose: CodePurpose, code = '') {
    const cipher = await this.keys.cipher();
    const targetHash = cipher.lookupHash(channel, target);
    return { targetHash, codeHash: cipher.sign('code', `${targetHash}:${purpose}:${code}`) };
  }

  /**
   * Sends a new code to a normalised phone number or e-mail address. The answer is the same whether an account
   * exists or not; callers decide beforehand what a purpose requires.
   */
  async issue(
    purpose: CodePurpose,
    channel: Channel,
    target: string,
    ip: string,
    options: { verified: boolean; citizenId?: number | null },
  ): Promise<{ expiresInSeconds: number }> {
    const { targetHash } = await this.hashes(channel, target, purpose);
    const latest = await repo.latestCode(this.db, targetHash, purpose);
    const now = this.clock.now();
    if (latest && now.getTime() - new Date(latest.created_at).getTime() < RESEND_AFTER_MS) {
      const seconds = Math.ceil((RESEND_AFTER_MS - (now.getTime() - new Date(latest.created_at).getTime())) / 1000);
      throw new AppError('CITIZEN_CODE_TOO_SOON', { seconds });
    }
    await this.limiter.enforce(options.verified ? LIMITS.ip : LIMITS.ipNoChallenge, ip);
    await this.limiter.enforce(LIMITS.target, targetHash);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const { codeHash } = await this.hashes(channel, target, purpose, code);
    await repo.insertCode(this.db, {
      purpose,
      channel,
      target_hash: targetHash,
      code_hash: codeHash,
      citizen_id: options.citizenId ?? null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TTL).toISOString(),
    });
    const site = await this.siteName();
    const text = `您正在${PURPOSE_TEXT[purpose]}，验证码：${code}，10分钟内有效。如非本人操作，请忽略。【${site}】`;
    const delivery = await this.notices.sendTo(channel, target, {
      citizenId: options.citizenId ?? null,
      kind: 'citizens.code',
      subject: `${site}验证码`,
      text,
      redact: code,
    });
    if (delivery.status === 'failed') throw new AppError('SMS_NOT_SENT');
    return { expiresInSeconds: TTL / 1000 };
  }

  /** Checks and consumes the latest code for the contact and purpose; CITIZEN_CODE_INVALID otherwise. */
  async consume(purpose: CodePurpose, channel: Channel, target: string, code: string): Promise<void> {
    const { targetHash } = await this.hashes(channel, target, purpose);
    const latest = await repo.latestCode(this.db, targetHash, purpose);
    const now = this.clock.now().toISOString();
    if (!latest || latest.consumed_at || latest.expires_at < now || latest.channel !== channel)
      throw new AppError('CITIZEN_CODE_INVALID');
    if ((await repo.countCodeAttempt(this.db, latest.id)) > MAX_TRIES) throw new AppError('CITIZEN_CODE_INVALID');
    const { codeHash } = await this.hashes(channel, target, purpose, code.trim());
    if (codeHash !== latest.code_hash) throw new AppError('CITIZEN_CODE_INVALID');
    if (!(await repo.consumeCode(this.db, latest.id, now))) throw new AppError('CITIZEN_CODE_INVALID');
  }
}
