// The 没有权限 page names who to ask: the roles that open the page, the system administrators (who grant
// roles) and the site administrator of the asker's site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, DIALECT, login, mainSiteId, staff, testEnv } from '../../../test/helpers.ts';

test(`没有权限: who to ask is named (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'zh_editor', ['editor'], '综合处', siteId);
  await staff(ctx, 'sys1', ['sys_admin']);
  await staff(ctx, 'siteadmin1', ['site_admin'], '综合处', siteId);
  const editor = await login(app, 'zh_editor');

  const res = await call(app, editor, 'GET', '/api/access-contacts?capability=column.manage');
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.deepEqual(body.roles, ['系统管理员', '站点管理员']);
  assert.deepEqual(body.contacts, [
    { name: '测试sys1', department: null, roleName: '系统管理员' },
    { name: '测试siteadmin1', department: '综合处', roleName: '站点管理员' },
  ]);

  const two = await call(app, editor, 'GET', '/api/access-contacts?capability=audit.read&capability=user.manage');
  assert.deepEqual(two.json().roles, ['审计管理员', '系统管理员']);
  const bad = await call(app, editor, 'GET', '/api/access-contacts?capability=nonsense');
  assert.equal(bad.statusCode, 400);
  assert.equal((await call(app, null, 'GET', '/api/access-contacts?capability=column.manage')).statusCode, 401);
});
