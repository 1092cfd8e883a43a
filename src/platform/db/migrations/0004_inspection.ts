// Frozen. Inspection runs with their reports and evidence, inspectors' manual findings, availability probes
// and scheduled runs.
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await addId(db.schema.createTable('inspection_runs'), db)
    .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
    .addColumn('target_url', 'varchar(500)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('verdict', 'varchar(8)')
    .addColumn('deduction_score', 'real')
    .addColumn('bonus_score', 'real')
    .addColumn('total_score', 'real')
    .addColumn('untested_points', 'real')
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)')
    .addColumn('finished_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('inspection_runs_target').on('inspection_runs').columns(['target_url', 'id']).execute();

  await addId(db.schema.createTable('inspection_evidence'), db)
    .addColumn('run_id', 'integer', (c) => c.notNull().references('inspection_runs.id'))
    .addColumn('url', 'varchar(1000)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_evidence_run').on('inspection_evidence').column('run_id').execute();

  await addId(db.schema.createTable('inspection_manual_findings'), db)
    .addColumn('target_url', 'varchar(500)', (c) => c.notNull())
    .addColumn('indicator_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('sub_rule', 'integer')
    .addColumn('part', 'varchar(32)')
    .addColumn('points', 'real')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .execute();

  await addId(db.schema.createTable('availability_probes'), db)
    .addColumn('target_url', 'varchar(500)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('ms', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('error', 'varchar(300)')
    .execute();
  await db.schema
    .createIndex('availability_probes_target_at')
    .on('availability_probes')
    .columns(['target_url', 'at'])
    .execute();

  await addId(db.schema.createTable('inspection_schedules'), db)
    .addColumn('target_url', 'varchar(500)', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
    .addColumn('every_hours', 'integer', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('next_run_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The inspection migration cannot be reverted');
}
