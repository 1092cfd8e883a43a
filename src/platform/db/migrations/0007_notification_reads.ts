// Frozen once shipped. Read state of staff notifications per user: a reminder addressed to a department
// (栏目即将到期 …) is read or unread for each of its members, not for the whole department at once.
// notifications.read_at (0002) is no longer used; personal notifications already read keep that state here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_reads')
    .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('read_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_reads_pk', ['notification_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('notification_reads_user')
    .on('notification_reads')
    .columns(['user_id', 'notification_id'])
    .execute();
  // Personal notifications marked read before this migration stay read for their addressee.
  await db
    .insertInto('notification_reads')
    .columns(['notification_id', 'user_id', 'read_at'])
    .expression((eb) =>
      eb
        .selectFrom('notifications')
        .select(['id', 'user_id', 'read_at'])
        .where('user_id', 'is not', null)
        .where('read_at', 'is not', null),
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The notification reads migration cannot be reverted');
}
