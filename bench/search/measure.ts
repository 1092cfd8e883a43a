// The query kinds of the search benchmark and their latency figures. Every kind goes through the whole search
// (plan, counts by kind, ranking tiers or date order, highlighted snippets, hot words, cards, the search log)
// from the main site, whose search covers the whole cluster.
import os from 'node:os';
import type { AppContext } from '../../src/context.ts';
import type { SearchInput } from '../../src/modules/search/search.schema.ts';

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export function stats(list: number[]): Stats {
  const s = [...list].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1]! };
}

export interface KindResult {
  kind: string;
  wall: Stats;
  cpu: Stats;
  /** Results per query (search kinds), for the record. */
  totals: Stats | null;
}

type Query = { words: number; q: string };
type Run = (q: string, i: number) => Promise<number | null>;

const KINDS = ['notice', 'policy', 'news', 'service', 'interpretation', 'interaction', 'other'] as const;

async function timed(kind: string, queries: string[], run: Run): Promise<KindResult> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const totals: number[] = [];
  for (const [i, q] of queries.entries()) {
    const c = process.cpuUsage();
    const s = performance.now();
    const total = await run(q, i);
    wall.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (total !== null) totals.push(total);
  }
  return { kind, wall: stats(wall), cpu: stats(cpu), totals: totals.length ? stats(totals) : null };
}

/** Every query kind: 1/2/4 words, a tab, page 3, page 50, date order (and its page 50), a site, suggestions. */
export async function measureQueries(
  ctx: AppContext,
  siteIds: number[],
  mix: Query[],
  extraPer: number,
  onKind: (line: string) => void,
): Promise<KindResult[]> {
  const scope = { siteId: siteIds[0]!, prefix: '' };
  const search = async (input: SearchInput) => (await ctx.search.search(scope, input)).total;
  const out: KindResult[] = [];
  const add = (r: KindResult) => {
    out.push(r);
    onKind(
      `  ${r.kind}: p50 ${r.wall.p50.toFixed(1)} · p95 ${r.wall.p95.toFixed(1)} · p99 ${r.wall.p99.toFixed(1)} ms`,
    );
  };
  for (const words of [1, 2, 4])
    add(
      await timed(
        `${words}-word queries`,
        mix.filter((m) => m.words === words).map((m) => m.q),
        (q) => search({ q }),
      ),
    );
  // The other kinds take queries of all three lengths alike (every third query of the mix).
  const spread = mix.filter((_, i) => i % 3 === 0).slice(0, extraPer);
  const subordinate = siteIds.length > 1 ? siteIds.slice(1) : siteIds;
  const kinds: [string, (q: string, i: number) => SearchInput][] = [
    ['tab (kind filter)', (q, i) => ({ q, kind: KINDS[i % KINDS.length] })],
    ['page 3', (q) => ({ q, page: 3 })],
    ['page 50', (q) => ({ q, page: 50 })],
    ['date order', (q) => ({ q, sort: 'date' })],
    ['date order, page 50', (q) => ({ q, sort: 'date', page: 50 })],
    ['site filter', (q, i) => ({ q, site: subordinate[i % subordinate.length] })],
  ];
  for (const [kind, input] of kinds)
    add(
      await timed(
        kind,
        spread.map((m) => m.q),
        (q, i) => search(input(q, i)),
      ),
    );
  add(
    await timed(
      'suggestions',
      mix.slice(0, 200).map((m) => [...m.q.replace(/ /g, '')].slice(0, 2).join('')),
      async (prefix) => {
        await ctx.search.suggest(scope, prefix);
        return null;
      },
    ),
  );
  return out;
}

/** The 1-minute load average, and what it means on this machine. */
export const loadNote = () => `${os.loadavg()[0]!.toFixed(1)} (${os.cpus().length} cores)`;
