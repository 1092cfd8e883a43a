// The inspection engine cannot be turned against the network: private, loopback, link-local and metadata
// addresses are refused after DNS resolution (a stubbed resolver here: no traffic leaves loopback), at every
// redirect and again at connect time, before any connection is made; allow-listed fixtures still work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AddressGuard, installOutboundGuard, refusedReason, type Resolver } from './address-guard.ts';
import { fetchPage } from './fetcher.ts';
import { testEnv, staff, login, call, mainSiteId, DIALECT } from '../../../../test/helpers.ts';

test('private, loopback, link-local, metadata and reserved addresses are refused; public ones pass', () => {
  const refused: Record<string, RegExp> = {
    '127.0.0.1': /回环/,
    '10.1.2.3': /内部网络/,
    '172.20.0.1': /内部网络/,
    '192.168.1.1': /内部网络/,
    '100.64.0.1': /NAT/,
    '169.254.169.254': /元数据/,
    '169.254.10.1': /链路本地/,
    '0.0.0.0': /本网络/,
    '::1': /回环/,
    '::': /未指定/,
    'fe80::1': /链路本地/,
    'fd00:ec2::254': /元数据/,
    'fd12:3456::1': /内部网络/,
    'fc00::1': /内部网络/,
    '::ffff:127.0.0.1': /回环/,
    '::ffff:a9fe:a9fe': /元数据/,
    '64:ff9b::169.254.169.254': /元数据/,
    '2002:a9fe:a9fe::1': /元数据/,
    '224.0.0.1': /组播/,
  };
  for (const [address, reason] of Object.entries(refused)) assert.match(refusedReason(address) ?? '', reason, address);
  for (const address of ['8.8.8.8', '1.1.1.1', '2400:3200::1', '203.119.0.1'])
    assert.equal(refusedReason(address), null);
  // An own site's host may be on the intranet, never on loopback or a metadata address.
  assert.equal(refusedReason('10.1.2.3', true), null);
  assert.match(refusedReason('127.0.0.1', true) ?? '', /回环/);
  assert.match(refusedReason('169.254.169.254', true) ?? '', /元数据/);
});

/** A loopback server that counts the connections it receives. */
async function countingServer(t: import('node:test').TestContext, handler: http.RequestListener) {
  const server = http.createServer(handler);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, connections: () => connections };
}

