// The console's API of online services: the catalogue (with XLSX export and import), guides with the completeness
// gate and their submission to the release review, registered numbers and vague words. Themes (一件事) are in
// themes.routes.ts, the statistics in service-stats.routes.ts, applications, ratings and rectifications in
// handling.routes.ts. Public pages are registered
// from here too (services.pages.tsx, services.citizen-pages.tsx).
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { Ok, SiteParams, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';
import {
  ContactsInput,
  ContactsView,
  DepartmentParams,
  GuideCheckResult,
  GuideDashboard,
  GuideDataSchema,
  GuideSubmitInput,
  GuideSubmitResult,
  GuideView,
  ImportResult,
  ItemInput,
  ItemList,
  ItemParams,
  ItemView,
  VagueWordsInput,
  VagueWordsView,
} from './catalogue.schema.ts';
import { exportCatalogue, readCatalogue, XLSX_MIME } from './catalogue-xlsx.ts';
import { handlingRoutes } from './handling.routes.ts';
import { serviceStatsRoutes } from './service-stats.routes.ts';
import { themesRoutes } from './themes.routes.ts';
import { serviceCardSource } from './services.cards.ts';
import { registerServicePages, SERVICES_ASSET_PREFIX, serviceAssets } from './services.pages.tsx';
import { applicationPath, SERVICES_PATH } from './catalogue.presenter.ts';

const ReasonInput = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: '理由' }) },
  { additionalProperties: false },
);

