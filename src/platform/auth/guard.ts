// Authentication, CSRF and capability checks for staff routes, as Fastify preHandlers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { can, type Capability } from './roles.ts';
import { AccessScopes, declareAccess, type AccessScope } from './access.ts';
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

/**
 * Who may call a staff route: `capability` (or any one of `anyOf`; neither: every signed-in staff member), then
 * the object-level `scope` rule. The guard runs before the request is validated (app.ts moves it), so a caller
 * without the right learns nothing from validation errors; the declaration is also what the authorization matrix
 * test checks.
 */
export interface GuardOptions {
  capability?: Capability;
  anyOf?: readonly Capability[];
  scope?: AccessScope;
  /** Allowed while the password must still be changed (me, logout, change password). */
  allowPendingPassword?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function makeGuard(auth: AuthService, audit: AuditService, scopes = new AccessScopes()) {
  // audit_log.target_id is varchar(64) (PostgreSQL enforces it): the full route goes into the detail.
  const denied = async (ctx: AuthContext, request: FastifyRequest, detail: Record<string, unknown>) => {
    const route = `${request.method} ${request.routeOptions.url}`;
    return audit.recordAlone(ctx.actor, {
      action: 'access.denied',
      targetType: 'route',
      targetId: route.length > 64 ? `${route.slice(0, 63)}…` : route,
      outcome: 'failure',
      detail: { route, ...detail },
    });
  };
  const guard = function guard(options: GuardOptions = {}) {
    const capabilities = options.capability ? [options.capability] : (options.anyOf ?? []);
    const preHandler = async function preHandler(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
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
      if (capabilities.length && !capabilities.some((c) => can(ctx.grants, c))) {
        await denied(ctx, request, { capability: capabilities.join('|') });
        throw new AppError('FORBIDDEN');
      }
      if (options.scope) {
        try {
          await scopes.check(options.scope, capabilities, ctx, request);
        } catch (error) {
          if (error instanceof AppError && error.status === 403)
            await denied(ctx, request, { scope: options.scope, reason: error.entry });
          throw error;
        }
      }
    };
    return declareAccess(preHandler, {
      kind: 'staff',
      capability: options.capability,
      anyOf: options.anyOf,
      scope: options.scope,
    });
  };
  /** Object-level rules of `scope`, registered by the modules that own the objects. */
  return Object.assign(guard, { scopes });
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
