// Wires the platform pieces and the domain services together. Tests build a context on a fresh database.
import path from 'node:path';
import type { Config } from './platform/config.ts';
import { openDatabase, type DatabaseHandle, type Db } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { systemClock, type Clock } from './platform/time.ts';
import { AuditService } from './platform/audit/audit.service.ts';
import { makeGuard, type Guard } from './platform/auth/guard.ts';
import { FileStore } from './platform/files/file-store.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { SitesService } from './modules/sites/sites.service.ts';
import { DepartmentsService } from './modules/departments/departments.service.ts';
import { ColumnsService } from './modules/columns/columns.service.ts';
import { UsersService } from './modules/users/users.service.ts';

export interface AppContext {
  config: Config;
  dbh: DatabaseHandle;
  db: Db;
  clock: Clock;
  files: FileStore;
  audit: AuditService;
  auth: AuthService;
  guard: Guard;
  sites: SitesService;
  departments: DepartmentsService;
  columns: ColumnsService;
  users: UsersService;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  /** An already-open database (tests); otherwise opened from the config. */
  dbh?: DatabaseHandle;
  migrate?: boolean;
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const dbh = options.dbh ?? openDatabase(config);
  if (options.migrate !== false) await migrateToLatest(dbh.db);
  const clock = options.clock ?? systemClock;
  const db = dbh.db;
  const audit = new AuditService(db, clock, config.auditRetentionDays);
  const auth = new AuthService(db, clock, audit);
  return {
    config,
    dbh,
    db,
    clock,
    files: new FileStore(path.join(config.dataDir, 'files')),
    audit,
    auth,
    guard: makeGuard(auth, audit),
    sites: new SitesService(db, clock, audit),
    departments: new DepartmentsService(db, clock, audit),
    columns: new ColumnsService(db, clock, audit),
    users: new UsersService(db, clock, audit),
    close: () => dbh.close(),
  };
}
