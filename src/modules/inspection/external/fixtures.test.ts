// Golden tests: each fixture site of test/fixtures/sites is served, crawled, link-checked and inspected from
// outside; the score and indicator statuses must match the hand-written summary, and the full results the golden
// `results` (refresh those with UPDATE_GOLDEN=1 after reviewing a change).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BROWSER_SKIP,
  fixtureNames,
  inspectFixture,
  normalise,
  readExpectation,
  summarise,
  updatingGolden,
  writeGolden,
  type FixtureRun,
} from '../../../../test/fixtures/sites/harness.ts';
import { CheckContext } from './context.ts';
import { checkPageTags } from './page-tags.ts';
import { siteColumns } from './columns.ts';

const runs = new Map<string, FixtureRun>();

for (const name of fixtureNames()) {
  const needsBrowser = readExpectation(name).needsBrowser === true;
  test(`fixture site “${name}”: external checks match the golden file`, {
    skip: needsBrowser && BROWSER_SKIP,
  }, async () => {
    const expectation = readExpectation(name);
    const run = await inspectFixture(name, expectation.options);
    runs.set(name, run);
    const results = normalise(run.results, run.origin);
    if (updatingGolden()) writeGolden(name, { results });

    assert.deepEqual(summarise(run, Object.keys(expectation.summary.indicators)), expectation.summary);
    assert.deepEqual(results, readExpectation(name).results);
  });
}

test('every fixture site with a known problem exists', () => {
  const required = [
    'good',
    'stale-news',
    'blank-columns',
    'no-sitecode',
    'broken-home-link',
    'no-jiucuo',
    'gbk',
    'search-misses',
  ];
  assert.deepEqual(
    required.filter((n) => !fixtureNames().includes(n)),
    [],
  );
});

test('the “good” site’s 长者模式 switch leads back to the home page: never sampled as a column page, whatever the seed', async () => {
  const expectation = readExpectation('good');
  const run = runs.get('good') ?? (await inspectFixture('good', expectation.options));
  const home = `${run.origin}/`;
  const again = run.snapshot.pages.filter((p) => p.depth > 0 && p.fetch.finalUrl === home);
  assert.deepEqual(
    again.map((p) => p.fetch.url),
    [`${run.origin}/care/toggle?back=/`],
    'the crawl reaches the home page a second time',
  );
  assert.equal(again[0].facts?.kind, 'column', 'by its dated lists alone it reads like a list page');
  for (let seed = 1; seed <= 12; seed++) {
    const ctx = new CheckContext(run.snapshot, { now: new Date(expectation.options.now), seed });
    const result = checkPageTags(ctx);
    assert.deepEqual(result.status === 'measured' ? result.findings : result, [], `seed ${seed}`);
    assert.ok(!siteColumns(ctx).some((c) => c.url === home), `seed ${seed}: the home page is no column`);
  }
});
