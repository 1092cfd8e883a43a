// 意见征集 for staff (/api/solicitations/…): open a draft 政策文件 for comment, submit the notice to the release
// review, moderate the comments, record each one's adoption after closing and submit the adoption report.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { Capability } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../context.ts';
import { SiteQuery } from '../participation/participation.schema.ts';
import {
  AdoptBody,
  CommentParams,
  DraftPolicyList,
  ModerateBody,
  SolicitationDetail,
  SolicitationInput,
  SolicitationList,
  Submitted,
} from './solicitations.schema.ts';

const tags = ['意见征集'];

export async function solicitationRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard } = ctx;
  const solicitations = ctx.participation.solicitations;
  const read = guard({ capability: 'participation.read' });
  const manage = guard({ capability: 'participation.manage' });
  const onSiteOf = async (request: FastifyRequest, id: number, capability: Capability) =>
    requireOnSite(request, capability, (await solicitations.find(id)).site_id);

  app.get(
    '/api/solicitations',
    {
      schema: {
        tags,
        summary: '意见征集列表（阶段、意见数、反馈期限）',
        querystring: SiteQuery,
        response: { 200: SolicitationList, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'participation.read', request.query.siteId);
      return { items: await solicitations.list(request.query.siteId) };
    },
  );
  app.get(
    '/api/solicitations/draft-policies',
    {
      schema: {
        tags,
        summary: '可征求意见的政策文件草稿',
        querystring: SiteQuery,
        response: { 200: DraftPolicyList, ...errors(400, 401, 403) },
      },
      preHandler: manage,
    },
    async (request) => {
      requireOnSite(request, 'participation.manage', request.query.siteId);
      const items = await solicitations.draftPolicies(request.query.siteId);
      return { items: items.map((p) => ({ id: p.id, title: p.title, updatedAt: p.updated_at })) };
    },
  );
  app.post(
    '/api/solicitations',
    {
      schema: {
        tags,
        summary: '新建意见征集（草稿）',
        querystring: SiteQuery,
        body: SolicitationInput,
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 401, 403) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.query.siteId);
      return { id: await solicitations.create(auth, request.query.siteId, request.body) };
    },
  );
  app.get(
    '/api/solicitations/:id',
    {
      schema: {
        tags,
        summary: '意见征集详情与全部意见',
        params: IdParams,
        response: { 200: SolicitationDetail, ...errors(400, 401, 403, 404) },
      },
      preHandler: read,
    },
    async (request) => {
      await onSiteOf(request, request.params.id, 'participation.read');
      return solicitations.detail(request.params.id);
    },
  );
  app.put(
    '/api/solicitations/:id',
    {
      schema: {
        tags,
        summary: '修改意见征集（提交审查前或被退回后）',
        params: IdParams,
        body: SolicitationInput,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      await solicitations.update(auth, request.params.id, request.body);
      return { ok: true };
    },
  );
  app.post(
    '/api/solicitations/:id/submit',
    {
      schema: {
        tags,
        summary: '征求意见公告提交信息发布审查',
        params: IdParams,
        response: { 200: Submitted, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      return solicitations.submit(auth, request.params.id);
    },
  );
  app.post(
    '/api/solicitations/:id/comments/:commentId/moderate',
    {
      schema: {
        tags,
        summary: '审核意见（公开或不予公开）',
        params: CommentParams,
        body: ModerateBody,
        response: { 200: Ok, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      await solicitations.moderate(auth, request.params.id, request.params.commentId, request.body);
      return { ok: true };
    },
  );
  app.post(
    '/api/solicitations/:id/comments/:commentId/adopt',
    {
      schema: {
        tags,
        summary: '填写意见采纳情况及理由（征集结束后）',
        params: CommentParams,
        body: AdoptBody,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      await solicitations.adopt(auth, request.params.id, request.params.commentId, request.body);
      return { ok: true };
    },
  );
  app.post(
    '/api/solicitations/:id/feedback',
    {
      schema: {
        tags,
        summary: '意见采纳情况反馈提交信息发布审查（发布在“意见反馈”栏目）',
        params: IdParams,
        response: { 200: Submitted, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      return solicitations.submitFeedback(auth, request.params.id);
    },
  );
}
