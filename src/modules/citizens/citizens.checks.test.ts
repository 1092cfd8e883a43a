// The inspection engine's internal checks of the public account, on both dialects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, mainSiteId, testEnv } from '../../../test/helpers.ts';

test(`统一登录, 一号登录, 在线申请 (registration) and 用户空间 measured from the facts (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { ctx } = env;
  const siteId = await mainSiteId(ctx);
  // The sections the installed modules register are turned back into placeholders, to see placeholders alone.
  for (const section of ctx.citizens.userSpace.list())
    ctx.citizens.userSpace.register({ ...section, placeholder: true });
  const run = async () =>
    ctx.inspection.internalChecks.run({
      db: ctx.db,
      siteId,
      now: ctx.clock.now(),
      seed: 1,
      columns: ctx.columns,
      duty: ctx.duty,
      url: (p) => new URL(p, 'https://zwb.nanjiang.gov.cn').toString(),
    });
  const byId = async () => new Map((await run()).map((r) => [r.indicatorId, r]));

  let results = await byId();
  assert.deepEqual(results.get('deduct.unified-login'), {
    indicatorId: 'deduct.unified-login',
    status: 'measured',
    findings: [],
  });
  assert.deepEqual(results.get('deduct.single-sign-on')?.status, 'measured');
  // 在线申请 is also judged by the services module (whether registered users can apply); the account's part is ours.
  const online = (await run()).find(
    (r) => r.indicatorId === 'deduct.online-application' && r.status === 'untested' && /外地手机号码/.test(r.reason),
  );
  assert.match(online?.status === 'untested' ? online.reason : '', /外地手机号码注册、登录探测通过/);
  assert.equal(
    await ctx.db.selectFrom('citizens').select('id').executeTakeFirst(),
    undefined,
    'the probe left nothing',
  );
  const space = results.get('bonus.user-space')!;
  assert.deepEqual(space.status === 'measured' ? space.findings : null, [], 'placeholders alone earn no bonus');

  // A feature with its own login costs both indicators; a real section earns the bonus.
  ctx.citizens.registerFeature({ id: 'legacy', name: '旧版留言板', path: '/hdjl/lyb/', usesPublicAccount: false });
  ctx.citizens.userSpace.register({
    id: 'messages',
    title: '我的留言',
    order: 10,
    emptyText: '无',
    load: async () => [],
  });
  results = await byId();
  const unified = results.get('deduct.unified-login')!;
  assert.equal(
    unified.status === 'measured' ? unified.findings[0].message : '',
    '“旧版留言板”使用单独的注册登录，未纳入统一公众账号',
  );
  const sso = results.get('deduct.single-sign-on')!;
  assert.equal(sso.status === 'measured' ? sso.findings.length : -1, 1);
  const bonus = results.get('bonus.user-space')!;
  assert.equal(bonus.status === 'measured' ? bonus.findings[0].points : 0, 2);
});
