// The services API: who may call what (role × route), clear refusals that change nothing, the completeness gate
// refusing a submission, and the catalogue's Excel round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { call, DIALECT, login, mainSiteId, staff, testEnv, type Session } from '../../../test/helpers.ts';
import type { App } from '../../platform/http.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { completeGuide, ITEM, PDF, publishedItem, serviceTeam, uploadFile } from './services-testing.ts';
import { CATALOGUE_COLUMNS } from './catalogue-xlsx.ts';

const item = (departmentId: number, code: string, extra: Record<string, unknown> = {}) => ({
  code,
  name: `测试事项${code}`,
  type: '公共服务',
  audiences: ['自然人'],
  theme: '其他',
  departmentId,
  events: ['办事'],
  keywords: ['测试'],
  ...extra,
});

test(`role × route: each capability opens exactly its routes (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const siteId = await mainSiteId(ctx);
  const base = `/api/sites/${siteId}/services`;
  const roles: Role[] = [
    'sys_admin',
    'site_admin',
    'editor',
    'reviewer',
    'leader',
    'service_officer',
    'inspector',
    'secrecy_reviewer',
  ];
  const sessions = new Map<Role, Session>();
  for (const role of roles) {
    await staff(ctx, `r_${role}`, [role], '政务服务中心', role === 'sys_admin' ? null : siteId);
    sessions.set(role, await login(app, `r_${role}`));
  }
  const routes: [string, string, unknown, Role[]][] = [
    ['GET', `${base}/items`, undefined, ['site_admin', 'editor', 'reviewer', 'leader', 'service_officer']],
    ['GET', `${base}/dashboard`, undefined, ['site_admin', 'editor', 'reviewer', 'leader', 'service_officer']],
    ['GET', `${base}/stats`, undefined, ['site_admin', 'editor', 'reviewer', 'leader', 'service_officer']],
    ['GET', `${base}/contacts`, undefined, ['site_admin', 'editor', 'reviewer', 'leader', 'service_officer']],
    ['GET', `${base}/applications`, undefined, ['site_admin', 'leader', 'service_officer']],
    ['GET', `${base}/ratings`, undefined, ['site_admin', 'leader', 'service_officer']],
    ['GET', `${base}/rectifications`, undefined, ['site_admin', 'leader', 'service_officer']],
    ['PUT', `${base}/vague-words`, { words: ['其他材料'] }, ['site_admin', 'editor']],
    ['POST', `${base}/stats/refresh`, undefined, ['site_admin', 'editor']],
  ];
  for (const [method, url, body, allowed] of routes)
    for (const role of roles) {
      const res = await call(app, sessions.get(role)!, method, url, body);
      if (allowed.includes(role)) assert.equal(res.statusCode, 200, `${role} ${method} ${url}: ${res.body}`);
      else assert.equal(res.statusCode, 403, `${role} ${method} ${url} is refused`);
    }
  // Writing items: an editor for their own department, the site administrator for any; 一件事 only the latter.
  const dept = (await ctx.departments.list(siteId)).find((d) => d.name === '政务服务中心')!.id;
  const other = (await ctx.departments.list(siteId)).find((d) => d.name === '综合处')!.id;
  assert.equal(
    (await call(app, sessions.get('editor')!, 'POST', `${base}/items`, item(dept, 'T-0001'))).statusCode,
    200,
  );
  const foreign = await call(app, sessions.get('editor')!, 'POST', `${base}/items`, item(other, 'T-0002'));
  assert.equal(foreign.json().error.code, 'SERVICE_NOT_YOUR_DEPARTMENT');
  assert.equal(
    (await call(app, sessions.get('site_admin')!, 'POST', `${base}/items`, item(other, 'T-0002'))).statusCode,
    200,
  );
  for (const role of ['reviewer', 'leader', 'service_officer', 'inspector'] as Role[])
    assert.equal(
      (await call(app, sessions.get(role)!, 'POST', `${base}/items`, item(dept, `T-9-${role}`))).statusCode,
      403,
      role,
    );
  const ids = (await call(app, sessions.get('site_admin')!, 'GET', `${base}/items`))
    .json()
    .items.map((i: { id: number }) => i.id);
  const theme = {
    slug: 'test',
    name: '测试一件事',
    audience: '法人',
    description: '',
    itemIds: ids,
    flow: [{ title: '申请', detail: '', itemIds: [] }],
    keywords: [],
  };
  assert.equal((await call(app, sessions.get('editor')!, 'POST', `${base}/themes`, theme)).statusCode, 403);
  assert.equal((await call(app, sessions.get('site_admin')!, 'POST', `${base}/themes`, theme)).statusCode, 200);
  // Another site's staff see nothing of this site.
  const count = async () => (await ctx.db.selectFrom('service_items').select('id').execute()).length;
  assert.equal(await count(), 2);
});

test(`bad input gets a clear Chinese error and changes nothing (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const team = await serviceTeam(app, ctx);
  const base = `/api/sites/${team.siteId}/services`;
  const bad = await call(app, team.editor, 'POST', `${base}/items`, item(team.departmentId, '编码/1'));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /事项编码/);
  assert.equal(
    (await call(app, team.editor, 'POST', `${base}/items`, item(team.departmentId, 'A-0001'))).statusCode,
    200,
  );
  const dup = await call(app, team.editor, 'POST', `${base}/items`, item(team.departmentId, 'A-0001'));
  assert.equal(dup.json().error.code, 'SERVICE_ITEM_CODE_TAKEN');
  assert.equal(
    (await call(app, team.editor, 'POST', `${base}/items`, item(999999, 'A-0002'))).json().error.code,
    'SERVICE_DEPARTMENT_INVALID',
  );
  const phone = await call(app, team.editor, 'PUT', `${base}/contacts/${team.departmentId}`, {
    consult: ['86601007'],
    complaint: [],
  });
  assert.equal(phone.json().error.code, 'SERVICE_PHONE_INVALID');
  assert.equal((await ctx.db.selectFrom('service_items').select('id').execute()).length, 1);
  assert.equal((await ctx.db.selectFrom('service_department_contacts').select('department_id').execute()).length, 0);

  // A guide with gaps is saved (work in progress) but cannot be submitted: the findings come back, nothing goes to review.
  const [itemRow] = (await call(app, team.editor, 'GET', `${base}/items`)).json().items;
  const blank = await uploadFile(app, team, '申请表.pdf', PDF);
  const guide = completeGuide(itemRow.name, 0, blank, blank);
  guide.basis = [{ title: '某办法', articles: '', documentId: null }];
  guide.hours = '';
  const saved = await call(app, team.editor, 'PUT', `${base}/items/${itemRow.id}/guide`, guide);
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(
    saved.json().findings.map((f: { code: string }) => f.code),
    ['element-missing', 'basis-name-only'],
  );
  const submit = await call(app, team.editor, 'POST', `${base}/items/${itemRow.id}/guide/submit`, { secret: '否' });
  assert.equal(submit.statusCode, 422);
  assert.equal(submit.json().error.code, 'SERVICE_GUIDE_INCOMPLETE');
  assert.equal(submit.json().error.details.findings.length, 2);
  assert.equal((await ctx.db.selectFrom('review_requests').select('id').execute()).length, 0);
  // Linking a document that is not in the site's policy library is refused.
  guide.basis = [{ title: '某办法', articles: '', documentId: 987654 }];
  assert.equal(
    (await call(app, team.editor, 'PUT', `${base}/items/${itemRow.id}/guide`, guide)).json().error.code,
    'SERVICE_POLICY_INVALID',
  );
});

