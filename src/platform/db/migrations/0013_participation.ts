// Frozen once shipped. Participation and disclosure:
// - surveys, survey_responses, survey_texts: 公众调查 — the questionnaire as JSON, its opening and closing time,
//   who may answer (one answer per account, or per device for anonymous surveys), each response's answers, and
//   the free-text answers waiting for moderation before they appear in published results.
// - solicitations, solicitation_comments: 意见征集 on a draft policy — its paragraphs, period, the notice and the
//   adoption report (意见反馈) as content items through the release review, the comments with moderation and
//   their adoption (采纳 / 部分采纳 / 未采纳, reason).
// - disclosure_applications, disclosure_consultations, disclosure_events: 依申请公开 — the application (personal
//   data SM4-encrypted), the facts its statutory clock is computed from (receipt, 补正, extension, consultation,
//   fee notice and payment), the disposition of 国办公开办函〔2021〕30号 and the reply; every step as an event.
// - disclosure_annual_reports, website_annual_reports: the two annual reports, generated from the records (tables
//   and fields as JSON), completed by staff, published through the release review.
// - proposals: 人大建议 / 政协提案 handled by the office, their replies and publication.
import type { Kysely } from 'kysely';
import { addId } from '../migration-helpers.ts';

const time = 'varchar(32)';

