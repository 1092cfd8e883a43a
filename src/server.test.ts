// `govportal serve` with GOVPORTAL_WORKERS=2: a primary and two workers on one port; a worker that dies is
// replaced, and SIGTERM to the primary stops them all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The primary's node children only: tsx may keep an esbuild service process beside them (cold transform cache).
const children = (pid: number): number[] =>
  spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([id, command]) => Number(id) > 0 && command === path.basename(process.execPath))
    .map(([id]) => Number(id));

async function until<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const healthy = (port: number) => async () => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return res.ok ? true : null;
  } catch {
    return null;
  }
};

test('cluster workers: serve together, a dead worker is replaced, SIGTERM stops all', {
  timeout: 180_000,
}, async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-cluster-'));
  const port = 39_000 + Math.floor(Math.random() * 900);
  const primary = spawn(process.execPath, ['bin/govportal.js', 'serve'], {
    env: {
      ...process.env,
      GOVPORTAL_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      GOVPORTAL_WORKERS: '2',
      GOVPORTAL_LOG_LEVEL: 'warn',
      GOVPORTAL_ADMIN_PASSWORD: 'Cluster-Test-Passw0rd!',
      GOVPORTAL_AUDIT_KEY_FILE: path.join(dataDir, 'keys', 'audit.key'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  primary.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
  t.after(() => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  await until('the start message', () => (out.includes('govportal 已启动（2 个工作进程）') ? true : null));
  await until('healthz', healthy(port));
  const workers = children(primary.pid!);
  assert.equal(workers.length, 2, 'two workers');
  // Several connections are spread over both workers; all answer.
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } })),
  );
  assert.ok(answers.every((r) => r.ok));

  process.kill(workers[0]!, 'SIGKILL');
  const replaced = await until('a new worker', () => {
    const now = children(primary.pid!);
    return now.length === 2 && !now.includes(workers[0]!) ? now : null;
  });
  assert.ok(replaced.includes(workers[1]!), 'the other worker kept running');
  await until('healthz after the restart', healthy(port));

  primary.kill('SIGTERM');
  assert.equal(await exited, 0);
  for (const pid of replaced) assert.throws(() => process.kill(pid, 0), 'worker stopped');
});
