import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';
import type { Database } from './schema.ts';
import { StatementCache } from './statement-cache.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** SQLite file path (null for PostgreSQL or in-memory). */
  file: string | null;
  /** PostgreSQL connection string (null for SQLite). */
  url: string | null;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (COUNT, SUM) as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

// Transactions take SQLite's write lock at BEGIN. Several worker processes (GOVPORTAL_WORKERS) share one file: a
// deferred transaction that reads and then writes fails with SQLITE_BUSY when another process wrote in between,
// because busy_timeout only waits at the moment a lock is first requested. IMMEDIATE makes it wait there.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    // A read-only transaction (an online backup) stays deferred: in WAL mode it never blocks writers.
    await connection.executeQuery(
      CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'),
    );
  }

  // SQLite rolls a transaction back by itself when a write fails for lack of space or I/O (SQLITE_FULL, IOERR);
  // the ROLLBACK that follows would then fail and hide that reason behind "no transaction is active".
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      if (!/no transaction is active/.test((error as Error).message)) throw error;
    }
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

export function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: new StatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    file: file === ':memory:' ? null : file,
    url: null,
    close: () => db.destroy(),
  };
}

/** How long a request waits for a connection before it is answered 503 (the database restarting or away). */
const CONNECT_TIMEOUT_MS = 5000;

let lastPoolWarning = 0;
/** One line every ten seconds at most while the database is away; the pool reconnects on its own. */
function warnPoolError(error: Error): void {
  const now = Date.now();
  if (now - lastPoolWarning < 10_000) return;
  lastPoolWarning = now;
  process.stderr.write(`数据库连接中断（${error.message}），将在下一个请求时自动重连\n`);
}

/**
 * A PostgreSQL restart or failover ends every connection. An idle pooled client then emits `error` on the pool,
 * and a client checked out between two queries emits it on itself; unhandled, either ends the process. Both are
 * handled here: the broken client is dropped (pg does not return an unqueryable client to the pool), the query
 * that used it fails (answered 503), and the next query connects anew — recovery needs no restart.
 */
export function openPostgres(
  url: string,
  poolSize = 10,
  onError: (error: Error) => void = warnPoolError,
): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', file: null, url, close: () => db.destroy() };
}

export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(path.join(options.dataDir, 'govportal.sqlite'));
}

export async function ping(db: Db): Promise<boolean> {
  await sql`select 1`.execute(db);
  return true;
}
