// The public account's pages under /user/ (注册, 登录, 找回密码, 用户协议, 隐私政策, 用户空间 and its settings),
// rendered in the portal's layout of whichever site the host belongs to. Every form is a plain POST that works
// without JavaScript; a refused submission shows the page again with the reason and what was typed. These pages
// are personal: never cached, never served by the front door.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createElement, type ReactElement } from 'react';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { AssetManifest } from '../portal/assets.ts';
import { CARE_COOKIE, cspFor, type PortalService } from '../portal/portal.service.ts';
import { localPath } from '../portal/site-resolver.ts';
import { renderDocument } from '../portal/views/render.tsx';
import { securityHeaders } from '../portal/page-response.ts';
import type { ViewContext } from '../portal/views/types.ts';
import { CITIZEN_COOKIE, type CitizenContext } from './citizen-auth.service.ts';
import { citizenOf } from './citizens.guard.ts';
import { clearCitizenCookie, setCitizenCookie } from './citizens.routes.ts';
import { privacyOf, termsOf } from './agreements.ts';
import type { Channel } from './senders.ts';
import type { PageMessage } from './views/frame.tsx';
import {
  AgreementPage,
  ContactPage,
  DeletePage,
  DonePage,
  LoginPage,
  PasswordPage,
  RegisterPage,
  ResetPage,
  SpacePage,
} from './views/pages.tsx';
import { oidcRoutes } from './oidc.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const ASSET_PREFIX = '/user/assets/';
/** The anonymous forms' CSRF cookie: a random value the form token is an HMAC of (double submit, signed). */
export const FORM_COOKIE = 'gp_form';
const FORM_TOKEN_FIELD = '_csrf';

let manifest: AssetManifest | null = null;
const citizenAssets = () => {
  manifest ??= AssetManifest.load(ASSET_DIR);
  return manifest;
};
const assetUrls = () => {
  const url = (name: string) =>
    `${ASSET_PREFIX}${
      citizenAssets()
        .list()
        .find((a) => a.name === name)!.fileName
    }`;
  return { css: url('citizen.css'), js: url('challenge.js') };
};

type Form = Record<string, string>;
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 4000 }));
const hidden = { config: PUBLIC_ROUTE, schema: { hide: true } };
const withBody = { config: PUBLIC_ROUTE, schema: { hide: true, body: FormBody } };
const field = (form: Form, name: string) => (form[name] ?? '').trim();
const channelOf = (form: Form): Channel => (form.channel === 'email' ? 'email' : 'sms');

/** application/x-www-form-urlencoded → the first value of each field. */
function parseForm(body: string): Form {
  const out: Form = {};
  for (const [k, v] of new URLSearchParams(body)) if (!(k in out)) out[k] = v;
  return out;
}

