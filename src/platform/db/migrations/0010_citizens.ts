// Frozen once shipped. The foundations of every citizen-facing feature:
// - calendar_years: the statutory working-day calendar of years the site administrator entered (holidays and
//   调休 make-up working days, from the State Council's annual notice). Shipped years live in the code
//   (src/platform/calendar/holidays.json); an entered year overrides a shipped one.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    // JSON: [{date: 'yyyy-MM-dd', off: true (放假) | false (调休上班), name: '春节'}]
    .addColumn('days', 'text', (c) => c.notNull())
    // Where the arrangement comes from: the notice's title or number.
    .addColumn('source', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The citizens migration cannot be reverted');
}
