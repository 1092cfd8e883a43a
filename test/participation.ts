// Test helpers for participation and disclosure: a staff member's AuthContext for calling services at moved clock
// times (sessions time out as the clock jumps), and approval of a release through both review steps.
import assert from 'node:assert/strict';
import type { App } from '../src/platform/http.ts';
import type { AppContext } from '../src/context.ts';
import type { AuthContext } from '../src/modules/auth/auth.service.ts';
import { TEST_PASSWORD, call, login, mainSiteId, staff } from './helpers.ts';

/** 综合处's editor, reviewer and leader (综合处 leads 公众调查, 意见征集/反馈, 依申请公开 and the annual reports). */
export async function officeTeam(ctx: AppContext) {
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'zh_editor', ['editor'], '综合处');
  await staff(ctx, 'zh_reviewer', ['reviewer'], '综合处');
  await staff(ctx, 'zh_leader', ['leader'], '综合处');
  return { siteId };
}

/** Signs in afresh and returns the staff member's context, as a route would get it. */
export async function authAs(ctx: AppContext, username: string): Promise<AuthContext> {
  const { token } = await ctx.auth.login(username, TEST_PASSWORD, '127.0.0.1', 'test');
  return ctx.auth.authenticate(token);
}

/** The 审核人 and 分管领导 of 综合处 approve a pending release. */
export async function approveRelease(app: App, reviewRequestId: number): Promise<void> {
  const reviewer = await login(app, 'zh_reviewer');
  const first = await call(app, reviewer, 'POST', `/api/review/${reviewRequestId}/decide`, {
    decision: '同意',
    opinion: '',
  });
  assert.equal(first.json().state, 'leader_review', first.body);
  const leader = await login(app, 'zh_leader');
  const second = await call(app, leader, 'POST', `/api/review/${reviewRequestId}/decide`, {
    decision: '同意',
    opinion: '',
  });
  assert.equal(second.json().state, 'approved', second.body);
}
