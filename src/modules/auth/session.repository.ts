import type { Db } from '../../platform/db/database.ts';
import type { Session } from '../../platform/db/schema.ts';

export const insertSession = (db: Db, session: Session) => db.insertInto('sessions').values(session).execute();

export const findSession = (db: Db, id: string) =>
  db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

export const touchSession = (db: Db, id: string, at: string) =>
  db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();

export const deleteSession = (db: Db, id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

export const deleteUserSessions = (db: Db, userId: number, exceptId?: string) => {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
};

export const deleteExpiredSessions = (db: Db, now: string) =>
  db.deleteFrom('sessions').where('expires_at', '<', now).execute();

export const pruneLoginFailures = (db: Db, before: string) =>
  db.deleteFrom('login_failures').where('at', '<', before).execute();
