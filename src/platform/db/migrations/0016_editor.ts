// Frozen once shipped. The editors' daily work:
// - content_autosaves: one autosave slot per staff member and item (or per site for a new item), overwritten
//   by every autosave, so typing never creates versions; it holds the form as the editor left it and the version
//   it was based on, and is removed when the item is saved.
// - review_designates: the reviewer (or leader) the site administrator designates for a department's step when
//   no other member of the department's group can take it (the submitter is the only one).
// - review_routing: per request and state, to whom the site administrator reassigned the step (if anyone) and
//   when the waiting item was escalated; the step's group itself is computed from the roles.
// - notifications.item_key: what a reminder is about (content:12), so the bell shows one entry per item.
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await addId(db.schema.createTable('content_autosaves'), db)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    // content:<id> for an existing item, new:<siteId> for an item not yet created
    .addColumn('slot', 'varchar(40)', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('base_version', 'integer')
    .addColumn('title', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    // JSON: the editor's form values
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('content_autosaves_slot', ['user_id', 'slot'])
    .execute();

  await db.schema
    .createTable('review_designates')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    // dept (审核人) or leader (分管领导)
    .addColumn('step', 'varchar(16)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('designated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('designated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_designates_pk', ['site_id', 'department_id', 'step'])
    .execute();

  await db.schema
    .createTable('review_routing')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('review_requests.id'))
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    .addColumn('assigned_to', 'integer', (c) => c.references('users.id'))
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reason', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('assigned_at', 'varchar(32)')
    .addColumn('escalated_at', 'varchar(32)')
    .addPrimaryKeyConstraint('review_routing_pk', ['request_id', 'state'])
    .execute();

  await db.schema.alterTable('notifications').addColumn('item_key', 'varchar(40)').execute();
  await db.schema.createIndex('notifications_item').on('notifications').columns(['item_key']).execute();
}

export async function down(): Promise<void> {
  throw new Error('The editor migration cannot be reverted');
}
