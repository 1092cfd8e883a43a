// The console's API of the services statistics and 好差评 results (the published monthly figures).
import type { App } from '../../platform/http.ts';
import { SiteParams, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { StatsView } from './service-stats.schema.ts';

export async function serviceStatsRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, services } = ctx;
  const tags = ['办事服务'];
  const view = guard({ capability: 'service.view' });
  const manage = guard({ capability: 'service.manage' });
  const base = '/api/sites/:siteId/services';

  app.get(
    `${base}/stats`,
    {
      schema: {
        tags,
        summary: '办事统计与好差评结果（最近 12 个月，已公开的数据）',
        params: SiteParams,
        response: { 200: StatsView, ...errors(401, 403) },
      },
      preHandler: view,
    },
    async (request) => {
      requireOnSite(request, 'service.view', request.params.siteId);
      return services.statsView(request.params.siteId);
    },
  );

  app.post(
    `${base}/stats/refresh`,
    {
      schema: {
        tags,
        summary: '立即更新公开的办事统计',
        params: SiteParams,
        response: { 200: StatsView, ...errors(401, 403) },
      },
      preHandler: manage,
    },
    async (request) => {
      requireOnSite(request, 'service.manage', request.params.siteId);
      await services.stats.refresh(request.params.siteId);
      return services.statsView(request.params.siteId);
    },
  );
}
