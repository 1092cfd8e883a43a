import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import iconv from 'iconv-lite';
import { USER_AGENT, classifyError, fetchPage } from './fetcher.ts';
import { decodeBody, normaliseCharset } from './charset.ts';
import { html, redirect, serveRoutes, silent } from '../../../../test/fixtures/sites/route-server.ts';

// ───────────────────────────── decoding ─────────────────────────────

const CHINESE = '示例县人民政府：关于做好冬季供暖工作的通知';

test('decodes GBK declared in Content-Type', () => {
  const decoded = decodeBody(iconv.encode(`<p>${CHINESE}</p>`, 'gbk'), 'text/html; charset=GBK');
  assert.equal(decoded.text, `<p>${CHINESE}</p>`);
  assert.deepEqual([decoded.charset, decoded.source], ['gb18030', 'header']);
});

test('decodes GB2312 declared only by <meta charset> in the first bytes', () => {
  const page = `<html><head><meta charset="gb2312"><title>${CHINESE}</title></head></html>`;
  const decoded = decodeBody(iconv.encode(page, 'gbk'), 'text/html');
  assert.equal(decoded.text, page);
  assert.equal(decoded.source, 'meta');
});

test('decodes the charset of <meta http-equiv="Content-Type">', () => {
  const page = `<meta http-equiv="Content-Type" content="text/html; charset=gb18030"><p>${CHINESE}</p>`;
  const decoded = decodeBody(iconv.encode(page, 'gb18030'), null);
  assert.equal(decoded.text, page);
  assert.equal(decoded.source, 'meta');
});

test('the header wins over the meta tag; a BOM over the meta tag; UTF-8 is the default', () => {
  const utf8Page = Buffer.from(`<meta charset="gbk"><p>${CHINESE}</p>`, 'utf8');
  assert.equal(decodeBody(utf8Page, 'text/html; charset=utf-8').text, `<meta charset="gbk"><p>${CHINESE}</p>`);
  const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Page]);
  assert.equal(decodeBody(withBom, 'text/html').source, 'bom');
  assert.deepEqual(
    [decodeBody(Buffer.from(CHINESE), null).text, decodeBody(Buffer.from(CHINESE), null).source],
    [CHINESE, 'default'],
  );
});

test('an unknown charset falls back to the next source instead of failing', () => {
  const decoded = decodeBody(Buffer.from(CHINESE), 'text/html; charset=x-no-such-charset');
  assert.deepEqual([decoded.text, decoded.source], [CHINESE, 'default']);
  assert.equal(normaliseCharset('GB2312'), 'gb18030');
  assert.equal(normaliseCharset('nonsense'), null);
});

// ───────────────────────────── fetching ─────────────────────────────

test('records status, headers, timing, SHA-256 and the decoded text, and sends the User-Agent', async (t) => {
  const body = iconv.encode(`<title>${CHINESE}</title>`, 'gbk');
  const server = await serveRoutes({
    '/': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(body),
  });
  t.after(() => server.close());
  const result = await fetchPage(`${server.origin}/`);
  assert.equal(result.status, 200);
  assert.equal(result.contentType, 'text/html');
  assert.equal(result.headers['content-type'], 'text/html; charset=gbk');
  assert.equal(result.text, `<title>${CHINESE}</title>`);
  assert.equal(result.sha256, createHash('sha256').update(body).digest('hex'));
  assert.equal(result.bytes, body.length);
  assert.ok(result.ms >= 0 && !Number.isNaN(Date.parse(result.startedAt)));
  assert.equal(result.error, undefined);
  assert.equal(server.requests[0].userAgent, USER_AGENT);
  assert.equal(USER_AGENT, 'govportal-inspector/0.1 (+政府网站自查)');
});

test('follows redirects by hand and records every hop', async (t) => {
  const server = await serveRoutes({ '/a': redirect('/b', 301), '/b': redirect('/c'), '/c': html('<p>终点</p>') });
  t.after(() => server.close());
  const result = await fetchPage(`${server.origin}/a`);
  assert.equal(result.status, 200);
  assert.equal(result.finalUrl, `${server.origin}/c`);
  assert.deepEqual(
    result.redirects.map((r) => [r.status, r.location]),
    [
      [301, '/b'],
      [302, '/c'],
    ],
  );
});

