// The whole life of an online application through the API and the citizen's pages, on real 2026 dates around
// 劳动节 (05-01 … 05-05 off, 05-09 a make-up working Saturday): a guide published through the release review, a
// citizen applying with uploads, one complete 补正 within 5 working days, the clock stopped while supplementing,
// 受理 → 办理 → 办结 with 承诺/法定时限, notices by SMS with delivery recorded, a 差评 rectified and revisited, and
// the published statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, DIALECT, login, testEnv } from '../../../test/helpers.ts';
import { citizenOutbox, loginCitizen, registerCitizen, type CitizenSession } from '../../../test/citizens.ts';
import { ManualClock } from '../../platform/time.ts';
import { multipart, PDF, PNG, postForm, publishedItem, serviceTeam } from './services-testing.ts';

test(`an application's life on the 2026 calendar: 补正 once, clock stopped, 受理 → 办结, 差评 → 整改 → 回访 (${DIALECT})`, async (t) => {
  const clock = new ManualClock('2026-04-20T02:00:00.000Z');
  const env = await testEnv({ clock });
  t.after(() => env.close());
  const { app, ctx } = env;
  const team = await serviceTeam(app, ctx);
  const itemId = await publishedItem(app, ctx, team);
  const base = `/api/sites/${team.siteId}/services`;
  /** Staff sessions time out while the clock jumps days ahead: sign in again at each step. */
  const at = async (time: string) => {
    clock.set(time);
    team.officer = await login(app, 'svc_officer');
    team.leader = await login(app, 'svc_leader');
    if (citizen) citizen = await loginCitizen(app, citizen.identifier, citizen.password);
  };
  let citizen: CitizenSession | null = null;

  // The public item page shows the guide, its downloads and the online application.
  const page = await app.inject({ method: 'GET', url: '/bsfw/item/11320100MB0000001-XK-0001.html' });
  assert.equal(page.statusCode, 200);
  for (const label of [
    '事项名称',
    '设定依据',
    '申请条件',
    '办理材料',
    '办理地点',
    '办理机构',
    '收费标准',
    '办理时间',
    '联系电话',
    '办理流程',
  ])
    assert.ok(page.body.includes(label), label);
  assert.match(page.body, /空白表格下载/);
  assert.match(page.body, /示例样表下载/);
  assert.match(page.body, /href="\/user\/bsfw\/apply\/\d+"/);
  assert.match(page.body, /文件要点：/, 'the policy basis shows its content');

  // 2026-04-30 (Thursday) 15:00: a citizen applies with the required materials.
  await at('2026-04-30T07:00:00.000Z');
  const outbox = citizenOutbox(ctx);
  citizen = await registerCitizen(app, ctx, { displayName: '南江某某科技有限公司' });
  const form = await app.inject({
    method: 'GET',
    url: `/user/bsfw/apply/${itemId}`,
    headers: { cookie: citizen.cookie },
  });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="material:公共资源交易主体注册申请表"/);
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(form.body)![1];
  const fields: [string, string][] = [
    ['_csrf', citizen.csrf],
    ['idempotencyKey', key],
    ['applicantName', '南江某某科技有限公司'],
    ['contact', '13912345678'],
    ['remark', '首次注册'],
  ];
  const files = [
    { field: 'material:公共资源交易主体注册申请表', name: '申请表.pdf', bytes: PDF },
    { field: 'material:法定代表人身份证', name: '身份证.png', bytes: PNG },
  ];
  const missing = await postForm(app, citizen, `/user/bsfw/apply/${itemId}`, multipart(fields, files.slice(0, 1)));
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /请上传必需的材料：法定代表人身份证/);
  const forged = await postForm(
    app,
    citizen,
    `/user/bsfw/apply/${itemId}`,
    multipart([['_csrf', 'x'], ...fields.slice(1)], files),
  );
  assert.equal(forged.statusCode, 403);
  const posted = await postForm(app, citizen, `/user/bsfw/apply/${itemId}`, multipart(fields, files));
  assert.equal(posted.statusCode, 303, posted.body);
  const again = await postForm(app, citizen, `/user/bsfw/apply/${itemId}`, multipart(fields, files));
  assert.equal(again.headers.location, posted.headers.location, 'a double submission returns the first application');
  const appId = Number(/applications\/(\d+)/.exec(String(posted.headers.location))![1]);
  assert.equal((await ctx.db.selectFrom('service_applications').select('id').execute()).length, 1);

  const detail = async () => {
    const res = await call(app, team.officer, 'GET', `${base}/applications/${appId}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  let d = await detail();
  assert.equal(d.application.state, 'submitted');
  assert.match(d.application.receiptNo, /^BJ202604300001$/);
  assert.equal(
    d.clocks.acceptance.due,
    '2026-05-11',
    '5 working days after 04-30: 05-06, 05-07, 05-08, 05-09 (调休), 05-11',
  );
  assert.equal(d.materials.find((m: { name: string }) => m.name === '法定代表人身份证').files.length, 1);

  // 05-07: one complete 补正 notice; the applicant hears by SMS, the delivery is recorded; a second one is refused.
  await at('2026-05-07T02:00:00.000Z');
  const corr = await call(app, team.officer, 'POST', `${base}/applications/${appId}/correction`, {
    missing: ['法定代表人身份证（正反面，清晰）', '授权委托书（由代理人办理时）'],
    note: '身份证照片模糊',
  });
  assert.equal(corr.statusCode, 200, corr.body);
  assert.equal(corr.json().application.state, 'correction');
  assert.equal(corr.json().clocks.acceptance.paused, true);
  assert.match(outbox.sms.sent.at(-1)!.text, /1\. 法定代表人身份证（正反面，清晰）；2\. 授权委托书/);
  assert.equal(corr.json().notices[0].status, 'sent');
  const twice = await call(app, team.officer, 'POST', `${base}/applications/${appId}/correction`, {
    missing: ['x'],
    note: '',
  });
  assert.equal(twice.statusCode, 409);

  // 05-12: the applicant supplements; the 5 days resume (05-06, 05-07 used; 05-13, 05-14, 05-15).
  await at('2026-05-12T03:00:00.000Z');
  const supForm = await app.inject({
    method: 'GET',
    url: `/user/bsfw/applications/${appId}`,
    headers: { cookie: citizen.cookie },
  });
  assert.match(supForm.body, /需要补正的全部内容/);
  const sup = await postForm(
    app,
    citizen,
    `/user/bsfw/applications/${appId}/supplement`,
    multipart(
      [
        ['_csrf', citizen.csrf],
        ['note', '已重新扫描'],
      ],
      [{ field: 'material:法定代表人身份证', name: '身份证2.png', bytes: PNG }],
    ),
  );
  assert.equal(sup.statusCode, 303, sup.body);
  d = await detail();
  assert.equal(d.application.state, 'submitted');
  assert.equal(d.clocks.acceptance.due, '2026-05-15');
  assert.equal(d.clocks.acceptance.daysUsed, 2);

  // 05-13: 受理; 承诺时限 5 and 法定时限 20 working days run from 受理.
  await at('2026-05-13T02:00:00.000Z');
  assert.equal(
    (await call(app, team.officer, 'POST', `${base}/applications/${appId}/accept`, { note: '材料齐全' })).statusCode,
    200,
  );
  d = await detail();
  assert.equal(d.clocks.promised.due, '2026-05-20');
  assert.equal(d.clocks.statutory.due, '2026-06-10');
  assert.equal(
    (await call(app, team.officer, 'POST', `${base}/applications/${appId}/start`, { note: '' })).statusCode,
    200,
  );

  // Reminders: two working days before the promised limit the department is told; once overdue, its leader.
  await at('2026-05-18T01:00:00.000Z');
  assert.deepEqual(await ctx.services.handling.remind(team.siteId), { reminded: 1, escalated: 0 });
  assert.deepEqual(await ctx.services.handling.remind(team.siteId), { reminded: 0, escalated: 0 }, 'once a day');
  await at('2026-05-21T01:00:00.000Z');
  assert.deepEqual(await ctx.services.handling.remind(team.siteId), { reminded: 0, escalated: 1 });
  const leaderBell = await call(app, team.leader, 'GET', '/api/notifications');
  assert.match(leaderBell.body, /办件超期督办/);

  // 05-21: 办结 (a day late); the applicant is told and rates 不满意.
  const done = await call(app, team.officer, 'POST', `${base}/applications/${appId}/complete`, {
    outcome: '准予',
    note: '已发放数字证书',
  });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().clocks.promised.overdue, true);
  assert.match(outbox.sms.sent.at(-1)!.text, /已办结，办理结果：准予/);
  const rate = await app.inject({
    method: 'POST',
    url: `/user/bsfw/applications/${appId}/rate`,
    headers: { cookie: citizen.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: citizen.csrf, level: '2', comment: '超过承诺时限' }).toString(),
  });
  assert.equal(rate.statusCode, 303, rate.body);
  const rated = await app.inject({
    method: 'POST',
    url: `/user/bsfw/applications/${appId}/rate`,
    headers: { cookie: citizen.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: citizen.csrf, level: '5' }).toString(),
  });
  assert.equal(rated.statusCode, 409, 'one rating per application');

  // The 差评 opens a rectification due in 15 working days; the department rectifies, then revisits.
  const list = await call(app, team.officer, 'GET', `${base}/rectifications`);
  const r = list.json().rectifications[0];
  assert.equal(r.state, 'open');
  assert.equal(r.dueOn, '2026-06-11', '15 working days after 05-21');
  assert.equal(
    (await call(app, team.officer, 'POST', `${base}/rectifications/${r.id}/revisit`, { result: '满意', note: '回访' }))
      .statusCode,
    409,
  );
  assert.equal(
    (
      await call(app, team.officer, 'POST', `${base}/rectifications/${r.id}/rectify`, {
        measures: '增加审核人员，压缩审核时间',
      })
    ).statusCode,
    200,
  );
  const revisit = await call(app, team.officer, 'POST', `${base}/rectifications/${r.id}/revisit`, {
    result: '满意',
    note: '电话回访，申请人认可',
  });
  assert.equal(revisit.json().state, 'revisited');

  // The published statistics count it: received in April, accepted and completed in May, late.
  await ctx.services.stats.refresh(team.siteId);
  const stats = (await call(app, team.officer, 'GET', `${base}/stats`)).json();
  assert.deepEqual(
    stats.byMonth.map((m: { month: string; received: number; accepted: number; completed: number; onTime: number }) => [
      m.month,
      m.received,
      m.accepted,
      m.completed,
      m.onTime,
    ]),
    [
      ['2026-04', 1, 0, 0, 0],
      ['2026-05', 0, 1, 1, 0],
    ],
  );
  assert.equal(stats.ratings.at(-1).bad, 1);
  assert.equal(stats.ratings.at(-1).revisited, 1);
  const publicStats = await app.inject({ method: 'GET', url: '/bsfw/tongji/' });
  assert.equal(publicStats.statusCode, 200);
  assert.match(publicStats.body, /<svg/);
  assert.match(publicStats.body, /按月份统计/);

  // The citizen's user space lists the application with its state.
  const space = await app.inject({ method: 'GET', url: '/user/', headers: { cookie: citizen.cookie } });
  assert.match(space.body, /我的办件/);
  assert.match(space.body, /公共资源交易主体注册/);
});
