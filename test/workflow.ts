// Shared steps for tests of the content workflow, through the HTTP API as the admin console uses it.
import assert from 'node:assert/strict';
import type { App } from '../src/platform/http.ts';
import type { AppContext } from '../src/context.ts';
import { call, columnByName, login, mainSiteId, staff, type Session } from './helpers.ts';

export interface Team {
  siteId: number;
  editor: Session;
  reviewer: Session;
  leader: Session;
  secrecy: Session;
  otherReviewer: Session;
  ids: Record<string, number>;
}

/** 综合处's editor, reviewer and leader, the secrecy reviewer, and a reviewer of 组宣处. */
export async function team(app: App, ctx: AppContext): Promise<Team> {
  const siteId = await mainSiteId(ctx);
  const users = {
    editor: await staff(ctx, 'zh_editor', ['editor'], '综合处'),
    reviewer: await staff(ctx, 'zh_reviewer', ['reviewer'], '综合处'),
    leader: await staff(ctx, 'zh_leader', ['leader'], '综合处'),
    secrecy: await staff(ctx, 'bm_secrecy', ['secrecy_reviewer'], '综合处'),
    otherReviewer: await staff(ctx, 'zx_reviewer', ['reviewer'], '组宣处'),
  };
  return {
    siteId,
    editor: await login(app, 'zh_editor'),
    reviewer: await login(app, 'zh_reviewer'),
    leader: await login(app, 'zh_leader'),
    secrecy: await login(app, 'bm_secrecy'),
    otherReviewer: await login(app, 'zx_reviewer'),
    ids: Object.fromEntries(Object.entries(users).map(([k, u]) => [k, u.id])),
  };
}

export async function draftNews(
  app: App,
  ctx: AppContext,
  t: Team,
  title = '市政务办召开2026年第四季度工作推进会',
  extra: Record<string, unknown> = {},
) {
  const column = await columnByName(ctx, '部门动态');
  const res = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/content`, {
    type: 'article',
    columnId: column.id,
    title,
    source: '市政务办',
    author: '综合处',
    bodyHtml: '<p>11月26日，市政务办召开工作推进会，部署年底各项重点工作。</p>',
    ...extra,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { id: number; status: string; version: number };
}

export async function submit(app: App, t: Team, contentId: number, secret = '否', releaseForm = '网站公开') {
  return call(app, t.editor, 'POST', `/api/content/${contentId}/submit`, { secret, releaseForm });
}

export async function decide(
  app: App,
  who: Session,
  requestId: number,
  decision: string,
  opinion = '',
  extra: Record<string, unknown> = {},
) {
  return call(app, who, 'POST', `/api/review/${requestId}/decide`, { decision, opinion, ...extra });
}

/** Submits and approves at both steps; returns the request id. */
export async function publishThroughReview(app: App, t: Team, contentId: number) {
  const sub = await submit(app, t, contentId);
  assert.equal(sub.statusCode, 200, sub.body);
  const id = sub.json().id;
  assert.equal((await decide(app, t.reviewer, id, '同意')).json().state, 'leader_review');
  const done = await decide(app, t.leader, id, '同意');
  assert.equal(done.json().state, 'approved', done.body);
  return id;
}

/** Sessions end after 30 idle minutes; tests that move the clock further log everyone in again. */
export async function relogin(app: App, t: Team): Promise<void> {
  t.editor = await login(app, 'zh_editor');
  t.reviewer = await login(app, 'zh_reviewer');
  t.leader = await login(app, 'zh_leader');
  t.secrecy = await login(app, 'bm_secrecy');
  t.otherReviewer = await login(app, 'zx_reviewer');
}
