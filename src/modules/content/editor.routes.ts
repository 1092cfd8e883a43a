// The editor's helpers: the autosave slot of an item or of a site's new item, the live pre-publish check and
// the signed preview link with the page it opens (as the public will see it, never cached, staff only).
import type { FastifyReply } from 'fastify';
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { CheckReportSchema } from '../prepublish/prepublish.schema.ts';
import { PortalService } from '../portal/portal.service.ts';
import { renderPreview } from '../portal/preview.ts';
import { CONTENT_BODY_LIMIT } from './content.schema.ts';
import { ContentEditorService } from './editor.service.ts';
import {
  AutosaveBody,
  AutosaveSaved,
  AutosaveSlot,
  CheckDraft,
  PreviewLink,
  PreviewLinkBody,
  PreviewParams,
  PreviewQuery,
} from './editor.schema.ts';

/** A preview shows a draft: it must never be stored by a browser or a proxy, nor framed by another site. */
function previewHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-store, private')
    .header('pragma', 'no-cache')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'self'; form-action 'none'",
    );
}

export async function editorRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, content } = ctx;
  const editor = new ContentEditorService(ctx.db, ctx.clock, content, ctx.prepublish, ctx.sites);
  // Its own renderer: previews never touch the public page cache.
  let portal: PortalService | null = null;
  const tags = ['内容'];
  const large = { bodyLimit: CONTENT_BODY_LIMIT };

  app.get(
    '/api/content/:id/autosave',
    {
      schema: {
        tags,
        summary: '我对该信息的自动保存（崩溃或关闭页面后恢复）',
        params: IdParams,
        response: { 200: AutosaveSlot, ...errors(400, 401, 403, 404) },
      },
      preHandler: guard({ capability: 'content.write', scope: 'content.write' }),
    },
    async (request) => ({ autosave: await editor.autosaved(authOf(request), { contentId: request.params.id }) }),
  );

  app.put(
    '/api/content/:id/autosave',
    {
      schema: {
        tags,
        summary: '自动保存（覆盖我的自动保存槽，不产生新版本）',
        params: IdParams,
        body: AutosaveBody,
        response: { 200: AutosaveSaved, ...errors(400, 401, 403, 404, 409, 413) },
      },
      ...large,
      preHandler: guard({ capability: 'content.write', scope: 'content.write' }),
    },
    async (request) => editor.autosave(authOf(request), { contentId: request.params.id }, request.body),
  );

  app.delete(
    '/api/content/:id/autosave',
    {
      schema: { tags, summary: '放弃自动保存', params: IdParams, response: { 200: Ok, ...errors(400, 401, 403) } },
      preHandler: guard({ capability: 'content.write', scope: 'content.write' }),
    },
    async (request) => {
      await editor.discardAutosave(authOf(request), { contentId: request.params.id });
      return { ok: true };
    },
  );

  app.get(
    '/api/sites/:siteId/autosave-new',
    {
      schema: {
        tags,
        summary: '我在该站点新建信息时的自动保存',
        params: SiteParams,
        response: { 200: AutosaveSlot, ...errors(400, 401, 403) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'content.write', request.params.siteId);
      return { autosave: await editor.autosaved(a, { siteId: request.params.siteId }) };
    },
  );

  app.put(
    '/api/sites/:siteId/autosave-new',
    {
      schema: {
        tags,
        summary: '自动保存新建中的信息',
        params: SiteParams,
        body: AutosaveBody,
        response: { 200: AutosaveSaved, ...errors(400, 401, 403, 413) },
      },
      ...large,
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'content.write', request.params.siteId);
      return editor.autosave(a, { siteId: request.params.siteId }, request.body);
    },
  );

  app.delete(
    '/api/sites/:siteId/autosave-new',
    {
      schema: {
        tags,
        summary: '放弃新建信息的自动保存',
        params: SiteParams,
        response: { 200: Ok, ...errors(400, 401, 403) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'content.write', request.params.siteId);
      await editor.discardAutosave(a, { siteId: request.params.siteId });
      return { ok: true };
    },
  );

  app.post(
    '/api/sites/:siteId/prepublish/check',
    {
      schema: {
        tags,
        summary: '检查：对正在编辑的内容运行发布前检查（不提交、不保存）',
        params: SiteParams,
        body: CheckDraft,
        response: { 200: CheckReportSchema, ...errors(400, 401, 403, 413) },
      },
      ...large,
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      requireOnSite(request, 'content.write', request.params.siteId);
      return editor.check(request.params.siteId, request.body);
    },
  );

  app.post(
    '/api/content/:id/preview-link',
    {
      schema: {
        tags,
        summary: '预览链接：按网站页面样式查看草稿或某一版本（限本人、30 分钟内有效；涉密信息不提供）',
        params: IdParams,
        body: PreviewLinkBody,
        response: { 200: PreviewLink, ...errors(400, 401, 403, 404) },
      },
      // A preview shows the draft: the same need-to-know as reading the item.
      preHandler: guard({ scope: 'content.read' }),
    },
    async (request) => editor.previewLink(authOf(request), request.params.id, request.body.version),
  );

  app.get(
    '/api/preview/:token',
    {
      schema: {
        tags,
        summary: '预览页面（网站页面的样式；需本人登录，不缓存）',
        params: PreviewParams,
        querystring: PreviewQuery,
        response: { 200: Type.String({ description: 'HTML' }), ...errors(400, 401, 403, 404) },
      },
      preHandler: guard(),
    },
    async (request, reply) => {
      const input = await editor.previewInput(authOf(request), request.params.token);
      portal ??= new PortalService(ctx);
      const html = await renderPreview(portal, { ...input, care: request.query.care === true });
      return previewHeaders(reply).type('text/html; charset=utf-8').send(html);
    },
  );
}
