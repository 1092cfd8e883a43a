import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../context.ts';
import type { ContentItem } from '../../platform/db/schema.ts';
import {
  CONTENT_TYPES,
  DISCLOSURE_METHODS,
  DISCLOSURE_SCOPES,
  INTERPRETATION_FORMS,
  THEMES,
  VALIDITY,
} from './content-types.ts';
import {
  BODY_MAX_CHARS,
  CONTENT_BODY_LIMIT,
  ContentCreate,
  ContentListQuery,
  ContentUpdate,
} from './content.schema.ts';
import { STATUS_NAMES } from './content.service.ts';
import * as contentRepo from './content.repository.ts';
import { STATE_NAMES, STEP_NAMES } from '../review/review.service.ts';

export const contentPath = (columnPath: string, id: number) => `${columnPath}${id}.html`;

export async function contentRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, content, columns, files, review, db } = ctx;
  const tags = ['内容'];

  // Saving an item accepts any body its schema allows (see CONTENT_BODY_LIMIT); a larger request is refused
  // before anything is read or written, with the limit in words staff understand.
  const largeBody = {
    bodyLimit: CONTENT_BODY_LIMIT,
    errorHandler: (error: Error & { statusCode?: number }) => {
      if (error.statusCode === 413) {
        throw new AppError(
          'CONTENT_TOO_LARGE',
          `提交的信息过大（超过 ${CONTENT_BODY_LIMIT / 1024 / 1024} MB）：正文最多 ${BODY_MAX_CHARS / 10_000} 万字符，请精简或拆分后再保存`,
        );
      }
      throw error;
    },
  };

  async function view(item: ContentItem) {
    const snapshot = await content.snapshot(item.id);
    const tree = await columns.tree(item.site_id);
    const related = await contentRepo.itemsByIds(
      db,
      item.type === 'policy' ? await contentRepo.interpretationsOf(db, item.id) : snapshot.policyIds,
    );
    const attachmentFiles = await files.views(snapshot.attachments.map((a) => a.fileId));
    const history = await review.history(item.id);
    const column = tree.byId.get(item.column_id);
    return {
      ...snapshot,
      id: item.id,
      siteId: item.site_id,
      typeName: CONTENT_TYPES[item.type as keyof typeof CONTENT_TYPES],
      status: item.status,
      statusName: STATUS_NAMES[item.status] ?? item.status,
      columnName: column?.name ?? '',
      indexNo: item.index_no,
      version: item.version,
      publishedVersion: item.published_version,
      pendingChanges: item.published_version !== null && item.version > item.published_version,
      firstPublishedAt: item.first_published_at,
      lastPublishedAt: item.last_published_at,
      publishAt: item.publish_at,
      withdrawAt: item.withdraw_at,
      withdrawnAt: item.withdrawn_at,
      withdrawReason: item.withdraw_reason,
      createdAt: item.created_at,
      updatedAt: item.updated_at,
      publicUrl: item.status === 'published' && column ? contentPath(column.path, item.id) : null,
      cover: snapshot.coverFileId ? ((await files.views([snapshot.coverFileId]))[0] ?? null) : null,
      attachmentFiles: snapshot.attachments.map((a) => ({
        ...attachmentFiles.find((f) => f.id === a.fileId)!,
        name: a.name,
      })),
      related: related.map((r) => ({ id: r.id, title: r.title, type: r.type, status: r.status })),
      reviews: history.map((r) => ({
        id: r.id,
        serial: `${r.year}-${String(r.serial).padStart(4, '0')}`,
        state: r.state,
        stateName: STATE_NAMES[r.state],
        outcome: r.outcome,
        secret: r.secret,
        releaseForm: r.release_form,
        submittedAt: r.submitted_at,
        version: r.content_version,
        checkReport: JSON.parse(r.check_report) as unknown,
        confirmedFindings: JSON.parse(r.confirmed_findings) as string[],
        steps: r.steps.map((s) => ({
          step: s.step,
          stepName: STEP_NAMES[s.step],
          decision: s.decision,
          opinion: s.opinion,
          actorName: s.actor_name,
          decidedAt: s.decided_at,
          secret: s.secret,
        })),
      })),
    };
  }

  async function loadFor(request: Parameters<typeof authOf>[0], id: number) {
    const item = await content.item(id);
    requireOnSite(request, 'content.write', item.site_id);
    return item;
  }

  // Readers of content in the admin: editors, reviewers, leaders, secrecy reviewers of the site.
  const staffOnSite = (request: Parameters<typeof authOf>[0], siteId: number) => {
    const a = authOf(request);
    const roles = ['editor', 'site_admin', 'reviewer', 'leader', 'secrecy_reviewer'];
    if (!a.grants.some((g) => roles.includes(g.role) && (g.siteId === null || g.siteId === siteId)))
      throw new AppError('FORBIDDEN');
    return a;
  };

  app.get(
    '/api/content-options',
    {
      schema: { tags, summary: '内容类型与字段的可选值' },
      preHandler: guard(),
    },
    async () => ({
      types: Object.entries(CONTENT_TYPES).map(([value, label]) => ({ value, label })),
      themes: THEMES,
      validity: VALIDITY,
      interpretationForms: INTERPRETATION_FORMS,
      disclosureMethods: DISCLOSURE_METHODS,
      disclosureScopes: DISCLOSURE_SCOPES,
      statuses: Object.entries(STATUS_NAMES).map(([value, label]) => ({ value, label })),
    }),
  );

  app.get(
    '/api/sites/:siteId/writable-columns',
    {
      schema: { tags, summary: '我可以发布信息的栏目（按栏目任务分解表）', params: SiteParams },
      preHandler: guard(),
    },
    async (request) => {
      const a = authOf(request);
      return {
        items: (await content.writableColumns(a, request.params.siteId)).map((c) => ({
          id: c.id,
          name: c.name,
          path: c.path,
          kind: c.kind,
          columnType: c.columnType,
          depth: c.depth,
        })),
      };
    },
  );

  app.get(
    '/api/sites/:siteId/content',
    {
      schema: { tags, summary: '内容列表', params: SiteParams, querystring: ContentListQuery },
      preHandler: guard(),
    },
    async (request) => {
      const a = staffOnSite(request, request.params.siteId);
      const { items, total } = await content.list(request.params.siteId, request.query, a);
      const tree = await columns.tree(request.params.siteId);
      const latest = await contentRepo.latestRequests(
        db,
        items.map((i) => i.id),
      );
      return {
        total,
        items: items.map((i) => ({
          id: i.id,
          type: i.type,
          typeName: CONTENT_TYPES[i.type as keyof typeof CONTENT_TYPES],
          title: i.title,
          status: i.status,
          statusName: STATUS_NAMES[i.status] ?? i.status,
          columnId: i.column_id,
          columnName: tree.byId.get(i.column_id)?.name ?? '',
          version: i.version,
          publishedVersion: i.published_version,
          firstPublishedAt: i.first_published_at,
          updatedAt: i.updated_at,
          indexNo: i.index_no,
          pendingChanges: i.published_version !== null && i.version > i.published_version,
          reviewId: latest.get(i.id)?.id ?? null,
          reviewState: latest.get(i.id)?.state ?? null,
          reviewStateName: latest.has(i.id) ? (STATE_NAMES[latest.get(i.id)!.state] ?? latest.get(i.id)!.state) : null,
        })),
      };
    },
  );

  app.post(
    '/api/sites/:siteId/content',
    {
      schema: {
        tags,
        summary: '新建内容（草稿）',
        params: SiteParams,
        body: ContentCreate,
        response: { 400: Type.Ref('ErrorResponse'), 403: Type.Ref('ErrorResponse'), 413: Type.Ref('ErrorResponse') },
      },
      ...largeBody,
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'content.write', request.params.siteId);
      const id = await content.create(a, request.params.siteId, request.body);
      return view(await content.item(id));
    },
  );

  app.get(
    '/api/content/:id',
    {
      schema: {
        tags,
        summary: '内容详情（含版本、审查记录）',
        params: IdParams,
        response: { 404: Type.Ref('ErrorResponse') },
      },
      preHandler: guard(),
    },
    async (request) => {
      const item = await content.item(request.params.id);
      staffOnSite(request, item.site_id);
      return view(item);
    },
  );

  app.put(
    '/api/content/:id',
    {
      schema: {
        tags,
        summary: '修改内容（保存为新版本）',
        params: IdParams,
        body: ContentUpdate,
        response: errors(400, 403, 404, 409, 413),
      },
      ...largeBody,
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      await loadFor(request, request.params.id);
      await content.update(authOf(request), request.params.id, request.body);
      return view(await content.item(request.params.id));
    },
  );

  app.get(
    '/api/content/:id/versions',
    {
      schema: { tags, summary: '版本列表', params: IdParams },
      preHandler: guard(),
    },
    async (request) => {
      staffOnSite(request, (await content.item(request.params.id)).site_id);
      return { items: await content.versions(request.params.id) };
    },
  );

  app.get(
    '/api/content/:id/diff',
    {
      schema: {
        tags,
        summary: '比较两个版本',
        params: IdParams,
        querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
      },
      preHandler: guard(),
    },
    async (request) => {
      staffOnSite(request, (await content.item(request.params.id)).site_id);
      return { parts: await content.diff(request.params.id, request.query.from, request.query.to) };
    },
  );

  app.post(
    '/api/content/:id/versions/:version/restore',
    {
      schema: {
        tags,
        summary: '把某个版本恢复为新的草稿版本',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) }),
        response: errors(403, 404, 409),
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      await loadFor(request, request.params.id);
      await content.restore(authOf(request), request.params.id, request.params.version);
      return view(await content.item(request.params.id));
    },
  );

  app.post(
    '/api/content/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤稿（保留记录，不删除）',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: Ok, ...errors(400, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const item = await loadFor(request, request.params.id);
      await content.assertColumnWriter(authOf(request), item);
      await ctx.publication.withdraw(authOf(request).actor, request.params.id, request.body.reason);
      return { ok: true };
    },
  );

  app.post(
    '/api/content/:id/schedule',
    {
      schema: {
        tags,
        summary: '定时发布 / 定时撤稿（时间须晚于当前）',
        params: IdParams,
        body: Type.Object(
          {
            publishAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
            withdrawAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: errors(400, 403, 404, 409),
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      await loadFor(request, request.params.id);
      await ctx.publication.schedule(authOf(request).actor, request.params.id, request.body);
      return view(await content.item(request.params.id));
    },
  );
}
