import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, mainSiteId, DIALECT } from '../../../test/helpers.ts';
import { identityProblems } from './site-identity.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { SitesService } from './sites.service.ts';

test('site identity formats: 网站标识码, ICP and 公安 filing numbers, domains', () => {
  assert.deepEqual(identityProblems(DEMO_SITE), {});
  assert.deepEqual(identityProblems({ ...DEMO_SITE, siteIdCode: 'bm17000009' }), {});
  const bad = identityProblems({
    ...DEMO_SITE,
    siteIdCode: '12345',
    icpNumber: 'ICP备123号',
    policeNumber: '苏公网安备 123号',
    domains: ['http://zwb.example.gov.cn/'],
    email: 'not-mail',
    phone: 'call us',
  });
  assert.deepEqual(Object.keys(bad).sort(), ['domains', 'email', 'icpNumber', 'phone', 'policeNumber', 'siteIdCode']);
  assert.match(bad.siteIdCode, /10 位数字/);
  assert.deepEqual(
    identityProblems({
      ...DEMO_SITE,
      icpNumber: '京ICP备05070218号',
      policeNumber: '京公网安备11010202000001号',
      domains: ['www.beijing.gov.cn', '北京市政府.政务'],
    }),
    {},
  );
});

test(`an administrator edits the site identity; malformed codes are refused and change nothing (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await staff(ctx, 'sys1', ['sys_admin']);
  const s = await login(app, 'sys1');
  const id = await mainSiteId(ctx);
  const current = (await call(app, s, 'GET', `/api/sites/${id}`)).json();
  const { id: _i, code: _c, parentId: _p, ...identity } = current;

  const bad = await call(app, s, 'PUT', `/api/sites/${id}`, {
    ...identity,
    name: '改了名字',
    siteIdCode: '329900000X',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'SITE_IDENTITY_INVALID');
  assert.ok(bad.json().error.details.fields.siteIdCode);
  assert.equal((await call(app, s, 'GET', `/api/sites/${id}`)).json().name, current.name, 'nothing changed');

  const missing = await call(app, s, 'PUT', `/api/sites/${id}`, { name: 'x' });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().error.code, 'VALIDATION_FAILED');
  assert.match(missing.json().error.message, /缺少必填项|长度不能少于/);

  const ok = await call(app, s, 'PUT', `/api/sites/${id}`, {
    ...identity,
    organizer: null,
    siteIdCode: '3299000002',
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().siteIdCode, '3299000002');
  assert.equal(ok.json().organizer, null);
});

test('a site administrator manages only their own site; editors cannot change it', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const id = await mainSiteId(ctx);
  const other = await ctx.sites.create(SYSTEM_ACTOR, {
    ...DEMO_SITE,
    code: 'zwfw',
    parentId: id,
    name: '南江市政务服务中心',
    siteIdCode: '3299000003',
    domains: ['zwfw.nanjiang.gov.cn'],
  });
  await staff(ctx, 'siteadm', ['site_admin'], undefined, other.id);
  await staff(ctx, 'ed1', ['editor'], '综合处');
  const current = await ctx.sites.get(id);
  const { id: _i, code: _c, parentId: _p, ...identity } = current;
  const adm = await login(app, 'siteadm');
  assert.equal((await call(app, adm, 'PUT', `/api/sites/${id}`, identity)).statusCode, 403);
  const own = await call(app, adm, 'PUT', `/api/sites/${other.id}`, {
    ...identity,
    name: '南江市政务服务中心网站',
    siteIdCode: '3299000003',
  });
  assert.equal(own.statusCode, 200);
  assert.deepEqual(
    (await call(app, adm, 'GET', '/api/sites')).json().items.map((x: { id: number }) => x.id),
    [other.id],
    'sees only its site',
  );
  const ed = await login(app, 'ed1');
  assert.equal((await call(app, ed, 'PUT', `/api/sites/${id}`, identity)).statusCode, 403);
});

test(`each node reads the sites at most once a second: its own change shows at once, another node's within a second (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { ctx } = env;
  const id = await mainSiteId(ctx);
  const otherNode = new SitesService(ctx.db, ctx.clock, ctx.audit);
  const nameOn = async (node: SitesService) => (await node.list()).find((s) => s.id === id)?.name;
  const before = await nameOn(otherNode);
  const { id: _i, code: _c, parentId: _p, ...identity } = await ctx.sites.get(id);
  await ctx.sites.update(SYSTEM_ACTOR, id, { ...identity, name: '南江市政务服务数据管理局' });
  assert.equal(await nameOn(ctx.sites), '南江市政务服务数据管理局', 'the changing node shows it at once');
  assert.equal(await nameOn(otherNode), before, 'the other node still answers from its last read');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.equal(await nameOn(otherNode), '南江市政务服务数据管理局', 'and reads again after a second');
  const list = await ctx.sites.list();
  assert.throws(() => {
    (list[0] as { name: string }).name = '改';
  }, 'the shared views cannot be changed by a caller');
});
