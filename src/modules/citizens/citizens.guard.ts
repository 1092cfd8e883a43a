// citizenGuard(): the preHandler of every citizen route and page. It resolves the gp_citizen cookie to the
// citizen (request.citizen), refuses or redirects to the login page when there is none, and checks CSRF on writes:
// the X-CSRF-Token header (JSON) or the _csrf form field (pages) must equal the session's token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { CITIZEN_COOKIE, type CitizenAuth, type CitizenContext } from './citizen-auth.service.ts';
import { declareAccess } from '../../platform/auth/access.ts';

declare module 'fastify' {
  interface FastifyRequest {
    citizen: CitizenContext | null;
  }
}

export const CSRF_FIELD = '_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CitizenGuardOptions {
  /** A page: a visitor who is not signed in is sent to the login page and back afterwards. */
  page?: boolean;
}

/** `/user/login?back=<this page>`. */
export const loginRedirect = (request: FastifyRequest) =>
  `/user/login?back=${encodeURIComponent(request.url.startsWith('/') ? request.url : '/user/')}`;

export function makeCitizenGuard(auth: CitizenAuth) {
  return function citizenGuard(options: CitizenGuardOptions = {}) {
    // Declared for the route table (access.ts): the authorization matrix checks staff roles make no difference.
    return declareAccess(async function preHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const citizen = await auth.authenticate(request.cookies[CITIZEN_COOKIE]);
      if (!citizen) {
        if (options.page && SAFE.has(request.method)) {
          reply.header('cache-control', 'no-store').redirect(loginRedirect(request), 303);
          return reply;
        }
        throw new AppError('CITIZEN_UNAUTHENTICATED');
      }
      citizen.actor = { ...citizen.actor, ip: request.ip };
      request.citizen = citizen;
      if (!SAFE.has(request.method)) {
        const body = request.body as Record<string, unknown> | undefined;
        const token = request.headers['x-csrf-token'] ?? body?.[CSRF_FIELD];
        if (token !== citizen.csrfToken) throw new AppError('CITIZEN_FORM_EXPIRED');
      }
    }, CITIZEN_ACCESS);
  };
}

const CITIZEN_ACCESS = { kind: 'citizen' } as const;

export type CitizenGuard = ReturnType<typeof makeCitizenGuard>;

/** The signed-in citizen; only call behind citizenGuard(). */
export function citizenOf(request: FastifyRequest): CitizenContext {
  if (!request.citizen) throw new AppError('CITIZEN_UNAUTHENTICATED');
  return request.citizen;
}
