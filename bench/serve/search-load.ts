// The search part of `npm run bench:serve`: the results page for one popular query asked again and again, the
// 200 queries of the search quality set asked in turn, each at 50 connections, and the distinct queries again at
// 200 connections — while /healthz and a cached page are probed every 100 ms, to show whether search load
// starves the rest of the node. Counted by status: 503s are load shedding, any other non-2xx is an error.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseWrk, roundRobinScript, type WrkResult } from './wrk.ts';

/** A query many people type: the bench corpus has thousands of matches for it. */
export const POPULAR_QUERY = '营业执照';

export interface LoadResult extends WrkResult {
  statuses: Record<string, number>;
  /** Answers other than 200/304/503, and socket errors. */
  failures: number;
}

export interface ProbeResult {
  probes: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  over100: number;
}

/** wrk cycling through `paths` (spawned, so probes can run meanwhile). */
function wrkPaths(base: string, paths: string[], connections: number, seconds: number): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-search-'));
  const lua = path.join(dir, 'paths.lua');
  fs.writeFileSync(lua, roundRobinScript(paths));
  const args = ['-t', '2', '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s', '--latency', '-s', lua];
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn('wrk', [...args, `${base}/`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (code !== 0) return reject(new Error(`wrk exited ${code}:\n${out}`));
      const summary = parseWrk(`${base}/`, out);
      const statuses: Record<string, number> = {};
      for (const m of out.matchAll(/^STATUS (\d+) (\d+)$/gm)) statuses[m[1]!] = Number(m[2]);
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      const socketErrors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
      const bad = Object.entries(statuses)
        .filter(([s]) => !['200', '304', '503'].includes(s))
        .reduce((n, [, c]) => n + c, 0);
      resolve({ ...summary, statuses, failures: bad + socketErrors });
    });
  });
}

/** GETs `url` every 100 ms until `stop.done`, each with a 5 s limit. */
async function probe(url: string, stop: { done: boolean }): Promise<ProbeResult> {
  const times: number[] = [];
  let failed = 0;
  while (!stop.done) {
    const started = performance.now();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status !== 200) failed += 1;
    } catch {
      failed += 1;
    }
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 100));
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? 0;
  return {
    probes: times.length,
    failed,
    p50: at(0.5),
    p99: at(0.99),
    max: times[times.length - 1] ?? 0,
    over100: times.filter((t) => t > 100).length,
  };
}

