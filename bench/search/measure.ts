// The query kinds of the search benchmark and their latency figures. Every kind goes through the whole search
// (plan, counts by kind, ranking tiers or date order, highlighted snippets, hot words, cards, the search log)
// from the main site, whose search covers the whole cluster.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  /** PostgreSQL's own execution time per search (pg_stat_statements), when the server has it. */
  server: Stats | null;
  /** The PostgreSQL server processes' CPU time per search, when they run on this machine. */
  serverCpu: Stats | null;
  /** Results per query (search kinds), for the record. */
  totals: Stats | null;
}

type Query = { words: number; q: string };
type Run = (q: string, i: number) => Promise<number | null>;

const KINDS = ['notice', 'policy', 'news', 'service', 'interpretation', 'interaction', 'other'] as const;

async function timed(kind: string, queries: string[], run: Run, server: ServerClock): Promise<KindResult> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const onServer: number[] = [];
  const serverCpu: number[] = [];
  const totals: number[] = [];
  // Reading the clock is itself a statement, counted by the next reading: measured with nothing between.
  const a = await server();
  const b = await server();
  const own = a && b ? b.exec - a.exec : 0;
  for (const [i, q] of queries.entries()) {
    const before = await server();
    const c = process.cpuUsage();
    const s = performance.now();
    const total = await run(q, i);
    wall.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    const after = await server();
    if (before && after) {
      onServer.push(Math.max(0, after.exec - before.exec - own));
      if (before.cpu !== null && after.cpu !== null) serverCpu.push(after.cpu - before.cpu);
    }
    if (total !== null) totals.push(total);
  }
  return {
    kind,
    wall: stats(wall),
    cpu: stats(cpu),
    server: onServer.length ? stats(onServer) : null,
    serverCpu: serverCpu.length ? stats(serverCpu) : null,
    totals: totals.length ? stats(totals) : null,
  };
}

/** Every query kind: 1/2/4 words, a tab, page 3, page 50, date order (and its page 50), a site, suggestions. */
export async function measureQueries(
  ctx: AppContext,
  siteIds: number[],
  mix: Query[],
  extraPer: number,
  onKind: (line: string) => void,
  server: ServerClock = async () => null,
): Promise<KindResult[]> {
  const scope = { siteId: siteIds[0]!, prefix: '' };
  const search = async (input: SearchInput) => (await ctx.search.search(scope, input)).total;
  const out: KindResult[] = [];
  const add = (r: KindResult) => {
    out.push(r);
    onKind(
      `  ${r.kind}: p50 ${r.wall.p50.toFixed(1)} · p95 ${r.wall.p95.toFixed(1)} · p99 ${r.wall.p99.toFixed(1)} ms${r.server ? ` (server exec p95 ${r.server.p95.toFixed(1)} · p99 ${r.server.p99.toFixed(1)} ms)` : ''}${r.serverCpu ? ` (server CPU p95 ${r.serverCpu.p95.toFixed(0)} · p99 ${r.serverCpu.p99.toFixed(0)} ms)` : ''}`,
    );
  };
  for (const words of [1, 2, 4])
    add(
      await timed(
        `${words}-word queries`,
        mix.filter((m) => m.words === words).map((m) => m.q),
        (q) => search({ q }),
        server,
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
        server,
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
      server,
    ),
  );
  return out;
}

/** What the PostgreSQL server spent on one search: executing statements, and CPU (when it runs on this machine). */
export interface ServerSpend {
  exec: number;
  cpu: number | null;
}
export type ServerClock = () => Promise<ServerSpend | null>;

/**
 * PostgreSQL's cumulative statement execution time for this database (pg_stat_statements, when the server loads
 * it: `shared_preload_libraries=pg_stat_statements`) and, when the server runs on this machine and /proc shows
 * its processes, their CPU time. Execution time is wall time inside the server (on a busy machine it includes
 * waiting for a CPU mid-statement); the CPU time is what the server's processes actually used.
 */
export async function serverClock(ctx: AppContext): Promise<ServerClock> {
  const { sql } = await import('kysely');
  const readExec = async () =>
    Number(
      (
        await sql<{ ms: number }>`select coalesce(sum(total_exec_time), 0) as ms from pg_stat_statements
          where dbid = (select oid from pg_database where datname = current_database())`.execute(ctx.db)
      ).rows[0]?.ms ?? 0,
    );
  try {
    await sql`create extension if not exists pg_stat_statements`.execute(ctx.db);
    await readExec();
  } catch {
    return async () => null;
  }
  let postmaster: number | null = null;
  try {
    const dir = (await sql<{ d: string }>`select current_setting('data_directory') as d`.execute(ctx.db)).rows[0]!.d;
    postmaster = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    postmaster = null;
  }
  const tick = 1000 / 100; // ms per clock tick (USER_HZ is 100 on Linux)
  const readCpu = (): number | null => {
    if (!postmaster) return null;
    let ticks = 0;
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // Fields after the name: state ppid … utime (12th) stime (13th).
        if (Number(pid) === postmaster || Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // The process ended meanwhile.
      }
    }
    return ticks * tick;
  };
  return async () => ({ exec: await readExec(), cpu: readCpu() });
}

/** The 1-minute load average, and what it means on this machine. */
export const loadNote = () => `${os.loadavg()[0]!.toFixed(1)} (${os.cpus().length} cores)`;
