// The data release API: staff routes for data sets, versions, charts and submission for review, and the
// open data API (/api/open/datasets…) with ETag, cache headers and a per-IP rate limit shared by all nodes.
import { Type } from '@fastify/type-provider-typebox';
import { registerDatasetPages } from './datasets.page.tsx';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { CHART_KINDS } from '../../platform/charts.ts';
import type { AppContext } from '../../context.ts';
import { resolveSite } from '../portal/site-resolver.ts';
import { COLUMN_TYPES } from './column-types.ts';
import { MAX_DATA_FILE_BYTES, assertSize } from './table-file.ts';
import {
  AGGREGATES,
  ChartDefinition,
  ChartPreview,
  ChartSvgParams,
  ChartView,
  ConfirmColumns,
  DATASET_THEMES,
  DEFAULT_LICENCE,
  DatasetDetail,
  DatasetInput,
  DatasetOptions,
  DatasetSummary,
  DownloadParams,
  OPEN_TYPES,
  OpenDataset,
  OpenDatasetList,
  OpenListQuery,
  RowsQuery,
  RowsResult,
  SHARE_TYPES,
  SubmitInput,
  UPDATE_FREQUENCIES,
  UploadQuery,
  UploadResult,
  VersionView,
} from './datasets.schema.ts';
import { FORMATS, etagOf } from './datasets.open.ts';
import { datasetAssets } from './datasets.page.tsx';

const VersionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), versionId: Type.Integer({ minimum: 1 }) });
const ChartParams = Type.Object({ id: Type.Integer({ minimum: 1 }), chartId: Type.Integer({ minimum: 1 }) });
const SubmitResult = Type.Object({ requestId: Type.Integer(), state: Type.String() });
const OPEN_CACHE = 'public, max-age=300';
const NotModified = Type.Null({ description: '未修改（If-None-Match 与 ETag 相同）' });

