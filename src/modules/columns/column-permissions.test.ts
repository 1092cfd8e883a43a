import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, columnByName, mainSiteId } from '../../../test/helpers.ts';
import { canWriteColumn } from './column-permissions.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';

test('附件1 decides where an editor may write', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { ctx } = env;
  const editor = await staff(ctx, 'zxeditor', ['editor'], '组宣处');
  const grants = await ctx.users.columnGrantsOf(editor.id);
  const writer = {
    departmentId: editor.departmentId,
    grants: editor.roles.map((r) => ({ role: r.role as 'editor', siteId: r.siteId })),
    grantedColumnIds: grants,
  };
  // 组宣处 leads 领导信息 and 机构职能, cooperates on 部门动态; 综合处 leads 部门简介.
  assert.equal(canWriteColumn(writer, await columnByName(ctx, '领导信息')), true);
  assert.equal(canWriteColumn(writer, await columnByName(ctx, '机构职能')), true);
  assert.equal(canWriteColumn(writer, await columnByName(ctx, '部门动态')), true, 'cooperating department');
  assert.equal(canWriteColumn(writer, await columnByName(ctx, '部门简介')), false);
  assert.equal(canWriteColumn(writer, await columnByName(ctx, '通知公告')), false, '相关处室 needs an explicit grant');

  // An administrator grants 通知公告 (配合部门 “相关处室、事业单位”).
  const tzgg = await columnByName(ctx, '通知公告');
  await ctx.users.update(SYSTEM_ACTOR, editor.id, {
    displayName: editor.displayName,
    departmentId: editor.departmentId,
    email: null,
    roles: [{ role: 'editor', siteId: null }],
    columnGrantIds: [tzgg.id],
  });
  assert.equal(canWriteColumn({ ...writer, grantedColumnIds: await ctx.users.columnGrantsOf(editor.id) }, tzgg), true);

  // A reviewer of the same department is not an editor.
  assert.equal(
    canWriteColumn({ ...writer, grants: [{ role: 'reviewer', siteId: null }] }, await columnByName(ctx, '领导信息')),
    false,
  );
  // A site administrator writes anywhere on their site, but not on another site.
  const siteId = await mainSiteId(ctx);
  assert.equal(
    canWriteColumn(
      { departmentId: null, grants: [{ role: 'site_admin', siteId }], grantedColumnIds: [] },
      await columnByName(ctx, '部门简介'),
    ),
    true,
  );
  assert.equal(
    canWriteColumn(
      { departmentId: null, grants: [{ role: 'site_admin', siteId: siteId + 1 }], grantedColumnIds: [] },
      await columnByName(ctx, '部门简介'),
    ),
    false,
  );
});

test('merging 法规处 into 政策法规处 moves its columns and keeps the old name as an alias', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { ctx } = env;
  const siteId = await mainSiteId(ctx);
  const deps = await ctx.departments.list(siteId);
  const fagui = deps.find((d) => d.name === '法规处')!;
  const zcfgc = deps.find((d) => d.name === '政策法规处')!;
  const merged = await ctx.departments.merge(SYSTEM_ACTOR, fagui.id, zcfgc.id);
  assert.ok(merged.aliases.includes('法规处'));
  assert.equal((await columnByName(ctx, '政策法规')).leadDepartmentId, zcfgc.id);
  assert.ok((await columnByName(ctx, '党内法规')).cooperatingDepartmentIds.includes(zcfgc.id));
  assert.ok(!(await columnByName(ctx, '规划计划')).cooperatingDepartmentIds.includes(fagui.id));
  await assert.rejects(ctx.departments.merge(SYSTEM_ACTOR, fagui.id, zcfgc.id), /已被合并/);
});
