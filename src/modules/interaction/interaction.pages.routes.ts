// The citizen's own message-board pages under /user/ (personal, never cached, in the portal's layout of the site the
// host belongs to, or of another site of its cluster named by ?site=): leaving a message (a multipart form, so
// attachments work without JavaScript), one's message with its rating and second-handling forms, and the 纠错
// form linked from every page's footer (signed in, or anonymous with the proof of work or held for moderation).
// A refused submission shows the form again with the reason and everything typed.
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createElement, type ReactElement } from 'react';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { PUBLIC_ROUTE, declareAccess } from '../../platform/auth/access.ts';
import { newIdempotencyKey } from '../../platform/idempotency.ts';
import { AssetManifest } from '../portal/assets.ts';
import { CARE_COOKIE, cspFor, type PortalService } from '../portal/portal.service.ts';
import { clusterRootOf, localPath, siteForHost } from '../portal/site-resolver.ts';
import { renderDocument } from '../portal/views/render.tsx';
import { securityHeaders } from '../portal/page-response.ts';
import type { ViewContext } from '../portal/views/types.ts';
import { CITIZEN_COOKIE, type CitizenContext } from '../citizens/citizen-auth.service.ts';
import { citizenOf, loginRedirect } from '../citizens/citizens.guard.ts';
import { FORM_COOKIE } from '../citizens/citizens.pages.routes.ts';
import type { PageMessage } from '../citizens/views/frame.tsx';
import { LIMITS } from './messages.service.ts';
import { JiucuoPage, MessageErrorPage, type MessageFormValues, MyMessagePage, SubmitPage } from './views/forms.tsx';
import { INTERACTION_ASSET_PREFIX, interactionAssets } from './interaction.pages.tsx';

const CITIZEN_ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'citizens', 'assets');
let citizenManifest: AssetManifest | null = null;
function assetUrls() {
  citizenManifest ??= AssetManifest.load(CITIZEN_ASSETS);
  const citizen = (name: string) => `/user/assets/${citizenManifest!.list().find((a) => a.name === name)!.fileName}`;
  const own = interactionAssets()
    .list()
    .find((a) => a.name === 'interaction.css')!.fileName;
  return { css: citizen('citizen.css'), js: citizen('challenge.js'), own: `${INTERACTION_ASSET_PREFIX}${own}` };
}

type Form = Record<string, string>;
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 5000 }));
const hidden = { config: PUBLIC_ROUTE, schema: { hide: true } };
const withBody = { config: PUBLIC_ROUTE, schema: { hide: true, body: FormBody } };
// The message form is multipart: its CSRF field and the session can only be read in the handler, which sends a
// visitor who is not signed in to the login page (303), as the citizens' guard does for pages.
const citizenForm = { schema: { hide: true }, preHandler: declareAccess(async () => {}, { kind: 'citizen' }) };
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });

function parseForm(body: string): Form {
  const out: Form = {};
  for (const [k, v] of new URLSearchParams(body)) if (!(k in out)) out[k] = v;
  return out;
}

