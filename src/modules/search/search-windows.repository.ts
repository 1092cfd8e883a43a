// PostgreSQL: the newest matches of a query. A GIN bitmap scan costs what the posting lists it reads cost (a word
// in most items has a posting list of most of the index: a million entries at a million items) plus one heap
// page per match. So: a frequent query walks the newest documents backwards along the key index and tests each
// (its newest ten are among the newest few dozen); any other goes through time windows: documents carry time
// facets (time-facets.ts), and `query & (facets of a window)` makes GIN walk the window's short lists and skip
// through the query's. A window is sized from where the documents are (documents per day) and the query's share
// of them — the planner's estimate at first, then what the windows already read showed. When a window would cover
// most of the index (a rare query), one plain bitmap scan over everything is cheaper, and exact. Small indexes
// are searched plainly.
import { sql } from 'kysely';
import { PER_SECOND, secondsOf } from './kinds.ts';
import { type MatchNode, and, or, term, toTsquery, withoutPrefixes } from './match.ts';
import type { Executor } from './search.tables.ts';
import { type IndexShape, indexShape as shapeOf } from './index-density.repository.ts';
import { dayOfKey, firstKeyOf, monthStartAfter, monthStartOnOrBefore, spanFacets } from './time-facets.ts';

export interface KeyFilter {
  min: number | null;
  max: number | null;
  exclude?: number[];
}

/**
 * Below `from` documents the windows are not worth a round trip; a prefix-free superset is looked up instead of
 * a query with prefixes while it finds at most `looseRatio` times as many documents (see looseWorthIt); a query
 * expected to fill its page within the newest `walk` documents is found by walking them (see walkNewest), and
 * any other walks the newest `probe` first to measure its share; one expected to match at most `plain` documents
 * in all is then one plain bitmap scan. Tests
 * change them to exercise every path.
 */
export const windowing = { from: 20_000, looseRatio: 4, walk: 3_000, plain: 4_000, probe: 500 };
/** Windows and walks are sized to hold this many times the matches wanted. */
const MARGIN = 1.5;
/** How much larger the next window is when one held nothing. */
const GROWTH = 8;

/**
 * The key range as SQL conditions. SQLite: FTS5 takes a rowid bound to start or stop its walk only when the value
 * is an integer, and a JavaScript number is bound as a float — so the bound is cast (otherwise FTS5 walks every
 * posting and SQLite drops those out of range afterwards: 55 ms instead of 1 ms for a frequent word's last days).
 */
