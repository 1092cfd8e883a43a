import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { Binary, IdParams, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { can, type Capability, type Role } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../context.ts';
import {
  DecideBody,
  DecideResult,
  DictionariesSchema,
  Inbox,
  InboxCounts,
  REGISTER_FORMATS,
  RegisterList,
  RegisterQuery,
  ReviewRequestView,
  SubmitBody,
  SubmitResult,
} from './review.schema.ts';

/** Readers of the register and of single requests: the site's content staff and its administrators. */
const REGISTER_READERS: readonly Role[] = ['site_admin', 'reviewer', 'leader', 'secrecy_reviewer', 'editor'];

/** The 错敏词 lists are read by whoever writes, reviews or manages the site's content (the checks cite them). */
const DICTIONARY_READERS: Capability[] = [
  'site.manage',
  'content.write',
  'content.review',
  'content.approve',
  'content.secrecy',
];

function canReadRegister(request: FastifyRequest, siteId: number) {
  const a = authOf(request);
  if (!a.grants.some((g) => REGISTER_READERS.includes(g.role) && (g.siteId === null || g.siteId === siteId)))
    throw new AppError('FORBIDDEN');
  return a;
}

export async function reviewRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, review, prepublish } = ctx;
  const tags = ['信息发布审查'];

  app.post(
    '/api/content/:id/submit',
    {
      schema: {
        tags,
        summary: '提交信息发布审查（附件3 审查表）',
        params: IdParams,
        body: SubmitBody,
        response: { 200: SubmitResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => review.submit(authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/review/:id/decide',
    {
      schema: {
        tags,
        summary: '审查决定：同意 / 不同意 / 是否涉密不明确（提请保密审查）',
        params: IdParams,
        body: DecideBody,
        response: { 200: DecideResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: guard(),
    },
    async (request) => review.decide(authOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/review/inbox',
    {
      schema: {
        tags,
        summary: '我的待办：待我审查的，以及被退回给我的',
        response: { 200: Inbox, ...errors(401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => review.inbox(authOf(request)),
  );

  app.get(
    '/api/review/counts',
    {
      schema: {
        tags,
        summary: '待办数量（管理后台菜单角标）',
        response: { 200: InboxCounts, ...errors(401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      const { waiting, returned } = await review.inbox(authOf(request));
      return { waiting: waiting.length, returned: returned.length };
    },
  );

  app.get(
    '/api/review/:id',
    {
      schema: {
        tags,
        summary: '一条审查记录（附件3 登记）：审查表、各环节意见，以及该信息的历次审查',
        params: IdParams,
        response: { 200: ReviewRequestView, ...errors(400, 401, 403, 404) },
      },
      preHandler: guard(),
    },
    async (request) => {
      const r = await review.namedRequest(request.params.id);
      return review.requestView(canReadRegister(request, r.site_id), r);
    },
  );

  app.get(
    '/api/sites/:siteId/register',
    {
      schema: {
        tags,
        summary: '信息发布审查登记',
        params: SiteParams,
        querystring: RegisterQuery,
        response: { 200: RegisterList, ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      canReadRegister(request, request.params.siteId);
      return { items: await review.register(request.params.siteId, request.query) };
    },
  );

  for (const format of REGISTER_FORMATS) {
    app.get(
      `/api/sites/:siteId/register.${format}`,
      {
        schema: {
          tags,
          summary: `导出信息发布审查登记（${format.toUpperCase()}）`,
          params: SiteParams,
          querystring: RegisterQuery,
          response: { 200: Binary, ...errors(400, 401, 403, 404) },
        },
        preHandler: guard(),
      },
      async (request, reply) => {
        canReadRegister(request, request.params.siteId);
        const file = await review.registerFile(request.params.siteId, request.query, format);
        reply.header('content-type', file.contentType);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
        return reply.send(file.body);
      },
    );
  }

  app.get(
    '/api/sites/:siteId/prepublish/dictionaries',
    {
      schema: {
        tags,
        summary: '错敏词库（禁用词、易错词、领导姓名职务）',
        params: SiteParams,
        response: { 200: DictionariesSchema, ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      // Only site administrators change them (the PUT below).
      const a = authOf(request);
      if (!DICTIONARY_READERS.some((c) => can(a.grants, c, request.params.siteId))) throw new AppError('FORBIDDEN');
      return prepublish.siteDictionaries(request.params.siteId);
    },
  );

  app.put(
    '/api/sites/:siteId/prepublish/dictionaries',
    {
      schema: {
        tags,
        summary: '修改错敏词库',
        params: SiteParams,
        body: DictionariesSchema,
        response: { 200: DictionariesSchema, ...errors(400, 401, 403) },
      },
      preHandler: guard({ capability: 'site.manage' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'site.manage', request.params.siteId);
      return prepublish.saveDictionaries(a.actor, request.params.siteId, request.body);
    },
  );
}
