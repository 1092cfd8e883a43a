// The self-hosted proof-of-work challenge (ALTCHA, altcha-lib) on registration and anonymous forms: the browser
// spends a second of computation instead of a person solving a puzzle, so nothing is asked of screen-reader users
// and no third party sees the visitor. Without JavaScript (or when the browser cannot compute it) a form still
// submits: it gets stricter rate limits and, where it is an anonymous entry, is held for moderation.
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Limit, RateLimiter } from '../../platform/rate-limit.ts';
import { HOUR, MINUTE } from '../../platform/time.ts';
import type { CitizenKeys } from './citizen-keys.ts';

export const CHALLENGE_FIELD = 'altcha';
/** Solving takes about half a second on a phone at this size (SHA-256 over at most this many numbers). */
const MAX_NUMBER = 50_000;
const TTL_MS = 20 * MINUTE;

export interface ChallengeView {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export interface FormCheck {
  /** The proof of work was present and valid. */
  verified: boolean;
  /** An anonymous entry submitted without the proof (no JavaScript) must wait for a moderator. */
  holdForModeration: boolean;
}

/** Per IP and form: generous with the proof of work, strict without it. */
export const FORM_LIMITS = {
  verified: { max: 30, windowMs: HOUR },
  unverified: { max: 5, windowMs: HOUR },
};

export class ChallengeService {
  constructor(
    private readonly db: Db,
    private readonly keys: CitizenKeys,
    private readonly limiter: RateLimiter,
  ) {}

  private async hmacKey(): Promise<string> {
    return (await this.keys.cipher()).derivedSecret('altcha');
  }

  // Challenge expiry is checked by altcha-lib against the real clock, so it is set from it too.
  async create(): Promise<ChallengeView> {
    const c = await createChallenge({
      hmacKey: await this.hmacKey(),
      maxnumber: MAX_NUMBER,
      expires: new Date(Date.now() + TTL_MS),
    });
    return {
      algorithm: c.algorithm,
      challenge: c.challenge,
      maxnumber: c.maxnumber ?? MAX_NUMBER,
      salt: c.salt,
      signature: c.signature,
    };
  }

  /** True for a valid solution seen for the first time; a replayed solution is refused. */
  async verify(payload: string | undefined | null): Promise<boolean> {
    if (!payload || payload.length > 2000) return false;
    let ok = false;
    try {
      ok = await verifySolution(payload, await this.hmacKey(), true);
    } catch {
      return false;
    }
    if (!ok) return false;
    const { signature } = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { signature: string };
    const now = new Date().toISOString();
    await this.db.deleteFrom('challenge_uses').where('expires_at', '<', now).execute();
    const inserted = await this.db
      .insertInto('challenge_uses')
      .values({ signature: String(signature).slice(0, 128), expires_at: new Date(Date.now() + TTL_MS).toISOString() })
      .onConflict((oc) => oc.column('signature').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /**
   * The check every anonymous form runs: a present proof must be valid (else CITIZEN_CHALLENGE_FAILED); a missing
   * one means no JavaScript: the stricter limit applies and the entry is to be held for moderation. Either way the
   * submission counts against the form's per-IP limit (RATE_LIMITED beyond it).
   */
  async checkForm(form: string, ip: string, payload: string | undefined | null): Promise<FormCheck> {
    const present = Boolean(payload?.trim());
    if (present && !(await this.verify(payload))) throw new AppError('CITIZEN_CHALLENGE_FAILED');
    const limit: Limit = present
      ? { bucket: `form.${form}.ip`, ...FORM_LIMITS.verified }
      : { bucket: `form.${form}.nojs.ip`, ...FORM_LIMITS.unverified };
    await this.limiter.enforce(limit, ip);
    return { verified: present, holdForModeration: !present };
  }
}
