// npm run bench:first-submit — how long an editor waits for the first submission for review after the server
// started, and for the next ones. A fresh process, the 附件1 site, an editor who saves an item with a DOCX and a
// PDF attached and submits it (附件3), three times with new files (extracted texts are cached by file). The
// first submission pays for what a process does once: the attachment-text worker thread (tsx, the OOXML
// readers) and pdf.js. `serve` warms these at start-up (PrepublishGate.warm); BENCH_COLD=1 skips the warm-up to
// show the cold figure.
import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { docx } from '../../src/modules/prepublish/fixtures/office.ts';
import type { App } from '../../src/platform/http.ts';
import { call, columnByName, login, mainSiteId, type Session, staff, testEnv } from '../../test/helpers.ts';

const COLD = process.env.BENCH_COLD === '1';

function pdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

async function upload(app: App, who: Session, siteId: number, name: string, bytes: Buffer): Promise<number> {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const res = await app.inject({
    method: 'POST',
    url: `/api/sites/${siteId}/files`,
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id as number;
}

const env = await testEnv();
const { ctx, app } = env;
const warmStart = performance.now();
if (!COLD) await ctx.prepublish.warm();
const warmMs = performance.now() - warmStart;
await staff(ctx, 'bench_editor', ['editor'], '综合处');
const session = await login(app, 'bench_editor');
const siteId = await mainSiteId(ctx);
const column = await columnByName(ctx, '部门动态');
const lines = [
  COLD ? 'no warm-up (BENCH_COLD=1)' : `warm-up at start-up: ${warmMs.toFixed(0)} ms (off the request path)`,
];
for (let i = 1; i <= 3; i++) {
  const attachments = [
    {
      fileId: await upload(app, session, siteId, `方案${i}.docx`, docx([`实施方案（第${i}稿）`, '一、背景'])),
      name: `方案${i}.docx`,
    },
    {
      fileId: await upload(app, session, siteId, `plan${i}.pdf`, await pdf([`Plan ${i}`, 'Background'])),
      name: `plan${i}.pdf`,
    },
  ];
  const created = await call(app, session, 'POST', `/api/sites/${siteId}/content`, {
    type: 'article',
    columnId: column.id,
    title: `第${i}条测试信息：市政务办开展专项检查`,
    source: '市政务办',
    bodyHtml: '<p>11月20日至25日，市政务办对各服务窗口的“好差评”工作开展专项检查。</p>',
    attachments,
  });
  if (created.statusCode !== 200) throw new Error(created.body);
  const id = created.json().id as number;
  const t = performance.now();
  const submitted = await call(app, session, 'POST', `/api/content/${id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  lines.push(`submission ${i}: ${(performance.now() - t).toFixed(0)} ms`);
}
console.log(lines.join('\n'));
await env.close();
