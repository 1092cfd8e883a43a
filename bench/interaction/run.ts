// npm run bench:interaction — the message board under a year's load: BENCH_MESSAGES messages (default 5,000) spread
// over twelve months, then the times staff and citizens wait for: a citizen's submission (rate limits, duplicate
// check, routing, tracking number, trail, audit, receipt), the dispatcher's inbox and the department's list with
// their working-day clocks, the statistics report (by month, department, category) and a smart Q&A answer (the
// demo's knowledge base, then the site search). SQLite in a temporary directory by default; with DATABASE_URL, a
// throw-away database on that PostgreSQL server.
// Then the same database is served by `govportal serve` (started with GOVPORTAL_TRUST_PROXY so each simulated
// citizen is seen from an address of its own) and BENCH_CITIZENS citizens (200) log in and use it over HTTP with
// 5–10 s think time for BENCH_SECONDS (75): submissions, their messages, the smart Q&A, the public list. Any answer
// that is not 2xx counts as an error (the bench exits non-zero). Saturation is measured afterwards on its own:
// BENCH_SATURATION_CONNECTIONS (16) clients submit back to back for BENCH_SATURATION_SECONDS (10).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/platform/config.ts';
import { openPostgres, openSqlite, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { createContext } from '../../src/context.ts';
import { createSiteWithAnnex1 } from '../../src/modules/setup/setup.service.ts';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.service.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency.ts';
import type { AuthContext } from '../../src/modules/auth/auth.service.ts';
import type { CitizenContext } from '../../src/modules/citizens/citizen-auth.service.ts';
import { DEMO_MESSAGES } from '../../src/modules/interaction/demo/messages.ts';
import { DEMO_PAIRS } from '../../src/modules/interaction/demo/knowledge.ts';
import { BOARD_GROUP_SLUG, BOARD_LIST_SLUG } from '../../src/modules/interaction/board.ts';
import { saturation, thinkTimeLoad, warmUp, type LoadCitizen, type LoadResult } from './citizens-http.ts';
import { startServer } from './server.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const PG_URL = process.env.DATABASE_URL || null;
const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 75);
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 10);
const SATURATION_CONNECTIONS = Number(process.env.BENCH_SATURATION_CONNECTIONS ?? 16);
const PASSWORD = 'Bench-Passw0rd!2026';
const DAY = 86_400_000;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
function stats(list: number[]) {
  const s = [...list].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(1)} ms · p95 ${pct(s, 95).toFixed(1)} ms · max ${s.at(-1)!.toFixed(1)} ms (n=${s.length})`;
}
function httpStats(list: number[] | undefined) {
  if (!list?.length) return 'none';
  const s = [...list].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(1)} ms · p99 ${pct(s, 99).toFixed(1)} ms · max ${s.at(-1)!.toFixed(1)} ms (n=${s.length})`;
}
/** Errors, naming those the server shed under load (503 系统繁忙: its event loop lagged past GOVPORTAL_SHED_DELAY_MS). */
function errorCount(errors: string[]): string {
  const shed = errors.filter((e) => e.includes(' 503 ')).length;
  return shed ? `${errors.length} (${shed} shed with 503 系统繁忙)` : String(errors.length);
}
function httpLines(r: LoadResult): string[] {
  return [...r.times.entries()].map(([kind, list]) => `  - ${`${kind}:`.padEnd(14)} ${httpStats(list)}`);
}
async function timed(n: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return times;
}

interface BenchDatabase {
  dbh: DatabaseHandle;
  drop: () => Promise<void>;
  label: string;
  /** DATABASE_URL for the server process (null: SQLite in the data directory). */
  url: string | null;
}

