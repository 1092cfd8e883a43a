// The inspection API: the indicator catalogue, runs (start, progress, cancel, reports in JSON, HTML, PDF and
// XLSX, evidence screenshots), trends and comparisons, manual findings and schedules. Every call goes through
// the caller's scope (inspection-access.service.ts).
import type { FastifyRequest } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { indicatorCatalogue } from './inspection-access.service.ts';
import {
  CompareQuery,
  CompareView,
  EvidenceParams,
  IndicatorList,
  InspectionReportView,
  ManualFindingBody,
  ManualFindingList,
  RunBody,
  RunCreated,
  RunDetail,
  RunList,
  RunsQuery,
  ScheduleBody,
  ScheduleList,
  TargetQuery,
  TrendList,
} from './inspection.schema.ts';
import { scopeOf } from './scope.ts';

// Report pages carry text from arbitrary crawled sites: no script at all, styles inline only.
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'";
/** A document the route sends as it is (HTML page, PDF, XLSX, PNG). */
const Document = Type.Unsafe<Buffer | string>(Type.String({ format: 'binary', description: '文件内容' }));

export async function inspectionRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, inspection } = ctx;
  const tags = ['网站检查'];
  const inspector = guard({ capability: 'inspection.run' });
  /** Inspection as the signed-in caller may see it. */
  const desk = (request: FastifyRequest) => inspection.forScope(scopeOf(authOf(request).grants));

  app.get(
    '/api/inspection/indicators',
    {
      schema: { tags, summary: '检查指标（附件2）', response: { 200: IndicatorList, ...errors(401, 403) } },
      preHandler: inspector,
    },
    async () => indicatorCatalogue(),
  );

  app.post(
    '/api/inspection/runs',
    {
      schema: {
        tags,
        summary: '开始检查（后台运行，可查询进度）',
        body: RunBody,
        response: { 200: RunCreated, ...errors(400, 401, 403, 404) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).start(authOf(request).actor, request.body),
  );

  app.get(
    '/api/inspection/runs',
    {
      schema: {
        tags,
        summary: '检查记录（本人可见的站点）',
        querystring: RunsQuery,
        response: { 200: RunList, ...errors(400, 401, 403) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).runs(request.query.url),
  );

  app.get(
    '/api/inspection/runs/:id',
    {
      schema: {
        tags,
        summary: '检查进度与结果摘要',
        params: IdParams,
        response: { 200: RunDetail, ...errors(401, 403, 404) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).detail(request.params.id),
  );

  app.post(
    '/api/inspection/runs/:id/cancel',
    {
      schema: {
        tags,
        summary: '中止检查（状态记为“已中止”，抓取随即停止）',
        params: IdParams,
        response: { 200: Ok, ...errors(401, 403, 404, 409) },
      },
      preHandler: inspector,
    },
    async (request) => {
      await desk(request).cancel(authOf(request).actor, request.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/inspection/runs/:id/report',
    {
      schema: {
        tags,
        summary: '检查报告（JSON）',
        params: IdParams,
        response: { 200: InspectionReportView, ...errors(401, 403, 404, 409) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).report(request.params.id),
  );

  app.get(
    '/api/inspection/runs/:id/report.html',
    {
      schema: {
        tags,
        summary: '检查报告（HTML，可打印）',
        params: IdParams,
        response: { 200: Document, ...errors(401, 403, 404, 409) },
      },
      preHandler: inspector,
    },
    async (request, reply) => {
      const html = await desk(request).reportHtml(request.params.id);
      return reply.header('content-security-policy', REPORT_CSP).type('text/html; charset=utf-8').send(html);
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/api/inspection/runs/:id/report.${format}`,
      {
        schema: {
          tags,
          summary: `导出检查报告（${format.toUpperCase()}）`,
          params: IdParams,
          response: { 200: Document, ...errors(401, 403, 404, 409) },
        },
        preHandler: inspector,
      },
      async (request, reply) => {
        const file = await desk(request).reportFile(request.params.id, format);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .send(file.body);
      },
    );
  }

  app.get(
    '/api/inspection/runs/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: '证据截图',
        params: EvidenceParams,
        response: { 200: Document, ...errors(401, 403, 404) },
      },
      preHandler: inspector,
    },
    async (request, reply) => {
      const { mime, bytes } = await desk(request).evidence(request.params.id, request.params.evidenceId);
      return reply.header('content-type', mime).header('cache-control', 'private, max-age=86400').send(bytes);
    },
  );

  app.get(
    '/api/inspection/trend',
    {
      schema: {
        tags,
        summary: '得分趋势（已完成的检查；失败和中止的不计）',
        querystring: TargetQuery,
        response: { 200: TrendList, ...errors(400, 401, 403) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).trend(request.query.url, request.query.siteId),
  );

  app.get(
    '/api/inspection/compare',
    {
      schema: {
        tags,
        summary: '两次检查的差异：新发现、已整改、仍存在',
        querystring: CompareQuery,
        response: { 200: CompareView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).compare(request.query.from, request.query.to),
  );

  app.get(
    '/api/inspection/findings',
    {
      schema: {
        tags,
        summary: '人工检查发现（给出 siteId 时为该站点检查计入的发现）',
        querystring: TargetQuery,
        response: { 200: ManualFindingList, ...errors(400, 401, 403) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).findings(request.query.url, request.query.siteId),
  );

  app.post(
    '/api/inspection/findings',
    {
      schema: {
        tags,
        summary: '记录人工检查发现（计入评分）',
        body: ManualFindingBody,
        response: { 200: RunCreated, ...errors(400, 401, 403, 404) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).addFinding(authOf(request).actor, request.body),
  );

  app.delete(
    '/api/inspection/findings/:id',
    {
      schema: {
        tags,
        summary: '撤销人工检查发现',
        params: IdParams,
        response: { 200: Ok, ...errors(401, 403, 404) },
      },
      preHandler: inspector,
    },
    async (request) => {
      await desk(request).revokeFinding(authOf(request).actor, request.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/inspection/schedules',
    {
      schema: {
        tags,
        summary: '定期检查计划（本人可见的站点）',
        response: { 200: ScheduleList, ...errors(401, 403) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).schedules(),
  );

  app.post(
    '/api/inspection/schedules',
    {
      schema: {
        tags,
        summary: '新建定期检查（同时每小时监测可访问性）',
        body: ScheduleBody,
        response: { 200: RunCreated, ...errors(400, 401, 403) },
      },
      preHandler: inspector,
    },
    async (request) => desk(request).schedule(authOf(request).actor, request.body),
  );

  app.delete(
    '/api/inspection/schedules/:id',
    {
      schema: {
        tags,
        summary: '停止定期检查',
        params: IdParams,
        response: { 200: Ok, ...errors(401, 403, 404) },
      },
      preHandler: inspector,
    },
    async (request) => {
      await desk(request).unschedule(authOf(request).actor, request.params.id);
      return { ok: true };
    },
  );
}
