// Append-only, hash-chained audit log. Each record's hash covers its content and the previous record's hash;
// an anchor row keeps the chain head and count, so editing, inserting or removing any record (even the last)
// is detected by verify().
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AuditRecord, Database } from '../db/schema.ts';
import type { Clock } from '../time.ts';
import { DAY } from '../time.ts';
import { AppError } from '../errors.ts';
import * as repo from './audit.repository.ts';

export interface Actor {
  userId: number | null;
  username: string;
  ip: string;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | number | null;
  siteId?: number | null;
  outcome?: 'success' | 'failure';
  /** What happened, with before/after where a record changed. Never passwords or tokens. */
  detail?: Record<string, unknown>;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: string[];
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: '系统', ip: '-' };

function hashRecord(r: Omit<AuditRecord, 'hash'>): string {
  const canonical = JSON.stringify([
    r.id,
    r.at,
    r.actor_id,
    r.actor_name,
    r.ip,
    r.action,
    r.target_type,
    r.target_id,
    r.site_id,
    r.outcome,
    r.detail,
    r.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  /** Appends within the caller's transaction, so the change and its audit record commit together. */
  async record(trx: Kysely<Database> | Transaction<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
    const anchor = await repo.lockAnchor(trx, true);
    const base = {
      id: anchor.last_id + 1,
      at: this.clock.now().toISOString(),
      actor_id: actor.userId,
      actor_name: actor.username,
      ip: actor.ip,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      site_id: entry.siteId ?? null,
      outcome: entry.outcome ?? 'success',
      detail: JSON.stringify(entry.detail ?? {}),
      prev_hash: anchor.last_hash,
    };
    await repo.insertRecord(trx, { ...base, hash: hashRecord(base) });
  }

  /** Records outside any business transaction (logins, refused actions). */
  async recordAlone(actor: Actor, entry: AuditEntry): Promise<void> {
    await this.db.transaction().execute((trx) => this.record(trx, actor, entry));
  }

  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
    const anchor = await repo.lockAnchor(this.db, false);
    const problems: string[] = [];
    let expectedPrev = anchor.purged_through_hash;
    let expectedId = anchor.purged_through_id + 1;
    let checked = 0;
    for await (const record of repo.streamAll(this.db)) {
      if (record.id !== expectedId) problems.push(`记录 #${expectedId}–#${record.id - 1} 缺失`);
      if (record.prev_hash !== expectedPrev)
        problems.push(`记录 #${record.id} 的前序哈希与链不符（前一条被改动或删除）`);
      const { hash, ...rest } = record;
      if (hashRecord(rest) !== hash) problems.push(`记录 #${record.id} 内容被改动`);
      expectedPrev = hash;
      expectedId = record.id + 1;
      checked += 1;
      if (onProgress && checked % 1000 === 0) onProgress(checked, anchor.record_count);
    }
    if (expectedId - 1 !== anchor.last_id || expectedPrev !== anchor.last_hash) {
      problems.push(`链尾应为记录 #${anchor.last_id}，实际为 #${expectedId - 1}（末尾记录被删除或追加了伪造记录）`);
    }
    if (checked !== anchor.record_count) problems.push(`应有 ${anchor.record_count} 条记录，实际 ${checked} 条`);
    onProgress?.(checked, anchor.record_count);
    return { ok: problems.length === 0, checked, problems };
  }

  search(filter: repo.AuditFilter, page: number, pageSize: number) {
    return repo.search(this.db, filter, pageSize, (page - 1) * pageSize);
  }

  stream(filter: repo.AuditFilter) {
    return repo.streamAll(this.db, filter);
  }

  /** Removes records older than the retention period, keeping the chain verifiable from the new start. */
  async purgeExpired(actor: Actor, olderThanDays: number): Promise<number> {
    if (olderThanDays < this.retentionDays) {
      throw new AppError('AUDIT_RETENTION', `审计日志至少保存 ${this.retentionDays} 天`);
    }
    const cutoff = new Date(this.clock.now().getTime() - olderThanDays * DAY).toISOString();
    // Only the leading run of expired records goes: the chain must stay contiguous from its new start, and a
    // record written later with an older time (imported history) must not pull newer records with it.
    const first = await repo.firstRecordAtOrAfter(this.db, cutoff);
    const rows = (await repo.oldestBefore(this.db, cutoff)).filter((r) => first === undefined || r.id < first.id);
    if (rows.length === 0) return 0;
    const last = rows[rows.length - 1];
    await this.db.transaction().execute(async (trx) => {
      await repo.lockAnchor(trx, true);
      await repo.deleteThrough(trx, last.id, last.hash, rows.length);
      await this.record(trx, actor, {
        action: 'audit.purge',
        targetType: 'audit_log',
        detail: { throughId: last.id, count: rows.length },
      });
    });
    return rows.length;
  }
}
