// nginx for the comparison: installed from Debian if missing, run in the foreground with a configuration of
// our own in a temporary directory (loopback port, no access log), stopped by the pid of the process we started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PORTAL_CSP } from '../../src/modules/portal/portal.service.ts';
import { PERMISSIONS_POLICY } from '../../src/modules/portal/portal.routes.ts';

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Installs Debian's nginx when it is not on the machine. */
export function ensureNginx(log: (s: string) => void): void {
  if (has('nginx') || fs.existsSync('/usr/sbin/nginx')) return;
  log('nginx not found: apt-get install nginx');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  for (const args of [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'nginx'],
  ]) {
    const run = spawnSync(sudo[0] ?? args[0]!, [...sudo.slice(1), ...(sudo.length ? args : args.slice(1))], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed`);
  }
}

export function nginxConf(prefix: string, root: string, port: number): string {
  const q = (s: string) => `"${s.replace(/"/g, '\\"')}"`;
  return `# written by bench/serve: the static export as nginx serves it in production (sendfile, open file cache)
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes ${os.cpus().length};
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  open_file_cache max=20000 inactive=60s;
  # As in Debian's nginx.conf: HTML compressed on the fly for clients that accept gzip.
  gzip on;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    index index.html;
    charset utf-8;
    # The headers govportal sends with every page, so both answers are alike.
    add_header Content-Security-Policy ${q(PORTAL_CSP)} always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy strict-origin-when-cross-origin always;
    add_header Permissions-Policy ${q(PERMISSIONS_POLICY)} always;
    add_header Cross-Origin-Opener-Policy same-origin always;
    add_header Cache-Control no-cache always;
    location / { try_files $uri $uri/index.html =404; }
  }
}
`;
}

export interface RunningNginx {
  pid: number;
  stop(): Promise<void>;
}

export async function startNginx(root: string, port: number): Promise<RunningNginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-nginx-'));
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(conf, nginxConf(prefix, root, port));
  const child: ChildProcess = spawn('nginx', ['-p', prefix, '-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (!child.pid) throw new Error('nginx did not start');
  await waitForHttp(`http://127.0.0.1:${port}/`, 10_000);
  return {
    pid: child.pid,
    stop: async () => {
      // SIGQUIT: graceful shutdown of this master and its workers; nothing else is touched.
      process.kill(child.pid!, 'SIGQUIT');
      await exited;
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
