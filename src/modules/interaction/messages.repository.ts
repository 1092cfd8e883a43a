// All SQL of messages (board messages and 找错 tickets), their handling trail and the reminders sent.
import type { Kysely, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { ErrorReportImportsTable, MessageEventsTable, MessagesTable } from './interaction.tables.ts';

type Q = Db | Kysely<Database>;

const likeText = (q: string) => `%${q.replace(/[%_\\]/g, '')}%`;

// ───── messages ─────

export async function insertMessage(db: Q, values: Omit<MessagesTable, 'id'>): Promise<number> {
  const row = await db.insertInto('messages').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateMessage = (db: Q, id: number, values: Updateable<MessagesTable>) =>
  db.updateTable('messages').set(values).where('id', '=', id).execute();

export const findMessage = (db: Q, id: number) =>
  db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();

export const findByTrackingNo = (db: Q, trackingNo: string) =>
  db.selectFrom('messages').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();

export const findByExternalId = (db: Q, siteId: number, externalId: string) =>
  db
    .selectFrom('messages')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

/** The citizen's newest message with this very title and body since `since` (a resent form, a double post). */
export const recentSameMessage = (db: Q, citizenId: number, title: string, body: string, since: string) =>
  db
    .selectFrom('messages')
    .select(['id', 'tracking_no'])
    .where('citizen_id', '=', citizenId)
    .where('title', '=', title)
    .where('body', '=', body)
    .where('received_at', '>=', since)
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const messagesOfCitizen = (db: Q, citizenId: number, limit = 200) =>
  db
    .selectFrom('messages')
    .selectAll()
    .where('citizen_id', '=', citizenId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export interface StaffFilter {
  siteId: number;
  states?: readonly string[];
  /** Only this department's messages. */
  departmentId?: number;
  category?: string;
  channels?: readonly string[];
  q?: string;
  held?: boolean;
  receivedFrom?: string;
  receivedTo?: string;
}

function staffQuery(db: Q, f: StaffFilter) {
  let q = db.selectFrom('messages').where('site_id', '=', f.siteId);
  if (f.states?.length) q = q.where('state', 'in', [...f.states]);
  if (f.departmentId !== undefined) q = q.where('department_id', '=', f.departmentId);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.channels?.length) q = q.where('channel', 'in', [...f.channels]);
  if (f.held !== undefined) q = q.where('held', '=', f.held ? 1 : 0);
  if (f.receivedFrom) q = q.where('received_at', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('received_at', '<', f.receivedTo);
  if (f.q) {
    const text = f.q.trim();
    q = q.where((eb) =>
      eb.or([eb('tracking_no', '=', text), eb('title', 'like', likeText(text)), eb('body', 'like', likeText(text))]),
    );
  }
  return q;
}

export async function listForStaff(db: Q, f: StaffFilter, limit: number, offset: number) {
  const q = staffQuery(db, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('received_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total: Number(total.n), rows };
}

/** Every message still open (not replied, closed or invalid), oldest first: reminders and the dashboard. */
export const openMessages = (db: Q, siteId: number | null) => {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .where('state', 'in', ['pending_dispatch', 'assigned', 'handling', 'in_review']);
  if (siteId !== null) q = q.where('site_id', '=', siteId);
  return q.orderBy('received_at').execute();
};

/** 找错 tickets replied but not yet closed (办结 runs on). */
export const unclosedErrorReports = (db: Q, siteId: number | null) => {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .where('state', '=', 'replied')
    .where('channel', 'in', ['local-error', 'national-error']);
  if (siteId !== null) q = q.where('site_id', '=', siteId);
  return q.orderBy('received_at').execute();
};

/** Messages received in [from, to) (statistics, inspection); invalid ones included, held ones not. */
export const receivedBetween = (db: Q, siteId: number, from: string, to: string, channels?: readonly string[]) => {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('held', '=', 0)
    .where('received_at', '>=', from)
    .where('received_at', '<', to);
  if (channels?.length) q = q.where('channel', 'in', [...channels]);
  return q.orderBy('received_at').execute();
};

/** 找错 tickets of several sites by their 网站标识码 (the supervisors' 网民监督). */
export const errorTickets = (db: Q, siteCodes: readonly string[], from: string, to: string) =>
  db
    .selectFrom('messages')
    .innerJoin('sites', 'sites.id', 'messages.site_id')
    .select([
      'messages.id',
      'messages.tracking_no',
      'messages.channel',
      'messages.site_code',
      'sites.site_id_code',
      'messages.received_at',
      'messages.replied_at',
      'messages.closed_at',
      'messages.state',
    ])
    .where('messages.channel', 'in', ['local-error', 'national-error'])
    .where('messages.received_at', '>=', from)
    .where('messages.received_at', '<', to)
    .where((eb) =>
      eb.or([eb('messages.site_code', 'in', [...siteCodes]), eb('sites.site_id_code', 'in', [...siteCodes])]),
    )
    .orderBy('messages.received_at')
    .execute();

// ───── public list ─────

export interface PublicFilter {
  siteId: number;
  q?: string;
  departmentId?: number;
  category?: string;
}

function publicQuery(db: Q, f: PublicFilter) {
  let q = db
    .selectFrom('messages')
    .innerJoin('message_replies', 'message_replies.id', 'messages.published_reply_id')
    .where('messages.site_id', '=', f.siteId)
    .where('messages.published_at', 'is not', null);
  if (f.departmentId !== undefined) q = q.where('message_replies.department_id', '=', f.departmentId);
  if (f.category) q = q.where('messages.category', '=', f.category);
  if (f.q) {
    const text = likeText(f.q.trim());
    q = q.where((eb) =>
      eb.or([
        eb('message_replies.excerpt_title', 'like', text),
        eb('message_replies.excerpt_body', 'like', text),
        eb('message_replies.body', 'like', text),
      ]),
    );
  }
  return q;
}

export async function publicList(db: Q, f: PublicFilter, limit: number, offset: number) {
  const q = publicQuery(db, f);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'messages.id',
      'messages.tracking_no',
      'messages.category',
      'messages.received_at',
      'messages.replied_at',
      'messages.published_at',
      'message_replies.excerpt_title',
      'message_replies.department_id',
      'message_replies.content_id',
      'message_replies.approved_at',
    ])
    .orderBy('messages.published_at', 'desc')
    .orderBy('messages.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total: Number(total.n), rows };
}

/** The newest publication time of a site's messages (留言公开: updated within two months). */
export const newestPublication = async (db: Q, siteId: number) =>
  (
    await db
      .selectFrom('messages')
      .select((eb) => eb.fn.max('published_at').as('at'))
      .where('site_id', '=', siteId)
      .executeTakeFirst()
  )?.at ?? null;

export const publishedMessages = (db: Q, siteId: number) =>
  db
    .selectFrom('messages')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .execute();

// ───── handling trail ─────

export async function insertEvent(db: Q, values: Omit<MessageEventsTable, 'id'>): Promise<void> {
  await db.insertInto('message_events').values(values).execute();
}

export const eventsOf = (db: Q, messageId: number) =>
  db.selectFrom('message_events').selectAll().where('message_id', '=', messageId).orderBy('id').execute();

// ───── reminders ─────

/** Records that an alert went out; false when it had already (each kind once per message and round). */
export async function insertAlertOnce(
  db: Q,
  values: { message_id: number; kind: string; round: number; sent_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('message_alerts')
    .values(values)
    .onConflict((oc) => oc.columns(['message_id', 'kind', 'round']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export const alertsOf = (db: Q, messageId: number) =>
  db.selectFrom('message_alerts').selectAll().where('message_id', '=', messageId).orderBy('id').execute();

// ───── account deletion ─────

/** A deleted account's messages keep their text (a government record) but no way to reach the person. */
export const forgetContact = (db: Q, citizenId: number, at: string) =>
  db
    .updateTable('messages')
    .set({ contact_preference: 'none', reporter: '', updated_at: at })
    .where('citizen_id', '=', citizenId)
    .execute();

// ───── 找错 imports ─────

export async function insertImport(db: Q, values: Omit<ErrorReportImportsTable, 'id'>): Promise<number> {
  const row = await db.insertInto('error_report_imports').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const importsOf = (db: Q, siteId: number) =>
  db
    .selectFrom('error_report_imports')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
