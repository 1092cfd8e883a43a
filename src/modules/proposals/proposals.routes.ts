// 建议提案办理 for staff (/api/proposals/…): register a 人大代表建议 or 政协委员提案, record the reply, submit it for
// publication, and the yearly summary.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { Capability } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../context.ts';
import {
  ProposalInput,
  ProposalList,
  ProposalQuery,
  ProposalSummary,
  ProposalView,
  ReplyBody,
} from './proposals.schema.ts';

const tags = ['建议提案办理'];
const Submitted = Type.Object({
  contentId: Type.Integer(),
  reviewRequestId: Type.Integer(),
  reviewState: Type.String(),
});
const SiteOnly = Type.Object({ siteId: Type.Integer({ minimum: 1 }) });
const SummaryQuery = Type.Object({
  siteId: Type.Integer({ minimum: 1 }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
});

export async function proposalRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard } = ctx;
  const proposals = ctx.participation.proposals;
  const read = guard({ capability: 'participation.read' });
  const manage = guard({ capability: 'participation.manage' });
  const onSiteOf = async (request: FastifyRequest, id: number, capability: Capability) =>
    requireOnSite(request, capability, (await proposals.find(id)).site_id);

  app.get(
    '/api/proposals',
    {
      schema: {
        tags,
        summary: '建议提案列表',
        querystring: ProposalQuery,
        response: { 200: ProposalList, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'participation.read', request.query.siteId);
      return { items: await proposals.list(request.query.siteId, request.query.year) };
    },
  );
  app.get(
    '/api/proposals/summary',
    {
      schema: {
        tags,
        summary: '建议提案办理年度汇总',
        querystring: SummaryQuery,
        response: { 200: ProposalSummary, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'participation.read', request.query.siteId);
      return proposals.summary(request.query.siteId, request.query.year);
    },
  );
  app.post(
    '/api/proposals',
    {
      schema: {
        tags,
        summary: '登记建议提案',
        querystring: SiteOnly,
        body: ProposalInput,
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.query.siteId);
      return { id: await proposals.create(auth, request.query.siteId, request.body) };
    },
  );
  app.get(
    '/api/proposals/:id',
    {
      schema: {
        tags,
        summary: '建议提案详情',
        params: IdParams,
        response: { 200: ProposalView, ...errors(400, 401, 403, 404) },
      },
      preHandler: read,
    },
    async (request) => {
      await onSiteOf(request, request.params.id, 'participation.read');
      return proposals.detail(request.params.id);
    },
  );
  app.put(
    '/api/proposals/:id/reply',
    {
      schema: {
        tags,
        summary: '填写答复',
        params: IdParams,
        body: ReplyBody,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      await proposals.reply(auth, request.params.id, request.body);
      return { ok: true };
    },
  );
  app.post(
    '/api/proposals/:id/publish',
    {
      schema: {
        tags,
        summary: '答复提交信息发布审查（公开时代表委员姓名隐去）',
        params: IdParams,
        response: { 200: Submitted, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      return proposals.publish(auth, request.params.id);
    },
  );
}
