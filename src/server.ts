// Starts the HTTP server: dual-stack on `::` by default, so IPv4 and IPv6 clients both connect.
// With GOVPORTAL_WORKERS > 1 the process becomes a node:cluster primary that prepares the installation once
// and forks the workers; each worker is a whole, stateless app node on the shared port and database (pages
// cached per worker, kept current by the publication generation as between nodes). Scheduled jobs run in
// worker 0 only, and a worker that dies is started again.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from './platform/config.ts';
import { createContext, type AppContext } from './context.ts';
import { buildApp } from './app.ts';
import { ensureInitialAccounts, hasSites, initDemo } from './modules/setup/setup.service.ts';
import { Scheduler } from './platform/jobs/scheduler.ts';
import { housekeepingJobs } from './jobs.ts';

export interface ServeOptions {
  initDemo?: boolean;
}

/** Set by the primary on each worker it forks: 0 … workers − 1, kept when a worker is replaced. */
const WORKER_INDEX_ENV = 'GOVPORTAL_WORKER_INDEX';
/** A worker that dies is replaced after this pause, so a crash at start-up does not spin. */
const RESTART_DELAY_MS = 1000;

function printAccounts(accounts: Awaited<ReturnType<typeof ensureInitialAccounts>>): void {
  if (accounts.length === 0) return;
  const lines = [
    '',
    '================ 初始管理员账号（仅显示这一次，首次登录须修改密码） ================',
    ...accounts.map(
      (a) => `  ${a.displayName.padEnd(6, '　')}  用户名：${a.username.padEnd(12)} 一次性密码：${a.password}`,
    ),
    '====================================================================================',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

export async function prepare(config: Config, options: ServeOptions): Promise<AppContext> {
  const ctx = await createContext(config);
  const accounts = await ensureInitialAccounts(ctx, config.adminPassword);
  if (options.initDemo && !(await hasSites(ctx))) {
    const { columns } = await initDemo(ctx);
    process.stdout.write(`已创建演示站点（${columns} 个栏目）。\n`);
  }
  printAccounts(accounts);
  return ctx;
}

function printStarted(config: Config): void {
  const shown =
    config.host === '::' || config.host === '0.0.0.0'
      ? 'localhost'
      : config.host.includes(':')
        ? `[${config.host}]`
        : config.host;
  const workers = config.workers > 1 ? `（${config.workers} 个工作进程）` : '';
  process.stdout.write(
    `govportal 已启动${workers}：公开网站 http://${shown}:${config.port}/  管理后台 http://${shown}:${config.port}/admin/  接口文档 http://${shown}:${config.port}/api/docs\n`,
  );
}

/** One app node in this process; `jobs` says whether it runs the scheduled jobs. */
async function runNode(ctx: AppContext, config: Config, jobs: boolean): Promise<void> {
  const app = await buildApp(ctx);
  const scheduler = new Scheduler((job, error) => app.log.error({ err: error, job }, 'scheduled job failed'));
  if (jobs) scheduler.start(housekeepingJobs(ctx));
  let closing = false;
  // Ctrl-C reaches a cluster's workers twice (SIGINT from the terminal, SIGTERM from the primary).
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    scheduler.stop();
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ host: config.host, port: config.port });
}

export async function serve(config: Config, options: ServeOptions = {}): Promise<void> {
  if (cluster.isWorker) {
    // The primary has migrated the database and recovered interrupted inspections already.
    const ctx = await createContext(config, { migrate: false });
    await runNode(ctx, config, config.jobsEnabled && process.env[WORKER_INDEX_ENV] === '0');
    return;
  }
  const ctx = await prepare(config, options);
  // Inspection runs left half-done by a stopped server are marked failed: once, before any node starts one.
  await ctx.inspection.recover();
  if (config.workers <= 1) {
    await runNode(ctx, config, config.jobsEnabled);
    printStarted(config);
    return;
  }
  await ctx.close();
  await runPrimary(config);
}

/** Forks the workers, replaces any that die, and stops them all on SIGINT/SIGTERM. */
async function runPrimary(config: Config): Promise<void> {
  let stopping = false;
  const workers = new Map<number, Worker>();
  const fork = (index: number) => {
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    workers.set(index, worker);
    worker.once('exit', (code, signal) => {
      if (workers.get(index) === worker) workers.delete(index);
      if (stopping) {
        if (workers.size === 0) process.exit(0);
        return;
      }
      process.stderr.write(`工作进程 ${index} 退出（${signal ?? code}），${RESTART_DELAY_MS} ms 后重启\n`);
      setTimeout(() => {
        if (!stopping) fork(index);
      }, RESTART_DELAY_MS).unref();
    });
    return worker;
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (workers.size === 0) process.exit(0);
    for (const worker of workers.values()) worker.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const listening = Array.from(
    { length: config.workers },
    (_, i) =>
      new Promise<void>((resolve, reject) => {
        const worker = fork(i);
        worker.once('listening', () => resolve());
        worker.once('exit', (code) => reject(new Error(`工作进程 ${i} 启动失败（退出码 ${code}）`)));
      }),
  );
  try {
    await Promise.all(listening);
  } catch (error) {
    stop();
    throw error;
  }
  printStarted(config);
}
