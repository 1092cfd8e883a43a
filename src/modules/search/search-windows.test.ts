// The newest matches of a query: the same documents, newest first, whatever the engine and however the index is
// walked (on PostgreSQL through time windows of the GIN index, lowered here to a small index), with date limits
// and exclusions; and time facets that cover a span of days exactly.
// SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DIALECT, type TestEnv, testEnv } from '../../../test/helpers.ts';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import { addTimeFacets } from '../../platform/db/migrations/0018_search_scale.ts';
import { insertDocs } from './index.repository.ts';
import { docKey, KIND_NAMES, keyRange } from './kinds.ts';
import { and, type MatchNode, not, or, TEXT_FIELDS, term, withoutPrefixes } from './match.ts';
import * as repo from './search.repository.ts';
import { indexedDoc } from './search-testing.ts';
import { windowing } from './search-windows.repository.ts';
import type { Executor } from './search.tables.ts';
import { dayOfKey, spanFacets, timeFacets } from './time-facets.ts';

const DAY = 86_400_000;
const START = Date.UTC(2019, 0, 1);
const COUNT = 3000;

/** Documents every ~23 hours from 2019 on; words by frequency: w0 in all, w1 a third, w7 a fiftieth, rare 5. */
function corpus(): { key: number; words: string[] }[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const iso = new Date(START + i * 23 * 3_600_000 + (i % 7) * 61_000).toISOString();
    const words = ['w0'];
    if (i % 3 === 0) words.push('w1');
    if (i % 50 === 0) words.push('w7');
    if (i % 611 === 5) words.push('rare');
    if (i > COUNT - 40) words.push('fresh');
    return { key: docKey(iso, i + 1, KIND_NAMES[i % 7]!), words };
  });
}

const doc = (key: number, words: string[]) => indexedDoc(key, words.join(' '), { body: words });

