// PostgreSQL: the newest matches of a query through time windows of the GIN index. A GIN bitmap scan costs what
// the posting lists it reads cost: a word in most items has a posting list of most of the index (a million
// entries at a million items, ~100 ms), and its bitmap heap scan visits one heap page per match. Documents carry
// time facets (time-facets.ts), so `query & (facets of a window)` makes GIN walk the window's short lists and
// skip through the word's; the window is sized from the planner's estimate to hold about twice the matches
// wanted, and grows eightfold while it holds too few. When the window would cover most of the index (a rare
// query), one plain bitmap scan over everything is cheaper, and exact. Small indexes are searched plainly.
import { sql } from 'kysely';
import { PER_SECOND, secondsOf } from './kinds.ts';
import { type MatchNode, and, or, term, toTsquery, withoutPrefixes } from './match.ts';
import type { Executor } from './search.tables.ts';
import { dayOfKey, firstKeyOf, spanFacets } from './time-facets.ts';

export interface KeyFilter {
  min: number | null;
  max: number | null;
  exclude?: number[];
}

/**
 * Below `from` documents the windows are not worth a round trip; a prefix-free superset is looked up instead of
 * a query with prefixes while it finds at most `looseRatio` times as many documents (see looseWorthIt). Tests
 * change both to exercise every path.
 */
export const windowing = { from: 20_000, looseRatio: 4 };
/** Windows are sized to hold this many times the matches wanted, and grow by GROWTH while they hold too few. */
const MARGIN = 2;
const GROWTH = 8;

export function conditions(pg: boolean, f: KeyFilter) {
  const key = pg ? sql.ref('doc_key') : sql.raw('rowid');
  const parts = [];
  if (f.min !== null) parts.push(sql`${key} >= ${f.min}`);
  if (f.max !== null) parts.push(sql`${key} <= ${f.max}`);
  if (f.exclude?.length) parts.push(sql`${key} not in (${sql.join(f.exclude)})`);
  return parts.length ? sql` and ${sql.join(parts, sql` and `)}` : sql``;
}

const tsMatch = (node: MatchNode) => sql`tsv @@ cast(${toTsquery(node)} as tsquery)`;

/**
 * A prefix (税 → every title bigram starting with 税) is a GIN partial match: GIN reads the posting lists of
 * every lexeme with that prefix into one bitmap whatever else the query asks, so time windows cannot shorten
 * it (`'g市':*`, in most titles, costs ~0.4 s at a million documents). When the query without its prefixes
 * finds at most `windowing.looseRatio` times as many documents, those are looked up through the index and the whole query
 * is tested on each: `ts_match_vq` is the `@@` operator as a function, which the planner does not take to the
 * index. The matches are the same either way.
 */
export async function looseWorthIt(db: Executor, node: MatchNode, f: KeyFilter): Promise<boolean> {
  const loose = withoutPrefixes(node);
  if (!loose || toTsquery(loose) === toTsquery(node)) return false;
  const whole = await estimateMatches(db, node, f);
  return (await estimateMatches(db, loose, f)) <= windowing.looseRatio * Math.max(whole, 100);
}

/** The match condition: the whole query through the index, or (`loose`) its prefix-free superset, then tested. */
export function matchCondition(node: MatchNode, loose: boolean) {
  const cheap = loose ? withoutPrefixes(node) : null;
  if (!cheap) return tsMatch(node);
  return sql`tsv @@ cast(${toTsquery(cheap)} as tsquery) and ts_match_vq(tsv, cast(${toTsquery(node)} as tsquery))`;
}

interface IndexShape {
  docs: number;
  firstDay: number;
  lastDay: number;
}

/** Estimates already asked for in this transaction (one search). */
const estimates = new WeakMap<Executor, Map<string, Promise<number>>>();

/**
 * The index's size and time span, remembered for a minute (asking costs two index probes that the bitmap-only
 * planner settings of a search would otherwise turn into full scans). A remembered newest day must not hide what
 * was published since: the windows start after today (publication times are the server's), and any change of
 * the index on this node forgets the shape at once.
 */
let shape: { at: number; value: Promise<IndexShape | null> } | null = null;
const SHAPE_TTL_MS = 60_000;

export function forgetIndexShape(): void {
  shape = null;
}

