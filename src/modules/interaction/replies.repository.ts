// All SQL of replies (drafts, the release review they go through) and of the routing rules.
import type { Kysely, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { MessageRepliesTable, MessageRoutesTable } from './interaction.tables.ts';

type Q = Db | Kysely<Database>;

// ───── replies ─────

export async function insertReply(db: Q, values: Omit<MessageRepliesTable, 'id'>): Promise<number> {
  const row = await db.insertInto('message_replies').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateReply = (db: Q, id: number, values: Updateable<MessageRepliesTable>) =>
  db.updateTable('message_replies').set(values).where('id', '=', id).execute();

export const findReply = (db: Q, id: number) =>
  db.selectFrom('message_replies').selectAll().where('id', '=', id).executeTakeFirst();

export const repliesOf = (db: Q, messageId: number) =>
  db.selectFrom('message_replies').selectAll().where('message_id', '=', messageId).orderBy('id').execute();

export const repliesOfMany = (db: Q, messageIds: readonly number[]) =>
  messageIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('message_replies')
        .selectAll()
        .where('message_id', 'in', [...messageIds])
        .orderBy('id')
        .execute();

/** The content item that carries a message's replies through the release review (one per message). */
export const contentOfMessage = async (db: Q, messageId: number) =>
  (
    await db
      .selectFrom('message_replies')
      .select('content_id')
      .where('message_id', '=', messageId)
      .where('content_id', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirst()
  )?.content_id ?? null;

export const repliesOfContent = (db: Q, contentId: number) =>
  db.selectFrom('message_replies').selectAll().where('content_id', '=', contentId).orderBy('id').execute();

/** Replies waiting for the release review's decision. */
export const repliesInReview = (db: Q) =>
  db.selectFrom('message_replies').selectAll().where('state', '=', 'in_review').orderBy('id').execute();

/** Approved replies of a department, newest first (the knowledge base's “promote a reply”). */
export const approvedReplies = (db: Q, siteId: number, limit: number) =>
  db
    .selectFrom('message_replies')
    .innerJoin('messages', 'messages.id', 'message_replies.message_id')
    .select([
      'message_replies.id',
      'message_replies.message_id',
      'message_replies.excerpt_title',
      'message_replies.excerpt_body',
      'message_replies.body',
      'message_replies.department_id',
      'message_replies.approved_at',
      'messages.published_at',
    ])
    .where('messages.site_id', '=', siteId)
    .where('message_replies.state', '=', 'approved')
    .whereRef('messages.published_reply_id', '=', 'message_replies.id')
    .orderBy('message_replies.approved_at', 'desc')
    .limit(limit)
    .execute();

// ───── routing rules ─────

export const routesOf = (db: Q, siteId: number) =>
  db.selectFrom('message_routes').selectAll().where('site_id', '=', siteId).orderBy('sort').orderBy('id').execute();

export const findRoute = (db: Q, id: number) =>
  db.selectFrom('message_routes').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertRoute(db: Q, values: Omit<MessageRoutesTable, 'id'>): Promise<number> {
  const row = await db.insertInto('message_routes').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateRoute = (db: Q, id: number, values: Updateable<MessageRoutesTable>) =>
  db.updateTable('message_routes').set(values).where('id', '=', id).execute();

export const deleteRoute = (db: Q, id: number) => db.deleteFrom('message_routes').where('id', '=', id).execute();
