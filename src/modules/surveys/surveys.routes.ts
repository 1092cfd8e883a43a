// 公众调查 for staff (/api/surveys/…): build and change a questionnaire, submit its notice to the release review,
// watch live results, moderate free text and held anonymous answers, export the raw answers as XLSX.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { Capability } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../context.ts';
import { Binary, SiteQuery } from '../participation/participation.schema.ts';
import { ModerationDecision, ModerationList, SurveyDetail, SurveyInput, SurveyList } from './surveys.schema.ts';

const tags = ['公众调查'];
const Submitted = Type.Object({
  contentId: Type.Integer(),
  reviewRequestId: Type.Integer(),
  reviewState: Type.String(),
});

export async function surveyRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard } = ctx;
  const surveys = ctx.participation.surveys;
  const read = guard({ capability: 'participation.read' });
  const manage = guard({ capability: 'participation.manage' });
  const onSiteOf = async (request: FastifyRequest, id: number, capability: Capability) =>
    requireOnSite(request, capability, (await surveys.find(id)).site_id);

  app.get(
    '/api/surveys',
    {
      schema: {
        tags,
        summary: '调查列表（阶段、答卷数、待审核）',
        querystring: SiteQuery,
        response: { 200: SurveyList, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'participation.read', request.query.siteId);
      return { items: await surveys.list(request.query.siteId) };
    },
  );
  app.post(
    '/api/surveys',
    {
      schema: {
        tags,
        summary: '新建调查（草稿）',
        querystring: SiteQuery,
        body: SurveyInput,
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 401, 403) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.query.siteId);
      return { id: await surveys.create(auth, request.query.siteId, request.body) };
    },
  );
  app.get(
    '/api/surveys/:id',
    {
      schema: {
        tags,
        summary: '调查详情与实时结果',
        params: IdParams,
        response: { 200: SurveyDetail, ...errors(400, 401, 403, 404) },
      },
      preHandler: read,
    },
    async (request) => {
      await onSiteOf(request, request.params.id, 'participation.read');
      return surveys.detail(request.params.id);
    },
  );
  app.put(
    '/api/surveys/:id',
    {
      schema: {
        tags,
        summary: '修改调查（提交审查前或被退回后）',
        params: IdParams,
        body: SurveyInput,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      await surveys.update(auth, request.params.id, request.body);
      return { ok: true };
    },
  );
  app.post(
    '/api/surveys/:id/submit',
    {
      schema: {
        tags,
        summary: '调查公告提交信息发布审查（审查通过并发布后按时开始）',
        params: IdParams,
        response: { 200: Submitted, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      return surveys.submit(auth, request.params.id);
    },
  );
  app.post(
    '/api/surveys/:id/close',
    {
      schema: {
        tags,
        summary: '提前结束进行中的调查（结果随即公开）',
        params: IdParams,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      await surveys.close(auth, request.params.id);
      return { ok: true };
    },
  );
  app.get(
    '/api/surveys/:id/moderation',
    {
      schema: {
        tags,
        summary: '待审核的文字意见和匿名答卷',
        params: IdParams,
        response: { 200: ModerationList, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      await onSiteOf(request, request.params.id, 'participation.manage');
      return { items: await surveys.moderationQueue(request.params.id) };
    },
  );
  app.post(
    '/api/surveys/:id/moderation/:itemId',
    {
      schema: {
        tags,
        summary: '审核文字意见或匿名答卷',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), itemId: Type.Integer({ minimum: 1 }) }),
        body: ModerationDecision,
        response: { 200: Ok, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id, 'participation.manage');
      await surveys.moderate(auth, request.params.id, request.params.itemId, request.body);
      return { ok: true };
    },
  );
  app.get(
    '/api/surveys/:id/answers.xlsx',
    {
      schema: {
        tags,
        summary: '导出原始答卷（XLSX）',
        params: IdParams,
        response: { 200: Binary, ...errors(400, 401, 403, 404) },
      },
      preHandler: read,
    },
    async (request, reply) => {
      await onSiteOf(request, request.params.id, 'participation.read');
      const body = await surveys.exportXlsx(request.params.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`调查答卷-${request.params.id}.xlsx`)}`,
        )
        .send(body);
    },
  );
}