async function exportRows(app: App, s: Session, siteId: number): Promise<string[][]> {
  const res = await call(app, s, 'GET', `/api/sites/${siteId}/services/catalogue.xlsx`);
  assert.equal(res.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => {
    rows.push(CATALOGUE_COLUMNS.map((_, i) => String(row.getCell(i + 1).value ?? '')));
  });
  return rows;
}

async function importBook(app: App, s: Session, siteId: number, bytes: Buffer) {
  const boundary = '----xlsx';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="目录.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/sites/${siteId}/services/catalogue/import`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

test(`the catalogue's Excel round trip: export, import into a fresh installation, export again — the same rows (${DIALECT})`, async (t) => {
  const a = await testEnv();
  t.after(() => a.close());
  const team = await serviceTeam(a.app, a.ctx);
  await publishedItem(a.app, a.ctx, team);
  const base = `/api/sites/${team.siteId}/services`;
  const zh = (await a.ctx.departments.list(team.siteId)).find((d) => d.name === '综合处')!.id;
  for (const [code, extra] of [
    [
      'B-0001',
      {
        type: '行政许可',
        audiences: ['法人', '自然人'],
        theme: '企业开办',
        departmentId: zh,
        keywords: ['营业执照', '开公司'],
      },
    ],
    ['B-0002', { type: '中介服务', audiences: ['法人'], theme: '投资审批', events: [], keywords: [] }],
  ] as const)
    assert.equal(
      (await call(a.app, team.admin, 'POST', `${base}/items`, item(team.departmentId, code, extra))).statusCode,
      200,
    );
  const b2 = (await call(a.app, team.admin, 'GET', `${base}/items`))
    .json()
    .items.find((i: { code: string }) => i.code === 'B-0002');
  await call(a.app, team.admin, 'POST', `${base}/items/${b2.id}/withdraw`, { reason: '事项调整' });
  const first = await exportRows(a.app, team.admin, team.siteId);
  assert.deepEqual(first[0], [...CATALOGUE_COLUMNS]);
  assert.equal(first.length, 4);
  assert.ok(first.some((r) => r[0] === ITEM.code && r[3] === '法人、自然人'));

  // Importing the export into the same site changes nothing.
  const bytes = (await call(a.app, team.admin, 'GET', `${base}/catalogue.xlsx`)).rawPayload;
  assert.deepEqual((await importBook(a.app, team.admin, team.siteId, bytes)).json(), {
    created: 0,
    updated: 0,
    unchanged: 3,
  });

  const b = await testEnv();
  t.after(() => b.close());
  const siteB = await mainSiteId(b.ctx);
  await staff(b.ctx, 'b_admin', ['site_admin'], undefined, siteB);
  const adminB = await login(b.app, 'b_admin');
  const imported = await importBook(b.app, adminB, siteB, bytes);
  assert.deepEqual(imported.json(), { created: 3, updated: 0, unchanged: 0 });
  assert.deepEqual(await exportRows(b.app, adminB, siteB), first);

  // A wrong row: nothing is imported, and every problem is named by its row.
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  book.worksheets[0].getRow(2).getCell(3).value = '行政审核';
  book.worksheets[0].getRow(3).getCell(6).value = '不存在的处';
  book.worksheets[0].getRow(3).getCell(2).value = '改了名字';
  const broken = await importBook(b.app, adminB, siteB, Buffer.from(await book.xlsx.writeBuffer()));
  assert.equal(broken.statusCode, 400);
  assert.match(broken.json().error.message, /第 2 行事项类型“行政审核”.*第 3 行实施部门“不存在的处”/);
  assert.deepEqual(await exportRows(b.app, adminB, siteB), first);
});
