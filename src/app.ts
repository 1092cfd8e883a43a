// Builds the Fastify application: platform plugins, the JSON API, the admin console and the public site.
import Fastify, { type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from './context.ts';
import type { App } from './platform/http.ts';
import { ErrorResponse } from './platform/http.ts';
import { AppError } from './platform/errors.ts';
import { validationMessage } from './platform/validation-messages.ts';
import { HealthMonitor } from './platform/health.ts';
import { DiskFileStore } from './platform/files/file-store.ts';
import { clientErrorCode, clientErrorHandler, frameworkErrors, registerHttpGuards } from './platform/http-guards.ts';
import { sendUnavailable, unavailableCode } from './platform/unavailable.ts';
import { SiteView } from './modules/sites/sites.schema.ts';
import { DepartmentView } from './modules/departments/departments.schema.ts';
import { ColumnNodeSchema } from './modules/columns/columns.schema.ts';
import { MeView, UserView } from './modules/users/users.schema.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { sitesRoutes } from './modules/sites/sites.routes.ts';
import { departmentsRoutes } from './modules/departments/departments.routes.ts';
import { columnsRoutes } from './modules/columns/columns.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { securityRoutes } from './modules/security/security.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { filesRoutes } from './modules/files/files.routes.ts';
import { contentRoutes } from './modules/content/content.routes.ts';
import { editorRoutes } from './modules/content/editor.routes.ts';
import { reviewRoutingRoutes } from './modules/review/routing.routes.ts';
import { accessContactsRoutes } from './modules/users/contacts.routes.ts';
import { reviewRoutes } from './modules/review/review.routes.ts';
import { dutyRoutes } from './modules/duty/duty.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { inspectionRoutes } from './modules/inspection/inspection.routes.ts';
import { type RouteEntry, routeAccess, runGuardFirst } from './platform/auth/access.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { citizensRoutes } from './modules/citizens/citizens.routes.ts';
import { interactionRoutes } from './modules/interaction/interaction.routes.ts';
import { interactionAdminRoutes } from './modules/interaction/interaction-admin.routes.ts';
import { citizenInteractionRoutes } from './modules/interaction/citizen.routes.ts';
import { servicesRoutes } from './modules/services/services.routes.ts';
import { participationRoutes } from './modules/participation/participation.routes.ts';
import { datasetsRoutes } from './modules/datasets/datasets.routes.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { PUBLIC_ROUTE } from './platform/auth/access.ts';

export interface BuildOptions {
  logger?: boolean;
}

/** Each app's health monitor: server.ts answers /healthz from it before Fastify. */
export const appHealth = new WeakMap<object, HealthMonitor>();

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  dialect: Type.String(),
  time: Type.String(),
  problems: Type.Array(Type.Object({ code: Type.String(), message: Type.String() }), {
    description: '数据库无法访问、磁盘已满、数据目录只读等',
  }),
});

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            redact: [
              'req.headers.cookie',
              'req.headers.authorization',
              'req.headers["x-csrf-token"]',
              'res.headers["set-cookie"]',
            ],
          },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: false },
    clientErrorHandler,
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('auth', null);
  // Every route with the access it declares (access.ts), for the authorization matrix test and the API docs.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // The API documentation's own routes (registered by @fastify/swagger-ui below) are public.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    runGuardFirst(route);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      // Read when asked: hooks of an inner scope (e.g. the console's static files) may still declare it.
      routeTable.push({
        method,
        url: route.url,
        get access() {
          return routeAccess(route);
        },
      });
    }
  });
  for (const schema of [ErrorResponse, SiteView, DepartmentView, ColumnNodeSchema, UserView, MeView])
    app.addSchema(schema);

  await app.register(cookie);
  await registerHttpGuards(app, { secure: ctx.config.secureCookies, shedDelayMs: ctx.config.shedDelayMs });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'govportal API',
        description: '政府门户网站平台 JSON 接口。写操作须携带登录会话 Cookie 与 X-CSRF-Token 请求头。',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gp_session' } } },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    // The page's own scripts and styles only (hashes from the plugin), no third-party hosts, never framed.
    staticCSP: true,
    transformStaticCSP: (header) =>
      header
        .replace(/ validator\.swagger\.io/, '')
        .replace(/ https:/g, '')
        .replace(/ ?upgrade-insecure-requests;/, '')
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    // The database restarting, a full disk, a read-only data directory: 503 with the reason, never 500.
    const unavailable = unavailableCode(error);
    if (unavailable) {
      request.log.warn({ err: error }, 'service unavailable');
      return sendUnavailable(request, reply, unavailable);
    }
    if (error instanceof AppError) return reply.status(error.status).send(error.toBody());
    if (error.validation) {
      const { message, fields } = validationMessage(error.validation, error.validationContext);
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message, details: { fields } } });
    }
    const client = clientErrorCode(error);
    if (client) {
      const status = client === 'BAD_REQUEST' ? (error.statusCode ?? 400) : new AppError(client).status;
      return reply.status(status).send(new AppError(client).toBody());
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(new AppError('INTERNAL').toBody());
  });

  const health = new HealthMonitor({
    db: ctx.db,
    dialect: ctx.dbh.dialect,
    dataDirs: [
      ...(ctx.dbh.dialect === 'sqlite' ? [ctx.config.dataDir] : []),
      ...(ctx.fileStore instanceof DiskFileStore ? [ctx.fileStore.root] : []),
    ],
  });
  appHealth.set(app, health);
  app.addHook('onClose', async () => health.stop());
  app.get(
    '/healthz',
    {
      config: PUBLIC_ROUTE,
      schema: {
        tags: ['运行'],
        summary: '健康检查：数据库、磁盘空间与数据目录可写（有问题时 503 并说明）',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const report = await health.report();
      return reply.status(report.status === 'ok' ? 200 : 503).send(report);
    },
  );

  for (const routes of [
    authRoutes,
    sitesRoutes,
    departmentsRoutes,
    columnsRoutes,
    usersRoutes,
    accessContactsRoutes,
    securityRoutes,
    auditRoutes,
    filesRoutes,
    contentRoutes,
    editorRoutes,
    reviewRoutes,
    reviewRoutingRoutes,
    dutyRoutes,
    searchRoutes,
    inspectionRoutes,
    statsRoutes,
    calendarRoutes,
    citizensRoutes,
    interactionRoutes,
    interactionAdminRoutes,
    citizenInteractionRoutes,
    servicesRoutes,
    participationRoutes,
    datasetsRoutes,
    supervisionRoutes,
    adminRoutes,
    portalRoutes,
  ]) {
    await routes(app, ctx);
  }
  return app;
}
