// Frozen once shipped. Visitor statistics, counted by the platform itself, no third party:
// - stats_page_days: page views per (site, Asia/Shanghai day, path inside the site), with the page's column and,
//   once the day is closed, its unique visitors. Kept (backed up): the figures of the annual website report.
// - stats_site_days: per (site, day) the views and, once closed, the unique visitors of the whole site.
// - stats_visitors: transient. Per (site, day, path) the keyed hashes of the day's visitors, only until the day is
//   closed (counted into the two tables above, then deleted). Never backed up.
// - stats_salts: transient. The random key of the current day's visitor hashes, shared by the app nodes and
//   deleted when the day is closed. Never backed up.
// No column holds an IP address or a user agent. See src/modules/stats/README.md.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stats_page_days')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('path', 'varchar(500)', (c) => c.notNull())
    // No foreign key: a column may be deleted while its past figures stay.
    .addColumn('column_id', 'integer')
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visitors', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('stats_page_days_pk', ['site_id', 'day', 'path'])
    .execute();
  await db.schema
    .createIndex('stats_page_days_column')
    .on('stats_page_days')
    .columns(['site_id', 'column_id', 'day'])
    .execute();

  await db.schema
    .createTable('stats_site_days')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visitors', 'integer', (c) => c.notNull().defaultTo(0))
    // 1 once the day's visitors are counted and their hashes deleted.
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('stats_site_days_pk', ['site_id', 'day'])
    .execute();
  await db.schema.createIndex('stats_site_days_open').on('stats_site_days').columns(['closed', 'day']).execute();

  await db.schema
    .createTable('stats_visitors')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('path', 'varchar(500)', (c) => c.notNull())
    .addColumn('visitor_hash', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_visitors_pk', ['site_id', 'day', 'path', 'visitor_hash'])
    .execute();

  await db.schema
    .createTable('stats_salts')
    .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('salt', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The statistics migration cannot be reverted');
}
