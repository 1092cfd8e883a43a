import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import { can } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';
import { GOV_WEBSITE_CATALOGUE, allIndicators } from './indicators.ts';
import { renderReportHtml, renderReportPdf, renderReportXlsx } from './report/index.ts';

const RunFields = {
  url: Type.String({ pattern: '^https?://', maxLength: 500, description: '被检查网站的首页地址' }),
  siteId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: '本平台站点（加测内部指标）' })),
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

  /** A site administrator inspects only their own sites; an inspector any URL. */
  const checkScope = (request: FastifyRequest, siteId: number | null | undefined) => {
    const a = authOf(request);
    if (a.grants.some((g) => g.role === 'inspector')) return a;
    if (siteId && can(a.grants, 'inspection.run', siteId)) return a;
    throw new AppError('FORBIDDEN', '站点管理员只能检查本站点');
  };
  const runFor = async (request: FastifyRequest, id: number) => {
    const run = await inspection.run(id);
    checkScope(request, run.site_id);
    return run;
  };

  app.get('/api/inspection/indicators', { schema: { tags, summary: '检查指标（附件2）' }, preHandler: inspector }, async () => ({
    items: allIndicators(GOV_WEBSITE_CATALOGUE).map((i) => ({
      id: i.id, name: i.name, kind: i.kind, group: 'group' in i ? i.group : null, points: 'points' in i ? i.points : null,
      subRules: i.subRules.map((r) => ({ no: r.no, text: r.text })), parts: 'parts' in i ? i.parts : undefined, measurement: i.measurement,
    })),
  }));

  app.post('/api/inspection/runs', {
    schema: { tags, summary: '开始检查（后台运行，可查询进度）', body: RunBody, response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 403) } },
    preHandler: inspector,
  }, async (request) => {
    const a = checkScope(request, request.body.siteId);
    return { id: await inspection.start(a.actor, request.body) };
  });

  app.get('/api/inspection/runs', {
    schema: { tags, summary: '检查记录', querystring: Type.Object({ url: Type.Optional(Type.String({ maxLength: 500 })) }) },
    preHandler: inspector,
  }, async (request) => {
    const a = authOf(request);
    const rows = await inspection.list(request.query.url);
    const mine = rows.filter((r) => a.grants.some((g) => g.role === 'inspector') || (r.site_id !== null && can(a.grants, 'inspection.run', r.site_id)));
    return { items: mine.map((r) => ({ ...r, progress: JSON.parse(r.progress) as unknown })) };
  });

  app.get('/api/inspection/runs/:id', { schema: { tags, summary: '检查进度与结果摘要', params: IdParams }, preHandler: inspector }, async (request) => {
    const run = await runFor(request, request.params.id);
    const { report: _r, ...rest } = run;
    return { ...rest, progress: JSON.parse(run.progress) as unknown, options: JSON.parse(run.options) as unknown };
  });

  app.post('/api/inspection/runs/:id/cancel', { schema: { tags, summary: '中止检查', params: IdParams, response: { 200: Ok } }, preHandler: inspector }, async (request) => {
    await runFor(request, request.params.id);
    return { ok: inspection.cancel(request.params.id) };
  });

  app.get('/api/inspection/runs/:id/report', { schema: { tags, summary: '检查报告（JSON）', params: IdParams }, preHandler: inspector }, async (request) => {
    await runFor(request, request.params.id);
    return inspection.report(request.params.id);
  });

  app.get('/api/inspection/runs/:id/report.html', { schema: { tags, summary: '检查报告（HTML，可打印）', params: IdParams }, preHandler: inspector }, async (request, reply) => {
    await runFor(request, request.params.id);
    reply.header('content-security-policy', REPORT_CSP).type('text/html; charset=utf-8');
    return renderReportHtml(await inspection.report(request.params.id));
  });

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(`/api/inspection/runs/:id/report.${format}`, { schema: { tags, summary: `导出检查报告（${format.toUpperCase()}）`, params: IdParams }, preHandler: inspector }, async (request, reply) => {
      await runFor(request, request.params.id);
      const report = await inspection.report(request.params.id);
      const body = format === 'pdf' ? await renderReportPdf(report) : await renderReportXlsx(report);
      reply.header('content-type', format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`网站检查报告-${request.params.id}.${format}`)}`);
      return reply.send(body);
    });
  }

  app.get('/api/inspection/runs/:id/evidence/:evidenceId', {
    schema: { tags, summary: '证据截图', params: Type.Object({ id: Type.Integer({ minimum: 1 }), evidenceId: Type.Integer({ minimum: 1 }) }) },
    preHandler: inspector,
  }, async (request, reply) => {
    await runFor(request, request.params.id);
    const { mime, bytes } = await inspection.evidence(request.params.id, request.params.evidenceId);
    reply.header('content-type', mime).header('cache-control', 'private, max-age=86400');
    return reply.send(bytes);
  });

  app.get('/api/inspection/trend', { schema: { tags, summary: '得分趋势', querystring: Type.Object({ url: Type.String({ maxLength: 500 }) }) }, preHandler: inspector }, async (request) => ({
    items: await inspection.trend(request.query.url),
  }));

  app.get('/api/inspection/compare', {
    schema: { tags, summary: '两次检查的差异：新发现、已整改、仍存在', querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }) },
    preHandler: inspector,
  }, async (request) => {
    await runFor(request, request.query.from);
    await runFor(request, request.query.to);
    return inspection.compare(request.query.from, request.query.to);
  });

  app.get('/api/inspection/findings', { schema: { tags, summary: '人工检查发现', querystring: Type.Object({ url: Type.String({ maxLength: 500 }) }) }, preHandler: inspector }, async (request) => ({
    items: (await inspection.listManual(request.query.url)).map((r) => ({ ...r, evidence: JSON.parse(r.evidence) as unknown })),
  }));

  app.post('/api/inspection/findings', {
    schema: {
      tags, summary: '记录人工检查发现（计入评分）',
      body: Type.Object({
        url: Type.String({ pattern: '^https?://', maxLength: 500 }), indicatorId: Type.String({ maxLength: 64 }),
        subRule: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])), part: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
        points: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 30 }), Type.Null()])), message: Type.String({ minLength: 2, maxLength: 1000 }),
        evidenceUrl: Type.Optional(Type.Union([Type.String({ pattern: '^https?://', maxLength: 1000 }), Type.Null()])), note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 403) },
    },
    preHandler: inspector,
  }, async (request) => ({ id: await inspection.addManualFinding(authOf(request).actor, request.body) }));

  app.delete('/api/inspection/findings/:id', { schema: { tags, summary: '撤销人工检查发现', params: IdParams, response: { 200: Ok } }, preHandler: inspector }, async (request) => {
    await inspection.revokeManualFinding(authOf(request).actor, request.params.id);
    return { ok: true };
  });

  app.get('/api/inspection/schedules', { schema: { tags, summary: '定期检查计划' }, preHandler: inspector }, async () => ({ items: await inspection.schedules() }));

  app.post('/api/inspection/schedules', {
    schema: { tags, summary: '新建定期检查（同时每小时监测可访问性）', body: Type.Object({ ...RunFields, everyHours: Type.Integer({ minimum: 1, maximum: 24 * 90 }) }, { additionalProperties: false }), response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 403) } },
    preHandler: inspector,
  }, async (request) => {
    const a = checkScope(request, request.body.siteId);
    return { id: await inspection.schedule(a.actor, request.body) };
  });

  app.delete('/api/inspection/schedules/:id', { schema: { tags, summary: '停止定期检查', params: IdParams, response: { 200: Ok } }, preHandler: inspector }, async (request) => {
    await inspection.unschedule(authOf(request).actor, request.params.id);
    return { ok: true };
  });
}
