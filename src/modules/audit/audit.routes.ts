import { Type, type Static } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { AuditRecord } from '../../platform/db/schema.ts';
import type { AuditFilter } from '../../platform/audit/audit.repository.ts';
import { shanghaiDateTime } from '../../platform/time.ts';
import type { AppContext } from '../../context.ts';
import { actionName } from './action-names.ts';
import { CheckpointList } from './audit.schema.ts';

const Filter = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: '起始日期（含）' })),
  to: Type.Optional(Type.String({ format: 'date', description: '截止日期（含）' })),
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});

// Dates are Asia/Shanghai calendar days; stored times are UTC.
const dayStartUtc = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
const nextDayStartUtc = (day: string) =>
  new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

function toFilter(q: Static<typeof Filter>): AuditFilter {
  return {
    from: q.from ? dayStartUtc(q.from) : undefined,
    to: q.to ? nextDayStartUtc(q.to) : undefined,
    actor: q.actor || undefined,
    action: q.action || undefined,
    outcome: q.outcome,
    text: q.q || undefined,
  };
}

const view = (r: AuditRecord) => ({
  id: r.id,
  at: r.at,
  actorName: r.actor_name,
  ip: r.ip,
  action: r.action,
  actionName: actionName(r.action),
  targetType: r.target_type,
  targetId: r.target_id,
  siteId: r.site_id,
  outcome: r.outcome,
  detail: JSON.parse(r.detail) as unknown,
});

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, audit } = ctx;
  const tags = ['审计'];
  const read = guard({ capability: 'audit.read' });

  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: '查询审计日志',
        querystring: Filter,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.String(),
                actorName: Type.String(),
                ip: Type.String(),
                action: Type.String(),
                actionName: Type.String(),
                targetType: Type.String(),
                targetId: Type.Union([Type.String(), Type.Null()]),
                siteId: Type.Union([Type.Integer(), Type.Null()]),
                outcome: Type.String(),
                detail: Type.Unknown(),
              }),
            ),
            total: Type.Integer(),
          }),
          ...errors(400, 401, 403),
        },
      },
      preHandler: read,
    },
    async (request) => {
      const { items, total } = await audit.search(
        toFilter(request.query),
        request.query.page ?? 1,
        request.query.pageSize ?? 20,
      );
      return { items: items.map(view), total };
    },
  );

  app.get(
    '/api/audit/export.csv',
    {
      schema: { tags, summary: '导出审计日志（CSV）', querystring: Filter, produces: ['text/csv'] },
      preHandler: read,
    },
    async (request, reply) => {
      await audit.recordAlone(authOf(request).actor, {
        action: 'audit.export',
        targetType: 'audit_log',
        detail: { filter: request.query },
      });
      const rows: string[] = ['\uFEFF编号,时间（北京时间）,操作人,IP,操作,对象类型,对象,站点,结果,详情,哈希'];
      for await (const r of audit.stream(toFilter(request.query))) {
        rows.push(
          [
            r.id,
            shanghaiDateTime(r.at),
            r.actor_name,
            r.ip,
            actionName(r.action),
            r.target_type,
            r.target_id,
            r.site_id,
            r.outcome === 'success' ? '成功' : '失败',
            r.detail,
            r.hash,
          ]
            .map(csvCell)
            .join(','),
        );
      }
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="audit-log.csv"`);
      return rows.join('\r\n') + '\r\n';
    },
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags,
        summary: '校验审计日志完整性（哈希链）',
        response: {
          200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), problems: Type.Array(Type.String()) }),
          ...errors(401, 403),
        },
      },
      preHandler: read,
    },
    async (request) => {
      const result = await audit.verify();
      await audit.recordAlone(authOf(request).actor, {
        action: 'audit.verify',
        targetType: 'audit_log',
        outcome: result.ok ? 'success' : 'failure',
        detail: { checked: result.checked, problems: result.problems.length },
      });
      return result;
    },
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
    async () => {
      const { items, key } = await audit.checkpoints();
      return {
        items: items.map((c) => ({
          at: c.at,
          lastId: c.lastId,
          lastHash: c.lastHash,
          recordCount: c.recordCount,
          signatureOk: c.signatureOk,
          inFile: c.inFile,
        })),
        key,
      };
    },
  );
}
