import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, call, columnByName, DIALECT } from '../../../test/helpers.ts';
import { team, draftNews, publishThroughReview } from '../../../test/workflow.ts';
import { sanitizeRichText } from './sanitize.ts';
import { BODY_MAX_CHARS, CONTENT_BODY_LIMIT } from './content.schema.ts';

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">点我</a>',
  '<a href="JaVaScRiPt:alert(1)">点我</a>',
  '<a href="java&#x09;script:alert(1)">点我</a>',
  '<svg onload=alert(1)><circle/></svg>',
  '<iframe src="https://evil.example/"></iframe>',
  '<p style="background:url(javascript:alert(1))">样式</p>',
  '<div onclick="alert(1)">点击</div>',
  '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  '<object data="evil.swf"></object><embed src="evil.swf">',
  '<form action="https://evil.example"><input name="x"></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<body onload=alert(1)>',
  '"><script>alert(document.cookie)</script>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
];

test('rich text keeps structure but no script, handlers, styles or javascript: links', () => {
  for (const payload of XSS) {
    const clean = sanitizeRichText(`<p>正文</p>${payload}`);
    assert.doesNotMatch(
      clean,
      /<script|onerror|onload|onclick|javascript:|<iframe|<svg|<object|<embed|<form|<meta|<base|<link|style=|data:text/i,
      `${payload} → ${clean}`,
    );
  }
  const word =
    '<p class="MsoNormal" style="mso-line-height:150%"><span style="font-family:仿宋_GB2312">一、工作目标</span><o:p></o:p></p><h1>标题</h1><table><tr><td colspan="2">单元格</td></tr></table><img src="/files/1/a.png" alt="示意图">';
  const kept = sanitizeRichText(word);
  assert.match(kept, /一、工作目标/);
  assert.doesNotMatch(kept, /mso-|MsoNormal|o:p|font-family/);
  assert.match(kept, /<h2>标题<\/h2>/, 'h1 is the page title; body headings start at h2');
  assert.match(kept, /<td colspan="2">单元格<\/td>/);
  assert.match(kept, /<img src="\/files\/1\/a.png" alt="示意图" \/>|<img src="\/files\/1\/a.png" alt="示意图">/);
  assert.match(sanitizeRichText('<a href="https://www.gov.cn/">中国政府网</a>'), /rel="noopener noreferrer"/);
});

test(`XSS payloads are stored harmlessly through the API and published harmlessly (${DIALECT})`, async () => {
  const env = await testEnv();
  try {
    const { app, ctx } = env;
    const t = await team(app, ctx);
    const item = await draftNews(app, ctx, t, '测试富文本清理', { bodyHtml: `<p>安全的正文</p>${XSS.join('')}` });
    const stored = (await ctx.content.item(item.id)).body_html;
    assert.match(stored, /安全的正文/);
    assert.doesNotMatch(stored, /<script|onerror|onload|javascript:/i);
    await publishThroughReview(app, t, item.id);
    const live = await ctx.db
      .selectFrom('published_items')
      .select('snapshot')
      .where('content_id', '=', item.id)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(live.snapshot, /<script|onerror|javascript:/i);
  } finally {
    await env.close();
  }
});

