import type { Db } from '../db/database.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export const listYears = (db: Db) => db.selectFrom('calendar_years').selectAll().orderBy('year').execute();

export const findYear = (db: Db | Kysely<Database>, year: number) =>
  db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();

export async function saveYear(
  db: Kysely<Database>,
  row: { year: number; days: string; source: string; entered_by: number | null; at: string },
): Promise<void> {
  const { at, ...values } = row;
  await db
    .insertInto('calendar_years')
    .values({ ...values, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ days: row.days, source: row.source, entered_by: row.entered_by, updated_at: at }),
    )
    .execute();
}

export const deleteYear = (db: Kysely<Database>, year: number) =>
  db.deleteFrom('calendar_years').where('year', '=', year).execute();
