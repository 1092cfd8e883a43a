import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/http.ts';
import { Ok, errors } from '../../platform/http.ts';
import { SESSION_COOKIE, authOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { MeResponse } from '../users/users.schema.ts';
import { LoginBody, PasswordChangeBody } from './auth.schema.ts';

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, auth, config } = ctx;
  const tags = ['登录'];

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
        body: LoginBody,
        response: { 200: MeResponse, ...errors(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => {
      const { token, me } = await auth.login(
        request.body.username,
        request.body.password,
        request.ip,
        request.headers['user-agent'] ?? '',
      );
      setCookie(reply, token);
      return me;
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags, summary: '当前登录用户', response: { 200: MeResponse, ...errors(401, 403) } },
      preHandler: guard({ allowPendingPassword: true }),
    },
    async (request) => auth.me(authOf(request)),
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
        body: PasswordChangeBody,
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
