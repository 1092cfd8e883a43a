// Frozen once shipped. Online services (办事服务):
// - service_items: the service catalogue (事项公开): 事项编码, type, 服务对象, theme, responsible department, life or
//   business events, search keywords; the guide's publication is a content item (content_id) that goes through the
//   附件3 release review like any other.
// - service_guide_versions: the structured 办事指南 (JSON) saved with each version of that content item, so the
//   public site shows exactly the version the review approved.
// - service_department_contacts: each department's registered 咨询 and 监督投诉 numbers (内容准确 compares guides
//   with them).
// - service_themes: integrated thematic services (一件事) bundling several items.
// - service_bundles: one 一件事 application, fanned out to one application per item and department.
// - service_applications, service_application_events, service_application_files: online applications (在线申请)
//   with every state change (who, when, note) and the uploaded materials (stored in the file store, never public).
// - service_ratings, service_rectifications: 好差评 on the national five levels and the rectification of each
//   差评 (整改 → 回访).
// - service_stats_months, service_rating_months: the published monthly statistics, refreshed by a job.
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await addId(db.schema.createTable('service_items'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('code', 'varchar(60)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    // 行政许可 … 公共服务, 中介服务
    .addColumn('item_type', 'varchar(20)', (c) => c.notNull())
    // JSON: ['自然人', '法人']
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('theme', 'varchar(40)', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    // JSON: life events (出生、就业 …) or business events (开办、变更 …)
    .addColumn('events', 'text', (c) => c.notNull())
    // JSON: words a citizen may search for (营业执照 for 企业设立登记)
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    // active | withdrawn
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('withdrawn_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('service_items_code').on('service_items').columns(['site_id', 'code']).unique().execute();
  await db.schema.createIndex('service_items_content').on('service_items').column('content_id').execute();

  await addId(db.schema.createTable('service_guide_versions'), db)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('service_items.id'))
    .addColumn('content_id', 'integer', (c) => c.notNull().references('content_items.id'))
    .addColumn('content_version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_guide_versions_content')
    .on('service_guide_versions')
    .columns(['content_id', 'content_version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('service_guide_versions_item')
    .on('service_guide_versions')
    .columns(['item_id', 'id'])
    .execute();

  await db.schema
    .createTable('service_department_contacts')
    .addColumn('department_id', 'integer', (c) => c.primaryKey().references('departments.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    // JSON lists of numbers as registered (0599-86601007, 12345)
    .addColumn('consult_phones', 'text', (c) => c.notNull())
    .addColumn('complaint_phones', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await addId(db.schema.createTable('service_themes'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('slug', 'varchar(60)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('audience', 'varchar(10)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // JSON: the bundled item ids in the order they are handled
    .addColumn('item_ids', 'text', (c) => c.notNull())
    // JSON: the flow chart's steps [{title, detail, itemIds}]
    .addColumn('flow', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    // draft | published | withdrawn
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_themes_slug')
    .on('service_themes')
    .columns(['site_id', 'slug'])
    .unique()
    .execute();

  await addId(db.schema.createTable('service_bundles'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('theme_id', 'integer', (c) => c.notNull().references('service_themes.id'))
    .addColumn('citizen_id', 'integer', (c) => c.notNull().references('citizens.id'))
    .addColumn('receipt_no', 'varchar(40)', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_bundles_receipt')
    .on('service_bundles')
    .columns(['site_id', 'receipt_no'])
    .unique()
    .execute();

  await addId(db.schema.createTable('service_applications'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('service_items.id'))
    .addColumn('bundle_id', 'integer', (c) => c.references('service_bundles.id'))
    .addColumn('receipt_no', 'varchar(40)', (c) => c.notNull())
    .addColumn('citizen_id', 'integer', (c) => c.notNull().references('citizens.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('applicant_name', 'varchar(100)', (c) => c.notNull())
    // person | organization
    .addColumn('applicant_kind', 'varchar(20)', (c) => c.notNull())
    // SM4-encrypted contact number given on the form (personal data)
    .addColumn('contact_enc', 'text')
    .addColumn('remark', 'text', (c) => c.notNull())
    // submitted | correction | accepted | rejected | processing | completed
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    // the guide's time limits and version when the application was made
    .addColumn('promised_days', 'integer')
    .addColumn('statutory_days', 'integer')
    .addColumn('guide_version', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(32)')
    .addColumn('completed_at', 'varchar(32)')
    // 准予 | 不予 (办结) or the reason class of 不予受理
    .addColumn('outcome', 'varchar(20)')
    .addColumn('corrections', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded_on', 'varchar(10)')
    .addColumn('escalated_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_applications_receipt')
    .on('service_applications')
    .columns(['site_id', 'receipt_no'])
    .unique()
    .execute();
  await db.schema
    .createIndex('service_applications_state')
    .on('service_applications')
    .columns(['site_id', 'state'])
    .execute();
  await db.schema
    .createIndex('service_applications_citizen')
    .on('service_applications')
    .columns(['citizen_id', 'id'])
    .execute();
  await db.schema
    .createIndex('service_applications_submitted')
    .on('service_applications')
    .columns(['site_id', 'submitted_at'])
    .execute();

  await addId(db.schema.createTable('service_application_events'), db)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('service_applications.id'))
    // submit | accept | reject | correction | supplement | start | complete | remind | escalate
    .addColumn('action', 'varchar(20)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(20)')
    .addColumn('to_state', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // JSON: what the action names (the materials a 补正 asks for …)
    .addColumn('detail', 'text', (c) => c.notNull())
    // citizen | staff | system
    .addColumn('actor_kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_application_events_application')
    .on('service_application_events')
    .columns(['application_id', 'id'])
    .execute();

  await addId(db.schema.createTable('service_application_files'), db)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('service_applications.id'))
    .addColumn('material', 'varchar(200)', (c) => c.notNull())
    // 0: with the application; 1: supplied for the 补正
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(120)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_application_files_application')
    .on('service_application_files')
    .column('application_id')
    .execute();

  await addId(db.schema.createTable('service_ratings'), db)
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('service_applications.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('service_items.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('citizen_id', 'integer', (c) => c.notNull().references('citizens.id'))
    // 5 非常满意 … 1 非常不满意
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('rated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_ratings_site').on('service_ratings').columns(['site_id', 'rated_at']).execute();

  await addId(db.schema.createTable('service_rectifications'), db)
    .addColumn('rating_id', 'integer', (c) => c.notNull().unique().references('service_ratings.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    // open | rectified | revisited
    .addColumn('state', 'varchar(20)', (c) => c.notNull())
    // yyyy-MM-dd: the last working day of the rectification period
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('rectified_at', 'varchar(32)')
    .addColumn('rectified_by', 'varchar(100)')
    // 满意 | 基本满意 | 不满意
    .addColumn('revisit_result', 'varchar(20)')
    .addColumn('revisit_note', 'text', (c) => c.notNull())
    .addColumn('revisited_at', 'varchar(32)')
    .addColumn('revisited_by', 'varchar(100)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_rectifications_site')
    .on('service_rectifications')
    .columns(['site_id', 'state'])
    .execute();

  await db.schema
    .createTable('service_stats_months')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    // yyyy-MM (Asia/Shanghai)
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('service_items.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('completed', 'integer', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    // working days from 受理 to 办结 of the applications completed in the month, summed
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('refreshed_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_stats_months_pk', ['site_id', 'month', 'item_id'])
    .execute();

  await db.schema
    .createTable('service_rating_months')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('month', 'varchar(7)', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    // counts per level: level5 非常满意 … level1 非常不满意
    .addColumn('level5', 'integer', (c) => c.notNull())
    .addColumn('level4', 'integer', (c) => c.notNull())
    .addColumn('level3', 'integer', (c) => c.notNull())
    .addColumn('level2', 'integer', (c) => c.notNull())
    .addColumn('level1', 'integer', (c) => c.notNull())
    // 差评 of the month whose rectification is done / revisited by now
    .addColumn('rectified', 'integer', (c) => c.notNull())
    .addColumn('revisited', 'integer', (c) => c.notNull())
    .addColumn('refreshed_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_rating_months_pk', ['site_id', 'month', 'department_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The services migration cannot be reverted');
}
