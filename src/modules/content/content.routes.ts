import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { Items } from '../../platform/schemas.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';
import {
  BODY_MAX_CHARS,
  CONTENT_BODY_LIMIT,
  ContentCreate,
  ContentDetail,
  ContentDiff,
  ContentList,
  ContentListQuery,
  ContentOptions,
  ContentUpdate,
  DiffQuery,
  ScheduleBody,
  VersionParams,
  VersionRow,
  WithdrawBody,
  WritableColumn,
} from './content.schema.ts';

export { contentPath } from './content.presenter.ts';

/** Readers of content in the admin: editors, reviewers, leaders and secrecy reviewers of the site. */
const CONTENT_READERS: readonly Role[] = ['editor', 'site_admin', 'reviewer', 'leader', 'secrecy_reviewer'];

function staffOnSite(request: FastifyRequest, siteId: number) {
  const a = authOf(request);
  if (!a.grants.some((g) => CONTENT_READERS.includes(g.role) && (g.siteId === null || g.siteId === siteId)))
    throw new AppError('FORBIDDEN');
  return a;
}

export async function contentRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, content, publication } = ctx;
  const tags = ['内容'];
  const detail = { 200: ContentDetail, ...errors(400, 401, 403, 404, 409, 413) };

  // Saving an item accepts any body its schema allows (see CONTENT_BODY_LIMIT); a larger request is refused
  // before anything is read or written, with the limit in words staff understand.
  const largeBody = {
    bodyLimit: CONTENT_BODY_LIMIT,
    errorHandler: (error: Error & { statusCode?: number }) => {
      if (error.statusCode === 413) {
        throw new AppError('CONTENT_BODY_TOO_LARGE', {
          limitMb: CONTENT_BODY_LIMIT / 1024 / 1024,
          maxChars: BODY_MAX_CHARS / 10_000,
        });
      }
      throw error;
    },
  };

  /** The item, when the staff member may write on its site. */
  async function writableItem(request: FastifyRequest, id: number) {
    const item = await content.item(id);
    return { item, auth: requireOnSite(request, 'content.write', item.site_id) };
  }

  app.get(
    '/api/content-options',
    {
      schema: { tags, summary: '内容类型与字段的可选值', response: { 200: ContentOptions, ...errors(401, 403) } },
      preHandler: guard(),
    },
    async () => content.options(),
  );

  app.get(
    '/api/sites/:siteId/writable-columns',
    {
      schema: {
        tags,
        summary: '我可以发布信息的栏目（按栏目任务分解表）',
        params: SiteParams,
        response: { 200: Items(WritableColumn), ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => ({ items: await content.writableColumnViews(authOf(request), request.params.siteId) }),
  );

  app.get(
    '/api/sites/:siteId/content',
    {
      schema: {
        tags,
        summary: '内容列表',
        params: SiteParams,
        querystring: ContentListQuery,
        response: { 200: ContentList, ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      const a = staffOnSite(request, request.params.siteId);
      return content.list(request.params.siteId, request.query, a);
    },
  );

  app.post(
    '/api/sites/:siteId/content',
    {
      schema: { tags, summary: '新建内容（草稿）', params: SiteParams, body: ContentCreate, response: detail },
      ...largeBody,
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'content.write', request.params.siteId);
      return content.detail(await content.create(a, request.params.siteId, request.body));
    },
  );

  app.get(
    '/api/content/:id',
    {
      schema: {
        tags,
        summary: '内容详情（含版本、审查记录）',
        params: IdParams,
        response: { 200: ContentDetail, ...errors(400, 401, 403, 404) },
      },
      preHandler: guard(),
    },
    async (request) => {
      staffOnSite(request, (await content.item(request.params.id)).site_id);
      return content.detail(request.params.id);
    },
  );

  app.put(
    '/api/content/:id',
    {
      schema: { tags, summary: '修改内容（保存为新版本）', params: IdParams, body: ContentUpdate, response: detail },
      ...largeBody,
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const { auth } = await writableItem(request, request.params.id);
      await content.update(auth, request.params.id, request.body);
      return content.detail(request.params.id);
    },
  );

  app.get(
    '/api/content/:id/versions',
    {
      schema: {
        tags,
        summary: '版本列表',
        params: IdParams,
        response: { 200: Items(VersionRow), ...errors(400, 401, 403, 404) },
      },
      preHandler: guard(),
    },
    async (request) => {
      staffOnSite(request, (await content.item(request.params.id)).site_id);
      return { items: await content.versions(request.params.id) };
    },
  );

  app.get(
    '/api/content/:id/diff',
    {
      schema: {
        tags,
        summary: '比较两个版本',
        params: IdParams,
        querystring: DiffQuery,
        response: { 200: ContentDiff, ...errors(400, 401, 403, 404) },
      },
      preHandler: guard(),
    },
    async (request) => {
      staffOnSite(request, (await content.item(request.params.id)).site_id);
      return { parts: await content.diff(request.params.id, request.query.from, request.query.to) };
    },
  );

  app.post(
    '/api/content/:id/versions/:version/restore',
    {
      schema: { tags, summary: '把某个版本恢复为新的草稿版本', params: VersionParams, response: detail },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const { auth } = await writableItem(request, request.params.id);
      await content.restore(auth, request.params.id, request.params.version);
      return content.detail(request.params.id);
    },
  );

  app.post(
    '/api/content/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤稿（保留记录，不删除）',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const { auth } = await writableItem(request, request.params.id);
      await publication.withdrawBy(auth, request.params.id, request.body.reason);
      return { ok: true };
    },
  );

  app.post(
    '/api/content/:id/schedule',
    {
      schema: {
        tags,
        summary: '定时发布 / 定时撤稿（时间须晚于当前）',
        params: IdParams,
        body: ScheduleBody,
        response: detail,
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const { auth } = await writableItem(request, request.params.id);
      await publication.schedule(auth.actor, request.params.id, request.body);
      return content.detail(request.params.id);
    },
  );
}
