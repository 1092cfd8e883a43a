// `govportal serve` on the bench's database, as an operator starts it behind a reverse proxy: X-Forwarded-For is
// trusted (GOVPORTAL_TRUST_PROXY), so every simulated citizen is seen from its own address.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { waitForHttp } from '../serve/nginx.ts';

const CLI = path.resolve('bin/govportal.js');

export async function startServer(opts: { dataDir: string; databaseUrl: string | null; port: number }) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    GOVPORTAL_DATA_DIR: opts.dataDir,
    GOVPORTAL_TRUST_PROXY: 'true',
    GOVPORTAL_JOBS: 'false',
    GOVPORTAL_LOG_LEVEL: 'warn',
    PORT: String(opts.port),
    HOST: '127.0.0.1',
  };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [CLI, 'serve'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForHttp(`http://127.0.0.1:${opts.port}/healthz`, 120_000);
  return {
    stop: async () => {
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}
