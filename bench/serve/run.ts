// npm run bench:serve — how fast the public site is served. Seeds the demo site plus 10,000 published items,
// exports it (`govportal export`), starts govportal (`govportal serve`, production settings, page cache
// warmed) and nginx serving the export, and measures both on loopback with Debian's wrk: requests per second
// and p50/p99 latency for the home page, a column page and a content page at 50 connections.
// Each URL is measured in BENCH_REPEAT alternating runs per server (govportal, nginx, govportal, …) and each
// server's best run is reported: on a shared machine a burst of other work then spoils neither side alone.
// Options (environment): BENCH_ITEMS (10000), BENCH_SECONDS per run (5), BENCH_REPEAT (2), BENCH_CONNECTIONS
// (50), GOVPORTAL_WORKERS for the server (default: one per CPU), BENCH_DIR to reuse a seeded directory,
// BENCH_ONLY=search to measure only the search page (search-load.ts: a popular query, the quality set's distinct
// queries, /healthz and a cached page probed meanwhile).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { seedSite } from './seed.ts';
import { ensureNginx, startNginx, waitForHttp } from './nginx.ts';
import { wrk, type WrkResult } from './wrk.ts';
import { measureSearch, searchTable } from './search-load.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SEARCH_ONLY = process.env.BENCH_ONLY === 'search';
const WORKERS = process.env.GOVPORTAL_WORKERS || String(os.cpus().length);
const APP_PORT = 39_310;
const NGINX_PORT = 39_311;
const BARE_PORT = 39_312;
const CLI = path.resolve('bin/govportal.js');

const log = (s: string) => process.stderr.write(`${s}\n`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function cli(dataDir: string, args: string[]): void {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, GOVPORTAL_DATA_DIR: dataDir, GOVPORTAL_LOG_LEVEL: 'warn' },
  });
  if (run.status !== 0) throw new Error(`govportal ${args.join(' ')} failed (${run.status})`);
}

async function startApp(dataDir: string) {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      GOVPORTAL_DATA_DIR: dataDir,
      PORT: String(APP_PORT),
      HOST: '127.0.0.1',
      GOVPORTAL_WORKERS: WORKERS,
      GOVPORTAL_LOG_LEVEL: 'warn',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForHttp(`http://127.0.0.1:${APP_PORT}/healthz`, 300_000);
  return {
    pid: child.pid!,
    stop: async () => {
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

/** node:http alone serving the same bytes (bare-node.ts): what any Node.js server can reach here. */
async function bareNode(exportDir: string, urlPath: string): Promise<WrkResult> {
  const file = path.join(exportDir, ...urlPath.split('/').filter(Boolean));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('bench/serve/bare-node.ts'), String(BARE_PORT), WORKERS, file],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForHttp(`http://127.0.0.1:${BARE_PORT}/`, 30_000);
    const opts = { connections: CONNECTIONS, threads: 2, seconds: SECONDS };
    wrk(`http://127.0.0.1:${BARE_PORT}${urlPath}`, { ...opts, seconds: 2 });
    const runs = Array.from({ length: REPEAT }, () => wrk(`http://127.0.0.1:${BARE_PORT}${urlPath}`, opts));
    return runs.reduce((x, y) => (y.rps > x.rps ? y : x));
  } finally {
    process.kill(child.pid!, 'SIGTERM');
    await exited;
  }
}

/** The home page, a column with thousands of items, and one of the seeded items listed on its 20th page. */
async function pickUrls(): Promise<{ name: string; path: string }[]> {
  const column = '/gzdt/bmdt/';
  const html = await (await fetch(`http://127.0.0.1:${APP_PORT}${column}?page=20`)).text();
  const item = new RegExp(`href="(${column}\\d+\\.html)"`).exec(html);
  if (!item) throw new Error(`no content link on ${column}`);
  return [
    { name: 'home page', path: '/' },
    { name: `column page (${column})`, path: column },
    { name: 'content page', path: item[1]! },
  ];
}

async function bodySize(url: string, headers: Record<string, string>): Promise<number> {
  // Node's fetch would decompress: count the bytes on the wire.
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => {
          n += c.length;
        });
        res.on('end', () => resolve(n));
      })
      .on('error', reject);
  });
}

const fmt = (r: WrkResult) =>
  `${Math.round(r.rps).toLocaleString('en')} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The two ways the pages are asked for: as wrk does by default, and with the Accept-Encoding of browsers. */
const ROUNDS: { label: string; headers: Record<string, string> }[] = [
  { label: 'no Accept-Encoding (both send the page as it is)', headers: {} },
  {
    label:
      "Accept-Encoding: gzip, deflate, br, as browsers send it (govportal: its cached brotli variant; nginx: Debian's default `gzip on`, compressing each response)",
    headers: { 'accept-encoding': 'gzip, deflate, br' },
  },
];

interface Measured {
  name: string;
  app: WrkResult;
  nginx: WrkResult;
}

async function measure(
  urls: { name: string; path: string }[],
  headers: Record<string, string>,
): Promise<{ rows: string[]; results: Measured[] }> {
  const opts = { connections: CONNECTIONS, threads: 2, seconds: SECONDS, headers };
  const app = (p: string) => `http://127.0.0.1:${APP_PORT}${p}`;
  const ngx = (p: string) => `http://127.0.0.1:${NGINX_PORT}${p}`;
  // Warm-up: every worker renders, caches and compresses the pages (and the JIT settles) before measuring.
  for (const u of urls) wrk(app(u.path), { ...opts, seconds: 3 });
  for (const u of urls) wrk(ngx(u.path), { ...opts, seconds: 1 });
  const rows: string[] = [];
  const results: Measured[] = [];
  for (const u of urls) {
    const runs: { a: WrkResult; n: WrkResult }[] = [];
    for (let i = 0; i < REPEAT; i++) runs.push({ a: wrk(app(u.path), opts), n: wrk(ngx(u.path), opts) });
    const best = (list: WrkResult[]) => list.reduce((x, y) => (y.rps > x.rps ? y : x));
    const a = best(runs.map((r) => r.a));
    const n = best(runs.map((r) => r.n));
    if (runs.some((r) => r.a.errors || r.n.errors))
      throw new Error(
        `${u.path}: non-2xx/3xx answers or socket errors (see the runs: ${runs.map((r) => `${r.a.errors}/${r.n.errors}`).join(', ')})`,
      );
    const [size, nginxSize] = [await bodySize(app(u.path), headers), await bodySize(ngx(u.path), headers)];
    results.push({ name: u.name, app: a, nginx: n });
    rows.push(
      `| ${u.name} | ${kb(size)} / ${kb(nginxSize)} | ${fmt(a)} | ${fmt(n)} | ${((a.rps / n.rps) * 100).toFixed(0)}% |`,
    );
    log(`${u.path}: ${runs.map((r) => `govportal ${fmt(r.a)}, nginx ${fmt(r.n)}`).join('; ')}; load ${load()}`);
  }
  return { rows, results };
}

