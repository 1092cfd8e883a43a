// 抽查: the sample is reproducible from its recorded seed and never below 30% of the running sites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawSample, MIN_SAMPLE_RATIO, sampleSize } from './sampling.ts';

const sites = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 100 + i * 3 }));

test('the sample size is never below 30% (rounded up), and 100% with full coverage', () => {
  for (let total = 0; total <= 60; total++) {
    for (const ratio of [0, 0.1, 0.3, 0.31, 0.5, 0.7, 1]) {
      const size = sampleSize(total, ratio, false);
      assert.ok(size >= Math.ceil(total * MIN_SAMPLE_RATIO - 1e-9), `${total} × ${ratio} → ${size}`);
      assert.ok(size <= total);
      assert.ok(total === 0 || size / total >= MIN_SAMPLE_RATIO);
    }
    assert.equal(sampleSize(total, 0.3, true), total);
  }
  assert.equal(sampleSize(10, 0.3, false), 3);
  assert.equal(sampleSize(11, 0.3, false), 4);
  assert.equal(sampleSize(50, 0.7, false), 35);
});

test('the same seed draws the same sites, whatever order the registry was read in', () => {
  const registry = sites(40);
  const first = drawSample(registry, 12, 20261);
  const again = drawSample([...registry].reverse(), 12, 20261);
  assert.deepEqual(again, first);
  assert.equal(new Set(first.map((s) => s.id)).size, 12);
  assert.notDeepEqual(drawSample(registry, 12, 20262), first, 'another seed, another sample');
  assert.deepEqual(
    drawSample(registry, 40, 7).map((s) => s.id),
    registry.map((s) => s.id),
    'full coverage: every site',
  );
});