export function conditions(pg: boolean, f: KeyFilter) {
  const key = pg ? sql.ref('doc_key') : sql.raw('rowid');
  const bound = (n: number) => (pg ? sql`${n}` : sql`cast(${n} as integer)`);
  const parts = [];
  if (f.min !== null) parts.push(sql`${key} >= ${bound(f.min)}`);
  if (f.max !== null) parts.push(sql`${key} <= ${bound(f.max)}`);
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

/** Estimates already asked for in this transaction (one search). */
const estimates = new WeakMap<Executor, Map<string, Promise<number>>>();

const indexShape = (db: Executor) => shapeOf(db, windowing.from, withIndexScans);

/** Runs `work` with index scans allowed (a search's transaction allows only bitmap scans, see reading()). */
async function withIndexScans<T>(db: Executor, work: () => Promise<T>, bitmaps = true): Promise<T> {
  await sql`select set_config('enable_indexscan', 'on', true), set_config('enable_bitmapscan', ${bitmaps ? 'on' : 'off'}, true)`.execute(
    db,
  );
  try {
    return await work();
  } finally {
    await sql`select set_config('enable_indexscan', 'off', true), set_config('enable_bitmapscan', 'on', true)`.execute(
      db,
    );
  }
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
 * The matches among the newest `rows` documents (within the filter), newest first, at most `limit`: the key
 * index walked backwards and each row tested. For a frequent query this is the cheapest way to its newest
 * matches — the newest ten of a word in a third of the documents are found after some thirty rows, where any
 * bitmap scan reads every match of its window — and `rows` bounds the walk when the query is rarer than it
 * seemed. Returns also the oldest key walked when the walk stopped before the oldest document.
 */
async function walkNewest(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  limit: number,
  rows: number,
): Promise<{ keys: number[]; below: number | null }> {
  return withIndexScans(
    db,
    async () => {
      const found = await sql<{ k: number }>`
        select doc_key as k from (
          select doc_key, tsv from search_match where true${conditions(true, f)} order by doc_key desc limit ${rows}
        ) recent where ${tsMatch(node)} order by doc_key desc limit ${limit}`.execute(db);
      const keys = found.rows.map((x) => Number(x.k));
      if (keys.length >= limit) return { keys, below: null };
      const last = await sql<{ k: number }>`
        select doc_key as k from search_match where true${conditions(true, f)}
        order by doc_key desc offset ${rows - 1} limit 1`.execute(db);
      return { keys, below: last.rows[0] ? Number(last.rows[0].k) : null };
    },
    false,
  );
}

/** Newest matches already found in this transaction (one search), by query and date range. */
const found = new WeakMap<Executor, Map<string, { keys: number[]; complete: boolean }>>();
const foundKey = (node: MatchNode, f: KeyFilter) => `${toTsquery(node)}|${f.min}|${f.max}`;

/**
 * The newest `limit` matches from what this search already found, when that settles them: the same query (all
 * earlier keys but the excluded ones), or a tab (the kind is the key's last three bits, so a tab's newest matches
 * are the query's newest matches of that kind: a tab's first pages come from the sample its counts were taken
 * from).
 */
function fromEarlier(db: Executor, node: MatchNode, f: KeyFilter, limit: number): number[] | null {
  const known = earlierKeys(db, node, f);
  return known && (known.complete || known.keys.length >= limit) ? known.keys.slice(0, limit) : null;
}

/**
 * The newest matches of `node` this search already found (but the excluded), directly or as a tab of a query
 * found: `complete` when they are all its matches, else every match newer than `oldest` is among them.
 */
function earlierKeys(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
): { keys: number[]; complete: boolean; oldest: number | null } | null {
  const memo = found.get(db);
  if (!memo) return null;
  const excluded = new Set(f.exclude ?? []);
  const kind = node.op === 'and' ? node.items.findIndex((i) => i.op === 'term' && /^k\d$/.test(i.token)) : -1;
  const candidates: [MatchNode, number | null][] = [[node, null]];
  if (node.op === 'and' && kind >= 0) {
    const facet = node.items[kind] as Extract<MatchNode, { op: 'term' }>;
    if (facet.fields.length === 1 && facet.fields[0] === 'facets')
      candidates.push([and(node.items.filter((_, i) => i !== kind)), Number(facet.token.slice(1))]);
  }
  let best: { keys: number[]; complete: boolean; oldest: number | null } | null = null;
  for (const [n, code] of candidates) {
    const hit = memo.get(foundKey(n, f));
    if (!hit) continue;
    const keys = hit.keys.filter((k) => !excluded.has(k) && (code === null || k % 8 === code));
    const known = { keys, complete: hit.complete, oldest: hit.keys.at(-1) ?? null };
    if (!best || known.complete || keys.length > best.keys.length) best = known;
    if (known.complete) break;
  }
  return best;
}

/** At most this many of a wider query's known matches are tested against a narrower one (see withinEarlier). */
const WITHIN_TESTED = 256;

/**
 * The newest matches of `node` when this search already found the newest matches of `within`, a query it narrows
 * (a ranking tier — the words in the title — within all matches): those are tested row by row, newest first (a
 * few dozen usually hold a page of the tier), where the tier's own lookup read a heap page for each of its
 * matches, thousands for two words that go together. What lies below the keys tested is looked up as usual.
 */
async function withinEarlier(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  limit: number,
  within: MatchNode,
): Promise<number[] | null> {
  const known = earlierKeys(db, within, f);
  if (!known) return null;
  const tested = known.keys.slice(0, WITHIN_TESTED);
  const out: number[] = [];
  let last = known.oldest;
  for (let i = 0, size = 64; i < tested.length && out.length < limit; i += size, size *= 3) {
    const part = tested.slice(i, i + size);
    // As a function, the test is not taken to the GIN index: only these rows are read.
    const r = await sql<{ k: number }>`
      select doc_key as k from search_match
      where doc_key in (${sql.join(part)}) and ts_match_vq(tsv, cast(${toTsquery(node)} as tsquery))`.execute(db);
    out.push(...r.rows.map((x) => Number(x.k)).sort((a, b) => b - a));
    last = part.at(-1) ?? last;
    // None among the first: a tier this rare is found faster by its own lookup.
    if (out.length === 0) break;
  }
  if (out.length >= limit) return out.slice(0, limit);
  const all = tested.length === known.keys.length && (tested.length === 0 || last === known.keys.at(-1));
  if (all && known.complete) return out;
  // Every match of `within` newer than this was tested (all known ones: newer than the oldest known).
  const boundary = all ? known.oldest : last;
  if (boundary === null) return null;
  out.push(...(await findNewest(db, node, { ...f, max: cap(f.max, boundary - 1) }, limit - out.length)));
  return out;
}

function remember(db: Executor, node: MatchNode, f: KeyFilter, limit: number, keys: number[]): number[] {
  if (!db.isTransaction || f.exclude?.length) return keys;
  let memo = found.get(db);
  if (!memo) {
    memo = new Map();
    found.set(db, memo);
  }
  const key = foundKey(node, f);
  const known = memo.get(key);
  if (!known || keys.length > known.keys.length) memo.set(key, { keys, complete: keys.length < limit });
  return keys;
}

/**
 * The newest `limit` matching keys, newest first (all of them when there are fewer): exact, whatever the path.
 * A query expected to fill `limit` within the newest `windowing.walk` documents walks them; a query expected to
 * match few documents is one plain bitmap scan; otherwise (or after a walk that fell short) each time window is
 * the span before the previous one, so results arrive newest first.
 */
export async function newestMatches(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  limit: number,
  within?: MatchNode,
): Promise<number[]> {
  const earlier = fromEarlier(db, node, f, limit);
  if (earlier) return earlier;
  const narrowed =
    within && toTsquery(within) !== toTsquery(node) ? await withinEarlier(db, node, f, limit, within) : null;
  return remember(db, node, f, limit, narrowed ?? (await findNewest(db, node, f, limit)));
}

async function findNewest(db: Executor, node: MatchNode, f: KeyFilter, limit: number): Promise<number[]> {
  const shape = await indexShape(db);
  const loose = await looseWorthIt(db, node, f);
  if (!shape || shape.docs < windowing.from) return newestIn(db, node, f, limit, loose);
  const planned = Math.min(1, Math.max(1, await estimateMatches(db, node, f)) / shape.docs);
  // First the newest documents: as many as the planner's share says hold MARGIN × limit matches when that is few
  // enough to walk, else a probe. The planner takes words as independent, so for words that go together (人民
  // 政府) its share can be a hundred times too low: what the probe finds is the better estimate.
  const fits = Math.ceil((MARGIN * limit) / planned);
  const rows = Math.max(1, fits <= windowing.walk ? fits : windowing.probe);
  const probe = await walkNewest(db, node, f, limit, rows);
  const out = [...probe.keys];
  if (out.length >= limit || probe.below === null) return out;
  let filter: KeyFilter = { ...f, max: probe.below - 1 };
  let seen = out.length;
  let walked = rows;
  // A few matches are a measure of the share; one or two only hint at it (taken high, so as not to scan plainly
  // what holds thousands), none only bounds it.
  const sure = (n: number) => n >= 3;
  const measured = () => (sure(seen) ? seen / walked : seen > 0 ? (seen + 1) / walked : Math.min(planned, 1 / walked));
  let share = measured();
  const more = Math.ceil((MARGIN * (limit - out.length)) / share);
  if (more <= windowing.walk) {
    const next = await walkNewest(db, node, filter, limit - out.length, more);
    out.push(...next.keys);
    if (out.length >= limit || next.below === null) return out;
    filter = { ...f, max: next.below - 1 };
    seen += next.keys.length;
    walked += more;
    share = measured();
  }
  // Few matches in all: one bitmap scan of everything older reads them all, fewer than any windows would.
  if (share * shape.docs <= windowing.plain) {
    out.push(...(await newestIn(db, node, filter, limit - out.length, loose)));
    return out;
  }
  await throughWindows(db, node, filter, limit, { shape, share, loose, out, cautious: !sure(seen) });
  return out;
}

async function throughWindows(
  db: Executor,
  node: MatchNode,
  f: KeyFilter,
  limit: number,
  s: { shape: IndexShape; share: number; loose: boolean; out: number[]; cautious: boolean },
): Promise<void> {
  const { shape, loose, out } = s;
  const density = shape.density;
  let share = s.share;
  const lowest = Math.max(shape.firstDay, f.min === null ? shape.firstDay : dayOfKey(f.min));
  const newest = Math.max(shape.lastDay, dayOfKey(secondsOf(new Date().toISOString()) * PER_SECOND) + 1);
  let end = Math.min(newest, f.max === null ? newest : dayOfKey(f.max)) + 1;
  const firstEnd = end;
  let first = s.cautious;
  while (out.length < limit && end > lowest) {
    const left = density.docsIn(lowest, end);
    // Documents expected to hold MARGIN × the matches still wanted. At first, when the share is the planner's, at
    // most an eighth of what is left: the planner assumes words independent, so its estimate for an AND of related
    // frequent words (营商 环境 座谈会) can be far too low, and a scan of everything would read their whole lists.
    let docs = (MARGIN * (limit - out.length)) / share;
    if (first) docs = Math.min(docs, Math.max(1, left / GROWTH));
    first = false;
    const holding = Math.min(end - 1, density.startHolding(end, docs, lowest));
    // Windows of four weeks or more start on a month's edge (a year's, from a year on); shorter ones stay exact
    // to the day (a busy day can hold more than a month of a quiet year).
    const long = end - holding >= 28;
    const start = long ? monthStartOnOrBefore(holding, end - holding >= 365) : holding;
    const inWindow = density.docsIn(start, end);
    // A window over a large part of what is left: one scan of everything older is cheaper (GIN checks every
    // candidate against each facet of a window, ~60 ms for a year-long window of an AND of four words).
    if (inWindow > left / 4 || start <= lowest) {
      const older = { ...f, max: cap(f.max, firstKeyOf(end) - 1) };
      out.push(...(await newestIn(db, node, older, limit - out.length, loose)));
      return;
    }
    // A long first window ends on a month's edge too: what it covers beyond the filter's last key (or in the
    // future) is left out by the key condition (or is not there).
    const facetEnd = long && end === firstEnd ? monthStartAfter(end - 1) : end;
    const window = or(spanFacets(start, facetEnd).map((t) => term(t, ['facets'])));
    const got = await newestIn(db, and([node, window]), f, limit - out.length, loose);
    out.push(...got);
    // What this window held is the best estimate of the query's share; a window with no match means the share is
    // lower than thought, by how much unknown: the next window is GROWTH times larger.
    share = got.length > 0 ? got.length / Math.max(1, inWindow) : share / GROWTH;
    end = start;
  }
}

const cap = (max: number | null, limit: number) => (max === null ? limit : Math.min(max, limit));
