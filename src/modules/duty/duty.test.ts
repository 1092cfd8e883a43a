import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { testEnv, call, columnByName, login, mainSiteId, staff, DIALECT } from '../../../test/helpers.ts';
import { createSiteWithAnnex1 } from '../setup/setup.service.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';
import { createMailer } from '../../platform/mail.ts';
import { team, draftNews, publishThroughReview, relogin } from '../../../test/workflow.ts';
import { dutyStatus } from './duty.service.ts';
import { DAY, HOUR } from '../../platform/time.ts';

test('column status across cycle boundaries: 正常, 即将到期, 已超期, 空白', () => {
  const last = '2026-11-01T02:00:00.000Z';
  const at = (ms: number) => new Date(new Date(last).getTime() + ms);
  assert.equal(dutyStatus(null, 14, at(0), 3).status, '空白');
  assert.equal(dutyStatus(last, null, at(400 * DAY), 3).status, '正常', 'no cycle: never overdue');
  assert.equal(dutyStatus(last, 14, at(10 * DAY), 3).status, '正常');
  assert.equal(dutyStatus(last, 14, at(11 * DAY - 1), 3).status, '正常');
  assert.equal(dutyStatus(last, 14, at(11 * DAY), 3).status, '即将到期', 'exactly 3 days before the due date');
  assert.equal(dutyStatus(last, 14, at(14 * DAY), 3).status, '即将到期', 'due today is not yet overdue');
  assert.equal(dutyStatus(last, 14, at(14 * DAY + 1), 3).status, '已超期');
  assert.equal(dutyStatus(last, 183, at(182 * DAY), 3).status, '即将到期');
  assert.equal(dutyStatus(last, 183, at(184 * DAY), 3).status, '已超期');
  assert.equal(dutyStatus(last, 14, at(12 * DAY), 0).status, '正常', 'no warning window');
  assert.equal(dutyStatus(last, 14, at(10 * DAY), 3).dueAt, '2026-11-15T02:00:00.000Z');
});

test(`the duty dashboard follows publications and reminds the lead department (${DIALECT})`, async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx, clock } = env;
  const t = await team(app, ctx);
  const siteId = await mainSiteId(ctx);
  const bmdt = await columnByName(ctx, '部门动态');
  const before = (await ctx.duty.columnDuty(siteId)).find((d) => d.columnId === bmdt.id)!;
  const item = await draftNews(app, ctx, t, '一条新的部门动态');
  await publishThroughReview(app, t, item.id);
  const after = (await ctx.duty.columnDuty(siteId)).find((d) => d.columnId === bmdt.id)!;
  assert.equal(after.status, '正常');
  assert.equal(after.lastPublishedAt, clock.now().toISOString());
  assert.equal(after.publishedCount, before.publishedCount + 1);
  assert.equal(after.leadDepartmentName, '综合处');
  assert.equal(after.maxUpdateDays, 14);

  clock.advance(12 * DAY);
  await relogin(app, t);
  const dash = (await call(app, t.editor, 'GET', `/api/sites/${siteId}/duty`)).json();
  const row = dash.items.find((d: { columnId: number }) => d.columnId === bmdt.id);
  assert.equal(row.status, '即将到期');
  assert.equal(dash.items.length, 47, 'every leaf column of 附件1 (58 columns, 11 of them parents) is listed');
  type Row = { leadDepartmentId: number; cooperatingDepartmentIds: number[] };
  const mine = (d: Row) =>
    d.leadDepartmentId === dash.myDepartmentId || d.cooperatingDepartmentIds.includes(dash.myDepartmentId);
  const flags = dash.items.map(mine);
  assert.deepEqual(
    flags,
    [...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)),
    'the department sees its own columns first',
  );
  const filtered = (
    await call(app, t.editor, 'GET', `/api/sites/${siteId}/duty?departmentId=${bmdt.leadDepartmentId}`)
  ).json().items;
  assert.ok(
    filtered.every(
      (d: { leadDepartmentId: number; cooperatingDepartmentIds: number[] }) =>
        d.leadDepartmentId === bmdt.leadDepartmentId || d.cooperatingDepartmentIds.includes(bmdt.leadDepartmentId!),
    ),
  );

  const created = await ctx.duty.remind(siteId);
  assert.ok(created >= 1);
  assert.equal(await ctx.duty.remind(siteId), 0, 'a reminder is sent once per due date');
  const notes = (await call(app, t.editor, 'GET', '/api/notifications')).json();
  const note = notes.items.find((n: { title: string }) => n.title.includes('部门动态'));
  assert.ok(note, "the lead department's editor is reminded");
  assert.match(note.title, /即将到期/);
  assert.ok(notes.unread >= 1);
  clock.advance(3 * DAY + HOUR);
  assert.equal((await ctx.duty.columnDuty(siteId)).find((d) => d.columnId === bmdt.id)!.status, '已超期');
  assert.ok((await ctx.duty.remind(siteId)) >= 1, 'overdue is a new reminder');
});

