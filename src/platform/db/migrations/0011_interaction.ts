// Frozen once shipped. Citizen interaction (互动交流):
// - messages: one ticket per 咨询 / 建议 / 投诉 on the message board and per 找错 report (the local 纠错 form or an
//   import from the national 我为政府网站找错 platform). The citizen's words (title, body) are never changed; the
//   handling facts (assignment, 签收, reply, 办结, invalidity) are stored, and deadlines are computed on read from
//   them and the statutory calendar.
// - message_replies: each reply the department drafts (one per handling round; a second handling is round 2), with
//   the excerpt to be published. Approval is the 附件3 release review of a content item of type 'message'
//   (content_id, review_request_id), so the reply is registered like any release.
// - message_events: the handling trail (分办, 转办 with reason, 无效 with reason, 签收, 答复, 评价, 二次办理 …).
// - message_routes: routing rules (category and keywords → department); what no rule takes goes to the dispatcher.
// - message_alerts: reminders and escalations sent, once each (message, kind, round).
// - qa_pairs: the knowledge base of the smart Q&A (实时智能答问), maintained by departments.
// - error_report_imports: batches imported from the national 找错 platform's CSV/XLSX exports.
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await addId(db.schema.createTable('messages'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('tracking_no', 'varchar(24)', (c) => c.notNull().unique())
    // board (留言板) | local-error (本站纠错) | national-error (全国找错平台导入)
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    // 咨询 | 建议 | 投诉 | 纠错
    .addColumn('category', 'varchar(8)', (c) => c.notNull())
    .addColumn('citizen_id', 'integer', (c) => c.references('citizens.id'))
    // Who reported, as the source gives it (national imports, anonymous reports); shown masked.
    .addColumn('reporter', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // 找错: the page the report is about.
    .addColumn('page_url', 'varchar(1000)')
    // JSON: [{fileId, name}]
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('publish_consent', 'integer', (c) => c.notNull().defaultTo(0))
    // sms | email | none
    .addColumn('contact_preference', 'varchar(8)', (c) => c.notNull().defaultTo('none'))
    // The national platform's number of an imported report (unique per site).
    .addColumn('external_id', 'varchar(64)')
    // 网站标识码 of the site an imported report is about (may be a supervised site).
    .addColumn('site_code', 'varchar(20)')
    // pending_dispatch | assigned | handling | in_review | replied | closed | invalid
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    // An anonymous report sent without the proof of work waits for a moderator before it is handled.
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('assigned_at', 'varchar(32)')
    .addColumn('signed_at', 'varchar(32)')
    .addColumn('replied_at', 'varchar(32)')
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('invalid_reason', 'varchar(500)')
    .addColumn('invalid_at', 'varchar(32)')
    // The approved reply shown on the public page (null: not published).
    .addColumn('published_reply_id', 'integer')
    .addColumn('published_at', 'varchar(32)')
    // 满意 | 基本满意 | 不满意
    .addColumn('rating', 'varchar(8)')
    .addColumn('rating_comment', 'varchar(500)')
    .addColumn('rated_at', 'varchar(32)')
    .addColumn('second_requested_at', 'varchar(32)')
    .addColumn('second_reason', 'varchar(1000)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_site_state')
    .on('messages')
    .columns(['site_id', 'state', 'received_at'])
    .execute();
  await db.schema.createIndex('messages_citizen').on('messages').columns(['citizen_id', 'received_at']).execute();
  await db.schema
    .createIndex('messages_department')
    .on('messages')
    .columns(['department_id', 'state', 'received_at'])
    .execute();
  await db.schema.createIndex('messages_published').on('messages').columns(['site_id', 'published_at']).execute();
  await db.schema
    .createIndex('messages_external')
    .on('messages')
    .columns(['site_id', 'external_id'])
    .unique()
    .execute();

  await addId(db.schema.createTable('message_replies'), db)
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    // What the public page shows of the message: edited by the department, the original stays in messages.
    .addColumn('excerpt_title', 'varchar(200)', (c) => c.notNull())
    .addColumn('excerpt_body', 'text', (c) => c.notNull())
    .addColumn('publish', 'integer', (c) => c.notNull().defaultTo(0))
    // draft | in_review | approved | returned
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('review_request_id', 'integer', (c) => c.references('review_requests.id'))
    .addColumn('return_opinion', 'text')
    .addColumn('submitted_at', 'varchar(32)')
    .addColumn('approved_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_replies_message')
    .on('message_replies')
    .columns(['message_id', 'round'])
    .execute();
  await db.schema.createIndex('message_replies_state').on('message_replies').column('state').execute();
  await db.schema.createIndex('message_replies_content').on('message_replies').column('content_id').execute();

  await addId(db.schema.createTable('message_events'), db)
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id'))
    // submit, assign, transfer, invalid, sign, reply-submit, reply-approved, reply-returned, rate, second, remind,
    // escalate, import, close, release (held report released by a moderator)
    .addColumn('action', 'varchar(20)', (c) => c.notNull())
    // citizen | staff | system
    .addColumn('actor_type', 'varchar(8)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('from_department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('to_department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_events_message').on('message_events').columns(['message_id', 'id']).execute();

  await addId(db.schema.createTable('message_routes'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    // null: any category
    .addColumn('category', 'varchar(8)')
    // JSON: ["营业执照", "企业开办"]
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_routes_site').on('message_routes').columns(['site_id', 'sort']).execute();

  await addId(db.schema.createTable('message_alerts'), db)
    .addColumn('message_id', 'integer', (c) => c.notNull().references('messages.id'))
    // sign-soon | sign-overdue | reply-soon | reply-overdue | close-soon | close-overdue
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('message_alerts_once', ['message_id', 'kind', 'round'])
    .execute();

  await addId(db.schema.createTable('qa_pairs'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('question', 'varchar(300)', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    // Other ways of asking, one per line, and search keywords.
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    // A published reply this pair was promoted from.
    .addColumn('source_message_id', 'integer', (c) => c.references('messages.id'))
    // draft | published | withdrawn
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qa_pairs_site').on('qa_pairs').columns(['site_id', 'status']).execute();

  await addId(db.schema.createTable('error_report_imports'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_created', 'integer', (c) => c.notNull())
    .addColumn('rows_updated', 'integer', (c) => c.notNull())
    .addColumn('rows_skipped', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.references('users.id'))
    .addColumn('imported_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The interaction migration cannot be reverted');
}