export async function citizenPageRoutes(app: App, ctx: AppContext, portal: PortalService): Promise<void> {
  const { citizens, config } = ctx;
  const { accounts, auth, challenge, userSpace, notices } = citizens;
  const pageGuard = citizens.guard({ page: true });

  async function viewFor(request: FastifyRequest): Promise<ViewContext | null> {
    const urlPath = request.url.split('?')[0]!;
    const match = await portal.resolve(request.host, urlPath);
    if (!match) return null;
    const model = await portal.model(match.site.id);
    return portal.viewContext(match.site, model, { prefix: '', path: urlPath }, request.cookies[CARE_COOKIE] === '1');
  }

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    build: (view: ViewContext) => ReactElement,
    status = 200,
  ) {
    const view = await viewFor(request);
    if (!view) return reply.status(503).type('text/plain; charset=utf-8').send('网站建设中');
    return reply
      .headers(securityHeaders(cspFor(view.site)))
      .header('cache-control', 'no-store')
      .status(status)
      .type('text/html; charset=utf-8')
      .send(renderDocument(build(view)));
  }

  const redirect = (reply: FastifyReply, location: string) =>
    reply.header('cache-control', 'no-store').redirect(location, 303);

  /** The anonymous form token for this browser (setting the cookie it is bound to when there is none). */
  async function formToken(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    let value = request.cookies[FORM_COOKIE];
    if (!value || !/^[A-Za-z0-9_-]{22,64}$/.test(value)) {
      value = randomBytes(18).toString('base64url');
      reply.setCookie(FORM_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
    }
    return (await citizens.keys.cipher()).sign('form', value);
  }

  async function checkFormToken(request: FastifyRequest, form: Form): Promise<void> {
    const value = request.cookies[FORM_COOKIE];
    const expected = value ? (await citizens.keys.cipher()).sign('form', value) : null;
    if (!expected || form[FORM_TOKEN_FIELD] !== expected) throw new AppError('CITIZEN_FORM_EXPIRED');
  }

  const messageOf = (error: unknown): PageMessage => {
    if (error instanceof AppError) return { kind: 'error', text: error.message };
    throw error;
  };
  const statusOf = (error: unknown) => (error instanceof AppError ? error.status : 500);
  const backOf = (value: unknown) => {
    const back = localPath(value);
    return back?.startsWith('/') && !back.startsWith('/user/login') ? back : '/user/';
  };
  const signedIn = (request: FastifyRequest) => auth.authenticate(request.cookies[CITIZEN_COOKIE]);
  const base = (csrf: string, message?: PageMessage | null) => ({ assets: assetUrls(), csrf, message });

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, parseForm(String(body))),
    );

    scope.get(`${ASSET_PREFIX}:file`, hidden, async (request, reply) => {
      const asset = citizenAssets().file((request.params as { file: string }).file);
      if (!asset) return reply.callNotFound();
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .type(asset.contentType)
        .send(asset.body);
    });

    // ───── 登录 ─────
    scope.get('/user/login', hidden, async (request, reply) => {
      const back = backOf((request.query as Record<string, unknown>).back);
      if (await signedIn(request)) return redirect(reply, back);
      const csrf = await formToken(request, reply);
      return send(request, reply, (view) =>
        createElement(LoginPage, { view, ...base(csrf), identifier: '', back, oidcName: config.oidc?.name ?? null }),
      );
    });

    scope.post('/user/login', withBody, async (request, reply) => {
      const form = request.body as Form;
      const back = backOf(form.back);
      try {
        await checkFormToken(request, form);
        const { token } = await auth.login(
          field(form, 'identifier'),
          form.password ?? '',
          request.ip,
          String(request.headers['user-agent'] ?? ''),
        );
        setCitizenCookie(reply, config, token);
        return redirect(reply, back);
      } catch (error) {
        const csrf = await formToken(request, reply);
        return send(
          request,
          reply,
          (view) =>
            createElement(LoginPage, {
              view,
              ...base(csrf, messageOf(error)),
              identifier: field(form, 'identifier'),
              back,
              oidcName: config.oidc?.name ?? null,
            }),
          statusOf(error),
        );
      }
    });

    // ───── 注册 ─────
    const registerValues = (form: Form, codeSent: boolean) => ({
      channel: channelOf(form),
      target: field(form, 'target'),
      displayName: field(form, 'displayName'),
      accountType: form.accountType === 'organization' ? 'organization' : 'person',
      orgName: field(form, 'orgName'),
      creditCode: field(form, 'creditCode'),
      codeSent,
    });

    scope.get('/user/register', hidden, async (request, reply) => {
      if (await signedIn(request)) return redirect(reply, '/user/');
      const csrf = await formToken(request, reply);
      return send(request, reply, (view) =>
        createElement(RegisterPage, { view, ...base(csrf), values: registerValues({}, false) }),
      );
    });

    scope.post('/user/register', withBody, async (request, reply) => {
      const form = request.body as Form;
      const sending = form.action === 'code';
      try {
        await checkFormToken(request, form);
        if (sending) {
          const check = await challenge.checkForm('register', request.ip, form.altcha);
          await accounts.requestCode('register', channelOf(form), field(form, 'target'), request.ip, check.verified);
          const csrf = await formToken(request, reply);
          const note = `验证码已发送到${channelOf(form) === 'sms' ? '您的手机' : '您的邮箱'}，10 分钟内有效。`;
          return send(request, reply, (view) =>
            createElement(RegisterPage, {
              view,
              ...base(csrf, { kind: 'info', text: note }),
              values: registerValues(form, true),
            }),
          );
        }
        const { token } = await accounts.register(
          {
            channel: channelOf(form),
            target: field(form, 'target'),
            code: field(form, 'code'),
            password: form.password ?? '',
            displayName: field(form, 'displayName').slice(0, 30),
            accountType: form.accountType === 'organization' ? 'organization' : 'person',
            orgName: field(form, 'orgName'),
            creditCode: field(form, 'creditCode'),
            acceptTerms: form.acceptTerms === '1',
            acceptPrivacy: form.acceptPrivacy === '1',
          },
          request.ip,
          String(request.headers['user-agent'] ?? ''),
        );
        setCitizenCookie(reply, config, token);
        return redirect(reply, '/user/?welcome=1');
      } catch (error) {
        const csrf = await formToken(request, reply);
        return send(
          request,
          reply,
          (view) =>
            createElement(RegisterPage, {
              view,
              ...base(csrf, messageOf(error)),
              values: registerValues(form, !sending),
            }),
          statusOf(error),
        );
      }
    });

    // ───── 找回密码 ─────
    scope.get('/user/reset', hidden, async (request, reply) => {
      const csrf = await formToken(request, reply);
      return send(request, reply, (view) =>
        createElement(ResetPage, { view, ...base(csrf), channel: 'sms', target: '', codeSent: false }),
      );
    });

    scope.post('/user/reset', withBody, async (request, reply) => {
      const form = request.body as Form;
      const sending = form.action === 'code';
      try {
        await checkFormToken(request, form);
        if (sending) {
          const check = await challenge.checkForm('reset', request.ip, form.altcha);
          await accounts.requestCode('reset', channelOf(form), field(form, 'target'), request.ip, check.verified);
          const csrf = await formToken(request, reply);
          const note = '如该号码或邮箱已注册，验证码已发送，10 分钟内有效。';
          return send(request, reply, (view) =>
            createElement(ResetPage, {
              view,
              ...base(csrf, { kind: 'info', text: note }),
              channel: channelOf(form),
              target: field(form, 'target'),
              codeSent: true,
            }),
          );
        }
        await accounts.resetPassword(
          channelOf(form),
          field(form, 'target'),
          field(form, 'code'),
          form.password ?? '',
          request.ip,
        );
        return send(request, reply, (view) =>
          createElement(DonePage, {
            view,
            assets: assetUrls(),
            title: '找回密码',
            text: '新密码已设置，请使用新密码登录。',
            link: { label: '去登录', href: '/user/login' },
          }),
        );
      } catch (error) {
        const csrf = await formToken(request, reply);
        return send(
          request,
          reply,
          (view) =>
            createElement(ResetPage, {
              view,
              ...base(csrf, messageOf(error)),
              channel: channelOf(form),
              target: field(form, 'target'),
              codeSent: !sending,
            }),
          statusOf(error),
        );
      }
    });

    // ───── 用户协议 / 隐私政策 ─────
    for (const [url, agreementOf] of [
      ['/user/terms', termsOf],
      ['/user/privacy', privacyOf],
    ] as const) {
      scope.get(url, hidden, async (request, reply) =>
        send(request, reply, (view) =>
          createElement(AgreementPage, { view, assets: assetUrls(), agreement: agreementOf(view.site.name) }),
        ),
      );
    }

    // ───── 用户空间 ─────
    scope.get('/user', hidden, async (_request, reply) => reply.redirect('/user/', 301));

    scope.get('/user/', { ...hidden, preHandler: pageGuard }, async (request, reply) => {
      const c = citizenOf(request);
      const account = await accounts.account(c.citizenId);
      const sections = await userSpace.render(c.citizenId, (id, error) =>
        request.log.error({ err: error, section: id }, 'user space section failed'),
      );
      const sent = await notices.ofCitizen(c.citizenId);
      const welcome = (request.query as Record<string, unknown>).welcome === '1';
      const message: PageMessage | null = welcome ? { kind: 'info', text: '注册成功，欢迎使用。' } : null;
      return send(request, reply, (view) =>
        createElement(SpacePage, {
          view,
          ...base(c.csrfToken, message),
          account,
          sections,
          notices: sent,
        }),
      );
    });

    // The signed-in settings pages: each GET shows the form, each POST acts and shows the outcome.
    const settings = async (
      request: FastifyRequest,
      reply: FastifyReply,
      build: (view: ViewContext, c: CitizenContext, message: PageMessage | null) => ReactElement,
      act?: (c: CitizenContext, form: Form) => Promise<PageMessage | 'redirect' | null>,
    ) => {
      const c = citizenOf(request);
      if (!act) return send(request, reply, (view) => build(view, c, null));
      try {
        const outcome = await act(c, request.body as Form);
        if (outcome === 'redirect') return redirect(reply, '/user/');
        return send(request, reply, (view) => build(view, c, outcome));
      } catch (error) {
        return send(request, reply, (view) => build(view, c, messageOf(error)), statusOf(error));
      }
    };

    const passwordPage = (view: ViewContext, c: CitizenContext, message: PageMessage | null) =>
      createElement(PasswordPage, { view, ...base(c.csrfToken, message) });
    scope.get('/user/password', { ...hidden, preHandler: pageGuard }, (request, reply) =>
      settings(request, reply, passwordPage),
    );
    scope.post('/user/password', { ...withBody, preHandler: pageGuard }, (request, reply) =>
      settings(request, reply, passwordPage, async (c, form) => {
        await accounts.changePassword(c, form.currentPassword ?? '', form.newPassword ?? '');
        return { kind: 'info', text: '密码已修改，其他设备上的登录已退出。' };
      }),
    );

    const contactPage =
      (form: { channel: string; target: string; codeSent: boolean }) =>
      (view: ViewContext, c: CitizenContext, message: PageMessage | null) =>
        createElement(ContactPage, { view, ...base(c.csrfToken, message), ...form });
    scope.get('/user/contact', { ...hidden, preHandler: pageGuard }, (request, reply) =>
      settings(request, reply, contactPage({ channel: 'sms', target: '', codeSent: false })),
    );
    scope.post('/user/contact', { ...withBody, preHandler: pageGuard }, (request, reply) => {
      const form = request.body as Form;
      const sending = form.action === 'code';
      const shown = { channel: channelOf(form), target: field(form, 'target'), codeSent: true };
      return settings(request, reply, contactPage(shown), async (c) => {
        if (sending) {
          await accounts.requestContactCode(c, channelOf(form), field(form, 'target'), request.ip);
          return { kind: 'info', text: '验证码已发送，请查收后填写。' };
        }
        await accounts.changeContact(c, channelOf(form), field(form, 'target'), field(form, 'code'));
        return 'redirect';
      });
    });

    scope.get('/user/delete', { ...hidden, preHandler: pageGuard }, async (request, reply) => {
      const account = await accounts.account(citizenOf(request).citizenId);
      return settings(request, reply, (view, c, message) =>
        createElement(DeletePage, { view, ...base(c.csrfToken, message), hasPassword: account.hasPassword }),
      );
    });
    scope.post('/user/delete', { ...withBody, preHandler: pageGuard }, async (request, reply) => {
      const form = request.body as Form;
      const c = citizenOf(request);
      const account = await accounts.account(c.citizenId);
      try {
        if (field(form, 'confirm') !== '注销') throw new AppError('VALIDATION_FAILED', '请输入“注销”二字确认');
        await accounts.deleteAccount(c, form.password ?? null);
        clearCitizenCookie(reply);
        return send(request, reply, (view) =>
          createElement(DonePage, {
            view,
            assets: assetUrls(),
            title: '注销账号',
            text: '账号已注销，您的个人信息已删除。',
            link: { label: '返回首页', href: '/' },
          }),
        );
      } catch (error) {
        return send(
          request,
          reply,
          (view) =>
            createElement(DeletePage, {
              view,
              ...base(c.csrfToken, messageOf(error)),
              hasPassword: account.hasPassword,
            }),
          statusOf(error),
        );
      }
    });

    scope.post('/user/logout', { ...withBody, preHandler: pageGuard }, async (request, reply) => {
      await auth.logout(citizenOf(request));
      clearCitizenCookie(reply);
      return redirect(reply, '/');
    });

    await oidcRoutes(scope as unknown as App, ctx, { redirect, backOf });
  });
}
