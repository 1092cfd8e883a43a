// For tests on the demo site, whose content has no files: publishes (through the review API, as staff would)
// a news item with an attachment and an inline picture, so a crawl and a reader can follow both.
import assert from 'node:assert/strict';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { call, columnByName, type Session } from '../../../test/helpers.ts';
import { publishThroughReview, team } from '../../../test/workflow.ts';

// A 1×1 PNG and a small PDF: file-type recognises both by their bytes.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
  Buffer.alloc(3000, 0x20),
  Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
]);

export interface PublishedWithFiles {
  id: number;
  title: string;
  columnName: string;
  attachmentName: string;
  attachmentUrl: string;
  imageUrl: string;
}

/** Uploads a file as the session's user, as the admin console does. */
export async function uploadFile(
  app: App,
  session: Session,
  siteId: number,
  name: string,
  mime: string,
  bytes: Buffer,
): Promise<{ id: number; url: string; name: string }> {
  const boundary = '----govportalTestBoundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${mime}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: `/api/sites/${siteId}/files`,
    payload,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { id: number; url: string; name: string };
}

export async function publishWithAttachment(app: App, ctx: AppContext): Promise<PublishedWithFiles> {
  const t = await team(app, ctx);
  const pdf = await uploadFile(app, t.editor, t.siteId, 'guide-2026.pdf', 'application/pdf', PDF);
  const png = await uploadFile(app, t.editor, t.siteId, 'hall-map.png', 'image/png', PNG);
  const columnName = '部门动态';
  const title = '市政务服务大厅窗口调整的说明';
  const attachmentName = '窗口调整一览表.pdf';
  const res = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/content`, {
    type: 'article',
    columnId: (await columnByName(ctx, columnName)).id,
    title,
    source: '市政务办综合处',
    author: '综合处',
    bodyHtml: `<p>自下月起，市政务服务大厅部分窗口调整，详见附件。</p><p><img src="${png.url}" alt="大厅窗口分布图"></p>`,
    attachments: [{ fileId: pdf.id, name: attachmentName }],
  });
  assert.equal(res.statusCode, 200, res.body);
  const id = res.json().id as number;
  await publishThroughReview(app, t, id);
  return { id, title, columnName, attachmentName, attachmentUrl: pdf.url, imageUrl: png.url };
}
