import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { COLUMN_KINDS, COLUMN_TYPES } from './column-types.ts';
import { ColumnCreate, ColumnMove, ColumnUpdate } from './columns.schema.ts';

export async function columnsRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, columns } = ctx;
  const tags = ['栏目'];
  const item = { 200: Type.Ref('ColumnNode'), ...errors(400, 401, 403, 404, 409) };

  app.get(
    '/api/column-types',
    {
      schema: {
        tags,
        summary: '栏目类型与形式',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
            kinds: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })),
          }),
        },
      },
    },
    async () => ({
      items: COLUMN_TYPES.map((t) => ({ value: t, label: t })),
      kinds: Object.entries(COLUMN_KINDS).map(([value, label]) => ({ value, label })),
    }),
  );

  app.get(
    '/api/sites/:siteId/columns',
    {
      schema: {
        tags,
        summary: '栏目树',
        params: SiteParams,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('ColumnNode')) }), ...errors(401) },
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
      schema: { tags, summary: '删除空栏目', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404, 409) } },
      preHandler: guard({ capability: 'column.manage' }),
    },
    async (request) => {
      const auth = requireOnSite(request, 'column.manage', await columns.siteOf(request.params.id));
      await columns.remove(auth.actor, request.params.id);
      return { ok: true };
    },
  );
}