describe(`newest matches through time windows (${DIALECT})`, () => {
  let env: TestEnv;
  const docs = corpus();
  const expected = (has: (words: string[]) => boolean, f: repo.KeyFilter, limit: number, offset = 0) =>
    docs
      .filter((d) => has(d.words))
      .map((d) => d.key)
      .filter((k) => (f.min === null || k >= f.min) && (f.max === null || k <= f.max) && !f.exclude?.includes(k))
      .sort((a, b) => b - a)
      .slice(offset, offset + limit);

  before(async () => {
    env = await testEnv({ demo: false });
    await insertDocs(
      env.ctx.db,
      docs.map((d) => doc(d.key, d.words)),
    );
    if (isPostgres(env.ctx.db)) await sql`analyze search_match`.execute(env.ctx.db);
    windowing.from = 0;
  });
  after(async () => {
    windowing.from = 20_000;
    await env.close();
  });

  const cases: { name: string; node: MatchNode; has: (w: string[]) => boolean; ratio?: number }[] = [
    { name: 'a word in every document', node: term('w0'), has: (w) => w.includes('w0') },
    { name: 'a word in a third', node: term('w1'), has: (w) => w.includes('w1') },
    { name: 'a word in a fiftieth', node: term('w7'), has: (w) => w.includes('w7') },
    { name: 'a rare word', node: term('rare'), has: (w) => w.includes('rare') },
    { name: 'only the newest', node: term('fresh'), has: (w) => w.includes('fresh') },
    { name: 'an AND', node: and([term('w1'), term('w7')]), has: (w) => w.includes('w1') && w.includes('w7') },
    { name: 'an OR', node: or([term('rare'), term('w7')]), has: (w) => w.includes('rare') || w.includes('w7') },
    { name: 'a NOT', node: not(term('w0'), term('w1')), has: (w) => !w.includes('w1') },
    { name: 'nothing', node: term('absent'), has: () => false },
  ];
  // Prefixes (`fre*` → fresh): looked up as they are, or through their prefix-free superset and tested row by row.
  const fre = term('fre', TEXT_FIELDS, true);
  const prefixCases: typeof cases = [
    { name: 'a prefix alone', node: fre, has: (w) => w.includes('fresh') },
    {
      name: 'a word and (a word or a prefix)',
      node: and([term('w1'), or([term('w7'), fre])]),
      has: (w) => w.includes('w1') && (w.includes('w7') || w.includes('fresh')),
    },
    {
      name: 'a word and a prefix',
      node: and([term('w0'), fre]),
      has: (w) => w.includes('fresh'),
    },
    {
      name: 'a word without a prefix',
      node: not(term('w1'), fre),
      has: (w) => w.includes('w1') && !w.includes('fresh'),
    },
  ];
  for (const ratio of [0, Number.POSITIVE_INFINITY])
    cases.push(
      ...prefixCases.map((c) => ({ ...c, name: `${c.name} (${ratio ? 'superset tested' : 'as it is'})`, ratio })),
    );
  const all: repo.KeyFilter = { min: null, max: null };
  const in2021 = { ...keyRange('2021-01-01T00:00:00Z', '2022-01-01T00:00:00Z') };

  it('PostgreSQL: an index written before time facets gets the same facets from the migration', async (t) => {
    if (!isPostgres(env.ctx.db)) return t.skip('SQLite needs no time facets');
    const db = env.ctx.db;
    const written = await sql<{ v: string }>`select tsv::text as v from search_match order by doc_key`.execute(db);
    await sql`update search_match set tsv = ts_delete(tsv, (select array_agg(lexeme) from unnest(tsv) where lexeme ~ '^f[dmy][0-9]'))`.execute(
      db,
    );
    await addTimeFacets(db);
    const migrated = await sql<{ v: string }>`select tsv::text as v from search_match order by doc_key`.execute(db);
    assert.deepEqual(migrated.rows, written.rows);
  });

  // Walking the newest documents first (then windows below what was walked), or windows only.
  const paths = [
    { path: 'walked', walk: Number.POSITIVE_INFINITY, plain: 0, probe: 500 },
    { path: 'windowed', walk: 0, plain: 0, probe: 1 },
    { path: 'probed, then windowed', walk: 0, plain: 0, probe: 100 },
    { path: 'one plain scan when few', walk: 0, plain: Number.POSITIVE_INFINITY, probe: 1 },
  ];
  for (const c of (cases as ((typeof cases)[number] & { ratio?: number })[]).flatMap((c) =>
    paths.map((p) => ({ ...c, ...p })),
  )) {
    it(`finds the newest of ${c.name}, page by page, within dates and exclusions (${c.path})`, async (t) => {
      const defaults = { ...windowing };
      Object.assign(windowing, { looseRatio: c.ratio ?? 4, walk: c.walk, plain: c.plain, probe: c.probe });
      t.after(() => {
        Object.assign(windowing, defaults);
      });
      // Each read in a search of its own: within one search, what was found is reused (checked below).
      const read = <T>(work: (db: Executor) => Promise<T>) => repo.reading(env.ctx.db, work);
      for (const [limit, offset] of [
        [10, 0],
        [10, 20],
        [10, 490],
        [1001, 0],
      ] as const)
        assert.deepEqual(
          await read((db) => repo.matchKeys(db, c.node, all, limit, offset)),
          expected(c.has, all, limit, offset),
        );
      assert.deepEqual(await read((db) => repo.matchKeys(db, c.node, in2021, 10)), expected(c.has, in2021, 10));
      const skip = expected(c.has, all, 3);
      const without = { ...all, exclude: skip };
      assert.deepEqual(await read((db) => repo.matchKeys(db, c.node, without, 10)), expected(c.has, without, 10));
      const total = expected(c.has, all, COUNT).length;
      assert.equal(await read((db) => repo.countUpTo(db, c.node, all, 500)), Math.min(500, total));
      const byKind = await read((db) => repo.kindCounts(db, c.node, all, 1001));
      assert.equal(
        [...byKind.values()].reduce((a, b) => a + b, 0),
        Math.min(1001, total),
      );
      assert.equal(await read((db) => repo.countMatches(db, c.node, all)), total);
      // One search: the counts' sample, then the tiers and a tab's pages, partly from that sample.
      const tab = and([c.node, term('k3', ['facets'])]);
      const ofKind = (w: string[]) => c.has(w);
      await read(async (db) => {
        await repo.kindCounts(db, c.node, all, 1001);
        assert.deepEqual(await repo.matchKeys(db, c.node, without, 10), expected(c.has, without, 10));
        for (const [limit, offset] of [
          [10, 0],
          [10, 30],
          [10, 300],
        ] as const)
          assert.deepEqual(
            await repo.matchKeys(db, tab, all, limit, offset),
            expected(ofKind, all, COUNT)
              .filter((k) => k % 8 === 3)
              .slice(offset, offset + limit),
          );
        // A narrower query (a ranking tier), tested on the matches already found first, then looked up below them.
        const narrower = and([c.node, term('w1')]);
        const inW1 = (w: string[]) => c.has(w) && w.includes('w1');
        for (const [limit, offset] of [
          [10, 0],
          [10, 300],
        ] as const) {
          assert.deepEqual(
            await repo.matchKeys(db, narrower, without, limit, offset, c.node),
            expected(inW1, without, limit, offset),
          );
          assert.deepEqual(
            await repo.matchKeys(db, and([narrower, term('k3', ['facets'])]), all, limit, offset, tab),
            expected(inW1, all, COUNT)
              .filter((k) => k % 8 === 3)
              .slice(offset, offset + limit),
          );
        }
        assert.equal(
          await repo.countUpTo(db, narrower, all, 400, c.node),
          Math.min(400, expected(inW1, all, COUNT).length),
        );
      });
    });
  }
});

