// The HTTP rules every response follows, and conditions of the server answered as such: 503 in Chinese (an HTML
// page for browsers, JSON for the API) when the database is away or the disk is full, never 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { testEnv, staff, login, call, mainSiteId, DIALECT } from '../../test/helpers.ts';
import { buildApp } from '../app.ts';
import { HealthMonitor } from './health.ts';
import { openPostgres } from './db/database.ts';
import { storageError } from './files/file-store.ts';

const pgShutdown = () =>
  Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

/** Sends raw bytes to a listening app and returns what came back before the server closed or 2 s passed. */
async function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (c) => {
      out += c.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(out));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(out);
    });
    socket.write(request);
  });
}

test(`API responses are neither cached nor sniffed; HSTS over HTTPS; CSP on the API docs (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  for (const url of ['/api/users', '/api/auth/me', '/api/docs/json']) {
    const res = await env.app.inject({ url });
    assert.equal(res.headers['cache-control'], 'no-store', url);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
  }
  assert.equal((await env.app.inject({ url: '/api/users' })).headers['strict-transport-security'], undefined);
  const docs = await env.app.inject({ url: '/api/docs/' });
  assert.equal(docs.statusCode, 200);
  const csp = String(docs.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /https:|upgrade-insecure-requests|validator/);

  const secure = await buildApp({ ...env.ctx, config: { ...env.ctx.config, secureCookies: true } }, { logger: false });
  t.after(() => secure.close());
  const res = await secure.inject({ url: '/api/users' });
  assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
});

test(`431, bad URLs and malformed requests are answered in Chinese; a 200 MB upload is refused unread (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  await env.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (env.app.server.address() as net.AddressInfo).port;

  const big = await raw(port, `GET /api/users HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`);
  assert.match(big, /^HTTP\/1\.1 431/);
  assert.match(big, /"code":"HEADERS_TOO_LARGE"/);
  assert.match(big, /请求头过大/);

  const garbage = await raw(port, 'GARBAGE\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400/);
  assert.match(garbage, /请求无法处理/);

  const badUrl = await env.app.inject({ url: '/api/sites/%E0%A4%A' });
  assert.equal(badUrl.statusCode, 400);
  assert.equal(badUrl.json().error.code, 'BAD_URL');

  const badJson = await env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: '{"username":',
  });
  assert.equal(badJson.json().error.code, 'INVALID_JSON');
  assert.match(badJson.json().error.message, /不是有效的 JSON/);

  // Only the headers are sent: the answer comes before any of the 200 MB, and the connection is closed.
  const started = Date.now();
  const upload = await raw(
    port,
    `POST /api/sites/1/files HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`,
  );
  assert.match(upload, /^HTTP\/1\.1 413/);
  assert.match(upload, /"code":"UPLOAD_TOO_LARGE"/);
  assert.match(upload, /超过 50 MB/);
  assert.ok(Date.now() - started < 2000, 'answered at once, not after a timeout');
});

test(`the database away: 503 with a Chinese page for browsers and JSON for the API, not 500 (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  await staff(env.ctx, 'sys1', ['sys_admin']);
  const s = await login(env.app, 'sys1');
  env.ctx.users.list = async () => {
    throw pgShutdown();
  };
  const api = await call(env.app, s, 'GET', '/api/users');
  assert.equal(api.statusCode, 503);
  assert.equal(api.headers['retry-after'], '5');
  assert.deepEqual(api.json(), {
    error: { code: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法访问，系统正在自动恢复，请稍后再试' },
  });

  const app = await buildApp(env.ctx, { logger: false });
  t.after(() => app.close());
  app.get('/outage-probe', async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
  const page = await app.inject({ url: '/outage-probe', headers: { accept: 'text/html,application/xhtml+xml' } });
  assert.equal(page.statusCode, 503);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.match(page.body, /<html lang="zh-CN">/);
  assert.match(page.body, /数据库暂时无法访问/);
});

test(`a full disk during an upload: 503 with the reason, nothing recorded (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await staff(env.ctx, 'ed1', ['editor'], '综合处');
  const s = await login(env.app, 'ed1');
  // The file-store boundary fails as a full disk does.
  env.ctx.fileStore.put = async () => {
    throw storageError(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
  };
  const boundary = '----fulldisk';
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/sites/${await mainSiteId(env.ctx)}/files`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n通知正文\r\n--${boundary}--\r\n`,
  });
  assert.equal(res.statusCode, 503);
  assert.equal(res.json().error.code, 'STORAGE_FULL');
  assert.equal((await env.ctx.db.selectFrom('files').select('id').execute()).length, 0);
});

