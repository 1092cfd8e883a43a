// Routes of the quarterly plans, their results and the rectification tasks.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { Document, IdParams, Ok, errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { renderReportHtml } from '../inspection/report/index.ts';
import { assertSupervises, supervisionScopeOf } from './scope.ts';
import {
  OwnerQuery,
  PlanCreate,
  PlanDetail,
  PlanList,
  PublishResult,
  TaskList,
  TaskQuery,
  TaskResponse,
  TaskView,
} from './supervision.schema.ts';

const tags = ['网站监管'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Report pages carry text from arbitrary crawled sites: no script at all, styles inline only.
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'";

export function download(reply: FastifyReply, type: string, name: string, body: Buffer) {
  reply.header('content-type', type);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  return reply.send(body);
}

export async function planRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard } = ctx;
  const s = ctx.supervision;
  const manage = guard({ capability: 'supervision.manage' });
  const respond = guard({ capability: 'supervision.respond' });

  /** The caller supervises the office the record belongs to. */
  const supervising = (request: FastifyRequest, ownerSiteId: number) => {
    const a = authOf(request);
    assertSupervises(supervisionScopeOf(a.grants), ownerSiteId);
    return a;
  };
  const planFor = async (request: FastifyRequest, id: number) => {
    const plan = await s.plans.plan(id);
    return { plan, auth: supervising(request, plan.owner_site_id) };
  };

  app.get(
    '/api/supervision/plans',
    {
      schema: {
        tags,
        summary: '抽查计划',
        querystring: Type.Object({ ...OwnerQuery.properties, year: Type.Optional(Type.Integer({ minimum: 2019 })) }),
        response: { 200: PlanList, ...errors(403) },
      },
      preHandler: manage,
    },
    async (request) => {
      supervising(request, request.query.siteId);
      return { items: await s.plans.list(request.query.siteId, request.query.year) };
    },
  );

  app.post(
    '/api/supervision/plans',
    {
      schema: {
        tags,
        summary: '制定季度抽查计划（按记录的随机种子抽取不少于30%的运行网站，或全部）',
        body: PlanCreate,
        response: { 200: PlanDetail, ...errors(400, 403, 409) },
      },
      preHandler: manage,
    },
    async (request) => s.plans.create(supervising(request, request.body.siteId).actor, request.body),
  );

  app.get(
    '/api/supervision/plans/:id',
    {
      schema: {
        tags,
        summary: '抽查计划进度与结果',
        params: IdParams,
        response: { 200: PlanDetail, ...errors(403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      await planFor(request, request.params.id);
      return s.plans.detail(request.params.id);
    },
  );

  app.post(
    '/api/supervision/plans/:id/start',
    {
      schema: {
        tags,
        summary: '立即开始抽查',
        params: IdParams,
        response: { 200: PlanDetail, ...errors(403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) => s.plans.start((await planFor(request, request.params.id)).auth.actor, request.params.id),
  );

  app.post(
    '/api/supervision/plans/:id/cancel',
    {
      schema: { tags, summary: '中止抽查', params: IdParams, response: { 200: Ok, ...errors(403, 404, 409) } },
      preHandler: manage,
    },
    async (request) => {
      await s.plans.cancel((await planFor(request, request.params.id)).auth.actor, request.params.id);
      return { ok: true };
    },
  );

  app.post(
    '/api/supervision/plans/:id/publish',
    {
      schema: {
        tags,
        summary: '生成抽查情况通报并提交发布审查（附件3）',
        params: IdParams,
        response: { 200: PublishResult, ...errors(400, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => s.plans.publishResults((await planFor(request, request.params.id)).auth, request.params.id),
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/api/supervision/plans/:id/report.${format}`,
      {
        schema: {
          tags,
          summary: `抽查情况通报（${format.toUpperCase()}）`,
          params: IdParams,
          response: errors(403, 404),
        },
        preHandler: manage,
      },
      async (request, reply) => {
        const { plan } = await planFor(request, request.params.id);
        const body = format === 'pdf' ? await s.plans.resultsPdf(plan.id) : await s.plans.resultsXlsx(plan.id);
        const name = `抽查情况通报-${plan.year}年第${plan.quarter}季度.${format}`;
        return download(reply, format === 'pdf' ? 'application/pdf' : XLSX, name, body);
      },
    );
  }

  app.get(
    '/api/supervision/plans/:id/items/:itemId/report.html',
    {
      schema: {
        tags,
        summary: '抽查网站的检查报告（HTML）',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), itemId: Type.Integer({ minimum: 1 }) }),
        response: { 200: Document, ...errors(403, 404) },
      },
      preHandler: manage,
    },
    async (request, reply) => {
      await planFor(request, request.params.id);
      const report = await s.plans.itemReport(request.params.id, request.params.itemId);
      reply.header('content-security-policy', REPORT_CSP).type('text/html; charset=utf-8');
      return renderReportHtml(report);
    },
  );

  // ───────────────────────────── rectification ─────────────────────────────

  app.get(
    '/api/supervision/rectifications',
    {
      schema: {
        tags,
        summary: '整改任务（监管人员：本单位全部；部门：本部门负责的网站）',
        querystring: TaskQuery,
        response: { 200: TaskList, ...errors(403) },
      },
      preHandler: respond,
    },
    async (request) => ({ items: await s.rectification.list(authOf(request), request.query) }),
  );

  app.get(
    '/api/supervision/rectifications/:id',
    {
      schema: { tags, summary: '整改任务', params: IdParams, response: { 200: TaskView, ...errors(403, 404) } },
      preHandler: respond,
    },
    async (request) => {
      await s.rectification.assertMayAnswer(authOf(request), await s.rectification.task(request.params.id));
      return s.rectification.view(request.params.id);
    },
  );

  app.post(
    '/api/supervision/rectifications/:id/respond',
    {
      schema: {
        tags,
        summary: '反馈整改情况（附佐证材料）',
        params: IdParams,
        body: TaskResponse,
        response: { 200: TaskView, ...errors(400, 403, 404, 409) },
      },
      preHandler: respond,
    },
    async (request) => s.rectification.respond(authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/supervision/rectifications/:id/recheck',
    {
      schema: {
        tags,
        summary: '复查：重新检查该网站，问题消除则关闭任务，仍存在则退回整改',
        params: IdParams,
        response: { 200: TaskView, ...errors(403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const task = await s.rectification.task(request.params.id);
      return s.rectification.recheck(supervising(request, task.owner_site_id).actor, request.params.id);
    },
  );
}
