// Authentication, CSRF and capability checks for staff routes, as Fastify preHandlers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { can, type Capability } from './roles.ts';
import type { AuthContext, AuthService } from '../../modules/auth/auth.service.ts';
import type { AuditService } from '../audit/audit.service.ts';

export const SESSION_COOKIE = 'gp_session';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * Sent by the admin console's background polls (counts, reminders): the session is checked as usual but the
 * request does not refresh its idle timer, so a console left open still times out. Honoured on reads only.
 */
export const POLL_HEADER = 'x-govportal-poll';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export interface GuardOptions {
  capability?: Capability;
  /** Allowed while the password must still be changed (me, logout, change password). */
  allowPendingPassword?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function makeGuard(auth: AuthService, audit: AuditService) {
  return function guard(options: GuardOptions = {}) {
    return async function preHandler(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError('UNAUTHENTICATED');
      const poll = SAFE_METHODS.has(request.method) && request.headers[POLL_HEADER] === '1';
      const ctx = await auth.authenticate(token, { touch: !poll });
      ctx.actor = { ...ctx.actor, ip: request.ip };
      request.auth = ctx;
      // Cookie-authenticated writes must echo the session's CSRF token (double submit via header).
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== ctx.csrfToken) {
        throw new AppError('CSRF_FAILED');
      }
      if ((ctx.mustChangePassword || ctx.passwordExpired) && !options.allowPendingPassword) {
        throw new AppError('PASSWORD_CHANGE_REQUIRED');
      }
      if (options.capability && !can(ctx.grants, options.capability)) {
        await audit.recordAlone(ctx.actor, {
          action: 'access.denied',
          targetType: 'route',
          targetId: `${request.method} ${request.routeOptions.url}`,
          outcome: 'failure',
          detail: { capability: options.capability },
        });
        throw new AppError('FORBIDDEN');
      }
    };
  };
}

export type Guard = ReturnType<typeof makeGuard>;

/** The authenticated staff member; only call behind a guard. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return request.auth;
}

/** Refuses when the staff member's capability does not extend to this site. */
export function requireOnSite(request: FastifyRequest, capability: Capability, siteId: number): AuthContext {
  const ctx = authOf(request);
  if (!can(ctx.grants, capability, siteId)) throw new AppError('FORBIDDEN');
  return ctx;
}
