import type { App } from '../../platform/http.ts';
import { IdParams, SiteParams, errors, ref } from '../../platform/http.ts';
import { Items } from '../../platform/schemas.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { DepartmentCreate, DepartmentMerge, DepartmentUpdate, DepartmentView } from './departments.schema.ts';

export async function departmentsRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, departments } = ctx;
  const tags = ['部门'];
  const department = ref(DepartmentView);
  const item = { 200: department, ...errors(400, 401, 403, 404, 409) };

  app.get(
    '/api/sites/:siteId/departments',
    {
      schema: {
        tags,
        summary: '部门列表',
        params: SiteParams,
        response: { 200: Items(department), ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      authOf(request);
      return { items: await departments.list(request.params.siteId) };
    },
  );

  app.post(
    '/api/sites/:siteId/departments',
    {
      schema: { tags, summary: '新建部门', params: SiteParams, body: DepartmentCreate, response: item },
      preHandler: guard({ capability: 'department.manage' }),
    },
    async (request) => {
      const auth = requireOnSite(request, 'department.manage', request.params.siteId);
      return departments.create(auth.actor, request.params.siteId, request.body.name, request.body.aliases);
    },
  );

  app.put(
    '/api/departments/:id',
    {
      schema: { tags, summary: '修改部门', params: IdParams, body: DepartmentUpdate, response: item },
      preHandler: guard({ capability: 'department.manage' }),
    },
    async (request) => {
      const current = await departments.get(request.params.id);
      const auth = requireOnSite(request, 'department.manage', current.siteId);
      return departments.update(auth.actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/departments/:id/merge',
    {
      schema: {
        tags,
        summary: '合并部门（被合并部门的名称成为别名）',
        params: IdParams,
        body: DepartmentMerge,
        response: item,
      },
      preHandler: guard({ capability: 'department.manage' }),
    },
    async (request) => {
      const current = await departments.get(request.params.id);
      const auth = requireOnSite(request, 'department.manage', current.siteId);
      return departments.merge(auth.actor, request.params.id, request.body.intoId);
    },
  );
}
