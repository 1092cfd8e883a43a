// The `govportal` command.
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig, ConfigError } from './platform/config.ts';
import { createContext } from './context.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { openDatabase } from './platform/db/database.ts';
import { serve } from './server.ts';
import { createSiteWithAnnex1, ensureInitialAccounts, initDemo } from './modules/setup/setup.service.ts';
import { SYSTEM_ACTOR } from './platform/audit/audit.service.ts';
import { ROLE_NAMES, type Role } from './platform/auth/roles.ts';
import { createBackup, restoreBackup, type Progress } from './platform/backup/backup.ts';
import { AppError } from './platform/errors.ts';
import { DEMO_SITE } from './modules/setup/demo-site.ts';
import * as usersRepo from './modules/users/users.repository.ts';

function progressBar(): { progress: Progress; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    { format: '{step} [{bar}] {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let current = '';
  return {
    progress: (step, done, total) => {
      if (!started || step !== current) {
        if (started) bar.stop();
        bar.start(total, done, { step });
        started = true;
        current = step;
      } else bar.update(done, { step });
    },
    stop: () => started && bar.stop(),
  };
}

async function withContext<T>(fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>): Promise<T> {
  const ctx = await createContext(loadConfig());
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

const program = new Command('govportal').description('政府门户网站平台').showHelpAfterError();

program
  .command('serve')
  .description('启动网站与管理后台（自动迁移数据库）')
  .option('--init-demo', '数据库中没有站点时创建演示站点')
  .action(async (opts: { initDemo?: boolean }) => {
    await serve(loadConfig(), { initDemo: opts.initDemo });
  });

program
  .command('migrate')
  .description('把数据库结构迁移到最新版本')
  .action(async () => {
    const dbh = openDatabase(loadConfig());
    try {
      const applied = await migrateToLatest(dbh.db);
      console.log(applied.length ? `已执行迁移：${applied.join('、')}` : '数据库已是最新版本');
    } finally {
      await dbh.close();
    }
  });

program
  .command('init')
  .description('创建站点（含附件1栏目树），并创建初始管理员账号')
  .option('--demo', '创建演示站点')
  .option('--code <code>', '站点代码', 'main')
  .option('--name <name>', '网站名称')
  .option('--domain <domain...>', '域名')
  .option('--site-id-code <code>', '网站标识码')
  .option('--icp <number>', 'ICP 备案号')
  .option('--police <number>', '公安机关备案号')
  .option('--sponsor <name>', '主办单位')
  .option('--phone <phone>', '联系电话')
  .option('--email <email>', '电子邮箱')
  .option('--address <address>', '联系地址')
  .action(async (opts: Record<string, string | string[] | boolean | undefined>) => {
    await withContext(async (ctx) => {
      const result = opts.demo
        ? await initDemo(ctx)
        : await createSiteWithAnnex1(ctx, {
            ...DEMO_SITE,
            code: String(opts.code),
            name: String(opts.name ?? DEMO_SITE.name),
            domains: (opts.domain as string[] | undefined) ?? DEMO_SITE.domains,
            siteIdCode: String(opts.siteIdCode ?? DEMO_SITE.siteIdCode),
            icpNumber: String(opts.icp ?? DEMO_SITE.icpNumber),
            policeNumber: String(opts.police ?? DEMO_SITE.policeNumber),
            sponsor: String(opts.sponsor ?? opts.name ?? DEMO_SITE.sponsor),
            organizer: null,
            phone: String(opts.phone ?? DEMO_SITE.phone),
            email: String(opts.email ?? DEMO_SITE.email),
            address: String(opts.address ?? DEMO_SITE.address),
            conacUrl: null,
          });
      console.log(`已创建站点 #${result.siteId}，含 ${result.columns} 个栏目。`);
      for (const a of await ensureInitialAccounts(ctx, ctx.config.adminPassword)) {
        console.log(`${a.displayName}：${a.username}  一次性密码：${a.password}`);
      }
    });
  });

const user = program.command('user').description('管理后台账号（由服务器运维人员执行）');

user
  .command('create')
  .description('创建账号，打印一次性密码')
  .requiredOption('--username <username>', '用户名')
  .requiredOption('--name <displayName>', '姓名')
  .addOption(new Option('--role <role...>', '角色').choices(ROLE_NAMES).makeOptionMandatory())
  .option('--department <id>', '所属部门编号')
  .option('--site <id>', '角色限定的站点编号（默认全部站点）')
  .action(async (opts: { username: string; name: string; role: Role[]; department?: string; site?: string }) => {
    await withContext(async (ctx) => {
      const siteId = opts.site ? Number(opts.site) : null;
      const { user: created, initialPassword } = await ctx.users.create(
        SYSTEM_ACTOR,
        {
          username: opts.username,
          displayName: opts.name,
          departmentId: opts.department ? Number(opts.department) : null,
          email: null,
          roles: opts.role.map((role) => ({ role, siteId })),
        },
        { byOperator: true },
      );
      console.log(`已创建账号 ${created.username}，一次性密码：${initialPassword}（首次登录须修改）`);
    });
  });

user
  .command('reset')
  .description('重置账号密码并解锁，打印一次性密码')
  .requiredOption('--username <username>', '用户名')
  .action(async (opts: { username: string }) => {
    await withContext(async (ctx) => {
      const found = await usersRepo.findByUsername(ctx.db, opts.username);
      if (!found) throw new AppError('ACCOUNT_NOT_FOUND', { username: opts.username });
      console.log(
        `账号 ${opts.username} 的一次性密码：${await ctx.users.resetPassword(SYSTEM_ACTOR, found.id)}（首次登录须修改）`,
      );
    });
  });

program
  .command('backup')
  .description('在线备份数据库与上传文件（服务运行时也可执行）')
  .requiredOption('--out <file>', '备份文件路径（.tar.gz）')
  .action(async (opts: { out: string }) => {
    await withContext(async (ctx) => {
      const bar = progressBar();
      const manifest = await createBackup(ctx.dbh, ctx.fileStore, opts.out, bar.progress);
      bar.stop();
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      console.log(`备份完成：${opts.out}（${rows} 行数据，${manifest.files} 个文件）`);
    });
  });

program
  .command('restore <file>')
  .description('把备份恢复到空的安装中')
  .action(async (file: string) => {
    await withContext(async (ctx) => {
      const bar = progressBar();
      const manifest = await restoreBackup(ctx.dbh, ctx.fileStore, file, bar.progress);
      bar.stop();
      await ctx.audit.recordAlone(SYSTEM_ACTOR, {
        action: 'system.restore',
        targetType: 'backup',
        detail: { file, createdAt: manifest.createdAt },
      });
      console.log(`恢复完成：备份时间 ${manifest.createdAt}，${manifest.files} 个文件`);
    });
  });

program
  .command('export')
  .description('把公开网站导出为可由 nginx 或 CDN 直接提供的静态文件，附签名清单 manifest.json 与 nginx 示例配置')
  .requiredOption('--out <dir>', '输出目录（空目录或以前的导出目录）')
  .option('--site <code>', '站点代码（默认主站）')
  .option('--base-url <url>', '页面中绝对地址的基础地址（默认 GOVPORTAL_PUBLIC_URL，或 https://站点域名）')
  .option('--watch', '登记此目录：每 10 分钟校验一次，发现篡改即告警')
  .option('--auto-restore', '与 --watch 同用：发现篡改后自动恢复发布版本')
  .action(async (opts: { out: string; site?: string; baseUrl?: string; watch?: boolean; autoRestore?: boolean }) => {
    await withContext(async (ctx) => {
      const { exportCommand } = await import('./modules/export/export.cli.ts');
      const bar = progressBar();
      process.exitCode = await exportCommand(ctx, opts, bar.progress, bar.stop);
    });
  });

program
  .command('verify')
  .description('按签名清单校验导出目录，报告新增、改动、缺失的文件；--restore 恢复发布版本')
  .requiredOption('--dir <dir>', '导出目录')
  .option('--restore', '删除新增文件，恢复被改动和缺失的文件')
  .action(async (opts: { dir: string; restore?: boolean }) => {
    await withContext(async (ctx) => {
      const { verifyCommand } = await import('./modules/export/export.cli.ts');
      const bar = progressBar();
      process.exitCode = await verifyCommand(ctx, opts, bar.progress, bar.stop);
    });
  });

program
  .command('inspect')
  .description('按 2019 年《政府网站与政务新媒体检查指标》检查一个网站，输出得分与报告')
  .requiredOption('--url <url>', '网站首页地址')
  .option('--max-pages <n>', '最多抓取页面数', '60')
  .option('--no-services', '没有对外服务职能（办事服务指标不检查，×4/3）')
  .option('--site <code>', '本平台的站点代码：同时从数据库检查内部指标')
  .option('--public-host <host>', '经本机地址抓取时，网站对外的域名（用于域名规范检查）')
  .option('--ignore-robots', '忽略 robots.txt（仅限本单位网站）')
  .option('--no-screenshots', '不截取问题页面')
  .option('--seed <n>', '随机抽样种子（同一种子抽到相同页面）')
  .option('--out <dir>', '把 report.json 与 report.html 写到此目录')
  .action(
    async (opts: {
      url: string;
      maxPages: string;
      services: boolean;
      site?: string;
      publicHost?: string;
      ignoreRobots?: boolean;
      screenshots: boolean;
      seed?: string;
      out?: string;
    }) => {
      await withContext(async (ctx) => {
        const site = opts.site ? (await ctx.sites.list()).find((s) => s.code === opts.site) : undefined;
        if (opts.site && !site) throw new AppError('SITE_CODE_NOT_FOUND', { code: opts.site });
        // The operator chose this URL on the server itself: its host is trusted even on loopback or the intranet.
        const { outboundGuard, installOutboundGuard } = await import('./modules/inspection/crawler/address-guard.ts');
        installOutboundGuard(outboundGuard()?.allowing(new URL(opts.url).hostname.replace(/^\[|\]$/g, '')) ?? null);
        const id = await ctx.inspection.create(SYSTEM_ACTOR, {
          url: opts.url,
          siteId: site?.id ?? null,
          maxPages: Number(opts.maxPages),
          noServices: !opts.services,
          ignoreRobots: opts.ignoreRobots,
          screenshots: opts.screenshots,
          seed: opts.seed === undefined ? undefined : Number(opts.seed),
          publicHost: opts.publicHost,
        });
        const bar = progressBar();
        const stages: Record<string, string> = {
          crawl: '抓取页面',
          links: '检查链接',
          checks: '按指标检查',
          evidence: '截取证据',
          done: '完成',
        };
        const report = await ctx.inspection.execute(id, (p) =>
          bar.progress(stages[p.stage] ?? p.stage, p.done, Math.max(p.total, p.done)),
        );
        bar.stop();
        printInspectionSummary(report);
        if (opts.out) {
          const { renderReportHtml } = await import('./modules/inspection/report/index.ts');
          const fs = await import('node:fs/promises');
          await fs.mkdir(opts.out, { recursive: true });
          await fs.writeFile(`${opts.out}/report.json`, JSON.stringify(report, null, 2));
          await fs.writeFile(`${opts.out}/report.html`, renderReportHtml(report));
          console.log(`报告已写入 ${opts.out}/report.json 与 ${opts.out}/report.html`);
        }
      });
    },
  );

function printInspectionSummary(report: import('./modules/inspection/engine.ts').InspectionReport): void {
  const fmt = (n: number | null) => (n === null ? '—' : n.toFixed(2));
  console.log(`\n${report.target.url}  检查结论：${report.verdict}`);
  console.log(
    `扣分指标得分 ${fmt(report.deductionScore)}  加分 ${fmt(report.bonusScore)}  总分 ${fmt(report.totalScore)}`,
  );
  if (report.untested.deductionPoints > 0)
    console.log(
      `未检测的扣分指标共 ${report.untested.deductionPoints} 分（得分可能偏高）：${report.untested.indicators.map((i) => i.name).join('、')}`,
    );
  for (const i of report.indicators.filter((x) => ['否决', '扣分', '加分'].includes(x.status))) {
    console.log(
      `  [${i.status}] ${i.name}${i.points === null ? '' : ` ${i.points}`}：${i.findings
        .slice(0, 3)
        .map((f) => f.message)
        .join('；')}${i.findings.length > 3 ? ` 等 ${i.findings.length} 处` : ''}`,
    );
  }
  console.log(
    `SCORE deduction=${fmt(report.deductionScore)} bonus=${fmt(report.bonusScore)} total=${fmt(report.totalScore)} verdict=${report.verdict}`,
  );
}

const audit = program.command('audit').description('审计日志');
audit
  .command('verify')
  .description('校验审计日志哈希链，发现被改动或删除的记录')
  .action(async () => {
    await withContext(async (ctx) => {
      const bar = progressBar();
      const result = await ctx.audit.verify((done, total) => bar.progress('校验', done, total));
      bar.stop();
      if (result.ok) {
        console.log(`审计日志完整：共校验 ${result.checked} 条记录。`);
      } else {
        console.error(`审计日志异常（校验 ${result.checked} 条）：`);
        for (const p of result.problems) console.error(`  - ${p}`);
        process.exitCode = 1;
      }
    });
  });

const filesCommand = program.command('files').description('上传文件存储');
filesCommand
  .command('migrate')
  .description('把数据目录中的上传文件复制到 PostgreSQL，使每个应用节点都能提供（可重复执行，网站运行时也可执行）')
  .action(async () => {
    await withContext(async (ctx) => {
      const { DatabaseFileStore, migrateDiskToDatabase } = await import('./platform/files/file-store.ts');
      const store = ctx.fileStore;
      if (!(store instanceof DatabaseFileStore) || !store.legacy) {
        console.log('本安装使用内嵌 SQLite，上传文件保存在数据目录中，无需迁移。');
        return;
      }
      const bar = progressBar();
      const report = await migrateDiskToDatabase(store.legacy, store, (done) => bar.progress('复制文件', done, done));
      bar.stop();
      console.log(`迁移完成：复制 ${report.copied} 个文件，${report.present} 个已在数据库中。`);
      if (report.damaged.length) {
        console.error(`以下 ${report.damaged.length} 个文件已损坏（内容与 SHA-256 不符），未复制：`);
        for (const key of report.damaged) console.error(`  - ${key}`);
        process.exitCode = 1;
      }
    });
  });

const searchCommand = program.command('search').description('站内搜索');
searchCommand
  .command('reindex')
  .description('从已发布信息重建站内搜索索引（网站运行时也可执行，搜索不中断）')
  .action(async () => {
    await withContext(async (ctx) => {
      const bar = progressBar();
      const result = await ctx.search.reindex((done, total) => bar.progress('重建索引', done, total));
      bar.stop();
      console.log(
        `索引重建完成：${result.indexed} 条信息，移除 ${result.removed} 条已不公开的信息，用时 ${(result.ms / 1000).toFixed(1)} 秒。`,
      );
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError || error instanceof ConfigError) {
    console.error(`错误：${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
