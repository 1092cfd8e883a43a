// Golden tests: each fixture site of test/fixtures/sites is served, crawled, link-checked and inspected from
// outside; the score and indicator statuses must match the hand-written summary, and the full results the golden
// `results` (refresh those with UPDATE_GOLDEN=1 after reviewing a change).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fixtureNames,
  inspectFixture,
  normalise,
  readExpectation,
  summarise,
  updatingGolden,
  writeGolden,
} from '../../../../test/fixtures/sites/harness.ts';

for (const name of fixtureNames()) {
  test(`fixture site “${name}”: external checks match the golden file`, async () => {
    const expectation = readExpectation(name);
    const run = await inspectFixture(name, expectation.options);
    const results = normalise(run.results, run.origin);
    if (updatingGolden()) writeGolden(name, { results });

    assert.deepEqual(summarise(run, Object.keys(expectation.summary.indicators)), expectation.summary);
    assert.deepEqual(results, readExpectation(name).results);
  });
}

test('every fixture site named in the brief exists', () => {
  const required = ['good', 'stale-news', 'blank-columns', 'no-sitecode', 'broken-home-link', 'no-jiucuo', 'gbk', 'search-misses'];
  assert.deepEqual(required.filter((n) => !fixtureNames().includes(n)), []);
});
