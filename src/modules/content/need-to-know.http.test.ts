// Need-to-know for drafts and 涉密 items, and column rights on every content action: a draft is seen by its
// department (and the reviewers and leaders on its path), the 保密审查员 once it is sent to them, nobody else; a
// 涉密 item's body only by its department's 分管领导 and the 保密审查员; draft files likewise, `private, no-store`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, DIALECT, type Session } from '../../../test/helpers.ts';
import { team, draftNews, submit, decide } from '../../../test/workflow.ts';
import { uploadFile } from '../portal/attachment-testing.ts';
import type { App } from '../../platform/http.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const status = async (app: App, who: Session | null, url: string) => (await call(app, who, 'GET', url)).statusCode;

test(`drafts and their files are seen on a need-to-know basis only (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  await staff(ctx, 'zx_editor', ['editor'], '组宣处'); // cooperates on 部门动态: may write there, not read 综合处's drafts
  await staff(ctx, 'zwfw_editor', ['editor'], '政务服务中心');
  await staff(ctx, 'zwfw_admin', ['site_admin'], '政务服务中心');
  await staff(ctx, 'sys1', ['sys_admin']);
  await staff(ctx, 'sec1', ['sec_admin']);
  await staff(ctx, 'aud1', ['audit_admin']);
  const [coop, other, siteAdmin, sys, sec, aud] = await Promise.all(
    ['zx_editor', 'zwfw_editor', 'zwfw_admin', 'sys1', 'sec1', 'aud1'].map((u) => login(app, u)),
  );
  const file = await uploadFile(app, tm.editor, tm.siteId, '内部示意图.png', 'image/png', PNG);
  const item = await draftNews(app, ctx, tm, '尚未公开的工作安排', {
    bodyHtml: `<p>内部安排</p><img src="${file.url}" alt="示意图">`,
  });
  const url = `/api/content/${item.id}`;

  for (const who of [tm.editor, tm.reviewer, tm.leader]) assert.equal(await status(app, who, url), 200);
  for (const who of [coop, other, siteAdmin, tm.otherReviewer, tm.secrecy, sys, sec, aud]) {
    assert.equal(await status(app, who, url), 403);
    assert.equal(await status(app, who, `${url}/versions`), 403);
  }
  // The list of another department does not even show the title.
  const listed = (await call(app, coop, 'GET', `/api/sites/${tm.siteId}/content?pageSize=100`)).json();
  assert.ok(!listed.items.some((i: { id: number }) => i.id === item.id));
  const mine = (await call(app, tm.reviewer, 'GET', `/api/sites/${tm.siteId}/content?pageSize=100`)).json();
  assert.ok(mine.items.some((i: { id: number }) => i.id === item.id));

  // The draft's file: private, no-store, to those who may read the draft; never to the three administrators.
  const get = (who: Session | null) => app.inject({ url: file.url, headers: who ? { cookie: who.cookie } : {} });
  const own = await get(tm.editor);
  assert.equal(own.statusCode, 200);
  assert.equal(own.headers['cache-control'], 'private, no-store');
  assert.equal((await get(tm.leader)).statusCode, 200);
  for (const who of [null, coop, other, siteAdmin, sys, sec, aud]) assert.equal((await get(who)).statusCode, 404);

  // Sent to the 保密审查员 (不明确): now they may read it.
  assert.equal((await submit(app, tm, item.id, '不明确')).statusCode, 200);
  assert.equal(await status(app, tm.secrecy, url), 200);
  assert.equal((await get(tm.secrecy)).statusCode, 200);
});

test(`a 涉密 item's body only to its department's leadership and the 保密审查员 (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  const file = await uploadFile(app, tm.editor, tm.siteId, '涉密附图.png', 'image/png', PNG);
  const item = await draftNews(app, ctx, tm, '涉及工作秘密的材料', {
    bodyHtml: `<p>工作秘密</p><img src="${file.url}" alt="附图">`,
  });
  const sub = (await submit(app, tm, item.id)).json();
  await decide(app, tm.reviewer, sub.id, '不明确', '提请保密审查');
  assert.equal((await decide(app, tm.secrecy, sub.id, '不同意', '工作秘密', { secret: '是' })).json().state, 'closed');
  const url = `/api/content/${item.id}`;
  for (const who of [tm.leader, tm.secrecy]) {
    assert.equal(await status(app, who, url), 200);
    assert.equal(await status(app, who, `${url}/diff?from=1&to=1`), 200);
  }
  for (const who of [tm.editor, tm.reviewer]) {
    const refused = await call(app, who, 'GET', url);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().error.message, /涉密/);
    assert.equal(await status(app, who, `${url}/versions`), 403);
    assert.equal((await app.inject({ url: file.url, headers: { cookie: who.cookie } })).statusCode, 404);
  }
  assert.equal((await app.inject({ url: file.url, headers: { cookie: tm.leader.cookie } })).statusCode, 200);
  // Still listed (title and state) for the department, so the 承办人 knows where it went.
  const listed = (await call(app, tm.editor, 'GET', `/api/sites/${tm.siteId}/content?pageSize=100`)).json();
  assert.equal(listed.items.find((i: { id: number }) => i.id === item.id)?.status, 'classified');
});

test(`scheduling and withdrawing follow the column's write rule (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  await staff(ctx, 'zwfw_editor', ['editor'], '政务服务中心');
  const other = await login(app, 'zwfw_editor');
  const item = await draftNews(app, ctx, tm);
  const when = new Date(ctx.clock.now().getTime() + 7 * 86_400_000).toISOString();
  const refused = await call(app, other, 'POST', `/api/content/${item.id}/schedule`, { withdrawAt: when });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().error.message, '您没有修改此信息的权限');
  const row = await ctx.db
    .selectFrom('content_items')
    .select(['publish_at', 'withdraw_at'])
    .where('id', '=', item.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { publish_at: null, withdraw_at: null }, 'nothing changed');
  const allowed = await call(app, tm.editor, 'POST', `/api/content/${item.id}/schedule`, { withdrawAt: when });
  assert.equal(allowed.statusCode, 200, allowed.body);
});
