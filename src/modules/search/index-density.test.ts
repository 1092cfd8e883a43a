// How many documents a large result set holds, estimated from its newest matches and the documents per day:
// close to the true count for words of every frequency, within a date range, and exact on a small index; and
// the documents per day cut at keys within a day.
// SQLite (PostgreSQL asks its planner instead; the days' counts on PostgreSQL are covered by the window tests).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, type TestEnv, testEnv } from '../../../test/helpers.ts';
import { Density, estimating, forgetIndexShape, sizeFromNewest } from './index-density.repository.ts';
import { deleteDocs, insertDocs } from './index.repository.ts';
import { docKey, KIND_NAMES, keyRange } from './kinds.ts';
import { term } from './match.ts';
import * as repo from './search.repository.ts';
import { indexedDoc } from './search-testing.ts';
import { firstKeyOf, KEYS_PER_DAY } from './time-facets.ts';

const START = Date.UTC(2019, 0, 1);
const COUNT = 3000;

/** A document every ~23 hours from 2019 on: w0 in all, w1 in a third, w7 in a fiftieth, and a burst of recent ones. */
const docs = Array.from({ length: COUNT }, (_, i) => {
  const iso = new Date(START + i * 23 * 3_600_000 + (i % 7) * 61_000).toISOString();
  const words = ['w0'];
  if (i % 3 === 0) words.push('w1');
  if (i % 50 === 0) words.push('w7');
  if (i > COUNT - 40) words.push('fresh');
  return { key: docKey(iso, i + 1, KIND_NAMES[i % 7]!), words };
});

const indexed = (key: number, words: string[]) => indexedDoc(key, words.join(' '), { body: words });

describe('documents per day', () => {
  it('counts whole days, and the share of a day its keys cover at either end', () => {
    const density = new Density(
      100,
      new Map([
        [100, 10],
        [101, 20],
        [103, 40],
      ]),
      103,
    );
    assert.equal(density.docsIn(100, 104), 70);
    assert.equal(density.docsIn(101, 103), 20, 'a day without documents counts none');
    assert.equal(density.docsBetweenKeys(firstKeyOf(100), firstKeyOf(104) - 1), 70);
    assert.equal(density.docsBetweenKeys(firstKeyOf(101) + KEYS_PER_DAY / 2, firstKeyOf(104) - 1), 50);
    assert.equal(density.docsBetweenKeys(firstKeyOf(103), firstKeyOf(103) + KEYS_PER_DAY / 4 - 1), 10);
    assert.equal(density.docsBetweenKeys(firstKeyOf(104), firstKeyOf(103)), 0, 'an empty range');
  });
});

describe(`the size of a large result set from its newest matches (${DIALECT})`, { skip: DIALECT !== 'sqlite' }, () => {
  let env: TestEnv;
  before(async () => {
    env = await testEnv({ demo: false });
    await insertDocs(
      env.ctx.db,
      docs.map((d) => indexed(d.key, d.words)),
    );
  });
  after(async () => {
    estimating.from = 20_000;
    forgetIndexShape();
    await env.close();
  });

  const everything: repo.KeyFilter = { min: null, max: null };
  const estimate = async (word: string, f: repo.KeyFilter, sample: number) => {
    const newest = await repo.matchKeys(env.ctx.db, term(word), f, sample);
    return sizeFromNewest(env.ctx.db, newest, f, (range) => repo.countMatches(env.ctx.db, term(word), range));
  };
  const truth = (word: string, f: repo.KeyFilter) =>
    docs.filter(
      (d) => d.words.includes(word) && (f.min === null || d.key >= f.min) && (f.max === null || d.key <= f.max),
    ).length;

  it('is exact on a small index (it counts)', async () => {
    estimating.from = 20_000;
    forgetIndexShape();
    assert.equal(await estimate('w1', everything, 101), truth('w1', everything));
  });

  it('is close to the true count for a word in every document, a third, a fiftieth', async () => {
    estimating.from = 0;
    forgetIndexShape();
    for (const [word, sample] of [
      ['w0', 101],
      ['w1', 101],
      ['w7', 21],
    ] as const) {
      const got = await estimate(word, everything, sample);
      const want = truth(word, everything);
      assert.ok(Math.abs(got - want) / want < 0.1, `${word}: estimated ${got}, true ${want}`);
    }
  });

  it('keeps to a date range, and follows a word that only lately came into use', async () => {
    estimating.from = 0;
    forgetIndexShape();
    const in2021 = keyRange('2021-01-01T00:00:00Z', '2022-01-01T00:00:00Z');
    const got = await estimate('w1', in2021, 31);
    const want = truth('w1', in2021);
    assert.ok(Math.abs(got - want) / want < 0.1, `w1 in 2021: estimated ${got}, true ${want}`);
    // A word only in the newest documents (39 of them) is not taken to be as common in every year: from its newest
    // ten (spanning the newest ten documents), a plain extrapolation would say 3,000.
    const fresh = await estimate('fresh', everything, 10);
    assert.ok(fresh >= 10 && fresh <= 60, `fresh: estimated ${fresh}, true ${truth('fresh', everything)}`);
  });

  it('counts what the index holds after documents leave it', async () => {
    estimating.from = 0;
    const gone = docs.filter((_, i) => i % 10 === 0).map((d) => d.key);
    await deleteDocs(env.ctx.db, gone);
    forgetIndexShape();
    const got = await estimate('w0', everything, 101);
    assert.ok(Math.abs(got - (COUNT - gone.length)) <= 30, `w0 after deletions: estimated ${got}`);
  });
});
