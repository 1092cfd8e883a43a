// The citizens' JSON API (signed in with the one public account): submit a message with attachments, follow one's
// own messages, rate a reply and ask once for a second handling; and the public smart Q&A (/api/qa?q=).
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, errors } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';
import type { AppContext } from '../../context.ts';
import { citizenOf } from '../citizens/citizens.guard.ts';
import { clusterRootOf, siteForHost } from '../portal/site-resolver.ts';
import {
  CitizenMessageView,
  MessageSubmit,
  QaAnswerView,
  QaQuery,
  RatingRequest,
  SecondRequest,
  Submitted,
  UploadReceipt,
} from './interaction.schema.ts';
import { sendAttachment } from './attachments.ts';

const tags = ['互动交流（公众）'];
const SiteQuery = Type.Object({
  site: Type.Optional(Type.String({ maxLength: 32, description: '同一站群中其他站点的代码（默认：访问的站点）' })),
});
const FileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) });

/** The site a public call is for: the Host's site, or another site of its cluster named by its code. */
export async function publicScope(
  ctx: AppContext,
  request: FastifyRequest,
  code: string | undefined,
): Promise<{ siteId: number; prefix: string }> {
  const sites = await ctx.sites.list();
  const host = siteForHost(sites, request.host);
  if (!host) throw new AppError('SITE_NOT_SET_UP');
  if (!code || code === host.code) return { siteId: host.id, prefix: '' };
  const target = sites.find((s) => s.code === code);
  if (!target || clusterRootOf(sites, target).id !== clusterRootOf(sites, host).id)
    throw new AppError('VALIDATION_FAILED', `站点“${code}”不存在`);
  return { siteId: target.id, prefix: `/site/${target.code}` };
}

export async function citizenInteractionRoutes(app: App, ctx: AppContext): Promise<void> {
  const { citizens, interaction } = ctx;
  const signedIn = citizens.guard();
  const { messages, replies, qa } = interaction;

  app.post(
    '/api/citizen/messages',
    {
      schema: {
        tags,
        summary: '提交留言（咨询、建议、投诉），立即返回查询编号',
        querystring: SiteQuery,
        body: MessageSubmit,
        response: { 200: Submitted, ...errors(400, 401, 403, 404, 409, 415, 429) },
      },
      preHandler: signedIn,
    },
    async (request) => {
      const scope = await publicScope(ctx, request, request.query.site);
      return messages.submit(citizenOf(request), scope.siteId, request.body, request.ip);
    },
  );

  app.post(
    '/api/citizen/messages/attachments',
    {
      schema: {
        tags,
        summary: '上传留言附件（按内容判定类型，最大 10 MB），返回提交留言时使用的凭据',
        querystring: SiteQuery,
        consumes: ['multipart/form-data'],
        response: { 200: UploadReceipt, ...errors(400, 401, 403, 413, 415, 429) },
      },
      preHandler: signedIn,
    },
    async (request) => {
      const scope = await publicScope(ctx, request, request.query.site);
      const part = await request.file();
      if (!part) throw new AppError('NO_FILE_RECEIVED');
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return messages.upload(citizenOf(request), scope.siteId, bytes, part.filename);
    },
  );

  app.get(
    '/api/citizen/messages',
    {
      schema: {
        tags,
        summary: '我的留言（状态、时限、答复、评价）',
        response: { 200: Type.Array(CitizenMessageView), ...errors(401) },
      },
      preHandler: signedIn,
    },
    async (request) => messages.ofCitizen(citizenOf(request).citizenId),
  );

  app.get(
    '/api/citizen/messages/:id',
    {
      schema: {
        tags,
        summary: '我的一条留言',
        params: IdParams,
        response: { 200: CitizenMessageView, ...errors(401, 403, 404) },
      },
      preHandler: signedIn,
    },
    async (request) => messages.mine(citizenOf(request).citizenId, request.params.id),
  );

  app.get(
    '/api/citizen/messages/:id/attachments/:fileId',
    { schema: { tags, summary: '下载我的留言附件', params: FileParams, hide: true }, preHandler: signedIn },
    async (request, reply) =>
      sendAttachment(
        ctx,
        reply,
        await interaction.core.ownMessage(citizenOf(request).citizenId, request.params.id),
        request.params.fileId,
      ),
  );

  app.post(
    '/api/citizen/messages/:id/rating',
    {
      schema: {
        tags,
        summary: '评价答复（满意、基本满意、不满意）',
        params: IdParams,
        body: RatingRequest,
        response: { 200: CitizenMessageView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: signedIn,
    },
    async (request) =>
      replies.rateView(citizenOf(request).citizenId, request.params.id, request.body.rating, request.body.comment),
  );

  app.post(
    '/api/citizen/messages/:id/second',
    {
      schema: {
        tags,
        summary: '对答复不满意时申请二次办理（限一次）',
        params: IdParams,
        body: SecondRequest,
        response: { 200: CitizenMessageView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: signedIn,
    },
    async (request) => replies.askSecondView(citizenOf(request).citizenId, request.params.id, request.body.reason),
  );

  app.get(
    '/api/qa',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary: '智能问答：从问答库、已公开的留言答复、办事指南和政策文件中回答，并给出来源',
        querystring: QaQuery,
        response: { 200: QaAnswerView, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const scope = await publicScope(ctx, request, request.query.site);
      reply.header('cache-control', 'no-store');
      return qa.answer(scope.siteId, scope.prefix, request.query.q);
    },
  );
}
