// All SQL of the visitor statistics. Counts are added with upserts, so several app nodes sharing one
// PostgreSQL database add to the same rows; visitor hashes are inserted with ON CONFLICT DO NOTHING, so a
// visitor seen by two nodes is one row.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Rows per INSERT: well under SQLite's bound-parameter limit. */
const BATCH = 200;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

export interface PageCount {
  siteId: number;
  day: string;
  path: string;
  columnId: number | null;
  views: number;
}

export interface VisitorRow {
  siteId: number;
  day: string;
  path: string;
  hash: string;
}

// ---------- the day's salt ----------

/** The salt of `day`: `fresh` is stored when the day has none yet, else the stored one is returned. */
export async function daySalt(db: Executor, day: string, fresh: { salt: string; at: string }): Promise<string | null> {
  await db
    .insertInto('stats_salts')
    .values({ day, salt: fresh.salt, created_at: fresh.at })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
  const row = await db.selectFrom('stats_salts').select('salt').where('day', '=', day).executeTakeFirst();
  return row?.salt ?? null;
}

// ---------- flush ----------

/** (site, day) pairs already closed: their visitors are counted and no more hashes are accepted for them. */
export async function closedDays(db: Executor, days: string[]): Promise<Set<string>> {
  if (days.length === 0) return new Set();
  const rows = await db
    .selectFrom('stats_site_days')
    .select(['site_id', 'day'])
    .where('closed', '=', 1)
    .where('day', 'in', days)
    .execute();
  return new Set(rows.map((r) => `${r.site_id}|${r.day}`));
}

