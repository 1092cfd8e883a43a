import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import { can, type Capability } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';
import { DutyDashboard, DutyQuery, DutySettings, NotificationList, ReadAllResult } from './duty.schema.ts';

/** The duty table is for the site's content staff and its administrators (附件1 duties are per site). */
const DUTY_READERS: Capability[] = [
  'content.write',
  'content.review',
  'content.approve',
  'content.secrecy',
  'site.manage',
];

function readerOnSite(request: FastifyRequest, siteId: number) {
  const a = authOf(request);
  if (!DUTY_READERS.some((c) => can(a.grants, c, siteId))) throw new AppError('DUTY_NOT_READABLE');
  return a;
}

export async function dutyRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, duty } = ctx;
  const tags = ['栏目更新责任'];

  app.get(
    '/api/sites/:siteId/duty',
    {
      schema: {
        tags,
        summary: '栏目更新责任表（附件1）：正常 / 即将到期 / 已超期 / 空白',
        params: SiteParams,
        querystring: DutyQuery,
        response: { 200: DutyDashboard, ...errors(400, 401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      const a = readerOnSite(request, request.params.siteId);
      return duty.dashboard(request.params.siteId, a, request.query);
    },
  );

  app.put(
    '/api/sites/:siteId/duty/settings',
    {
      schema: {
        tags,
        summary: '提前提醒天数',
        params: SiteParams,
        body: DutySettings,
        response: { 200: Ok, ...errors(400, 401, 403) },
      },
      preHandler: guard({ capability: 'site.manage' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'site.manage', request.params.siteId);
      await duty.setDueSoonDays(a.actor, request.params.siteId, request.body.dueSoonDays);
      return { ok: true };
    },
  );

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的提醒（含本部门的栏目到期提醒）；已读状态按人记录',
        response: { 200: NotificationList, ...errors(401, 403) },
      },
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
        response: { 200: Ok, ...errors(400, 401, 403, 404) },
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
        response: { 200: ReadAllResult, ...errors(401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => ({ ok: true, count: await duty.markAllRead(authOf(request)) }),
  );
}
