// npm run bench:search — builds the search index of BENCH_ITEMS synthetic items (default 100,000) spread over a
// cluster of BENCH_SITES sites (default 10: the main site and nine subordinate sites) and measures it: index
// build, every query kind (1, 2 and 4 words; a tab; pages 3 and 50; date order; one site; suggestions) through
// the whole search, one item reindexed, memory and index size.
// SQLite in a temporary directory by default; with DATABASE_URL, a throw-away database on that PostgreSQL server.
// Options: BENCH_QUERIES (per word count, default 300), BENCH_EXTRA (per other kind, default 100), BENCH_DB (a
// database name or SQLite file kept and reused: items are written and indexed only once), BENCH_REINDEX=0 (reuse
// the index of a kept database as it is).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generateItems, queryMix } from './generate.ts';
import { type KindResult, loadNote, measureQueries, serverClock } from './measure.ts';
import { benchSites, loadItems, openBenchDatabase } from './setup.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const SITES = Number(process.env.BENCH_SITES ?? 10);
const PER = Number(process.env.BENCH_QUERIES ?? 300);
const EXTRA = Number(process.env.BENCH_EXTRA ?? 100);
const KEEP = process.env.BENCH_DB || null;
const REINDEX = process.env.BENCH_REINDEX !== '0';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const log = (s: string) => process.stderr.write(`${s}\n`);

