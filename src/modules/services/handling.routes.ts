// The console's API for handling applications (受理、补正、办理、办结), their materials, and the 好差评 with the
// rectification of each 差评.
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { SiteParams, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import {
  ApplicationDetail,
  ApplicationFileParams,
  ApplicationList,
  ApplicationListQuery,
  ApplicationParams,
  CompleteInput,
  CorrectionInput,
  NoteInput,
  RatingsOverview,
  RectificationList,
  RectificationParams,
  RectificationView,
  RectifyInput,
  RejectInput,
  RevisitInput,
} from './applications.schema.ts';

export async function handlingRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, services } = ctx;
  const { handling, ratings, applications } = services;
  const tags = ['办事服务'];
  const handle = guard({ capability: 'service.handle' });
  const base = '/api/sites/:siteId/services';

  app.get(
    `${base}/applications`,
    {
      schema: {
        tags,
        summary: '办件列表（本部门；站点管理员看全部）',
        params: SiteParams,
        querystring: ApplicationListQuery,
        response: { 200: ApplicationList, ...errors(400, 401, 403) },
      },
      preHandler: handle,
    },
    async (request) =>
      handling.list(
        requireOnSite(request, 'service.handle', request.params.siteId),
        request.params.siteId,
        request.query,
      ),
  );

  app.get(
    `${base}/applications/:applicationId`,
    {
      schema: {
        tags,
        summary: '办件详情：材料、办理过程、期限、通知送达、评价',
        params: ApplicationParams,
        response: { 200: ApplicationDetail, ...errors(401, 403, 404) },
      },
      preHandler: handle,
    },
    async (request) => {
      const auth = requireOnSite(request, 'service.handle', request.params.siteId);
      return handling.detail(await handling.load(auth, request.params.siteId, request.params.applicationId), 'staff');
    },
  );

  app.get(
    `${base}/applications/:applicationId/files/:fileId`,
    {
      schema: {
        tags,
        summary: '下载申请材料',
        params: ApplicationFileParams,
        response: { 200: Type.Any({ description: '文件' }), ...errors(401, 403, 404) },
      },
      preHandler: handle,
    },
    async (request, reply) => {
      const auth = requireOnSite(request, 'service.handle', request.params.siteId);
      await handling.load(auth, request.params.siteId, request.params.applicationId);
      const file = await applications.file(request.params.applicationId, request.params.fileId);
      return reply
        .header('content-type', file.meta.mime)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.meta.original_name)}`)
        .send(file.bytes);
    },
  );

  const step = (path: 'accept' | 'start', summary: string) =>
    app.post(
      `${base}/applications/:applicationId/${path}`,
      {
        schema: {
          tags,
          summary,
          params: ApplicationParams,
          body: NoteInput,
          response: { 200: ApplicationDetail, ...errors(400, 401, 403, 404, 409) },
        },
        preHandler: handle,
      },
      async (request) =>
        handling.step(
          requireOnSite(request, 'service.handle', request.params.siteId),
          request.params.siteId,
          request.params.applicationId,
          path,
          { note: request.body.note },
        ),
    );
  step('accept', '受理');
  step('start', '开始办理');

  app.post(
    `${base}/applications/:applicationId/reject`,
    {
      schema: {
        tags,
        summary: '不予受理（须说明理由和依据，通知申请人）',
        params: ApplicationParams,
        body: RejectInput,
        response: { 200: ApplicationDetail, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: handle,
    },
    async (request) =>
      handling.step(
        requireOnSite(request, 'service.handle', request.params.siteId),
        request.params.siteId,
        request.params.applicationId,
        'reject',
        { note: request.body.note },
      ),
  );

  app.post(
    `${base}/applications/:applicationId/correction`,
    {
      schema: {
        tags,
        summary: '一次性告知补正（收到申请 5 个工作日内，列明需要补正的全部内容，通知申请人）',
        params: ApplicationParams,
        body: CorrectionInput,
        response: { 200: ApplicationDetail, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: handle,
    },
    async (request) =>
      handling.step(
        requireOnSite(request, 'service.handle', request.params.siteId),
        request.params.siteId,
        request.params.applicationId,
        'correction',
        { note: request.body.note, missing: request.body.missing },
      ),
  );

  app.post(
    `${base}/applications/:applicationId/complete`,
    {
      schema: {
        tags,
        summary: '办结（通知申请人）',
        params: ApplicationParams,
        body: CompleteInput,
        response: { 200: ApplicationDetail, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: handle,
    },
    async (request) =>
      handling.step(
        requireOnSite(request, 'service.handle', request.params.siteId),
        request.params.siteId,
        request.params.applicationId,
        'complete',
        { note: request.body.note, outcome: request.body.outcome },
      ),
  );

  // ───── 好差评 and rectifications ─────

  app.get(
    `${base}/ratings`,
    {
      schema: {
        tags,
        summary: '评价列表与各等级占比',
        params: SiteParams,
        querystring: Type.Object({ from: Type.Optional(Type.String({ format: 'date', description: '起始日期' })) }),
        response: { 200: RatingsOverview, ...errors(400, 401, 403) },
      },
      preHandler: handle,
    },
    async (request) =>
      ratings.overview(
        requireOnSite(request, 'service.handle', request.params.siteId),
        request.params.siteId,
        request.query.from
          ? new Date(`${request.query.from}T00:00:00+08:00`).toISOString()
          : '2000-01-01T00:00:00.000Z',
      ),
  );

  app.get(
    `${base}/rectifications`,
    {
      schema: {
        tags,
        summary: '差评整改任务',
        params: SiteParams,
        querystring: Type.Object({ state: Type.Optional(Type.String({ maxLength: 60 })) }),
        response: { 200: RectificationList, ...errors(400, 401, 403) },
      },
      preHandler: handle,
    },
    async (request) => ({
      rectifications: await ratings.rectifications(
        requireOnSite(request, 'service.handle', request.params.siteId),
        request.params.siteId,
        request.query.state?.split(',').filter(Boolean),
      ),
    }),
  );

  app.post(
    `${base}/rectifications/:rectificationId/rectify`,
    {
      schema: {
        tags,
        summary: '登记整改',
        params: RectificationParams,
        body: RectifyInput,
        response: { 200: RectificationView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: handle,
    },
    async (request) =>
      ratings.rectify(
        requireOnSite(request, 'service.handle', request.params.siteId),
        request.params.siteId,
        request.params.rectificationId,
        request.body.measures,
      ),
  );

  app.post(
    `${base}/rectifications/:rectificationId/revisit`,
    {
      schema: {
        tags,
        summary: '登记回访',
        params: RectificationParams,
        body: RevisitInput,
        response: { 200: RectificationView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: handle,
    },
    async (request) =>
      ratings.revisit(
        requireOnSite(request, 'service.handle', request.params.siteId),
        request.params.siteId,
        request.params.rectificationId,
        request.body.result,
        request.body.note,
      ),
  );
}
