// Site search over HTTP: the public JSON API (search, suggestions), the files of the results page, and the
// administrators' synonyms, service cards and report of searches that found nothing.
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { Ok, SiteParams, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { registerSearchPage, searchAssets } from './search.page.tsx';
import {
  CardInput,
  CardList,
  CardParams,
  CardView,
  ReportQuery,
  ReportView,
  SearchQuery,
  SearchResultView,
  SuggestQuery,
  SuggestView,
  SynonymsInput,
  SynonymsView,
} from './search.schema.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';

export async function searchRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, search } = ctx;
  registerSearchPage(ctx.portal, search);
  const tags = ['站内搜索'];
  const manage = guard({ capability: 'site.manage' });

  app.get(
    '/api/search',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary: '站内搜索（分类、筛选、排序、高亮、纠错、同义词、拼音，上级站点含下级站点）',
        querystring: SearchQuery,
        response: { 200: SearchResultView, ...errors(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const { scope, ...input } = request.query;
      const result = await search.search(await search.scopeFor(request.host, scope), input);
      reply.header('cache-control', 'no-store');
      return result;
    },
  );

  app.get(
    '/api/search/suggest',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary: '输入提示（标题、常用词、热门搜索，支持拼音）',
        querystring: SuggestQuery,
        response: { 200: SuggestView, ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const result = await search.suggest(await search.scopeFor(request.host, request.query.scope), request.query.q);
      reply.header('cache-control', 'no-store');
      return result;
    },
  );

  // The results page's script (as-you-type suggestions) and styles; content-hashed names, cached for a year.
  app.get(
    '/search/assets/:file',
    {
      config: PUBLIC_ROUTE,
      schema: {
        hide: true,
        params: Type.Object({ file: Type.String() }),
        response: { 200: Type.Unsafe<Buffer>(Type.String({ format: 'binary' })), 404: Type.Unknown() },
      },
    },
    async (request, reply) => {
      const asset = searchAssets().file(request.params.file);
      if (!asset) return reply.callNotFound();
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .type(asset.contentType)
        .send(asset.body);
    },
  );

  app.get(
    '/api/sites/:siteId/search/synonyms',
    {
      schema: {
        tags,
        summary: '同义词表',
        params: SiteParams,
        response: { 200: SynonymsView, ...errors(401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      requireOnSite(request, 'site.manage', request.params.siteId);
      return search.synonyms.ofSite(request.params.siteId);
    },
  );

  app.put(
    '/api/sites/:siteId/search/synonyms',
    {
      schema: {
        tags,
        summary: '设置同义词表',
        params: SiteParams,
        body: SynonymsInput,
        response: { 200: SynonymsView, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'site.manage', request.params.siteId);
      return search.synonyms.set(auth.actor, request.params.siteId, request.body.groups);
    },
  );

  app.get(
    '/api/sites/:siteId/search/report',
    {
      schema: {
        tags,
        summary: '搜索统计：无结果的搜索词',
        params: SiteParams,
        querystring: ReportQuery,
        response: { 200: ReportView, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      requireOnSite(request, 'site.manage', request.params.siteId);
      return search.reports.report(request.params.siteId, request.query.days ?? 30);
    },
  );

  app.get(
    '/api/sites/:siteId/search/cards',
    {
      schema: {
        tags,
        summary: '服务卡片（搜索即服务）',
        params: SiteParams,
        response: { 200: CardList, ...errors(401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      requireOnSite(request, 'site.manage', request.params.siteId);
      return { items: await search.cards.list(request.params.siteId) };
    },
  );

  app.post(
    '/api/sites/:siteId/search/cards',
    {
      schema: {
        tags,
        summary: '新建服务卡片',
        params: SiteParams,
        body: CardInput,
        response: { 200: CardView, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'site.manage', request.params.siteId);
      return search.cards.create(auth.actor, request.params.siteId, request.body);
    },
  );

  app.put(
    '/api/sites/:siteId/search/cards/:cardId',
    {
      schema: {
        tags,
        summary: '修改服务卡片',
        params: CardParams,
        body: CardInput,
        response: { 200: CardView, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'site.manage', request.params.siteId);
      return search.cards.update(auth.actor, request.params.siteId, request.params.cardId, request.body);
    },
  );

  app.delete(
    '/api/sites/:siteId/search/cards/:cardId',
    {
      schema: { tags, summary: '删除服务卡片', params: CardParams, response: { 200: Ok, ...errors(401, 403, 404) } },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'site.manage', request.params.siteId);
      await search.cards.remove(auth.actor, request.params.siteId, request.params.cardId);
      return { ok: true };
    },
  );
}
