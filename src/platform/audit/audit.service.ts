// Append-only, hash-chained audit log. Each record's hash covers its content and the previous record's hash;
// an anchor row keeps the chain head and count, so editing, inserting or removing any record is detected by
// verify(). The hash is an HMAC with the audit key (audit-key.ts), which is not in the database: an intruder who
// rewrites rows cannot recompute a chain that verifies. Records written before the key existed keep their plain
// SHA-256 chain; the first keyed record (`audit.chain.keyed`) names the plain head it continues. Signed
// checkpoints of the head (audit-checkpoints.ts) reveal removal of the newest records.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AuditRecord, Database } from '../db/schema.ts';
import type { Clock } from '../time.ts';
import { DAY } from '../time.ts';
import { AppError } from '../errors.ts';
import * as repo from './audit.repository.ts';
import { AuditKey } from './audit-key.ts';
import {
  appendCheckpoint,
  checkpointSignatureOk,
  readCheckpointFile,
  signCheckpoint,
  type Checkpoint,
} from './audit-checkpoints.ts';
import { shanghaiDateTime } from '../time.ts';

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

function canonical(r: Omit<AuditRecord, 'hash'>): string {
  return JSON.stringify([
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
}

const plainHash = (r: Omit<AuditRecord, 'hash'>): string => createHash('sha256').update(canonical(r)).digest('hex');

export interface CheckpointView extends Checkpoint {
  id: number | null;
  /** Signed with this installation's key. */
  signatureOk: boolean;
  /** Also present in the append-only checkpoint file. */
  inFile: boolean;
}

export interface KeyStatus {
  algorithm: string;
  fingerprint: string;
  keyedFromId: number | null;
  keyFile: string;
  checkpointFile: string;
}

export class AuditService {
  private key: AuditKey | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly retentionDays: number,
    private readonly keyFile: string,
  ) {}

  /**
   * Loads the audit key (creating it on a new installation) and, on an installation whose chain predates the key,
   * keys the chain from the next record on: a switch-over record `audit.chain.keyed` names the plain head it
   * continues. Runs before anything is recorded; any number of processes may run it at once.
   */
  async open(): Promise<void> {
    const anchor = await repo.lockAnchor(this.db, false);
    let key = await AuditKey.read(this.keyFile);
    if (!key) {
      if (anchor.key_fingerprint && anchor.last_id > anchor.purged_through_id)
        throw new AppError('AUDIT_KEY_MISSING', { file: this.keyFile });
      key = await AuditKey.create(this.keyFile, this.clock.now());
    }
    const opened = key;
    await this.db.transaction().execute(async (trx) => {
      const current = await repo.lockAnchor(trx, true);
      const empty = current.last_id === current.purged_through_id;
      if (current.key_fingerprint === opened.fingerprint && current.keyed_from_id !== null) return;
      if (current.key_fingerprint && !empty) throw new AppError('AUDIT_KEY_MISMATCH', { file: this.keyFile });
      await repo.setKeying(trx, current.last_id + 1, opened.fingerprint);
      this.key = opened;
      if (empty) return;
      await this.record(trx, SYSTEM_ACTOR, {
        action: 'audit.chain.keyed',
        targetType: 'audit_log',
        detail: { plainHeadId: current.last_id, plainHeadHash: current.last_hash, algorithm: opened.algorithm },
      });
    });
    this.key = opened;
    const keyedFrom = (await repo.lockAnchor(this.db, false)).keyed_from_id;
    if (opened.keyedFromId === null && keyedFrom !== null) await opened.saveKeyedFrom(keyedFrom);
  }

  private requireKey(): AuditKey {
    if (!this.key) throw new Error('audit key not loaded: call AuditService.open() first');
    return this.key;
  }

  /** Keyed records carry the HMAC; records before the switch-over the plain SHA-256 of older versions. */
  private hashOf(r: Omit<AuditRecord, 'hash'>, keyedFrom: number): string {
    return r.id >= keyedFrom ? this.requireKey().mac(canonical(r)) : plainHash(r);
  }

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
    await repo.insertRecord(trx, { ...base, hash: this.hashOf(base, anchor.keyed_from_id ?? 1) });
  }

  /** Records outside any business transaction (logins, refused actions). */
  async recordAlone(actor: Actor, entry: AuditEntry): Promise<void> {
    await this.db.transaction().execute((trx) => this.record(trx, actor, entry));
  }

  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
    const key = this.requireKey();
    const anchor = await repo.lockAnchor(this.db, false);
    const problems: string[] = [];
    // The key file says where keying began; the anchor's copy is in the database an intruder may edit.
    const keyedFrom = key.keyedFromId ?? anchor.keyed_from_id ?? 1;
    if (anchor.keyed_from_id !== keyedFrom)
      problems.push(`数据库记录的密钥签名起点（#${anchor.keyed_from_id}）与密钥文件（#${keyedFrom}）不符`);
    if (anchor.key_fingerprint !== key.fingerprint) problems.push('数据库记录的密钥指纹与密钥文件不符');
    let expectedPrev = anchor.purged_through_hash;
    let expectedId = anchor.purged_through_id + 1;
    let checked = 0;
    let purgeRecorded = anchor.purged_through_id === 0;
    for await (const record of repo.streamAll(this.db)) {
      if (record.id !== expectedId) problems.push(`记录 #${expectedId}–#${record.id - 1} 缺失`);
      if (record.prev_hash !== expectedPrev)
        problems.push(`记录 #${record.id} 的前序哈希与链不符（前一条被改动或删除）`);
      const { hash, ...rest } = record;
      if (this.hashOf(rest, keyedFrom) !== hash)
        problems.push(
          record.id >= keyedFrom ? `记录 #${record.id} 内容被改动（密钥签名不符）` : `记录 #${record.id} 内容被改动`,
        );
      if (record.action === 'audit.purge' && purgeThrough(record.detail) === anchor.purged_through_id)
        purgeRecorded = true;
      expectedPrev = hash;
      expectedId = record.id + 1;
      checked += 1;
      if (onProgress && checked % 1000 === 0) onProgress(checked, anchor.record_count);
    }
    if (expectedId - 1 !== anchor.last_id || expectedPrev !== anchor.last_hash) {
      problems.push(`链尾应为记录 #${anchor.last_id}，实际为 #${expectedId - 1}（末尾记录被删除或追加了伪造记录）`);
    }
    if (checked !== anchor.record_count) problems.push(`应有 ${anchor.record_count} 条记录，实际 ${checked} 条`);
    if (!purgeRecorded) problems.push(`记录 #1–#${anchor.purged_through_id} 被删除，但没有相应的清除记录`);
    if (anchor.last_id < keyedFrom - 1) problems.push(`自记录 #${keyedFrom} 起签名的记录全部缺失`);
    problems.push(...(await this.checkCheckpoints(key, anchor.purged_through_id)));
    onProgress?.(checked, anchor.record_count);
    return { ok: problems.length === 0, checked, problems };
  }

  /** Every checkpoint must be genuine, and the record it names must still be there with the same hash. */
  private async checkCheckpoints(key: AuditKey, purgedThroughId: number): Promise<string[]> {
    const problems: string[] = [];
    const { all, fileProblems } = await this.loadCheckpoints(key);
    problems.push(...fileProblems);
    for (const c of all) {
      const when = shanghaiDateTime(c.at);
      if (!c.signatureOk) {
        problems.push(`检查点（${when}）签名无效：检查点被伪造或改动`);
        continue;
      }
      if (c.lastId === 0 || c.lastId <= purgedThroughId) continue;
      const record = await repo.findRecord(this.db, c.lastId);
      if (!record) problems.push(`检查点（${when}）记录的链尾 #${c.lastId} 已不存在：此后的记录被删除`);
      else if (record.hash !== c.lastHash) problems.push(`检查点（${when}）记录的链尾 #${c.lastId} 与现有记录不符`);
    }
    return problems;
  }

  /** Checkpoints from the database and the append-only file, merged by signature. */
  private async loadCheckpoints(key: AuditKey): Promise<{ all: CheckpointView[]; fileProblems: string[] }> {
    const { checkpoints: inFile, problems: fileProblems } = await readCheckpointFile(key.checkpointFile);
    const fileSignatures = new Set(inFile.map((c) => c.signature));
    const rows = await repo.allCheckpoints(this.db);
    const bySignature = new Map<string, CheckpointView>();
    for (const r of rows) {
      const c: Checkpoint = {
        at: r.at,
        lastId: r.last_id,
        lastHash: r.last_hash,
        recordCount: r.record_count,
        purgedThroughId: r.purged_through_id,
        signature: r.signature,
      };
      bySignature.set(r.signature, {
        ...c,
        id: r.id,
        signatureOk: checkpointSignatureOk(key, c),
        inFile: fileSignatures.has(r.signature),
      });
    }
    for (const c of inFile) {
      if (!bySignature.has(c.signature))
        bySignature.set(c.signature, { ...c, id: null, signatureOk: checkpointSignatureOk(key, c), inFile: true });
    }
    const all = [...bySignature.values()].sort((a, b) => a.at.localeCompare(b.at) || a.lastId - b.lastId);
    return { all, fileProblems };
  }

  /** Signs the current chain head and keeps it in the append-only file and the database (a daily job). */
  async checkpoint(): Promise<CheckpointView> {
    const key = this.requireKey();
    const anchor = await repo.lockAnchor(this.db, false);
    const signed = signCheckpoint(key, {
      at: this.clock.now().toISOString(),
      lastId: anchor.last_id,
      lastHash: anchor.last_hash,
      recordCount: anchor.record_count,
      purgedThroughId: anchor.purged_through_id,
    });
    await appendCheckpoint(key.checkpointFile, signed);
    const id = await repo.insertCheckpoint(this.db, {
      at: signed.at,
      last_id: signed.lastId,
      last_hash: signed.lastHash,
      record_count: signed.recordCount,
      purged_through_id: signed.purgedThroughId,
      signature: signed.signature,
    });
    return { ...signed, id, signatureOk: true, inFile: true };
  }

  /** The newest checkpoints for the audit administrator, each with whether it is genuine and in the file. */
  async checkpoints(limit = 30): Promise<{ items: CheckpointView[]; key: KeyStatus }> {
    const key = this.requireKey();
    const { all } = await this.loadCheckpoints(key);
    return {
      items: all.slice(-limit).reverse(),
      key: {
        algorithm: key.algorithm,
        fingerprint: key.fingerprint,
        keyedFromId: key.keyedFromId,
        keyFile: key.file,
        checkpointFile: key.checkpointFile,
      },
    };
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

function purgeThrough(detail: string): number | null {
  try {
    const parsed = JSON.parse(detail) as { throughId?: unknown };
    return typeof parsed.throughId === 'number' ? parsed.throughId : null;
  } catch {
    return null;
  }
}
