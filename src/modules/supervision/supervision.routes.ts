// Routes of supervision: the office, dashboard, registry (with XLSX), the other checks, manual findings, the
// assessment, the supervisor's annual report and site imports. Plans and rectification are in plans.routes.ts.
// Every route asks for a capability and checks the office (owner site) against the 监管人员's scope.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { Document, IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { findIndicator, NEW_MEDIA_CATALOGUE, SUPERVISION_CATALOGUE } from '../inspection/indicators.ts';
import { assertSupervises, supervisionScopeOf } from './scope.ts';
import { toEntryView } from './registry.service.ts';
import { download, planRoutes } from './plans.routes.ts';
import { assessmentHtml, assessmentPdf } from './assessment-report.ts';
import {
  AnnualReportInput,
  AnnualReportView,
  AssessmentQuery,
  AssessmentView,
  CHECK_KINDS,
  CheckList,
  CheckRequest,
  type CheckView,
  DashboardView,
  DiscoveryResolution,
  ImportPreview,
  ImportPreviewRequest,
  ImportRequest,
  ImportResult,
  ImportView,
  ManualFindingInput,
  ManualFindingList,
  OfficeUpdate,
  OfficeView,
  OwnerQuery,
  REGISTRY_KINDS,
  RegistryEntryView,
  RegistryInput,
  RegistryList,
} from './supervision.schema.ts';

