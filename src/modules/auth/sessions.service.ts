// Staff sessions, kept in the database so any app node can serve any request. The auth module opens and
// checks them; other modules end them through here (an account disabled or its password reset).
import type { Db } from '../../platform/db/database.ts';
import * as repo from './session.repository.ts';

export class SessionsService {
  constructor(private readonly db: Db) {}

  /** Ends every session of the account, except `exceptId` (the session that made the change). */
  async endAllOf(userId: number, exceptId?: string): Promise<void> {
    await repo.deleteUserSessions(this.db, userId, exceptId);
  }
}
