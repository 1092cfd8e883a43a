// Test helpers for the message board: the office's people (the dispatcher of 综合处; 承办人, 审核人 and 分管领导 of
// 政务处 and of 综合处), the 互动交流 columns opened, and a citizen's submission through the public API.
import assert from 'node:assert/strict';
import type { App } from '../src/platform/http.ts';
import type { AppContext } from '../src/context.ts';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.service.ts';
import { newIdempotencyKey } from '../src/platform/idempotency.ts';
import { call, login, mainSiteId, staff, type Session } from './helpers.ts';
import { citizenCall, registerCitizen, type CitizenSession } from './citizens.ts';

export interface Office {
  siteId: number;
  dispatcher: Session;
  handler: Session;
  reviewer: Session;
  leader: Session;
  /** A 承办人 of another department (组宣处). */
  outsider: Session;
  departments: Record<string, number>;
}

export async function office(app: App, ctx: AppContext): Promise<Office> {
  const siteId = await mainSiteId(ctx);
  await ctx.interaction.settings.openBoard(SYSTEM_ACTOR, siteId);
  await staff(ctx, 'fenban', ['dispatcher'], '综合处');
  await staff(ctx, 'zw_bianji', ['editor'], '政务处');
  await staff(ctx, 'zw_shenhe', ['reviewer'], '政务处');
  await staff(ctx, 'zw_lingdao', ['leader'], '政务处');
  await staff(ctx, 'zx_bianji', ['editor'], '组宣处');
  const departments = Object.fromEntries(
    (await ctx.departments.list(siteId)).map((d) => [d.name, d.id] as const),
  ) as Record<string, number>;
  return {
    siteId,
    dispatcher: await login(app, 'fenban'),
    handler: await login(app, 'zw_bianji'),
    reviewer: await login(app, 'zw_shenhe'),
    leader: await login(app, 'zw_lingdao'),
    outsider: await login(app, 'zx_bianji'),
    departments,
  };
}

export async function submitMessage(
  app: App,
  citizen: CitizenSession,
  input: Partial<{
    category: string;
    title: string;
    body: string;
    publishConsent: boolean;
    idempotencyKey: string;
  }> = {},
) {
  return citizenCall(app, citizen, 'POST', '/api/citizen/messages', {
    category: '咨询',
    title: '企业开办需要哪些材料',
    body: '您好，我准备在本市开办一家小型科技公司，请问办理营业执照需要准备哪些材料？可以全程网上办理吗？',
    publishConsent: true,
    contactPreference: 'sms',
    idempotencyKey: newIdempotencyKey(),
    ...input,
  });
}

/** A citizen signed up and a message submitted; returns both. */
export async function citizenWithMessage(app: App, ctx: AppContext, input: Parameters<typeof submitMessage>[2] = {}) {
  const citizen = await registerCitizen(app, ctx, { displayName: '王小明' });
  const res = await submitMessage(app, citizen, input);
  assert.equal(res.statusCode, 200, res.body);
  return { citizen, message: res.json() as { id: number; trackingNo: string } };
}

/** The whole office path: assign to 政务处, draft, submit, 审核人 and 分管领导 agree. */
export async function answer(
  app: App,
  o: Office,
  id: number,
  body = '您好！企业开办可通过“一网通办”平台全程网上办理，需提交名称、住所、股东身份证明等材料，一般3个工作日内办结。',
) {
  const assigned = await call(app, o.dispatcher, 'POST', `/api/messages/${id}/assign`, {
    departmentId: o.departments.政务处,
  });
  assert.equal(assigned.statusCode, 200, assigned.body);
  const template = (await call(app, o.handler, 'GET', `/api/messages/${id}/draft-template`)).json();
  const draft = await call(app, o.handler, 'PUT', `/api/messages/${id}/draft`, { body, ...template });
  assert.equal(draft.statusCode, 200, draft.body);
  const submitted = await call(app, o.handler, 'POST', `/api/messages/${id}/submit-reply`, {});
  assert.equal(submitted.statusCode, 200, submitted.body);
  const requestId = submitted.json().reviewRequestId as number;
  const r1 = await call(app, o.reviewer, 'POST', `/api/review/${requestId}/decide`, { decision: '同意', opinion: '' });
  assert.equal(r1.statusCode, 200, r1.body);
  const r2 = await call(app, o.leader, 'POST', `/api/review/${requestId}/decide`, { decision: '同意', opinion: '' });
  assert.equal(r2.statusCode, 200, r2.body);
  return requestId;
}
