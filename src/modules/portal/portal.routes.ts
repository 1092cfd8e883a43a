// The public site: server-rendered pages for every site of the cluster, its static assets, the care-mode
// switch and the 404 handling of the whole application. Page composition lives in PortalService.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { etagMatches, type CachedPage } from './portal-cache.ts';
import { CARE_COOKIE, PORTAL_CSP, PortalService, type PageResult, type PortalRequest } from './portal.service.ts';
import { localPath } from './site-resolver.ts';

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const hidden = { schema: { hide: true } };

function portalRequest(request: FastifyRequest): PortalRequest {
  return { host: request.host, protocol: request.protocol, url: request.url, care: request.cookies[CARE_COOKIE] === '1' };
}

function securityHeaders(reply: FastifyReply, csp: string): FastifyReply {
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin');
}

/** Sends a rendered page: validators, no-cache (always revalidate) and 304 for a matching If-None-Match. */
function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage, csp: string) {
  securityHeaders(reply, csp)
    .header('etag', page.etag)
    .header('cache-control', 'no-cache')
    .header('vary', 'Cookie');
  if (page.status === 200 && etagMatches(request.headers['if-none-match'], page.etag)) return reply.status(304).send();
  return reply.status(page.status).type(page.contentType).send(page.body);
}

const NO_SITE_HTML = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>网站建设中</title></head><body><main><h1>网站建设中</h1><p>网站尚未完成设置，请稍后访问。</p></main></body></html>';

export async function portalRoutes(app: App, ctx: AppContext): Promise<void> {
  const portal = new PortalService(ctx);
  portal.watch();

  const send = async (request: FastifyRequest, reply: FastifyReply, result: PageResult) => {
    switch (result.type) {
      case 'page':
        return sendPage(request, reply, result.page, result.csp);
      case 'redirect':
        return securityHeaders(reply, PORTAL_CSP).redirect(result.location, result.status);
      case 'not-found':
        return reply.callNotFound();
      case 'no-site':
        return securityHeaders(reply, PORTAL_CSP).status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NO_SITE_HTML);
    }
  };

  app.get('/assets/:file', hidden, async (request, reply) => {
    const asset = portal.assets.file((request.params as { file: string }).file);
    if (!asset) return reply.callNotFound();
    return securityHeaders(reply, PORTAL_CSP)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(asset.contentType)
      .send(asset.body);
  });

  app.get('/favicon.ico', hidden, async (_request, reply) =>
    securityHeaders(reply, PORTAL_CSP).redirect(portal.assets.url('favicon.svg'), 301));

  // 长者模式 switch: works without JavaScript; returns to the page it was clicked on (local paths only).
  app.get('/accessibility/toggle', hidden, async (request, reply) => {
    const on = request.cookies[CARE_COOKIE] !== '1';
    reply.setCookie(CARE_COOKIE, on ? '1' : '0', {
      path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax', httpOnly: true, secure: ctx.config.secureCookies,
    });
    const back = localPath((request.query as Record<string, unknown>).back);
    const location = back && !back.startsWith('/accessibility/') ? back : '/';
    return securityHeaders(reply, PORTAL_CSP).header('cache-control', 'no-store').redirect(location, 302);
  });

  const page = async (request: FastifyRequest, reply: FastifyReply) => send(request, reply, await portal.handle(portalRequest(request)));
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
