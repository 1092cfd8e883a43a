// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from 'kysely';
import { addId, isPostgres } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await addId(db.schema.createTable('sites'), db)
    .addColumn('code', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer', (c) => c.references('sites.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('domains', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('site_id_code', 'varchar(16)', (c) => c.notNull())
    .addColumn('icp_number', 'varchar(64)', (c) => c.notNull())
    .addColumn('police_number', 'varchar(64)', (c) => c.notNull())
    .addColumn('sponsor', 'varchar(200)', (c) => c.notNull())
    .addColumn('organizer', 'varchar(200)')
    .addColumn('phone', 'varchar(64)', (c) => c.notNull())
    .addColumn('email', 'varchar(200)', (c) => c.notNull())
    .addColumn('address', 'varchar(300)', (c) => c.notNull())
    .addColumn('conac_url', 'varchar(500)')
    .addColumn('jiucuo_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('jiucuo_script_url', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addId(db.schema.createTable('departments'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('merged_into_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('departments_site_name', ['site_id', 'name'])
    .execute();

  await addId(db.schema.createTable('columns'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('full_name', 'varchar(200)')
    .addColumn('slug', 'varchar(64)', (c) => c.notNull())
    .addColumn('column_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().defaultTo('list'))
    .addColumn('link_url', 'varchar(500)')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visible', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lead_department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('open_cooperation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_update_days', 'integer')
    .addColumn('marker', 'varchar(4)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('columns_site_parent').on('columns').columns(['site_id', 'parent_id']).execute();

  await db.schema
    .createTable('column_departments')
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addPrimaryKeyConstraint('column_departments_pk', ['column_id', 'department_id'])
    .execute();

  await addId(db.schema.createTable('users'), db)
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('email', 'varchar(200)')
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('password_changed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addId(db.schema.createTable('user_roles'), db)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
    .execute();
  await db.schema.createIndex('user_roles_user').on('user_roles').column('user_id').execute();

  await db.schema
    .createTable('column_grants')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id').onDelete('cascade'))
    .addColumn('granted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('column_grants_pk', ['user_id', 'column_id'])
    .execute();

  await addId(db.schema.createTable('password_history'), db)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addId(db.schema.createTable('login_failures'), db)
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('username', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_ip_at').on('login_failures').columns(['ip', 'at']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addId(db.schema.createTable('audit_log'), db)
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(64)')
    .addColumn('site_id', 'integer')
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await db.schema
    .createTable('audit_anchor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('purged_through_id', 'integer', (c) => c.notNull())
    .addColumn('purged_through_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  const genesis = '0'.repeat(64);
  await db
    .insertInto('audit_anchor')
    .values({
      id: 1,
      last_id: 0,
      last_hash: genesis,
      record_count: 0,
      purged_through_id: 0,
      purged_through_hash: genesis,
    })
    .execute();

  await addId(db.schema.createTable('files'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('original_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await protectAuditLog(db);
}

// The audit log is append-only at the database level too: updates are refused, and deletes are refused for
// records younger than 180 days (the 网络安全法 minimum), whatever the application does.
async function protectAuditLog(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create function audit_log_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then
          raise exception 'audit_log is append-only';
        end if;
        if old.at > to_char((now() at time zone 'utc') - interval '180 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') then
          raise exception 'audit_log records younger than 180 days cannot be deleted';
        end if;
        return old;
      end $$`.execute(db);
    await sql`create trigger audit_log_guard before update or delete on audit_log
      for each row execute function audit_log_guard()`.execute(db);
    return;
  }
  await sql`create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  await sql`create trigger audit_log_retention before delete on audit_log
    when old.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days')
    begin select raise(abort, 'audit_log records younger than 180 days cannot be deleted'); end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted');
}
