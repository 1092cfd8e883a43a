import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/http.ts';
import { Ok, errors } from '../../platform/http.ts';
import { SESSION_COOKIE, authOf } from '../../platform/auth/guard.ts';
import { capabilitiesOf } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../context.ts';
import type { AuthContext } from './auth.service.ts';
import { grantView } from '../users/users.service.ts';
import { findDepartment } from '../departments/departments.repository.ts';

const MeResponse = Type.Object({ user: Type.Ref('Me'), csrfToken: Type.String() });

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, auth, db, config } = ctx;
  const tags = ['登录'];

  async function me(a: AuthContext) {
    const department = a.departmentId ? await findDepartment(db, a.departmentId) : undefined;
    return {
      user: {
        id: a.userId,
        username: a.username,
        displayName: a.displayName,
        departmentId: a.departmentId,
        departmentName: department?.name ?? null,
        roles: a.grants.map(grantView),
        capabilities: capabilitiesOf(a.grants),
        mustChangePassword: a.mustChangePassword,
        passwordExpired: a.passwordExpired,
      },
      csrfToken: a.csrfToken,
    };
  }

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: config.secureCookies,
    });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: '登录',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: MeResponse, ...errors(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => {
      const { token, auth: a } = await auth.login(
        request.body.username,
        request.body.password,
        request.ip,
        request.headers['user-agent'] ?? '',
      );
      setCookie(reply, token);
      return me(a);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags, summary: '当前登录用户', response: { 200: MeResponse, ...errors(401) } },
      preHandler: guard({ allowPendingPassword: true }),
    },
    async (request) => me(authOf(request)),
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: '退出登录', response: { 200: Ok, ...errors(401, 403) } },
      preHandler: guard({ allowPendingPassword: true }),
    },
    async (request, reply) => {
      await auth.logout(authOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: '修改密码',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
            newPassword: Type.String({ minLength: 1, maxLength: 128 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errors(400, 401, 403) },
      },
      preHandler: guard({ allowPendingPassword: true }),
    },
    async (request) => {
      await auth.changePassword(authOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true };
    },
  );
}