function stubResolver(names: Record<string, string[]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const found = names[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

test('a name resolving to a private address is refused before any connection', async (t) => {
  const inner = await countingServer(t, (_req, res) => res.end('内部系统'));
  const resolve = stubResolver({ 'intranet.example.gov.cn': ['127.0.0.1'], 'meta.example.com': ['169.254.169.254'] });
  installOutboundGuard(new AddressGuard({ resolve }));
  t.after(() => installOutboundGuard(null));

  const result = await fetchPage(`http://intranet.example.gov.cn:${inner.port}/`);
  assert.equal(result.status, null);
  assert.equal(result.error?.kind, 'refused');
  assert.match(
    result.error?.message ?? '',
    /不能检查内部网络地址：intranet\.example\.gov\.cn（127\.0\.0\.1）（回环地址）/,
  );
  const meta = await fetchPage('http://meta.example.com/latest/meta-data/');
  assert.match(meta.error?.message ?? '', /云平台元数据地址/);
  const literal = await fetchPage(`http://127.0.0.1:${inner.port}/`);
  assert.equal(literal.error?.kind, 'refused');
  assert.equal(inner.connections(), 0, 'nothing connected');
});

test('a redirect to a private address is refused at that hop', async (t) => {
  const inner = await countingServer(t, (_req, res) => res.end('内部系统'));
  const site = await countingServer(t, (_req, res) => {
    res.writeHead(302, { location: `http://inner.example:${inner.port}/admin` }).end();
  });
  const resolve = stubResolver({ 'site.example.gov.cn': ['127.0.0.1'], 'inner.example': ['127.0.0.1'] });
  installOutboundGuard(new AddressGuard({ resolve, allow: ['site.example.gov.cn'] }));
  t.after(() => installOutboundGuard(null));

  const result = await fetchPage(`http://site.example.gov.cn:${site.port}/`);
  assert.equal(result.redirects.length, 1, 'the allow-listed site answered');
  assert.equal(result.error?.kind, 'refused');
  assert.match(result.error?.message ?? '', /inner\.example/);
  assert.equal(site.connections(), 1);
  assert.equal(inner.connections(), 0);
});

test('a name that resolves to a public address first and loopback at connect time (rebinding) is refused', async (t) => {
  const inner = await countingServer(t, (_req, res) => res.end('内部系统'));
  let answers = 0;
  const resolve: Resolver = async () => [{ address: answers++ === 0 ? '203.119.0.1' : '127.0.0.1', family: 4 }];
  installOutboundGuard(new AddressGuard({ resolve }));
  t.after(() => installOutboundGuard(null));
  const result = await fetchPage(`http://rebind.example:${inner.port}/`);
  assert.equal(result.status, null);
  assert.ok(result.error, 'refused');
  assert.equal(answers, 2, 'checked again when connecting');
  assert.equal(inner.connections(), 0);
});

test('loopback fixture sites still work through the allow-list', async (t) => {
  const fixture = await countingServer(t, (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>首页</title>'),
  );
  installOutboundGuard(new AddressGuard({ allow: ['127.0.0.1'] }));
  t.after(() => installOutboundGuard(null));
  const result = await fetchPage(`http://127.0.0.1:${fixture.port}/`);
  assert.equal(result.status, 200);
  assert.match(result.text ?? '', /首页/);
});

test(`a site administrator inspects only the hosts of their own site (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const siteId = await mainSiteId(env.ctx);
  await staff(env.ctx, 'sa1', ['site_admin'], undefined, siteId);
  const s = await login(env.app, 'sa1');
  const foreign = await call(env.app, s, 'POST', '/api/inspection/runs', {
    url: 'http://169.254.169.254/latest/meta-data/',
    siteId,
    screenshots: false,
  });
  assert.equal(foreign.statusCode, 403);
  assert.equal(foreign.json().error.code, 'INSPECT_HOST_NOT_OWN');
  assert.match(foreign.json().error.message, /zwb\.nanjiang\.gov\.cn/);
  const schedule = await call(env.app, s, 'POST', '/api/inspection/schedules', {
    url: 'http://10.0.0.5/',
    siteId,
    everyHours: 24,
  });
  assert.equal(schedule.statusCode, 403);
  // An allow-listed host (the test fixtures' loopback) is accepted.
  const own = await call(env.app, s, 'POST', '/api/inspection/runs', {
    url: 'http://127.0.0.1:1/',
    siteId,
    screenshots: false,
    maxPages: 5,
  });
  assert.equal(own.statusCode, 200, own.body);
  const id = own.json().id;
  await call(env.app, s, 'POST', `/api/inspection/runs/${id}/cancel`);
});

test('the configured own host may be on the intranet, never on loopback or a metadata address', async (t) => {
  const resolve = stubResolver({ 'zwb.nanjiang.gov.cn': ['10.20.30.40'], 'evil.nanjiang.gov.cn': ['169.254.169.254'] });
  const guard = new AddressGuard({ resolve, ownHosts: ['zwb.nanjiang.gov.cn', 'evil.nanjiang.gov.cn'] });
  assert.equal(await guard.refusal(new URL('http://zwb.nanjiang.gov.cn/')), null);
  assert.match((await guard.refusal(new URL('http://evil.nanjiang.gov.cn/'))) ?? '', /元数据/);
  assert.match((await guard.refusal(new URL('http://10.20.30.40/'))) ?? '', /内部网络/, 'not by address');
  t.after(() => installOutboundGuard(null));
});
