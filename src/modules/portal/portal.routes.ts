// The public site: server-rendered pages for every site of the cluster, its static assets, the care-mode
// switch and the 404 handling of the whole application. Page composition lives in PortalService.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { etagMatches, type CachedPage } from './portal-cache.ts';
import { CARE_COOKIE, PORTAL_CSP, PortalService, type PageResult, type PortalOptions, type PortalRequest } from './portal.service.ts';
import { localPath } from './site-resolver.ts';
import { encodedBody, etagFor, isCompressible, negotiate } from './compression.ts';
import { registerSearchPage } from '../search/search.page.tsx';

const YEAR_SECONDS = 365 * 24 * 60 * 60;
const hidden = { schema: { hide: true } };

function portalRequest(request: FastifyRequest): PortalRequest {
  return { host: request.host, protocol: request.protocol, url: request.url, care: request.cookies[CARE_COOKIE] === '1' };
}

/** Only what the public site needs: no camera, microphone, location, payment or USB; no FLoC-style cohorts. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

function securityHeaders(reply: FastifyReply, csp: string): FastifyReply {
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .header('permissions-policy', PERMISSIONS_POLICY)
    .header('cross-origin-opener-policy', 'same-origin');
}

/** True when If-Modified-Since (ignored when If-None-Match is present, RFC 9110 §13.1.3) covers the page. */
function notModifiedSince(request: FastifyRequest, lastModified: Date | undefined): boolean {
  const since = request.headers['if-modified-since'];
  if (!lastModified || !since || request.headers['if-none-match'] !== undefined) return false;
  const t = Date.parse(since);
  return Number.isFinite(t) && lastModified.getTime() <= t;
}

/**
 * Sends a rendered page: validators (ETag, Last-Modified), the given Cache-Control, 304 for a matching
 * If-None-Match or If-Modified-Since, and the body compressed with br or gzip when the client accepts it (each
 * variant made once per cached page).
 */
async function sendPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage, csp: string, cacheControl = 'no-cache', vary = ['Cookie']) {
  const compressible = isCompressible(page);
  const encoding = compressible ? negotiate(request.headers['accept-encoding']) : null;
  const etag = etagFor(page.etag, encoding);
  securityHeaders(reply, csp)
    .header('etag', etag)
    .header('cache-control', cacheControl)
    .header('vary', [...vary, ...(compressible ? ['Accept-Encoding'] : [])].join(', '));
  if (page.lastModified) reply.header('last-modified', page.lastModified.toUTCString());
  if (page.status === 200) {
    const inm = request.headers['if-none-match'];
    // Any representation of the same page validates: they differ only in their transfer coding.
    if (etagMatches(inm, etag) || etagMatches(inm, page.etag) || notModifiedSince(request, page.lastModified)) return reply.status(304).send();
  }
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

const NO_SITE_HTML = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>网站建设中</title></head><body><main><h1>网站建设中</h1><p>网站尚未完成设置，请稍后访问。</p></main></body></html>';

export async function portalRoutes(app: App, ctx: AppContext, options: PortalOptions = {}): Promise<void> {
  const portal = new PortalService(ctx, options);
  // The search module's results page replaces the shell's /search placeholder.
  if (ctx.search) registerSearchPage(portal, ctx.search);
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
    return sendPage(request, reply, asset.page, PORTAL_CSP, 'public, max-age=31536000, immutable', []);
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