test(`/healthz says what is wrong with 503 (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  const ok = await env.app.inject({ url: '/healthz' });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json().problems, []);

  const unwritable = new HealthMonitor({
    db: env.ctx.db,
    dialect: env.ctx.dbh.dialect,
    // A path under a regular file: it can never be created.
    dataDirs: ['/etc/hostname/govportal'],
  });
  const report = await unwritable.check();
  assert.equal(report.status, 'unavailable');
  assert.deepEqual(
    report.problems.map((p) => p.code),
    ['data-dir-unwritable'],
  );
  // A PostgreSQL server that is not there (nothing listens on port 1 of loopback).
  const gone = openPostgres('postgres://postgres@127.0.0.1:1/none', 1);
  t.after(() => gone.close());
  const away = await new HealthMonitor({ db: gone.db, dialect: 'postgres', dataDirs: [] }).check();
  assert.deepEqual(
    away.problems.map((p) => p.code),
    ['database-unavailable'],
  );
});

test(`load shedding: reads beyond what a process answers promptly get a Chinese 503; writes and /healthz pass (${DIALECT})`, async (t) => {
  const env = await testEnv({ demo: false });
  t.after(() => env.close());
  const app = await buildApp(env.ctx, { logger: false });
  t.after(() => app.close());
  app.get('/slow-probe', async () => {
    await new Promise((r) => setTimeout(r, 300));
    return { ok: true };
  });
  app.post('/slow-probe', async () => {
    await new Promise((r) => setTimeout(r, 300));
    return { ok: true };
  });
  // A page route declares its 503 as HTML.
  app.get('/slow-page', { schema: { response: { 200: { type: 'string' }, 503: { type: 'string' } } } }, async () => {
    await new Promise((r) => setTimeout(r, 300));
    return '<p>ok</p>';
  });
  const reads = await Promise.all(Array.from({ length: 60 }, () => app.inject({ url: '/slow-probe' })));
  const shed = reads.filter((r) => r.statusCode === 503);
  assert.ok(shed.length > 0 && shed.length < 60, `some shed: ${shed.length}`);
  assert.ok(reads.every((r) => r.statusCode === 200 || r.statusCode === 503));
  assert.equal(shed[0]!.json().error.code, 'SERVER_BUSY');
  assert.equal(shed[0]!.json().error.message, '系统繁忙，请稍后再试');
  assert.equal(shed[0]!.headers['retry-after'], '2');
  const writes = await Promise.all(
    Array.from({ length: 60 }, () => app.inject({ method: 'POST', url: '/slow-probe', payload: {} })),
  );
  assert.ok(
    writes.every((r) => r.statusCode === 200),
    'writes are never shed',
  );
  // A client that does not ask for HTML still gets the JSON error from a page route.
  const pages = await Promise.all(Array.from({ length: 60 }, () => app.inject({ url: '/slow-page' })));
  const shedPage = pages.find((r) => r.statusCode === 503);
  assert.ok(shedPage, 'a page read was shed');
  assert.equal(shedPage.json().error.code, 'SERVER_BUSY');
  // Afterwards nothing is in progress: reads pass again.
  assert.equal((await app.inject({ url: '/slow-probe' })).statusCode, 200);
  for (let i = 0; i < 40; i++) assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
});
