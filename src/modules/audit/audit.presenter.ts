// Audit records → the audit administrator's list rows and CSV export lines.
import type { AuditRecord } from '../../platform/db/schema.ts';
import { shanghaiDateTime } from '../../platform/time.ts';
import { actionName } from './action-names.ts';
import type { AuditItem, AuditOutcome } from './audit.schema.ts';

export const toAuditItem = (r: AuditRecord, targetName: string | null = null): AuditItem => ({
  id: r.id,
  at: r.at,
  actorName: r.actor_name,
  ip: r.ip,
  action: r.action,
  actionName: actionName(r.action),
  targetType: r.target_type,
  targetId: r.target_id,
  targetName,
  siteId: r.site_id,
  outcome: r.outcome as AuditOutcome,
  detail: JSON.parse(r.detail) as Record<string, unknown> | null,
});

/** The CSV's first line; the byte-order mark makes spreadsheet programs read it as UTF-8. */
export const CSV_HEADER = '\uFEFF编号,时间（北京时间）,操作人,IP,操作,对象类型,对象,站点,结果,详情,哈希';

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsvLine(r: AuditRecord): string {
  return [
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
    .join(',');
}
