// better-sqlite3 compiles a statement on every `prepare`, and Kysely prepares each query it runs: on a busy public
// page the compiling cost more than running the query. The database handed to Kysely keeps the most recently used
// statements compiled and hands them out again for the same SQL text. SQLite recompiles a kept statement by itself
// when the schema changes (a migration), so a kept statement never runs against an old table shape.
import type { Database as SqliteConnection, Statement } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept per connection: enough for every query shape the application has, bounded for ad-hoc SQL. */
export const KEPT_STATEMENTS = 500;

export class StatementCache implements SqliteDatabase {
  private readonly kept = new Map<string, Statement>();

  constructor(
    private readonly connection: SqliteConnection,
    private readonly max = KEPT_STATEMENTS,
  ) {}

  prepare(sql: string): SqliteStatement {
    const found = this.kept.get(sql);
    // A statement still being iterated (a streamed query) cannot run twice at once: compile another for now.
    if (found && !found.busy) {
      // Map order is the recency order: move the statement to the end.
      this.kept.delete(sql);
      this.kept.set(sql, found);
      return found;
    }
    if (found) return this.connection.prepare(sql);
    const statement = this.connection.prepare(sql);
    this.kept.set(sql, statement);
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value as string);
    return statement;
  }

  /** Statements now kept (tests). */
  get size(): number {
    return this.kept.size;
  }

  close(): void {
    this.kept.clear();
    this.connection.close();
  }
}
