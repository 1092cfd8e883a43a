// Signed checkpoints of the audit chain head. The keyed chain alone cannot show that its newest records were
// removed (the remaining head still verifies); a checkpoint — head id, head hash and count, signed with the audit
// key — written daily to an append-only file beside the key and to the database can: the record it names must
// still be there with the same hash. The audit administrator sees them in the console.
import fs from 'node:fs/promises';
import type { AuditKey } from './audit-key.ts';

export interface Checkpoint {
  at: string;
  lastId: number;
  lastHash: string;
  recordCount: number;
  purgedThroughId: number;
  signature: string;
}

const signedText = (c: Omit<Checkpoint, 'signature'>) =>
  JSON.stringify(['govportal-audit-checkpoint', c.at, c.lastId, c.lastHash, c.recordCount, c.purgedThroughId]);

export function signCheckpoint(key: AuditKey, c: Omit<Checkpoint, 'signature'>): Checkpoint {
  return { ...c, signature: key.mac(signedText(c)) };
}

export const checkpointSignatureOk = (key: AuditKey, c: Checkpoint): boolean => key.mac(signedText(c)) === c.signature;

/** Appends one line and flushes it to disk before returning (opened in append mode: never rewritten). */
export async function appendCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  const handle = await fs.open(file, 'a', 0o600);
  try {
    await handle.appendFile(`${JSON.stringify(checkpoint)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The checkpoints in the file; unreadable lines come back as problems rather than being skipped silently. */
export async function readCheckpointFile(file: string): Promise<{ checkpoints: Checkpoint[]; problems: string[] }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], problems: [] };
    throw error;
  }
  const checkpoints: Checkpoint[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const c = JSON.parse(line) as Checkpoint;
      if (typeof c.lastId !== 'number' || typeof c.signature !== 'string') throw new Error('shape');
      checkpoints.push(c);
    } catch {
      problems.push(`检查点文件第 ${i + 1} 行无法读取（文件被改动）`);
    }
  });
  return { checkpoints, problems };
}