export async function addPageViews(trx: Executor, counts: PageCount[]): Promise<void> {
  for (const batch of chunks(counts)) {
    await trx
      .insertInto('stats_page_days')
      .values(
        batch.map((c) => ({
          site_id: c.siteId,
          day: c.day,
          path: c.path,
          column_id: c.columnId,
          views: c.views,
          visitors: 0,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['site_id', 'day', 'path']).doUpdateSet({
          views: sql<number>`stats_page_days.views + excluded.views`,
          column_id: sql<number | null>`excluded.column_id`,
        }),
      )
      .execute();
  }
}

export async function addSiteViews(
  trx: Executor,
  counts: { siteId: number; day: string; views: number }[],
): Promise<void> {
  for (const batch of chunks(counts)) {
    await trx
      .insertInto('stats_site_days')
      .values(batch.map((c) => ({ site_id: c.siteId, day: c.day, views: c.views, visitors: 0, closed: 0 as const })))
      .onConflict((oc) =>
        oc.columns(['site_id', 'day']).doUpdateSet({ views: sql<number>`stats_site_days.views + excluded.views` }),
      )
      .execute();
  }
}

export async function addVisitors(trx: Executor, rows: VisitorRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await trx
      .insertInto('stats_visitors')
      .values(batch.map((r) => ({ site_id: r.siteId, day: r.day, path: r.path, visitor_hash: r.hash })))
      .onConflict((oc) => oc.columns(['site_id', 'day', 'path', 'visitor_hash']).doNothing())
      .execute();
  }
}

// ---------- closing a day ----------

/** (site, day) pairs before `beforeDay` still open, or still holding hashes. */
export async function openDaysBefore(db: Executor, beforeDay: string): Promise<{ siteId: number; day: string }[]> {
  const open = await db
    .selectFrom('stats_site_days')
    .select(['site_id', 'day'])
    .where('closed', '=', 0)
    .where('day', '<', beforeDay)
    .execute();
  const held = await db
    .selectFrom('stats_visitors')
    .select(['site_id', 'day'])
    .distinct()
    .where('day', '<', beforeDay)
    .execute();
  const seen = new Map<string, { siteId: number; day: string }>();
  for (const r of [...open, ...held]) seen.set(`${r.site_id}|${r.day}`, { siteId: r.site_id, day: r.day });
  return [...seen.values()].sort((a, b) => a.day.localeCompare(b.day) || a.siteId - b.siteId);
}

/**
 * Closes one (site, day): counts its unique visitors per page and for the whole site, stores the counts and
 * deletes the hashes. The row is claimed first (UPDATE … WHERE closed = 0), so when two nodes close the same
 * day at once, the second waits for the first and then finds nothing left to do. Returns false when the day
 * was closed already (its stray hashes are deleted all the same).
 */
export async function closeDay(trx: Transaction<Database>, siteId: number, day: string): Promise<boolean> {
  await trx
    .insertInto('stats_site_days')
    .values({ site_id: siteId, day, views: 0, visitors: 0, closed: 0 })
    .onConflict((oc) => oc.columns(['site_id', 'day']).doNothing())
    .execute();
  const claimed = await trx
    .updateTable('stats_site_days')
    .set({ closed: 1 })
    .where('site_id', '=', siteId)
    .where('day', '=', day)
    .where('closed', '=', 0)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 1) {
    const perPage = await trx
      .selectFrom('stats_visitors')
      .select(['path', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', siteId)
      .where('day', '=', day)
      .groupBy('path')
      .execute();
    for (const p of perPage) {
      await trx
        .updateTable('stats_page_days')
        .set({ visitors: Number(p.n) })
        .where('site_id', '=', siteId)
        .where('day', '=', day)
        .where('path', '=', p.path)
        .execute();
    }
    const site = await trx
      .selectFrom('stats_visitors')
      .select((eb) => eb.fn.count<number>('visitor_hash').distinct().as('n'))
      .where('site_id', '=', siteId)
      .where('day', '=', day)
      .executeTakeFirst();
    await trx
      .updateTable('stats_site_days')
      .set({ visitors: Number(site?.n ?? 0) })
      .where('site_id', '=', siteId)
      .where('day', '=', day)
      .execute();
  }
  await trx.deleteFrom('stats_visitors').where('site_id', '=', siteId).where('day', '=', day).execute();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function deleteSaltsBefore(db: Executor, beforeDay: string): Promise<void> {
  await db.deleteFrom('stats_salts').where('day', '<', beforeDay).execute();
}

// ---------- reading ----------

export interface DayFigures {
  day: string;
  views: number;
  visitors: number;
}

/** Per day in [from, to]: views, and unique visitors — stored for closed days, counted live for open ones. */
export async function siteDays(db: Executor, siteId: number, from: string, to: string): Promise<DayFigures[]> {
  const stored = await db
    .selectFrom('stats_site_days')
    .select(['day', 'views', 'visitors', 'closed'])
    .where('site_id', '=', siteId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  const open = stored.filter((r) => r.closed === 0).map((r) => r.day);
  const live = new Map<string, number>();
  if (open.length > 0) {
    const rows = await db
      .selectFrom('stats_visitors')
      .select(['day', (eb) => eb.fn.count<number>('visitor_hash').distinct().as('n')])
      .where('site_id', '=', siteId)
      .where('day', 'in', open)
      .groupBy('day')
      .execute();
    for (const r of rows) live.set(r.day, Number(r.n));
  }
  return stored.map((r) => ({
    day: r.day,
    views: Number(r.views),
    visitors: r.closed === 1 ? Number(r.visitors) : (live.get(r.day) ?? 0),
  }));
}

export interface PageFigures {
  path: string;
  columnId: number | null;
  views: number;
  visitors: number;
}

/** The most viewed pages of the range; visitors are summed daily unique visitors (live for open days). */
export async function topPages(
  db: Executor,
  siteId: number,
  from: string,
  to: string,
  limit: number,
): Promise<PageFigures[]> {
  const rows = await db
    .selectFrom('stats_page_days')
    .select([
      'path',
      (eb) => eb.fn.sum<number>('views').as('views'),
      (eb) => eb.fn.sum<number>('visitors').as('visitors'),
      (eb) => eb.fn.max('column_id').as('column_id'),
    ])
    .where('site_id', '=', siteId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('path')
    .orderBy('views', 'desc')
    .orderBy('path')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const live = await db
    .selectFrom('stats_visitors')
    .select(['path', (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where(
      'path',
      'in',
      rows.map((r) => r.path),
    )
    .groupBy('path')
    .execute();
  const liveBy = new Map(live.map((r) => [r.path, Number(r.n)]));
  return rows.map((r) => ({
    path: r.path,
    columnId: r.column_id === null ? null : Number(r.column_id),
    views: Number(r.views),
    visitors: Number(r.visitors ?? 0) + (liveBy.get(r.path) ?? 0),
  }));
}

/** The columns whose pages (the column page and its content pages) were viewed most. */
export async function topColumns(
  db: Executor,
  siteId: number,
  from: string,
  to: string,
  limit: number,
): Promise<{ columnId: number; views: number }[]> {
  const rows = await db
    .selectFrom('stats_page_days')
    .select(['column_id', (eb) => eb.fn.sum<number>('views').as('views')])
    .where('site_id', '=', siteId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('column_id', 'is not', null)
    .groupBy('column_id')
    .orderBy('views', 'desc')
    .orderBy('column_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ columnId: Number(r.column_id), views: Number(r.views) }));
}

export interface ColumnRow {
  id: number;
  parentId: number | null;
  slug: string;
  name: string;
}

export async function columnsOf(db: Executor, siteId: number): Promise<ColumnRow[]> {
  const rows = await db
    .selectFrom('columns')
    .select(['id', 'parent_id', 'slug', 'name'])
    .where('site_id', '=', siteId)
    .execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, slug: r.slug, name: r.name }));
}

export async function publishedTitles(db: Executor, siteId: number, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('published_items')
    .select(['content_id', 'title'])
    .where('site_id', '=', siteId)
    .where('content_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.content_id, r.title]));
}