const tags = ['网站监管'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function supervisionRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard } = ctx;
  const s = ctx.supervision;
  const manage = guard({ capability: 'supervision.manage' });
  const supervising = (request: FastifyRequest, ownerSiteId: number) => {
    const a = authOf(request);
    assertSupervises(supervisionScopeOf(a.grants), ownerSiteId);
    return a;
  };
  const entryFor = async (request: FastifyRequest, id: number) => {
    const row = await s.registry.row(id);
    return { row, auth: supervising(request, row.owner_site_id) };
  };

  // ───────────────────────────── office and dashboard ─────────────────────────────

  app.get(
    '/api/supervision/offices/:siteId',
    {
      schema: { tags, summary: '监管单位设置', params: SiteParams, response: { 200: OfficeView, ...errors(403, 404) } },
      preHandler: manage,
    },
    async (request) => {
      supervising(request, request.params.siteId);
      return s.registry.office(request.params.siteId);
    },
  );

  app.put(
    '/api/supervision/offices/:siteId',
    {
      schema: {
        tags,
        summary: '修改监管单位设置',
        params: SiteParams,
        body: OfficeUpdate,
        response: { 200: OfficeView, ...errors(400, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) =>
      s.registry.updateOffice(supervising(request, request.params.siteId).actor, request.params.siteId, request.body),
  );

  app.get(
    '/api/supervision/dashboard',
    {
      schema: {
        tags,
        summary: '监管概览：本季度抽查倒计时、监管对象、整改任务、年度考核得分',
        querystring: OwnerQuery,
        response: { 200: DashboardView, ...errors(403) },
      },
      preHandler: manage,
    },
    async (request) => {
      supervising(request, request.query.siteId);
      return s.assessment.dashboard(request.query.siteId);
    },
  );

  // ───────────────────────────── registry ─────────────────────────────

  app.get(
    '/api/supervision/registry',
    {
      schema: {
        tags,
        summary: '监管对象名录（本平台站点自动登记）',
        querystring: Type.Object({
          ...OwnerQuery.properties,
          kind: Type.Optional(Type.Unsafe<(typeof REGISTRY_KINDS)[number]>(Type.String({ enum: [...REGISTRY_KINDS] }))),
        }),
        response: { 200: RegistryList, ...errors(403) },
      },
      preHandler: manage,
    },
    async (request) => {
      supervising(request, request.query.siteId);
      return { items: await s.registry.list(request.query.siteId, request.query.kind) };
    },
  );

  app.post(
    '/api/supervision/registry',
    {
      schema: {
        tags,
        summary: '登记监管对象',
        querystring: OwnerQuery,
        body: RegistryInput,
        response: { 200: RegistryEntryView, ...errors(400, 403, 409) },
      },
      preHandler: manage,
    },
    async (request) =>
      s.registry.create(supervising(request, request.query.siteId).actor, request.query.siteId, request.body),
  );

  app.get(
    '/api/supervision/registry/:id',
    {
      schema: {
        tags,
        summary: '监管对象',
        params: IdParams,
        response: { 200: RegistryEntryView, ...errors(403, 404) },
      },
      preHandler: manage,
    },
    async (request) => toEntryView((await entryFor(request, request.params.id)).row),
  );

  app.put(
    '/api/supervision/registry/:id',
    {
      schema: {
        tags,
        summary: '修改监管对象（状态变更记录日期）',
        params: IdParams,
        body: RegistryInput,
        response: { 200: RegistryEntryView, ...errors(400, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) =>
      s.registry.update((await entryFor(request, request.params.id)).auth.actor, request.params.id, request.body),
  );

  app.get(
    '/api/supervision/registry.xlsx',
    {
      schema: { tags, summary: '导出监管对象名录（XLSX）', querystring: OwnerQuery, response: errors(403) },
      preHandler: manage,
    },
    async (request, reply) => {
      supervising(request, request.query.siteId);
      return download(reply, XLSX, '监管对象名录.xlsx', await s.registry.exportXlsx(request.query.siteId));
    },
  );

  app.post(
    '/api/supervision/registry/import',
    {
      schema: {
        tags,
        summary: '从 XLSX 导入监管对象（表头同导出格式；同名的更新）',
        querystring: OwnerQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult, ...errors(400, 403, 413) },
      },
      preHandler: manage,
    },
    async (request) => {
      const a = supervising(request, request.query.siteId);
      const part = await request.file();
      if (!part) throw new AppError('SUPERVISION_IMPORT_FILE', { row: 1, reason: '没有收到文件' });
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return s.registry.importXlsx(a.actor, request.query.siteId, bytes);
    },
  );

  // ───────────────────────────── checks ─────────────────────────────

  app.get(
    '/api/supervision/checks',
    {
      schema: {
        tags,
        summary: '关停整合、年度报表、未登记网站、新媒体检查记录',
        querystring: Type.Object({
          ...OwnerQuery.properties,
          kind: Type.Optional(Type.Unsafe<(typeof CHECK_KINDS)[number]>(Type.String({ enum: [...CHECK_KINDS] }))),
          year: Type.Optional(Type.Integer({ minimum: 2019 })),
        }),
        response: { 200: CheckList, ...errors(403) },
      },
      preHandler: manage,
    },
    async (request) => {
      supervising(request, request.query.siteId);
      return { items: await s.checks.list(request.query.siteId, request.query.kind, request.query.year) };
    },
  );

  app.post(
    '/api/supervision/checks',
    {
      schema: {
        tags,
        summary: '执行一项检查',
        body: CheckRequest,
        response: { 200: CheckList, ...errors(400, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      const { siteId, kind, registryId, year } = request.body;
      const actor = supervising(request, siteId).actor;
      if (kind === 'discovery') return { items: await s.checks.discover(actor, siteId) };
      if (kind === 'annual-report')
        return {
          items: await s.checks.siteAnnualReports(
            actor,
            siteId,
            year ?? Number(shanghaiDate(ctx.clock.now()).slice(0, 4)) - 1,
          ),
        };
      if (!registryId)
        throw new AppError('SUPERVISION_INVALID', { field: '监管对象', reason: '请选择要检查的网站或账号' });
      const entry = await entryFor(request, registryId);
      if (entry.row.owner_site_id !== siteId) throw new AppError('SUPERVISION_OUT_OF_SCOPE');
      const one =
        kind === 'closure' ? await s.checks.closure(actor, registryId) : await s.checks.newMedia(actor, registryId);
      return { items: [one] };
    },
  );

  app.post(
    '/api/supervision/checks/:id/resolve',
    {
      schema: {
        tags,
        summary: '处理发现的未登记网站',
        params: IdParams,
        body: DiscoveryResolution,
        response: { 200: Ok, ...errors(400, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      const row = await s.checks.check(request.params.id);
      await s.checks.resolveDiscovery(
        supervising(request, row.owner_site_id).actor,
        request.params.id,
        request.body.resolution,
      );
      return { ok: true };
    },
  );

  // ───────────────────────────── manual findings ─────────────────────────────

  app.get(
    '/api/supervision/findings',
    {
      schema: {
        tags,
        summary: '人工填报的发现',
        querystring: AssessmentQuery,
        response: { 200: ManualFindingList, ...errors(403) },
      },
      preHandler: manage,
    },
    async (request) => {
      supervising(request, request.query.siteId);
      const rows = await s.checks.listFindings(request.query.siteId, request.query.year);
      return {
        items: rows.map((r) => ({
          id: r.id,
          year: r.year,
          registryId: r.registry_id,
          indicatorId: r.indicator_id,
          indicatorName:
            (findIndicator(SUPERVISION_CATALOGUE, r.indicator_id) ?? findIndicator(NEW_MEDIA_CATALOGUE, r.indicator_id))
              ?.name ?? r.indicator_id,
          subRule: r.sub_rule,
          part: r.part,
          points: r.points,
          outcome: r.outcome,
          message: r.message,
          evidenceUrl: (JSON.parse(r.evidence) as { url?: string | null }).url ?? null,
          createdAt: r.created_at,
        })),
      };
    },
  );

  app.post(
    '/api/supervision/findings',
    {
      schema: {
        tags,
        summary: '填报人工发现（考核指标或新媒体指标）',
        body: ManualFindingInput,
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => ({
      id: await s.checks.addFinding(supervising(request, request.body.siteId).actor, request.body),
    }),
  );

  app.delete(
    '/api/supervision/findings/:id',
    {
      schema: { tags, summary: '撤销人工发现', params: IdParams, response: { 200: Ok, ...errors(403, 404) } },
      preHandler: manage,
    },
    async (request) => {
      const row = await s.checks.finding(request.params.id);
      await s.checks.revokeFinding(supervising(request, row.owner_site_id).actor, request.params.id);
      return { ok: true };
    },
  );

  // ───────────────────────────── assessment and annual report ─────────────────────────────

  app.get(
    '/api/supervision/assessment',
    {
      schema: {
        tags,
        summary: '监管工作年度考核得分（由记录计算，含证据）',
        querystring: AssessmentQuery,
        response: { 200: AssessmentView, ...errors(400, 403) },
      },
      preHandler: manage,
    },
    async (request) => {
      supervising(request, request.query.siteId);
      return s.assessment.view(request.query.siteId, request.query.year);
    },
  );

  app.get(
    '/api/supervision/assessment.html',
    {
      schema: {
        tags,
        summary: '年度考核报告（HTML，可打印）',
        querystring: AssessmentQuery,
        response: { 200: Document, ...errors(400, 403) },
      },
      preHandler: manage,
    },
    async (request, reply) => {
      supervising(request, request.query.siteId);
      const { siteId, year } = request.query;
      reply
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:")
        .type('text/html; charset=utf-8');
      return assessmentHtml(await s.assessment.view(siteId, year), await s.registry.office(siteId));
    },
  );

  app.get(
    '/api/supervision/assessment.pdf',
    {
      schema: { tags, summary: '年度考核报告（PDF）', querystring: AssessmentQuery, response: errors(400, 403) },
      preHandler: manage,
    },
    async (request, reply) => {
      supervising(request, request.query.siteId);
      const { siteId, year } = request.query;
      const pdf = await assessmentPdf(await s.assessment.view(siteId, year), await s.registry.office(siteId));
      return download(reply, 'application/pdf', `监管工作年度考核-${year}.pdf`, pdf);
    },
  );

  app.get(
    '/api/supervision/annual-report',
    {
      schema: {
        tags,
        summary: '政府网站监管年度报表',
        querystring: AssessmentQuery,
        response: { 200: AnnualReportView, ...errors(403) },
      },
      preHandler: manage,
    },
    async (request) => {
      supervising(request, request.query.siteId);
      return s.assessment.annualReport(request.query.siteId, request.query.year);
    },
  );

  app.post(
    '/api/supervision/annual-report',
    {
      schema: {
        tags,
        summary: '生成监管年度报表并提交发布审查',
        body: AnnualReportInput,
        response: { 200: AnnualReportView, ...errors(400, 403, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => s.assessment.publishAnnualReport(supervising(request, request.body.siteId), request.body),
  );

  // ───────────────────────────── site import ─────────────────────────────

  app.post(
    '/api/supervision/imports/preview',
    {
      schema: {
        tags,
        summary: '抓取原网站，列出可对应到栏目的分区',
        body: ImportPreviewRequest,
        response: { 200: ImportPreview, ...errors(400, 403) },
      },
      preHandler: guard({ capability: 'site.manage' }),
    },
    async (request) => {
      requireOnSite(request, 'site.manage', request.body.targetSiteId);
      return s.imports.preview(request.body.sourceUrl, request.body.maxPages);
    },
  );

  app.post(
    '/api/supervision/imports',
    {
      schema: {
        tags,
        summary: '按栏目对应导入原网站内容（生成待审草稿）',
        body: ImportRequest,
        response: { 200: Type.Object({ id: Type.Integer() }), ...errors(400, 403) },
      },
      preHandler: guard({ capability: 'site.manage' }),
    },
    async (request) => ({
      id: await s.imports.start(requireOnSite(request, 'site.manage', request.body.targetSiteId), request.body),
    }),
  );

  app.get(
    '/api/supervision/imports/:id',
    {
      schema: { tags, summary: '导入进度', params: IdParams, response: { 200: ImportView, ...errors(403, 404) } },
      preHandler: guard({ capability: 'site.manage' }),
    },
    async (request) => {
      const view = await s.imports.get(request.params.id);
      requireOnSite(request, 'site.manage', view.targetSiteId);
      return view;
    },
  );

  await planRoutes(app, ctx);
}

export type { CheckView };
