// The markup of real ministry and city sites, read with and without the browser: without it the engine would
// raise false alarms a department disputes (a footer behind an unfamiliar class, a script-driven search box);
// with it, every item is found; and what cannot be told is 未检测 with the reason, never a deduction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSER_SKIP, inspectFixture, readExpectation } from '../../../../test/fixtures/sites/harness.ts';
import type { IndicatorResult } from '../scoring.ts';

const resultOf = (results: IndicatorResult[], id: string) =>
  results.find((r) => r.indicatorId === id) as IndicatorResult;
const findings = (r: IndicatorResult) => (r.status === 'measured' ? r.findings.map((f) => f.message) : r.reason);

test('ministry markup: the footer is the visible bottom of the rendered page, not the hidden block after it', {
  skip: BROWSER_SKIP,
}, async () => {
  const { options } = readExpectation('ministry-markup');
  const naive = await inspectFixture('ministry-markup', options, false);
  // read off the markup alone, the hidden statistics block is taken for the footer
  assert.ok((findings(resultOf(naive.results, 'deduct.site-identity')) as string[]).length >= 4);
  const rendered = await inspectFixture('ministry-markup', options);
  assert.deepEqual(findings(resultOf(rendered.results, 'deduct.site-identity')), []);
  assert.deepEqual(findings(resultOf(rendered.results, 'deduct.report-errors')), []);
  assert.deepEqual(findings(resultOf(rendered.results, 'deduct.site-search')), []);
  assert.deepEqual(findings(resultOf(rendered.results, 'deduct.domain-name')), []);
  const home = rendered.snapshot.pages[0].facts;
  assert.equal(home?.footerSource, 'rendered');
  assert.equal(home?.jiucuo?.sitecode, '3399000001');
  assert.ok(rendered.snapshot.rendering.rendered <= 20);
  assert.equal(rendered.snapshot.rendering.pagesLocated, rendered.snapshot.pages.filter((p) => p.facts).length);
});

test('city markup: a search box without a form is typed into and submitted in the browser', {
  skip: BROWSER_SKIP,
}, async () => {
  const { options } = readExpectation('city-markup');
  const withoutBrowser = await inspectFixture('city-markup', options, false);
  const search = resultOf(withoutBrowser.results, 'deduct.site-search');
  assert.equal(search.status, 'untested', 'no browser: the search cannot be judged, so no deduction');
  assert.match(search.status === 'untested' ? search.reason : '', /由脚本提交/);
  const rendered = await inspectFixture('city-markup', options);
  assert.deepEqual(findings(resultOf(rendered.results, 'deduct.site-search')), []);
  assert.deepEqual(
    findings(resultOf(rendered.results, 'deduct.domain-name')),
    [],
    'the name in a title attribute counts',
  );
});

test('a site name only in an unlabelled logo image: 域名名称 is 未检测 with the reason, not a deduction', async () => {
  const { options } = readExpectation('logo-only-name');
  const run = await inspectFixture('logo-only-name', options, false);
  const domain = resultOf(run.results, 'deduct.domain-name');
  assert.equal(domain.status, 'untested');
  assert.match(domain.status === 'untested' ? domain.reason : '', /无替代文字的图片.*需人工核查/);
});
