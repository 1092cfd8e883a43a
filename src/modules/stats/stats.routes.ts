// Visitor statistics: the page-view hook on the public site, the periodic flush of this node's counters, and
// the staff API (figures per day or month, top pages and columns, the annual report's two figures).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { AnnualQuery, AnnualView, StatsQuery, StatsReportView } from './stats.schema.ts';
import type { StatsService } from './stats.service.ts';
import { isHumanAgent, isPagePath, looksLikePage } from './visitor.ts';

/**
 * Counts a response when it is a public page seen by a person: GET, 200 with an HTML body or 304 for a page
 * path, outside the API, the console, assets and downloads, from a browser user agent that is not a robot.
 */
export function countPageView(stats: StatsService, request: FastifyRequest, reply: FastifyReply): void {
  if (request.method !== 'GET') return;
  const status = reply.statusCode;
  if (status !== 200 && status !== 304) return;
  const url = request.url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (!isPagePath(path)) return;
  if (status === 200) {
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return;
  } else if (!looksLikePage(path)) {
    return;
  }
  const ua = request.headers['user-agent'];
  if (!isHumanAgent(ua)) return;
  stats.recordView(request.host, path, request.ip, ua!);
}

export async function statsRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, stats } = ctx;
  const tags = ['访问统计'];

  // On the root instance, so it sees the public site's responses.
  app.addHook('onResponse', (request, reply, done) => {
    countPageView(stats, request, reply);
    done();
  });

  const flush = () => stats.flush().catch((err: unknown) => app.log.error({ err }, 'statistics flush failed'));
  const timer = setInterval(() => void flush(), ctx.config.statsFlushIntervalMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });

  /** Staff who may manage the site, or hold any role on it (or on every site). */
  const onSite = (request: FastifyRequest, siteId: number) => {
    const auth = authOf(request);
    if (!auth.grants.some((g) => g.siteId === null || g.siteId === siteId))
      requireOnSite(request, 'site.manage', siteId);
  };

  app.get(
    '/api/sites/:siteId/stats',
    {
      schema: {
        tags,
        summary: '访问统计：浏览量与独立访客（按日或按月），受访页面与栏目排行',
        params: SiteParams,
        querystring: StatsQuery,
        response: { 200: StatsReportView, ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      onSite(request, request.params.siteId);
      return stats.report(request.params.siteId, request.query);
    },
  );

  app.get(
    '/api/sites/:siteId/stats/annual',
    {
      schema: {
        tags,
        summary: '年度报表访问数据：网站总访问量、独立用户访问总量',
        params: SiteParams,
        querystring: AnnualQuery,
        response: { 200: AnnualView, ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      onSite(request, request.params.siteId);
      return stats.annual(request.params.siteId, request.query.year);
    },
  );
}
