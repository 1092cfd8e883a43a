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
import { ping } from './platform/db/database.ts';
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
import { reviewRoutes } from './modules/review/review.routes.ts';
import { dutyRoutes } from './modules/duty/duty.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { inspectionRoutes } from './modules/inspection/inspection.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { citizensRoutes } from './modules/citizens/citizens.routes.ts';
import { participationRoutes } from './modules/participation/participation.routes.ts';

export interface BuildOptions {
  logger?: boolean;
}

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
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('auth', null);
  for (const schema of [ErrorResponse, SiteView, DepartmentView, ColumnNodeSchema, UserView, MeView])
    app.addSchema(schema);

  await app.register(cookie);
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
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) return reply.status(error.status).send(error.toBody());
    if (error.validation) {
      const { message, fields } = validationMessage(error.validation, error.validationContext);
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message, details: { fields } } });
    }
    if (error.statusCode === 413) return reply.status(413).send(new AppError('PAYLOAD_TOO_LARGE').toBody());
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'BAD_REQUEST', message: '请求无法处理' } });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(new AppError('INTERNAL').toBody());
  });

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['运行'],
        summary: '健康检查',
        response: {
          200: Type.Object({ status: Type.String(), dialect: Type.String(), time: Type.String() }),
          503: Type.Object({ status: Type.String(), dialect: Type.String(), time: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      const time = new Date().toISOString();
      try {
        await ping(ctx.db);
        return { status: 'ok', dialect: ctx.dbh.dialect, time };
      } catch {
        return reply.status(503).send({ status: 'database-unavailable', dialect: ctx.dbh.dialect, time });
      }
    },
  );

  for (const routes of [
    authRoutes,
    sitesRoutes,
    departmentsRoutes,
    columnsRoutes,
    usersRoutes,
    securityRoutes,
    auditRoutes,
    filesRoutes,
    contentRoutes,
    reviewRoutes,
    dutyRoutes,
    searchRoutes,
    inspectionRoutes,
    statsRoutes,
    calendarRoutes,
    citizensRoutes,
    participationRoutes,
    adminRoutes,
    portalRoutes,
  ]) {
    await routes(app, ctx);
  }
  return app;
}
