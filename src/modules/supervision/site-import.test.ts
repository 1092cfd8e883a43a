// Moving a site into the cluster: its sections are listed from a crawl, mapped to columns, and its content pages
// become draft items there (title, body, original date and address), to be reviewed like any publication.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnByName, login, mainSiteId, staff, testEnv } from '../../../test/helpers.ts';
import { serveSite } from '../../../test/fixtures/sites/serve.ts';

test('a site imported by crawl: sections mapped to columns become draft items', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { ctx, app } = env;
  const served = await serveSite('good');
  t.after(() => served.close());
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'admin1', ['site_admin'], '综合处', siteId);
  const preview = await ctx.supervision.imports.preview(`${served.origin}/`, 50);
  const news = preview.sections.find((s) => s.prefix === '/news/');
  assert.deepEqual(news, { prefix: '/news/', name: '政务动态', pages: 3 });
  const auth = await ctx.auth.authenticate((await login(app, 'admin1')).cookie.split('=')[1]);
  const column = await columnByName(ctx, '部门动态');
  const id = await ctx.supervision.imports.start(auth, {
    targetSiteId: siteId,
    sourceUrl: `${served.origin}/`,
    mapping: [{ prefix: '/news/', columnId: column.id }],
  });
  for (let i = 0; i < 200 && (await ctx.supervision.imports.get(id)).status === 'running'; i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const done = await ctx.supervision.imports.get(id);
  assert.equal(done.status, 'done', JSON.stringify(done.result));
  assert.deepEqual(done.result, { created: 3, skipped: [] });
  const items = await ctx.db.selectFrom('content_items').selectAll().where('column_id', '=', column.id).execute();
  assert.equal(items.length, 3);
  assert.ok(
    items.every((i) => i.status === 'draft'),
    'drafts, to go through the review',
  );
  const first = items.find((i) => i.title === '示例市召开2026年第四季度经济运行分析会');
  assert.ok(first);
  assert.match(first.body_html, /原发布日期：2026-11-25/);
  assert.doesNotMatch(first.body_html, /<script/);
});