function multipart(name: string, bytes: Buffer) {
  const boundary = `----govportal${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

test('uploads are checked by content, not by name; files of drafts are not public', async () => {
  const env = await testEnv();
  try {
    const { app, ctx } = env;
    const t = await team(app, ctx);
    const upload = (name: string, bytes: Buffer) => {
      const m = multipart(name, bytes);
      return app.inject({
        method: 'POST',
        url: `/api/sites/${t.siteId}/files`,
        headers: { cookie: t.editor.cookie, 'x-csrf-token': t.editor.csrf, 'content-type': m.contentType },
        payload: m.payload,
      });
    };
    const png = await upload('示意图.png', PNG);
    assert.equal(png.statusCode, 200, png.body);
    assert.equal(png.json().mime, 'image/png');
    assert.match(png.json().url, /^\/files\/\d+\/%E7%A4%BA%E6%84%8F%E5%9B%BE\.png$/);
    const pdf = await upload('通知.pdf', PDF);
    assert.equal(pdf.json().mime, 'application/pdf');

    const disguised = await upload('报告.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    assert.equal(disguised.statusCode, 415);
    assert.equal(disguised.json().error.code, 'UNSUPPORTED_FILE');
    const renamed = await upload('照片.pdf', PNG);
    assert.match(renamed.json().error.message, /扩展名/);
    const svg = await upload('logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
    assert.equal(svg.statusCode, 415);
    const exe = await upload('setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
    assert.equal(exe.statusCode, 415);

    // Not public until an item using it is published.
    const url = png.json().url as string;
    assert.equal((await app.inject({ url })).statusCode, 404);
    assert.equal(
      (await app.inject({ url, headers: { cookie: t.editor.cookie } })).statusCode,
      200,
      "staff see their drafts' files",
    );
    const item = await draftNews(app, ctx, t, '带图片的动态', {
      bodyHtml: `<p>图片如下</p><img src="${url}" alt="示意图">`,
      attachments: [{ fileId: pdf.json().id, name: '通知全文.pdf' }],
    });
    await publishThroughReview(app, t, item.id);
    const publicPng = await app.inject({ url });
    assert.equal(publicPng.statusCode, 200);
    assert.equal(publicPng.headers['content-type'], 'image/png');
    assert.equal(publicPng.headers['x-content-type-options'], 'nosniff');
    assert.equal((await app.inject({ url: pdf.json().url })).statusCode, 200);
  } finally {
    await env.close();
  }
});

test('versions are kept, compared and restored as a new draft; editors write only where 附件1 says', async () => {
  const env = await testEnv();
  try {
    const { app, ctx } = env;
    const t = await team(app, ctx);
    const item = await draftNews(app, ctx, t, '第一版标题');
    const columnId = (await ctx.content.item(item.id)).column_id;
    await call(app, t.editor, 'PUT', `/api/content/${item.id}`, {
      columnId,
      title: '第二版标题',
      bodyHtml: '<p>第二版正文</p>',
      note: '改标题',
    });
    const versions = (await call(app, t.editor, 'GET', `/api/content/${item.id}/versions`)).json().items;
    assert.deepEqual(
      versions.map((v: { version: number; note: string }) => `${v.version}:${v.note}`),
      ['2:改标题', '1:创建'],
    );
    const diff = (await call(app, t.editor, 'GET', `/api/content/${item.id}/diff?from=1&to=2`)).json().parts;
    assert.ok(diff.some((p: { removed: boolean; text: string }) => p.removed && p.text.includes('第一版标题')));
    assert.ok(diff.some((p: { added: boolean; text: string }) => p.added && p.text.includes('第二版标题')));
    const restored = await call(app, t.editor, 'POST', `/api/content/${item.id}/versions/1/restore`);
    assert.equal(restored.json().title, '第一版标题');
    assert.equal(restored.json().version, 3);

    // 综合处 does not lead 领导信息 (组宣处 does) and cannot write there.
    const ldxx = await columnByName(ctx, '领导信息');
    const refused = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/content`, {
      type: 'leader',
      columnId: ldxx.id,
      title: '王某某',
      fields: { post: '主任' },
    });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().error.message, /栏目任务分解表/);
    // A single-page column takes only a single page.
    const bmjj = await columnByName(ctx, '部门简介');
    const wrongKind = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/content`, {
      type: 'article',
      columnId: bmjj.id,
      title: '部门简介文章',
    });
    assert.equal(wrongKind.statusCode, 400);
    const page = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/content`, {
      type: 'page',
      columnId: bmjj.id,
      title: '部门简介',
      bodyHtml: '<p>南江市政务服务管理办公室是……</p>',
    });
    assert.equal(page.statusCode, 200);
    // A policy document needs its catalogue fields and gets an index number.
    const zcfgEditor = t.editor;
    const bmwj = await columnByName(ctx, '部门文件');
    const noFields = await call(app, zcfgEditor, 'POST', `/api/sites/${t.siteId}/content`, {
      type: 'policy',
      columnId: bmwj.id,
      title: '关于印发某办法的通知',
    });
    assert.match(noFields.json().error.message, /发文机关/);
    const policy = await call(app, zcfgEditor, 'POST', `/api/sites/${t.siteId}/content`, {
      type: 'policy',
      columnId: bmwj.id,
      title: '关于印发《南江市政务服务事项管理办法》的通知',
      fields: {
        docNumber: '南政务办发〔2026〕12号',
        issuingOrgan: '南江市政务服务管理办公室',
        writtenDate: '2026-11-20',
        theme: '综合政务',
        validity: '有效',
        disclosureMethod: '主动公开',
        disclosureScope: '面向社会',
      },
    });
    assert.equal(policy.statusCode, 200, policy.body);
    assert.match(policy.json().indexNo, /^3299000001\/2026-00001$/);
  } finally {
    await env.close();
  }
});

