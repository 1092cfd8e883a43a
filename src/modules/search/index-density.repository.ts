// Where the indexed documents are in time: documents per publication day (UTC days of their keys), counted from
// the index and remembered. PostgreSQL sizes its time windows from them (search-windows.repository.ts); SQLite
// estimates the size of a large result set from them (sizeFromNewest). Both only need them roughly: a count
// some minutes old will do.
import { sql } from 'kysely';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import { type Executor, sdb } from './search.tables.ts';
import { dayOfKey, firstKeyOf, KEYS_PER_DAY } from './time-facets.ts';

/**
 * Documents per day of the index, as cumulative counts: a window is sized from where the documents really are
 * (a site publishes far more per day lately than years ago, and some days hold thousands), not from the average.
 */
export class Density {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly firstDay: number,
    perDay: Map<number, number>,
    lastDay: number,
  ) {
    this.cumulative = new Float64Array(Math.max(0, lastDay - firstDay + 1) + 1);
    for (let d = firstDay; d <= lastDay; d++)
      this.cumulative[d - firstDay + 1] = this.cumulative[d - firstDay]! + (perDay.get(d) ?? 0);
  }

  private upTo(day: number): number {
    const i = Math.min(Math.max(0, day - this.firstDay), this.cumulative.length - 1);
    return this.cumulative[i]!;
  }

  /** Documents published on days [from, to). */
  docsIn(from: number, to: number): number {
    return this.upTo(to) - this.upTo(from);
  }

  /** Documents with keys in [lo, hi]: whole days, and of the days at either end the share of the day covered. */
  docsBetweenKeys(lo: number, hi: number): number {
    if (hi < lo) return 0;
    const at = (key: number) => {
      const day = dayOfKey(key);
      return this.upTo(day) + this.docsIn(day, day + 1) * ((key - firstKeyOf(day)) / KEYS_PER_DAY);
    };
    return Math.max(0, at(hi + 1) - at(lo));
  }

  /** The largest key (≥ bottom) with at least `depth` documents from it to `top`: `depth` documents back from `top`. */
  keyAtDepth(top: number, depth: number, bottom: number): number {
    if (depth <= 0) return top;
    let lo = bottom;
    let hi = top;
    if (this.docsBetweenKeys(lo, top) < depth) return lo;
    while (lo < hi) {
      const mid = lo + Math.ceil((hi - lo) / 2);
      if (this.docsBetweenKeys(mid, top) >= depth) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The latest start (≥ lowest, < end) of a window ending at `end` that holds at least `docs` documents. */
  startHolding(end: number, docs: number, lowest: number): number {
    let lo = lowest;
    let hi = end - 1;
    if (this.docsIn(lo, end) < docs) return lo;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.docsIn(mid, end) >= docs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

export interface IndexShape {
  docs: number;
  firstDay: number;
  lastDay: number;
  /** Where the documents are in time (per day). */
  density: Density;
}

/**
 * The index's size and time span, remembered for a minute. A remembered newest day must not hide what was
 * published since: windows start after today (publication times are the server's), and any change of the index
 * on this node forgets the shape at once. The documents per day: see countPerDay.
 */
let shape: { at: number; value: Promise<IndexShape | null> } | null = null;
let perDay: { at: number; whole: number; value: Map<number, number> } | null = null;
const SHAPE_TTL_MS = 60_000;
const PER_DAY_TTL_MS = 600_000;
const WHOLE_COUNT_TTL_MS = 6 * 3_600_000;
const RECENT_DAYS = 62;
/** Below this many documents the days are counted whenever the shape is asked for (cheap, and always exact). */
const ALWAYS_COUNTED = 20_000;

/**
 * The narrowest table with one row per indexed document, and its key. PostgreSQL: search_match. SQLite: the FTS5
 * table's own `search_fts_docsize` (its rowid is the document key; one row per document, a few bytes each) —
 * search_docs holds the text, and counting a range of its rows reads 50–100 times as many pages.
 */
function keyTable(pg: boolean) {
  return pg
    ? { table: sql.ref('search_match'), key: sql.ref('doc_key') }
    : { table: sql.ref('search_fts_docsize'), key: sql.ref('id') };
}

/**
 * Counts the documents per day: all days every six hours (one walk of the key index: 0.2–0.6 s at a million
 * documents), the last two months every ten minutes (what publication changes; older days
 * change only by withdrawals), a small index every time.
 */
async function countPerDay(db: Executor, lastDay: number, small: boolean): Promise<Map<number, number>> {
  const now = Date.now();
  if (!small && perDay && now - perDay.at <= PER_DAY_TTL_MS) return perDay.value;
  const whole = small || !perDay || now - perDay.whole > WHOLE_COUNT_TTL_MS;
  const from = lastDay - RECENT_DAYS;
  const pg = isPostgres(db);
  const { table, key } = keyTable(pg);
  // Whole days: a bound number may arrive as a float (SQLite would then divide exactly).
  const day = pg ? sql`(${key} / ${KEYS_PER_DAY})::int` : sql`cast(${key} / ${sql.lit(KEYS_PER_DAY)} as integer)`;
  const counted = await sql<{ day: number; n: number }>`
    select ${day} as day, count(*) as n from ${table}
    ${whole ? sql`` : sql`where ${key} >= ${firstKeyOf(from)}`} group by 1`.execute(db);
  const value = whole || !perDay ? new Map<number, number>() : new Map([...perDay.value].filter(([d]) => d < from));
  for (const x of counted.rows) value.set(Number(x.day), Number(x.n));
  perDay = { at: now, whole: whole || !perDay ? now : perDay.whole, value };
  return value;
}

export function forgetIndexShape(): void {
  shape = null;
}

/**
 * The index's shape. PostgreSQL: its size from the planner's statistics and its first and last keys (two index
 * probes, `withIndexScans` lets the planner use the key index inside a search's bitmap-only transaction); the days
 * are counted from `countDaysFrom` documents (below, they are taken as spread evenly). SQLite: from the days,
 * always counted.
 */
export function indexShape(
  db: Executor,
  countDaysFrom: number,
  withIndexScans: <T>(db: Executor, work: () => Promise<T>) => Promise<T> = (_db, work) => work(),
): Promise<IndexShape | null> {
  if (shape && Date.now() - shape.at < SHAPE_TTL_MS) return shape.value;
  const value = withIndexScans(db, () => (isPostgres(db) ? postgresShape(db, countDaysFrom) : sqliteShape(db)));
  shape = { at: Date.now(), value };
  value.catch(() => {
    shape = null;
  });
  return value;
}

async function postgresShape(db: Executor, countDaysFrom: number): Promise<IndexShape | null> {
  const { rows } = await sql<{ docs: number; first: string | null; last: string | null }>`
      select (select reltuples from pg_class where oid = 'search_match'::regclass) as docs,
             (select min(doc_key) from search_match) as first, (select max(doc_key) from search_match) as last`.execute(
    db,
  );
  const r = rows[0];
  if (!r?.first || !r.last || !(Number(r.docs) > 0)) return null;
  const [firstDay, lastDay] = [dayOfKey(Number(r.first)), dayOfKey(Number(r.last))];
  const days = Number(r.docs) >= countDaysFrom ? await countPerDay(db, lastDay, false) : null;
  // Until the days are counted (a small index), documents are taken as spread evenly.
  const even = new Map<number, number>();
  if (!days) for (let d = firstDay; d <= lastDay; d++) even.set(d, Number(r.docs) / (lastDay - firstDay + 1));
  return { docs: Number(r.docs), firstDay, lastDay, density: new Density(firstDay, days ?? even, lastDay) };
}

async function sqliteShape(db: Executor): Promise<IndexShape | null> {
  const r = await sdb(db)
    .selectFrom('search_docs')
    .select((eb) => [eb.fn.min('doc_key').as('first'), eb.fn.max('doc_key').as('last')])
    .executeTakeFirst();
  if (r?.first === null || r?.first === undefined || r.last === null) return null;
  const [firstDay, lastDay] = [dayOfKey(Number(r.first)), dayOfKey(Number(r.last))];
  const small = !perDay || [...perDay.value.values()].reduce((a, b) => a + b, 0) < ALWAYS_COUNTED;
  const days = await countPerDay(db, lastDay, small);
  const docs = [...days.values()].reduce((a, b) => a + b, 0);
  return { docs, firstDay, lastDay, density: new Density(firstDay, days, lastDay) };
}

/**
 * From this many documents, SQLite estimates the size of a large result set instead of counting it. Up to
 * `exactSpan` documents spanned by matches are counted (the days' counts are minutes old and cut a day evenly).
 * A probe window is sized to hold about `probeMatches` matches.
 */
export const estimating = { from: 20_000, exactSpan: 50_000, probeMatches: 50 };

type Range = { min: number | null; max: number | null };

/**
 * The size of a result set from its newest matches (`newest`, newest first: every match from the oldest of them
 * on, within the range `f`), where counting it would walk every match (FTS5 decodes every posting of every word:
 * 60–90 ms for two frequent words at a million documents). Their share of the documents they span is the rate
 * at the top; below, the older documents are cut into strata that grow fourfold going back (1×, 4×, 16× … the span),
 * and the matches counted in a small window at the top of each stratum give its rate. A word that only lately
 * came into use is then not taken to be as common in every year (a plain extrapolation would), and the windows
 * together read a few thousand postings. (Each probe is a statement, and a query of many words costs ~6 ms to
 * start in FTS5 however small its window: hence few strata, growing fast.) `countIn` counts the matches in a range;
 * a small index is counted with it.
 */
export async function sizeFromNewest(
  db: Executor,
  newest: number[],
  f: Range,
  countIn: (range: Range) => Promise<number>,
): Promise<number> {
  const s = await indexShape(db, Number.POSITIVE_INFINITY);
  const oldest = newest.at(-1);
  if (!s || s.docs < estimating.from || oldest === undefined) return countIn(f);
  const top = f.max ?? firstKeyOf(s.lastDay + 1) - 1;
  const bottom = f.min ?? firstKeyOf(s.firstDay);
  const spanned = Math.max(newest.length, await docsSpanned(db, s.density, oldest, top));
  const older = s.density.docsBetweenKeys(bottom, oldest - 1);
  const rate = Math.min(1, newest.length / spanned);
  // Older documents no more than those spanned: the rate at the top is as good a guess as any.
  if (older <= spanned) return Math.round(newest.length + rate * older);
  let found = newest.length;
  for (let depth = 0, size = spanned; depth < older; depth += size, size *= 4) {
    const stratum = Math.min(size, older - depth);
    const window = Math.min(stratum, Math.ceil(estimating.probeMatches / rate));
    const hi = s.density.keyAtDepth(oldest - 1, depth, bottom);
    const lo = s.density.keyAtDepth(oldest - 1, depth + window, bottom);
    const docs = await docsSpanned(db, s.density, lo, hi);
    found += docs > 0 ? Math.min(1, (await countIn({ min: lo, max: hi })) / docs) * stratum : rate * stratum;
  }
  return Math.max(newest.length, Math.round(Math.min(found, spanned + older)));
}

/** Documents with keys from `lo` to `hi`: counted when few enough to count in a millisecond, else from the days. */
async function docsSpanned(db: Executor, density: Density, lo: number, hi: number): Promise<number> {
  const estimate = density.docsBetweenKeys(lo, hi);
  if (estimate > estimating.exactSpan) return estimate;
  const { table, key } = keyTable(isPostgres(db));
  const r = await sql<{ n: number }>`select count(*) as n from ${table}
    where ${key} >= cast(${lo} as bigint) and ${key} <= cast(${hi} as bigint)`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