async function main() {
  ensureNginx(log);
  const loadAtStart = load();
  const reuse = process.env.BENCH_DIR;
  const dir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-serve-'));
  const dataDir = path.join(dir, 'data');
  const exportDir = path.join(dir, 'export');
  if (!fs.existsSync(path.join(dataDir, 'govportal.sqlite'))) {
    let t = performance.now();
    await seedSite(dataDir, ITEMS, log);
    log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s; exporting…`);
    t = performance.now();
    cli(dataDir, ['export', '--out', exportDir]);
    log(`exported in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const app = await startApp(dataDir);
  const nginx = SEARCH_ONLY ? null : await startNginx(exportDir, NGINX_PORT);
  const tables: string[] = [];
  let plain: Measured[] = [];
  let bare: WrkResult | null = null;
  try {
    const urls = await pickUrls();
    log(`load average before measuring: ${load()}`);
    if (SEARCH_ONLY) {
      const search = await measureSearch(`http://127.0.0.1:${APP_PORT}`, {
        connections: CONNECTIONS,
        seconds: SECONDS,
        cachedPath: urls[urls.length - 1]!.path,
        pid: app.pid,
        log,
      });
      console.log([searchHeading(loadAtStart), '', ...searchTable(search)].join('\n'));
      return;
    }
    for (const [i, round] of ROUNDS.entries()) {
      const { rows, results } = await measure(urls, round.headers);
      if (i === 0) plain = results;
      tables.push(
        `${round.label}:`,
        '',
        '| page | bytes sent (govportal / nginx) | govportal req/s | p50 | p99 | nginx req/s | p50 | p99 | govportal / nginx |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
      );
    }
    bare = await bareNode(exportDir, urls[urls.length - 1]!.path);
    const search = await measureSearch(`http://127.0.0.1:${APP_PORT}`, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      cachedPath: urls[urls.length - 1]!.path,
      pid: app.pid,
      log,
    });
    tables.push(...searchTable(search));
  } finally {
    await nginx?.stop();
    await app.stop();
    if (!reuse) fs.rmSync(dir, { recursive: true, force: true });
  }
  const cpu = os.cpus();
  const content = plain[plain.length - 1]!;
  const goal = content.app.rps >= 0.5 * content.nginx.rps && content.app.p99 < 10;
  console.log(
    [
      `### ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${cpu.length} × ${cpu[0]?.model.trim()}, Node ${process.version}, nginx ${nginxVersion()}, ${ITEMS.toLocaleString('en')} items`,
      '',
      `wrk, ${CONNECTIONS} connections, 2 threads; per URL and server the best of ${REPEAT} alternating runs of ${SECONDS} s; govportal with ${WORKERS} worker(s), nginx with ${cpu.length}. Load average (1/5/15 min) at the start: ${loadAtStart}; at the end: ${load()} (the benchmark itself keeps about 3 busy).`,
      '',
      ...tables,
      `Reference: node:http alone in ${WORKERS} cluster worker(s), sending the content page's bytes with the same headers and doing nothing else: ${Math.round(bare!.rps).toLocaleString('en')} req/s, p50 ${bare!.p50.toFixed(2)} ms, p99 ${bare!.p99.toFixed(2)} ms — govportal's front door reaches ${((plain[plain.length - 1]!.app.rps / bare!.rps) * 100).toFixed(0)}% of it.`,
      '',
      `Goal (cached content page, no Accept-Encoding: ≥ 50% of nginx's throughput, p99 < 10 ms): ${goal ? 'met' : 'not met'} (${((content.app.rps / content.nginx.rps) * 100).toFixed(0)}%, p99 ${content.app.p99.toFixed(2)} ms).`,
      '',
    ].join('\n'),
  );
}

function searchHeading(loadAtStart: string): string {
  const cpu = os.cpus();
  return `### ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — search only, ${cpu.length} × ${cpu[0]?.model.trim()}, Node ${process.version}, ${ITEMS.toLocaleString('en')} items, govportal with ${WORKERS} worker(s), ${SECONDS} s per run; load average at the start: ${loadAtStart}, at the end: ${load()}`;
}

function nginxVersion(): string {
  const run = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  return /nginx\/(\S+)/.exec(run.stderr)?.[1] ?? '?';
}

await main();
