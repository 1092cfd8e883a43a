// Frozen once shipped. The foundations of every citizen-facing feature:
// - calendar_years: the statutory working-day calendar of years the site administrator entered (holidays and
//   调休 make-up working days, from the State Council's annual notice). Shipped years live in the code
//   (src/platform/calendar/holidays.json); an entered year overrides a shipped one.
// - citizens: one public account (统一注册登录) for every citizen-facing feature, separate from staff accounts.
//   Phone, e-mail, real name and ID number are stored SM4-encrypted (*_enc) with a keyed hash (*_hash, HMAC-SM3) for
//   look-ups; the key lives in a key file outside the data directory, never in the database.
// - citizen_consents: 用户协议 / 隐私政策 accepted (document, version, time).
// - citizen_sessions: the public sessions (cookie gp_citizen), apart from the staff sessions.
// - citizen_codes: one-time verification codes (hashed), per purpose and contact.
// - citizen_login_attempts: failed-login counters keyed by the identifier's keyed hash, whether an account exists
//   or not, incremented atomically before any password is checked.
// - rate_limits: fixed-window counters per bucket and key (IP, account), shared by every app node.
// - challenge_uses: spent proof-of-work challenges (no replay) until they expire.
// - idempotency_keys: a form's key and the record it created (a double click creates one record).
// - citizen_notices: notices sent to citizens by SMS or e-mail, with their delivery (sent / failed, time).
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    // JSON: [{date: 'yyyy-MM-dd', off: true (放假) | false (调休上班), name: '春节'}]
    .addColumn('days', 'text', (c) => c.notNull())
    // Where the arrangement comes from: the notice's title or number.
    .addColumn('source', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addId(db.schema.createTable('citizens'), db)
    // person (自然人) or organization (法人或其他组织)
    .addColumn('account_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('email_enc', 'text')
    .addColumn('email_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('real_name_enc', 'text')
    .addColumn('id_type', 'varchar(30)')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'varchar(64)')
    .addColumn('org_name', 'varchar(200)')
    .addColumn('credit_code', 'varchar(18)')
    .addColumn('password_hash', 'varchar(200)')
    .addColumn('password_changed_at', 'varchar(32)')
    .addColumn('oidc_issuer', 'varchar(300)')
    .addColumn('oidc_subject', 'varchar(300)')
    // active | disabled | deleted
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('disabled_reason', 'varchar(500)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_login_at', 'varchar(32)')
    .addColumn('deleted_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('citizens_oidc')
    .on('citizens')
    .columns(['oidc_issuer', 'oidc_subject'])
    .unique()
    .execute();
  await db.schema.createIndex('citizens_id_number').on('citizens').column('id_number_hash').execute();

  await addId(db.schema.createTable('citizen_consents'), db)
    .addColumn('citizen_id', 'integer', (c) => c.notNull().references('citizens.id'))
    // terms (用户协议) | privacy (隐私政策)
    .addColumn('document', 'varchar(20)', (c) => c.notNull())
    .addColumn('version', 'varchar(20)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citizen_consents_citizen').on('citizen_consents').column('citizen_id').execute();

  await db.schema
    .createTable('citizen_sessions')
    // SHA-256 of the cookie's token
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'integer', (c) => c.notNull().references('citizens.id'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citizen_sessions_citizen').on('citizen_sessions').column('citizen_id').execute();
  await db.schema.createIndex('citizen_sessions_expires').on('citizen_sessions').column('expires_at').execute();

  await addId(db.schema.createTable('citizen_codes'), db)
    // register | reset | contact | login
    .addColumn('purpose', 'varchar(20)', (c) => c.notNull())
    // sms | email
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('target_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('citizen_id', 'integer', (c) => c.references('citizens.id'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('consumed_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('citizen_codes_target')
    .on('citizen_codes')
    .columns(['target_hash', 'purpose', 'created_at'])
    .execute();

  await db.schema
    .createTable('citizen_login_attempts')
    .addColumn('key_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'varchar(40)', (c) => c.notNull())
    .addColumn('key', 'varchar(128)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(32)', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'key', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limits_expires').on('rate_limits').column('expires_at').execute();

  await db.schema
    .createTable('challenge_uses')
    .addColumn('signature', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'varchar(60)', (c) => c.notNull())
    // who submitted: citizen:<id>, or anon:<hash of the form cookie>
    .addColumn('owner', 'varchar(80)', (c) => c.notNull())
    .addColumn('key', 'varchar(80)', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'owner', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();

  await addId(db.schema.createTable('citizen_notices'), db)
    .addColumn('citizen_id', 'integer', (c) => c.references('citizens.id'))
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    // what it is about, named by the sending module: citizens.code, disclosure.correction …
    .addColumn('kind', 'varchar(60)', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)', (c) => c.notNull())
    // The text as sent; one-time codes are replaced by ****** before it is stored.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('target_masked', 'varchar(100)', (c) => c.notNull())
    .addColumn('related_type', 'varchar(40)')
    .addColumn('related_id', 'varchar(40)')
    // pending | sent | failed
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('error', 'varchar(500)')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('citizen_notices_citizen').on('citizen_notices').columns(['citizen_id', 'id']).execute();
  await db.schema
    .createIndex('citizen_notices_related')
    .on('citizen_notices')
    .columns(['related_type', 'related_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The citizens migration cannot be reverted');
}
