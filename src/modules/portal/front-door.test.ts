// The front door answers cached pages exactly as the Fastify route does (status, headers, body; 200 and 304;
// identity, gzip and br; care mode), lets every invalidation through at once, notices a host that now
// belongs to another site, counts page views and leaves everything else to Fastify. Over a real socket:
// app.inject never reaches the front door.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { testEnv, type TestEnv } from '../../../test/helpers.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';
import type { SiteIdentity, SiteView } from '../sites/sites.schema.ts';
import { careFromCookie, frontDoors, type FrontDoor } from './front-door.ts';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Set per connection or per second by Node, not by either path.
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

function comparable(headers: Record<string, string | string[] | number | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([k]) => !TRANSPORT.has(k.toLowerCase()))
      .map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
}

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

describe('front door', () => {
  let env: TestEnv;
  let port: number;
  let front: FrontDoor;
  let site: SiteView;

  const socketGet = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path, method, headers: { host: 'zwb.nanjiang.gov.cn', ...headers }, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: comparable(res.headers), body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  const injected = async (path: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await env.app.inject({
      method: 'GET',
      url: path,
      headers: { host: 'zwb.nanjiang.gov.cn', ...headers },
    });
    return { status: res.statusCode, headers: comparable(res.headers), body: res.rawPayload };
  };
  const answered = () => front.stats().answered;

  before(async () => {
    env = await testEnv();
    await env.app.listen({ host: '127.0.0.1', port: 0 });
    port = (env.app.server.address() as { port: number }).port;
    front = frontDoors.get(env.app)!;
    assert.ok(front, 'installed on the app server');
    site = (await env.ctx.sites.list())[0]!;
  });
  after(async () => env.close());

  it('answers a cached page as Fastify does: 200 and 304, identity, gzip and br, care mode', async () => {
    const variants: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'gzip' },
      { 'accept-encoding': 'gzip, deflate, br' },
      { cookie: 'a=b; gp_care=1' },
    ];
    for (const path of ['/', '/gzdt/bmdt/', '/sitemap.xml', '/gzdt/bmdt/?page=1']) {
      for (const headers of variants) {
        const first = await socketGet(path, headers);
        assert.equal(first.status, 200, path);
        const before = answered();
        // The second request finds a compressed variant made by the first; the third is answered here at the latest.
        await socketGet(path, headers);
        const third = await socketGet(path, headers);
        assert.ok(answered() > before, `${path} ${JSON.stringify(headers)}: answered by the front door`);
        const expected = await injected(path, headers);
        assert.deepEqual(third.headers, expected.headers, `${path} ${JSON.stringify(headers)}: headers`);
        assert.ok(third.body.equals(expected.body), `${path} ${JSON.stringify(headers)}: body`);
        // Revalidation: 304 with the same headers as Fastify's.
        const conditionals: Record<string, string>[] = [
          { 'if-none-match': third.headers.etag! },
          { 'if-modified-since': third.headers['last-modified']! },
        ];
        for (const conditional of conditionals) {
          const n = answered();
          const notModified = await socketGet(path, { ...headers, ...conditional });
          assert.equal(notModified.status, 304);
          assert.equal(answered(), n + 1);
          assert.equal(notModified.body.length, 0);
          assert.deepEqual(
            notModified.headers,
            (await injected(path, { ...headers, ...conditional })).headers,
            `${path}: 304 headers`,
          );
        }
      }
    }
    assert.match((await socketGet('/', { cookie: 'gp_care=1' })).body.toString(), /<body class="care">/);
    assert.doesNotMatch((await socketGet('/', { cookie: 'gp_care=0' })).body.toString(), /<body class="care">/);
  });

  it('leaves HEAD, misses, 404s and redirects to Fastify', async () => {
    await socketGet('/gzdt/');
    const n = answered();
    assert.equal((await socketGet('/gzdt/', {}, 'HEAD')).status, 200);
    assert.equal((await socketGet('/gzdt')).status, 301);
    assert.equal((await socketGet('/gzdt')).status, 301);
    assert.equal((await socketGet('/no/such/')).status, 404);
    assert.equal((await socketGet('/no/such/')).status, 404);
    assert.equal((await socketGet('/api/nothing')).status, 404);
    assert.equal(answered(), n);
  });

  it('serves a change at once: the invalidated entry is never answered again', async () => {
    await socketGet('/');
    await socketGet('/');
    const { id: _id, code: _code, parentId: _parent, ...identity } = site;
    const renamed: SiteIdentity = { ...identity, name: '南江市政务服务管理局' };
    await env.ctx.sites.update(SYSTEM_ACTOR, site.id, renamed);
    try {
      assert.match((await socketGet('/')).body.toString(), /<title>南江市政务服务管理局<\/title>/);
    } finally {
      await env.ctx.sites.update(SYSTEM_ACTOR, site.id, identity);
    }
    assert.match((await socketGet('/')).body.toString(), new RegExp(`<title>${site.name}</title>`));
  });

  it('notices within about a second that a host now belongs to another site', async () => {
    const host = { host: 'new.nanjiang.gov.cn' };
    await socketGet('/', host);
    assert.match(
      (await socketGet('/', host)).body.toString(),
      new RegExp(`<title>${site.name}</title>`),
      'the main site answers unknown hosts',
    );
    // Written straight to the database, as another node would: no listener on this node hears of it.
    await env.ctx.sites.create(SYSTEM_ACTOR, {
      ...DEMO_SITE,
      code: 'newsite',
      parentId: null,
      name: '南江市新建网站',
      siteIdCode: '3299000099',
      domains: ['new.nanjiang.gov.cn'],
    });
    await new Promise((r) => setTimeout(r, 1100));
    assert.match((await socketGet('/', host)).body.toString(), /<title>南江市新建网站<\/title>/);
  });

  it('counts page views of people, not of robots', async () => {
    await socketGet('/bmgk/', { 'user-agent': BROWSER });
    await env.ctx.stats.flush();
    const n = answered();
    await socketGet('/bmgk/', { 'user-agent': BROWSER });
    await socketGet('/bmgk/', { 'user-agent': 'curl/8.5.0' });
    assert.equal(answered(), n + 2);
    assert.equal(env.ctx.stats.pendingKeys, 1, 'one visitor on one page');
  });

  it('reads the care-mode cookie as @fastify/cookie does', () => {
    assert.equal(careFromCookie(undefined), false);
    assert.equal(careFromCookie('gp_care=1'), true);
    assert.equal(careFromCookie('x=1; gp_care="1"'), true);
    assert.equal(careFromCookie('gp_care=%31'), true);
    assert.equal(careFromCookie('gp_care=0; gp_care=1'), false);
    assert.equal(careFromCookie('xgp_care=1'), false);
  });
});
