// GET /api/access-contacts: for the console's 没有权限 page, the roles that open a page and who to ask.
import type { App } from '../../platform/http.ts';
import { errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { AccessContacts, ContactsQuery } from './contacts.schema.ts';

export async function accessContactsRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/api/access-contacts',
    {
      schema: {
        tags: ['用户'],
        summary: '没有权限时：哪些角色可以打开该页面，可以联系谁（系统管理员、本站点管理员）',
        querystring: ContactsQuery,
        response: { 200: AccessContacts, ...errors(400, 401, 403) },
      },
      // Any signed-in staff member may ask who to ask.
      preHandler: ctx.guard(),
    },
    async (request) => ctx.accessContacts.forPage(authOf(request), request.query.capability),
  );
}
