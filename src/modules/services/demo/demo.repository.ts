// SQL the demo seeding of online services needs: staff accounts by user name, the demo citizens, and the demo-only
// activation of the demo 办件人员 accounts (as the setup module does for the other demo staff).
import type { Kysely } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';

type Q = Db | Kysely<Database>;

export const userByUsername = (db: Q, username: string) =>
  db.selectFrom('users').select(['id', 'department_id']).where('username', '=', username).executeTakeFirst();

/** Demo only: the accounts work at once with the published demo password, which counts as set today. */
export const activateDemoAccounts = (db: Q, usernames: string[], at: string) =>
  db
    .updateTable('users')
    .set({ must_change_password: 0, password_changed_at: at })
    .where('username', 'in', usernames)
    .execute();

/** The demo citizens (active accounts), oldest first. */
export const demoCitizens = (db: Q) =>
  db
    .selectFrom('citizens')
    .select(['id', 'display_name', 'account_type'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();

/** The rectification opened by an application's 差评, if any. */
export const rectificationOfApplication = (db: Q, applicationId: number) =>
  db
    .selectFrom('service_rectifications as x')
    .innerJoin('service_ratings as r', 'r.id', 'x.rating_id')
    .select(['x.id', 'x.state'])
    .where('r.application_id', '=', applicationId)
    .executeTakeFirst();
