/** Transient: failed-attempt counters (staff logins per account name and per IP, password changes per account). */
export interface AuthAttemptsTable {
  scope: string;
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    auth_attempts: AuthAttemptsTable;
  }
}
