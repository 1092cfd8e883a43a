// All SQL of the citizens module: accounts, consents, sessions, one-time codes, login-failure counters, notices.
import { sql, type Kysely, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { CitizensTable } from './citizens.tables.ts';

type Q = Db | Kysely<Database>;

// ───── accounts ─────

export const findCitizen = (db: Q, id: number) =>
  db.selectFrom('citizens').selectAll().where('id', '=', id).executeTakeFirst();

export const findByPhoneHash = (db: Q, hash: string) =>
  db.selectFrom('citizens').selectAll().where('phone_hash', '=', hash).executeTakeFirst();

export const findByEmailHash = (db: Q, hash: string) =>
  db.selectFrom('citizens').selectAll().where('email_hash', '=', hash).executeTakeFirst();

export const findByOidc = (db: Q, issuer: string, subject: string) =>
  db
    .selectFrom('citizens')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();

export async function insertCitizen(db: Q, values: Omit<CitizensTable, 'id'>): Promise<number> {
  const row = await db.insertInto('citizens').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateCitizen = (db: Q, id: number, values: Updateable<CitizensTable>) =>
  db.updateTable('citizens').set(values).where('id', '=', id).execute();

export interface CitizenSearch {
  phoneHash?: string;
  emailHash?: string;
  idNumberHash?: string;
  name?: string;
  status?: string;
  offset: number;
  limit: number;
}

export async function searchCitizens(db: Q, s: CitizenSearch) {
  let q = db.selectFrom('citizens');
  if (s.phoneHash) q = q.where('phone_hash', '=', s.phoneHash);
  if (s.emailHash) q = q.where('email_hash', '=', s.emailHash);
  if (s.idNumberHash) q = q.where('id_number_hash', '=', s.idNumberHash);
  if (s.name) q = q.where('display_name', 'like', `%${s.name.replace(/[%_\\]/g, '')}%`);
  if (s.status) q = q.where('status', '=', s.status);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').offset(s.offset).limit(s.limit).execute();
  return { total: Number(total.n), rows };
}

export const countCitizens = async (db: Q, status = 'active') =>
  Number(
    (
      await db
        .selectFrom('citizens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', status)
        .executeTakeFirstOrThrow()
    ).n,
  );

// ───── consents ─────

export const insertConsents = (
  db: Q,
  rows: { citizen_id: number; document: string; version: string; accepted_at: string; ip: string }[],
) => db.insertInto('citizen_consents').values(rows).execute();

export const consentsOf = (db: Q, citizenId: number) =>
  db.selectFrom('citizen_consents').selectAll().where('citizen_id', '=', citizenId).orderBy('id').execute();

// ───── sessions ─────

export const insertSession = (
  db: Q,
  s: {
    id: string;
    citizen_id: number;
    csrf_token: string;
    ip: string;
    user_agent: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  },
) => db.insertInto('citizen_sessions').values(s).execute();

export const findSession = (db: Q, id: string) =>
  db.selectFrom('citizen_sessions').selectAll().where('id', '=', id).executeTakeFirst();

export const touchSession = (db: Q, id: string, at: string) =>
  db.updateTable('citizen_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();

export const deleteSession = (db: Q, id: string) => db.deleteFrom('citizen_sessions').where('id', '=', id).execute();

export const deleteCitizenSessions = (db: Q, citizenId: number, exceptId?: string) => {
  let q = db.deleteFrom('citizen_sessions').where('citizen_id', '=', citizenId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
};

export const deleteExpiredSessions = (db: Q, now: string) =>
  db.deleteFrom('citizen_sessions').where('expires_at', '<', now).execute();

// ───── one-time codes ─────

export const insertCode = (
  db: Q,
  c: {
    purpose: string;
    channel: string;
    target_hash: string;
    code_hash: string;
    citizen_id: number | null;
    created_at: string;
    expires_at: string;
  },
) => db.insertInto('citizen_codes').values(c).execute();

export const latestCode = (db: Q, targetHash: string, purpose: string) =>
  db
    .selectFrom('citizen_codes')
    .selectAll()
    .where('target_hash', '=', targetHash)
    .where('purpose', '=', purpose)
    .orderBy('id', 'desc')
    .executeTakeFirst();

/** Counts an attempt on the code first and returns the new count (checked after counting). */
export async function countCodeAttempt(db: Q, id: number): Promise<number> {
  const row = await db
    .updateTable('citizen_codes')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return Number(row.attempts);
}

/** Consumes the code once: false when another request consumed it first. */
export async function consumeCode(db: Q, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('citizen_codes')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const pruneCodes = (db: Q, before: string) =>
  db.deleteFrom('citizen_codes').where('expires_at', '<', before).execute();

// ───── failed logins (lockout) ─────

/**
 * Counts one login attempt against an identifier, atomically, before any password is checked: a new window after
 * `windowStart` or after an expired lock starts again at 1; during a lock the count stands still. Returns the
 * count this attempt got and the lock in force.
 */
export async function countLoginAttempt(
  db: Q,
  keyHash: string,
  now: string,
  windowStart: string,
): Promise<{ failures: number; lockedUntil: string | null }> {
  const row = await db
    .insertInto('citizen_login_attempts')
    .values({ key_hash: keyHash, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('key_hash').doUpdateSet({
        failures: sql<number>`case
          when citizen_login_attempts.locked_until is not null and citizen_login_attempts.locked_until > ${now}
            then citizen_login_attempts.failures
          when citizen_login_attempts.locked_until is not null or citizen_login_attempts.updated_at < ${windowStart}
            then 1
          else citizen_login_attempts.failures + 1 end`,
        locked_until: sql<string | null>`case
          when citizen_login_attempts.locked_until is not null and citizen_login_attempts.locked_until > ${now}
            then citizen_login_attempts.locked_until
          else null end`,
        updated_at: now,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), lockedUntil: row.locked_until };
}

/** Locks the identifier; true for the one request that set the lock (it alone is audited). */
export async function lockLogin(db: Q, keyHash: string, until: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('citizen_login_attempts')
    .set({ locked_until: until, updated_at: now })
    .where('key_hash', '=', keyHash)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const clearLoginAttempts = (db: Q, keyHash: string) =>
  db.deleteFrom('citizen_login_attempts').where('key_hash', '=', keyHash).execute();

export const pruneLoginAttempts = (db: Q, before: string) =>
  db
    .deleteFrom('citizen_login_attempts')
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .execute();

// ───── notices ─────

export async function insertNotice(
  db: Q,
  n: {
    citizen_id: number | null;
    channel: string;
    kind: string;
    subject: string;
    body: string;
    target_masked: string;
    related_type: string | null;
    related_id: string | null;
    created_at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('citizen_notices')
    .values({ ...n, status: 'pending', error: null, sent_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const markNotice = (
  db: Q,
  id: number,
  values: { status: 'sent' | 'failed'; error: string | null; sent_at: string | null },
) =>
  db
    .updateTable('citizen_notices')
    .set({ ...values, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .execute();

export const noticesOf = (db: Q, citizenId: number, limit = 50) =>
  db
    .selectFrom('citizen_notices')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const noticesFor = (db: Q, relatedType: string, relatedId: string) =>
  db
    .selectFrom('citizen_notices')
    .selectAll()
    .where('related_type', '=', relatedType)
    .where('related_id', '=', relatedId)
    .orderBy('id')
    .execute();

export const findNotice = (db: Q, id: number) =>
  db.selectFrom('citizen_notices').selectAll().where('id', '=', id).executeTakeFirst();

/** Personal data in notices of an erased account: the text and the masked address go, the delivery record stays. */
export const eraseNotices = (db: Q, citizenId: number) =>
  db
    .updateTable('citizen_notices')
    .set({ body: '（账号已注销，内容已删除）', target_masked: '—' })
    .where('citizen_id', '=', citizenId)
    .execute();
