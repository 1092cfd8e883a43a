// The benchmark's database and sites. SQLite in a temporary directory by default; with DATABASE_URL a database
// on that PostgreSQL server. BENCH_DB names a database (PostgreSQL) or file (SQLite) to keep and reuse, so a
// million items are written and indexed once and the queries can be measured again and again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/platform/config.ts';
import { openPostgres, openSqlite, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { type AppContext, createContext } from '../../src/context.ts';
import { createSiteWithAnnex1 } from '../../src/modules/setup/setup.service.ts';
import { DEMO_SITE } from '../../src/modules/setup/demo-site.ts';
import { seedDefaultSearchCards } from '../../src/modules/search/search.service.ts';
import { loadCorpus } from '../../src/modules/search/quality/load.ts';
import type { CorpusItem } from '../../src/modules/search/quality/corpus.ts';

export interface BenchDatabase {
  ctx: AppContext;
  label: 'SQLite' | 'PostgreSQL';
  dir: string;
  /** The SQLite file (null on PostgreSQL). */
  file: string | null;
  /** True when BENCH_DB named a database that already holds the items. */
  reused: boolean;
  close: () => Promise<void>;
}

async function admin(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

async function openPg(url: string, keep: string | null): Promise<{ dbh: DatabaseHandle; drop: () => Promise<void> }> {
  const name = keep ?? `gp_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DB must be a plain database name, not “${name}”`);
  const exists = (await admin(url, `select 1 from pg_database where datname = '${name}'`)).rowCount;
  if (!exists) await admin(url, `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const dbh = openPostgres(target.toString(), 4);
  return {
    dbh,
    drop: async () => {
      await dbh.close();
      if (!keep) await admin(url, `drop database if exists ${name} with (force)`);
    },
  };
}

export async function openBenchDatabase(pgUrl: string | null, keep: string | null): Promise<BenchDatabase> {
  // A kept database keeps its data directory too: the audit and personal-data keys live beside it
  // (`<dir>.keys`) and a database whose audit chain is keyed refuses to open without them.
  const dir = keep
    ? path.join(os.tmpdir(), `govportal-bench-kept-${path.basename(keep).replace(/[^\w.-]/g, '_')}`)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  let dbh: DatabaseHandle;
  let drop: () => Promise<void>;
  let file: string | null = null;
  if (pgUrl) ({ dbh, drop } = await openPg(pgUrl, keep));
  else {
    file = keep ? path.resolve(keep) : path.join(dir, 'bench.sqlite');
    const handle = openSqlite(file);
    dbh = handle;
    drop = () => handle.close();
  }
  // The audit key file too: by default it sits beside the data directory named by the environment (the
  // checkout's), so a kept database would be tied to whichever checkout ran the bench first.
  const auditKeyFile = path.join(`${dir}.keys`, 'audit.key');
  const ctx = await createContext(loadConfig({}, { dataDir: dir, auditKeyFile, logLevel: 'silent' }), { dbh });
  const reused = (await ctx.db.selectFrom('sites').select('id').limit(1).execute()).length > 0;
  return {
    ctx,
    label: pgUrl ? 'PostgreSQL' : 'SQLite',
    dir,
    file,
    reused,
    close: async () => {
      await ctx.close().catch(() => undefined);
      await drop();
      if (!keep) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.rmSync(`${dir}.keys`, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A provincial cluster: the main site and `count - 1` subordinate sites, each with 附件1's column tree. A search
 * on the main site covers them all; `site=` narrows to one.
 */
export async function benchSites(ctx: AppContext, count: number): Promise<number[]> {
  const existing = await ctx.db.selectFrom('sites').select('id').orderBy('id').execute();
  if (existing.length) return existing.map((s) => s.id);
  const { siteId } = await createSiteWithAnnex1(ctx);
  await seedDefaultSearchCards(ctx, siteId);
  const ids = [siteId];
  for (let i = 1; i < count; i++) {
    const created = await createSiteWithAnnex1(ctx, {
      ...DEMO_SITE,
      code: `county${i}`,
      parentId: siteId,
      name: `南江市第${i}区县人民政府`,
      domains: [`county${i}.nanjiang.gov.cn`],
      siteIdCode: `3298${String(1_000_000 + i).slice(1)}`,
    });
    ids.push(created.siteId);
  }
  return ids;
}

/** Writes the items to published_items, spread over the sites (item i to site i mod n), in slices. */
export async function loadItems(
  ctx: AppContext,
  siteIds: number[],
  items: CorpusItem[],
  log: (line: string) => void,
): Promise<void> {
  const SLICE = 10_000;
  for (let start = 0; start < items.length; start += SLICE) {
    const slice = items.slice(start, start + SLICE);
    for (const [n, siteId] of siteIds.entries()) {
      const mine = slice.filter((_, i) => (start + i) % siteIds.length === n);
      if (mine.length) await loadCorpus(ctx, siteId, mine);
    }
    log(`  published ${Math.min(items.length, start + SLICE)}/${items.length}`);
  }
}