export async function servicesRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, services } = ctx;
  const { catalogue, guides } = services;
  const tags = ['办事服务'];
  const view = guard({ capability: 'service.view' });
  const manage = guard({ capability: 'service.manage' });
  const base = '/api/sites/:siteId/services';
  const itemOfSite = async (siteId: number, itemId: number) => {
    const item = await catalogue.get(itemId);
    if (item.siteId !== siteId) throw new AppError('SERVICE_ITEM_NOT_FOUND');
    return item;
  };

  app.get(
    `${base}/items`,
    {
      schema: { tags, summary: '事项目录', params: SiteParams, response: { 200: ItemList, ...errors(401, 403) } },
      preHandler: view,
    },
    async (request) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      return { items: await catalogue.list(request.params.siteId) };
    },
  );

  app.post(
    `${base}/items`,
    {
      schema: {
        tags,
        summary: '新增事项',
        params: SiteParams,
        body: ItemInput,
        response: { 200: ItemView, ...errors(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    async (request) =>
      catalogue.create(
        requireOnSite(request, 'service.manage', request.params.siteId),
        request.params.siteId,
        request.body,
      ),
  );

  app.put(
    `${base}/items/:itemId`,
    {
      schema: {
        tags,
        summary: '修改事项',
        params: ItemParams,
        body: ItemInput,
        response: { 200: ItemView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) =>
      catalogue.update(
        requireOnSite(request, 'service.manage', request.params.siteId),
        request.params.siteId,
        request.params.itemId,
        request.body,
      ),
  );

  app.post(
    `${base}/items/:itemId/withdraw`,
    {
      schema: {
        tags,
        summary: '取消事项（同时撤下已发布的办事指南）',
        params: ItemParams,
        body: ReasonInput,
        response: { 200: ItemView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) =>
      catalogue.withdraw(
        requireOnSite(request, 'service.manage', request.params.siteId),
        request.params.siteId,
        request.params.itemId,
        request.body.reason,
      ),
  );

  app.post(
    `${base}/items/:itemId/restore`,
    {
      schema: {
        tags,
        summary: '恢复已取消的事项',
        params: ItemParams,
        response: { 200: ItemView, ...errors(401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) =>
      catalogue.restore(
        requireOnSite(request, 'service.manage', request.params.siteId),
        request.params.siteId,
        request.params.itemId,
      ),
  );

  app.get(
    `${base}/catalogue.xlsx`,
    {
      schema: {
        tags,
        summary: '导出事项目录（Excel）',
        params: SiteParams,
        produces: [XLSX_MIME],
        response: { 200: Type.Any({ description: 'xlsx' }), ...errors(401, 403) },
      },
      preHandler: view,
    },
    async (request, reply) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      const site = await ctx.sites.get(request.params.siteId);
      const body = await exportCatalogue(site.name, await catalogue.list(request.params.siteId));
      return reply
        .header('content-type', XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`${site.name}事项目录.xlsx`)}`,
        )
        .send(body);
    },
  );

  app.post(
    `${base}/catalogue/import`,
    {
      schema: {
        tags,
        summary: '导入事项目录（Excel，整表校验通过才写入）',
        params: SiteParams,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult, ...errors(400, 401, 403, 413) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'service.manage', request.params.siteId);
      const part = await request.file();
      if (!part) throw new AppError('SERVICE_IMPORT_INVALID', { problems: '没有收到文件' });
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      const departments = new Map(
        [...(await catalogue.departmentNames(request.params.siteId))].map(([id, name]) => [name, id] as const),
      );
      return catalogue.importRows(auth, request.params.siteId, await readCatalogue(bytes, departments));
    },
  );

  // ───── guides ─────

  app.get(
    `${base}/items/:itemId/guide`,
    {
      schema: {
        tags,
        summary: '办事指南（工作稿、已发布版本与完整性检查）',
        params: ItemParams,
        response: { 200: GuideView, ...errors(401, 403, 404) },
      },
      preHandler: view,
    },
    async (request) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      await itemOfSite(request.params.siteId, request.params.itemId);
      return guides.view(request.params.itemId);
    },
  );

  app.put(
    `${base}/items/:itemId/guide`,
    {
      schema: {
        tags,
        summary: '保存办事指南（形成新版本）',
        params: ItemParams,
        body: GuideDataSchema,
        response: { 200: GuideView, ...errors(400, 401, 403, 404, 409, 413) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'service.manage', request.params.siteId);
      await itemOfSite(request.params.siteId, request.params.itemId);
      return guides.save(auth, request.params.itemId, request.body);
    },
  );

  app.post(
    `${base}/items/:itemId/guide/check`,
    {
      schema: {
        tags,
        summary: '完整性检查（不保存）',
        params: ItemParams,
        body: GuideDataSchema,
        response: { 200: GuideCheckResult, ...errors(400, 401, 403, 404) },
      },
      preHandler: view,
    },
    async (request) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      await itemOfSite(request.params.siteId, request.params.itemId);
      return { findings: await guides.check(request.params.itemId, request.body) };
    },
  );

  app.post(
    `${base}/items/:itemId/guide/submit`,
    {
      schema: {
        tags,
        summary: '提交信息发布审查（附件3）；完整性检查须通过',
        params: ItemParams,
        body: GuideSubmitInput,
        response: { 200: GuideSubmitResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'service.manage', request.params.siteId);
      await itemOfSite(request.params.siteId, request.params.itemId);
      return guides.submit(auth, request.params.itemId, request.body.secret);
    },
  );

  app.get(
    `${base}/dashboard`,
    {
      schema: {
        tags,
        summary: '已发布办事指南的完整性检查',
        params: SiteParams,
        response: { 200: GuideDashboard, ...errors(401, 403) },
      },
      preHandler: view,
    },
    async (request) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      return guides.dashboard(request.params.siteId, await catalogue.list(request.params.siteId));
    },
  );

  // ───── registered numbers and vague words ─────

  app.get(
    `${base}/contacts`,
    {
      schema: {
        tags,
        summary: '各部门登记的咨询、投诉电话',
        params: SiteParams,
        response: { 200: ContactsView, ...errors(401, 403) },
      },
      preHandler: view,
    },
    async (request) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      return catalogue.contacts(request.params.siteId);
    },
  );

  app.put(
    `${base}/contacts/:departmentId`,
    {
      schema: {
        tags,
        summary: '登记部门的咨询、投诉电话',
        params: DepartmentParams,
        body: ContactsInput,
        response: { 200: Ok, ...errors(400, 401, 403) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'service.manage', request.params.siteId);
      await catalogue.setContacts(auth, request.params.siteId, request.params.departmentId, request.body);
      return { ok: true };
    },
  );

  app.get(
    `${base}/vague-words`,
    {
      schema: {
        tags,
        summary: '含糊表述词库',
        params: SiteParams,
        response: { 200: VagueWordsView, ...errors(401, 403) },
      },
      preHandler: view,
    },
    async (request) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      return catalogue.vagueWords(request.params.siteId);
    },
  );

  app.put(
    `${base}/vague-words`,
    {
      schema: {
        tags,
        summary: '修改含糊表述词库',
        params: SiteParams,
        body: VagueWordsInput,
        response: { 200: VagueWordsView, ...errors(400, 401, 403) },
      },
      preHandler: manage,
    },
    async (request) =>
      catalogue.setVagueWords(
        requireOnSite(request, 'service.manage', request.params.siteId),
        request.params.siteId,
        request.body.words,
      ),
  );

  await themesRoutes(app, ctx);
  await serviceStatsRoutes(app, ctx);

  app.get(`${SERVICES_ASSET_PREFIX}:file`, { config: PUBLIC_ROUTE, schema: { hide: true } }, async (request, reply) => {
    const asset = serviceAssets().file((request.params as { file: string }).file);
    if (!asset) return reply.callNotFound();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(asset.contentType)
      .send(asset.body);
  });

  await handlingRoutes(app, ctx);
  registerServicePages(ctx);
  registerCitizenSection(ctx);
  ctx.search.cards.addSource(serviceCardSource(services));
}

/** 我的办件 in the user space, and 在线办事 among the features that use the one public account. */
function registerCitizenSection(ctx: AppContext): void {
  ctx.citizens.registerFeature({ id: 'services', name: '在线办事', path: SERVICES_PATH, usesPublicAccount: true });
  ctx.citizens.userSpace.register({
    id: 'applications',
    title: '我的办件',
    order: 20,
    emptyText: '您还没有在线申请办理的事项。',
    action: { label: '在线办事', href: SERVICES_PATH },
    load: async (citizenId) =>
      (await ctx.services.applications.ofCitizen(citizenId)).map((a) => ({
        title: a.itemName,
        href: applicationPath(a.id),
        status: a.stateName,
        submittedAt: a.submittedAt,
        deadline: a.deadline
          ? {
              due: a.deadline.due,
              overdue: a.deadline.overdue,
              estimated: a.deadline.estimated,
              paused: a.deadline.paused,
            }
          : undefined,
        detail: `受理编号 ${a.receiptNo}${a.ratingLevel === null && a.state === 'completed' ? '，已办结，欢迎评价' : ''}`,
      })),
  });
}
