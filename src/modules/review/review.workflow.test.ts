import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, call, staff, login, DIALECT } from '../../../test/helpers.ts';
import { team, draftNews, submit, decide, publishThroughReview, relogin } from '../../../test/workflow.ts';
import { DAY, HOUR, MINUTE } from '../../platform/time.ts';

test(`approve path: 承办人 → 审核人 → 分管领导 → published with a server-set PubDate (${DIALECT})`, async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx, clock } = env;
  const t = await team(app, ctx);
  const item = await draftNews(app, ctx, t);
  assert.equal(item.status, 'draft');
  const sub = await submit(app, t, item.id);
  assert.equal(sub.json().state, 'dept_review');
  assert.match(sub.json().serial, /^2026-0001$/);

  const inbox = (await call(app, t.reviewer, 'GET', '/api/review/inbox')).json();
  assert.deepEqual(
    inbox.waiting.map((r: { contentId: number }) => r.contentId),
    [item.id],
  );
  assert.equal((await call(app, t.reviewer, 'GET', '/api/review/counts')).json().waiting, 1);
  assert.equal((await call(app, t.leader, 'GET', '/api/review/counts')).json().waiting, 0, "not yet the leader's turn");
  assert.equal(
    (await decide(app, t.leader, sub.json().id, '同意')).statusCode,
    403,
    'the leader cannot skip the first step',
  );

  clock.advance(20 * MINUTE);
  assert.equal(
    (await decide(app, t.reviewer, sub.json().id, '同意', '内容属实，同意发布')).json().state,
    'leader_review',
  );
  assert.equal((await call(app, t.leader, 'GET', '/api/review/counts')).json().waiting, 1);
  clock.advance(20 * MINUTE);
  const approvedAt = clock.now().toISOString();
  assert.equal((await decide(app, t.leader, sub.json().id, '同意')).json().state, 'approved');

  await relogin(app, t);
  const detail = (await call(app, t.editor, 'GET', `/api/content/${item.id}`)).json();
  assert.equal(detail.status, 'published');
  assert.equal(detail.firstPublishedAt, approvedAt, 'PubDate is the moment of publication, set by the server');
  assert.match(detail.publicUrl, new RegExp(`/gzdt/bmdt/${item.id}\\.html$`));
  const steps = detail.reviews[0].steps.map(
    (s: { stepName: string; decision: string; actorName: string }) => `${s.stepName}:${s.decision}:${s.actorName}`,
  );
  assert.deepEqual(steps, [
    '承办人提交:提交:测试zh_editor',
    '工作机构或人员审查:同意:测试zh_reviewer',
    '分管领导审批:同意:测试zh_leader',
  ]);
  const row = await ctx.db
    .selectFrom('published_items')
    .selectAll()
    .where('content_id', '=', item.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.pub_date, approvedAt);
  const audit = await ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_type', '=', 'content')
    .where('target_id', '=', String(item.id))
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['content.create', 'review.submit', 'review.dept', 'review.leader', 'content.publish'],
  );
});

test('不同意 at either step returns the item to the 承办人 with the opinion; resubmission starts again', async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const item = await draftNews(app, ctx, t);
  const first = (await submit(app, t, item.id)).json();
  assert.equal(
    (await decide(app, t.reviewer, first.id, '不同意')).json().error.code,
    'VALIDATION_FAILED',
    'a refusal needs its reason',
  );
  assert.equal((await decide(app, t.reviewer, first.id, '不同意', '会议时间有误，请核实')).json().state, 'rejected');
  const returned = (await call(app, t.editor, 'GET', '/api/review/inbox')).json().returned;
  assert.equal(returned.length, 1);
  const detail = (await call(app, t.editor, 'GET', `/api/content/${item.id}`)).json();
  assert.equal(detail.reviews[0].steps[1].opinion, '会议时间有误，请核实');

  const fixed = await call(app, t.editor, 'PUT', `/api/content/${item.id}`, {
    columnId: detail.columnId,
    title: detail.title,
    bodyHtml: '<p>11月26日上午，市政务办召开工作推进会。</p>',
    note: '核实会议时间',
  });
  assert.equal(fixed.statusCode, 200);
  const second = (await submit(app, t, item.id)).json();
  assert.equal(second.serial, '2026-0002', 'each submission is registered with its own 序号');
  assert.equal((await call(app, t.editor, 'GET', '/api/review/inbox')).json().returned.length, 0);
  await decide(app, t.reviewer, second.id, '同意');
  assert.equal((await decide(app, t.leader, second.id, '不同意', '暂缓发布')).json().state, 'rejected');
  assert.equal((await call(app, t.editor, 'GET', `/api/content/${item.id}`)).json().status, 'draft');
  assert.equal(
    await ctx.db
      .selectFrom('published_items')
      .select('content_id')
      .where('content_id', '=', item.id)
      .executeTakeFirst(),
    undefined,
  );
});

