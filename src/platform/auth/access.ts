// Who may call a route, declared next to the route: a staff route by its guard (`guard({ capability, anyOf,
// scope })`), a citizen route by the citizens' guard, anything else by `config: { access: 'public' }`. The app
// collects every route's declaration into a route table (app.ts), and the authorization matrix test
// (access-matrix.http.test.ts) calls every registered route as every role and checks the declared outcome, so a
// route without a declaration, or whose declaration is not enforced, fails the build.
import type { FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors.ts';
import type { AuthContext } from '../../modules/auth/auth.service.ts';
import { can, type Capability } from './roles.ts';

/**
 * An object-level rule a staff route applies after the capability: `site` (the capability must extend to the
 * `:siteId` in the path); `content.read` (need-to-know for the item `:id`) and `content.write` (writes in the
 * column of the item `:id`), rules the content module registers.
 */
export type AccessScope = 'site' | 'content.read' | 'content.write';

export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'citizen' }
  | {
      kind: 'staff';
      /** The capability the route needs; with `anyOf`, any one of them; neither: every signed-in staff member. */
      capability?: Capability;
      anyOf?: readonly Capability[];
      scope?: AccessScope;
    };

export interface RouteEntry {
  method: string;
  url: string;
  /** null: nothing declared (the matrix test fails). */
  access: RouteAccess | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes without a guard declare who may call them. */
    access?: 'public';
  }
  interface FastifyInstance {
    /** Every registered route with its declared access (app.ts). */
    routeTable: RouteEntry[];
  }
}

/** `config` of a route anyone may call (no staff or citizen session involved in the decision). */
export const PUBLIC_ROUTE = { access: 'public' } as const;
export const PUBLIC_ACCESS: RouteAccess = { kind: 'public' };

const ACCESS = Symbol('govportal.access');

/** Marks a preHandler with the access it enforces (guards do this themselves). */
export function declareAccess<T extends object>(handler: T, access: RouteAccess): T {
  return Object.assign(handler, { [ACCESS]: access });
}

export function accessOf(handler: unknown): RouteAccess | null {
  return (handler as { [ACCESS]?: RouteAccess } | null)?.[ACCESS] ?? null;
}

/**
 * Moves a route's staff or citizen guard from preHandler to the front of preValidation: a caller without the
 * right is refused before the request is validated, and so learns nothing about the route from validation errors.
 */
export function runGuardFirst(route: Pick<RouteOptions, 'preHandler' | 'preValidation'>): void {
  const handlers = [route.preHandler ?? []].flat();
  const guards = handlers.filter((h) => ['staff', 'citizen'].includes(accessOf(h)?.kind ?? ''));
  if (guards.length === 0) return;
  route.preHandler = handlers.filter((h) => !guards.includes(h));
  route.preValidation = [...guards, ...[route.preValidation ?? []].flat()] as RouteOptions['preValidation'];
}

/** What a route declares: its guard's access, or `config.access`; null when it declares nothing. */
export function routeAccess(route: Pick<RouteOptions, 'preHandler' | 'preValidation' | 'config'>): RouteAccess | null {
  for (const handler of [route.preValidation ?? [], route.preHandler ?? []].flat()) {
    const declared = accessOf(handler);
    if (declared) return declared;
  }
  const config = route.config as { access?: 'public' } | undefined;
  return config?.access === 'public' ? { kind: 'public' } : null;
}

type ScopeRule = (auth: AuthContext, params: Record<string, string>) => Promise<void>;

/** The object-level rules of `scope`: `site` here, the others registered by the modules that own the objects. */
export class AccessScopes {
  private readonly rules = new Map<AccessScope, ScopeRule>();

  register(scope: Exclude<AccessScope, 'site'>, rule: ScopeRule): void {
    this.rules.set(scope, rule);
  }

  async check(
    scope: AccessScope,
    capabilities: readonly Capability[],
    auth: AuthContext,
    request: FastifyRequest,
  ): Promise<void> {
    const params = (request.params ?? {}) as Record<string, string>;
    if (scope === 'site') return checkSite(auth, capabilities, params);
    const rule = this.rules.get(scope);
    if (!rule) throw new Error(`no rule registered for access scope ${scope}`);
    await rule(auth, params);
  }
}

/** The capability (any of them; with none, any role) must extend to the site in the path. */
function checkSite(auth: AuthContext, capabilities: readonly Capability[], params: Record<string, string>): void {
  const siteId = Number(params.siteId);
  if (!Number.isInteger(siteId)) return; // the schema answers 400
  const allowed = capabilities.length
    ? capabilities.some((c) => can(auth.grants, c, siteId))
    : auth.grants.some((g) => g.siteId === null || g.siteId === siteId);
  if (!allowed) throw new AppError('FORBIDDEN');
}