test(`the request limit fits the largest item the schema allows; a larger request is refused with nothing changed (${DIALECT})`, async () => {
  const env = await testEnv();
  try {
    const { app, ctx } = env;
    const t = await team(app, ctx);
    const column = await columnByName(ctx, '部门动态');
    const fileIds: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const m = multipart(`附件${i}.pdf`, Buffer.concat([PDF, Buffer.from(`% ${i}\n`)]));
      const pdf = await app.inject({
        method: 'POST',
        url: `/api/sites/${t.siteId}/files`,
        headers: { cookie: t.editor.cookie, 'x-csrf-token': t.editor.csrf, 'content-type': m.contentType },
        payload: m.payload,
      });
      assert.equal(pdf.statusCode, 200, pdf.body);
      fileIds.push(pdf.json().id as number);
    }
    const send = (method: 'POST' | 'PUT', url: string, json: string) =>
      app.inject({
        method,
        url,
        headers: { cookie: t.editor.cookie, 'x-csrf-token': t.editor.csrf, 'content-type': 'application/json' },
        payload: json,
      });
    const state = async () => ({
      items: (await ctx.db.selectFrom('content_items').select('id').execute()).length,
      versions: (await ctx.db.selectFrom('content_versions').select('content_id').execute()).length,
      audit: (await ctx.db.selectFrom('audit_log').select('id').where('action', 'like', 'content.%').execute()).length,
    });

    // Every string at its longest; `ch` is what each character is made of.
    const maximal = (ch: string, bodyChars = BODY_MAX_CHARS) => ({
      type: 'article',
      columnId: column.id,
      title: ch.repeat(200),
      subtitle: ch.repeat(200),
      source: ch.repeat(100),
      author: ch.repeat(100),
      summary: ch.repeat(1000),
      keywords: ch.repeat(200),
      bodyHtml: `<p>${ch.repeat(bodyChars - 7)}</p>`,
      fields: {
        docNumber: ch.repeat(100),
        issuingOrgan: ch.repeat(100),
        post: ch.repeat(100),
        duties: ch.repeat(2000),
        resume: ch.repeat(10000),
      },
      attachments: fileIds.map((fileId) => ({ fileId, name: ch.repeat(200) })),
      sort: 10000,
    });

    // The worst case for its size: each character a 6-byte JSON escape. It is within the limit…
    const worst = JSON.stringify(maximal('\u0001'));
    assert.ok(
      Buffer.byteLength(worst) > 6_000_000 && Buffer.byteLength(worst) <= CONTENT_BODY_LIMIT,
      `${Buffer.byteLength(worst)} bytes`,
    );
    const accepted = await send('POST', `/api/sites/${t.siteId}/content`, worst);
    assert.equal(accepted.statusCode, 200, accepted.body.slice(0, 500));
    // …and so is a realistic one: a million Chinese characters are 3 MB (more than the 2 MB of other requests).
    const chinese = JSON.stringify(maximal('政'));
    assert.ok(Buffer.byteLength(chinese) > 3_000_000);
    const created = await send('POST', `/api/sites/${t.siteId}/content`, chinese);
    assert.equal(created.statusCode, 200, created.body.slice(0, 500));
    const id = created.json().id as number;
    assert.equal((await ctx.content.item(id)).body_html.length, BODY_MAX_CHARS);
    const { type: _type, ...update } = maximal('政');
    const updated = await send('PUT', `/api/content/${id}`, JSON.stringify({ ...update, note: '修'.repeat(300) }));
    assert.equal(updated.statusCode, 200, updated.body.slice(0, 500));
    assert.equal(updated.json().version, 2);

    // One character too many: a validation error naming the field.
    const before = await state();
    const tooLong = await send(
      'POST',
      `/api/sites/${t.siteId}/content`,
      JSON.stringify(maximal('政', BODY_MAX_CHARS + 1)),
    );
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().error.code, 'VALIDATION_FAILED');
    // More bytes than any valid item: refused before it is read, with the catalogue's error, nothing written.
    const huge = JSON.stringify({ ...maximal('政', 10), bodyHtml: `<p>${'x'.repeat(CONTENT_BODY_LIMIT)}</p>` });
    for (const [method, url] of [
      ['POST', `/api/sites/${t.siteId}/content`],
      ['PUT', `/api/content/${id}`],
    ] as const) {
      const refused = await send(method, url, huge);
      assert.equal(refused.statusCode, 413, `${method} ${url}`);
      assert.equal(refused.json().error.code, 'CONTENT_TOO_LARGE');
      assert.match(refused.json().error.message, /提交的信息过大.*正文最多 100 万字符/);
    }
    assert.deepEqual(await state(), before, 'nothing was created, versioned or audited');
    assert.equal((await ctx.content.item(id)).version, 2);
    // The same file twice is a clear refusal, not a database error.
    const twice = await call(app, t.editor, 'PUT', `/api/content/${id}`, {
      columnId: column.id,
      title: '附件重复',
      attachments: [
        { fileId: fileIds[0], name: 'a.pdf' },
        { fileId: fileIds[0], name: 'b.pdf' },
      ],
    });
    assert.equal(twice.statusCode, 400);
    assert.match(twice.json().error.message, /只能作为附件添加一次/);
    // Other requests keep the general limit.
    const other = await call(app, t.editor, 'POST', `/api/content/${id}/withdraw`, {
      reason: 'x'.repeat(3 * 1024 * 1024),
    });
    assert.equal(other.statusCode, 413);
    assert.equal(other.json().error.code, 'PAYLOAD_TOO_LARGE');
  } finally {
    await env.close();
  }
});
