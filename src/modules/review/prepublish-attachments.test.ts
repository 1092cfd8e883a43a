// The pre-publish checks read the item's attachments as well as its body, through the HTTP API as the admin
// console uses it: a forbidden word inside an attached DOCX blocks submission and the finding names the
// attachment; an image attachment cannot be read and says so; personal data in an attached workbook waits for
// the reviewer's confirmation like personal data in the body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testEnv, call, columnByName, DIALECT, type Session } from '../../../test/helpers.ts';
import { team, draftNews, submit, decide, type Team } from '../../../test/workflow.ts';
import type { App } from '../../platform/http.ts';
import { docx } from '../prepublish/fixtures/office.ts';

interface Finding {
  check: string;
  severity: string;
  field: string;
  excerpt: string;
  message: string;
  where?: string;
  key: string;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function upload(app: App, who: Session, siteId: number, name: string, bytes: Buffer): Promise<number> {
  const boundary = `----govportal${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const res = await app.inject({
    method: 'POST',
    url: `/api/sites/${siteId}/files`,
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id;
}

const attach = async (app: App, t: Team, name: string, bytes: Buffer) => ({
  fileId: await upload(app, t.editor, t.siteId, name, bytes),
  name,
});

test(`a forbidden word in an attached DOCX blocks submission, and the finding names the attachment (${DIALECT})`, async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const word = (await ctx.prepublish.siteDictionaries(t.siteId)).forbidden[0];
  const file = docx(['关于开展窗口服务评议的实施方案', `一、背景：文中误用了“${word}”的说法。`], {
    header: '南江市政务服务管理办公室',
  });
  const item = await draftNews(app, ctx, t, '关于印发窗口服务评议实施方案的通知', {
    bodyHtml: '<p>现将实施方案印发给你们，请认真贯彻执行。</p>',
    attachments: [await attach(app, t, '实施方案.docx', file)],
  });
  const refused = await submit(app, t, item.id);
  assert.equal(refused.statusCode, 422, refused.body);
  assert.equal(refused.json().error.code, 'PREPUBLISH_BLOCKED');
  const findings = refused.json().error.details.findings as Finding[];
  const hit = findings.find((f) => f.check === 'forbidden-word');
  assert.ok(hit, JSON.stringify(findings));
  assert.equal(hit.field, 'attachment:实施方案.docx');
  assert.ok(hit.excerpt.includes(`误用了“${word}”的说法`), hit.excerpt);
  assert.equal(hit.severity, 'block');
  assert.ok(!findings.some((f) => f.check === 'attachment-unchecked'), 'the DOCX was read in full');

  // The editor replaces the attachment with a corrected one: the item goes to review.
  const fixed = docx(['关于开展窗口服务评议的实施方案', '一、背景：按照有关要求开展评议。']);
  const edit = await call(app, t.editor, 'PUT', `/api/content/${item.id}`, {
    columnId: (await columnByName(ctx, '部门动态')).id,
    title: '关于印发窗口服务评议实施方案的通知',
    bodyHtml: '<p>现将实施方案印发给你们，请认真贯彻执行。</p>',
    attachments: [await attach(app, t, '实施方案.docx', fixed)],
  });
  assert.equal(edit.statusCode, 200, edit.body);
  const accepted = await submit(app, t, item.id);
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().state, 'dept_review');
});

test(`an image attachment is reported as not checked; personal data in an attached workbook waits for confirmation (${DIALECT})`, async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('获奖人员');
  sheet.addRow(['姓名', '单位', '身份证号']);
  // 11010519491231002X is a checksum-valid resident ID number.
  sheet.addRow(['张某', '市政务服务中心', '11010519491231002X']);
  const item = await draftNews(app, ctx, t, '关于2026年度窗口服务标兵的公示', {
    bodyHtml: '<p>经评议，拟表彰以下人员，名单见附件。</p>',
    attachments: [
      await attach(app, t, '现场照片.png', PNG),
      await attach(app, t, '公示名单.xlsx', Buffer.from(await wb.xlsx.writeBuffer())),
    ],
  });
  const sub = await submit(app, t, item.id);
  assert.equal(sub.statusCode, 200, sub.body);
  assert.equal(sub.json().state, 'dept_review', 'a note does not block');

  const review = (await call(app, t.reviewer, 'GET', `/api/review/${sub.json().id}`)).json();
  const findings = review.checkReport.findings as Finding[];
  const note = findings.find((f) => f.check === 'attachment-unchecked');
  assert.ok(note, JSON.stringify(findings));
  assert.equal(note.field, 'attachment:现场照片.png');
  assert.equal(note.severity, 'warn');
  assert.match(note.message, /未能检查.*图片.*请人工核对/);
  const id = findings.find((f) => f.check === 'id-number');
  assert.ok(id, JSON.stringify(findings));
  assert.equal(id.field, 'attachment:公示名单.xlsx');
  assert.equal(id.where, '工作表“获奖人员”');
  assert.ok(id.excerpt.includes('张某') && !id.excerpt.includes('11010519491231002X'), id.excerpt);

  const blocked = await decide(app, t.reviewer, sub.json().id, '同意');
  assert.equal(blocked.statusCode, 422, blocked.body);
  const keys = (blocked.json().error.details.findings as Finding[])
    .filter((f) => f.check === 'id-number')
    .map((f) => f.key);
  assert.deepEqual(
    keys.map((k) => k.startsWith('id-number:attachment:公示名单.xlsx:')),
    [true],
  );
  assert.equal(
    (await decide(app, t.reviewer, sub.json().id, '同意', '经核实须公示', { confirmFindings: keys })).json().state,
    'leader_review',
  );
  assert.equal(
    (await decide(app, t.leader, sub.json().id, '同意')).json().state,
    'approved',
    'checked again before publication, from the cache',
  );
});
