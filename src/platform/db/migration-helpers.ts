import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer surrogate key: AUTOINCREMENT on SQLite (ids never reused), an identity column on PostgreSQL. */
export function addId<T extends string>(builder: CreateTableBuilder<T, never>, db: Kysely<any>) {
  return isPostgres(db)
    ? builder.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : builder.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
