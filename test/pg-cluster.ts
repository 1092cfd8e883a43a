// A PostgreSQL primary and a streaming replica of it, started for one test with Debian's server binaries: initdb,
// then pg_basebackup -R (standby.signal and primary_conninfo) and a second server on that copy. Each gets its
// own directory and a free port on 127.0.0.1; stop() removes both. Running as root, the servers run as the
// postgres user (as scripts/test-postgres.sh does).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The newest installed server's binaries, or null (then replica tests are skipped). */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_basebackup')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions[versions.length - 1];
  return newest ? path.join(root, newest, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, tool: string, args: string[]): void {
  const command = asRoot ? 'runuser' : path.join(bin, tool);
  const full = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
  execFileSync(command, full, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface PgServer {
  dir: string;
  port: number;
  url(database?: string): string;
}

export interface PgCluster {
  primary: PgServer;
  replica: PgServer;
  /** Stops the replica at once (as if its machine went away). */
  killReplica(): void;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  stop(): void;
}

function server(dir: string, port: number): PgServer {
  return { dir, port, url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}` };
}

function start(bin: string, s: PgServer): void {
  const options = `-c listen_addresses=127.0.0.1 -p ${s.port} -k ${s.dir} -c fsync=off -c max_connections=60 -c shared_buffers=32MB`;
  run(bin, 'pg_ctl', [
    '-D',
    path.join(s.dir, 'data'),
    '-l',
    path.join(s.dir, 'server.log'),
    '-w',
    '-o',
    options,
    'start',
  ]);
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

export async function startCluster(bin: string): Promise<PgCluster> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-replica-'));
  const primary = server(path.join(base, 'primary'), await freePort());
  const replica = server(path.join(base, 'replica'), await freePort());
  for (const s of [primary, replica]) fs.mkdirSync(s.dir);
  if (asRoot) execFileSync('chown', ['-R', 'postgres', base]);
  const stopAll = () => {
    for (const s of [replica, primary])
      try {
        run(bin, 'pg_ctl', ['-D', path.join(s.dir, 'data'), '-m', 'immediate', 'stop']);
      } catch {
        // Not running (already stopped, or never started).
      }
    fs.rmSync(base, { recursive: true, force: true });
  };
  try {
    // initdb's default pg_hba.conf trusts local replication connections.
    run(bin, 'initdb', [
      '-D',
      path.join(primary.dir, 'data'),
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    start(bin, primary);
    run(bin, 'pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      path.join(replica.dir, 'data'),
      '-R',
      '-X',
      'stream',
    ]);
    start(bin, replica);
  } catch (error) {
    stopAll();
    throw error;
  }
  return {
    primary,
    replica,
    killReplica: () => run(bin, 'pg_ctl', ['-D', path.join(replica.dir, 'data'), '-m', 'immediate', 'stop']),
    caughtUp: async () => {
      const [{ lsn }] = await query<{ lsn: string }>(primary.url(), 'select pg_current_wal_lsn()::text as lsn');
      for (let i = 0; i < 200; i++) {
        const [row] = await query<{ ok: boolean }>(
          replica.url(),
          `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`,
        );
        if (row?.ok) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the replica did not catch up within 10 s');
    },
    stop: stopAll,
  };
}

/** Runs one statement on a server (tests: pausing replay, creating the database). */
export const sqlOn = query;
