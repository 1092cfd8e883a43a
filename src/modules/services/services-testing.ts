// Test fixtures of online services: a department's staff (editor with a grant on the 办事指南 column, reviewer,
// leader, window officer), a published policy document for the guides to link, an item with a complete guide
// published through the release review, and small files that pass the upload checks.
import assert from 'node:assert/strict';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import type { CitizenSession } from '../../../test/citizens.ts';
import { call, columnByName, login, mainSiteId, staff, type Session } from '../../../test/helpers.ts';
import type { GuideData } from './guide.ts';
import { emptyMaterial } from './guide.ts';

/** A minimal valid PDF (the upload checks decide the type from the bytes). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface ServiceTeam {
  siteId: number;
  departmentId: number;
  admin: Session;
  editor: Session;
  reviewer: Session;
  leader: Session;
  officer: Session;
  policyEditor: Session;
  policyReviewer: Session;
  policyLeader: Session;
}

async function departmentId(ctx: AppContext, name: string): Promise<number> {
  return (await ctx.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** 政务服务中心's staff for services, 法规处's staff for the policy library, and a site administrator. */
export async function serviceTeam(app: App, ctx: AppContext): Promise<ServiceTeam> {
  const siteId = await mainSiteId(ctx);
  const guideColumn = await columnByName(ctx, '办事指南');
  const editor = await staff(ctx, 'svc_editor', ['editor'], '政务服务中心', siteId);
  const view = await ctx.users.get(editor.id);
  await ctx.users.update(SYSTEM_ACTOR, editor.id, {
    displayName: view.displayName,
    departmentId: view.departmentId,
    email: null,
    roles: [{ role: 'editor', siteId }],
    columnGrantIds: [guideColumn.id],
  });
  await staff(ctx, 'svc_reviewer', ['reviewer'], '政务服务中心', siteId);
  await staff(ctx, 'svc_leader', ['leader'], '政务服务中心', siteId);
  await staff(ctx, 'svc_officer', ['service_officer'], '政务服务中心', siteId);
  await staff(ctx, 'svc_admin', ['site_admin'], undefined, siteId);
  await staff(ctx, 'fg_editor', ['editor'], '法规处', siteId);
  await staff(ctx, 'fg_reviewer', ['reviewer'], '法规处', siteId);
  await staff(ctx, 'fg_leader', ['leader'], '法规处', siteId);
  return {
    siteId,
    departmentId: await departmentId(ctx, '政务服务中心'),
    admin: await login(app, 'svc_admin'),
    editor: await login(app, 'svc_editor'),
    reviewer: await login(app, 'svc_reviewer'),
    leader: await login(app, 'svc_leader'),
    officer: await login(app, 'svc_officer'),
    policyEditor: await login(app, 'fg_editor'),
    policyReviewer: await login(app, 'fg_reviewer'),
    policyLeader: await login(app, 'fg_leader'),
  };
}

/** Publishes a content item through both review steps. */
export async function approve(app: App, t: ServiceTeam, requestId: number, who: 'guide' | 'policy' = 'guide') {
  const [reviewer, leader] = who === 'guide' ? [t.reviewer, t.leader] : [t.policyReviewer, t.policyLeader];
  const dept = await call(app, reviewer, 'POST', `/api/review/${requestId}/decide`, { decision: '同意', opinion: '' });
  assert.equal(dept.statusCode, 200, dept.body);
  const done = await call(app, leader, 'POST', `/api/review/${requestId}/decide`, { decision: '同意', opinion: '' });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().state, 'approved');
}