async function database(dir: string): Promise<BenchDatabase> {
  if (!PG_URL) {
    const dbh = openSqlite(path.join(dir, 'govportal.sqlite'));
    return { dbh, drop: () => dbh.close(), label: 'SQLite', url: null };
  }
  const name = `gp_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const dbh = openPostgres(url.toString(), 4);
  return {
    dbh,
    label: 'PostgreSQL',
    url: url.toString(),
    drop: async () => {
      await dbh.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-'));
  const db = await database(dir);
  const { dbh, drop, label } = db;
  try {
    const ctx = await createContext(loadConfig({ GOVPORTAL_DATA_DIR: dir, GOVPORTAL_LOG_LEVEL: 'silent' }), { dbh });
    const { siteId } = await createSiteWithAnnex1(ctx);
    const { interaction } = ctx;
    await interaction.settings.openBoard(SYSTEM_ACTOR, siteId);
    const departments = await ctx.departments.list(siteId);
    const admin: AuthContext = {
      userId: null as unknown as number,
      username: 'bench',
      displayName: '基准测试',
      departmentId: departments[0]!.id,
      grants: [{ role: 'site_admin', siteId }],
      sessionId: 'bench',
      csrfToken: '',
      mustChangePassword: false,
      passwordExpired: false,
      actor: { userId: null, username: 'bench', ip: '127.0.0.1' },
    };

    log(`writing ${MESSAGES} messages over twelve months…`);
    const routing = await interaction.messages.routing(siteId);
    const now = Date.now();
    const t = performance.now();
    for (let i = 0; i < MESSAGES; i++) {
      const m = DEMO_MESSAGES[i % DEMO_MESSAGES.length]!;
      await ctx.db.transaction().execute((trx) =>
        interaction.messages.create(
          trx,
          routing,
          {
            siteId,
            channel: 'board',
            category: m.category,
            citizenId: null,
            reporter: '网民',
            title: `${m.title}（${i}）`,
            body: m.body,
            publishConsent: true,
            contactPreference: 'none',
            receivedAt: new Date(now - ((MESSAGES - i) / MESSAGES) * 365 * DAY).toISOString(),
          },
          SYSTEM_ACTOR,
          '网民',
        ),
      );
    }
    log(`  ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const p of DEMO_PAIRS) {
      const view = await interaction.knowledge.create(admin, siteId, {
        question: p.question,
        answer: p.answer,
        variants: p.variants.join('\n'),
        keywords: p.keywords,
      });
      await interaction.knowledge.setStatus(admin, view.id, 'published');
    }

    const citizens: CitizenContext[] = [];
    for (let i = 0; i < Math.ceil(RUNS / 10); i++) {
      const id = await ctx.citizens.accounts.createVerifiedAccount({
        phone: `1370000${String(i).padStart(4, '0')}`,
        displayName: `市民${i}`,
        password: 'Bench-Passw0rd!2026',
        at: new Date().toISOString(),
      });
      const actor = { userId: null, username: `citizen:${id}`, ip: `198.51.100.${i % 250}` };
      citizens.push({
        citizenId: id,
        displayName: `市民${i}`,
        accountType: 'person',
        sessionId: 'b',
        csrfToken: '',
        actor,
      });
    }
    const submit = await timed(RUNS, (i) => {
      const m = DEMO_MESSAGES[i % DEMO_MESSAGES.length]!;
      const c = citizens[Math.floor(i / 10)]!;
      return interaction.messages.submit(
        c,
        siteId,
        {
          category: m.category,
          title: `${m.title}（补充${i}）`,
          body: m.body,
          publishConsent: true,
          contactPreference: 'none',
          idempotencyKey: newIdempotencyKey(),
        },
        c.actor.ip,
      );
    });
    const inbox = await timed(50, (i) =>
      interaction.handling.list(admin, siteId, { box: 'dispatch', page: 1 + (i % 5) }),
    );
    const all = await timed(50, (i) =>
      interaction.handling.list(admin, siteId, { box: 'all', q: i % 2 ? '营业执照' : undefined }),
    );
    const report = await timed(20, () => interaction.stats.report(siteId, {}, 'board'));
    const questions = ['社保卡丢了怎么办', 'gongjijin tiqu', '营业执造遗失', '政务服务中心周六上班吗', 'yyzz'];
    await interaction.qa.answer(siteId, '', questions[0]!);
    const qa = await timed(RUNS, (i) => interaction.qa.answer(siteId, '', questions[i % questions.length]!));

    const lines = [
      `bench:interaction on ${label}, ${MESSAGES} messages over a year, ${DEMO_PAIRS.length} knowledge-base pairs`,
      `- a citizen's submission:            ${stats(submit)}`,
      `- the dispatcher's inbox (page):     ${stats(inbox)}`,
      `- all messages, keyword search:      ${stats(all)}`,
      `- statistics report (12 months):     ${stats(report)}`,
      `- smart Q&A answer (with search):    ${stats(qa)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    await ctx.search.idle();

    log(`creating ${CITIZENS} citizen accounts (and one to warm the server up)…`);
    const people: LoadCitizen[] = [];
    for (let i = 0; i <= CITIZENS; i++) {
      const phone = `1380000${String(i).padStart(4, '0')}`;
      await ctx.citizens.accounts.createVerifiedAccount({
        phone,
        displayName: `访客${i}`,
        password: PASSWORD,
        at: new Date().toISOString(),
      });
      // Distinct addresses from the documentation ranges (RFC 5737): 198.18.x.y is the benchmarking network.
      people.push({ phone, password: PASSWORD, ip: `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}` });
    }
    process.stdout.write(`${(await httpPhase(dir, db, people)).join('\n')}\n`);
  } finally {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(`${dir}.keys`, { recursive: true, force: true });
  }
}

/** The figures over HTTP: think-time load (the issue's scenario), then saturation on its own. */
async function httpPhase(dir: string, db: BenchDatabase, people: LoadCitizen[]): Promise<string[]> {
  const port = 39_420 + (process.pid % 500);
  log(`starting govportal serve on port ${port}…`);
  const server = await startServer({ dataDir: dir, databaseUrl: db.url, port });
  try {
    const base = `http://127.0.0.1:${port}`;
    const publicList = `/${BOARD_GROUP_SLUG}/${BOARD_LIST_SLUG}/`;
    const [first, ...others] = people;
    const warm = await warmUp(base, first!, publicList);
    log(`${others.length} citizens, 5–10 s think time, ${SECONDS} s…`);
    const load = await thinkTimeLoad({
      base,
      citizens: others,
      seconds: SECONDS,
      thinkMs: [5000, 10_000],
      submitShare: 0.3,
      publicList,
    });
    log(`saturation: ${SATURATION_CONNECTIONS} connections submitting for ${SATURATION_SECONDS} s…`);
    const sat = await saturation({
      base,
      sessions: load.sessions,
      seconds: SATURATION_SECONDS,
      connections: SATURATION_CONNECTIONS,
    });
    const submitted = sat.times.get('submit') ?? [];
    const errors = [...warm, ...load.errors, ...sat.errors];
    if (errors.length) process.exitCode = 1;
    return [
      `machine: ${os.availableParallelism()} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end`,
      `over HTTP (govportal serve, ${db.label}): ${others.length} citizens from distinct addresses, 5–10 s think time, ${load.seconds.toFixed(0)} s`,
      `- signing in first, 4 at a time (argon2id): ${httpStats(load.logins)}`,
      `- ${load.requests} requests (${(load.requests / load.seconds).toFixed(1)}/s), errors: ${errorCount(load.errors)}`,
      ...httpLines(load),
      `saturation (no think time, ${SATURATION_CONNECTIONS} connections, ${sat.seconds.toFixed(1)} s): ${(submitted.length / sat.seconds).toFixed(0)} submissions/s, errors: ${errorCount(sat.errors)}`,
      ...httpLines(sat),
      ...errors.slice(0, 10).map((e) => `  ! ${e}`),
    ];
  } finally {
    await server.stop();
  }
}

const log = (s: string) => process.stderr.write(`${s}\n`);

await main();