export async function datasetsRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, datasets } = ctx;
  // Data release on the public site: the 数据发布 column, data set pages and charts embedded in articles.
  await registerDatasetPages(ctx);
  const tags = ['数据发布'];
  const open = ['开放数据'];

  app.get(
    '/api/dataset-options',
    {
      schema: { tags, summary: '数据集字段的可选值', response: { 200: DatasetOptions, ...errors(401) } },
      preHandler: guard(),
    },
    async () => ({
      themes: [...DATASET_THEMES],
      updateFrequencies: [...UPDATE_FREQUENCIES],
      shareTypes: [...SHARE_TYPES],
      openTypes: [...OPEN_TYPES],
      columnTypes: Object.entries(COLUMN_TYPES).map(([value, label]) => ({ value, label })),
      chartKinds: Object.entries(CHART_KINDS).map(([value, label]) => ({ value, label })),
      aggregates: Object.entries(AGGREGATES).map(([value, label]) => ({ value, label })),
      providers: datasets.providers.list().map((p) => ({ key: p.key, title: p.title, description: p.description })),
      defaultLicence: DEFAULT_LICENCE,
      maxFileBytes: MAX_DATA_FILE_BYTES,
    }),
  );

  app.get(
    '/api/sites/:siteId/datasets',
    {
      schema: {
        tags,
        summary: '本站点的数据集',
        params: SiteParams,
        response: { 200: Type.Array(DatasetSummary), ...errors(401, 403) },
      },
      preHandler: guard(),
    },
    async (request) => {
      const auth = authOf(request);
      const roles = ['editor', 'site_admin', 'reviewer', 'leader', 'secrecy_reviewer'];
      if (!auth.grants.some((g) => roles.includes(g.role) && (g.siteId === null || g.siteId === request.params.siteId)))
        throw new AppError('FORBIDDEN');
      return datasets.list(request.params.siteId);
    },
  );

  app.post(
    '/api/sites/:siteId/datasets',
    {
      schema: {
        tags,
        summary: '新建数据集（同时在数据发布栏目建立待审查的发布稿）',
        params: SiteParams,
        body: DatasetInput,
        response: { 200: DatasetDetail, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const auth = requireOnSite(request, 'content.write', request.params.siteId);
      return datasets.detail(await datasets.create(auth, request.params.siteId, request.body));
    },
  );

  app.get(
    '/api/datasets/:id',
    {
      schema: {
        tags,
        summary: '数据集详情（含各版本与图表）',
        params: IdParams,
        response: { 200: DatasetDetail, ...errors(401, 403, 404) },
      },
      preHandler: guard(),
    },
    async (request) => {
      datasets.assertReader(authOf(request), await datasets.dataset(request.params.id));
      return datasets.detail(request.params.id);
    },
  );

  app.put(
    '/api/datasets/:id',
    {
      schema: {
        tags,
        summary: '修改数据集信息（发布须重新提交审查）',
        params: IdParams,
        body: DatasetInput,
        response: { 200: DatasetDetail, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      await datasets.update(authOf(request), request.params.id, request.body);
      return datasets.detail(request.params.id);
    },
  );

  // A file larger than the limit is refused from its Content-Length, before its body is read.
  const refuseLarge = async (request: FastifyRequest) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > MAX_DATA_FILE_BYTES + 64 * 1024) assertSize(length);
  };

  app.post(
    '/api/datasets/:id/versions',
    {
      schema: {
        tags,
        summary: '上传新版本（CSV 或 XLSX，第一行为表头）',
        params: IdParams,
        querystring: UploadQuery,
        consumes: ['multipart/form-data'],
        response: { 200: UploadResult, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
      onRequest: refuseLarge,
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const part = await request.file({ limits: { fileSize: MAX_DATA_FILE_BYTES, files: 1 } });
      if (!part) throw new AppError('DATASET_EMPTY', { reason: '没有收到文件' });
      const bytes = await part.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') assertSize(MAX_DATA_FILE_BYTES + 1);
        throw error;
      });
      if (part.file.truncated) assertSize(MAX_DATA_FILE_BYTES + 1);
      return datasets.upload(authOf(request), request.params.id, bytes, part.filename, request.query);
    },
  );

  app.put(
    '/api/datasets/:id/versions/:versionId/columns',
    {
      schema: {
        tags,
        summary: '确认版本的列类型（确认后版本不再改变）',
        params: VersionParams,
        body: ConfirmColumns,
        response: { 200: VersionView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => datasets.confirm(authOf(request), request.params.id, request.params.versionId, request.body),
  );

  app.delete(
    '/api/datasets/:id/versions/:versionId',
    {
      schema: {
        tags,
        summary: '删除尚未确认的上传',
        params: VersionParams,
        response: { 200: Ok, ...errors(401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      await datasets.discard(authOf(request), request.params.id, request.params.versionId);
      return { ok: true };
    },
  );

  app.get(
    '/api/datasets/:id/versions/:versionId/rows',
    {
      schema: {
        tags,
        summary: '浏览版本数据（含未发布的版本）',
        params: VersionParams,
        querystring: RowsQuery,
        response: { 200: RowsResult, ...errors(400, 401, 403, 404) },
      },
      preHandler: guard(),
    },
    async (request) => {
      datasets.assertReader(authOf(request), await datasets.dataset(request.params.id));
      return datasets.draftRows(request.params.id, request.params.versionId, request.query);
    },
  );

  app.post(
    '/api/datasets/:id/charts/preview',
    {
      schema: {
        tags,
        summary: '预览图表',
        params: IdParams,
        body: ChartDefinition,
        response: { 200: ChartPreview, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard(),
    },
    async (request) => datasets.publishing.previewChart(authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/datasets/:id/charts',
    {
      schema: {
        tags,
        summary: '新建图表',
        params: IdParams,
        body: ChartDefinition,
        response: { 200: ChartView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => datasets.publishing.saveChart(authOf(request), request.params.id, null, request.body),
  );

  app.put(
    '/api/datasets/:id/charts/:chartId',
    {
      schema: {
        tags,
        summary: '修改图表',
        params: ChartParams,
        body: ChartDefinition,
        response: { 200: ChartView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) =>
      datasets.publishing.saveChart(authOf(request), request.params.id, request.params.chartId, request.body),
  );

  app.delete(
    '/api/datasets/:id/charts/:chartId',
    {
      schema: { tags, summary: '删除图表', params: ChartParams, response: { 200: Ok, ...errors(401, 403, 404) } },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      await datasets.publishing.deleteChart(authOf(request), request.params.id, request.params.chartId);
      return { ok: true };
    },
  );

  app.post(
    '/api/datasets/:id/submit',
    {
      schema: {
        tags,
        summary: '提交发布审查（附件3）：冻结当前信息、版本与图表',
        params: IdParams,
        body: SubmitInput,
        response: { 200: SubmitResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const r = await datasets.publishing.submit(authOf(request), request.params.id, request.body);
      return { requestId: r.id, state: r.state };
    },
  );

  // The styles of the data release pages; content-hashed names, cached for a year.
  app.get('/datasets/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const asset = datasetAssets().file((request.params as { file: string }).file);
    if (!asset) return reply.callNotFound();
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(asset.contentType)
      .send(asset.body);
  });

  // ───────────── the open data API ─────────────

  const rateLimited = async (request: FastifyRequest, reply: FastifyReply) => {
    const verdict = await datasets.open.admit(request.ip);
    reply.header('ratelimit-limit', verdict.limit);
    reply.header('ratelimit-remaining', verdict.remaining);
    reply.header('ratelimit-reset', verdict.resetSeconds);
    if (!verdict.allowed) {
      reply.header('retry-after', verdict.resetSeconds);
      throw new AppError('OPEN_API_RATE_LIMITED', { seconds: verdict.resetSeconds });
    }
  };

  /** JSON with a strong ETag, public caching, and 304 for a matching If-None-Match. */
  const cachedJson = (request: FastifyRequest, reply: FastifyReply, value: unknown) => {
    const body = JSON.stringify(value);
    const etag = etagOf(body);
    reply.header('etag', etag).header('cache-control', OPEN_CACHE).header('access-control-allow-origin', '*');
    if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
    return reply.type('application/json; charset=utf-8').send(body);
  };

  const siteOf = async (request: FastifyRequest, code: string | undefined): Promise<number | null> => {
    const sites = await ctx.sites.list();
    if (code) {
      const site = sites.find((s) => s.code === code);
      if (!site) throw new AppError('NOT_FOUND');
      return site.id;
    }
    return resolveSite(sites, request.host, '/')?.site.id ?? null;
  };

  app.get(
    '/api/open/datasets',
    {
      schema: {
        tags: open,
        summary: '已发布的数据集（按数据领域、提供部门、关键词筛选，分页）',
        querystring: OpenListQuery,
        response: { 200: OpenDatasetList, 304: NotModified, ...errors(400, 404, 429) },
      },
      preHandler: rateLimited,
    },
    async (request, reply) =>
      cachedJson(
        request,
        reply,
        await datasets.open.list(await siteOf(request, request.query.site), request.query, (d) => datasets.pagePath(d)),
      ),
  );

  app.get(
    '/api/open/datasets/:id',
    {
      schema: {
        tags: open,
        summary: '数据集的元数据、版本、下载地址与图表',
        params: IdParams,
        response: { 200: OpenDataset, 304: NotModified, ...errors(404, 429) },
      },
      preHandler: rateLimited,
    },
    async (request, reply) =>
      cachedJson(request, reply, await datasets.open.dataset(request.params.id, (d) => datasets.pagePath(d))),
  );

  app.get(
    '/api/open/datasets/:id/rows',
    {
      schema: {
        tags: open,
        summary: '数据行（筛选、排序、分页）',
        params: IdParams,
        querystring: RowsQuery,
        response: { 200: RowsResult, 304: NotModified, ...errors(400, 404, 429) },
      },
      preHandler: rateLimited,
    },
    async (request, reply) => cachedJson(request, reply, await datasets.open.rows(request.params.id, request.query)),
  );

  app.get(
    '/api/open/datasets/:id/versions/:version/data.:format',
    {
      schema: {
        tags: open,
        summary: '下载某一版本的数据（CSV、XLSX 或 JSON）',
        params: DownloadParams,
        response: { 200: Type.Any({ description: '文件' }), 304: NotModified, ...errors(404, 429) },
      },
      preHandler: rateLimited,
    },
    async (request, reply) => {
      const { id, version, format } = request.params;
      const file = await datasets.open.download(id, version, format);
      const etag = etagOf(file.body);
      reply
        .header('etag', etag)
        .header('cache-control', OPEN_CACHE)
        .header('x-content-type-options', 'nosniff')
        .header('access-control-allow-origin', '*')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      return reply.type(FORMATS[format]).send(file.body);
    },
  );

  app.get(
    '/api/open/datasets/:id/charts/:chartId.svg',
    {
      schema: {
        tags: open,
        summary: '图表（SVG 图片，含标题与文字说明）',
        params: ChartSvgParams,
        response: { 200: Type.String(), 304: NotModified, ...errors(404, 429) },
      },
      preHandler: rateLimited,
    },
    async (request, reply) => {
      const svg = await datasets.open.chartSvg(request.params.id, request.params.chartId);
      const etag = etagOf(svg);
      reply
        .header('etag', etag)
        .header('cache-control', OPEN_CACHE)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      return reply.type('image/svg+xml; charset=utf-8').send(svg);
    },
  );
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}
