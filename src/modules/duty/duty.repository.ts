import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Newest publication date and count of public items per column (primary or additional column). */
export async function lastPublicationByColumn(
  db: Executor,
  siteId: number,
): Promise<Map<number, { last: string; count: number }>> {
  const primary = await db
    .selectFrom('published_items')
    .select(['column_id', (eb) => eb.fn.max('pub_date').as('last'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .groupBy('column_id')
    .execute();
  const extra = await db
    .selectFrom('content_columns')
    .innerJoin('published_items', 'published_items.content_id', 'content_columns.content_id')
    .select([
      'content_columns.column_id',
      (eb) => eb.fn.max('published_items.pub_date').as('last'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('published_items.site_id', '=', siteId)
    .groupBy('content_columns.column_id')
    .execute();
  const result = new Map<number, { last: string; count: number }>();
  for (const r of [...primary, ...extra]) {
    const prev = result.get(r.column_id);
    const last = String(r.last);
    result.set(r.column_id, {
      last: prev && prev.last > last ? prev.last : last,
      count: (prev?.count ?? 0) + Number(r.n),
    });
  }
  return result;
}

export async function insertNotificationOnce(
  db: Executor,
  row: {
    site_id: number;
    user_id: number | null;
    department_id: number | null;
    kind: string;
    dedupe_key: string;
    title: string;
    body: string;
    link: string;
    /** What the reminder is about (content:12): the bell shows one entry per item. */
    item_key?: string | null;
    created_at: string;
  },
): Promise<boolean> {
  const exists = await db
    .selectFrom('notifications')
    .select('id')
    .where('site_id', '=', row.site_id)
    .where('dedupe_key', '=', row.dedupe_key)
    .executeTakeFirst();
  if (exists) return false;
  await db
    .insertInto('notifications')
    .values({ ...row, read_at: null })
    .execute();
  return true;
}

/** Who reads, and since when reminders to their department concern them (a new account has no backlog). */
export interface Reader {
  departmentId: number | null;
  userId: number;
  /** ISO UTC: reminders to the department written before this are not theirs. */
  since: string;
}

/** Notifications addressed to this staff member: personally, or to their department since they joined it. */
function addressedTo(reader: Reader) {
  return (eb: ExpressionBuilder<Database, 'notifications'>) =>
    eb.or([
      eb('notifications.user_id', '=', reader.userId),
      ...(reader.departmentId
        ? [
            eb.and([
              eb('notifications.department_id', '=', reader.departmentId),
              eb('notifications.created_at', '>=', reader.since),
            ]),
          ]
        : []),
    ]);
}

/** Which reminders a list shows: a kind family (review-…, column-…), unread only. */
export interface NotificationFilter {
  kindPrefix?: string;
  unreadOnly?: boolean;
}

/** The newest notifications of a staff member with their own read time (read state is per user). */
export const notificationsFor = (db: Executor, reader: Reader, filter: NotificationFilter, limit: number) => {
  let q = db
    .selectFrom('notifications')
    .leftJoin('notification_reads as nr', (join) =>
      join.onRef('nr.notification_id', '=', 'notifications.id').on('nr.user_id', '=', reader.userId),
    )
    .select([
      'notifications.id',
      'notifications.site_id',
      'notifications.user_id',
      'notifications.department_id',
      'notifications.kind',
      'notifications.title',
      'notifications.body',
      'notifications.link',
      'notifications.item_key',
      'notifications.created_at',
      'nr.read_at',
    ])
    .where(addressedTo(reader));
  if (filter.kindPrefix) q = q.where('notifications.kind', 'like', `${filter.kindPrefix}%`);
  if (filter.unreadOnly) q = q.where('nr.read_at', 'is', null);
  return q.orderBy('notifications.id', 'desc').limit(limit).execute();
};

export async function unreadCount(db: Executor, reader: Reader): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .leftJoin('notification_reads as nr', (join) =>
      join.onRef('nr.notification_id', '=', 'notifications.id').on('nr.user_id', '=', reader.userId),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(addressedTo(reader))
    .where('nr.read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findNotification = (db: Executor, id: number) =>
  db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();

/** Marks one notification read for one user (idempotent: the first read time stays). */
export const markRead = (db: Executor, id: number, userId: number, at: string) =>
  db
    .insertInto('notification_reads')
    .values({ notification_id: id, user_id: userId, read_at: at })
    .onConflict((oc) => oc.columns(['notification_id', 'user_id']).doNothing())
    .execute();

/** Marks every unread notification of this staff member read; returns how many. */
export async function markAllRead(db: Executor, reader: Reader, at: string, ids?: number[]): Promise<number> {
  let q = db
    .selectFrom('notifications')
    .leftJoin('notification_reads as nr', (join) =>
      join.onRef('nr.notification_id', '=', 'notifications.id').on('nr.user_id', '=', reader.userId),
    )
    .select('notifications.id')
    .where(addressedTo(reader))
    .where('nr.read_at', 'is', null);
  if (ids) q = q.where('notifications.id', 'in', ids.length ? ids : [-1]);
  const unread = await q.execute();
  for (const n of unread) await markRead(db, n.id, reader.userId, at);
  return unread.length;
}

/** Removes notifications whose dedupe key starts with `prefix` (e.g. “waiting for you” once the step is taken). */
export async function deleteNotificationsLike(db: Executor, siteId: number, prefix: string): Promise<void> {
  const ids = (
    await db
      .selectFrom('notifications')
      .select('id')
      .where('site_id', '=', siteId)
      .where('dedupe_key', 'like', `${prefix}%`)
      .execute()
  ).map((r) => r.id);
  if (!ids.length) return;
  await db.deleteFrom('notification_reads').where('notification_id', 'in', ids).execute();
  await db.deleteFrom('notifications').where('id', 'in', ids).execute();
}

/** E-mail addresses of the active editors of a department, for reminders. */
export async function editorEmails(db: Executor, departmentId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.email')
    .where('users.department_id', '=', departmentId)
    .where('user_roles.role', '=', 'editor')
    .where('users.disabled', '=', 0)
    .where('users.email', 'is not', null)
    .distinct()
    .execute();
  return rows.map((r) => r.email!).filter(Boolean);
}
