import type { App } from '../../platform/http.ts';
import { IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { Items } from '../../platform/schemas.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { ColumnCreate, ColumnMove, ColumnNodeRef, ColumnTypesView, ColumnUpdate } from './columns.schema.ts';

export async function columnsRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, columns } = ctx;
  const tags = ['栏目'];
  const node = ColumnNodeRef;
  const item = { 200: node, ...errors(400, 401, 403, 404, 409) };

  app.get(
    '/api/column-types',
    {
      schema: {
        tags,
        summary: '栏目类型与形式',
        response: { 200: ColumnTypesView },
      },
    },
    async () => columns.types(),
  );

  app.get(
    '/api/sites/:siteId/columns',
    {
      schema: {
        tags,
        summary: '栏目树',
        params: SiteParams,
        response: { 200: Items(node), ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      authOf(request);
      return { items: (await columns.tree(request.params.siteId)).roots };
    },
  );

  app.post(
    '/api/sites/:siteId/columns',
    {
      schema: { tags, summary: '新建栏目', params: SiteParams, body: ColumnCreate, response: item },
      preHandler: guard({ capability: 'column.manage' }),
    },
    async (request) => {
      const auth = requireOnSite(request, 'column.manage', request.params.siteId);
      return columns.create(auth.actor, request.params.siteId, request.body);
    },
  );

  app.put(
    '/api/columns/:id',
    {
      schema: { tags, summary: '修改栏目', params: IdParams, body: ColumnUpdate, response: item },
      preHandler: guard({ capability: 'column.manage' }),
    },
    async (request) => {
      const auth = requireOnSite(request, 'column.manage', await columns.siteOf(request.params.id));
      return columns.update(auth.actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/columns/:id/move',
    {
      schema: {
        tags,
        summary: '移动栏目（排序或调整上级）',
        params: IdParams,
        body: ColumnMove,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'column.manage' }),
    },
    async (request) => {
      const auth = requireOnSite(request, 'column.manage', await columns.siteOf(request.params.id));
      await columns.move(auth.actor, request.params.id, request.body.parentId, request.body.index);
      return { ok: true };
    },
  );

  app.delete(
    '/api/columns/:id',
    {
      schema: {
        tags,
        summary: '删除空栏目',
        params: IdParams,
        response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'column.manage' }),
    },
    async (request) => {
      const auth = requireOnSite(request, 'column.manage', await columns.siteOf(request.params.id));
      await columns.remove(auth.actor, request.params.id);
      return { ok: true };
    },
  );
}
