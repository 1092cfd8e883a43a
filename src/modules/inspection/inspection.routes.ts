import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';
import { GOV_WEBSITE_CATALOGUE, allIndicators } from './indicators.ts';
import { renderReportHtml, renderReportPdf, renderReportXlsx } from './report/index.ts';
import { inScope, scopeOf } from './scope.ts';
import { assertSiteHost } from './crawler/address-guard.ts';

const RunFields = {
  url: Type.String({ pattern: '^https?://', maxLength: 500, description: '被检查网站的首页地址' }),
  siteId: Type.Optional(
    Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: '本平台站点（加测内部指标）' }),
  ),
  maxPages: Type.Optional(Type.Integer({ minimum: 5, maximum: 500 })),
  noServices: Type.Optional(Type.Boolean({ description: '没有对外服务职能（办事服务不检查，×4/3）' })),
  ignoreRobots: Type.Optional(Type.Boolean({ description: '忽略 robots.txt（仅限本单位网站）' })),
  screenshots: Type.Optional(Type.Boolean()),
  seed: Type.Optional(Type.Integer({ minimum: 0 })),
};
const RunBody = Type.Object(RunFields, { additionalProperties: false });

// Report pages carry text from arbitrary crawled sites: no script at all, styles inline only.
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'";

export async function inspectionRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, inspection } = ctx;
  const tags = ['网站检查'];
  const inspector = guard({ capability: 'inspection.run' });

  // Every route that reads or changes a run, schedule or finding checks its site against the caller's scope
  // (scope.ts): an inspector of every site sees everything, a site administrator or an inspector bound to a site
  // only that site's data. Lists are filtered by the same rule; single rows out of scope are refused (403).
  const scopeFor = (request: FastifyRequest) => scopeOf(authOf(request).grants);
  const checkScope = (request: FastifyRequest, siteId: number | null | undefined) => {
    const a = authOf(request);
    if (inScope(scopeOf(a.grants), siteId ?? null)) return a;
    throw new AppError(
      'FORBIDDEN',
      siteId ? '只能查看和检查本人负责的站点' : '只有负责全部站点的检查员才能检查或查看本平台以外的网站',
    );
  };
  /** A site administrator (or a site-bound inspector) inspects only the hosts of their own site. */
  const ownHostsOnly = async (request: FastifyRequest, body: { url: string; siteId?: number | null }) => {
    if (scopeOf(authOf(request).grants).siteless || !body.siteId) return;
    assertSiteHost(body.url, (await ctx.sites.get(body.siteId)).domains, ctx.config.inspectAllow);
  };
  const runFor = async (request: FastifyRequest, id: number) => {
    const run = await inspection.run(id);
    checkScope(request, run.site_id);
    return run;
  };
  /** An optional siteId filter must itself be in scope. */
  const siteFilter = (request: FastifyRequest, siteId: number | undefined) => {
    if (siteId !== undefined) checkScope(request, siteId);
    return siteId;
  };
  const SiteQuery = Type.Optional(Type.Integer({ minimum: 1, description: '本平台站点' }));

  app.get(
    '/api/inspection/indicators',
    { schema: { tags, summary: '检查指标（附件2）' }, preHandler: inspector },
    async () => ({
      items: allIndicators(GOV_WEBSITE_CATALOGUE).map((i) => ({
        id: i.id,
        name: i.name,
        kind: i.kind,
        group: 'group' in i ? i.group : null,
        points: 'points' in i ? i.points : null,
        subRules: i.subRules.map((r) => ({ no: r.no, text: r.text })),
        parts: 'parts' in i ? i.parts : undefined,
        measurement: i.measurement,
      })),
    }),
  );

  app.post(
    '/api/inspection/runs',
    {
      schema: {
        tags,
        summary: '开始检查（后台运行，可查询进度）',
        body: RunBody,
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 403) },
      },
      preHandler: inspector,
    },
    async (request) => {
      const a = checkScope(request, request.body.siteId);
      await ownHostsOnly(request, request.body);
      return { id: await inspection.start(a.actor, request.body) };
    },
  );

  app.get(
    '/api/inspection/runs',
    {
      schema: {
        tags,
        summary: '检查记录（本人可见的站点）',
        querystring: Type.Object({ url: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
      preHandler: inspector,
    },
    async (request) => {
      const rows = await inspection.list(scopeFor(request), request.query.url);
      return { items: rows.map((r) => ({ ...r, progress: JSON.parse(r.progress) as unknown })) };
    },
  );

  app.get(
    '/api/inspection/runs/:id',
    { schema: { tags, summary: '检查进度与结果摘要', params: IdParams }, preHandler: inspector },
    async (request) => {
      const run = await runFor(request, request.params.id);
      const { report: _r, ...rest } = run;
      return { ...rest, progress: JSON.parse(run.progress) as unknown, options: JSON.parse(run.options) as unknown };
    },
  );

  app.post(
    '/api/inspection/runs/:id/cancel',
    {
      schema: {
        tags,
        summary: '中止检查（状态记为“已中止”，抓取随即停止）',
        params: IdParams,
        response: { 200: Ok, ...errors(403, 404, 409) },
      },
      preHandler: inspector,
    },
    async (request) => {
      await runFor(request, request.params.id);
      await inspection.cancel(authOf(request).actor, request.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/inspection/runs/:id/report',
    { schema: { tags, summary: '检查报告（JSON）', params: IdParams }, preHandler: inspector },
    async (request) => {
      await runFor(request, request.params.id);
      return inspection.report(request.params.id);
    },
  );

  app.get(
    '/api/inspection/runs/:id/report.html',
    { schema: { tags, summary: '检查报告（HTML，可打印）', params: IdParams }, preHandler: inspector },
    async (request, reply) => {
      await runFor(request, request.params.id);
      reply.header('content-security-policy', REPORT_CSP).type('text/html; charset=utf-8');
      return renderReportHtml(await inspection.report(request.params.id));
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/api/inspection/runs/:id/report.${format}`,
      { schema: { tags, summary: `导出检查报告（${format.toUpperCase()}）`, params: IdParams }, preHandler: inspector },
      async (request, reply) => {
        await runFor(request, request.params.id);
        const report = await inspection.report(request.params.id);
        const body = format === 'pdf' ? await renderReportPdf(report) : await renderReportXlsx(report);
        reply.header(
          'content-type',
          format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
        reply.header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`网站检查报告-${request.params.id}.${format}`)}`,
        );
        return reply.send(body);
      },
    );
  }

  app.get(
    '/api/inspection/runs/:id/evidence/:evidenceId',
    {
      schema: {
        tags,
        summary: '证据截图',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), evidenceId: Type.Integer({ minimum: 1 }) }),
      },
      preHandler: inspector,
    },
    async (request, reply) => {
      await runFor(request, request.params.id);
      const { mime, bytes } = await inspection.evidence(request.params.id, request.params.evidenceId);
      reply.header('content-type', mime).header('cache-control', 'private, max-age=86400');
      return reply.send(bytes);
    },
  );

  app.get(
    '/api/inspection/trend',
    {
      schema: {
        tags,
        summary: '得分趋势（已完成的检查；失败和中止的不计）',
        querystring: Type.Object({ url: Type.String({ maxLength: 500 }), siteId: SiteQuery }),
      },
      preHandler: inspector,
    },
    async (request) => ({
      items: await inspection.trend(request.query.url, scopeFor(request), siteFilter(request, request.query.siteId)),
    }),
  );

  app.get(
    '/api/inspection/compare',
    {
      schema: {
        tags,
        summary: '两次检查的差异：新发现、已整改、仍存在',
        querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
      },
      preHandler: inspector,
    },
    async (request) => {
      await runFor(request, request.query.from);
      await runFor(request, request.query.to);
      return inspection.compare(request.query.from, request.query.to);
    },
  );

  app.get(
    '/api/inspection/findings',
    {
      schema: {
        tags,
        summary: '人工检查发现（给出 siteId 时为该站点检查计入的发现）',
        querystring: Type.Object({ url: Type.String({ maxLength: 500 }), siteId: SiteQuery }),
      },
      preHandler: inspector,
    },
    async (request) => ({
      items: (
        await inspection.listManual(request.query.url, scopeFor(request), siteFilter(request, request.query.siteId))
      ).map((r) => ({ ...r, evidence: JSON.parse(r.evidence) as unknown })),
    }),
  );

  app.post(
    '/api/inspection/findings',
    {
      schema: {
        tags,
        summary: '记录人工检查发现（计入评分）',
        body: Type.Object(
          {
            url: Type.String({ pattern: '^https?://', maxLength: 500 }),
            indicatorId: Type.String({ maxLength: 64 }),
            subRule: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
            part: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
            points: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 30 }), Type.Null()])),
            message: Type.String({ minLength: 2, maxLength: 1000 }),
            evidenceUrl: Type.Optional(
              Type.Union([Type.String({ pattern: '^https?://', maxLength: 1000 }), Type.Null()]),
            ),
            note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
            siteId: Type.Optional(
              Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
                description: '本平台站点：只计入该站点的检查；不填则计入该网址的每次检查（仅限检查员）',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 403) },
      },
      preHandler: inspector,
    },
    async (request) => {
      const a = checkScope(request, request.body.siteId);
      return { id: await inspection.addManualFinding(a.actor, request.body) };
    },
  );

  app.delete(
    '/api/inspection/findings/:id',
    {
      schema: { tags, summary: '撤销人工检查发现', params: IdParams, response: { 200: Ok, ...errors(403, 404) } },
      preHandler: inspector,
    },
    async (request) => {
      checkScope(request, (await inspection.manualFinding(request.params.id)).site_id);
      await inspection.revokeManualFinding(authOf(request).actor, request.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/inspection/schedules',
    { schema: { tags, summary: '定期检查计划（本人可见的站点）' }, preHandler: inspector },
    async (request) => ({
      items: await inspection.schedules(scopeFor(request)),
    }),
  );

  app.post(
    '/api/inspection/schedules',
    {
      schema: {
        tags,
        summary: '新建定期检查（同时每小时监测可访问性）',
        body: Type.Object(
          { ...RunFields, everyHours: Type.Integer({ minimum: 1, maximum: 24 * 90 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 403) },
      },
      preHandler: inspector,
    },
    async (request) => {
      const a = checkScope(request, request.body.siteId);
      await ownHostsOnly(request, request.body);
      return { id: await inspection.schedule(a.actor, request.body) };
    },
  );

  app.delete(
    '/api/inspection/schedules/:id',
    {
      schema: { tags, summary: '停止定期检查', params: IdParams, response: { 200: Ok, ...errors(403, 404) } },
      preHandler: inspector,
    },
    async (request) => {
      checkScope(request, (await inspection.scheduleById(request.params.id)).site_id);
      await inspection.unschedule(authOf(request).actor, request.params.id);
      return { ok: true };
    },
  );
}
