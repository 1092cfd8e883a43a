// The audit administrator's view of the audit log: search, CSV export and chain verification. Reading the
// log is itself audited (an export or a verification leaves a record).
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { AuditFilter } from '../../platform/audit/audit.repository.ts';
import { shanghaiDayRange } from '../../platform/time.ts';
import { CSV_HEADER, toAuditItem, toCsvLine } from './audit.presenter.ts';
import type { AuditPage, AuditQuery, AuditVerifyResult, CheckpointList } from './audit.schema.ts';

function toFilter(q: AuditQuery): AuditFilter {
  return {
    ...shanghaiDayRange(q.from, q.to),
    actor: q.actor || undefined,
    action: q.action || undefined,
    outcome: q.outcome,
    text: q.q || undefined,
  };
}

export class AuditLogService {
  constructor(private readonly audit: AuditService) {}

  /** The signed checkpoints of the chain head and the key's public facts (never the key itself). */
  async checkpoints(): Promise<CheckpointList> {
    const { items, key } = await this.audit.checkpoints();
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
  }

  async search(query: AuditQuery): Promise<AuditPage> {
    const { items, total } = await this.audit.search(toFilter(query), query.page ?? 1, query.pageSize ?? 20);
    return { items: items.map(toAuditItem), total };
  }

  /** Every matching record as CSV (Asia/Shanghai times, Chinese action names, each record's hash). */
  async exportCsv(actor: Actor, query: AuditQuery): Promise<string> {
    await this.audit.recordAlone(actor, { action: 'audit.export', targetType: 'audit_log', detail: { filter: query } });
    const lines = [CSV_HEADER];
    for await (const r of this.audit.stream(toFilter(query))) lines.push(toCsvLine(r));
    return `${lines.join('\r\n')}\r\n`;
  }

  async verify(actor: Actor): Promise<AuditVerifyResult> {
    const result = await this.audit.verify();
    await this.audit.recordAlone(actor, {
      action: 'audit.verify',
      targetType: 'audit_log',
      outcome: result.ok ? 'success' : 'failure',
      detail: { checked: result.checked, problems: result.problems.length },
    });
    return result;
  }
}
