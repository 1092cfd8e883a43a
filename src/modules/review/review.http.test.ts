import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, call, login, staff, DIALECT } from '../../../test/helpers.ts';
import { team, draftNews, submit, decide, publishThroughReview } from '../../../test/workflow.ts';
import { createSiteWithAnnex1 } from '../setup/setup.service.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';

test(`one review request with its steps and history, within the register's scope (${DIALECT})`, async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const item = await draftNews(app, ctx, t, '关于调整政务服务大厅窗口设置的公告');
  const first = (await submit(app, t, item.id)).json();
  assert.equal((await decide(app, t.reviewer, first.id, '不同意', '窗口编号有误')).json().state, 'rejected');
  const second = (await submit(app, t, item.id)).json();
  assert.equal((await decide(app, t.reviewer, second.id, '同意', '同意')).json().state, 'leader_review');

  const res = await call(app, t.leader, 'GET', `/api/review/${second.id}`);
  assert.equal(res.statusCode, 200, res.body);
  const r = res.json();
  assert.equal(r.id, second.id);
  assert.equal(r.contentId, item.id);
  assert.equal(r.title, '关于调整政务服务大厅窗口设置的公告');
  assert.equal(r.serial, second.serial);
  assert.equal(r.state, 'leader_review');
  assert.equal(r.stateName, '待分管领导审批');
  assert.equal(r.department, '综合处');
  assert.equal(r.column, '部门动态');
  assert.equal(r.submitter, '测试zh_editor');
  assert.equal(r.secret, '否');
  assert.equal(r.releaseForm, '网站公开');
  assert.equal(r.mayDecide, true, "it is the leader's step");
  assert.deepEqual(
    r.steps.map(
      (s: { stepName: string; decision: string; actorName: string }) => `${s.stepName}:${s.decision}:${s.actorName}`,
    ),
    ['承办人提交:提交:测试zh_editor', '工作机构或人员审查:同意:测试zh_reviewer'],
  );
  assert.ok(Array.isArray(r.checkReport.findings));
  assert.deepEqual(
    r.history.map((h: { id: number; state: string }) => `${h.id}:${h.state}`),
    [`${first.id}:rejected`, `${second.id}:leader_review`],
    'every submission of the item',
  );

  const old = (await call(app, t.editor, 'GET', `/api/review/${first.id}`)).json();
  assert.equal(old.state, 'rejected');
  assert.equal(old.steps[1].opinion, '窗口编号有误');
  assert.equal(old.mayDecide, false);
  assert.equal(
    (await call(app, t.reviewer, 'GET', `/api/review/${second.id}`)).json().mayDecide,
    false,
    "the reviewer's step is done",
  );
  assert.equal(
    (await call(app, t.otherReviewer, 'GET', `/api/review/${second.id}`)).statusCode,
    200,
    "the register is readable by the site's reviewers",
  );

  const missing = await call(app, t.leader, 'GET', '/api/review/999999');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'NOT_FOUND');

  // Staff of another site, and roles without a part in the review, are refused — as for the register.
  const { siteId: other } = await createSiteWithAnnex1(ctx, {
    ...DEMO_SITE,
    code: 'zwfw',
    name: '南江市政务服务中心',
    domains: ['zwfw.nanjiang.gov.cn'],
    siteIdCode: '3299000002',
    parentId: t.siteId,
  });
  await staff(ctx, 'other_reviewer', ['reviewer'], '综合处', other);
  await staff(ctx, 'inspector', ['inspector'], undefined, null);
  for (const username of ['other_reviewer', 'inspector']) {
    const s = await login(app, username);
    const refused = await call(app, s, 'GET', `/api/review/${second.id}`);
    assert.equal(refused.statusCode, 403, username);
    assert.equal(refused.json().error.code, 'FORBIDDEN');
    assert.equal(
      (await call(app, s, 'GET', `/api/sites/${t.siteId}/register`)).statusCode,
      403,
      `${username}: same scope as the register`,
    );
  }
});

