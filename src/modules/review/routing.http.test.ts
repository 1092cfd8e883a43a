// The workflow never gets stuck: a reviewer's own submission goes to a colleague; with no colleague, to the
// reviewer the site administrator designated (audited), never skipping a level; waiting items are escalated
// and can be reassigned; the submitter is told where it went. Notifications: grouped per item, no backlog for
// a new account, bulk read, the published page as the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, call, login, staff, DIALECT, type Session } from '../../../test/helpers.ts';
import { team, draftNews, decide } from '../../../test/workflow.ts';

test(`a reviewer's own submission goes to a colleague; with none, to the designated reviewer (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  // 综合处 has one reviewer (zh_reviewer); an editor who is also a reviewer submits.
  const both = await staff(ctx, 'zh_both', ['editor', 'reviewer'], '综合处');
  const bothSession = await login(app, 'zh_both');
  const me = { ...tm, editor: bothSession };
  const item = await draftNews(app, ctx, me, '审核人自己提交的信息');
  const sub = await call(app, bothSession, 'POST', `/api/content/${item.id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  assert.equal(sub.statusCode, 200, sub.body);
  assert.equal(sub.json().state, 'dept_review', 'the reviewer level is not skipped');
  assert.match(sub.json().routedTo, /已送审核人（测试zh_reviewer，任一人可办理）/);
  const colleagueInbox = (await call(app, tm.reviewer, 'GET', '/api/review/inbox')).json();
  assert.equal(colleagueInbox.waiting.length, 1);
  assert.equal((await call(app, bothSession, 'GET', '/api/review/inbox')).json().waiting.length, 0);
  assert.equal((await decide(app, bothSession, sub.json().id, '同意')).statusCode, 403);

  // Now the colleague is the submitter: nobody else in 综合处 can review → the site administrator is told.
  await staff(ctx, 'site_admin1', ['site_admin']);
  const admin = await login(app, 'site_admin1');
  const own = await draftNews(app, ctx, { ...tm, editor: tm.reviewer }, '另一篇', {}).catch(() => null);
  assert.equal(own, null, 'a pure reviewer cannot write; use the editor-reviewer again');
  await ctx.db.deleteFrom('user_roles').where('user_id', '=', tm.ids.reviewer!).execute();
  const second = await draftNews(app, ctx, me, '本部门唯一审核人提交');
  const stuck = await call(app, bothSession, 'POST', `/api/content/${second.id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  assert.match(stuck.json().routedTo, /本部门暂无其他审核人可以办理，已通知站点管理员/);
  const bell = (await call(app, admin, 'GET', '/api/notifications')).json();
  assert.ok(
    bell.items.some((n: { kind: string }) => n.kind === 'review-stuck'),
    JSON.stringify(bell.items),
  );
  const waiting = (await call(app, admin, 'GET', `/api/sites/${tm.siteId}/review/waiting`)).json();
  const row = waiting.items.find((w: { id: number }) => w.id === stuck.json().id);
  assert.equal(row.route, 'none');
  assert.equal(row.stuck, true);

  // The site administrator designates 组宣处's reviewer for 综合处; the step goes there, audited.
  const dep = await ctx.db
    .selectFrom('departments')
    .select('id')
    .where('name', '=', '综合处')
    .executeTakeFirstOrThrow();
  const designated = await call(app, admin, 'PUT', `/api/sites/${tm.siteId}/review/designates`, {
    departmentId: dep.id,
    step: 'dept',
    userId: tm.ids.otherReviewer,
  });
  assert.equal(designated.statusCode, 200, designated.body);
  const notReviewer = await call(app, admin, 'PUT', `/api/sites/${tm.siteId}/review/designates`, {
    departmentId: dep.id,
    step: 'dept',
    userId: both.id === 0 ? 1 : tm.ids.editor,
  });
  assert.equal(notReviewer.statusCode, 400);
  assert.match(notReviewer.json().error.message, /没有审核人角色/);
  const third = await draftNews(app, ctx, me, '指定审核人办理');
  const routed = await call(app, bothSession, 'POST', `/api/content/${third.id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  assert.match(routed.json().routedTo, /已送站点管理员指定的审核人测试zx_reviewer/);
  const ok = await decide(app, tm.otherReviewer, routed.json().id, '同意');
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().state, 'leader_review', 'the leader level follows');
  const audit = await ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('action', '=', 'review.designate')
    .execute();
  assert.equal(audit.length, 1);
});

test(`waiting items are escalated after the configured time and can be reassigned, audited (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  await staff(ctx, 'site_admin1', ['site_admin']);
  await staff(ctx, 'zh_reviewer2', ['reviewer'], '综合处');
  const item = await draftNews(app, ctx, tm, '等待很久的信息');
  const sub = await call(app, tm.editor, 'POST', `/api/content/${item.id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  const requestId = sub.json().id as number;
  assert.equal(await ctx.reviewRouting.escalateWaiting(), 0);
  env.clock.advance((ctx.config.reviewEscalateHours + 1) * 3600_000);
  assert.equal(await ctx.reviewRouting.escalateWaiting(), 1);
  assert.equal(await ctx.reviewRouting.escalateWaiting(), 0, 'once per step');
  const admin = await login(app, 'site_admin1');
  const leader = await login(app, 'zh_leader');
  const leaderBell = (await call(app, leader, 'GET', '/api/notifications')).json();
  assert.ok(leaderBell.items.some((n: { title: string }) => n.title.startsWith('催办：')));
  const waiting = (await call(app, admin, 'GET', `/api/sites/${tm.siteId}/review/waiting`)).json();
  assert.equal(waiting.items[0].stuck, true);
  assert.ok(waiting.items[0].escalatedAt);

  const refused = await call(app, admin, 'POST', `/api/review/${requestId}/reassign`, {
    userId: tm.ids.editor,
    reason: '原审核人出差',
  });
  assert.equal(refused.statusCode, 400);
  const reviewer2 = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'zh_reviewer2')
    .executeTakeFirstOrThrow();
  const moved = await call(app, admin, 'POST', `/api/review/${requestId}/reassign`, {
    userId: reviewer2.id,
    reason: '原审核人出差',
  });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.match(moved.json().routedTo, /已由站点管理员改派给测试zh_reviewer2/);
  const r2: Session = await login(app, 'zh_reviewer2');
  assert.equal((await call(app, r2, 'GET', '/api/review/inbox')).json().waiting.length, 1);
  const reviewer = await login(app, 'zh_reviewer');
  assert.equal((await call(app, reviewer, 'GET', '/api/review/inbox')).json().waiting.length, 0);
  const actions = (await ctx.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
  assert.ok(actions.includes('review.reassign'));
  assert.ok(actions.includes('review.escalate'));
  // Only site administrators see the list and reassign.
  assert.equal((await call(app, reviewer, 'GET', `/api/sites/${tm.siteId}/review/waiting`)).statusCode, 403);
});

test(`notifications: one per item, no backlog for a new account, filter and bulk read, published page link (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  // A department reminder written before the new colleague joined is not theirs.
  await ctx.db
    .insertInto('notifications')
    .values({
      site_id: tm.siteId,
      user_id: null,
      department_id: (
        await ctx.db
          .selectFrom('users')
          .select('department_id')
          .where('id', '=', tm.ids.editor!)
          .executeTakeFirstOrThrow()
      ).department_id,
      kind: 'column-due',
      dedupe_key: 'old-backlog',
      title: '栏目“旧”已超期',
      body: '旧提醒',
      link: '/admin/duty',
      created_at: '2020-01-01T00:00:00.000Z',
      read_at: null,
    })
    .execute();
  env.clock.advance(60_000);
  await staff(ctx, 'zh_newcomer', ['editor'], '综合处');
  const newcomer = await login(app, 'zh_newcomer');
  assert.deepEqual((await call(app, newcomer, 'GET', '/api/notifications')).json(), { items: [], unread: 0 });

  // One item returned, resubmitted and approved: the editor sees one entry for it, linking to the public page.
  const item = await draftNews(app, ctx, tm, '分组提醒的信息');
  const first = await call(app, tm.editor, 'POST', `/api/content/${item.id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  await decide(app, tm.reviewer, first.json().id, '不同意', '请补充时间。');
  const returned = (await call(app, tm.editor, 'GET', '/api/notifications?kind=review')).json().items;
  const notice = returned.find((n: { title: string }) => n.title.includes('分组提醒的信息'));
  assert.match(notice.body, /请补充时间。请修改后重新提交。$/, 'the opinion’s own “。” is not doubled');
  const again = await call(app, tm.editor, 'POST', `/api/content/${item.id}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  await decide(app, tm.reviewer, again.json().id, '同意');
  await decide(app, tm.leader, again.json().id, '同意');
  const bell = (await call(app, tm.editor, 'GET', '/api/notifications?kind=review')).json();
  const entries = bell.items.filter((n: { title: string }) => n.title.includes('分组提醒的信息'));
  assert.equal(entries.length, 1, JSON.stringify(bell.items));
  assert.equal(entries[0].count, 2);
  assert.match(entries[0].link, /^\/.*\/\d+\.html$/, 'the published page');
  const unreadOnly = (await call(app, tm.editor, 'GET', '/api/notifications?unread=true')).json();
  assert.ok(unreadOnly.items.length >= 1);
  const read = await call(app, tm.editor, 'POST', '/api/notifications/read', { ids: entries[0].ids });
  assert.equal(read.json().count, 2);
  const after = (await call(app, tm.editor, 'GET', '/api/notifications?kind=review&unread=true')).json();
  assert.equal(after.items.filter((n: { title: string }) => n.title.includes('分组提醒的信息')).length, 0);
});
