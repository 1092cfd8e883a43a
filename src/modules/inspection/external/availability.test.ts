import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type AvailabilityProbe, evaluateAvailability, probeOnce } from './availability.ts';
import { html, serveRoutes, silent } from '../../../../test/fixtures/sites/route-server.ts';

const NOW = new Date('2026-11-27T00:00:00Z');
const HOUR = 3_600_000;

/** `perDay` probes on each of the 7 days before NOW; `fail(day, i)` marks a failure (or a slow probe). */
function week(
  perDay: number,
  fail: (day: number, i: number) => 'ok' | 'down' | 'slow' = () => 'ok',
): AvailabilityProbe[] {
  const probes: AvailabilityProbe[] = [];
  for (let day = 0; day < 7; day++) {
    for (let i = 0; i < perDay; i++) {
      const at = new Date(NOW.getTime() - (7 - day) * 24 * HOUR + i * HOUR).toISOString();
      const outcome = fail(day, i);
      probes.push({ at, ok: outcome !== 'down', ms: outcome === 'slow' ? 15_000 : 800 });
    }
  }
  return probes;
}

test('20 probes a day for 7 days, all fine: measured, no finding', () => {
  assert.deepEqual(evaluateAvailability(week(20), { now: NOW }), {
    indicatorId: 'veto.site-unreachable',
    status: 'measured',
    findings: [],
  });
});

test('failures at 5% or more veto the site; slow answers (≥ 15 s) count as failures', () => {
  // 7 of 140 = 5% exactly: 超过（含）5%
  const atFivePercent = evaluateAvailability(
    week(20, (day, i) => (i === 0 ? (day % 2 ? 'slow' : 'down') : 'ok')),
    { now: NOW, url: 'https://www.example.gov.cn/' },
  );
  assert.equal(atFivePercent.status, 'measured');
  assert.equal(atFivePercent.status === 'measured' && atFivePercent.findings.length, 1);
  const finding = atFivePercent.status === 'measured' ? atFivePercent.findings[0] : null;
  assert.equal(finding?.subRule, 1);
  assert.match(String(finding?.evidence?.observed), /140次访问中7次/);
  // 6 of 140 ≈ 4.3%: passes
  const below = evaluateAvailability(
    week(20, (day, i) => (i === 0 && day < 6 ? 'down' : 'ok')),
    { now: NOW },
  );
  assert.deepEqual(below.status === 'measured' && below.findings, []);
  // 14999 ms is still in time
  const justInTime = week(20).map((p) => ({ ...p, ms: 14_999 }));
  const inTime = evaluateAvailability(justInTime, { now: NOW });
  assert.deepEqual(inTime.status === 'measured' && inTime.findings, []);
});

test('too few probes: untested with the reason', () => {
  const short = week(20).filter((_, i) => i !== 45); // day 3 has 19
  const result = evaluateAvailability(short, { now: NOW });
  assert.equal(result.status, 'untested');
  assert.match(result.status === 'untested' ? result.reason : '', /第3天只有19次访问/);
  const sixDays = evaluateAvailability(week(20), { now: new Date(NOW.getTime() + 24 * HOUR) });
  assert.equal(sixDays.status, 'untested');
  assert.equal(evaluateAvailability([], { now: NOW }).status, 'untested');
});

test('without `now`, the week ends at the latest probe', () => {
  assert.equal(evaluateAvailability(week(20)).status, 'measured');
});

test('probeOnce: a page that opens, and one that does not answer in time', async (t) => {
  const server = await serveRoutes({ '/': html('<p>首页</p>'), '/slow': silent() });
  t.after(() => server.close());
  const ok = await probeOnce(`${server.origin}/`);
  assert.deepEqual([ok.ok, ok.status], [true, 200]);
  const slow = await probeOnce(`${server.origin}/slow`, { timeoutMs: 200 });
  assert.equal(slow.ok, false);
  assert.match(slow.error ?? '', /超时/);
  const missing = await probeOnce(`${server.origin}/missing`);
  assert.deepEqual([missing.ok, missing.status], [false, 404]);
});