describe('the prefix-free superset of a query', () => {
  it('drops prefixes, an OR holding one, and what a NOT subtracts', () => {
    const fre = term('fre', TEXT_FIELDS, true);
    assert.equal(withoutPrefixes(fre), null);
    assert.deepEqual(withoutPrefixes(and([term('a'), or([term('b'), fre])])), term('a'));
    assert.deepEqual(
      withoutPrefixes(and([term('a'), or([term('b'), term('c')])])),
      and([term('a'), or([term('b'), term('c')])]),
    );
    assert.deepEqual(withoutPrefixes(not(term('a'), term('b'))), term('a'));
    assert.equal(withoutPrefixes(and([fre, or([fre, term('c')])])), null);
  });
});

describe('time facets', () => {
  const dayOf = (iso: string) => Math.round((Date.parse(iso) - Date.UTC(2000, 0, 1)) / DAY);
  const covered = (facet: string): number[] => {
    const y = Number(facet.slice(1, 5));
    if (facet[0] === 'y') return range(dayOf(`${y}-01-01`), dayOf(`${y + 1}-01-01`));
    const m = Number(facet.slice(5, 7));
    if (facet[0] === 'm') return range(Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1), true);
    return [dayOf(`${facet.slice(1, 5)}-${facet.slice(5, 7)}-${facet.slice(7, 9)}`)];
  };
  const range = (a: number, b: number, ms = false): number[] => {
    const [from, to] = ms
      ? [Math.round((a - Date.UTC(2000, 0, 1)) / DAY), Math.round((b - Date.UTC(2000, 0, 1)) / DAY)]
      : [a, b];
    return Array.from({ length: to - from }, (_, i) => from + i);
  };

  it('cover a span of days exactly, with whole years and months where they fit', () => {
    for (const [from, to] of [
      ['2024-02-27', '2024-03-02'],
      ['2023-12-30', '2026-02-03'],
      ['2025-01-01', '2026-01-01'],
      ['2020-02-01', '2020-03-01'],
      ['2026-05-05', '2026-05-05'],
    ] as const) {
      const facets = spanFacets(dayOf(from), dayOf(to));
      assert.deepEqual(facets.flatMap(covered), range(dayOf(from), dayOf(to)), `${from}…${to}`);
    }
    assert.deepEqual(spanFacets(dayOf('2023-12-30'), dayOf('2025-02-02')), [
      'd20231230',
      'd20231231',
      'y2024',
      'm202501',
      'd20250201',
    ]);
  });

  it('a document carries the day, month and year of its publication (UTC)', () => {
    const key = docKey('2026-02-01T23:59:59.000Z', 5, 'news');
    assert.deepEqual(timeFacets(key), ['d20260201', 'm202602', 'y2026']);
    assert.equal(dayOfKey(key), dayOf('2026-02-01'));
  });
});