test('secrecy unclear: the 保密审查员 decides first; 涉密 = 是 can never be published', async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  // Marked unclear by the 承办人: 保密审查 first, then the usual two steps.
  const a = await draftNews(app, ctx, t, '关于政务服务一体化平台建设情况的通报');
  const subA = (await submit(app, t, a.id, '不明确')).json();
  assert.equal(subA.state, 'secrecy_review');
  assert.equal(
    (await decide(app, t.reviewer, subA.id, '同意')).statusCode,
    403,
    'the reviewer waits for the secrecy review',
  );
  assert.equal((await decide(app, t.secrecy, subA.id, '同意', '', { secret: '否' })).json().state, 'dept_review');
  await decide(app, t.reviewer, subA.id, '同意');
  assert.equal((await decide(app, t.leader, subA.id, '同意')).json().state, 'approved');

  // Marked unclear by the reviewer, then found classified.
  const b = await draftNews(app, ctx, t, '某系统网络安全检查发现的问题清单');
  const subB = (await submit(app, t, b.id)).json();
  assert.equal(
    (await decide(app, t.reviewer, subB.id, '不明确', '涉及系统漏洞细节，提请保密审查')).json().state,
    'secrecy_review',
  );
  const verdict = await decide(app, t.secrecy, subB.id, '不同意', '属于工作秘密，不得公开', { secret: '是' });
  assert.equal(verdict.json().state, 'closed');
  assert.equal(verdict.json().outcome, '涉密不发布');
  // A 涉密 item's body: its department's 分管领导 and the 保密审查员 only, not the 承办人 or the 审核人.
  const detailB = (await call(app, t.leader, 'GET', `/api/content/${b.id}`)).json();
  assert.equal(detailB.status, 'classified');
  assert.equal((await call(app, t.secrecy, 'GET', `/api/content/${b.id}`)).statusCode, 200);
  for (const who of [t.editor, t.reviewer]) {
    const refused = await call(app, who, 'GET', `/api/content/${b.id}`);
    assert.equal(refused.json().error.message, '涉密信息的正文只有本部门分管领导和保密审查员可以查看');
  }
  // Blocked for good: no resubmission, no edit, no scheduling.
  const again = await submit(app, t, b.id);
  assert.equal(again.statusCode, 403);
  assert.match(again.json().error.message, /涉密/);
  assert.equal(
    (await call(app, t.editor, 'PUT', `/api/content/${b.id}`, { columnId: detailB.columnId, title: '改个标题再发' }))
      .statusCode,
    403,
  );
  const sched = await call(app, t.editor, 'POST', `/api/content/${b.id}/schedule`, {
    publishAt: new Date(Date.now() + 7 * DAY).toISOString(),
  });
  assert.equal(sched.json().error.code, 'CLASSIFIED');
  assert.equal(
    await ctx.db.selectFrom('published_items').select('content_id').where('content_id', '=', b.id).executeTakeFirst(),
    undefined,
  );

  // Declared 涉密 = 是 by the 承办人 at once: registered, never published.
  const c = await draftNews(app, ctx, t, '内部工作安排');
  const subC = (await submit(app, t, c.id, '是')).json();
  assert.equal(subC.state, 'closed');
  assert.equal((await call(app, t.leader, 'GET', `/api/content/${c.id}`)).json().status, 'classified');
});