/** CPU seconds (user + system) used so far by the server: its primary process and the workers it forked. */
function serverCpu(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  const read = (p: number) => {
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      return 0;
    }
  };
  let total = read(pid);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === pid) total += read(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

export interface SearchRun {
  name: string;
  connections: number;
  /** Server CPU per answered request: what a request costs, whatever else the machine is doing. */
  cpuMsPerRequest: number;
  load: LoadResult;
  healthz: ProbeResult;
  cached: ProbeResult;
}

const searchPath = (q: string) => `/search?q=${encodeURIComponent(q)}`;

/** The search quality set's queries (exact and partial titles, keywords, typos, pinyin, initials, synonyms). */
function qualityQueries(): string[] {
  const file = path.resolve('src/modules/search/quality/queries.json');
  const list = JSON.parse(fs.readFileSync(file, 'utf8')) as { q: string }[];
  return [...new Set(list.map((x) => x.q))];
}

/** One load run with both probes alongside. */
async function run(
  base: string,
  name: string,
  paths: string[],
  connections: number,
  seconds: number,
  cachedPath: string,
  pid: number,
): Promise<SearchRun> {
  const stop = { done: false };
  const cpuBefore = serverCpu(pid);
  const probes = Promise.all([probe(`${base}/healthz`, stop), probe(`${base}${cachedPath}`, stop)]);
  const load = await wrkPaths(base, paths, connections, seconds).finally(() => {
    stop.done = true;
  });
  const cpuMsPerRequest = ((serverCpu(pid) - cpuBefore) * 1000) / Math.max(1, load.requests);
  const [healthz, cached] = await probes;
  return { name, connections, cpuMsPerRequest, load, healthz, cached };
}

/** One pass over `paths`, `parallel` at a time: wall time and server CPU per request. */
async function pass(base: string, paths: string[], parallel: number, pid: number) {
  const started = performance.now();
  const cpuBefore = serverCpu(pid);
  for (let i = 0; i < paths.length; i += parallel)
    await Promise.all(paths.slice(i, i + parallel).map(async (p) => (await fetch(`${base}${p}`)).arrayBuffer()));
  return {
    ms: (performance.now() - started) / paths.length,
    cpuMs: ((serverCpu(pid) - cpuBefore) * 1000) / paths.length,
  };
}

/**
 * The popular query and the quality set at `connections`, then the quality set at 200 connections. The first
 * pass over the quality set (8 at a time, as a handful of visitors) is reported apart: the cost of queries nobody
 * asked before. Then warm-up runs until both workers' caches hold the set (a live site's popular queries are
 * warm); the runs follow.
 */
export async function measureSearch(
  base: string,
  options: { connections: number; seconds: number; cachedPath: string; pid: number; log: (s: string) => void },
): Promise<{ runs: SearchRun[]; coldMs: number; coldCpuMs: number; warmRuns: number; seconds: number }> {
  const { connections, seconds, cachedPath, pid, log } = options;
  const distinct = qualityQueries().map(searchPath);
  const cold = await pass(base, distinct, 8, pid);
  const [coldMs, coldCpuMs] = [cold.ms, cold.cpuMs];
  log(
    `first pass over ${distinct.length} queries: ${coldMs.toFixed(1)} ms per query (8 at a time), CPU ${coldCpuMs.toFixed(1)} ms`,
  );
  // A worker caches a query once a connection of its own asked it (fetch's few connections may all sit on one
  // worker): wrk at 50 connections reaches both, and runs until a run costs no more than answers from memory.
  let warmRuns = 0;
  while (warmRuns < 6) {
    warmRuns += 1;
    const cpuBefore = serverCpu(pid);
    const warm = await wrkPaths(base, distinct, 50, seconds);
    const cpuMs = ((serverCpu(pid) - cpuBefore) * 1000) / Math.max(1, warm.requests);
    log(`warm-up run ${warmRuns}: ${Math.round(warm.rps)} req/s, CPU ${cpuMs.toFixed(2)} ms per request`);
    if (cpuMs < 1) break;
  }
  const runs: SearchRun[] = [];
  const at = (name: string, paths: string[], n: number) => run(base, name, paths, n, seconds, cachedPath, pid);
  runs.push(await at(`popular query (“${POPULAR_QUERY}”)`, [searchPath(POPULAR_QUERY)], connections));
  runs.push(await at(`${distinct.length} distinct queries in turn`, distinct, connections));
  runs.push(await at(`${distinct.length} distinct queries in turn`, distinct, 200));
  for (const r of runs)
    log(
      `${r.name} at ${r.connections}: ${Math.round(r.load.rps)} req/s, p99 ${r.load.p99.toFixed(1)} ms, CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request, statuses ${JSON.stringify(r.load.statuses)}; healthz max ${r.healthz.max.toFixed(0)} ms; cached max ${r.cached.max.toFixed(0)} ms`,
    );
  return { runs, coldMs, coldCpuMs, warmRuns, seconds };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const probeText = (p: ProbeResult) =>
  `${ms(p.p50)} / ${ms(p.max)}${p.failed ? `, ${p.failed} of ${p.probes} failed` : ''}${p.over100 ? `, ${p.over100} over 100 ms` : ''}`;

/** The search table of the report. */
export function searchTable(result: {
  runs: SearchRun[];
  coldMs: number;
  coldCpuMs: number;
  warmRuns: number;
  seconds: number;
}): string[] {
  return [
    'Search results page (`/search?q=…`), while /healthz and the cached content page are probed every 100 ms:',
    '',
    '| load | connections | req/s | p50 | p99 | server CPU per request | statuses | /healthz p50 / max | cached page p50 / max |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...result.runs.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${Math.round(r.load.rps).toLocaleString('en')} | ${ms(r.load.p50)} | ${ms(r.load.p99)} | ${ms(r.cpuMsPerRequest)} | ${Object.entries(
          r.load.statuses,
        )
          .map(([s, n]) => `${s} × ${n.toLocaleString('en')}`)
          .join(
            ', ',
          )}${r.load.failures ? ` (${r.load.failures} errors)` : ''} | ${probeText(r.healthz)} | ${probeText(r.cached)} |`,
    ),
    '',
    `First pass over the quality set (queries not asked before, 8 at a time): ${result.coldMs.toFixed(1)} ms per query, server CPU ${result.coldCpuMs.toFixed(1)} ms per query. Before the runs above, ${result.warmRuns} warm-up run(s) of ${result.seconds} s over the set at 50 connections, until one cost no more server CPU per request than answers from memory (a live site's popular queries are warm; each worker keeps its own cache).`,
    '',
  ];
}
