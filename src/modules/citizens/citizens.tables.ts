// The public accounts' tables: citizens and companies, their consents, sessions, one-time codes, login attempts, used proof-of-work challenges and notices.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

export interface CitizensTable {
  id: Generated<number>;
  account_type: string;
  display_name: string;
  /** SM4-CBC + HMAC-SM3 ciphertext (platform/crypto/personal-data.ts). */
  phone_enc: string | null;
  /** HMAC-SM3 of the normalised number: look-ups without decryption. */
  phone_hash: string | null;
  email_enc: string | null;
  email_hash: string | null;
  real_name_enc: string | null;
  id_type: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  org_name: string | null;
  credit_code: string | null;
  password_hash: string | null;
  password_changed_at: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  status: string;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  deleted_at: string | null;
}

export interface CitizenConsentsTable {
  id: Generated<number>;
  citizen_id: number;
  document: string;
  version: string;
  accepted_at: string;
  ip: string;
}

export interface CitizenSessionsTable {
  id: string;
  citizen_id: number;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface CitizenCodesTable {
  id: Generated<number>;
  purpose: string;
  channel: string;
  target_hash: string;
  code_hash: string;
  citizen_id: number | null;
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface CitizenLoginAttemptsTable {
  key_hash: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface ChallengeUsesTable {
  signature: string;
  expires_at: string;
}

export interface CitizenNoticesTable {
  id: Generated<number>;
  citizen_id: number | null;
  channel: string;
  kind: string;
  subject: string;
  body: string;
  target_masked: string;
  related_type: string | null;
  related_id: string | null;
  status: string;
  error: string | null;
  attempts: Generated<number>;
  created_at: string;
  sent_at: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    citizens: CitizensTable;
    citizen_consents: CitizenConsentsTable;
    citizen_sessions: CitizenSessionsTable;
    citizen_codes: CitizenCodesTable;
    citizen_login_attempts: CitizenLoginAttemptsTable;
    challenge_uses: ChallengeUsesTable;
    citizen_notices: CitizenNoticesTable;
  }
}

export type Citizen = Selectable<CitizensTable>;
export type CitizenSession = Selectable<CitizenSessionsTable>;
export type CitizenNotice = Selectable<CitizenNoticesTable>;
