// The citizens' JSON API (/api/citizen/…) and the support staff's account search (/api/citizens). The public
// pages (citizens.pages.routes.ts) call the same service methods through HTML forms.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import type { Config } from '../../platform/config.ts';
import { CITIZEN_COOKIE } from './citizen-auth.service.ts';
import { citizenOf } from './citizens.guard.ts';
import {
  AccountView,
  ChallengeResponse,
  CitizenListItem,
  CitizenSearchQuery,
  CitizenSearchResponse,
  CodeRequest,
  CodeSent,
  ContactChange,
  ContactCodeRequest,
  DeleteRequest,
  DisableRequest,
  IdentityUpdate,
  LoginRequest,
  NoticeView,
  PasswordChange,
  RegisterRequest,
  ResetRequest,
  SessionResponse,
  SpaceResponse,
} from './citizens.schema.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';

export function setCitizenCookie(reply: FastifyReply, config: Config, token: string): void {
  // Lax, not Strict: a citizen following a link from an SMS or the identity platform's redirect arrives signed in;
  // writes are protected by the session's CSRF token on top.
  reply.setCookie(CITIZEN_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

export const clearCitizenCookie = (reply: FastifyReply) => reply.clearCookie(CITIZEN_COOKIE, { path: '/' });

export async function citizensRoutes(app: App, ctx: AppContext): Promise<void> {
  const { citizens, config, guard } = ctx;
  const { accounts, support, auth, challenge, userSpace, notices } = citizens;
  const citizenGuard = citizens.guard;
  if (!app.hasRequestDecorator('citizen')) app.decorateRequest('citizen', null);
  app.addSchema(AccountView);
  const tags = ['公众账号'];
  const ua = (h: Record<string, unknown>) => String(h['user-agent'] ?? '');

  app.get(
    '/api/citizen/challenge',
    {
      config: PUBLIC_ROUTE,
      schema: { tags, summary: '获取工作量证明（ALTCHA）题目', response: { 200: ChallengeResponse } },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return challenge.create();
    },
  );

  app.post(
    '/api/citizen/codes',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary: '发送注册或找回密码的验证码',
        body: CodeRequest,
        response: { 200: CodeSent, ...errors(400, 429, 502) },
      },
    },
    async (request) => {
      const { purpose, channel, target, altcha } = request.body;
      const { verified } = await challenge.checkForm('code', request.ip, altcha);
      const sent = await accounts.requestCode(purpose, channel, target, request.ip, verified);
      return { sent: true, expiresInSeconds: sent.expiresInSeconds, verified };
    },
  );

  app.post(
    '/api/citizen/register',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary: '注册（验证码确认后设置密码，同意用户协议和隐私政策）',
        body: RegisterRequest,
        response: { 200: SessionResponse, ...errors(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const { token, citizen } = await accounts.register(request.body, request.ip, ua(request.headers));
      setCitizenCookie(reply, config, token);
      return { account: await accounts.account(citizen!.citizenId), csrfToken: citizen!.csrfToken };
    },
  );

  app.post(
    '/api/citizen/login',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags,
        summary: '密码登录（手机号码或电子邮箱）',
        body: LoginRequest,
        response: { 200: SessionResponse, ...errors(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => {
      const { token, citizen } = await auth.login(
        request.body.identifier,
        request.body.password,
        request.ip,
        ua(request.headers),
      );
      setCitizenCookie(reply, config, token);
      return { account: await accounts.account(citizen!.citizenId), csrfToken: citizen!.csrfToken };
    },
  );

  app.post(
    '/api/citizen/reset',
    {
      config: PUBLIC_ROUTE,
      schema: { tags, summary: '用验证码重设密码', body: ResetRequest, response: { 200: Ok, ...errors(400, 429) } },
    },
    async (request) => {
      const { channel, target, code, password } = request.body;
      await accounts.resetPassword(channel, target, code, password, request.ip);
      return { ok: true };
    },
  );

  app.get(
    '/api/citizen/me',
    {
      schema: { tags, summary: '当前账号（已脱敏）', response: { 200: SessionResponse, ...errors(401) } },
      preHandler: citizenGuard(),
    },
    async (request) => {
      const c = citizenOf(request);
      return { account: await accounts.account(c.citizenId), csrfToken: c.csrfToken };
    },
  );

  app.get(
    '/api/citizen/space',
    {
      schema: { tags, summary: '用户空间：各功能的办理记录', response: { 200: SpaceResponse, ...errors(401) } },
      preHandler: citizenGuard(),
    },
    async (request) => ({
      sections: await userSpace.render(citizenOf(request).citizenId, (id, error) =>
        request.log.error({ err: error, section: id }, 'user space section failed'),
      ),
    }),
  );

  app.get(
    '/api/citizen/notices',
    {
      schema: {
        tags,
        summary: '发给我的短信和邮件通知及送达情况',
        response: { 200: Type.Object({ items: Type.Array(NoticeView) }), ...errors(401) },
      },
      preHandler: citizenGuard(),
    },
    async (request) => ({ items: await notices.ofCitizen(citizenOf(request).citizenId) }),
  );

  app.post(
    '/api/citizen/logout',
    {
      schema: { tags, summary: '退出登录', response: { 200: Ok, ...errors(401, 403) } },
      preHandler: citizenGuard(),
    },
    async (request, reply) => {
      await auth.logout(citizenOf(request));
      clearCitizenCookie(reply);
      return { ok: true };
    },
  );

  app.post(
    '/api/citizen/password',
    {
      schema: { tags, summary: '修改密码', body: PasswordChange, response: { 200: Ok, ...errors(400, 401, 403) } },
      preHandler: citizenGuard(),
    },
    async (request) => {
      await accounts.changePassword(citizenOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true };
    },
  );

  app.post(
    '/api/citizen/contact/code',
    {
      schema: {
        tags,
        summary: '向新的手机号码或邮箱发送验证码',
        body: ContactCodeRequest,
        response: { 200: Type.Object({ expiresInSeconds: Type.Integer() }), ...errors(400, 401, 403, 429, 502) },
      },
      preHandler: citizenGuard(),
    },
    async (request) =>
      accounts.requestContactCode(citizenOf(request), request.body.channel, request.body.target, request.ip),
  );

  app.post(
    '/api/citizen/contact',
    {
      schema: {
        tags,
        summary: '更换手机号码或邮箱（验证码确认）',
        body: ContactChange,
        response: { 200: Ok, ...errors(400, 401, 403, 409) },
      },
      preHandler: citizenGuard(),
    },
    async (request) => {
      await accounts.changeContact(citizenOf(request), request.body.channel, request.body.target, request.body.code);
      return { ok: true };
    },
  );

  app.post(
    '/api/citizen/identity',
    {
      schema: {
        tags,
        summary: '登记实名信息（姓名、身份证号，加密保存）',
        body: IdentityUpdate,
        response: { 200: Ok, ...errors(400, 401, 403) },
      },
      preHandler: citizenGuard(),
    },
    async (request) => {
      await accounts.updateIdentity(citizenOf(request), request.body.realName, request.body.idNumber);
      return { ok: true };
    },
  );

  app.post(
    '/api/citizen/delete',
    {
      schema: { tags, summary: '注销账号', body: DeleteRequest, response: { 200: Ok, ...errors(400, 401, 403) } },
      preHandler: citizenGuard(),
    },
    async (request, reply) => {
      await accounts.deleteAccount(citizenOf(request), request.body.password ?? null);
      clearCitizenCookie(reply);
      return { ok: true };
    },
  );

  // ───── support staff (console) ─────
  const staffTags = ['公众账号管理'];

  app.get(
    '/api/citizens',
    {
      schema: {
        tags: staffTags,
        summary: '查找公众账号（按完整手机号码、邮箱或证件号的密钥散列查找，结果脱敏）',
        querystring: CitizenSearchQuery,
        response: { 200: CitizenSearchResponse, ...errors(400, 401, 403) },
      },
      preHandler: guard({ capability: 'citizen.manage' }),
    },
    async (request) => support.search(request.query),
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/citizens/:id/${action}`,
      {
        schema: {
          tags: staffTags,
          summary: disabled ? '停用公众账号' : '恢复公众账号',
          params: IdParams,
          body: DisableRequest,
          response: { 200: CitizenListItem, ...errors(400, 401, 403, 404) },
        },
        preHandler: guard({ capability: 'citizen.manage' }),
      },
      async (request) => support.setDisabled(authOf(request).actor, request.params.id, disabled, request.body.reason),
    );
  }
}
