import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, mainSiteId, DIALECT } from '../../../test/helpers.ts';

test(`the demo site carries all 58 columns of 附件1 with their departments and cycles (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const tree = await env.ctx.columns.tree(await mainSiteId(env.ctx));
  assert.equal(tree.flat.length, 58);
  assert.deepEqual(
    tree.roots.map((c) => c.name),
    ['部门概况', '工作动态', '三服务', '党务公开', '公众调查', '政务公开'],
  );
  const deps = new Map((await env.ctx.departments.list(await mainSiteId(env.ctx))).map((d) => [d.id, d.name]));
  const col = (path: string) => {
    const found = tree.flat.find((c) => {
      const names: string[] = [];
      for (let n: typeof c | undefined = c; n; n = n.parentId === null ? undefined : tree.byId.get(n.parentId))
        names.unshift(n.name);
      return names.join('/') === path;
    });
    assert.ok(found, path);
    return {
      ...found,
      lead: found.leadDepartmentName,
      coop: found.cooperatingDepartmentIds.map((id) => deps.get(id)).sort(),
    };
  };
  const bmdt = col('工作动态/部门动态');
  assert.equal(bmdt.lead, '综合处');
  assert.deepEqual(bmdt.coop, ['组宣处']);
  assert.equal(bmdt.maxUpdateDays, 14);
  assert.equal(bmdt.marker, '*');
  const tzgg = col('工作动态/通知公告');
  assert.equal(tzgg.maxUpdateDays, 183);
  assert.equal(tzgg.openCooperation, true, '相关处室、事业单位 is open cooperation, not a department');
  assert.deepEqual(tzgg.coop, []);
  const zcfg = col('政务公开/决策公开/政策法规');
  assert.equal(zcfg.lead, '法规处');
  assert.deepEqual(zcfg.coop, ['交易管理处', '政务处', '监督检查处'].sort());
  assert.equal(zcfg.fullName, '政策法规（含国颁、省颁法规，市级、规范性文件）');
  assert.equal(zcfg.columnType, '政策文件');
  assert.equal(col('政务公开/回应关切/政策解读').lead, '政策法规处', '法规处 and 政策法规处 kept apart as written');
  assert.equal(col('政务公开/回应关切/政策解读').maxUpdateDays, 183);
  assert.equal(col('三服务/服务动态').maxUpdateDays, 14);
  assert.equal(col('党务公开/党建动态').lead, '直属机关党委');
  assert.deepEqual(col('党务公开/组织机构').coop, ['组宣处']);
  assert.equal(col('政务公开/管理公开/组织机构').lead, '组宣处');
  assert.equal(col('政务公开/服务公开/行政权力办事指南').lead, '政策法规处');
  assert.deepEqual(col('政务公开/结果公开/规划计划').coop, ['交易管理处', '政务处', '法规处', '监督检查处'].sort());
  assert.equal(col('部门概况/领导信息').columnType, '领导信息');
  assert.equal(col('部门概况/机构职能').kind, 'page');
  // Cycles: exactly three '*' (14 days) and four '★' (183 days) columns, no others.
  assert.equal(tree.flat.filter((c) => c.maxUpdateDays === 14).length, 3);
  assert.equal(tree.flat.filter((c) => c.maxUpdateDays === 183).length, 4);
  assert.equal(tree.flat.filter((c) => c.maxUpdateDays !== null).length, 7);
  // Paths are unique, so every column has its own public address.
  assert.equal(new Set(tree.flat.map((c) => c.path)).size, 58);
});