function indexShape(db: Executor): Promise<IndexShape | null> {
  if (shape && Date.now() - shape.at < SHAPE_TTL_MS) return shape.value;
  const value = (async () => {
    await sql`select set_config('enable_indexscan', 'on', true)`.execute(db);
    try {
      const { rows } = await sql<{ docs: number; first: string | null; last: string | null }>`
        select (select reltuples from pg_class where oid = 'search_match'::regclass) as docs,
               (select min(doc_key) from search_match) as first, (select max(doc_key) from search_match) as last`.execute(
        db,
      );
      const r = rows[0];
      return r?.first && r.last && Number(r.docs) > 0
        ? { docs: Number(r.docs), firstDay: dayOfKey(Number(r.first)), lastDay: dayOfKey(Number(r.last)) }
        : null;
    } finally {
      await sql`select set_config('enable_indexscan', 'off', true)`.execute(db);
    }
  })();
  shape = { at: Date.now(), value };
  value.catch(() => {
    shape = null;
  });
  return value;
}

/** The planner's estimate of the number of matches (from the tsvector statistics); one EXPLAIN per query. */
export function estimateMatches(db: Executor, node: MatchNode, f: KeyFilter): Promise<number> {
  const key = `${toTsquery(node)}|${f.min}|${f.max}`;
  let known = estimates.get(db);
  if (!known) {
    known = new Map();
    if (db.isTransaction) estimates.set(db, known);
  }
  let estimate = known.get(key);
  if (!estimate) {
    estimate = sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`
      explain (format json) select 1 from search_match where ${tsMatch(node)}${conditions(true, f)}`
      .execute(db)
      .then((r) => Math.round(Number(r.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0)));
    known.set(key, estimate);
  }
  return estimate;
}

async function newestIn(db: Executor, node: MatchNode, f: KeyFilter, limit: number, loose: boolean): Promise<number[]> {
  const r = await sql<{ k: number }>`
    select doc_key as k from search_match where ${matchCondition(node, loose)}${conditions(true, f)}
    order by doc_key desc limit ${limit}`.execute(db);
  return r.rows.map((x) => Number(x.k));
}

/**
 * The newest `limit` matching keys, newest first (all of them when there are fewer): exact, whatever the
 * windows. Each window is the span of days before the previous one, so results arrive newest first.
 */
export async function newestMatches(db: Executor, node: MatchNode, f: KeyFilter, limit: number): Promise<number[]> {
  const shape = await indexShape(db);
  const loose = await looseWorthIt(db, node, f);
  if (!shape || shape.docs < windowing.from) return newestIn(db, node, f, limit, loose);
  const estimate = Math.max(1, await estimateMatches(db, node, f));
  const lowest = Math.max(shape.firstDay, f.min === null ? shape.firstDay : dayOfKey(f.min));
  const newest = Math.max(shape.lastDay, dayOfKey(secondsOf(new Date().toISOString()) * PER_SECOND) + 1);
  let end = Math.min(newest, f.max === null ? newest : dayOfKey(f.max)) + 1;
  // Days expected to hold MARGIN × limit matches, if matches spread evenly over the days searched. At most an
  // eighth of them at first: the planner assumes words independent, so its estimate for an AND of related
  // frequent words (营商 环境 座谈会) can be far too low, and a scan of everything would read their whole lists.
  let days = Math.min(
    Math.ceil((MARGIN * limit * (end - lowest)) / estimate),
    Math.max(1, Math.ceil((end - lowest) / GROWTH)),
  );
  const out: number[] = [];
  while (out.length < limit && end > lowest) {
    const start = end - days;
    // A window over most of what is left: one scan of everything older is cheaper.
    if (end - start > (end - lowest) / 2) {
      const older = { ...f, max: cap(f.max, firstKeyOf(end) - 1) };
      out.push(...(await newestIn(db, node, older, limit - out.length, loose)));
      break;
    }
    const window = or(spanFacets(start, end).map((t) => term(t, ['facets'])));
    out.push(...(await newestIn(db, and([node, window]), f, limit - out.length, loose)));
    end = start;
    days *= GROWTH;
  }
  return out;
}

const cap = (max: number | null, limit: number) => (max === null ? limit : Math.min(max, limit));