test("with SMTP configured, reminders are also mailed to the lead department's editors", async (t) => {
  const sent: { to: string; subject: string; text: string }[] = [];
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const capturing = createMailer(null, 'govportal@nanjiang.gov.cn', {
    sendMail: async (m: { to: string; subject: string; text: string }) => {
      sent.push(m);
      return transport.sendMail(m);
    },
  } as unknown as Parameters<typeof createMailer>[2]);
  const env = await testEnv({ mailer: capturing });
  t.after(() => env.close());
  const { ctx } = env;
  const siteId = await mainSiteId(ctx);
  const editor = await staff(ctx, 'zh_mail', ['editor'], '综合处');
  await ctx.db.updateTable('users').set({ email: 'zh_editor@nanjiang.gov.cn' }).where('id', '=', editor.id).execute();
  await ctx.duty.remind(siteId);
  const mine = sent.filter((m) => m.to.includes('zh_editor@nanjiang.gov.cn'));
  assert.ok(mine.length > 0, 'blank columns led by 综合处 are mailed');
  assert.ok(mine.every((m) => m.subject.startsWith('【栏目更新提醒】')));
  assert.ok(mine.some((m) => m.subject.includes('部门简介') && m.subject.endsWith('空白')));
  const count = sent.length;
  await ctx.duty.remind(siteId);
  assert.equal(sent.length, count, 'mailed once per reminder');
});

test(`the duty dashboard is only for the site's own staff (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const siteA = await mainSiteId(ctx);
  const { siteId: siteB } = await createSiteWithAnnex1(ctx, {
    ...DEMO_SITE,
    code: 'zwfw',
    name: '南江市政务服务中心',
    domains: ['zwfw.nanjiang.gov.cn'],
    siteIdCode: '3299000002',
    parentId: siteA,
  });
  await staff(ctx, 'a_editor', ['editor'], '综合处', siteA);
  await staff(ctx, 'a_reviewer', ['reviewer'], '综合处', siteA);
  await staff(ctx, 'b_admin', ['site_admin'], undefined, siteB);
  await staff(ctx, 'all_leader', ['leader'], '综合处', null);
  await staff(ctx, 'inspector', ['inspector'], undefined, null);
  const status = async (username: string, siteId: number) =>
    (await call(app, await login(app, username), 'GET', `/api/sites/${siteId}/duty`)).statusCode;

  assert.equal(await status('a_editor', siteA), 200);
  assert.equal(await status('a_reviewer', siteA), 200);
  assert.equal(await status('a_editor', siteB), 403, "an editor of site A cannot read site B's dashboard");
  assert.equal(await status('a_reviewer', siteB), 403);
  assert.equal(await status('b_admin', siteB), 200);
  assert.equal(await status('b_admin', siteA), 403);
  assert.equal(await status('all_leader', siteB), 200, 'a role granted for every site reaches every site');
  assert.equal(await status('inspector', siteA), 403, 'not a role with duties for content');
  const refused = await call(app, await login(app, 'a_editor'), 'GET', `/api/sites/${siteB}/duty`);
  assert.equal(refused.json().error.code, 'FORBIDDEN');
});
