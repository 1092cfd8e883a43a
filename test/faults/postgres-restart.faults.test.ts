// PostgreSQL restarted under load. A private server (Debian's binaries, its own port and directory — never the
// shared test server) behind `govportal serve` with two workers: while clients keep asking for the home page, a
// content page and search, PostgreSQL is stopped for a few seconds and started again. Nothing may crash or answer
// 500: cached pages keep being served, dynamic requests get a Chinese 503, /healthz says the database is away,
// and everything answers 200 again once it is back, with the same worker processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, serverUp } from '../../bench/soak/soak.ts';

const BIN = (() => {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).sort((a, b) => Number(a) - Number(b));
  const bin = versions.length ? path.join(root, versions[versions.length - 1]!, 'bin') : null;
  return bin && fs.existsSync(path.join(bin, 'pg_ctl')) ? bin : null;
})();
const AS_POSTGRES = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];

function pgTool(tool: string, args: string[]): void {
  const [cmd, ...rest] = [...AS_POSTGRES, path.join(BIN!, tool), ...args];
  execFileSync(cmd!, rest, { stdio: ['ignore', 'ignore', 'inherit'] });
}

function children(pid: number): number[] {
  const out = spawnSync('pgrep', ['-P', String(pid), '-x', 'node'], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter(Boolean).map(Number).sort();
}

interface Answer {
  at: number;
  path: string;
  status: number | string;
  body: string;
}

test('PostgreSQL restarted under load: 503 meanwhile, cached pages served, no crash, recovery', {
  timeout: 900_000,
  skip: BIN ? false : 'PostgreSQL server binaries not found (apt-get install postgresql)',
}, async (t) => {
  const PG_PORT = await freePort();
  const APP_PORT = await freePort();
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-pgfault-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-pgfault-app-'));
  if (AS_POSTGRES.length) execFileSync('chown', ['postgres', pgDir]);
  const pgOptions = `-c listen_addresses=127.0.0.1 -p ${PG_PORT} -k ${pgDir} -c fsync=off -c max_connections=100`;
  pgTool('initdb', ['-D', pgDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const startPg = () =>
    pgTool('pg_ctl', ['-D', pgDir, '-l', path.join(pgDir, 'server.log'), '-w', '-o', pgOptions, 'start']);
  const stopPg = () => pgTool('pg_ctl', ['-D', pgDir, '-m', 'fast', '-w', 'stop']);
  startPg();
  t.after(() => {
    try {
      pgTool('pg_ctl', ['-D', pgDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    fs.rmSync(pgDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${PG_PORT}/postgres` });
  await admin.connect();
  await admin.query('create database govportal');
  await admin.end();

  const server = spawn(process.execPath, ['bin/govportal.js', 'serve', '--init-demo'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${PG_PORT}/govportal`,
      GOVPORTAL_DATA_DIR: dataDir,
      GOVPORTAL_AUDIT_KEY_FILE: path.join(dataDir, 'keys', 'audit.key'),
      PORT: String(APP_PORT),
      HOST: '127.0.0.1',
      GOVPORTAL_WORKERS: '2',
      GOVPORTAL_LOG_LEVEL: 'error',
      GOVPORTAL_ADMIN_PASSWORD: 'Pg-Fault-Passw0rd!',
    },
  });
  let stderr = '';
  server.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  t.after(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });
  const base = `http://127.0.0.1:${APP_PORT}`;
  await serverUp(`${base}/healthz`, exited, 900_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${stderr.slice(-4000)}`);
  });
  const home = await (await fetch(`${base}/`)).text();
  const content = /href="(\/[^"]*\/\d+\.html)"/.exec(home)?.[1];
  assert.ok(content, 'a content page is linked from the home page');
  const paths = [
    '/',
    content,
    `/search?q=${encodeURIComponent('政务服务')}`,
    `/search?q=${encodeURIComponent('社保')}`,
  ];
  for (const p of paths) await (await fetch(`${base}${p}`)).arrayBuffer(); // warm the page cache
  const workersBefore = children(server.pid!);
  assert.equal(workersBefore.length, 2);

  const answers: Answer[] = [];
  let running = true;
  const client = async (i: number) => {
    for (let n = i; running; n++) {
      const p = paths[n % paths.length]!;
      const at = Date.now();
      try {
        const res = await fetch(`${base}${p}`, {
          headers: { accept: 'text/html' },
          signal: AbortSignal.timeout(20_000),
        });
        answers.push({ at, path: p, status: res.status, body: res.status === 200 ? '' : await res.text() });
        if (res.status === 200) await res.arrayBuffer().catch(() => undefined);
      } catch (error) {
        answers.push({ at, path: p, status: `error ${(error as Error).cause ?? error}`, body: '' });
      }
    }
  };
  const clients = Array.from({ length: 16 }, (_, i) => client(i));
  await new Promise((r) => setTimeout(r, 3000));

  const outageStart = Date.now();
  stopPg();
  await new Promise((r) => setTimeout(r, 1500));
  const healthDuring = await fetch(`${base}/healthz`);
  const healthBody = await healthDuring.json();
  await new Promise((r) => setTimeout(r, 3000));
  startPg();
  const outageEnd = Date.now();
  // Recovery: dynamic pages answer 200 again without restarting anything.
  const recoveredBy = Date.now() + 30_000;
  let recovered = false;
  while (!recovered && Date.now() < recoveredBy) {
    const res = await fetch(`${base}${paths[2]}`);
    await res.arrayBuffer();
    recovered = res.status === 200 && (await fetch(`${base}/healthz`)).status === 200;
    if (!recovered) await new Promise((r) => setTimeout(r, 500));
  }
  await new Promise((r) => setTimeout(r, 2000));
  running = false;
  await Promise.all(clients);

  const byStatus = (list: Answer[]) =>
    list.reduce<Record<string, number>>((acc, a) => {
      acc[String(a.status)] = (acc[String(a.status)] ?? 0) + 1;
      return acc;
    }, {});
  const during = answers.filter((a) => a.at >= outageStart && a.at <= outageEnd);
  t.diagnostic(`answers: ${JSON.stringify(byStatus(answers))}; during the outage: ${JSON.stringify(byStatus(during))}`);
  assert.equal(healthDuring.status, 503, '/healthz reports the outage');
  assert.deepEqual(
    healthBody.problems.map((p: { code: string }) => p.code),
    ['database-unavailable'],
  );
  assert.equal(answers.filter((a) => typeof a.status === 'string').length, 0, 'every request was answered');
  assert.equal(answers.filter((a) => a.status === 500).length, 0, 'never 500');
  assert.ok(
    answers.every((a) => a.status === 200 || a.status === 503),
    `only 200 and 503: ${JSON.stringify(byStatus(answers))}`,
  );
  const unavailable = answers.filter((a) => a.status === 503);
  assert.ok(unavailable.length > 0, 'dynamic requests were refused during the outage');
  assert.ok(
    unavailable.every((a) => /暂时无法访问|系统繁忙/.test(a.body)),
    'in Chinese',
  );
  assert.ok(
    during.some((a) => a.path === '/' && a.status === 200),
    'the cached home page was served during the outage',
  );
  assert.ok(recovered, 'search and /healthz answer 200 again after the restart');
  assert.deepEqual(children(server.pid!), workersBefore, 'the same workers: none crashed');
  assert.doesNotMatch(stderr, /工作进程 \d+ 退出/);

  process.kill(server.pid!, 'SIGTERM');
  assert.equal(await exited, 0);
});