test(`the register and the content list filter by review state (${DIALECT})`, async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const waiting = await draftNews(app, ctx, t, '待审查的信息');
  const returned = await draftNews(app, ctx, t, '被退回的信息');
  const published = await draftNews(app, ctx, t, '已发布的信息');
  const draft = await draftNews(app, ctx, t, '未提交的草稿');
  await submit(app, t, waiting.id);
  const r = (await submit(app, t, returned.id)).json();
  await decide(app, t.reviewer, r.id, '不同意', '请修改');
  await publishThroughReview(app, t, published.id);
  // An item returned once and then resubmitted counts by its latest submission.
  const resubmitted = await draftNews(app, ctx, t, '退回后重新提交的信息');
  const rr = (await submit(app, t, resubmitted.id)).json();
  await decide(app, t.reviewer, rr.id, '不同意', '请补充');
  await submit(app, t, resubmitted.id);

  const register = async (state: string) =>
    (await call(app, t.reviewer, 'GET', `/api/sites/${t.siteId}/register?state=${state}`))
      .json()
      .items.map((i: { title: string }) => i.title)
      .sort();
  assert.deepEqual(await register('dept_review'), ['退回后重新提交的信息', '待审查的信息'].sort());
  assert.deepEqual(
    await register('rejected'),
    ['被退回的信息', '退回后重新提交的信息'].sort(),
    'the register lists every submission',
  );
  assert.deepEqual(await register('approved'), ['已发布的信息']);
  const bad = await call(app, t.reviewer, 'GET', `/api/sites/${t.siteId}/register?state=nonsense`);
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'VALIDATION_FAILED');

  const list = async (reviewState: string) => {
    const res = await call(app, t.editor, 'GET', `/api/sites/${t.siteId}/content?reviewState=${reviewState}`);
    assert.equal(res.statusCode, 200, res.body);
    return res
      .json()
      .items.map((i: { title: string }) => i.title)
      .sort();
  };
  assert.deepEqual(await list('dept_review'), ['退回后重新提交的信息', '待审查的信息'].sort());
  assert.deepEqual(await list('rejected'), ['被退回的信息'], 'by the latest submission');
  assert.deepEqual(await list('approved'), ['已发布的信息']);
  assert.deepEqual(await list('none'), ['未提交的草稿']);
  assert.deepEqual(await list('leader_review'), []);
  const row = (await call(app, t.editor, 'GET', `/api/sites/${t.siteId}/content?reviewState=rejected`)).json().items[0];
  assert.equal(row.reviewState, 'rejected');
  assert.equal(row.reviewStateName, '已退回');
  assert.equal(row.reviewId, r.id);
  const all = (await call(app, t.editor, 'GET', `/api/sites/${t.siteId}/content`)).json().items;
  assert.equal(all.find((i: { id: number }) => i.id === draft.id).reviewState, null);
  assert.equal(
    (await call(app, t.editor, 'GET', `/api/sites/${t.siteId}/content?reviewState=nonsense`)).statusCode,
    400,
  );
});

test(`site administrators, reviewers, leaders and secrecy reviewers read the pre-publish dictionaries; only administrators change them (${DIALECT})`, async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  await staff(ctx, 'siteadmin', ['site_admin'], undefined, t.siteId);
  await staff(ctx, 'sysadmin', ['sys_admin'], undefined, null);
  await staff(ctx, 'auditor', ['audit_admin'], undefined, null);
  const { siteId: other } = await createSiteWithAnnex1(ctx, {
    ...DEMO_SITE,
    code: 'zwfw',
    name: '南江市政务服务中心',
    domains: ['zwfw.nanjiang.gov.cn'],
    siteIdCode: '3299000002',
    parentId: t.siteId,
  });
  await staff(ctx, 'other_reviewer', ['reviewer'], '综合处', other);
  const url = `/api/sites/${t.siteId}/prepublish/dictionaries`;
  const sessions = {
    editor: t.editor,
    reviewer: t.reviewer,
    leader: t.leader,
    secrecy: t.secrecy,
    siteadmin: await login(app, 'siteadmin'),
    sysadmin: await login(app, 'sysadmin'),
  };
  for (const [who, s] of Object.entries(sessions)) {
    const res = await call(app, s, 'GET', url);
    assert.equal(res.statusCode, 200, `${who}: ${res.body}`);
    assert.ok(res.json().forbidden.length > 0, `${who} sees the forbidden words`);
  }
  for (const username of ['auditor', 'other_reviewer']) {
    const res = await call(app, await login(app, username), 'GET', url);
    assert.equal(res.statusCode, 403, username);
    assert.equal(res.json().error.code, 'FORBIDDEN');
  }

  const dict = (await call(app, t.reviewer, 'GET', url)).json();
  const changed = { ...dict, forbidden: [...dict.forbidden, '测试禁用词'] };
  for (const s of [t.reviewer, t.leader, t.secrecy, t.editor]) {
    const res = await call(app, s, 'PUT', url, changed);
    assert.equal(res.statusCode, 403, 'reading is not writing');
  }
  assert.ok(!(await call(app, t.reviewer, 'GET', url)).json().forbidden.includes('测试禁用词'));
  const saved = await call(app, sessions.siteadmin, 'PUT', url, changed);
  assert.equal(saved.statusCode, 200, saved.body);
  assert.ok((await call(app, t.leader, 'GET', url)).json().forbidden.includes('测试禁用词'));
});

test(`scheduled times are stored as UTC, whatever offset they are sent with; a time without its zone is refused (${DIALECT})`, async (testContext) => {
  const env = await testEnv(); // the clock stands at 2026-11-27T02:00Z, 10:00 in Shanghai
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const item = await draftNews(app, ctx, t);
  // 2026-11-28 09:30 in Shanghai is 01:30 UTC.
  const res = await call(app, t.editor, 'POST', `/api/content/${item.id}/schedule`, {
    publishAt: '2026-11-28T09:30:00+08:00',
    withdrawAt: '2026-12-31T16:00:00.000Z',
  });
  assert.equal(res.statusCode, 200, res.body);
  const stored = await ctx.content.item(item.id);
  assert.equal(stored.publish_at, '2026-11-28T01:30:00.000Z');
  assert.equal(stored.withdraw_at, '2026-12-31T16:00:00.000Z');
  assert.equal(res.json().publishAt, '2026-11-28T01:30:00.000Z');
  // Without an offset the time is ambiguous (whose 09:30?): refused rather than guessed in the server's zone.
  const naive = await call(app, t.editor, 'POST', `/api/content/${item.id}/schedule`, {
    publishAt: '2026-11-29T09:30:00',
  });
  assert.equal(naive.statusCode, 400);
  assert.equal(naive.json().error.code, 'VALIDATION_FAILED');
  assert.equal((await ctx.content.item(item.id)).publish_at, '2026-11-28T01:30:00.000Z', 'unchanged');
});