test('detects a redirect loop without following it forever', async (t) => {
  const server = await serveRoutes({ '/a': redirect('/b'), '/b': redirect('/a') });
  t.after(() => server.close());
  const result = await fetchPage(`${server.origin}/a`);
  assert.equal(result.error?.kind, 'redirect-loop');
  assert.equal(result.redirects.length, 2);
  assert.equal(server.requests.length, 2);
});

test('stops after the redirect limit', async (t) => {
  const routes = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/r${i}`, redirect(`/r${i + 1}`)]));
  const server = await serveRoutes(routes);
  t.after(() => server.close());
  const result = await fetchPage(`${server.origin}/r0`, { maxRedirects: 3 });
  assert.equal(result.error?.kind, 'too-many-redirects');
});

test('a server that never answers times out at the limit', async (t) => {
  const server = await serveRoutes({ '/': silent() });
  t.after(() => server.close());
  const started = Date.now();
  const result = await fetchPage(`${server.origin}/`, { timeoutMs: 300 });
  assert.equal(result.error?.kind, 'timeout');
  assert.equal(result.status, null);
  assert.ok(Date.now() - started < 3000, 'returned soon after the timeout');
});

test('a body that stalls halfway also times out', async (t) => {
  const server = await serveRoutes({
    '/': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>开始');
    },
  });
  t.after(() => server.close());
  const result = await fetchPage(`${server.origin}/`, { timeoutMs: 300 });
  assert.equal(result.error?.kind, 'timeout');
  assert.equal(result.status, 200);
});

test('a huge page is cut at maxBytes and marked truncated', async (t) => {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = await serveRoutes({
    '/': (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      let sent = 0;
      const pump = () => {
        // 20 MB unless the client goes away
        while (sent < 320 && res.write(chunk)) sent++;
        if (sent < 320) res.once('drain', pump);
        else res.end();
      };
      res.on('close', () => (sent = 320));
      pump();
    },
  });
  t.after(() => server.close());
  const result = await fetchPage(`${server.origin}/`, { maxBytes: 100_000 });
  assert.equal(result.truncated, true);
  assert.equal(result.bytes, 100_000);
  assert.equal(result.text?.length, 100_000);
  assert.equal(result.sha256, createHash('sha256').update(Buffer.alloc(100_000, 'a')).digest('hex'));
});

test('connection refused, DNS failure and bad URLs are recorded, not thrown', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as { port: number };
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  assert.equal((await fetchPage(`http://127.0.0.1:${port}/`)).error?.kind, 'refused');
  assert.equal((await fetchPage('http://no-such-host.invalid/', { timeoutMs: 5000 })).error?.kind, 'dns');
  assert.equal((await fetchPage('not a url')).error?.kind, 'invalid-url');
  assert.equal((await fetchPage('ftp://example.gov.cn/')).error?.kind, 'invalid-url');
});

test('TLS errors are classified from the system error code', () => {
  const error = new TypeError('fetch failed', {
    cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
  });
  assert.equal(classifyError(error).kind, 'tls');
  const selfSigned = new TypeError('fetch failed', {
    cause: Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
  });
  assert.equal(classifyError(selfSigned).kind, 'tls');
});

test('HEAD reads no body; readBody "text" skips images', async (t) => {
  const server = await serveRoutes({
    '/page': html('<p>正文</p>'),
    '/logo.png': (_q, res) => void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(1000)),
  });
  t.after(() => server.close());
  const head = await fetchPage(`${server.origin}/page`, { method: 'HEAD' });
  assert.deepEqual([head.status, head.bodySkipped, head.sha256, head.text], [200, true, null, null]);
  const image = await fetchPage(`${server.origin}/logo.png`, { readBody: 'text' });
  assert.deepEqual([image.status, image.bodySkipped, image.text], [200, true, null]);
  const imageBytes = await fetchPage(`${server.origin}/logo.png`);
  assert.deepEqual([imageBytes.bytes, imageBytes.text], [1000, null]);
});
