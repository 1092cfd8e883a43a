// The office's JSON API around the messages: time limits and routing rules, opening the 互动交流 columns, the
// statistics, the national 找错 platform's imports and the Q&A knowledge base.
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { IdParams, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';
import {
  BoardSetup,
  ImportRecord,
  ImportResult,
  PairInput,
  PairQuery,
  PairView,
  PolicySchema,
  RouteInput,
  RouteView,
  StatsQuery,
  StatsReport,
} from './interaction.schema.ts';

const tags = ['互动交流'];
const RouteParams = Type.Object({ siteId: Type.Integer({ minimum: 1 }), routeId: Type.Integer({ minimum: 1 }) });

export async function interactionAdminRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, interaction } = ctx;
  const read = guard({ capability: 'message.read' });
  const settingsGuard = guard({ capability: 'message.settings' });
  const dispatch = guard({ capability: 'message.dispatch' });
  const write = guard({ capability: 'knowledge.write' });
  const publish = guard({ capability: 'knowledge.publish' });
  const { settings, stats, errorReports, knowledge } = interaction;

  // ───── time limits, routing, columns ─────

  app.get(
    '/api/sites/:siteId/interaction/policy',
    {
      schema: {
        tags,
        summary: '留言办理时限',
        params: SiteParams,
        response: { 200: PolicySchema, ...errors(401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'message.read', request.params.siteId);
      return settings.policy(request.params.siteId);
    },
  );

  app.put(
    '/api/sites/:siteId/interaction/policy',
    {
      schema: {
        tags,
        summary: '设置留言办理时限（不得超过规定的最长时限）和分办部门',
        params: SiteParams,
        body: PolicySchema,
        response: { 200: PolicySchema, ...errors(400, 401, 403) },
      },
      preHandler: settingsGuard,
    },
    async (request) => {
      const auth = requireOnSite(request, 'message.settings', request.params.siteId);
      return settings.savePolicy(auth.actor, request.params.siteId, request.body);
    },
  );

  app.get(
    '/api/sites/:siteId/interaction/routes',
    {
      schema: {
        tags,
        summary: '分办规则（类型、关键词 → 部门）',
        params: SiteParams,
        response: { 200: Type.Array(RouteView), ...errors(401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'message.read', request.params.siteId);
      return settings.routes(request.params.siteId);
    },
  );

  app.post(
    '/api/sites/:siteId/interaction/routes',
    {
      schema: {
        tags,
        summary: '新增分办规则',
        params: SiteParams,
        body: RouteInput,
        response: { 200: Type.Array(RouteView), ...errors(400, 401, 403) },
      },
      preHandler: settingsGuard,
    },
    async (request) => {
      const auth = requireOnSite(request, 'message.settings', request.params.siteId);
      return settings.createRoute(auth.actor, request.params.siteId, request.body);
    },
  );

  app.put(
    '/api/sites/:siteId/interaction/routes/:routeId',
    {
      schema: {
        tags,
        summary: '修改分办规则',
        params: RouteParams,
        body: RouteInput,
        response: { 200: Type.Array(RouteView), ...errors(400, 401, 403, 404) },
      },
      preHandler: settingsGuard,
    },
    async (request) => {
      const auth = requireOnSite(request, 'message.settings', request.params.siteId);
      return settings.updateRoute(auth.actor, request.params.siteId, request.params.routeId, request.body);
    },
  );

  app.delete(
    '/api/sites/:siteId/interaction/routes/:routeId',
    {
      schema: {
        tags,
        summary: '删除分办规则',
        params: RouteParams,
        response: { 200: Type.Array(RouteView), ...errors(401, 403, 404) },
      },
      preHandler: settingsGuard,
    },
    async (request) => {
      const auth = requireOnSite(request, 'message.settings', request.params.siteId);
      return settings.deleteRoute(auth.actor, request.params.siteId, request.params.routeId);
    },
  );

  app.post(
    '/api/sites/:siteId/interaction/board',
    {
      schema: {
        tags,
        summary: '开设互动交流栏目（网上留言、我要留言、留言统计、智能问答）',
        params: SiteParams,
        response: { 200: BoardSetup, ...errors(401, 403, 409) },
      },
      preHandler: settingsGuard,
    },
    async (request) => {
      const auth = requireOnSite(request, 'message.settings', request.params.siteId);
      return settings.openBoard(auth.actor, request.params.siteId);
    },
  );

  // ───── statistics ─────

  app.get(
    '/api/sites/:siteId/interaction/stats',
    {
      schema: {
        tags,
        summary: '受理反馈情况统计（按月、按部门、按类型）',
        params: SiteParams,
        querystring: StatsQuery,
        response: { 200: StatsReport, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'message.read', request.params.siteId);
      const { channel, ...range } = request.query;
      return stats.report(request.params.siteId, range, channel ?? 'board');
    },
  );

  // ───── 找错: the national platform's exports ─────

  app.post(
    '/api/sites/:siteId/error-reports/import',
    {
      schema: {
        tags,
        summary: '导入全国政府网站找错平台导出的留言（CSV 或 XLSX）',
        params: SiteParams,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult, ...errors(400, 401, 403, 413) },
      },
      preHandler: dispatch,
    },
    async (request) => {
      const auth = requireOnSite(request, 'message.dispatch', request.params.siteId);
      const part = await request.file();
      if (!part) throw new AppError('NO_FILE_RECEIVED');
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return errorReports.importFile(auth, request.params.siteId, bytes, part.filename);
    },
  );

  app.get(
    '/api/sites/:siteId/error-reports/imports',
    {
      schema: {
        tags,
        summary: '找错留言导入记录',
        params: SiteParams,
        response: { 200: Type.Array(ImportRecord), ...errors(401, 403) },
      },
      preHandler: dispatch,
    },
    async (request) => {
      requireOnSite(request, 'message.dispatch', request.params.siteId);
      return errorReports.imports(request.params.siteId);
    },
  );

  // ───── the knowledge base ─────

  app.get(
    '/api/sites/:siteId/knowledge',
    {
      schema: {
        tags,
        summary: '问答知识库',
        params: SiteParams,
        querystring: PairQuery,
        response: { 200: Type.Array(PairView), ...errors(401, 403) },
      },
      preHandler: write,
    },
    async (request) => {
      const auth = requireOnSite(request, 'knowledge.write', request.params.siteId);
      const { mine, ...filter } = request.query;
      return knowledge.list(request.params.siteId, {
        ...filter,
        ...(mine && auth.departmentId !== null ? { departmentId: auth.departmentId } : {}),
      });
    },
  );

  app.post(
    '/api/sites/:siteId/knowledge',
    {
      schema: {
        tags,
        summary: '新增问答（草稿，审核人发布后生效）',
        params: SiteParams,
        body: PairInput,
        response: { 200: PairView, ...errors(400, 401, 403, 422) },
      },
      preHandler: write,
    },
    async (request) => {
      const auth = requireOnSite(request, 'knowledge.write', request.params.siteId);
      return knowledge.create(auth, request.params.siteId, request.body);
    },
  );

  app.put(
    '/api/knowledge/:id',
    {
      schema: {
        tags,
        summary: '修改问答（已发布的改后须重新发布）',
        params: IdParams,
        body: PairInput,
        response: { 200: PairView, ...errors(400, 401, 403, 404, 422) },
      },
      preHandler: write,
    },
    async (request) => knowledge.update(authOf(request), request.params.id, request.body),
  );

  for (const [action, status, summary] of [
    ['publish', 'published', '发布问答'],
    ['withdraw', 'withdrawn', '撤下问答'],
  ] as const) {
    app.post(
      `/api/knowledge/:id/${action}`,
      {
        schema: { tags, summary, params: IdParams, response: { 200: PairView, ...errors(401, 403, 404, 422) } },
        preHandler: publish,
      },
      async (request) => knowledge.setStatus(authOf(request), request.params.id, status),
    );
  }

  app.post(
    '/api/messages/:id/promote',
    {
      schema: {
        tags,
        summary: '把已公开的留言答复收入问答知识库（生成草稿）',
        params: IdParams,
        response: { 200: PairView, ...errors(401, 403, 404, 409) },
      },
      preHandler: write,
    },
    async (request) => knowledge.promote(authOf(request), request.params.id),
  );
}