export async function interactionPageRoutes(app: App, ctx: AppContext, portal: PortalService): Promise<void> {
  const { citizens, interaction, config } = ctx;
  const pageGuard = citizens.guard({ page: true });

  /** The site the page is for: ?site=<code> within the host's cluster, else the host's site. */
  async function siteOf(request: FastifyRequest) {
    const sites = await ctx.sites.list();
    const host = siteForHost(sites, request.host);
    if (!host) return null;
    const code = (request.query as Record<string, unknown>).site;
    const target = typeof code === 'string' ? sites.find((s) => s.code === code) : undefined;
    return target && clusterRootOf(sites, target).id === clusterRootOf(sites, host).id ? target : host;
  }

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    build: (view: ViewContext) => ReactElement,
    status = 200,
  ) {
    const site = await siteOf(request);
    if (!site) return reply.status(503).type('text/plain; charset=utf-8').send('网站建设中');
    const model = await portal.model(site.id);
    const path = request.url.split('?')[0]!;
    // Another site of the cluster is served under /site/<code>/: its navigation and footer links carry that
    // prefix, and the page's own address keeps naming the site, as the care-mode switch returns to it.
    const host = siteForHost(await ctx.sites.list(), request.host);
    const prefix = host && host.id !== site.id ? `/site/${site.code}` : '';
    const view = {
      ...portal.viewContext(site, model, { prefix, path }, request.cookies[CARE_COOKIE] === '1'),
      currentPath: prefix ? `${path}?site=${site.code}` : path,
    };
    return reply
      .headers(securityHeaders(cspFor(site)))
      .header('cache-control', 'no-store')
      .status(status)
      .type('text/html; charset=utf-8')
      .send(renderDocument(build(view)));
  }

  const redirect = (reply: FastifyReply, location: string) =>
    reply.header('cache-control', 'no-store').redirect(location, 303);
  const messageOf = (error: unknown): PageMessage => {
    if (error instanceof AppError) return { kind: 'error', text: error.message };
    throw error;
  };
  const statusOf = (error: unknown) => (error instanceof AppError ? error.status : 500);
  const siteParam = (request: FastifyRequest) => {
    const code = (request.query as Record<string, unknown>).site;
    return typeof code === 'string' && /^[a-z][a-z0-9-]{1,31}$/.test(code) ? code : null;
  };

  /** The anonymous form token (an HMAC of the gp_form cookie, set when missing), as the account pages use. */
  async function formToken(request: FastifyRequest, reply: FastifyReply): Promise<string> {
    let value = request.cookies[FORM_COOKIE];
    if (!value || !/^[A-Za-z0-9_-]{22,64}$/.test(value)) {
      value = randomBytes(18).toString('base64url');
      reply.setCookie(FORM_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
    }
    return (await citizens.keys.cipher()).sign('form', value);
  }

  const signedIn = (request: FastifyRequest) => citizens.auth.authenticate(request.cookies[CITIZEN_COOKIE]);

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, parseForm(String(body))),
    );

    scope.get(`${INTERACTION_ASSET_PREFIX}:file`, hidden, async (request, reply) => {
      const asset = interactionAssets().file((request.params as { file: string }).file);
      if (!asset) return reply.callNotFound();
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .type(asset.contentType)
        .send(asset.body);
    });

    // ───── 我要留言 ─────
    const submitPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      citizen: CitizenContext,
      values: MessageFormValues,
      message: PageMessage | null,
      status = 200,
    ) => {
      const account = await citizens.accounts.account(citizen.citizenId);
      return send(
        request,
        reply,
        (view) =>
          createElement(SubmitPage, {
            view,
            assets: assetUrls(),
            csrf: citizen.csrfToken,
            message,
            values,
            idempotencyKey: newIdempotencyKey(),
            siteCode: siteParam(request),
            limits: LIMITS,
            hasPhone: Boolean(account.phone),
            hasEmail: Boolean(account.email),
          }),
        status,
      );
    };

    scope.get('/user/messages/new', { schema: { hide: true }, preHandler: pageGuard }, async (request, reply) => {
      const citizen = citizenOf(request);
      const q = String((request.query as Record<string, unknown>).q ?? '').slice(0, LIMITS.bodyMax);
      const account = await citizens.accounts.account(citizen.citizenId);
      return submitPage(
        request,
        reply,
        citizen,
        {
          category: '咨询',
          title: q.slice(0, LIMITS.titleMax),
          body: q,
          publishConsent: true,
          contactPreference: account.phone ? 'sms' : account.email ? 'email' : 'none',
        },
        null,
      );
    });

    scope.post('/user/messages/new', citizenForm, async (request, reply) => {
      const citizen = await signedIn(request);
      if (!citizen) return redirect(reply, loginRedirect(request));
      citizen.actor = { ...citizen.actor, ip: request.ip };
      const fields: Form = {};
      const files: { name: string; bytes: Buffer }[] = [];
      let values: MessageFormValues = {
        category: '',
        title: '',
        body: '',
        publishConsent: false,
        contactPreference: 'none',
      };
      try {
        if (!request.isMultipart()) throw new AppError('CITIZEN_FORM_EXPIRED');
        for await (const part of request.parts({
          limits: { files: LIMITS.attachments + 1, fields: 20, fileSize: LIMITS.attachmentMb * 1024 * 1024 },
        })) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            if (part.file.truncated)
              throw new AppError('MESSAGE_ATTACHMENT_LIMIT', { max: LIMITS.attachments, size: LIMITS.attachmentMb });
            if (part.filename && bytes.length > 0) files.push({ name: part.filename, bytes });
          } else if (!(part.fieldname in fields)) fields[part.fieldname] = String(part.value ?? '');
        }
        values = {
          category: fields.category ?? '',
          title: fields.title ?? '',
          body: fields.body ?? '',
          publishConsent: fields.publishConsent === '1',
          contactPreference: ['sms', 'email', 'none'].includes(fields.contactPreference ?? '')
            ? fields.contactPreference!
            : 'none',
        };
        if (fields._csrf !== citizen.csrfToken) throw new AppError('CITIZEN_FORM_EXPIRED');
        if (files.length > LIMITS.attachments)
          throw new AppError('MESSAGE_ATTACHMENT_LIMIT', { max: LIMITS.attachments, size: LIMITS.attachmentMb });
        const site = await siteOf(request);
        if (!site) throw new AppError('MESSAGE_BOARD_CLOSED');
        const submitted = await interaction.messages.submitForm(citizen, site.id, values, files, {
          idempotencyKey: fields.idempotencyKey ?? '',
          ip: request.ip,
        });
        return redirect(reply, `/user/messages/${submitted.id}?created=1`);
      } catch (error) {
        return submitPage(request, reply, citizen, values, messageOf(error), statusOf(error));
      }
    });

    // ───── my message ─────
    scope.get(
      '/user/messages/:id',
      { schema: { hide: true, params: Id }, preHandler: pageGuard },
      async (request, reply) => {
        const citizen = citizenOf(request);
        const { id } = request.params as { id: number };
        const created = (request.query as Record<string, unknown>).created === '1';
        try {
          const m = await interaction.messages.mine(citizen.citizenId, id);
          return send(request, reply, (view) =>
            createElement(MyMessagePage, { view, assets: assetUrls(), csrf: citizen.csrfToken, m, created }),
          );
        } catch (error) {
          return send(
            request,
            reply,
            (view) => createElement(MessageErrorPage, { view, message: messageOf(error), assets: assetUrls() }),
            statusOf(error),
          );
        }
      },
    );

    for (const action of ['rating', 'second'] as const) {
      scope.post(
        `/user/messages/:id/${action}`,
        { schema: { hide: true, params: Id, body: FormBody }, preHandler: pageGuard },
        async (request, reply) => {
          const citizen = citizenOf(request);
          const { id } = request.params as { id: number };
          const form = request.body as Form;
          try {
            if (action === 'rating')
              await interaction.replies.rate(citizen.citizenId, id, form.rating ?? '', form.comment ?? '');
            else await interaction.replies.askSecond(citizen.citizenId, id, form.reason ?? '');
            return redirect(reply, `/user/messages/${id}`);
          } catch (error) {
            const m = await interaction.messages.mine(citizen.citizenId, id).catch(() => null);
            if (!m) throw error;
            return send(
              request,
              reply,
              (view) =>
                createElement(MyMessagePage, {
                  view,
                  assets: assetUrls(),
                  csrf: citizen.csrfToken,
                  m,
                  created: false,
                  message: messageOf(error),
                }),
              statusOf(error),
            );
          }
        },
      );
    }

    // ───── 网站纠错 ─────
    const jiucuoPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: { pageUrl: string; description: string },
      extra: { message?: PageMessage | null; done?: { trackingNo: string; held: boolean } | null; status?: number },
    ) => {
      const citizen = await signedIn(request);
      const csrf = citizen ? citizen.csrfToken : await formToken(request, reply);
      return send(
        request,
        reply,
        (view) =>
          createElement(JiucuoPage, {
            view,
            assets: assetUrls(),
            csrf,
            message: extra.message ?? null,
            pageUrl: values.pageUrl,
            description: values.description,
            idempotencyKey: newIdempotencyKey(),
            signedInAs: citizen?.displayName ?? null,
            siteCode: siteParam(request),
            done: extra.done ?? null,
          }),
        extra.status ?? 200,
      );
    };

    scope.get('/user/jiucuo', hidden, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const referer = String(request.headers.referer ?? '');
      const fromReferer = (() => {
        try {
          const url = new URL(referer);
          return url.host === request.host ? `${url.pathname}${url.search}` : '';
        } catch {
          return '';
        }
      })();
      const pageUrl = localPath(query.url) ?? (fromReferer.startsWith('/user/') ? '' : fromReferer);
      return jiucuoPage(request, reply, { pageUrl, description: '' }, {});
    });

    scope.post('/user/jiucuo', withBody, async (request, reply) => {
      const form = request.body as Form;
      const values = { pageUrl: (form.pageUrl ?? '').trim(), description: form.description ?? '' };
      try {
        const site = await siteOf(request);
        if (!site) throw new AppError('MESSAGE_BOARD_CLOSED');
        const citizen = await signedIn(request);
        let result: { trackingNo: string; held: boolean };
        const input = { ...values, idempotencyKey: form.idempotencyKey ?? '' };
        if (citizen) {
          if (form._csrf !== citizen.csrfToken) throw new AppError('CITIZEN_FORM_EXPIRED');
          citizen.actor = { ...citizen.actor, ip: request.ip };
          result = await interaction.errorReports.report(site.id, input, { citizen });
        } else {
          const cookie = request.cookies[FORM_COOKIE];
          const expected = cookie ? (await citizens.keys.cipher()).sign('form', cookie) : null;
          if (!expected || form._csrf !== expected) throw new AppError('CITIZEN_FORM_EXPIRED');
          const check = await citizens.challenge.checkForm('jiucuo', request.ip, form.altcha);
          const owner = createHash('sha256').update(cookie!).digest('hex').slice(0, 40);
          result = await interaction.errorReports.report(site.id, input, {
            anonymous: { owner, held: check.holdForModeration, ip: request.ip },
          });
        }
        return jiucuoPage(request, reply, { pageUrl: values.pageUrl, description: '' }, { done: result });
      } catch (error) {
        return jiucuoPage(request, reply, values, { message: messageOf(error), status: statusOf(error) });
      }
    });
  });
}
