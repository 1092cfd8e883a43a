// 意见征集 from a draft 政策文件 to its adoption report: the notice through the 附件3 review, comments on the whole
// text and on a paragraph by signed-in citizens through the plain form (refusals keep what was typed and store
// nothing), moderation before anything shows, adoption with reasons after closing, the report refused while a
// comment lacks its adoption, published in 意见反馈 and linked both ways, the one-month reminder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, columnByName, login, staff, testEnv } from '../../../test/helpers.ts';
import { approveRelease, officeTeam } from '../../../test/participation.ts';
import { loginCitizen, registerCitizen } from '../../../test/citizens.ts';
import { ManualClock } from '../../platform/time.ts';
import { participationChecks } from '../participation/participation.checks.ts';

const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();

test(`a solicitation: review, comments by form, moderation, adoption, the report in 意见反馈 (${DIALECT})`, {
  timeout: 180_000,
}, async (t) => {
  const clock = new ManualClock(shanghai('2026-04-01T09:00:00'));
  const env = await testEnv({ clock });
  t.after(() => env.close());
  const { app, ctx } = env;
  const { siteId } = await officeTeam(ctx);

  // A draft 政策文件 written by the department that leads 部门文件.
  const bmwj = await columnByName(ctx, '部门文件');
  const lead = await ctx.db
    .selectFrom('departments')
    .select('name')
    .where('id', '=', bmwj.leadDepartmentId!)
    .executeTakeFirstOrThrow();
  await staff(ctx, 'policy_editor', ['editor'], lead.name);
  const writer = await login(app, 'policy_editor');
  const draft = await call(app, writer, 'POST', `/api/sites/${siteId}/content`, {
    type: 'policy',
    columnId: bmwj.id,
    title: '南江市政务服务“好差评”管理办法',
    bodyHtml:
      '<h2>第一章 总则</h2><p>第一条 为规范政务服务评价，制定本办法。</p><p>第二条 本办法适用于本市各级政务服务机构。</p>',
    fields: {
      docNumber: '南政务办发〔2026〕20号',
      issuingOrgan: '南江市政务服务管理办公室',
      writtenDate: '2026-03-20',
      theme: '综合政务',
      validity: '有效',
      disclosureMethod: '主动公开',
      disclosureScope: '面向社会',
    },
  });
  assert.equal(draft.statusCode, 200, draft.body);
  const policyId = draft.json().id;

  let editor = await login(app, 'zh_editor');
  const drafts = await call(app, editor, 'GET', `/api/solicitations/draft-policies?siteId=${siteId}`);
  assert.ok(drafts.json().items.some((p: { id: number }) => p.id === policyId));
  const created = await call(app, editor, 'POST', `/api/solicitations?siteId=${siteId}`, {
    policyContentId: policyId,
    intro: '为广泛听取社会各界意见，现公开征求意见。',
    opensAt: shanghai('2026-04-02T00:00:00'),
  });
  assert.equal(created.statusCode, 200, created.body);
  const id = created.json().id;
  let detail = (await call(app, editor, 'GET', `/api/solicitations/${id}`)).json();
  assert.equal(detail.days, 30, 'thirty days unless set otherwise');
  assert.equal(detail.paragraphs.length, 3);
  assert.equal(detail.title, '关于《南江市政务服务“好差评”管理办法（征求意见稿）》公开征求意见的公告');
  assert.equal(
    (await app.inject({ method: 'GET', url: `/solicitation/${id}` })).statusCode,
    404,
    'a draft is not public',
  );

  const submitted = await call(app, editor, 'POST', `/api/solicitations/${id}/submit`);
  assert.equal(submitted.statusCode, 200, submitted.body);
  await approveRelease(app, submitted.json().reviewRequestId);
  detail = (await call(app, editor, 'GET', `/api/solicitations/${id}`)).json();
  assert.equal(detail.status, 'released');
  assert.equal(detail.phase, 'scheduled');

  clock.set(shanghai('2026-04-10T10:00:00'));
  const me = await registerCitizen(app, ctx, { displayName: '王小明' });
  const anonymous = await app.inject({ method: 'GET', url: `/solicitation/${id}` });
  assert.match(anonymous.body, /登录后发表意见/);
  assert.match(anonymous.body, /第二条 本办法适用于本市各级政务服务机构。/);
  const post = (fields: [string, string][], cookie = me.cookie) =>
    app.inject({
      method: 'POST',
      url: `/solicitation/${id}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form([['_csrf', me.csrf], ...fields]),
    });
  const empty = await post([['text', '   ']]);
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /意见内容须为 1 到 2000 字/);
  const wrongParagraph = await post([
    ['paragraphId', 'p99'],
    ['text', '建议增加评价结果的公开时限。'],
  ]);
  assert.match(wrongParagraph.body, /所选段落不存在/);
  assert.match(wrongParagraph.body, /建议增加评价结果的公开时限。<\/textarea>/, 'what was typed is kept');
  assert.equal((await ctx.db.selectFrom('solicitation_comments').select('id').execute()).length, 0);
  const stranger = await app.inject({
    method: 'POST',
    url: `/solicitation/${id}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form([['text', '匿名意见']]),
  });
  assert.equal(stranger.statusCode, 401);
  assert.equal(
    (
      await post([
        ['paragraphId', 'p3'],
        ['text', '建议明确适用于乡镇便民服务中心。'],
      ])
    ).statusCode,
    303,
  );
  assert.equal((await post([['text', '建议增加评价结果的公开时限。']])).statusCode, 303);
  assert.equal((await post([['text', '与本办法无关的广告内容']])).statusCode, 303);

  let page = await app.inject({ method: 'GET', url: `/solicitation/${id}` });
  assert.doesNotMatch(page.body, /乡镇便民服务中心/, 'nothing shows before moderation');
  editor = await login(app, 'zh_editor');
  detail = (await call(app, editor, 'GET', `/api/solicitations/${id}`)).json();
  assert.equal(detail.comments?.length, 3, JSON.stringify(detail));
  assert.equal(detail.pending, 3);
  const [onParagraph, onWhole, spam] = detail.comments;
  assert.equal(onParagraph.paragraphLabel, '第3段');
  const moderate = (commentId: number, decision: string) =>
    call(app, editor, 'POST', `/api/solicitations/${id}/comments/${commentId}/moderate`, { decision });
  await moderate(onParagraph.id, 'approve');
  await moderate(onWhole.id, 'approve');
  await moderate(spam.id, 'reject');
  page = await app.inject({ method: 'GET', url: `/solicitation/${id}` });
  assert.match(page.body, /建议明确适用于乡镇便民服务中心。/);
  assert.match(page.body, /王\*\*/, 'the name is masked');
  assert.doesNotMatch(page.body, /广告内容/);

  // Adoption waits for the end of the period.
  const early = await call(app, editor, 'POST', `/api/solicitations/${id}/comments/${onWhole.id}/adopt`, {
    adoption: '采纳',
    reason: '',
  });
  assert.equal(early.json().error.code, 'SOLICITATION_NOT_CLOSED');

  clock.set(shanghai('2026-05-03T10:00:00'));
  const late = await post([['text', '截止后的意见']], (await loginCitizen(app, me.identifier)).cookie);
  assert.match(late.body, /已于/);
  const editor2 = await login(app, 'zh_editor');
  const noReason = await call(app, editor2, 'POST', `/api/solicitations/${id}/comments/${onParagraph.id}/adopt`, {
    adoption: '部分采纳',
    reason: ' ',
  });
  assert.equal(noReason.json().error.message, '“部分采纳”须填写理由');
  assert.equal(
    (
      await call(app, editor2, 'POST', `/api/solicitations/${id}/comments/${onParagraph.id}/adopt`, {
        adoption: '部分采纳',
        reason: '乡镇便民服务中心参照执行。',
      })
    ).statusCode,
    200,
  );
  const incomplete = await call(app, editor2, 'POST', `/api/solicitations/${id}/feedback`);
  assert.equal(incomplete.json().error.message, '还有 1 条意见未填写采纳情况或理由');
  await call(app, editor2, 'POST', `/api/solicitations/${id}/comments/${onWhole.id}/adopt`, {
    adoption: '采纳',
    reason: '',
  });

  // The one-month reminder a week before the feedback is due.
  clock.set(shanghai('2026-05-27T10:00:00'));
  assert.equal(await ctx.participation.solicitations.remind(), 1);
  assert.equal(await ctx.participation.solicitations.remind(), 0, 'once per level');

  const editor3 = await login(app, 'zh_editor');
  const feedback = await call(app, editor3, 'POST', `/api/solicitations/${id}/feedback`);
  assert.equal(feedback.statusCode, 200, feedback.body);
  await approveRelease(app, feedback.json().reviewRequestId);
  detail = (await call(app, editor3, 'GET', `/api/solicitations/${id}`)).json();
  assert.ok(detail.feedbackPublishedAt);
  assert.equal(detail.feedbackOverdue, false);

  const fb = await columnByName(ctx, '意见反馈');
  const report = await app.inject({ method: 'GET', url: `${fb.path}${detail.feedbackContentId}.html` });
  assert.equal(report.statusCode, 200);
  assert.match(report.body, /共收到意见建议3条，其中经审核公开2条。经认真研究，采纳1条，部分采纳1条，未采纳0条/);
  assert.match(report.body, new RegExp(`href="/solicitation/${id}"`), 'the report links to the solicitation');
  page = await app.inject({ method: 'GET', url: `/solicitation/${id}` });
  assert.match(page.body, new RegExp(`href="${fb.path}${detail.feedbackContentId}.html"`), 'and back');
  assert.match(page.body, /乡镇便民服务中心参照执行。/);
  const column = await app.inject({ method: 'GET', url: (await columnByName(ctx, '意见征集')).path });
  assert.match(column.body, new RegExp(`href="/solicitation/${id}"`));

  const space = await app.inject({
    method: 'GET',
    url: '/user/',
    headers: { cookie: (await loginCitizen(app, me.identifier)).cookie },
  });
  assert.match(space.body, /意见征集：关于《南江市政务服务“好差评”管理办法/);

  // 调查征集 from inside: one activity (fewer than 6), its feedback public within the month.
  const [check] = participationChecks(ctx.participation.surveys, ctx.participation.solicitations);
  const [result] = await check!({
    db: ctx.db,
    siteId,
    now: clock.now(),
    seed: 1,
    url: (p) => p,
    columns: ctx.columns,
    duty: ctx.duty,
  });
  assert.equal(result!.status, 'measured');
  const findings = result!.status === 'measured' ? result!.findings : [];
  assert.deepEqual(
    findings.map((f) => [f.subRule, f.message]),
    [[2, '近1年结束的 1 次调查征集活动均在结束后1个月内公开反馈结果']],
  );
});
