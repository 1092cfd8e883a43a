// A survey from the console to its published results: every question type and a condition, the 附件3 review before
// it opens, answers through the plain form (signed in; anonymous per device without JavaScript, held for
// moderation), the refusals (not open, twice, a required answer missing, closed), live results for staff, charts
// with their tables at closing, free text only once moderated, the raw answers as XLSX.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, login, testEnv } from '../../../test/helpers.ts';
import { approveRelease, officeTeam } from '../../../test/participation.ts';
import { loginCitizen, registerCitizen } from '../../../test/citizens.ts';
import { ManualClock } from '../../platform/time.ts';

const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();
const QUESTIONS = [
  { id: 'used', type: 'single', title: '您是否使用过网上办事？', required: true, options: ['使用过', '没有使用过'] },
  {
    id: 'what',
    type: 'multiple',
    title: '您办理过哪些事项？',
    required: true,
    options: ['社保', '公积金', '企业开办'],
    showIf: { question: 'used', anyOf: [0] },
  },
  { id: 'score', type: 'rating', title: '总体满意度', required: true, scale: 5 },
  {
    id: 'grid',
    type: 'matrix',
    title: '各方面评价',
    required: false,
    rows: ['速度', '态度'],
    options: ['好', '一般', '差'],
  },
  { id: 'advice', type: 'text', title: '您的建议', required: false, maxLength: 200 },
];

const formBody = (fields: [string, string][]) => new URLSearchParams(fields).toString();
const tokenOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';

