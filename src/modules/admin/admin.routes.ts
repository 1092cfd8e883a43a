// Serves the built admin console (dist/admin) at /admin/, with index.html for client-side routes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';

export const ADMIN_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/admin');

// Ant Design injects its styles at run time, hence 'unsafe-inline' for styles only; scripts stay 'self'.
/** The console's pages and assets: files as they are built (HTML, scripts, styles, images), never JSON. */
const ConsoleFile = Type.String({ description: '管理后台页面或静态资源' });
const consoleSchema = {
  hide: true,
  response: { 200: ConsoleFile, 503: ConsoleFile },
};

const ADMIN_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export async function adminRoutes(app: App, _ctx: AppContext): Promise<void> {
  const indexFile = path.join(ADMIN_DIST, 'index.html');
  const built = fs.existsSync(indexFile);

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addHook('onSend', async (request, reply) => {
      reply.header('content-security-policy', ADMIN_CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
      reply.header('x-frame-options', 'DENY');
      if (request.url.startsWith('/admin/assets/'))
        reply.header('cache-control', 'public, max-age=31536000, immutable');
      else reply.header('cache-control', 'no-store');
    });
    if (built) {
      await scope.register(fastifyStatic, { root: ADMIN_DIST, prefix: '/admin/', index: false, wildcard: false });
    }
    const sendIndex = async (reply: FastifyReply) => {
      if (!built) {
        return reply
          .type('text/html; charset=utf-8')
          .status(503)
          .send(
            '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>管理后台未构建</title><p>管理后台尚未构建，请运行 <code>npm run build:admin</code>。</p></html>',
          );
      }
      return reply.type('text/html; charset=utf-8').send(fs.createReadStream(indexFile));
    };
    scope.get('/admin', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/admin/'));
    scope.get('/admin/', { schema: consoleSchema }, async (_request, reply) => sendIndex(reply));
    scope.get(
      '/admin/*',
      { schema: { ...consoleSchema, params: Type.Object({ '*': Type.String() }) } },
      async (request, reply) => {
        const rel = request.params['*'];
        const file = path.join(ADMIN_DIST, rel);
        if (built && rel && file.startsWith(ADMIN_DIST) && fs.existsSync(file) && fs.statSync(file).isFile())
          return reply.sendFile(rel);
        return sendIndex(reply);
      },
    );
  });
}
