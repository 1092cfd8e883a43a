import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import {
  DEFAULT_POLICY,
  loadPolicy,
  policyViolations,
  savePolicy,
  type SecurityPolicy,
} from '../../platform/auth/policy.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';

const Policy = Type.Object(
  Object.fromEntries(Object.keys(DEFAULT_POLICY).map((k) => [k, Type.Integer()])) as Record<
    keyof SecurityPolicy,
    ReturnType<typeof Type.Integer>
  >,
  { additionalProperties: false },
);

export async function securityRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, users, db, audit, clock } = ctx;
  const tags = ['安全'];

  app.get(
    '/api/security/policy',
    {
      schema: { tags, summary: '密码与会话策略', response: { 200: Policy, ...errors(401, 403) } },
      preHandler: guard({ capability: 'security.policy' }),
    },
    async () => loadPolicy(db),
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
    async (request) => {
      const policy = request.body as SecurityPolicy;
      const problems = policyViolations(policy);
      if (problems.length)
        throw new AppError('VALIDATION_FAILED', `策略取值超出允许范围：${problems.join('；')}`, { problems });
      const before = await loadPolicy(db);
      await db.transaction().execute(async (trx) => {
        await savePolicy(trx, policy, clock.now().toISOString());
        await audit.record(trx, authOf(request).actor, {
          action: 'security.policy',
          targetType: 'settings',
          targetId: 'security.policy',
          detail: { before, after: policy },
        });
      });
      return loadPolicy(db);
    },
  );

  app.get(
    '/api/security/locked-users',
    {
      schema: {
        tags,
        summary: '被锁定的账号',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('User')) }), ...errors(401, 403) },
      },
      preHandler: guard({ capability: 'user.unlock' }),
    },
    async () => ({ items: await users.locked() }),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: { tags, summary: '解锁账号', params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } },
      preHandler: guard({ capability: 'user.unlock' }),
    },
    async (request) => {
      await users.unlock(authOf(request).actor, request.params.id);
      return { ok: true };
    },
  );
}
