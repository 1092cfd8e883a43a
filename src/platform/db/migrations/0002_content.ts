// Frozen. Content, its versions and attachments, the release review of 附件3 (register + steps), the public
// projection of published items, and staff notifications.
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // The working copy an editor changes; the public site never reads it.
  await addId(db.schema.createTable('content_items'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id'))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('subtitle', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('author', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('cover_file_id', 'integer', (c) => c.references('files.id'))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('index_no', 'varchar(64)')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_version', 'integer')
    .addColumn('first_published_at', 'varchar(32)')
    .addColumn('last_published_at', 'varchar(32)')
    .addColumn('publish_at', 'varchar(32)')
    .addColumn('withdraw_at', 'varchar(32)')
    .addColumn('withdrawn_at', 'varchar(32)')
    .addColumn('withdraw_reason', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('content_items_site_status').on('content_items').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('content_items_column').on('content_items').column('column_id').execute();
  await db.schema
    .createIndex('content_items_index_no')
    .on('content_items')
    .columns(['site_id', 'index_no'])
    .unique()
    .execute();

  await db.schema
    .createTable('content_columns')
    .addColumn('content_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id'))
    .addPrimaryKeyConstraint('content_columns_pk', ['content_id', 'column_id'])
    .execute();

  await addId(db.schema.createTable('content_versions'), db)
    .addColumn('content_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('note', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('content_versions_unique', ['content_id', 'version'])
    .execute();

  await db.schema
    .createTable('content_attachments')
    .addColumn('content_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('content_attachments_pk', ['content_id', 'file_id'])
    .execute();

  // 政策解读 ↔ 政策文件 (解读关联, visible from both sides).
  await db.schema
    .createTable('content_links')
    .addColumn('interpretation_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addPrimaryKeyConstraint('content_links_pk', ['interpretation_id', 'policy_id'])
    .execute();

  // One row per submission: the 信息发布审查登记 register of 附件3.
  await addId(db.schema.createTable('review_requests'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('content_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addColumn('content_version', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('secret', 'varchar(8)', (c) => c.notNull())
    .addColumn('release_form', 'varchar(16)', (c) => c.notNull())
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id'))
    .addColumn('state', 'varchar(24)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('check_report', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('confirmed_findings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('submitted_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(32)')
    .addUniqueConstraint('review_requests_serial', ['site_id', 'year', 'serial'])
    .execute();
  await db.schema.createIndex('review_requests_state').on('review_requests').columns(['site_id', 'state']).execute();
  await db.schema.createIndex('review_requests_content').on('review_requests').column('content_id').execute();

  await addId(db.schema.createTable('review_steps'), db)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('review_requests.id'))
    .addColumn('step', 'varchar(16)', (c) => c.notNull())
    .addColumn('decision', 'varchar(16)', (c) => c.notNull())
    .addColumn('opinion', 'text', (c) => c.notNull())
    .addColumn('secret', 'varchar(8)')
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('decided_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_steps_request').on('review_steps').column('request_id').execute();

  // The public projection: what the public site, search and inspection read. Only publication writes here.
  await db.schema
    .createTable('published_items')
    .addColumn('content_id', 'integer', (c) => c.primaryKey().references('content_items.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id'))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('pub_date', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body_public', 'integer', (c) => c.notNull())
    .addColumn('index_no', 'varchar(64)')
    .addColumn('doc_number', 'varchar(100)')
    .addColumn('issuing_organ', 'varchar(100)')
    .addColumn('written_date', 'varchar(10)')
    .addColumn('theme', 'varchar(50)')
    .addColumn('validity', 'varchar(8)')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('published_items_column_date')
    .on('published_items')
    .columns(['column_id', 'pub_date'])
    .execute();
  await db.schema
    .createIndex('published_items_site_date')
    .on('published_items')
    .columns(['site_id', 'pub_date'])
    .execute();

  // Files the public may download: those attached to, embedded in or illustrating a published item.
  await db.schema
    .createTable('published_files')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('content_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addPrimaryKeyConstraint('published_files_pk', ['file_id', 'content_id'])
    .execute();

  await addId(db.schema.createTable('notifications'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(300)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .addUniqueConstraint('notifications_dedupe', ['site_id', 'dedupe_key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The content migration cannot be reverted');
}
