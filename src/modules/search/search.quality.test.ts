// The search quality set (src/modules/search/quality/): 250 queries over a generated corpus of 420 government
// items, each with the item that must be on the first results page. Exact titles must all be found, and at
// least 95% overall. Runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
// After changing the corpus generator or the query builder on purpose: UPDATE_SEARCH_QUALITY=1 rewrites queries.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECT, testEnv } from '../../../test/helpers.ts';
import { loadConfig } from '../../platform/config.ts';
import { openSqlite } from '../../platform/db/database.ts';
import { ManualClock, type Clock } from '../../platform/time.ts';
import { createContext, type AppContext } from '../../context.ts';
import { createSiteWithAnnex1 } from '../setup/setup.service.ts';
import { generateCorpus } from './quality/corpus.ts';
import { loadCorpus } from './quality/load.ts';
import { buildQualitySet, figures, QUALITY_CORPUS_SIZE, type QualityQuery } from './quality/queries.ts';

const FIXTURE = fileURLToPath(new URL('./quality/queries.json', import.meta.url));

/** Builds the corpus in a context and runs every query: ids on the first page and totals. */
async function runSet(ctx: AppContext, set: QualityQuery[]) {
  const { siteId } = await createSiteWithAnnex1(ctx);
  const loaded = await loadCorpus(ctx, siteId, generateCorpus(QUALITY_CORPUS_SIZE));
  await ctx.search.reindex();
  const out: { ids: number[]; total: number; corrected: string | null }[] = [];
  for (const query of set) {
    const res = await ctx.search.search({ siteId, prefix: '' }, { q: query.q });
    out.push({ ids: res.items.map((i) => i.id), total: res.total, corrected: res.correctedQuery });
  }
  return { siteId, loaded, out };
}

test(`search quality set on ${DIALECT}: exact titles 100%, overall at least 95% on the first page`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  const corpus = generateCorpus(QUALITY_CORPUS_SIZE);
  const set = buildQualitySet(corpus);
  if (process.env.UPDATE_SEARCH_QUALITY === '1') fs.writeFileSync(FIXTURE, `${JSON.stringify(set, null, 1)}\n`);
  const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as QualityQuery[];
  assert.deepEqual(
    set,
    fixture,
    'the quality set differs from quality/queries.json (UPDATE_SEARCH_QUALITY=1 rewrites it)',
  );
  assert.ok(set.length >= 200, `${set.length} queries`);

  const run = await runSet(env.ctx, set);
  const idByTitle = new Map(run.loaded.map((i) => [i.title, i.id]));
  const results: { category: QualityQuery['category']; found: boolean }[] = [];
  const misses: string[] = [];
  set.forEach((query, i) => {
    const expected = idByTitle.get(query.expect);
    assert.ok(expected, `expected item exists: ${query.expect}`);
    const found = run.out[i]!.ids.includes(expected);
    results.push({ category: query.category, found });
    if (!found) misses.push(`  [${query.category}] ${query.q}  →  ${query.expect}`);
  });

  // On PostgreSQL, the same corpus on SQLite must give the same first pages and totals, query by query.
  if (DIALECT === 'postgres') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govportal-parity-'));
    const dbh = openSqlite(path.join(dir, 'parity.sqlite'));
    const ctx = await createContext(loadConfig({}, { dataDir: dir, logLevel: 'silent' }), {
      dbh,
      clock: new ManualClock() as Clock,
    });
    t.after(async () => {
      await dbh.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const sqlite = await runSet(ctx, set);
    const differ = set.filter((_q, i) => JSON.stringify(sqlite.out[i]) !== JSON.stringify(run.out[i]));
    assert.deepEqual(
      differ.map((q) => q.q),
      [],
      'SQLite and PostgreSQL give the same results',
    );
    console.log(`parity: ${set.length} queries give the same first page and totals on SQLite and PostgreSQL`);
  }
  const table = figures(results);
  console.log(`\nsearch quality (${DIALECT}):`);
  for (const f of table)
    console.log(
      `  ${f.category.padEnd(9)} ${String(f.found).padStart(3)}/${String(f.total).padEnd(3)} ${(f.rate * 100).toFixed(1)}%`,
    );
  if (misses.length) console.log(`misses:\n${misses.join('\n')}`);
  const byCat = new Map(table.map((f) => [f.category, f]));
  assert.equal(byCat.get('exact')!.rate, 1, 'every exact title is found on the first page');
  assert.ok(byCat.get('all')!.rate >= 0.95, `overall ${(byCat.get('all')!.rate * 100).toFixed(1)}% ≥ 95%`);
});
