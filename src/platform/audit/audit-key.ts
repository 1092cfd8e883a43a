// The audit chain's key. It lives in a file outside the data directory and outside the database, so an intruder
// who can rewrite the database (drop the triggers, edit rows, recompute a plain hash chain) still cannot produce
// hashes that verify. HMAC-SM3 (GM/T 0004, the national standard) where Node's OpenSSL has it, else HMAC-SHA-256.
//
// The file also records from which record on the chain is keyed (`keyedFromId`): records before it carry the
// plain SHA-256 chain of older versions. Kept here rather than only in the database, so an intruder cannot
// declare keyed records plain. Beside the key, `audit-checkpoints.log` receives the signed checkpoints.
import { createHash, createHmac, getHashes, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.ts';

export type MacAlgorithm = 'hmac-sm3' | 'hmac-sha256';

interface KeyFileContent {
  format: 'govportal-audit-key';
  version: 1;
  algorithm: MacAlgorithm;
  /** base64 of 32 random bytes */
  key: string;
  createdAt: string;
  keyedFromId: number | null;
}

const FINGERPRINT_TEXT = 'govportal audit key fingerprint';

export class AuditKey {
  readonly fingerprint: string;

  private constructor(
    readonly file: string,
    readonly algorithm: MacAlgorithm,
    private readonly secret: Buffer,
    private readonly createdAt: string,
    private keyedFrom: number | null,
  ) {
    this.fingerprint = createHash('sha256').update(this.mac(FINGERPRINT_TEXT)).digest('hex');
  }

  get keyedFromId(): number | null {
    return this.keyedFrom;
  }

  /** The signed checkpoints of the chain head: appended, never rewritten, beside the key. */
  get checkpointFile(): string {
    return path.join(path.dirname(this.file), 'audit-checkpoints.log');
  }

  mac(text: string): string {
    return createHmac(this.algorithm === 'hmac-sm3' ? 'sm3' : 'sha256', this.secret)
      .update(text)
      .digest('hex');
  }

  /** Reads the key file; null when there is none. A damaged file is an error, never silently replaced. */
  static async read(file: string): Promise<AuditKey | null> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let content: KeyFileContent;
    try {
      content = JSON.parse(text) as KeyFileContent;
    } catch {
      throw new AppError('AUDIT_KEY_CORRUPT', { file });
    }
    const secret = Buffer.from(content.key ?? '', 'base64');
    if (content.format !== 'govportal-audit-key' || secret.length < 32) {
      throw new AppError('AUDIT_KEY_CORRUPT', { file });
    }
    return new AuditKey(file, content.algorithm, secret, content.createdAt, content.keyedFromId ?? null);
  }

  /** Creates a new key file (owner-only). Another process creating it at the same moment wins; its key is used. */
  static async create(file: string, now: Date): Promise<AuditKey> {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const content: KeyFileContent = {
      format: 'govportal-audit-key',
      version: 1,
      algorithm: getHashes().includes('sm3') ? 'hmac-sm3' : 'hmac-sha256',
      key: randomBytes(32).toString('base64'),
      createdAt: now.toISOString(),
      keyedFromId: null,
    };
    try {
      await fs.writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const key = await AuditKey.read(file);
    if (!key) throw new AppError('AUDIT_KEY_CORRUPT', { file });
    return key;
  }

  /** Records (once) the first keyed record; written to a temporary file and renamed, so it is never half-written. */
  async saveKeyedFrom(id: number): Promise<void> {
    this.keyedFrom = id;
    const content: KeyFileContent = {
      format: 'govportal-audit-key',
      version: 1,
      algorithm: this.algorithm,
      key: this.secret.toString('base64'),
      createdAt: this.createdAt,
      keyedFromId: id,
    };
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.file);
  }
}
