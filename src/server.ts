// Starts the HTTP server: dual-stack on `::` by default, so IPv4 and IPv6 clients both connect.
// With GOVPORTAL_WORKERS > 1 the process becomes a node:cluster primary that prepares the installation once
// and forks the workers; each worker is a whole, stateless app node on the shared port and database (pages
// cached per worker, kept current by the publication generation as between nodes). Scheduled jobs run in
// worker 0 only, and a worker that dies is started again (after a growing pause while it keeps dying). The primary
// never ends because workers died: it exits 0 only when told to stop, and 1 when no worker could ever start.
import cluster, { type Worker } from 'node:cluster';
import { WORKER_INDEX_VARIABLE, type Config } from './platform/config.ts';
import { createContext, type AppContext } from './context.ts';
import { appHealth, buildApp } from './app.ts';
import { installEdge } from './platform/http-guards.ts';
import { ensureInitialAccounts, hasSites, initDemo } from './modules/setup/setup.service.ts';
import { Scheduler } from './platform/jobs/scheduler.ts';
import { housekeepingJobs } from './jobs.ts';

export interface ServeOptions {
  initDemo?: boolean;
}

/** A worker that dies is replaced after this pause, doubled while it keeps dying soon after starting. */
const RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A worker that ran this long counts as healthy again: its next death is replaced after the first pause. */
const STABLE_MS = 60_000;
/** Before any worker ever listened: this many failed starts in a row end the primary with code 1. */
const MAX_START_FAILURES = 5;

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
  process.stdout.write(`${lines.join('\n')}\n`);
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
  // Outermost: /healthz answered without entering Fastify (fast under any load), HSTS on cached pages too.
  installEdge(app.server, { health: appHealth.get(app)!, secure: config.secureCookies });
  // A background task failing while the database is away (an index update, a statistics flush) is logged, never
  // the end of the node: requests are answered 503 meanwhile and everything resumes when the database returns.
  process.on('unhandledRejection', (error) => app.log.error({ err: error }, 'unhandled rejection'));
  const scheduler = new Scheduler((job, error) => app.log.error({ err: error, job }, 'scheduled job failed'));
  if (jobs) {
    scheduler.start(housekeepingJobs(ctx));
    // A checkpoint of the audit chain at every start as well as daily.
    void ctx.audit.checkpoint().catch((error) => app.log.error({ err: error }, 'audit checkpoint failed'));
    // Items published just before the previous process ended, but not yet indexed, are indexed now.
    ctx.search.index.later(() => ctx.search.index.reconcile());
  }
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
  // The first submission for review of a process waited ~6 s for the attachment reader to start: started now,
  // off the request path.
  void ctx.prepublish
    .warm()
    .then((ms) => app.log.info({ ms }, 'pre-publish checks warmed'))
    .catch((error) => app.log.warn({ err: error }, 'pre-publish warm-up failed'));
}

export async function serve(config: Config, options: ServeOptions = {}): Promise<void> {
  if (cluster.isWorker) {
    // The primary has migrated the database and recovered interrupted inspections already.
    const ctx = await createContext(config, { migrate: false });
    await runNode(ctx, config, config.jobsEnabled && config.workerIndex === 0);
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
  let exitCode = 0;
  let everListened = false;
  let startFailures = 0;
  const workers = new Map<number, Worker>();
  const delays = new Map<number, number>();
  const fork = (index: number) => {
    const worker = cluster.fork({ [WORKER_INDEX_VARIABLE]: String(index) });
    const startedAt = Date.now();
    let listened = false;
    workers.set(index, worker);
    worker.once('listening', () => {
      listened = true;
      everListened = true;
      startFailures = 0;
    });
    worker.once('exit', (code, signal) => {
      if (workers.get(index) === worker) workers.delete(index);
      if (stopping) {
        if (workers.size === 0) process.exit(exitCode);
        return;
      }
      if (!listened && !everListened && ++startFailures >= MAX_START_FAILURES) {
        process.stderr.write(`工作进程连续 ${startFailures} 次未能启动，主进程退出\n`);
        stopAll(1);
        return;
      }
      const stable = Date.now() - startedAt >= STABLE_MS;
      const delay = stable
        ? RESTART_DELAY_MS
        : Math.min((delays.get(index) ?? RESTART_DELAY_MS / 2) * 2, MAX_RESTART_DELAY_MS);
      delays.set(index, delay);
      process.stderr.write(`工作进程 ${index} 退出（${signal ?? code}），${delay} ms 后重启\n`);
      setTimeout(() => {
        if (!stopping) fork(index);
      }, delay);
    });
    return worker;
  };
  /** Stops every worker, then exits with `code` (0: asked to stop; 1: could not run). */
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (workers.size === 0) process.exit(code);
    for (const worker of workers.values()) worker.process.kill('SIGTERM');
    // A worker that does not stop within 10 s is ended.
    setTimeout(() => process.exit(code), 10_000).unref();
  };
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
  for (let i = 0; i < config.workers; i++) fork(i);
  await new Promise<void>((resolve) => {
    const first = () => {
      cluster.off('listening', first);
      resolve();
    };
    cluster.on('listening', first);
  });
  printStarted(config);
}
