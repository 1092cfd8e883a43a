// npm run bench:supervision — how fast supervision works without being rude:
//   1. a quarter's plan over 50 fixture sites (the inspection fixtures served at 50 local ports, 60 pages each at
//      most), run as the scheduler runs it (3 sites side by side, each host at most 4 requests in flight);
//   2. a 1,000-page external site (no Crawl-delay), crawled at no more than 4 requests in flight, each answer
//      delayed BENCH_LATENCY_MS (50) as a distant server's would be;
//   3. a 1,000-page site of this installation, served by `govportal serve` and inspected through its own
//      address at full speed (the internal checks included).
// Prints a table (markdown) with the figures. Options (environment): BENCH_SITES (50), BENCH_PAGES (1000),
// BENCH_LATENCY_MS (50), BENCH_PARTS (plan,external,own).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.ts';
import { createContext } from '../../src/context.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.service.ts';
import { createSiteWithAnnex1 } from '../../src/modules/setup/setup.service.ts';
import { inspect } from '../../src/modules/inspection/engine.ts';
import { fixtureNames } from '../../test/fixtures/sites/harness.ts';
import { serveSite, type ServedSite } from '../../test/fixtures/sites/serve.ts';
import { waitForHttp } from '../serve/nginx.ts';
import { seedSite } from '../serve/seed.ts';
import { bigSite } from './big-site.ts';

const SITES = Number(process.env.BENCH_SITES ?? 50);
const PAGES = Number(process.env.BENCH_PAGES ?? 1000);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 50);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'plan,external,own').split(','));
const APP_PORT = 39_410;
const CLI = path.resolve('bin/govportal.js');
const log = (s: string) => process.stderr.write(`${s}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () => os.loadavg()[0].toFixed(2);
const rows: string[][] = [];

async function planOf50(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-sup-'));
  const ctx = await createContext(loadConfig({}, { dataDir, logLevel: 'silent' }));
  const served: ServedSite[] = [];
  try {
    const { siteId } = await createSiteWithAnnex1(ctx);
    const names = fixtureNames();
    for (let i = 0; i < SITES; i++) {
      const site = await serveSite(names[i % names.length]);
      served.push(site);
      await ctx.supervision.registry.create(SYSTEM_ACTOR, siteId, {
        kind: 'website',
        name: `示例网站${i + 1}（${names[i % names.length]}）`,
        url: `${site.origin}/`,
        domains: ['www.shili.gov.cn'],
        department: '示例部门',
        status: '运行',
      });
    }
    // the installation's own site is registered too; its server is not running here, so only external ones count
    const entries = await ctx.supervision.registry.list(siteId);
    for (const e of entries.filter((x) => x.hosting === 'local'))
      await ctx.supervision.registry.update(SYSTEM_ACTOR, e.id, {
        kind: 'website',
        name: e.name,
        url: e.url,
        department: e.department,
        status: '关停',
      });
    const plan = await ctx.supervision.plans.create(SYSTEM_ACTOR, {
      siteId,
      year: 2026,
      quarter: 4,
      fullCoverage: true,
    });
    log(`plan: ${plan.items.length} sites, load ${load()}`);
    const began = performance.now();
    const timer = setInterval(() => {
      void ctx.supervision.plans.detail(plan.plan.id).then((d) => {
        const p = d.plan.progress;
        log(
          `  ${seconds(performance.now() - began)}: done ${p.done}, running ${p.running}, pending ${p.pending}, failed ${p.failed}`,
        );
      });
    }, 15_000);
    await ctx.supervision.plans.work(plan.plan.id);
    clearInterval(timer);
    const elapsed = performance.now() - began;
    const detail = await ctx.supervision.plans.detail(plan.plan.id);
    const runs = await ctx.db.selectFrom('inspection_runs').select(['report']).where('status', '=', 'done').execute();
    const peaks = runs.map(
      (r) =>
        (JSON.parse(r.report ?? '{}') as { crawl?: { mode?: { peakInFlight?: number } } }).crawl?.mode?.peakInFlight ??
        0,
    );
    const pages = served.reduce((n, s) => n + s.requests.length, 0);
    rows.push([
      `抽查计划：${detail.items.length} 个网站（每站至多 60 页，3 站并行）`,
      seconds(elapsed),
      `完成 ${detail.plan.progress.done}，失败 ${detail.plan.progress.failed}；共 ${pages} 次请求；单站同时请求峰值 ${Math.max(...peaks)}`,
      '< 10 min',
    ]);
  } finally {
    await Promise.all(served.map((s) => s.close()));
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function external1000(): Promise<void> {
  const dir = bigSite(PAGES);
  const served = await serveSite(dir);
  // a distant server: every answer arrives LATENCY ms later; the proxy counts the requests in flight
  let inFlight = 0;
  let peak = 0;
  const proxy = http.createServer((req, res) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    setTimeout(() => {
      const upstream = http.request(
        `${served.origin}${req.url}`,
        { method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          up.on('end', () => {
            inFlight -= 1;
          });
        },
      );
      upstream.on('error', () => {
        inFlight -= 1;
        res.writeHead(502).end();
      });
      upstream.end();
    }, LATENCY);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  try {
    const began = performance.now();
    const { report, snapshot } = await inspect({
      baseUrl: `${origin}/`,
      maxPages: PAGES,
      publicHost: 'www.shili.gov.cn',
      seed: 1,
    });
    const elapsed = performance.now() - began;
    rows.push([
      `外部网站 ${snapshot.pages.length} 页（每次应答延迟 ${LATENCY} ms，无 Crawl-delay）`,
      seconds(elapsed),
      `同时请求峰值 ${peak}（引擎记录 ${report.crawl.mode?.peakInFlight}）；渲染 ${snapshot.rendering.rendered} 个模板页`,
      '< 2 min，≤ 4',
    ]);
  } finally {
    proxy.close();
    proxy.closeAllConnections();
    await served.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function own1000(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-own-'));
  log('own site: seeding the demo installation and published items…');
  await seedSite(dataDir, PAGES, log);
  const child = spawn(process.execPath, [CLI, 'serve'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      GOVPORTAL_DATA_DIR: dataDir,
      PORT: String(APP_PORT),
      GOVPORTAL_LOG_LEVEL: 'warn',
      GOVPORTAL_JOBS: 'false',
    },
  });
  const ctx = await createContext(loadConfig({}, { dataDir, logLevel: 'silent' }));
  try {
    await waitForHttp(`http://127.0.0.1:${APP_PORT}/healthz`, 60_000);
    const site = (await ctx.sites.list()).find((s) => s.parentId === null);
    const began = performance.now();
    const id = await ctx.inspection.create(SYSTEM_ACTOR, {
      url: `http://127.0.0.1:${APP_PORT}/`,
      siteId: site?.id ?? null,
      maxPages: PAGES,
      screenshots: false,
    });
    const report = await ctx.inspection.execute(id);
    const elapsed = performance.now() - began;
    rows.push([
      `本平台站点 ${report.crawl.pages} 页（经本机地址，全速，含内部检查）`,
      seconds(elapsed),
      `同时请求峰值 ${report.crawl.mode?.peakInFlight}；渲染 ${report.crawl.rendering?.rendered} 个模板页`,
      '< 1 min',
    ]);
  } finally {
    child.kill('SIGTERM');
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

log(`bench:supervision on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? ''}), load ${load()}`);
if (PARTS.has('external')) await external1000();
if (PARTS.has('own')) await own1000();
if (PARTS.has('plan')) await planOf50();
console.log(
  `\n| 测量 | 用时 | 说明 | 目标 |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`,
);
log(`load at the end ${load()}`);
process.exit(0);