test(`a survey: review, answers by form, refusals, moderation, results with charts at closing, XLSX (${DIALECT})`, {
  timeout: 180_000,
}, async (t) => {
  const clock = new ManualClock(shanghai('2026-03-01T09:00:00'));
  const env = await testEnv({ clock });
  t.after(() => env.close());
  const { app, ctx } = env;
  const { siteId } = await officeTeam(ctx);
  const editor = await login(app, 'zh_editor');

  const bad = await call(app, editor, 'POST', `/api/surveys?siteId=${siteId}`, {
    title: '条件引用错误的调查',
    intro: '',
    access: 'account',
    opensAt: shanghai('2026-03-02T00:00:00'),
    closesAt: shanghai('2026-03-20T00:00:00'),
    questions: [{ ...QUESTIONS[1], showIf: { question: 'nope', anyOf: [0] } }],
  });
  assert.equal(bad.json().error.code, 'SURVEY_DEFINITION_INVALID');
  assert.match(bad.json().error.message, /显示条件须引用它前面的题目/);

  const created = await call(app, editor, 'POST', `/api/surveys?siteId=${siteId}`, {
    title: '网上办事体验调查',
    intro: '为改进网上办事服务，开展本次调查。',
    access: 'account',
    opensAt: shanghai('2026-03-02T00:00:00'),
    closesAt: shanghai('2026-03-20T00:00:00'),
    questions: QUESTIONS,
  });
  assert.equal(created.statusCode, 200, created.body);
  const id = created.json().id;
  assert.equal((await app.inject({ method: 'GET', url: `/survey/${id}` })).statusCode, 404, 'a draft is not public');
  const submitted = await call(app, editor, 'POST', `/api/surveys/${id}/submit`);
  assert.equal(submitted.statusCode, 200, submitted.body);
  const change = await call(app, editor, 'PUT', `/api/surveys/${id}`, {
    title: '网上办事体验调查（改）',
    intro: '',
    access: 'account',
    opensAt: shanghai('2026-03-02T00:00:00'),
    closesAt: shanghai('2026-03-20T00:00:00'),
    questions: QUESTIONS,
  });
  assert.equal(change.json().error.code, 'PARTICIPATION_NOT_EDITABLE', 'not while the review is under way');
  await approveRelease(app, submitted.json().reviewRequestId);

  // Released but not yet open.
  const me = await registerCitizen(app, ctx);
  let page = await app.inject({ method: 'GET', url: `/survey/${id}`, headers: { cookie: me.cookie } });
  assert.match(page.body, /调查将于 2026-03-02 00:00 开始/);

  clock.set(shanghai('2026-03-05T10:00:00'));
  const signedIn = await loginCitizen(app, me.identifier);
  const anonymousPage = await app.inject({ method: 'GET', url: `/survey/${id}` });
  assert.match(anonymousPage.body, /登录后参与调查/);
  page = await app.inject({ method: 'GET', url: `/survey/${id}`, headers: { cookie: signedIn.cookie } });
  assert.match(page.body, /<legend>2\. 您办理过哪些事项？/);
  assert.match(page.body, /（第1题选择“使用过”时回答）/);
  const post = (fields: [string, string][], cookie = signedIn.cookie) =>
    app.inject({
      method: 'POST',
      url: `/survey/${id}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody([['_csrf', tokenOf(page.body)], ...fields]),
    });
  const missing = await post([
    ['q_used', '0'],
    ['q_score', '4'],
  ]);
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /请回答第2题“您办理过哪些事项？”/);
  assert.match(missing.body, /name="q_used" checked="" value="0"/, 'the answers given are kept');
  assert.equal((await ctx.db.selectFrom('survey_responses').select('id').execute()).length, 0);
  const ok = await post([
    ['q_used', '0'],
    ['q_what', '0'],
    ['q_what', '2'],
    ['q_score', '4'],
    ['q_grid_0', '0'],
    ['q_advice', '希望增加夜间办理'],
  ]);
  assert.equal(ok.statusCode, 303, ok.body);
  const twice = await post([
    ['q_used', '1'],
    ['q_score', '2'],
  ]);
  assert.equal(twice.statusCode, 409);
  assert.match(twice.body, /您已参加过本次调查，每个账号只能提交一次答卷/);

  // A second citizen who has not used online services: the conditional question is not asked.
  const other = await registerCitizen(app, ctx);
  page = await app.inject({ method: 'GET', url: `/survey/${id}`, headers: { cookie: other.cookie } });
  const skip = await post(
    [
      ['q_used', '1'],
      ['q_what', '1'],
      ['q_score', '2'],
    ],
    other.cookie,
  );
  assert.equal(skip.statusCode, 303, skip.body);

  const live = (await call(app, await login(app, 'zh_editor'), 'GET', `/api/surveys/${id}`)).json();
  assert.equal(live.responses, 2);
  assert.deepEqual(
    live.results.questions[1].options.map((o: { count: number }) => o.count),
    [1, 0, 1],
    'the hidden question’s answer of the second citizen was dropped',
  );
  assert.equal(live.results.questions[2].average, 3);
  assert.deepEqual(live.results.questions[4].texts, ['希望增加夜间办理'], 'staff see free text before moderation');

  const early = await app.inject({ method: 'GET', url: `/survey/${id}/results` });
  assert.match(early.body, /调查结果将于调查结束（2026-03-20 00:00）后公布/);

  // Closed: answering is refused; the results are public with charts and tables, free text only once approved.
  clock.set(shanghai('2026-03-20T08:00:00'));
  const third = await registerCitizen(app, ctx);
  const late = await app.inject({
    method: 'POST',
    url: `/survey/${id}`,
    headers: { cookie: third.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody([
      ['_csrf', third.csrf],
      ['q_used', '1'],
      ['q_score', '5'],
    ]),
  });
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /该调查已于 2026-03-20 00:00 结束，不能提交答卷/);
  let results = await app.inject({ method: 'GET', url: `/survey/${id}/results` });
  assert.equal(results.statusCode, 200);
  assert.match(results.body, /有效答卷 2 份/);
  assert.match(results.body, /<svg[^>]+role="img"/);
  assert.match(results.body, /<table class="chart-table"/);
  assert.match(results.body, /<meta name="PubDate" content="2026-03-20 00:00:00"/);
  assert.doesNotMatch(results.body, /希望增加夜间办理/);
  const staff = await login(app, 'zh_editor');
  const queue = (await call(app, staff, 'GET', `/api/surveys/${id}/moderation`)).json().items;
  assert.equal(queue.length, 1);
  await call(app, staff, 'POST', `/api/surveys/${id}/moderation/${queue[0].id}`, { kind: 'text', decision: 'approve' });
  results = await app.inject({ method: 'GET', url: `/survey/${id}/results` });
  assert.match(results.body, /希望增加夜间办理/);

  const xlsx = await call(app, staff, 'GET', `/api/surveys/${id}/answers.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');

  const column = await app.inject({ method: 'GET', url: '/gzdc/' });
  assert.match(column.body, /网上办事体验调查/);
  assert.match(column.body, /已结束/);
});

test(`an anonymous survey: one answer per device; without the proof of work it waits for a moderator (${DIALECT})`, async (t) => {
  const clock = new ManualClock(shanghai('2026-04-01T09:00:00'));
  const env = await testEnv({ clock });
  t.after(() => env.close());
  const { app, ctx } = env;
  const { siteId } = await officeTeam(ctx);
  const editor = await login(app, 'zh_editor');
  const created = await call(app, editor, 'POST', `/api/surveys?siteId=${siteId}`, {
    title: '窗口服务匿名评价',
    intro: '',
    access: 'anonymous',
    opensAt: shanghai('2026-04-01T08:00:00'),
    closesAt: shanghai('2026-04-30T00:00:00'),
    questions: [QUESTIONS[2]],
  });
  const id = created.json().id;
  await approveRelease(app, (await call(app, editor, 'POST', `/api/surveys/${id}/submit`)).json().reviewRequestId);

  const first = await app.inject({ method: 'GET', url: `/survey/${id}` });
  const cookies = first.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  assert.match(first.body, /data-altcha=/);
  const send = () =>
    app.inject({
      method: 'POST',
      url: `/survey/${id}`,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody([
        ['_csrf', tokenOf(first.body)],
        ['q_score', '5'],
        ['altcha', ''],
      ]),
    });
  assert.equal((await send()).statusCode, 303);
  const again = await send();
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /每台设备只能提交一次答卷/);
  const forged = await app.inject({
    method: 'POST',
    url: `/survey/${id}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody([
      ['_csrf', 'x'],
      ['q_score', '1'],
    ]),
  });
  assert.equal(forged.statusCode, 403);

  const detail = (await call(app, editor, 'GET', `/api/surveys/${id}`)).json();
  assert.equal(detail.responses, 0);
  assert.equal(detail.held, 1, 'submitted without JavaScript: held');
  const queue = (await call(app, editor, 'GET', `/api/surveys/${id}/moderation`)).json().items;
  await call(app, editor, 'POST', `/api/surveys/${id}/moderation/${queue[0].id}`, {
    kind: 'response',
    decision: 'approve',
  });
  assert.equal((await call(app, editor, 'GET', `/api/surveys/${id}`)).json().responses, 1);
});

test(`a survey ended early: refused before it opens, then answers stop and the results are public (${DIALECT})`, async (t) => {
  const clock = new ManualClock(shanghai('2026-03-01T09:00:00'));
  const env = await testEnv({ clock });
  t.after(() => env.close());
  const { app, ctx } = env;
  const { siteId } = await officeTeam(ctx);
  const editor = await login(app, 'zh_editor');
  const created = await call(app, editor, 'POST', `/api/surveys?siteId=${siteId}`, {
    title: '窗口服务快速调查',
    intro: '',
    access: 'account',
    opensAt: shanghai('2026-03-02T00:00:00'),
    closesAt: shanghai('2026-04-30T00:00:00'),
    questions: [QUESTIONS[0]],
  });
  const id = created.json().id;
  const draft = await call(app, editor, 'POST', `/api/surveys/${id}/close`);
  assert.equal(draft.statusCode, 409);
  assert.equal(draft.json().error.message, '该调查草稿，只有进行中的调查可以提前结束');
  await approveRelease(app, (await call(app, editor, 'POST', `/api/surveys/${id}/submit`)).json().reviewRequestId);

  clock.set(shanghai('2026-03-10T10:00:00'));
  const me = await registerCitizen(app, ctx);
  const closed = await call(app, await login(app, 'zh_editor'), 'POST', `/api/surveys/${id}/close`);
  assert.equal(closed.statusCode, 200, closed.body);
  const detail = (await call(app, await login(app, 'zh_editor'), 'GET', `/api/surveys/${id}`)).json();
  assert.deepEqual(
    [detail.phase, detail.closesAt, detail.feedbackDue],
    ['closed', clock.now().toISOString(), '2026-04-10'],
  );
  const page = await app.inject({ method: 'GET', url: `/survey/${id}`, headers: { cookie: me.cookie } });
  assert.match(page.body, /本次调查已结束。<a href="\/survey\/\d+\/results">查看调查结果/);
  assert.equal((await app.inject({ method: 'GET', url: `/survey/${id}/results` })).statusCode, 200);
  const again = await call(app, await login(app, 'zh_editor'), 'POST', `/api/surveys/${id}/close`);
  assert.equal(again.json().error.code, 'SURVEY_CLOSE_NOT_OPEN');
  const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'survey.close').execute();
  assert.equal(audit.length, 1);
});
