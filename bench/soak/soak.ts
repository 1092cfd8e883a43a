// A sustained run against `govportal serve --init-demo` (the demo site, one worker per core): wrk at many
// connections on the home page, a content page and search (five queries in turn), while /healthz is probed twice
// a second. Every answer is counted by status; the only acceptable non-200 answers are the 503s of load shedding.
// Used by the fault suite (90 s at 200 connections) and `npm run bench:soak` (10 minutes).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseWrk, roundRobinScript } from '../serve/wrk.ts';
import { waitForHttp } from '../serve/nginx.ts';

export interface SoakOptions {
  seconds: number;
  connections: number;
  /** Default: a free port chosen by the system. */
  port?: number;
  workers?: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  seconds: number;
  connections: number;
  workers: number;
  paths: string[];
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** 503 answers (load shedding: 系统繁忙). */
  shed: number;
  /** Anything else that is not 200/304, plus socket errors: must be 0. */
  unexpected: number;
  healthz: { probes: number; failed: number; timedOut: number; p50Ms: number; maxMs: number; over100Ms: number };
  serverExit: number | null;
  loadBefore: string;
  loadAfter: string;
}

const CLI = path.resolve('bin/govportal.js');
const QUERIES = ['政务服务', '营业执照', '社保', '公开指南', '通知'];
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function startServer(dataDir: string, port: number, workers: number): ChildProcess {
  return spawn(process.execPath, [CLI, 'serve', '--init-demo'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      GOVPORTAL_DATA_DIR: dataDir,
      GOVPORTAL_AUDIT_KEY_FILE: path.join(dataDir, 'keys', 'audit.key'),
      PORT: String(port),
      HOST: '127.0.0.1',
      GOVPORTAL_WORKERS: String(workers),
      GOVPORTAL_LOG_LEVEL: 'warn',
      GOVPORTAL_ADMIN_PASSWORD: 'Soak-Bench-Passw0rd!',
    },
  });
}

async function contentPath(base: string): Promise<string> {
  const html = await (await fetch(`${base}/`)).text();
  const found = [...html.matchAll(/href="(\/[^"]*\/\d+\.html)"/g)].map((m) => m[1]!);
  if (!found.length) throw new Error('no content page linked from the home page');
  return found[0]!;
}

async function probeHealth(base: string, stop: { done: boolean }) {
  const times: number[] = [];
  let failed = 0;
  let timedOut = 0;
  while (!stop.done) {
    const started = performance.now();
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status !== 200) failed += 1;
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') timedOut += 1;
      else failed += 1;
    }
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 500));
  }
  times.sort((a, b) => a - b);
  return {
    probes: times.length,
    failed,
    timedOut,
    p50Ms: Math.round(times[Math.floor(times.length / 2)] ?? 0),
    maxMs: Math.round(times[times.length - 1] ?? 0),
    over100Ms: times.filter((t) => t > 100).length,
  };
}

function runWrk(url: string, luaFile: string, options: SoakOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = ['-t', '2', '-c', String(options.connections), '-d', `${options.seconds}s`, '--timeout', '10s'];
    const child = spawn('wrk', [...args, '--latency', '-s', luaFile, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}:\n${out}`))));
  });
}

/** A port nothing listens on now (the system picks it), so parallel runs on a shared machine do not collide. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits for the server to answer, failing at once if it exits first. */
export async function serverUp(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  await Promise.race([
    waitForHttp(url, timeoutMs),
    exited.then((code) => {
      throw new Error(`govportal serve exited (${code}) before answering`);
    }),
  ]);
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => {});
  const workers = options.workers ?? os.availableParallelism();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-soak-'));
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(dataDir, port, workers);
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  try {
    log('starting govportal serve --init-demo …');
    await serverUp(`${base}/healthz`, exited, 900_000);
    const content = await contentPath(base);
    const paths = ['/', content, ...QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`)];
    // Warm the page cache (the front door answers cached pages) and the search path.
    for (const p of paths) await (await fetch(`${base}${p}`)).arrayBuffer();
    const luaFile = path.join(dataDir, 'soak.lua');
    fs.writeFileSync(luaFile, roundRobinScript(paths));
    const loadBefore = loadavg();
    log(`wrk ${options.seconds} s at ${options.connections} connections on ${paths.length} paths (load ${loadBefore})`);
    const stop = { done: false };
    const health = probeHealth(base, stop);
    const out = await runWrk(`${base}/`, luaFile, options).finally(() => {
      stop.done = true;
    });
    const healthz = await health;
    const loadAfter = loadavg();
    const summary = parseWrk(`${base}/`, out);
    const statuses: Record<string, number> = {};
    for (const m of out.matchAll(/^STATUS (\d+) (\d+)$/gm)) statuses[m[1]!] = Number(m[2]);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const socketErrors = {
      connect: Number(socket?.[1] ?? 0),
      read: Number(socket?.[2] ?? 0),
      write: Number(socket?.[3] ?? 0),
      timeout: Number(socket?.[4] ?? 0),
    };
    const unexpectedStatuses = Object.entries(statuses)
      .filter(([s]) => !['200', '304', '503'].includes(s))
      .reduce((n, [, c]) => n + c, 0);
    process.kill(server.pid!, 'SIGTERM');
    const serverExit = await exited;
    return {
      seconds: options.seconds,
      connections: options.connections,
      workers,
      paths,
      requests: summary.requests,
      rps: summary.rps,
      p50: summary.p50,
      p99: summary.p99,
      statuses,
      socketErrors,
      shed: statuses['503'] ?? 0,
      unexpected: unexpectedStatuses + Object.values(socketErrors).reduce((a, b) => a + b, 0),
      healthz,
      serverExit,
      loadBefore,
      loadAfter,
    };
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatSoak(r: SoakResult): string {
  return [
    `${r.seconds} s at ${r.connections} connections, ${r.workers} workers, load ${r.loadBefore} → ${r.loadAfter}`,
    `paths: ${r.paths.join(' ')}`,
    `requests ${r.requests}, ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    `statuses ${JSON.stringify(r.statuses)}, shed (503) ${r.shed}, socket errors ${JSON.stringify(r.socketErrors)}, unexpected ${r.unexpected}`,
    `/healthz: ${r.healthz.probes} probes, ${r.healthz.failed} failed, ${r.healthz.timedOut} timed out (5 s), p50 ${r.healthz.p50Ms} ms, max ${r.healthz.maxMs} ms, ${r.healthz.over100Ms} over 100 ms`,
    `server exit code ${r.serverExit}`,
  ].join('\n');
}
