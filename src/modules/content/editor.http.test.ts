// The editor's helpers through the API: autosave slots (no versions, own only, gone after saving), the version
// check that refuses a silent overwrite, the live check with a bad ID number, and the signed preview link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, call, login, staff, DIALECT } from '../../../test/helpers.ts';
import { team, draftNews, submit } from '../../../test/workflow.ts';

test(`autosave keeps one slot per editor and item, never a version, and goes once the item is saved (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  const item = await draftNews(app, ctx, tm);
  for (const text of ['第一稿', '第二稿', '第三稿']) {
    const res = await call(app, tm.editor, 'PUT', `/api/content/${item.id}/autosave`, {
      baseVersion: 1,
      title: '推进会',
      payload: JSON.stringify({ bodyHtml: `<p>${text}</p>` }),
    });
    assert.equal(res.statusCode, 200, res.body);
  }
  const slot = (await call(app, tm.editor, 'GET', `/api/content/${item.id}/autosave`)).json().autosave;
  assert.match(slot.payload, /第三稿/);
  assert.equal(slot.currentVersion, 1);
  const versions = (await call(app, tm.editor, 'GET', `/api/content/${item.id}/versions`)).json().items;
  assert.equal(versions.length, 1, 'typing creates no version');
  assert.equal((await ctx.db.selectFrom('content_autosaves').selectAll().execute()).length, 1);

  // Another writer of the same department does not see it.
  await staff(ctx, 'zh_editor2', ['editor'], '综合处');
  const other = await login(app, 'zh_editor2');
  assert.equal((await call(app, other, 'GET', `/api/content/${item.id}/autosave`)).json().autosave, null);

  // A reviewer may not autosave into an item.
  assert.equal(
    (
      await call(app, tm.reviewer, 'PUT', `/api/content/${item.id}/autosave`, {
        baseVersion: 1,
        title: 'x',
        payload: '{}',
      })
    ).statusCode,
    403,
  );

  // Saving the item empties the slot.
  const saved = await call(app, tm.editor, 'PUT', `/api/content/${item.id}`, {
    columnId: (await ctx.content.item(item.id)).column_id,
    title: '推进会（修改）',
    bodyHtml: '<p>第三稿</p>',
    baseVersion: 1,
  });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal((await call(app, tm.editor, 'GET', `/api/content/${item.id}/autosave`)).json().autosave, null);

  // A new item's slot is per site.
  const put = await call(app, tm.editor, 'PUT', `/api/sites/${tm.siteId}/autosave-new`, {
    baseVersion: null,
    title: '新稿',
    payload: '{"title":"新稿"}',
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal(
    (await call(app, tm.editor, 'GET', `/api/sites/${tm.siteId}/autosave-new`)).json().autosave.title,
    '新稿',
  );
  await call(app, tm.editor, 'DELETE', `/api/sites/${tm.siteId}/autosave-new`);
  assert.equal((await call(app, tm.editor, 'GET', `/api/sites/${tm.siteId}/autosave-new`)).json().autosave, null);
});

test(`two people editing: the second save on an old version is refused with who saved, never overwritten (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  await staff(ctx, 'zh_editor2', ['editor'], '综合处');
  const other = await login(app, 'zh_editor2');
  const item = await draftNews(app, ctx, tm);
  const columnId = (await ctx.content.item(item.id)).column_id;
  const first = await call(app, other, 'PUT', `/api/content/${item.id}`, {
    columnId,
    title: '同事的修改',
    baseVersion: 1,
  });
  assert.equal(first.statusCode, 200, first.body);
  const second = await call(app, tm.editor, 'PUT', `/api/content/${item.id}`, {
    columnId,
    title: '我的修改',
    baseVersion: 1,
  });
  assert.equal(second.statusCode, 409);
  assert.equal(second.json().error.code, 'CONTENT_VERSION_CONFLICT');
  assert.match(second.json().error.message, /测试zh_editor2已于 .* 保存了第 2 版，您是在第 1 版上修改的/);
  assert.equal((await ctx.content.item(item.id)).title, '同事的修改');
});

