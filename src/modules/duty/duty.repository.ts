import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Newest publication date and count of public items per column (primary or additional column). */
export async function lastPublicationByColumn(db: Executor, siteId: number): Promise<Map<number, { last: string; count: number }>> {
  const primary = await db
    .selectFrom('published_items')
    .select(['column_id', (eb) => eb.fn.max('pub_date').as('last'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .groupBy('column_id')
    .execute();
  const extra = await db
    .selectFrom('content_columns')
    .innerJoin('published_items', 'published_items.content_id', 'content_columns.content_id')
    .select(['content_columns.column_id', (eb) => eb.fn.max('published_items.pub_date').as('last'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('published_items.site_id', '=', siteId)
    .groupBy('content_columns.column_id')
    .execute();
  const result = new Map<number, { last: string; count: number }>();
  for (const r of [...primary, ...extra]) {
    const prev = result.get(r.column_id);
    const last = String(r.last);
    result.set(r.column_id, { last: prev && prev.last > last ? prev.last : last, count: (prev?.count ?? 0) + Number(r.n) });
  }
  return result;
}

export async function insertNotificationOnce(
  db: Executor,
  row: { site_id: number; user_id: number | null; department_id: number | null; kind: string; dedupe_key: string; title: string; body: string; link: string; created_at: string },
): Promise<boolean> {
  const exists = await db.selectFrom('notifications').select('id').where('site_id', '=', row.site_id).where('dedupe_key', '=', row.dedupe_key).executeTakeFirst();
  if (exists) return false;
  await db.insertInto('notifications').values({ ...row, read_at: null }).execute();
  return true;
}

export const notificationsFor = (db: Executor, departmentId: number | null, userId: number, limit: number) =>
  db
    .selectFrom('notifications')
    .selectAll()
    .where((eb) => eb.or([eb('user_id', '=', userId), ...(departmentId ? [eb('department_id', '=', departmentId)] : [])]))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const markRead = (db: Executor, id: number, at: string) =>
  db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute();

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
