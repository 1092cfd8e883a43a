import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors, ref } from '../../platform/http.ts';
import { Items } from '../../platform/schemas.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { PasswordIssued, RoleList, UserCreate, UserCreated, UserUpdate, UserView } from './users.schema.ts';

export async function usersRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, users } = ctx;
  const tags = ['用户'];
  const manage = guard({ capability: 'user.manage' });
  const user = ref(UserView);

  app.get(
    '/api/roles',
    {
      schema: { tags, summary: '角色列表', response: { 200: RoleList, ...errors(401, 403) } },
      preHandler: guard(),
    },
    async () => ({ items: users.roles() }),
  );

  app.get(
    '/api/users',
    {
      schema: { tags, summary: '用户列表', response: { 200: Items(user), ...errors(401, 403) } },
      preHandler: manage,
    },
    async () => ({ items: await users.list() }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: '新建用户（返回一次性初始密码）',
        body: UserCreate,
        response: { 200: UserCreated, ...errors(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    async (request) => users.create(authOf(request).actor, request.body),
  );

  app.put(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: '修改用户',
        params: IdParams,
        body: UserUpdate,
        response: { 200: user, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => users.update(authOf(request).actor, request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置密码（返回一次性密码）',
        params: IdParams,
        response: { 200: PasswordIssued, ...errors(400, 401, 403, 404) },
      },
      preHandler: manage,
    },
    async (request) => ({ initialPassword: await users.resetPassword(authOf(request).actor, request.params.id) }),
  );

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/users/:id/${path}`,
      {
        schema: {
          tags,
          summary: disabled ? '停用账号' : '启用账号',
          params: IdParams,
          response: { 200: Ok, ...errors(400, 401, 403, 404) },
        },
        preHandler: manage,
      },
      async (request) => {
        await users.setDisabled(authOf(request).actor, request.params.id, disabled);
        return { ok: true };
      },
    );
  }
}
