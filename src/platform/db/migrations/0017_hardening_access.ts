// Frozen once shipped. Access hardening:
// - auth_attempts: failed-attempt counters of staff logins (per account name, known or not, and per IP address)
//   and of password changes (per account). Each attempt increments its counter in one atomic upsert and the
//   decision is taken on the number it got back, so parallel guesses on any number of nodes cannot exceed the
//   policy. Transient, like the citizens' counters.
// - search_log_days: the search log as daily totals per site and query (no IP, no time of day, no session),
//   replacing the row-per-search search_log, whose rows are folded into it.
import type { Kysely } from 'kysely';
import { startOfShanghaiDay } from '../../time.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_attempts')
    .addColumn('scope', 'varchar(40)', (c) => c.notNull())
    .addColumn('key', 'varchar(128)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_attempts_pk', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('auth_attempts_updated').on('auth_attempts').column('updated_at').execute();

  await db.schema
    .createTable('search_log_days')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    // The Asia/Shanghai day, as the UTC instant it starts (ISO text, compared like every stored time).
    .addColumn('day', 'varchar(32)', (c) => c.notNull())
    .addColumn('query', 'varchar(100)', (c) => c.notNull())
    .addColumn('searches', 'integer', (c) => c.notNull())
    .addColumn('zero_results', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_log_days_pk', ['site_id', 'day', 'query'])
    .execute();
  await db.schema.createIndex('search_log_days_day').on('search_log_days').columns(['site_id', 'day']).execute();
  const rows = await db.selectFrom('search_log').select(['site_id', 'query', 'results', 'at']).orderBy('id').execute();
  const totals = new Map<
    string,
    { site_id: number; day: string; query: string; searches: number; zero_results: number }
  >();
  for (const r of rows as { site_id: number; query: string; results: number; at: string }[]) {
    const day = startOfShanghaiDay(r.at).toISOString();
    const key = `${r.site_id}\u0000${day}\u0000${r.query}`;
    const total = totals.get(key) ?? { site_id: r.site_id, day, query: r.query, searches: 0, zero_results: 0 };
    total.searches += 1;
    if (Number(r.results) === 0) total.zero_results += 1;
    totals.set(key, total);
  }
  const list = [...totals.values()];
  for (let i = 0; i < list.length; i += 500)
    await db
      .insertInto('search_log_days')
      .values(list.slice(i, i + 500))
      .execute();
  await db.schema.dropTable('search_log').execute();
}
