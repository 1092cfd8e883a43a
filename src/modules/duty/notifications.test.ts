import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, call, login, mainSiteId, staff, DIALECT } from '../../../test/helpers.ts';
import { team, draftNews, submit, decide } from '../../../test/workflow.ts';

interface Note {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  read_at: string | null;
}

test(`read state is per user, and only the addressee can mark a notification read (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'zh_a', ['editor'], '综合处');
  await staff(ctx, 'zh_b', ['editor'], '综合处');
  await staff(ctx, 'zx_c', ['editor'], '组宣处');
  const a = await login(app, 'zh_a');
  const b = await login(app, 'zh_b');
  const c = await login(app, 'zx_c');
  await ctx.duty.remind(siteId); // blank columns: reminders to each lead department
  const notes = async (s: typeof a) =>
    (await call(app, s, 'GET', '/api/notifications')).json() as { items: Note[]; unread: number };

  const before = await notes(a);
  const note = before.items.find((n) => n.kind === 'column-due')!;
  assert.ok(note, '综合处 has column reminders');
  assert.equal(note.read_at, null);
  assert.equal((await notes(b)).unread, before.unread, 'both members of the department see the same reminders');

  // A reads it: read for A only, not for B of the same department.
  const read = await call(app, a, 'POST', `/api/notifications/${note.id}/read`);
  assert.equal(read.statusCode, 200, read.body);
  const afterA = await notes(a);
  assert.ok(afterA.items.find((n) => n.id === note.id)!.read_at, 'read for the one who read it');
  assert.equal(afterA.unread, before.unread - 1);
  const afterB = await notes(b);
  assert.equal(afterB.items.find((n) => n.id === note.id)!.read_at, null, 'still unread for a colleague');
  assert.equal(afterB.unread, before.unread);
  assert.equal(
    (await call(app, a, 'POST', `/api/notifications/${note.id}/read`)).statusCode,
    200,
    'reading twice is harmless',
  );

  // Someone of another department cannot mark it; nor a notification that does not exist.
  const foreign = await call(app, c, 'POST', `/api/notifications/${note.id}/read`);
  assert.equal(foreign.statusCode, 403);
  assert.equal(foreign.json().error.code, 'FORBIDDEN');
  assert.ok(!(await notes(c)).items.some((n) => n.id === note.id), 'nor see it');
  const missing = await call(app, c, 'POST', '/api/notifications/999999/read');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, 'NOT_FOUND');
  assert.equal(
    (await notes(b)).items.find((n) => n.id === note.id)!.read_at,
    null,
    'the refused attempts changed nothing',
  );

  // A personal notification is the addressee's alone, even within the department.
  const personal = await ctx.db
    .insertInto('notifications')
    .values({
      site_id: siteId,
      user_id: (await ctx.db.selectFrom('users').select('id').where('username', '=', 'zh_a').executeTakeFirstOrThrow())
        .id,
      department_id: null,
      kind: 'test',
      dedupe_key: 'test:1',
      title: '个人提醒',
      body: '只给 A',
      link: '/admin/',
      created_at: env.clock.now().toISOString(),
      read_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  assert.equal((await call(app, b, 'POST', `/api/notifications/${personal.id}/read`)).statusCode, 403);
  assert.ok(!(await notes(b)).items.some((n) => n.id === personal.id));

  // 全部标为已读: everything of B, nothing of A's.
  const all = await call(app, b, 'POST', '/api/notifications/read-all');
  assert.equal(all.statusCode, 200, all.body);
  assert.equal(all.json().count, before.unread);
  assert.equal((await notes(b)).unread, 0);
  assert.equal((await notes(a)).unread, before.unread, 'A still has the personal one and the rest unread');
});

test(`the review tells whoever takes the next step, links to the request, and tells the submitter the result (${DIALECT})`, async (testContext) => {
  const env = await testEnv();
  testContext.after(() => env.close());
  const { app, ctx } = env;
  const t = await team(app, ctx);
  const notes = async (s: typeof t.editor) =>
    (await call(app, s, 'GET', '/api/notifications')).json() as { items: Note[]; unread: number };
  const waiting = async (s: typeof t.editor) => (await notes(s)).items.filter((n) => n.kind === 'review-waiting');

  const item = await draftNews(app, ctx, t, '关于开展政务公开日活动的通知');
  const sub = await submit(app, t, item.id);
  assert.equal(sub.statusCode, 200, sub.body);
  const requestId = sub.json().id;

  const forReviewer = await waiting(t.reviewer);
  assert.equal(forReviewer.length, 1, "the department's reviewer is told");
  assert.match(forReviewer[0]!.title, /待您审查：关于开展政务公开日活动的通知/);
  assert.match(forReviewer[0]!.body, /综合处提交.*登记序号 \d{4}-0001/);
  assert.equal(forReviewer[0]!.link, `/admin/inbox/${requestId}?content=${item.id}`);
  assert.equal((await notes(t.reviewer)).unread, 1);
  assert.equal((await waiting(t.otherReviewer)).length, 0, 'not the reviewer of another department');
  assert.equal((await waiting(t.leader)).length, 0, 'not the leader yet');
  assert.equal((await waiting(t.editor)).length, 0, 'not the submitter');

  // The link's request can be opened by the reviewer.
  const opened = await call(app, t.reviewer, 'GET', `/api/review/${requestId}`);
  assert.equal(opened.statusCode, 200, opened.body);
  assert.equal(opened.json().mayDecide, true);

  assert.equal((await decide(app, t.reviewer, requestId, '同意')).statusCode, 200);
  assert.equal((await waiting(t.reviewer)).length, 0, 'the step taken, the reminder is gone');
  const forLeader = await waiting(t.leader);
  assert.equal(forLeader.length, 1);
  assert.match(forLeader[0]!.body, /分管领导审批/);

  assert.equal((await decide(app, t.leader, requestId, '不同意', '请补充活动时间和地点')).statusCode, 200);
  assert.equal((await waiting(t.leader)).length, 0);
  const result = (await notes(t.editor)).items.filter((n) => n.kind === 'review-result');
  assert.equal(result.length, 1, 'the submitter learns it was returned');
  assert.match(result[0]!.title, /被退回/);
  assert.match(result[0]!.body, /请补充活动时间和地点/);
  assert.equal(result[0]!.link, `/admin/content/${item.id}`);

  // 不明确 at the department step goes to the secrecy reviewer (of any department).
  const again = await submit(app, t, item.id);
  assert.equal(again.statusCode, 200, again.body);
  assert.equal((await waiting(t.reviewer)).length, 1, 'a resubmission is a new reminder');
  assert.equal((await decide(app, t.reviewer, again.json().id, '不明确')).statusCode, 200);
  assert.equal((await waiting(t.secrecy)).length, 1);
  assert.equal((await waiting(t.reviewer)).length, 0);
});
