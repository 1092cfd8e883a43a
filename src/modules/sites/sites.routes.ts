import type { App } from '../../platform/http.ts';
import { IdParams, errors, ref } from '../../platform/http.ts';
import { Items } from '../../platform/schemas.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { SiteCreate, SiteIdentity, SiteView } from './sites.schema.ts';

export async function sitesRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, sites } = ctx;
  const tags = ['站点'];
  const site = ref(SiteView);

  app.get(
    '/api/sites',
    {
      schema: { tags, summary: '站点列表', response: { 200: Items(site), ...errors(401, 403) } },
      preHandler: guard(),
    },
    async (request) => ({ items: await sites.visibleTo(authOf(request).grants) }),
  );

  app.post(
    '/api/sites',
    {
      schema: {
        tags,
        summary: '新建站点（站群）',
        body: SiteCreate,
        response: { 200: site, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'site.create' }),
    },
    async (request) => sites.create(authOf(request).actor, request.body),
  );

  app.get(
    '/api/sites/:id',
    {
      schema: {
        tags,
        summary: '站点标识信息',
        params: IdParams,
        response: { 200: site, ...errors(400, 401, 403, 404) },
      },
      preHandler: guard(),
    },
    async (request) => {
      const auth = authOf(request);
      if (!auth.grants.some((g) => g.siteId === null || g.siteId === request.params.id))
        requireOnSite(request, 'site.manage', request.params.id);
      return sites.get(request.params.id);
    },
  );

  app.put(
    '/api/sites/:id',
    {
      schema: {
        tags,
        summary: '修改站点标识信息',
        params: IdParams,
        body: SiteIdentity,
        response: { 200: site, ...errors(400, 401, 403, 404) },
      },
      preHandler: guard({ capability: 'site.manage' }),
    },
    async (request) => {
      const auth = requireOnSite(request, 'site.manage', request.params.id);
      return sites.update(auth.actor, request.params.id, request.body);
    },
  );
}
