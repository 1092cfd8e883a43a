// The site administrator's view of the review's flow: every waiting item (stuck ones first), reassigning a
// step, and the reviewers designated per department for when nobody else can take a step.
import type { App } from '../../platform/http.ts';
import { IdParams, SiteParams, errors } from '../../platform/http.ts';
import { Items } from '../../platform/schemas.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { Candidate, Designate, DesignateBody, ReassignBody, ReassignResult, WaitingList } from './routing.schema.ts';

export async function reviewRoutingRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, reviewRouting: routing, review } = ctx;
  const tags = ['信息发布审查'];
  const admin = guard({ capability: 'site.manage' });

  app.get(
    '/api/sites/:siteId/review/waiting',
    {
      schema: {
        tags,
        summary: '等待审查的信息（卡住的在前）：等待时长、可办理人员、是否已催办',
        params: SiteParams,
        response: { 200: WaitingList, ...errors(400, 401, 403) },
      },
      preHandler: admin,
    },
    async (request) => {
      requireOnSite(request, 'site.manage', request.params.siteId);
      return routing.waiting(request.params.siteId);
    },
  );

  app.get(
    '/api/sites/:siteId/review/candidates',
    {
      schema: {
        tags,
        summary: '可以指定或改派的审查人员（审核人、分管领导、保密审查员）',
        params: SiteParams,
        response: { 200: Items(Candidate), ...errors(400, 401, 403) },
      },
      preHandler: admin,
    },
    async (request) => {
      requireOnSite(request, 'site.manage', request.params.siteId);
      return { items: await routing.candidates(request.params.siteId) };
    },
  );

  app.post(
    '/api/review/:id/reassign',
    {
      schema: {
        tags,
        summary: '改派当前审查环节（记录审计日志）',
        params: IdParams,
        body: ReassignBody,
        response: { 200: ReassignResult, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: admin,
    },
    async (request) => {
      const r = await review.namedRequest(request.params.id);
      const a = requireOnSite(request, 'site.manage', r.site_id);
      return { routedTo: await routing.reassign(a.actor, r.id, request.body) };
    },
  );

  app.get(
    '/api/sites/:siteId/review/designates',
    {
      schema: {
        tags,
        summary: '各部门指定的审查人员（本部门无其他人员可办理时使用）',
        params: SiteParams,
        response: { 200: Items(Designate), ...errors(400, 401, 403) },
      },
      preHandler: admin,
    },
    async (request) => {
      requireOnSite(request, 'site.manage', request.params.siteId);
      return { items: await routing.designates(request.params.siteId) };
    },
  );

  app.put(
    '/api/sites/:siteId/review/designates',
    {
      schema: {
        tags,
        summary: '指定或取消某部门某环节的审查人员（记录审计日志）',
        params: SiteParams,
        body: DesignateBody,
        response: { 200: Items(Designate), ...errors(400, 401, 403, 404) },
      },
      preHandler: admin,
    },
    async (request) => {
      const a = requireOnSite(request, 'site.manage', request.params.siteId);
      return { items: await routing.designate(a.actor, request.params.siteId, request.body) };
    },
  );
}
