import multipart from '@fastify/multipart';
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { Binary, SiteParams, errors } from '../../platform/http.ts';
import { SESSION_COOKIE, requireOnSite } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { MAX_UPLOAD_BYTES, servedInline } from '../../platform/files/upload-policy.ts';
import type { AppContext } from '../../context.ts';
import { FileParams, FileView } from './files.schema.ts';

export async function filesRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, files, auth } = ctx;
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });

  app.post(
    '/api/sites/:siteId/files',
    {
      schema: {
        tags: ['文件'],
        summary: '上传图片或附件（按文件内容判定类型）',
        params: SiteParams,
        consumes: ['multipart/form-data'],
        response: { 200: FileView, ...errors(400, 401, 403, 413, 415) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'content.write', request.params.siteId);
      const part = await request.file();
      if (!part) throw new AppError('NO_FILE_RECEIVED');
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return files.upload(a.actor, request.params.siteId, bytes, part.filename);
    },
  );

  // Public for files of published items; staff of the site may also open their drafts' files.
  app.get(
    '/files/:id/:name',
    {
      schema: {
        hide: true,
        params: FileParams,
        // 404 is the public site's not-found page, for a file that is not there or not public.
        response: { 200: Binary, 404: Type.String({ description: '页面不存在' }), ...errors(400) },
      },
    },
    async (request, reply) => {
      const found = await files.lookup(request.params.id);
      if (!found) return reply.callNotFound();
      const { file } = found;
      let allowed = found.published;
      const token = request.cookies[SESSION_COOKIE];
      if (!allowed && token) {
        const staff = await auth.authenticate(token).catch(() => null);
        allowed = !!staff && staff.grants.some((g) => g.siteId === null || g.siteId === file.site_id);
      }
      if (!allowed) return reply.callNotFound();
      const bytes = await files.read(file);
      const inline = servedInline(file, bytes);
      reply.header('content-type', file.mime);
      reply.header('content-length', file.size);
      reply.header('x-content-type-options', 'nosniff');
      // A draft's file shown to staff must not stay in a shared cache.
      reply.header('cache-control', found.published ? 'public, max-age=86400' : 'private, no-store');
      reply.header('etag', `"${file.sha256}"`);
      reply.header(
        'content-disposition',
        `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.original_name)}`,
      );
      return reply.send(bytes);
    },
  );
}