export async function up(db: Kysely<any>): Promise<void> {
  await addId(db.schema.createTable('surveys'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    // JSON: the questionnaire (survey-definition.ts)
    .addColumn('questions', 'text', (c) => c.notNull())
    // account: one answer per public account · anonymous: one answer per device, with the proof of work
    .addColumn('access', 'varchar(20)', (c) => c.notNull())
    .addColumn('opens_at', time, (c) => c.notNull())
    .addColumn('closes_at', time, (c) => c.notNull())
    // draft | in_review | released | withdrawn (open / closed follow from the times)
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('notice_content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('released_at', time)
    .addColumn('withdrawn_at', time)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_site').on('surveys').columns(['site_id', 'closes_at']).execute();

  await addId(db.schema.createTable('survey_responses'), db)
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('citizen_id', 'integer', (c) => c.references('citizens.id'))
    // HMAC of the device cookie (anonymous surveys): one answer per device
    .addColumn('device_hash', 'varchar(64)')
    .addColumn('answers', 'text', (c) => c.notNull())
    // counted | held (anonymous without the proof of work, until a moderator accepts it) | rejected
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('submitted_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('survey_responses_citizen')
    .unique()
    .on('survey_responses')
    .columns(['survey_id', 'citizen_id'])
    .execute();
  await db.schema
    .createIndex('survey_responses_device')
    .unique()
    .on('survey_responses')
    .columns(['survey_id', 'device_hash'])
    .execute();

  await addId(db.schema.createTable('survey_texts'), db)
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id'))
    .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_responses.id'))
    .addColumn('question_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // pending | approved | rejected
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('moderated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('moderated_at', time)
    .execute();
  await db.schema.createIndex('survey_texts_survey').on('survey_texts').columns(['survey_id', 'status']).execute();

  await addId(db.schema.createTable('solicitations'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    // the 政策文件 in draft the solicitation is about
    .addColumn('policy_content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    // JSON: [{id: 'p1', text}] — the draft's paragraphs as they were opened for comment
    .addColumn('paragraphs', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('opens_at', time, (c) => c.notNull())
    .addColumn('closes_at', time, (c) => c.notNull())
    // draft | in_review | released | withdrawn
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('notice_content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('released_at', time)
    .addColumn('feedback_content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('feedback_published_at', time)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('solicitations_site').on('solicitations').columns(['site_id', 'closes_at']).execute();

  await addId(db.schema.createTable('solicitation_comments'), db)
    .addColumn('solicitation_id', 'integer', (c) => c.notNull().references('solicitations.id'))
    .addColumn('citizen_id', 'integer', (c) => c.references('citizens.id'))
    // the name shown with a published comment (masked when shown)
    .addColumn('author_name', 'varchar(100)', (c) => c.notNull())
    // null: on the whole text
    .addColumn('paragraph_id', 'varchar(20)')
    .addColumn('text', 'text', (c) => c.notNull())
    // pending | approved | rejected
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('moderation_note', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    // 采纳 | 部分采纳 | 未采纳 (after closing)
    .addColumn('adoption', 'varchar(20)')
    .addColumn('adoption_reason', 'text')
    .addColumn('submitted_at', time, (c) => c.notNull())
    .addColumn('moderated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('moderated_at', time)
    .execute();
  await db.schema
    .createIndex('solicitation_comments_solicitation')
    .on('solicitation_comments')
    .columns(['solicitation_id', 'status'])
    .execute();

  await addId(db.schema.createTable('disclosure_applications'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    // online | letter | in_person | fax
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('citizen_id', 'integer', (c) => c.references('citizens.id'))
    // person | business | research | public_welfare | legal_service | other_org (Table 三's columns)
    .addColumn('applicant_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('id_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    // keyed hash of the ID or credit code: the same applicant's applications in a month (信息处理费 按件)
    .addColumn('id_number_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('contact_person_enc', 'text')
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('email_enc', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('postal_code', 'varchar(10)')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    // paper | electronic
    .addColumn('delivery_form', 'varchar(20)', (c) => c.notNull())
    // post | email | pickup | online
    .addColumn('delivery_method', 'varchar(20)', (c) => c.notNull())
    .addColumn('submitted_at', time, (c) => c.notNull())
    // the instant receipt was confirmed (条例 第三十一条): the clock's receipt
    .addColumn('received_at', time, (c) => c.notNull())
    // processing | correction | consultation | fee | answered
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('correction_items', 'text')
    .addColumn('correction_sent_at', time)
    .addColumn('correction_deadline', 'varchar(10)')
    .addColumn('corrected_at', time)
    .addColumn('correction_text', 'text')
    .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_approver', 'varchar(100)')
    .addColumn('extension_reason', 'text')
    .addColumn('extension_at', time)
    // per_item | per_volume
    .addColumn('fee_method', 'varchar(20)')
    .addColumn('fee_quantity', 'integer')
    .addColumn('fee_amount', 'integer')
    .addColumn('fee_notice_at', time)
    .addColumn('fee_deadline', 'varchar(10)')
    .addColumn('fee_paid_at', time)
    // a code of disclosure-rules.ts DISPOSITIONS
    .addColumn('disposition', 'varchar(40)')
    .addColumn('disposition_reason', 'text')
    .addColumn('reply_text', 'text')
    .addColumn('answered_at', time)
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('registered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_applications_serial')
    .unique()
    .on('disclosure_applications')
    .columns(['site_id', 'year', 'serial'])
    .execute();
  await db.schema
    .createIndex('disclosure_applications_citizen')
    .on('disclosure_applications')
    .columns(['citizen_id'])
    .execute();

  await addId(db.schema.createTable('disclosure_consultations'), db)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('disclosure_applications.id'))
    .addColumn('party', 'varchar(200)', (c) => c.notNull())
    .addColumn('sent_at', time, (c) => c.notNull())
    .addColumn('replied_at', time)
    .addColumn('reply', 'text')
    .execute();

  await addId(db.schema.createTable('disclosure_events'), db)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('disclosure_applications.id'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_events_application')
    .on('disclosure_events')
    .columns(['application_id'])
    .execute();

  for (const table of ['disclosure_annual_reports', 'website_annual_reports']) {
    await addId(db.schema.createTable(table), db)
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      // JSON: the figures generated from the records (and adjusted by staff where the format allows)
      .addColumn('data', 'text', (c) => c.notNull())
      // JSON: what staff write (narrative sections, fields entered by hand)
      .addColumn('manual', 'text', (c) => c.notNull())
      // draft | in_review | published
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('content_id', 'integer', (c) => c.references('content_items.id'))
      .addColumn('generated_at', time, (c) => c.notNull())
      .addColumn('published_at', time)
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_year`).unique().on(table).columns(['site_id', 'year']).execute();
  }

  await addId(db.schema.createTable('proposals'), db)
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // npc (人大代表建议) | cppcc (政协委员提案)
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('number', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('proposer', 'varchar(100)', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    // lead | assist (主办 / 协办)
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('received_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('reply', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('replied_on', 'varchar(10)')
    // 满意 | 基本满意 | 不满意 (the proposer's assessment, when returned)
    .addColumn('satisfaction', 'varchar(20)')
    // handling | replied | in_review | published
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('content_id', 'integer', (c) => c.references('content_items.id'))
    .addColumn('published_at', time)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('proposals_number')
    .unique()
    .on('proposals')
    .columns(['site_id', 'year', 'kind', 'number'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The participation migration cannot be reverted');
}
