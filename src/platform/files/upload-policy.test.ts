// Files that could act when opened in the browser are downloaded, not shown: PDFs with JavaScript, automatic
// actions or embedded files (also hidden in compressed object streams or behind #xx name escapes), and images
// that are also HTML, script, a PDF or an archive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { imageIsPolyglot, pdfIsActive, servedInline } from './upload-policy.ts';
import { testEnv, staff, login, mainSiteId, DIALECT } from '../../../test/helpers.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function plainPdf(): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('Notice 2026');
  doc.end();
  return done;
}

const pdfWith = (body: string | Buffer) =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n1 0 obj\n'),
    Buffer.from(body),
    Buffer.from('\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  ]);

test('active PDFs are recognised, however their names are written', async () => {
  assert.equal(pdfIsActive(await plainPdf()), false, 'an ordinary PDF is shown inline');
  assert.equal(pdfIsActive(pdfWith('<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>')), true);
  assert.equal(pdfIsActive(pdfWith('<</Type/Catalog/Names<</J#61vaScript 2 0 R>>>>')), true, '#xx escapes');
  assert.equal(pdfIsActive(pdfWith('<</Type/Filespec/EF<</F 3 0 R>>/Type/EmbeddedFile>>')), true);
  const hidden = deflateSync(Buffer.from('<</S/Launch/F(cmd.exe)>>'));
  assert.equal(
    pdfIsActive(
      pdfWith(
        Buffer.concat([Buffer.from('<</Type/ObjStm/Filter/FlateDecode>>stream\n'), hidden, Buffer.from('\nendstream')]),
      ),
    ),
    true,
    'inside a compressed object stream',
  );
});

test('polyglot images are recognised', () => {
  assert.equal(imageIsPolyglot(PNG), false);
  assert.equal(imageIsPolyglot(Buffer.concat([PNG, Buffer.from('<script>alert(1)</script>')])), true);
  assert.equal(imageIsPolyglot(Buffer.concat([PNG, Buffer.from('<HTML><body>')])), true);
  assert.equal(imageIsPolyglot(Buffer.concat([PNG, Buffer.from('PK\x03\x04payload', 'latin1')])), true);
  assert.equal(servedInline({ mime: 'image/png', sha256: 'a'.repeat(64) }, PNG), true);
  assert.equal(servedInline({ mime: 'application/zip', sha256: 'b'.repeat(64) }, PNG), false);
});

test(`a PDF with JavaScript is served as an attachment, an ordinary one inline (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await staff(env.ctx, 'ed1', ['editor'], '综合处');
  const s = await login(env.app, 'ed1');
  const siteId = await mainSiteId(env.ctx);
  const upload = async (name: string, bytes: Buffer) => {
    const boundary = '----policy';
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/sites/${siteId}/files`,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    assert.equal(res.statusCode, 200, res.body);
    return env.app.inject({ url: res.json().url, headers: { cookie: s.cookie } });
  };
  const active = await upload('a.pdf', pdfWith('<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>'));
  assert.match(String(active.headers['content-disposition']), /^attachment;/);
  assert.equal(active.headers['x-content-type-options'], 'nosniff');
  const plain = await upload('b.pdf', await plainPdf());
  assert.match(String(plain.headers['content-disposition']), /^inline;/);
});

test('a UTF-8 text file whose 64 KB sample ends inside a character is still text', async () => {
  const { inspectUpload } = await import('./upload-policy.ts');
  const verdict = await inspectUpload(Buffer.from('政'.repeat(30_000)), '通知.txt');
  assert.equal('refused' in verdict ? verdict.refused : verdict.mime, 'text/plain');
});