async function main() {
  const bench = await openBenchDatabase(process.env.DATABASE_URL || null, KEEP);
  const { ctx, label } = bench;
  try {
    const loadAtStart = loadNote();
    const siteIds = await benchSites(ctx, SITES);
    log(`generating ${ITEMS} items…`);
    let items = generateItems(ITEMS);
    const avgTitle = items.reduce((n, i) => n + i.title.length, 0) / items.length;
    const avgBody = items.reduce((n, i) => n + i.bodyHtml.replace(/<[^>]+>/g, '').length, 0) / items.length;
    const published = Number(
      (
        await ctx.db
          .selectFrom('published_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    let loadMs: number | null = null;
    if (published < ITEMS) {
      const t = performance.now();
      await loadItems(ctx, siteIds, items.slice(published), log);
      loadMs = performance.now() - t;
    }
    // Only the titles are needed from here on (the query mix).
    const titles = items.map((i) => ({ title: i.title }));
    items = [];

    let build: { ms: number; cpu: number; indexed: number } | null = null;
    const before = process.memoryUsage();
    if (REINDEX || !bench.reused) {
      log('building the index…');
      const t = performance.now();
      const cpuBefore = process.cpuUsage();
      const built = await ctx.search.reindex((done, total) => done % 50_000 === 0 && log(`  indexed ${done}/${total}`));
      const cpu = process.cpuUsage(cpuBefore);
      build = { ms: performance.now() - t, cpu: (cpu.user + cpu.system) / 1e6, indexed: built.indexed };
    }
    const afterBuild = process.memoryUsage();

    const mix = queryMix(titles, PER);
    const scope = { siteId: siteIds[0]!, prefix: '' };
    for (const { q } of queryMix(titles, 20, 99)) await ctx.search.search(scope, { q });
    log('measuring…');
    const kinds = await measureQueries(
      ctx,
      siteIds,
      mix,
      EXTRA,
      log,
      bench.label === 'PostgreSQL' ? await serverClock(ctx) : undefined,
    );

    // Publishing one item: its reindex (what the publication listener does after commit).
    const ids = (
      await ctx.db.selectFrom('published_items').select('content_id').orderBy('content_id').limit(200).execute()
    ).map((r) => r.content_id);
    const t = performance.now();
    for (const id of ids) await ctx.search.indexItems([id]);
    const perItem = (performance.now() - t) / ids.length;
    const end = process.memoryUsage();

    console.log(
      report({
        label,
        kinds,
        build,
        loadMs,
        perItem,
        avgTitle,
        avgBody,
        size: await indexSize(bench),
        loadAtStart,
        memory: { before, afterBuild, end },
        sites: siteIds.length,
      }).join('\n'),
    );
  } finally {
    await bench.close();
  }
}

async function indexSize(bench: Awaited<ReturnType<typeof openBenchDatabase>>): Promise<string> {
  const { ctx, file } = bench;
  if (file) {
    const dir = path.dirname(file);
    const files = fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(file)));
    const whole = `${mb(files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0))} (whole database file)`;
    const r = await sql<{ n: number }>`select sum(pgsize) as n from dbstat where name like 'search_%'`
      .execute(ctx.db)
      .catch(() => null);
    return r?.rows[0]?.n ? `${mb(Number(r.rows[0].n))} search tables; ${whole}` : whole;
  }
  const r = await sql<{ name: string; n: string }>`
    select c.relname as name, pg_total_relation_size(c.oid) as n from pg_class c
    where c.relkind in ('r', 'p') and c.relname like 'search\\_%' and c.relname <> 'search_log'`.execute(ctx.db);
  const parts = r.rows.map((x) => `${x.name} ${mb(Number(x.n))}`).join(', ');
  return `${mb(r.rows.reduce((n, x) => n + Number(x.n), 0))} (${parts}, with their indexes)`;
}

interface Report {
  label: string;
  kinds: KindResult[];
  build: { ms: number; cpu: number; indexed: number } | null;
  loadMs: number | null;
  perItem: number;
  avgTitle: number;
  avgBody: number;
  size: string;
  loadAtStart: string;
  memory: { before: NodeJS.MemoryUsage; afterBuild: NodeJS.MemoryUsage; end: NodeJS.MemoryUsage };
  sites: number;
}

function report(r: Report): string[] {
  const cpuModel = os.cpus()[0]?.model.trim();
  const worst = r.kinds.reduce((a, k) => ({ p95: Math.max(a.p95, k.wall.p95), p99: Math.max(a.p99, k.wall.p99) }), {
    p95: 0,
    p99: 0,
  });
  return [
    `### ${r.label} — ${ITEMS.toLocaleString('en')} items, ${r.sites} sites (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpuModel}, Node ${process.version})`,
    '',
    `Items: titles ${r.avgTitle.toFixed(0)} characters, bodies ${r.avgBody.toFixed(0)} characters on average. Load average at the start ${r.loadAtStart}, at the end ${loadNote()}: other processes share the machine, so wall times include waiting for a CPU; the CPU times are this process's own${r.label === 'SQLite' ? ' (SQLite runs in-process)' : ' (the PostgreSQL server not included)'}${r.kinds.some((k) => k.server) ? "; “server exec” is the time PostgreSQL spent executing the search's statements (pg_stat_statements: wall time inside the server, which on a busy machine includes waiting for a CPU mid-statement), “server CPU” the CPU time its processes used meanwhile (/proc, 10 ms ticks)" : ''}.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    r.build
      ? `| index build (\`govportal search reindex\`) | ${(r.build.ms / 1000).toFixed(1)} s wall (${(r.build.indexed / (r.build.ms / 1000)).toFixed(0)} items/s); ${r.build.cpu.toFixed(1)} s CPU |`
      : '| index build | (reused from an earlier run) |',
    r.loadMs === null
      ? '| writing the items | (reused from an earlier run) |'
      : `| writing the items to published_items (not part of the index) | ${(r.loadMs / 1000).toFixed(1)} s |`,
    ...r.kinds.map(
      (k) =>
        `| ${k.kind} (${k.wall.n}) | p50 ${ms(k.wall.p50)} · p95 ${ms(k.wall.p95)} · p99 ${ms(k.wall.p99)} · max ${ms(k.wall.max)} — CPU p95 ${ms(k.cpu.p95)}${k.server ? ` — server exec p95 ${ms(k.server.p95)} · p99 ${ms(k.server.p99)}` : ''}${k.serverCpu ? ` — server CPU p95 ${k.serverCpu.p95.toFixed(0)} ms · p99 ${k.serverCpu.p99.toFixed(0)} ms` : ''}${k.totals ? ` — results median ${k.totals.p50.toLocaleString('en')}` : ''} |`,
    ),
    `| worst kind | p95 ${ms(worst.p95)} · p99 ${ms(worst.p99)} |`,
    `| one item reindexed (publication listener) | ${ms(r.perItem)} |`,
    `| memory after build | RSS ${mb(r.memory.afterBuild.rss)}, heap ${mb(r.memory.afterBuild.heapUsed)} (before: RSS ${mb(r.memory.before.rss)}) |`,
    `| memory after queries | RSS ${mb(r.memory.end.rss)}, heap ${mb(r.memory.end.heapUsed)} |`,
    `| index size | ${r.size} |`,
    '',
  ];
}

await main();
