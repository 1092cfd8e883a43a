// 留言办理设置 over HTTP, as the console's page uses it: a routing rule for any type of message (sent as null),
// a rule without keywords refused, and time limits beyond the rules refused with nothing changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, DIALECT, login, mainSiteId, staff, testEnv } from '../../../test/helpers.ts';

test(`routing rules and time limits of the message board (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'wzgl', ['site_admin'], '综合处', siteId);
  const admin = await login(app, 'wzgl');
  const departmentId = (await ctx.departments.list(siteId)).find((d) => d.name === '政务处')!.id;
  const base = `/api/sites/${siteId}/interaction`;

  const any = await call(app, admin, 'POST', `${base}/routes`, {
    category: null,
    keywords: ['公积金', ' 住房公积金 '],
    departmentId,
  });
  assert.equal(any.statusCode, 200, any.body);
  const rule = (any.json() as { category: string | null; keywords: string[]; departmentName: string }[]).find((r) =>
    r.keywords.includes('公积金'),
  );
  assert.deepEqual(rule && { ...rule, id: 0 }, {
    id: 0,
    category: null,
    keywords: ['公积金', '住房公积金'],
    departmentId,
    departmentName: '政务处',
    sort: 0,
    enabled: true,
  });

  const empty = await call(app, admin, 'POST', `${base}/routes`, { category: '咨询', keywords: [' '], departmentId });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.json().error.message, /关键词/);

  const before = (await call(app, admin, 'GET', `${base}/policy`)).json();
  const tooLong = structuredClone(before);
  tooLong.categories.投诉.replyLimitDays = 8;
  const refused = await call(app, admin, 'PUT', `${base}/policy`, tooLong);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().error.message, /办理时限设置有误/);
  assert.deepEqual((await call(app, admin, 'GET', `${base}/policy`)).json(), before, 'nothing changed');
});
