// Faster without getting rude: one external host never has more than 4 requests in flight and gets its
// Crawl-delay; other hosts proceed in parallel; the installation's own sites are crawled at full speed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type http from 'node:http';
import { HostLimiter } from './pacing.ts';
import { crawlSite } from './crawler.ts';
import { serveRoutes, type Route } from '../../../../test/fixtures/sites/route-server.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the limiter keeps one host within its bound while other hosts proceed side by side', async () => {
  const limiter = new HostLimiter({ perHost: 4, total: 16, minDelayMs: 0 });
  const inFlight = new Map<string, number>();
  const peaks = new Map<string, number>();
  const started: string[] = [];
  let total = 0;
  let peakTotal = 0;
  const task = (host: string) => async () => {
    inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
    peaks.set(host, Math.max(peaks.get(host) ?? 0, inFlight.get(host) ?? 0));
    total += 1;
    peakTotal = Math.max(peakTotal, total);
    started.push(host);
    await wait(20);
    total -= 1;
    inFlight.set(host, (inFlight.get(host) ?? 0) - 1);
  };
  await Promise.all([
    ...Array.from({ length: 12 }, () => limiter.run('a.gov.cn', task('a.gov.cn'))),
    ...Array.from({ length: 4 }, () => limiter.run('b.gov.cn', task('b.gov.cn'))),
  ]);
  assert.equal(peaks.get('a.gov.cn'), 4);
  assert.equal(peaks.get('b.gov.cn'), 4);
  // b's requests do not wait behind a's queue: all four started among the first eight
  assert.equal(started.slice(0, 8).filter((h) => h === 'b.gov.cn').length, 4);
  // the two hosts were asked side by side: 8 requests in flight at once
  assert.equal(peakTotal, 8);
});

test('a host’s Crawl-delay spaces the starts of its requests', async () => {
  const limiter = new HostLimiter({ perHost: 4, total: 16, minDelayMs: 0 });
  limiter.setDelay('slow.gov.cn', 100);
  const starts: number[] = [];
  await Promise.all(
    Array.from({ length: 4 }, () =>
      limiter.run('slow.gov.cn', async () => {
        starts.push(Date.now());
      }),
    ),
  );
  const gaps = starts.slice(1).map((t, i) => t - starts[i]);
  assert.ok(
    gaps.every((g) => g >= 90),
    `gaps ${gaps.join(', ')}`,
  );
});

/** A site of `n` pages whose server counts the requests in flight. */
async function countingSite(n: number, robots = 'User-agent: *\nDisallow:\n') {
  let inFlight = 0;
  let peak = 0;
  const slow =
    (body: string): Route =>
    (_req: http.IncomingMessage, res: http.ServerResponse) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      }, 15);
    };
  const links = Array.from({ length: n }, (_, i) => `<a href="/p${i}.html">第${i}页</a>`).join('');
  const routes: Record<string, Route> = {
    '/': slow(`<html><body>${links}</body></html>`),
    '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(robots),
  };
  for (let i = 0; i < n; i++) routes[`/p${i}.html`] = slow(`<html><body><p>${i}</p></body></html>`);
  const server = await serveRoutes(routes);
  return { server, peak: () => peak };
}

test('an external site: at most 4 requests in flight, whatever concurrency is asked for', async () => {
  const { server, peak } = await countingSite(40);
  try {
    const snapshot = await crawlSite(`${server.origin}/`, { maxPages: 41, concurrency: 10, timeoutMs: 5_000 });
    assert.equal(snapshot.pages.length, 41);
    assert.equal(peak(), 4);
    assert.equal(snapshot.peakInFlight, 4);
  } finally {
    await server.close();
  }
});

test('an external site’s robots.txt Crawl-delay is honoured; the installation’s own site is crawled at full speed', async () => {
  const polite = await countingSite(3, 'User-agent: *\nCrawl-delay: 0.2\n');
  try {
    const began = Date.now();
    const snapshot = await crawlSite(`${polite.server.origin}/`, { maxPages: 4, timeoutMs: 5_000 });
    assert.equal(snapshot.robots.crawlDelayMs, 200);
    // robots.txt, home and three pages: four gaps of 200 ms at least
    assert.ok(Date.now() - began >= 4 * 200 * 0.9, `took ${Date.now() - began} ms`);
    assert.equal(polite.peak(), 1);
  } finally {
    await polite.server.close();
  }
  // a Crawl-delay of 5 s would take over 3 minutes for these pages: the own site is not held to it
  const own = await countingSite(40, 'User-agent: *\nCrawl-delay: 5\n');
  try {
    const snapshot = await crawlSite(`${own.server.origin}/`, { maxPages: 41, ownSite: true, timeoutMs: 5_000 });
    assert.equal(snapshot.pages.length, 41);
    assert.ok(own.peak() > 4, `peak ${own.peak()}`);
  } finally {
    await own.server.close();
  }
});