/** A 政策文件 in 政策法规, published: the policy library a guide links to. */
export async function publishPolicy(app: App, ctx: AppContext, t: ServiceTeam, title: string): Promise<number> {
  const column = await columnByName(ctx, '政策法规');
  const res = await call(app, t.policyEditor, 'POST', `/api/sites/${t.siteId}/content`, {
    type: 'policy',
    columnId: column.id,
    title,
    source: '市政务办',
    bodyHtml: `<p>第一条 为规范${title}相关工作，制定本办法。</p><p>第九条 申请人应当提交申请表和有效身份证明。</p>`,
    fields: {
      docNumber: '南政办规〔2026〕3号',
      issuingOrgan: '南江市政务服务管理办公室',
      writtenDate: '2026-01-05',
      theme: '综合政务',
      validity: '有效',
      disclosureMethod: '主动公开',
      disclosureScope: '面向社会',
    },
  });
  assert.equal(res.statusCode, 200, res.body);
  const id = res.json().id as number;
  const sub = await call(app, t.policyEditor, 'POST', `/api/content/${id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  assert.equal(sub.statusCode, 200, sub.body);
  await approve(app, t, sub.json().id, 'policy');
  return id;
}

/** Uploads a file as the guide's editor (the blank forms and samples). */
export async function uploadFile(app: App, t: ServiceTeam, name: string, bytes: Buffer): Promise<number> {
  const boundary = '----svc-test';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: `/api/sites/${t.siteId}/files`,
    headers: {
      cookie: t.editor.cookie,
      'x-csrf-token': t.editor.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: body,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id;
}

/** A complete guide for an item of 政务服务中心, with its form's blank and sample files. */
export function completeGuide(name: string, policyId: number, blankFileId: number, sampleFileId: number): GuideData {
  return {
    name,
    basis: [{ title: '南江市公共资源交易管理办法', articles: '第九条', documentId: policyId }],
    conditions: '依法设立的法人、非法人组织或者自然人，拟参加本市公共资源交易活动。',
    materials: [
      {
        ...emptyMaterial('公共资源交易主体注册申请表'),
        form: '原件',
        medium: '纸质或电子',
        copies: 1,
        source: '申请人自备',
        isForm: true,
        blankFileId,
        sampleFileId,
        notes: '加盖单位公章',
      },
      {
        ...emptyMaterial('法定代表人身份证'),
        form: '复印件',
        medium: '纸质或电子',
        copies: 1,
        source: '政府部门核发',
        required: true,
      },
      {
        ...emptyMaterial('授权委托书'),
        form: '原件',
        medium: '纸质或电子',
        copies: 1,
        source: '申请人自备',
        required: false,
      },
    ],
    place: '南江市金湖大道188号市民服务中心三楼B区公共资源交易窗口',
    organ: '南江市政务服务管理办公室（交易管理处）',
    fee: { standard: '不收费', basis: '' },
    hours: '法定工作日上午9:00—12:00，下午13:30—17:00',
    phones: { consult: '0599-86601007', complaint: '12345' },
    process: [
      { title: '申请', detail: '网上或窗口提交申请材料' },
      { title: '受理', detail: '窗口审核材料，5个工作日内决定是否受理' },
      { title: '审核', detail: '审核申请材料' },
      { title: '办结', detail: '发放数字证书' },
    ],
    statutoryDays: 20,
    promisedDays: 5,
    caseType: '承诺件',
    online: true,
    visits: 0,
  };
}

export const ITEM = {
  code: '11320100MB0000001-XK-0001',
  name: '公共资源交易主体注册',
  type: '行政许可',
  audiences: ['法人', '自然人'],
  theme: '公共资源交易',
  events: ['参与公共资源交易'],
  keywords: ['交易主体', 'CA证书', '投标注册'],
} as const;

/** Creates the item, saves its complete guide, submits it and publishes it; returns the item id. */
export async function publishedItem(app: App, ctx: AppContext, t: ServiceTeam, policyId?: number): Promise<number> {
  const policy = policyId ?? (await publishPolicy(app, ctx, t, '南江市公共资源交易管理办法'));
  const created = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/services/items`, {
    ...ITEM,
    audiences: [...ITEM.audiences],
    events: [...ITEM.events],
    keywords: [...ITEM.keywords],
    departmentId: t.departmentId,
  });
  assert.equal(created.statusCode, 200, created.body);
  const itemId = created.json().id as number;
  const blank = await uploadFile(app, t, '注册申请表.pdf', PDF);
  const sample = await uploadFile(app, t, '注册申请表（样表）.pdf', PDF);
  const saved = await call(
    app,
    t.editor,
    'PUT',
    `/api/sites/${t.siteId}/services/items/${itemId}/guide`,
    completeGuide(ITEM.name, policy, blank, sample),
  );
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json().findings, []);
  const sub = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/services/items/${itemId}/guide/submit`, {
    secret: '否',
  });
  assert.equal(sub.statusCode, 200, sub.body);
  await approve(app, t, sub.json().requestId);
  return itemId;
}

/** A multipart form as a browser sends it: fields first (the CSRF token leading), then the files. */
export function multipart(fields: [string, string][], files: { field: string; name: string; bytes: Buffer }[]) {
  const boundary = '----svc-form-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of fields)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function postForm(app: App, c: CitizenSession, url: string, form: ReturnType<typeof multipart>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: c.cookie, 'content-type': form.contentType },
    payload: form.body,
  });
}
