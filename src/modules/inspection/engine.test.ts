// The engine's report when a veto ends the scoring: what was measured is 未评分 (with what it found), what was
// not measured stays 未检测 with its reason — an untested indicator never looks like a passed one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from './engine.ts';
import { renderReportHtml } from './report/index.ts';
import { readExpectation } from '../../../test/fixtures/sites/harness.ts';
import { serveSite } from '../../../test/fixtures/sites/serve.ts';

test('after a veto, untested indicators stay 未检测 and measured ones are 未评分, visibly apart in the report', async () => {
  const served = await serveSite('blank-columns');
  try {
    const { options } = readExpectation('blank-columns');
    const { report } = await inspect({
      baseUrl: `${served.origin}/`,
      now: new Date(options.now),
      seed: options.seed,
      publicHost: options.publicHost,
      render: false,
    });
    assert.equal(report.verdict, '不合格');
    assert.equal(report.totalScore, null);
    const byId = new Map(report.indicators.map((i) => [i.id, i]));
    // measured, nothing found: not scored, and says so
    assert.equal(byId.get('deduct.page-tags')?.status, '未评分');
    assert.match(byId.get('deduct.page-tags')?.reason ?? '', /已检测，未发现问题/);
    // not measurable from outside: 未检测 with its own reason, as in a report without a veto
    assert.equal(byId.get('deduct.leaders')?.status, '未检测');
    assert.match(byId.get('deduct.leaders')?.reason ?? '', /需人工检查.*不再评分/);
    const html = renderReportHtml(report);
    assert.match(html, /未评分（其中 [\d.]+ 分的指标未检测）/);
    // the crawl says how politely it went
    assert.equal(report.crawl.mode?.ownSite, false);
    assert.ok((report.crawl.mode?.peakInFlight ?? 0) <= 4);
  } finally {
    await served.close();
  }
});