test('nobody approves their own submission; approvers must hold the role for that department', async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const item = await draftNews(app, ctx, t);
  const sub = (await submit(app, t, item.id)).json();
  const wrongDept = await decide(app, t.otherReviewer, sub.id, '同意');
  assert.equal(wrongDept.statusCode, 403);
  assert.match(wrongDept.json().error.message, /不负责该部门/);
  assert.equal((await decide(app, t.secrecy, sub.id, '同意')).statusCode, 403, 'a secrecy reviewer is not a 审核人');

  // An editor who is also a reviewer of 综合处 cannot review their own item.
  await staff(ctx, 'zh_both', ['editor', 'reviewer'], '综合处');
  const both = await login(app, 'zh_both');
  const own = await call(app, both, 'POST', `/api/sites/${t.siteId}/content`, {
    type: 'article',
    columnId: (await ctx.columns.tree(t.siteId)).flat.find((c) => c.name === '部门动态')!.id,
    title: '自己写自己审的稿件',
    bodyHtml: '<p>正文</p>',
  });
  const ownSub = await call(app, both, 'POST', `/api/content/${own.json().id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  const self = await call(app, both, 'POST', `/api/review/${ownSub.json().id}/decide`, {
    decision: '同意',
    opinion: '',
  });
  assert.equal(self.statusCode, 403);
  assert.match(self.json().error.message, /不能审查自己提交的信息/);
  const refusals = await ctx.db
    .selectFrom('review_steps')
    .select('id')
    .where('request_id', '=', ownSub.json().id)
    .execute();
  assert.equal(refusals.length, 1, 'only the submission step is recorded');
});

test('scheduled publication and scheduled withdrawal; no backdating, even through the API', async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx, clock } = env;
  const t = await team(app, ctx);
  const item = await draftNews(app, ctx, t);
  const past = new Date(clock.now().getTime() - DAY).toISOString();
  const backdated = await call(app, t.editor, 'POST', `/api/content/${item.id}/schedule`, { publishAt: past });
  assert.equal(backdated.statusCode, 400);
  assert.equal(backdated.json().error.code, 'BACKDATING');
  const forged = await call(app, t.editor, 'PUT', `/api/content/${item.id}`, {
    columnId: (await ctx.content.item(item.id)).column_id,
    title: '伪造日期',
    firstPublishedAt: past,
  });
  assert.equal(forged.json().error.code, 'VALIDATION_FAILED', 'no field sets the publication time');

  const at = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
  assert.equal(
    (await call(app, t.editor, 'POST', `/api/content/${item.id}/schedule`, { publishAt: at })).statusCode,
    200,
  );
  await publishThroughReview(app, t, item.id);
  assert.equal((await ctx.content.item(item.id)).status, 'scheduled');
  assert.equal((await ctx.publication.runDue()).published, 0);
  clock.advance(2 * HOUR + MINUTE);
  assert.equal((await ctx.publication.runDue()).published, 1);
  await relogin(app, t);
  const published = await ctx.content.item(item.id);
  assert.equal(published.status, 'published');
  assert.equal(published.first_published_at, clock.now().toISOString());

  const off = new Date(clock.now().getTime() + DAY).toISOString();
  await call(app, t.editor, 'POST', `/api/content/${item.id}/schedule`, { withdrawAt: off });
  clock.advance(DAY + MINUTE);
  assert.equal((await ctx.publication.runDue()).withdrawn, 1);
  const withdrawn = await ctx.content.item(item.id);
  assert.equal(withdrawn.status, 'withdrawn');
  assert.equal(
    await ctx.db
      .selectFrom('published_items')
      .select('content_id')
      .where('content_id', '=', item.id)
      .executeTakeFirst(),
    undefined,
  );
});

test('a change to a published item goes through review again, keeps its PubDate and shows an update time', async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx, clock } = env;
  const t = await team(app, ctx);
  const item = await draftNews(app, ctx, t);
  await publishThroughReview(app, t, item.id);
  const pubDate = (await ctx.content.item(item.id)).first_published_at!;
  clock.advance(3 * DAY);
  await relogin(app, t);
  const columnId = (await ctx.content.item(item.id)).column_id;
  await call(app, t.editor, 'PUT', `/api/content/${item.id}`, {
    columnId,
    title: '市政务办召开2026年第四季度工作推进会（更新）',
    bodyHtml: '<p>补充了会议精神。</p>',
  });
  const live = await ctx.db
    .selectFrom('published_items')
    .selectAll()
    .where('content_id', '=', item.id)
    .executeTakeFirstOrThrow();
  assert.equal(live.title, '市政务办召开2026年第四季度工作推进会', 'the public still sees the approved version');
  assert.equal((await call(app, t.editor, 'GET', `/api/content/${item.id}`)).json().pendingChanges, true);
  await publishThroughReview(app, t, item.id);
  const updated = await ctx.db
    .selectFrom('published_items')
    .selectAll()
    .where('content_id', '=', item.id)
    .executeTakeFirstOrThrow();
  assert.equal(updated.title, '市政务办召开2026年第四季度工作推进会（更新）');
  assert.equal(updated.pub_date, pubDate, 'PubDate never moves');
  assert.equal(updated.updated_at, clock.now().toISOString());

  // Withdrawal keeps the record, the register and the audit trail.
  const w = await call(app, t.editor, 'POST', `/api/content/${item.id}/withdraw`, { reason: '信息已过时效' });
  assert.equal(w.statusCode, 200);
  const after = await ctx.content.item(item.id);
  assert.equal(after.status, 'withdrawn');
  assert.equal(after.withdraw_reason, '信息已过时效');
  assert.equal((await call(app, t.reviewer, 'GET', `/api/sites/${t.siteId}/register`)).json().items.length, 2);
});

test('依申请提供 items are registered and catalogued, but their body is not public', async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const item = await draftNews(app, ctx, t, '2026年度政务服务中心窗口人员考核结果');
  const sub = (await submit(app, t, item.id, '否', '依申请提供')).json();
  await decide(app, t.reviewer, sub.id, '同意');
  await decide(app, t.leader, sub.id, '同意');
  const row = await ctx.db
    .selectFrom('published_items')
    .selectAll()
    .where('content_id', '=', item.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.body_public, 0);
  assert.doesNotMatch(row.snapshot, /工作推进会/);
  assert.equal(row.title, '2026年度政务服务中心窗口人员考核结果');
});

test("pre-publish checks: forbidden words block submission; personal data needs the reviewer's confirmation", async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const dict = (await ctx.prepublish.siteDictionaries(t.siteId)).forbidden[0];
  const bad = await draftNews(app, ctx, t, '含禁用词的稿件', { bodyHtml: `<p>这里出现了${dict}的说法。</p>` });
  const refused = await submit(app, t, bad.id);
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json().error.code, 'PREPUBLISH_BLOCKED');
  assert.ok(refused.json().error.details.findings.some((f: { check: string }) => f.check === 'forbidden-word'));

  // 11010519491231002X is a checksum-valid resident ID number.
  const personal = await draftNews(app, ctx, t, '公示：2026年度先进个人名单', {
    bodyHtml: '<p>张某，身份证号 11010519491231002X，联系电话 13812345678。</p>',
  });
  const sub = (await submit(app, t, personal.id)).json();
  const blocked = await decide(app, t.reviewer, sub.id, '同意');
  assert.equal(blocked.statusCode, 422);
  const findings = blocked.json().error.details.findings as { key: string; check: string; message: string }[];
  assert.ok(findings.some((f) => f.check === 'id-number'));
  assert.ok(
    findings.every((f) => !f.message.includes('11010519491231002X')),
    'the report masks the number',
  );
  const keys = findings.filter((f) => ['id-number', 'mobile'].includes(f.check)).map((f) => f.key);
  assert.equal(
    (await decide(app, t.reviewer, sub.id, '同意', '经核实须公示', { confirmFindings: keys })).json().state,
    'leader_review',
  );
  assert.equal((await decide(app, t.leader, sub.id, '同意')).json().state, 'approved');
});

test('the register numbers submissions per year and filters by decision, department and column', async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx, clock } = env;
  const t = await team(app, ctx);
  const a = await draftNews(app, ctx, t, '稿件甲');
  await publishThroughReview(app, t, a.id);
  const b = await draftNews(app, ctx, t, '稿件乙');
  const sb = (await submit(app, t, b.id)).json();
  await decide(app, t.reviewer, sb.id, '不同意', '请补充数据来源');
  clock.set('2027-01-02T02:00:00.000Z');
  await relogin(app, t);
  const c = await draftNews(app, ctx, t, '稿件丙');
  const sc = (await submit(app, t, c.id)).json();
  assert.equal(sc.serial, '2027-0001', '序号 restarts each year');

  const all = (await call(app, t.reviewer, 'GET', `/api/sites/${t.siteId}/register`)).json().items;
  assert.deepEqual(
    all.map((r: { serialText: string; outcome: string }) => `${r.serialText}:${r.outcome}`),
    ['2027-0001:审查中', '2026-0002:不同意', '2026-0001:同意'],
  );
  const agreed = (
    await call(app, t.reviewer, 'GET', `/api/sites/${t.siteId}/register?outcome=${encodeURIComponent('同意')}`)
  ).json().items;
  assert.equal(agreed.length, 1);
  assert.equal(agreed[0].dept.name, '测试zh_reviewer');
  assert.equal(agreed[0].leader.decision, '同意');
  assert.equal(agreed[0].columnBox, '部门动态');
  assert.equal(
    (await call(app, t.reviewer, 'GET', `/api/sites/${t.siteId}/register?year=2026`)).json().items.length,
    2,
  );
  const xlsx = await call(app, t.reviewer, 'GET', `/api/sites/${t.siteId}/register.xlsx?year=2026`);
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  const pdf = await call(app, t.reviewer, 'GET', `/api/sites/${t.siteId}/register.pdf?year=2026`);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
});
