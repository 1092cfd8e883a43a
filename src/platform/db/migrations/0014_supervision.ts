// Frozen once shipped. Supervision of many sites and 政务新媒体 (监管工作年度考核指标): the offices that supervise,
// their registry of websites and accounts, quarterly spot-check plans and their items, published results and
// rectification tasks, the checks of closures, annual reports and discoveries, manual findings, the supervisor's
// annual report, and site imports by crawl. Every row belongs to the supervising office's platform site
// (owner_site_id), the unit a 监管人员 is scoped to.
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await addId(db.schema.createTable('supervision_offices'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().unique().references('sites.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('level', 'varchar(16)', (c) => c.notNull())
    .addColumn('state_council', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('results_column_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('reports_column_id', 'integer', (c) => c.references('columns.id'))
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addId(db.schema.createTable('supervision_registry'), db)
    .addColumn('owner_site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('site_code', 'varchar(16)')
    .addColumn('domains', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('url', 'varchar(500)', (c) => c.notNull())
    .addColumn('department', 'varchar(200)', (c) => c.notNull())
    .addColumn('contact_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('hosting', 'varchar(16)', (c) => c.notNull())
    .addColumn('hosted_site_id', 'integer', (c) => c.references('sites.id'))
    .addColumn('site_type', 'varchar(16)')
    .addColumn('platform', 'varchar(32)')
    .addColumn('account_id', 'varchar(200)')
    .addColumn('feed_url', 'varchar(500)')
    .addColumn('app_url', 'varchar(500)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('opened_on', 'varchar(10)')
    .addColumn('status_since', 'varchar(10)')
    .addColumn('parent_id', 'integer', (c) => c.references('supervision_registry.id'))
    .addColumn('inventory', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_registry_owner')
    .on('supervision_registry')
    .columns(['owner_site_id', 'kind', 'status'])
    .execute();
  // a site of this installation is registered once per office, however many nodes register it at once
  await db.schema
    .createIndex('supervision_registry_hosted')
    .on('supervision_registry')
    .columns(['owner_site_id', 'hosted_site_id'])
    .unique()
    .execute();

  await addId(db.schema.createTable('supervision_plans'), db)
    .addColumn('owner_site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('full_coverage', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ratio', 'real', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('websites_total', 'integer', (c) => c.notNull())
    .addColumn('accounts_total', 'integer', (c) => c.notNull())
    .addColumn('max_pages', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('scheduled_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)')
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('results_content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('results_published_at', 'varchar(32)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_plans_quarter')
    .on('supervision_plans')
    .columns(['owner_site_id', 'year', 'quarter'])
    .execute();

  await addId(db.schema.createTable('supervision_plan_items'), db)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('supervision_plans.id'))
    .addColumn('registry_id', 'integer', (c) => c.notNull().references('supervision_registry.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)')
    .addColumn('run_id', 'integer', (c) => c.references('inspection_runs.id'))
    .addColumn('verdict', 'varchar(8)')
    .addColumn('total_score', 'real')
    .addColumn('findings_count', 'integer')
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'varchar(32)')
    .addColumn('finished_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('supervision_plan_items_plan')
    .on('supervision_plan_items')
    .columns(['plan_id', 'status'])
    .execute();

  await addId(db.schema.createTable('supervision_rectifications'), db)
    .addColumn('owner_site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('supervision_plans.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('supervision_plan_items.id'))
    .addColumn('registry_id', 'integer', (c) => c.notNull().references('supervision_registry.id'))
    .addColumn('indicator_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('indicator_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('finding_keys', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('department', 'varchar(200)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('response_evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('responded_at', 'varchar(32)')
    .addColumn('responded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recheck_run_id', 'integer', (c) => c.references('inspection_runs.id'))
    .addColumn('rechecked_at', 'varchar(32)')
    .addColumn('recheck_note', 'text')
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('reminded_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_rectifications_owner')
    .on('supervision_rectifications')
    .columns(['owner_site_id', 'status', 'due_at'])
    .execute();

  await addId(db.schema.createTable('supervision_checks'), db)
    .addColumn('owner_site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('registry_id', 'integer', (c) => c.references('supervision_registry.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('resolution', 'varchar(200)')
    .addColumn('resolved_at', 'varchar(32)')
    .addColumn('checked_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('supervision_checks_owner')
    .on('supervision_checks')
    .columns(['owner_site_id', 'kind', 'year'])
    .execute();

  await addId(db.schema.createTable('supervision_findings'), db)
    .addColumn('owner_site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('registry_id', 'integer', (c) => c.references('supervision_registry.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('indicator_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('sub_rule', 'integer')
    .addColumn('part', 'varchar(32)')
    .addColumn('points', 'real')
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .execute();

  await addId(db.schema.createTable('supervision_annual_reports'), db)
    .addColumn('owner_site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('published_at', 'varchar(32)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('supervision_annual_reports_year', ['owner_site_id', 'year'])
    .execute();

  await addId(db.schema.createTable('supervision_imports'), db)
    .addColumn('target_site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('source_url', 'varchar(500)', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The supervision migration cannot be reverted');
}
