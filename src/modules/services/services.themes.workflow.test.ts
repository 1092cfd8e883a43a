// 一件事 from start to end: two items of two departments, each with its guide published through its own
// department's review, bundled into one theme; the public theme page lists the materials merged and deduplicated
// with the items each serves and one flow chart; the citizen fills one form (each material once) and the one
// application fans out to both departments, each receiving the shared material, and each department's officer
// sees only its own part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, columnByName, DIALECT, login, staff, testEnv } from '../../../test/helpers.ts';
import { registerCitizen } from '../../../test/citizens.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import {
  completeGuide,
  multipart,
  PDF,
  PNG,
  postForm,
  publishedItem,
  publishPolicy,
  serviceTeam,
  uploadFile,
} from './services-testing.ts';
import { emptyMaterial } from './guide.ts';

const SECOND = { code: '11320100MB0000002-QT-0003', name: '公共资源交易信用承诺备案' };

test(`一件事: merged materials, one flow chart, one application fanned out to two departments (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const team = await serviceTeam(app, ctx);
  const base = `/api/sites/${team.siteId}/services`;
  const policy = await publishPolicy(app, ctx, team, '南江市公共资源交易管理办法');
  const firstId = await publishedItem(app, ctx, team, policy);

  // 法规处 keeps the second item: its editor has the 办事指南 column, its reviewer and leader approve.
  const fg = await ctx.db.selectFrom('departments').select('id').where('name', '=', '法规处').executeTakeFirstOrThrow();
  const fgEditorId = (await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'fg_editor')
    .executeTakeFirst())!.id;
  const fgView = await ctx.users.get(fgEditorId);
  await ctx.users.update(SYSTEM_ACTOR, fgEditorId, {
    displayName: fgView.displayName,
    departmentId: fgView.departmentId,
    email: null,
    roles: [{ role: 'editor', siteId: team.siteId }],
    columnGrantIds: [(await columnByName(ctx, '办事指南')).id],
  });
  await staff(ctx, 'fg_officer', ['service_officer'], '法规处', team.siteId);
  const fgEditor = await login(app, 'fg_editor');
  const created = await call(app, fgEditor, 'POST', `${base}/items`, {
    ...SECOND,
    type: '其他行政权力',
    audiences: ['法人'],
    theme: '公共资源交易',
    events: ['参与公共资源交易'],
    keywords: ['信用承诺'],
    departmentId: fg.id,
  });
  assert.equal(created.statusCode, 200, created.body);
  const secondId = created.json().id as number;
  const editorTeam = { ...team, editor: fgEditor };
  const blank = await uploadFile(app, editorTeam, '信用承诺书.pdf', PDF);
  const sample = await uploadFile(app, editorTeam, '信用承诺书（样表）.pdf', PDF);
  const guide = completeGuide(SECOND.name, policy, blank, sample);
  guide.materials = [
    { ...guide.materials[0]!, name: '公共资源交易信用承诺书' },
    guide.materials[1]!, // 法定代表人身份证: also a material of the first item
    {
      ...emptyMaterial('营业执照'),
      form: '复印件',
      medium: '纸质或电子',
      copies: 1,
      source: '政府部门核发',
      required: false,
    },
  ];
  guide.organ = '南江市政务服务管理办公室（法规处）';
  const saved = await call(app, fgEditor, 'PUT', `${base}/items/${secondId}/guide`, guide);
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json().findings, []);
  const sub = await call(app, fgEditor, 'POST', `${base}/items/${secondId}/guide/submit`, { secret: '否' });
  assert.equal(sub.statusCode, 200, sub.body);
  for (const who of ['fg_reviewer', 'fg_leader']) {
    const decided = await call(app, await login(app, who), 'POST', `/api/review/${sub.json().requestId}/decide`, {
      decision: '同意',
      opinion: '',
    });
    assert.equal(decided.statusCode, 200, decided.body);
  }

  // The theme bundles both, with one flow; published, its page shows the materials merged.
  const theme = await call(app, team.admin, 'POST', `${base}/themes`, {
    slug: 'jyrc',
    name: '公共资源交易入场一件事',
    audience: '法人',
    description: '交易主体注册和信用承诺备案一次申请、并联办理。',
    itemIds: [firstId, secondId],
    flow: [
      { title: '一次申请', detail: '一张表单，材料只交一次', itemIds: [] },
      { title: '并联办理', detail: '两个部门同时办理', itemIds: [firstId, secondId] },
      { title: '统一告知', detail: '办结结果短信通知', itemIds: [] },
    ],
    keywords: ['入场交易'],
  });
  assert.equal(theme.statusCode, 200, theme.body);
  const themeId = theme.json().id as number;
  assert.equal((await call(app, team.admin, 'POST', `${base}/themes/${themeId}/publish`)).statusCode, 200);
  const page = await app.inject({ method: 'GET', url: '/bsfw/yjs/jyrc.html' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /办理材料（已合并去重）/);
  const materials = page.body.slice(page.body.indexOf('id="t-materials"'), page.body.indexOf('svc-actions'));
  assert.equal(materials.split('法定代表人身份证').length - 1, 1, 'the shared material is listed once');
  assert.match(materials, /公共资源交易主体注册、公共资源交易信用承诺备案/, 'with both items it serves');
  for (const name of ['公共资源交易主体注册申请表', '公共资源交易信用承诺书', '营业执照', '授权委托书'])
    assert.ok(materials.includes(name), name);
  assert.match(page.body, /公共资源交易入场一件事流程图/);
  assert.match(page.body, new RegExp(`href="/user/bsfw/yjs/${themeId}"`));

  // One form, each material once; one submission becomes an application at each department.
  const citizen = await registerCitizen(app, ctx, { displayName: '南江某某建设有限公司' });
  const form = await app.inject({
    method: 'GET',
    url: `/user/bsfw/yjs/${themeId}`,
    headers: { cookie: citizen.cookie },
  });
  assert.equal(form.statusCode, 200);
  assert.equal(form.body.split('name="material:法定代表人身份证"').length - 1, 1);
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1]!;
  const posted = await postForm(
    app,
    citizen,
    `/user/bsfw/yjs/${themeId}`,
    multipart(
      [
        ['_csrf', citizen.csrf],
        ['idempotencyKey', key],
        ['applicantName', '南江某某建设有限公司'],
        ['contact', '13912345678'],
      ],
      [
        { field: 'material:公共资源交易主体注册申请表', name: '注册申请表.pdf', bytes: PDF },
        { field: 'material:公共资源交易信用承诺书', name: '信用承诺书.pdf', bytes: PDF },
        { field: 'material:法定代表人身份证', name: '身份证.png', bytes: PNG },
      ],
    ),
  );
  assert.equal(posted.statusCode, 303, posted.body);
  const bundleNo = decodeURIComponent(/bundle=([^&]+)/.exec(String(posted.headers.location))![1]!);
  assert.match(bundleNo, /^YJS\d{12}$/);
  const apps = await ctx.db
    .selectFrom('service_applications')
    .innerJoin('departments', 'departments.id', 'service_applications.department_id')
    .select(['service_applications.id', 'service_applications.item_id', 'departments.name as department'])
    .orderBy('service_applications.item_id')
    .execute();
  assert.deepEqual(
    apps.map((a) => [a.item_id, a.department]),
    [
      [firstId, '政务服务中心'],
      [secondId, '法规处'],
    ],
  );
  for (const a of apps) {
    const files = await ctx.db
      .selectFrom('service_application_files')
      .select('material')
      .where('application_id', '=', a.id)
      .execute();
    assert.ok(
      files.some((f) => f.material === '法定代表人身份证'),
      `the shared material reaches application ${a.id}`,
    );
  }

  // Each department handles its own part and sees the bundle's number on it.
  for (const [officer, itemId] of [
    [team.officer, firstId],
    [await login(app, 'fg_officer'), secondId],
  ] as const) {
    const list = await call(app, officer, 'GET', `${base}/applications`);
    assert.equal(list.statusCode, 200, list.body);
    const mine = list.json().applications as { itemId: number; bundleReceiptNo: string | null }[];
    assert.deepEqual(
      mine.map((a) => [a.itemId, a.bundleReceiptNo]),
      [[itemId, bundleNo]],
    );
  }
});
