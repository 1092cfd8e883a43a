import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors, ref } from '../../platform/http.ts';
import { Items } from '../../platform/schemas.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { UserView } from '../users/users.schema.ts';
import { SecurityPolicySchema as Policy } from './security.schema.ts';

export async function securityRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, users, security } = ctx;
  const tags = ['安全'];

  app.get(
    '/api/security/policy',
    {
      schema: { tags, summary: '密码与会话策略', response: { 200: Policy, ...errors(401, 403) } },
      preHandler: guard({ capability: 'security.policy' }),
    },
    async () => security.policy(),
  );

  app.put(
    '/api/security/policy',
    {
      schema: {
        tags,
        summary: '修改密码与会话策略',
        body: Policy,
        response: { 200: Policy, ...errors(400, 401, 403) },
      },
      preHandler: guard({ capability: 'security.policy' }),
    },
    async (request) => security.updatePolicy(authOf(request).actor, request.body),
  );

  app.get(
    '/api/security/locked-users',
    {
      schema: {
        tags,
        summary: '被锁定的账号',
        response: { 200: Items(ref(UserView)), ...errors(401, 403) },
      },
      preHandler: guard({ capability: 'user.unlock' }),
    },
    async () => ({ items: await users.locked() }),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: { tags, summary: '解锁账号', params: IdParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } },
      preHandler: guard({ capability: 'user.unlock' }),
    },
    async (request) => {
      await users.unlock(authOf(request).actor, request.params.id);
      return { ok: true };
    },
  );
}
