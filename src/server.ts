// Starts the HTTP server: dual-stack on `::` by default, so IPv4 and IPv6 clients both connect.
import type { Config } from './platform/config.ts';
import { createContext, type AppContext } from './context.ts';
import { buildApp } from './app.ts';
import type { App } from './platform/http.ts';
import { ensureInitialAccounts, hasSites, initDemo } from './modules/setup/setup.service.ts';
import { Scheduler } from './platform/jobs/scheduler.ts';
import { housekeepingJobs } from './jobs.ts';

export interface ServeOptions {
  initDemo?: boolean;
}

function printAccounts(accounts: Awaited<ReturnType<typeof ensureInitialAccounts>>): void {
  if (accounts.length === 0) return;
  const lines = [
    '',
    '================ 初始管理员账号（仅显示这一次，首次登录须修改密码） ================',
    ...accounts.map((a) => `  ${a.displayName.padEnd(6, '　')}  用户名：${a.username.padEnd(12)} 一次性密码：${a.password}`),
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

export async function serve(config: Config, options: ServeOptions = {}): Promise<{ app: App; ctx: AppContext }> {
  const ctx = await prepare(config, options);
  const app = await buildApp(ctx);
  await ctx.inspection.recover();
  const scheduler = new Scheduler((job, error) => app.log.error({ err: error, job }, 'scheduled job failed'));
  if (config.jobsEnabled) scheduler.start(housekeepingJobs(ctx));
  const shutdown = async () => {
    scheduler.stop();
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ host: config.host, port: config.port });
  const shown = config.host === '::' || config.host === '0.0.0.0' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`govportal 已启动：公开网站 http://${shown}:${config.port}/  管理后台 http://${shown}:${config.port}/admin/  接口文档 http://${shown}:${config.port}/api/docs\n`);
  return { app, ctx };
}
