// The audit log's signed checkpoints (what purging old records leaves verifiable).
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

export interface AuditCheckpointsTable {
  id: Generated<number>;
  at: string;
  last_id: number;
  last_hash: string;
  record_count: number;
  purged_through_id: number;
  /** HMAC with the audit key over the other fields. */
  signature: string;
}

declare module '../db/schema.ts' {
  interface Database {
    audit_checkpoints: AuditCheckpointsTable;
  }
}

export type AuditCheckpoint = Selectable<AuditCheckpointsTable>;