test(`the live check flags a bad ID number without submitting anything (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  const res = await call(app, tm.editor, 'POST', `/api/sites/${tm.siteId}/prepublish/check`, {
    title: '公示',
    bodyHtml: '<p>申请人身份证号110101199003077777，联系电话见附件。</p><img src="/files/1/a.png">',
  });
  assert.equal(res.statusCode, 200, res.body);
  const findings = res.json().findings as { check: string; message: string; field: string; severity: string }[];
  const id = findings.find((f) => f.check === 'id-number');
  assert.ok(id, JSON.stringify(findings));
  assert.match(id.message, /^疑似身份证号（校验位不符）/);
  assert.equal(id.field, 'body');
  assert.ok(
    findings.some((f) => f.severity === 'warn'),
    'warnings are shown too',
  );
  assert.equal((await ctx.db.selectFrom('review_requests').selectAll().execute()).length, 0);
  assert.equal(
    (await call(app, tm.reviewer, 'POST', `/api/sites/${tm.siteId}/prepublish/check`, { title: 'x' })).statusCode,
    403,
  );
});

test(`preview: signed, expiring, bound to the staff member, never cached, none for 涉密 (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  const item = await draftNews(app, ctx, tm, '草稿预览的标题');
  const link = await call(app, tm.editor, 'POST', `/api/content/${item.id}/preview-link`, {});
  assert.equal(link.statusCode, 200, link.body);
  const { url } = link.json() as { url: string };
  const page = await call(app, tm.editor, 'GET', url);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  assert.match(page.headers['cache-control'] as string, /no-store/);
  assert.match(page.body, /<h1[^>]*>草稿预览的标题<\/h1>/);
  assert.match(page.body, /<meta name="ArticleTitle" content="草稿预览的标题"/);
  assert.match(page.body, /<meta name="SiteIDCode"/);
  const care = await call(app, tm.editor, 'GET', `${url}?care=true`);
  assert.match(care.body, /care/);

  assert.equal((await call(app, null, 'GET', url)).statusCode, 401, 'no session, no preview');
  const reviewerUse = await call(app, tm.reviewer, 'GET', url);
  assert.equal(reviewerUse.statusCode, 403, 'a link is for the one it was made for');
  assert.equal((await call(app, tm.editor, 'GET', `${url.slice(0, -3)}abc`)).statusCode, 403, 'forged signature');
  // The reviewer of the department gets their own link; a reviewer of another department is not entitled.
  assert.equal((await call(app, tm.reviewer, 'POST', `/api/content/${item.id}/preview-link`, {})).statusCode, 200);
  assert.equal((await call(app, tm.otherReviewer, 'POST', `/api/content/${item.id}/preview-link`, {})).statusCode, 403);
  // Old versions too.
  assert.equal(
    (await call(app, tm.editor, 'POST', `/api/content/${item.id}/preview-link`, { version: 1 })).json().version,
    1,
  );

  // Expiry: 30 minutes.
  env.clock.advance(31 * 60_000);
  const editorAgain = await login(app, 'zh_editor');
  assert.equal((await call(app, editorAgain, 'GET', url)).statusCode, 403);

  // 涉密: no link at all.
  const tm2 = { ...tm, editor: editorAgain };
  const secret = await draftNews(app, ctx, tm2, '涉密的草稿');
  assert.equal((await submit(app, tm2, secret.id, '是')).statusCode, 200);
  const refused = await call(app, editorAgain, 'POST', `/api/content/${secret.id}/preview-link`, {});
  assert.equal(refused.statusCode, 403);
  // The editor may not even read a 涉密 body (need-to-know), let alone preview it.
  assert.match(refused.json().error.message, /涉密信息/);
});
