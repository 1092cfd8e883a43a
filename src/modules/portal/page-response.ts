// The headers of a public page's response, in one place for both ways a page leaves the server: the Fastify
// route (portal.routes.ts) and the front door for cached pages (front-door.ts), so both answer alike.
import type { CachedPage } from './portal-cache.ts';
import { etagFor, isCompressible, type Encoding } from './compression.ts';
import { etagMatches } from './portal-cache.ts';

/** Only what the public site needs: no camera, microphone, location, payment or USB; no FLoC-style cohorts. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
  };
}

export interface PageHeaderOptions {
  csp: string;
  cacheControl?: string;
  vary?: string[];
}

/**
 * What every answer for the page carries, 200 or 304: security headers, the validator of this representation,
 * Cache-Control, Vary and Last-Modified. A 200 adds Content-Type, Content-Encoding and Content-Length.
 */
export function validatorHeaders(
  page: CachedPage,
  encoding: Encoding | null,
  options: PageHeaderOptions,
): Record<string, string> {
  const vary = [...(options.vary ?? ['Cookie']), ...(isCompressible(page) ? ['Accept-Encoding'] : [])];
  return {
    ...securityHeaders(options.csp),
    etag: etagFor(page.etag, encoding),
    'cache-control': options.cacheControl ?? 'no-cache',
    vary: vary.join(', '),
    ...(page.lastModified ? { 'last-modified': page.lastModified.toUTCString() } : {}),
  };
}

/** True when If-Modified-Since (ignored when If-None-Match is present, RFC 9110 §13.1.3) covers the page. */
export function notModifiedSince(
  ifModifiedSince: string | undefined,
  ifNoneMatch: string | undefined,
  lastModified: Date | undefined,
): boolean {
  if (!lastModified || !ifModifiedSince || ifNoneMatch !== undefined) return false;
  const t = Date.parse(ifModifiedSince);
  return Number.isFinite(t) && lastModified.getTime() <= t;
}

/** 304 for a 200 page whose validator the request names; any representation validates (they differ only in coding). */
export function isNotModified(
  page: CachedPage,
  representationEtag: string,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (page.status !== 200) return false;
  return (
    etagMatches(ifNoneMatch, representationEtag) ||
    etagMatches(ifNoneMatch, page.etag) ||
    notModifiedSince(ifModifiedSince, ifNoneMatch, page.lastModified)
  );
}
