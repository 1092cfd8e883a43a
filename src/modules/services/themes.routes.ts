// The console's API of themes (一件事): several services a citizen needs for one life event, composed and
// published by the site administrator.
import type { App } from '../../platform/http.ts';
import { SiteParams, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { ThemeInput, ThemeList, ThemeParams, ThemeView } from './catalogue.schema.ts';

export async function themesRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, services } = ctx;
  const { catalogue } = services;
  const tags = ['办事服务'];
  const view = guard({ capability: 'service.view' });
  const composeThemes = guard({ capability: 'service.themes' });
  const base = '/api/sites/:siteId/services';

  app.get(
    `${base}/themes`,
    {
      schema: {
        tags,
        summary: '主题服务（一件事）',
        params: SiteParams,
        response: { 200: ThemeList, ...errors(401, 403) },
      },
      preHandler: view,
    },
    async (request) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      return { themes: await catalogue.themes(request.params.siteId) };
    },
  );

  app.post(
    `${base}/themes`,
    {
      schema: {
        tags,
        summary: '新增主题服务',
        params: SiteParams,
        body: ThemeInput,
        response: { 200: ThemeView, ...errors(400, 401, 403, 409) },
      },
      preHandler: composeThemes,
    },
    async (request) =>
      catalogue.createTheme(
        requireOnSite(request, 'service.manage', request.params.siteId),
        request.params.siteId,
        request.body,
      ),
  );

  app.put(
    `${base}/themes/:themeId`,
    {
      schema: {
        tags,
        summary: '修改主题服务',
        params: ThemeParams,
        body: ThemeInput,
        response: { 200: ThemeView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: composeThemes,
    },
    async (request) =>
      catalogue.updateTheme(
        requireOnSite(request, 'service.manage', request.params.siteId),
        request.params.siteId,
        request.params.themeId,
        request.body,
      ),
  );

  for (const [action, published, summary] of [
    ['publish', true, '发布主题服务'],
    ['withdraw', false, '撤下主题服务'],
  ] as const)
    app.post(
      `${base}/themes/:themeId/${action}`,
      {
        schema: { tags, summary, params: ThemeParams, response: { 200: ThemeView, ...errors(401, 403, 404) } },
        preHandler: composeThemes,
      },
      async (request) =>
        catalogue.setThemePublished(
          requireOnSite(request, 'service.manage', request.params.siteId),
          request.params.siteId,
          request.params.themeId,
          published,
        ),
    );
}
