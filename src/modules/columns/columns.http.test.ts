import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, mainSiteId, columnByName, DIALECT } from '../../../test/helpers.ts';

const base = {
  fullName: null,
  columnType: '动态要闻',
  kind: 'list',
  description: '专项工作动态',
  keywords: '专项,动态',
  visible: true,
  leadDepartmentId: null,
  cooperatingDepartmentIds: [],
  openCooperation: false,
  maxUpdateDays: 14,
};

test(`administrators create, edit, move, hide and delete columns (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'sys1', ['sys_admin']);
  const s = await login(app, 'sys1');
  const siteId = await mainSiteId(ctx);
  const gzdt = await columnByName(ctx, '工作动态');

  const created = await call(app, s, 'POST', `/api/sites/${siteId}/columns`, {
    ...base,
    parentId: gzdt.id,
    name: '专项行动',
    slug: 'zxxd',
  });
  assert.equal(created.statusCode, 200, created.body);
  assert.equal(created.json().path, '/gzdt/zxxd/');
  assert.equal(created.json().marker, '*');
  const id = created.json().id;

  const dupSlug = await call(app, s, 'POST', `/api/sites/${siteId}/columns`, {
    ...base,
    parentId: gzdt.id,
    name: '重复',
    slug: 'zxxd',
  });
  assert.equal(dupSlug.json().error.code, 'SLUG_TAKEN');
  const badType = await call(app, s, 'POST', `/api/sites/${siteId}/columns`, {
    ...base,
    parentId: gzdt.id,
    name: '坏类型',
    slug: 'bad',
    columnType: '随便',
  });
  assert.equal(badType.json().error.code, 'VALIDATION_FAILED');
  assert.equal((await ctx.columns.tree(siteId)).flat.length, 59, 'refused inputs created nothing');

  const edited = await call(app, s, 'PUT', `/api/columns/${id}`, {
    ...base,
    name: '专项行动动态',
    slug: 'zxxd',
    visible: false,
    maxUpdateDays: 183,
  });
  assert.equal(edited.json().name, '专项行动动态');
  assert.equal(edited.json().visible, false);
  assert.equal(edited.json().marker, '★');

  // Move it first among 三服务's children.
  const sfw = await columnByName(ctx, '三服务');
  assert.equal((await call(app, s, 'POST', `/api/columns/${id}/move`, { parentId: sfw.id, index: 0 })).statusCode, 200);
  const moved = await columnByName(ctx, '三服务');
  assert.deepEqual(
    moved.children.map((c) => c.name),
    ['专项行动动态', '服务承诺', '服务动态'],
  );
  // Into its own subtree: refused.
  const cycle = await call(app, s, 'POST', `/api/columns/${sfw.id}/move`, { parentId: id, index: 0 });
  assert.equal(cycle.json().error.code, 'COLUMN_CYCLE');

  // A column with children cannot be deleted; an empty one can.
  assert.equal((await call(app, s, 'DELETE', `/api/columns/${sfw.id}`)).json().error.code, 'COLUMN_NOT_EMPTY');
  assert.equal((await call(app, s, 'DELETE', `/api/columns/${id}`)).statusCode, 200);
  assert.equal((await ctx.columns.tree(siteId)).flat.length, 58);
});

test('a column holding content cannot be deleted', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'sys1', ['sys_admin']);
  const s = await login(app, 'sys1');
  const bmjj = await columnByName(ctx, '部门简介');
  ctx.columns.setContentCounter(async () => new Map([[bmjj.id, 1]]));
  const r = await call(app, s, 'DELETE', `/api/columns/${bmjj.id}`);
  assert.equal(r.statusCode, 409);
  assert.equal(r.json().error.code, 'COLUMN_NOT_EMPTY');
  assert.equal(r.json().error.message, '栏目下还有子栏目或内容，不能删除');
});

test('editors may not change the column tree', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'ed1', ['editor'], '综合处');
  const s = await login(app, 'ed1');
  const bmjj = await columnByName(ctx, '部门简介');
  assert.equal((await call(app, s, 'DELETE', `/api/columns/${bmjj.id}`)).statusCode, 403);
  assert.equal(
    (await call(app, s, 'GET', `/api/sites/${await mainSiteId(ctx)}/columns`)).statusCode,
    200,
    'but they can read it',
  );
});
