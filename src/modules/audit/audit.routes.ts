import type { App } from '../../platform/http.ts';
import { TextDownload, errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { AuditPage, AuditQuery, AuditVerifyResult, CheckpointList } from './audit.schema.ts';

export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, auditLog } = ctx;
  const tags = ['审计'];
  const read = guard({ capability: 'audit.read' });

  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: '查询审计日志',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request) => auditLog.search(request.query),
  );

  app.get(
    '/api/audit/export.csv',
    {
      schema: {
        tags,
        summary: '导出审计日志（CSV）',
        querystring: AuditQuery,
        produces: ['text/csv'],
        response: { 200: TextDownload, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request, reply) => {
      const csv = await auditLog.exportCsv(authOf(request).actor, request.query);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="audit-log.csv"`);
      return csv;
    },
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags,
        summary: '校验审计日志完整性（哈希链）',
        response: { 200: AuditVerifyResult, ...errors(401, 403) },
      },
      preHandler: read,
    },
    async (request) => auditLog.verify(authOf(request).actor),
  );

  app.get(
    '/api/audit/checkpoints',
    {
      schema: {
        tags,
        summary: '审计日志检查点（每日签名的链尾，用于发现末尾记录被删除）',
        response: { 200: CheckpointList, ...errors(401, 403) },
      },
      preHandler: read,
    },
    async () => auditLog.checkpoints(),
  );
}
