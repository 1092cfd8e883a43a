// The public site: server-rendered pages for every site of the cluster, its static assets, the care-mode
// switch and the 404 handling of the whole application. Page composition lives in PortalService.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import type { CachedPage } from './portal-cache.ts';
import {
  CARE_COOKIE,
  PORTAL_CSP,
  PortalService,
  type CacheEntryRef,
  type PageResult,
  type PortalOptions,
  type PortalRequest,
} from './portal.service.ts';
import { FrontDoor, frontDoors } from './front-door.ts';
import { localPath } from './site-resolver.ts';
import { encodedBody, isCompressible, negotiate } from './compression.ts';
import { isNotModified, securityHeaders, validatorHeaders } from './page-response.ts';
import { citizenPageRoutes } from '../citizens/citizens.pages.routes.ts';
import { interactionPageRoutes } from '../interaction/interaction.pages.routes.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';
import { SESSION_COOKIE } from '../../platform/auth/guard.ts';
import { CITIZEN_COOKIE } from '../citizens/citizen-auth.service.ts';
import { serviceCitizenPages } from '../services/services.citizen-pages.tsx';

const YEAR_SECONDS = 365 * 24 * 60 * 60;
/** Public pages and files are not JSON: their bodies are sent as they are (HTML, XML, CSS, images …). */
const Body = Type.Unsafe<Buffer | string>(Type.String({ format: 'binary', description: '页面或文件内容' }));
const Redirect = Type.Null({ description: '跳转（Location）' });
const NotModified = Type.Null({ description: '未修改（ETag / Last-Modified）' });
const pageResponses = { 200: Body, 301: Redirect, 302: Redirect, 304: NotModified, 404: Body, 503: Body };
const hidden = { config: PUBLIC_ROUTE, schema: { hide: true, response: pageResponses } };
const FileParams = Type.Object({ file: Type.String() });
const ToggleQuery = Type.Object({ back: Type.Optional(Type.String()) });

function portalRequest(request: FastifyRequest): PortalRequest {
  return {
    host: request.host,
    protocol: request.protocol,
    url: request.url,
    care: request.cookies[CARE_COOKIE] === '1',
    personal: request.cookies[SESSION_COOKIE] !== undefined || request.cookies[CITIZEN_COOKIE] !== undefined,
  };
}

export { PERMISSIONS_POLICY } from './page-response.ts';

function withSecurityHeaders(reply: FastifyReply, csp: string): FastifyReply {
  return reply.headers(securityHeaders(csp));
}

/**
 * Sends a rendered page: validators (ETag, Last-Modified), the given Cache-Control, 304 for a matching
 * If-None-Match or If-Modified-Since, and the body compressed with br or gzip when the client accepts it (each
 * variant made once per cached page). The front door (front-door.ts) answers the same way for cached pages.
 */
async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: CachedPage,
  csp: string,
  cacheControl = 'no-cache',
  vary = ['Cookie'],
) {
  const encoding = isCompressible(page) ? negotiate(request.headers['accept-encoding']) : null;
  const options = { csp, cacheControl, vary };
  const headers = validatorHeaders(page, encoding, options);
  reply.headers(headers);
  if (isNotModified(page, headers.etag!, request.headers['if-none-match'], request.headers['if-modified-since']))
    return reply.status(304).send();
  reply.status(page.status).type(page.contentType);
  if (encoding) {
    try {
      const body = await encodedBody(page, encoding);
      return reply.header('content-encoding', encoding).send(body);
    } catch {
      reply.header('etag', page.etag);
    }
  }
  return reply.send(page.body);
}

const NO_SITE_HTML =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>网站建设中</title></head><body><main><h1>网站建设中</h1><p>网站尚未完成设置，请稍后访问。</p></main></body></html>';

export async function portalRoutes(app: App, ctx: AppContext, options: PortalOptions = {}): Promise<void> {
  const portal = new PortalService(ctx, options);
  // Modules' own pages (forms, personal records) are laid out in the site the request's host and path belong to.
  ctx.portal.setViewResolver(async ({ host, path, care }) => {
    const match = await portal.resolve(host, path);
    if (!match || match.redirect !== undefined) return null;
    const model = await portal.model(match.site.id);
    return { siteId: match.site.id, path: match.path, view: portal.viewContext(match.site, model, match, care) };
  });
  await citizenPageRoutes(app, ctx, portal);
  await interactionPageRoutes(app, ctx, portal);
  await serviceCitizenPages(app, ctx, portal);
  portal.watch();

  const send = async (request: FastifyRequest, reply: FastifyReply, result: PageResult) => {
    switch (result.type) {
      case 'page':
        return sendPage(request, reply, result.page, result.csp);
      case 'redirect':
        return withSecurityHeaders(reply, PORTAL_CSP).redirect(result.location, result.status);
      case 'not-found':
        return reply.callNotFound();
      case 'no-site':
        return withSecurityHeaders(reply, PORTAL_CSP)
          .status(503)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(NO_SITE_HTML);
    }
  };

  app.get(
    '/assets/:file',
    { config: PUBLIC_ROUTE, schema: { ...hidden.schema, params: FileParams } },
    async (request, reply) => {
      const asset = portal.assets.file(request.params.file);
      if (!asset) return reply.callNotFound();
      return sendPage(request, reply, asset.page, PORTAL_CSP, 'public, max-age=31536000, immutable', []);
    },
  );

  app.get('/favicon.ico', hidden, async (_request, reply) =>
    withSecurityHeaders(reply, PORTAL_CSP).redirect(portal.assets.url('favicon.svg'), 301),
  );

  // 长者模式 switch: works without JavaScript; returns to the page it was clicked on (local paths only).
  app.get(
    '/accessibility/toggle',
    { config: PUBLIC_ROUTE, schema: { ...hidden.schema, querystring: ToggleQuery } },
    async (request, reply) => {
      const on = request.cookies[CARE_COOKIE] !== '1';
      reply.setCookie(CARE_COOKIE, on ? '1' : '0', {
        path: '/',
        maxAge: YEAR_SECONDS,
        sameSite: 'lax',
        httpOnly: true,
        secure: ctx.config.secureCookies,
      });
      const back = localPath(request.query.back);
      const location = back && !back.startsWith('/accessibility/') ? back : '/';
      return withSecurityHeaders(reply, PORTAL_CSP).header('cache-control', 'no-store').redirect(location, 302);
    },
  );

  // Cached pages are answered before Fastify from then on (front-door.ts); app.inject never reaches it.
  const front = new FrontDoor(portal, {
    stats: ctx.stats,
    trustProxy: ctx.config.trustProxy,
    log: app.log,
    sites: () => ctx.sites.list(),
  });
  if (front.install(app.server)) frontDoors.set(app, front);
  app.addHook('preClose', async () => front.close());
  ctx.sites.onChange(() => front.clear());

  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const req = portalRequest(request);
    let hit: CacheEntryRef | undefined;
    const result = await portal.handle(req, (ref) => {
      hit = ref;
    });
    // Remembered only when the result is the cache entry itself (not a redirect or 404 decided around it).
    if (hit && request.method === 'GET' && result.type === 'page' && (await hit.entry.catch(() => null)) === result)
      front.remember(req, hit, result.page, result.csp);
    return send(request, reply, result);
  };
  app.get('/', hidden, page);
  app.get('/*', hidden, page);

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/')) return reply.status(404).send(new AppError('NOT_FOUND').toBody());
    const notFound = await portal.notFound(portalRequest(request));
    if (!notFound) return send(request, reply, { type: 'no-site' });
    return sendPage(request, reply, notFound.page, notFound.csp);
  });
}
