// npm run bench:search — builds a search index of 100,000 synthetic items and measures it: index build time,
// query latency (p50/p95/p99) for a mix of 1-, 2- and 4-word queries through the whole search (counts per kind,
// ranking tiers, highlighting, hot words, cards, the search log), single-item indexing, memory and index size.
// SQLite in a temporary directory by default; with DATABASE_URL, a throw-away database on that PostgreSQL server.
// Options: BENCH_ITEMS (default 100000), BENCH_QUERIES (per word count, default 300).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../../src/platform/config.ts';
import { openPostgres, openSqlite, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { createContext } from '../../src/context.ts';
import { createSiteWithAnnex1 } from '../../src/modules/setup/setup.service.ts';
import { loadCorpus } from '../../src/modules/search/quality/load.ts';
import { seedDefaultSearchCards } from '../../src/modules/search/search.service.ts';
import { generateItems, queryMix } from './generate.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const PER = Number(process.env.BENCH_QUERIES ?? 300);
const PG_URL = process.env.DATABASE_URL || null;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

function stats(list: number[]) {
  const s = [...list].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1]! };
}

async function database(dir: string): Promise<{ dbh: DatabaseHandle; drop: () => Promise<void>; label: string }> {
  if (!PG_URL) {
    const dbh = openSqlite(path.join(dir, 'bench.sqlite'));
    return { dbh, drop: () => dbh.close(), label: 'SQLite' };
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
  const { dbh, drop, label } = await database(dir);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  try {
    const ctx = await createContext(loadConfig({}, { dataDir: dir, logLevel: 'silent' }), { dbh });
    const { siteId } = await createSiteWithAnnex1(ctx);
    await seedDefaultSearchCards(ctx, siteId);

    log(`generating ${ITEMS} items…`);
    const items = generateItems(ITEMS);
    const avgBody = items.reduce((n, i) => n + i.bodyHtml.replace(/<[^>]+>/g, '').length, 0) / items.length;
    const avgTitle = items.reduce((n, i) => n + i.title.length, 0) / items.length;
    let t = performance.now();
    await loadCorpus(ctx, siteId, items, (done, total) => done % 20_000 === 0 && log(`  published ${done}/${total}`));
    const loadMs = performance.now() - t;

    log('building the index…');
    const before = process.memoryUsage();
    t = performance.now();
    const cpuBefore = process.cpuUsage();
    const built = await ctx.search.reindex((done, total) => done % 10_000 === 0 && log(`  indexed ${done}/${total}`));
    const buildMs = performance.now() - t;
    const buildCpu = process.cpuUsage(cpuBefore);
    const afterBuild = process.memoryUsage();

    // Queries: warm up, then the measured mix.
    const mix = queryMix(items, PER);
    const scope = { siteId, prefix: '' };
    for (const { q } of queryMix(items, 20, 99)) await ctx.search.search(scope, { q });
    const times: Record<number, number[]> = { 1: [], 2: [], 4: [] };
    const totals: number[] = [];
    const all: number[] = [];
    const cpu: number[] = [];
    for (const { words, q } of mix) {
      const s = performance.now();
      const c = process.cpuUsage();
      const r = await ctx.search.search(scope, { q });
      const e = performance.now() - s;
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      times[words]!.push(e);
      all.push(e);
      totals.push(r.total);
    }
    // Other operations people do: a tab, page 3, date order, suggestions.
    const extra: number[] = [];
    for (const { q } of mix.slice(0, 100)) {
      for (const input of [
        { q, kind: 'notice' as const },
        { q, page: 3 },
        { q, sort: 'date' as const },
      ]) {
        const s = performance.now();
        await ctx.search.search(scope, input);
        extra.push(performance.now() - s);
      }
    }
    const suggest: number[] = [];
    for (const { q } of mix.slice(0, 200)) {
      const prefix = [...q.replace(/ /g, '')].slice(0, 2).join('');
      const s = performance.now();
      await ctx.search.suggest(scope, prefix);
      suggest.push(performance.now() - s);
    }
    // Publishing one item: its reindex (what the publication listener does after commit).
    const ids = (
      await ctx.db.selectFrom('published_items').select('content_id').orderBy('content_id').limit(200).execute()
    ).map((r) => r.content_id);
    t = performance.now();
    for (const id of ids) await ctx.search.indexItems([id]);
    const perItem = (performance.now() - t) / ids.length;
    const end = process.memoryUsage();

    let size = '';
    if (label === 'SQLite') {
      const files = fs.readdirSync(dir).filter((f) => f.startsWith('bench.sqlite'));
      size = `${mb(files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0))} (whole database file)`;
      const r = await sql<{ n: number }>`select sum(pgsize) as n from dbstat where name like 'search_%'`
        .execute(ctx.db)
        .catch(() => null);
      if (r?.rows[0]?.n) size = `${mb(Number(r.rows[0].n))} search tables; ${size}`;
    } else {
      const r = await sql<{
        n: string;
      }>`select pg_total_relation_size('search_docs') + pg_total_relation_size('search_terms') as n`.execute(ctx.db);
      size = `${mb(Number(r.rows[0]!.n))} (search_docs with its GIN index, search_terms)`;
    }

    const q = stats(all);
    const qc = stats(cpu);
    const load = os.loadavg()[0]!.toFixed(1);
    const lines = [
      `### ${label} — ${ITEMS.toLocaleString('en')} items (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version})`,
      '',
      `Items: titles ${avgTitle.toFixed(0)} characters, bodies ${avgBody.toFixed(0)} characters on average; ${built.indexed.toLocaleString('en')} indexed. Load average at the end: ${load} (other processes share the machine: wall times include waiting for a CPU; the CPU times of this process do not${label === 'SQLite' ? ', and include SQLite, which runs in-process' : ', and exclude the PostgreSQL server'}).`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| index build (\`govportal search reindex\`) | ${(buildMs / 1000).toFixed(1)} s wall (${(ITEMS / (buildMs / 1000)).toFixed(0)} items/s); ${((buildCpu.user + buildCpu.system) / 1e6).toFixed(1)} s CPU |`,
      `| writing the items to published_items (not part of the index) | ${(loadMs / 1000).toFixed(1)} s |`,
      `| query latency, all ${q.n} queries (wall) | p50 ${ms(q.p50)} · p95 ${ms(q.p95)} · p99 ${ms(q.p99)} · max ${ms(q.max)} |`,
      `| query CPU time of this process | p50 ${ms(qc.p50)} · p95 ${ms(qc.p95)} · p99 ${ms(qc.p99)} |`,
      ...[1, 2, 4].map((n) => {
        const s = stats(times[n]!);
        return `| — ${n}-word queries (${s.n}) | p50 ${ms(s.p50)} · p95 ${ms(s.p95)} · p99 ${ms(s.p99)} |`;
      }),
      `| results per query | median ${stats(totals).p50.toLocaleString('en')}, p95 ${stats(totals).p95.toLocaleString('en')}, max ${stats(totals).max.toLocaleString('en')} |`,
      `| tab / page 3 / date order (${extra.length}) | p50 ${ms(stats(extra).p50)} · p95 ${ms(stats(extra).p95)} · p99 ${ms(stats(extra).p99)} |`,
      `| suggestions (${suggest.length}) | p50 ${ms(stats(suggest).p50)} · p95 ${ms(stats(suggest).p95)} · p99 ${ms(stats(suggest).p99)} |`,
      `| one item reindexed (publication listener) | ${ms(perItem)} |`,
      `| memory after build | RSS ${mb(afterBuild.rss)}, heap ${mb(afterBuild.heapUsed)} (before build: RSS ${mb(before.rss)}, heap ${mb(before.heapUsed)}) |`,
      `| memory after queries | RSS ${mb(end.rss)}, heap ${mb(end.heapUsed)} |`,
      `| index size | ${size} |`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
