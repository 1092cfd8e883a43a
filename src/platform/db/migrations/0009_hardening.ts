// Frozen once shipped. Hardening:
//   - the audit chain is keyed (HMAC with a key kept outside the database): the anchor records from which record
//     on, and the key's fingerprint; signed checkpoints of the chain head are kept in audit_checkpoints (and in an
//     append-only file beside the key), so removing the newest records is detected too;
//   - uploaded files can live in the database (file_blobs + file_chunks), so every node of a PostgreSQL
//     installation serves every file. SQLite installations keep files on disk and leave these tables empty.
import { sql, type Kysely } from 'kysely';
import { addId, isPostgres } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_anchor').addColumn('keyed_from_id', 'integer').execute();
  await db.schema.alterTable('audit_anchor').addColumn('key_fingerprint', 'varchar(64)').execute();

  await addId(db.schema.createTable('audit_checkpoints'), db)
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('purged_through_id', 'integer', (c) => c.notNull())
    .addColumn('signature', 'varchar(64)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('file_blobs')
    .addColumn('sha256', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('chunk_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('file_chunks')
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', isPostgres(db) ? sql`bytea` : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunks_pk', ['sha256', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The hardening migration cannot be reverted');
}
