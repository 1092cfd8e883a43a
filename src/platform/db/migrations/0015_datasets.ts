// Frozen once shipped. Data release (数据发布): data sets with the national catalogue's fields, their versions
// (each upload, or each month of the site's own figures), the parsed rows in chunks, the charts an editor
// defines on their columns, the releases sent through the 附件3 review, and the open API's request counters.
// - datasets: the working copy of a data set's metadata; content_id is the content item (type 'dataset') that
//   carries each release through review and publication, so the public sees only what was approved.
// - dataset_versions: immutable once confirmed; columns (names, types confirmed by the editor) as JSON text.
// - dataset_chunks: the cells of a version as they were read (strings), CHUNK_ROWS rows per row of the table.
// - dataset_releases: what one submission for review froze (metadata, versions, charts), referenced by the
//   content version under review; the published content version's release is what the public sees.
// - open_api_counters: transient per-IP request counts of the open data API, shared by every app node.
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await addId(db.schema.createTable('datasets'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('content_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addColumn('identifier', 'varchar(64)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('theme', 'varchar(32)', (c) => c.notNull())
    .addColumn('keywords', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('update_frequency', 'varchar(16)', (c) => c.notNull())
    .addColumn('coverage_from', 'varchar(10)')
    .addColumn('coverage_to', 'varchar(10)')
    .addColumn('licence', 'varchar(100)', (c) => c.notNull())
    .addColumn('contact', 'varchar(200)', (c) => c.notNull())
    .addColumn('share_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('share_condition', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('open_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('open_condition', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('auto_provider', 'varchar(64)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('datasets_identifier')
    .on('datasets')
    .columns(['site_id', 'identifier'])
    .unique()
    .execute();
  await db.schema.createIndex('datasets_content').on('datasets').column('content_id').unique().execute();
  await db.schema.createIndex('datasets_auto').on('datasets').columns(['site_id', 'auto_provider']).execute();

  await addId(db.schema.createTable('dataset_versions'), db)
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('datasets.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('label', 'varchar(100)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('source_kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('source_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('source_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('source_storage_key', 'varchar(80)')
    .addColumn('encoding', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('released_at', 'varchar(32)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('confirmed_at', 'varchar(32)')
    .addUniqueConstraint('dataset_versions_seq', ['dataset_id', 'seq'])
    .execute();

  await db.schema
    .createTable('dataset_chunks')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('dataset_versions.id'))
    .addColumn('chunk_no', 'integer', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dataset_chunks_pk', ['version_id', 'chunk_no'])
    .execute();

  await addId(db.schema.createTable('dataset_charts'), db)
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('datasets.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dataset_charts_dataset').on('dataset_charts').column('dataset_id').execute();

  await addId(db.schema.createTable('dataset_releases'), db)
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('datasets.id'))
    .addColumn('content_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dataset_releases_dataset').on('dataset_releases').column('dataset_id').execute();

  await db.schema
    .createTable('open_api_counters')
    .addColumn('bucket', 'varchar(100)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(32)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('open_api_counters_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema.createIndex('open_api_counters_window').on('open_api_counters').column('window_start').execute();
}

export async function down(): Promise<void> {
  throw new Error('The data release migration cannot be reverted');
}
