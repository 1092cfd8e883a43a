import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import { can, type Capability } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import { writeSetting } from '../../platform/settings/settings.repository.ts';
import type { AppContext } from '../../context.ts';
import { dueSoonKey } from './duty.service.ts';

const DUTY_READERS: Capability[] = [
  'content.write',
  'content.review',
  'content.approve',
  'content.secrecy',
  'site.manage',
];

export async function dutyRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, duty } = ctx;
  const tags = ['栏目更新责任'];

  // The dashboard is for the site's content staff and its administrators (附件1 duties are per site).
  const readerOnSite = (request: Parameters<typeof authOf>[0], siteId: number) => {
    const a = authOf(request);
    if (!DUTY_READERS.some((c) => can(a.grants, c, siteId)))
      throw new AppError('FORBIDDEN', '您没有查看该站点栏目更新情况的权限');
    return a;
  };

  app.get(
    '/api/sites/:siteId/duty',
    {
      schema: {
        tags,
        summary: '栏目更新责任表（附件1）：正常 / 即将到期 / 已超期 / 空白',
        params: SiteParams,
        querystring: Type.Object({ departmentId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
      preHandler: guard(),
    },
    async (request) => {
      const a = readerOnSite(request, request.params.siteId);
      let items = await duty.columnDuty(request.params.siteId);
      if (request.query.departmentId) {
        const d = request.query.departmentId;
        items = items.filter((i) => i.leadDepartmentId === d || i.cooperatingDepartmentIds.includes(d));
      }
      // Each department sees its own columns first.
      const mine = (i: (typeof items)[number]) =>
        a.departmentId !== null &&
        (i.leadDepartmentId === a.departmentId || i.cooperatingDepartmentIds.includes(a.departmentId))
          ? 0
          : 1;
      const rank = { 已超期: 0, 空白: 1, 即将到期: 2, 正常: 3 } as const;
      items = [...items].sort((x, y) => mine(x) - mine(y) || rank[x.status] - rank[y.status]);
      const summary = { 正常: 0, 即将到期: 0, 已超期: 0, 空白: 0 };
      for (const i of items) summary[i.status] += 1;
      return {
        items,
        summary,
        dueSoonDays: await duty.dueSoonDays(request.params.siteId),
        myDepartmentId: a.departmentId,
      };
    },
  );

  app.put(
    '/api/sites/:siteId/duty/settings',
    {
      schema: {
        tags,
        summary: '提前提醒天数',
        params: SiteParams,
        body: Type.Object({ dueSoonDays: Type.Integer({ minimum: 0, maximum: 60 }) }, { additionalProperties: false }),
        response: { 200: Ok, ...errors(400, 403) },
      },
      preHandler: guard({ capability: 'site.manage' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'site.manage', request.params.siteId);
      await ctx.db.transaction().execute(async (trx) => {
        await writeSetting(
          trx,
          dueSoonKey(request.params.siteId),
          request.body.dueSoonDays,
          ctx.clock.now().toISOString(),
        );
        await ctx.audit.record(trx, a.actor, {
          action: 'duty.settings',
          targetType: 'site',
          targetId: request.params.siteId,
          siteId: request.params.siteId,
          detail: request.body,
        });
      });
      return { ok: true };
    },
  );

  app.get(
    '/api/notifications',
    {
      schema: { tags, summary: '我的提醒（含本部门的栏目到期提醒）；已读状态按人记录' },
      preHandler: guard(),
    },
    async (request) => {
      const a = authOf(request);
      return duty.notifications(a.departmentId, a.userId);
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: '把发给我（或本部门）的一条提醒标记为我已读',
        params: IdParams,
        response: { 200: Ok, ...errors(403, 404) },
      },
      preHandler: guard(),
    },
    async (request) => {
      await duty.markRead(authOf(request), request.params.id);
      return { ok: true };
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: '把我的全部提醒标记为已读',
        response: { 200: Type.Object({ ok: Type.Boolean(), count: Type.Integer() }) },
      },
      preHandler: guard(),
    },
    async (request) => ({ ok: true, count: await duty.markAllRead(authOf(request)) }),
  );
}
