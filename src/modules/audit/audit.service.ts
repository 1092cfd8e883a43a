// The audit administrator's view of the audit log: search, CSV export and chain verification. Reading the
// log is itself audited (an export or a verification leaves a record).
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditRecord } from '../../platform/db/schema.ts';
import type { AuditFilter } from '../../platform/audit/audit.repository.ts';
import { shanghaiDayRange } from '../../platform/time.ts';
import { CSV_HEADER, toAuditItem, toCsvLine } from './audit.presenter.ts';
import type { AuditPage, AuditQuery, AuditVerifyResult, CheckpointList } from './audit.schema.ts';
import * as names from './target-names.repository.ts';

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
  constructor(
    private readonly audit: AuditService,
    private readonly db: Db,
  ) {}

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
    const targetNames = await this.targetNames(items);
    return {
      items: items.map((r) => toAuditItem(r, targetNames.get(`${r.target_type}:${r.target_id}`) ?? null)),
      total,
    };
  }

  /** `type:id` → the name of what each record points at, read in one query per kind of target. */
  private async targetNames(records: AuditRecord[]): Promise<Map<string, string>> {
    const idsOf = (type: string) =>
      records.filter((r) => r.target_type === type && r.target_id !== null).map((r) => r.target_id as string);
    const result = new Map<string, string>();
    const put = (type: string, rows: { id: number; name: string }[]) => {
      for (const row of rows) result.set(`${type}:${row.id}`, row.name);
    };
    put(
      'user',
      (await names.userNames(this.db, idsOf('user'))).map((u) => ({
        id: u.id,
        name: `${u.display_name}（${u.username}）`,
      })),
    );
    put('department', await names.departmentNames(this.db, idsOf('department')));
    put('column', await names.columnNames(this.db, idsOf('column')));
    put('site', await names.siteNames(this.db, idsOf('site')));
    put(
      'content',
      (await names.contentTitles(this.db, idsOf('content'))).map((c) => ({ id: c.id, name: c.title })),
    );
    put(
      'dataset',
      (await names.datasetTitles(this.db, idsOf('dataset'))).map((d) => ({ id: d.id, name: d.title })),
    );
    return result;
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
