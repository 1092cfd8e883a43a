// Uploaded files, addressed by content (SHA-256), with a row in `files` naming them. Two stores:
//   - on disk under the data directory (the embedded SQLite installation, one node);
//   - in the database (`file_blobs` + `file_chunks`) when the installation runs on PostgreSQL, so every app node
//     serves every file. Files left on disk by an older version are still read from there until
//     `govportal files migrate` has copied them in.
// A file counts as present only when its bytes hash to its name: a write that failed half-way (disk full, a
// crash) leaves nothing that a later upload of the same content would reuse, and a damaged file is never served.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export interface StoredBytes {
  key: string;
  sha256: string;
  size: number;
}

export interface FileStore {
  readonly kind: 'disk' | 'database';
  /** Stores the bytes (once per distinct content) and returns the storage key. */
  put(bytes: Buffer): Promise<StoredBytes>;
  /** The bytes, checked against the key's hash. */
  read(key: string): Promise<Buffer>;
  /** Whether intact bytes for the key are stored. */
  has(key: string): Promise<boolean>;
}

const KEY = /^[0-9a-f]{2}\/([0-9a-f]{64})$/;

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
export const keyOf = (sha256: string): string => `${sha256.slice(0, 2)}/${sha256}`;

export function shaOfKey(key: string): string {
  const m = KEY.exec(key);
  if (!m) throw new Error(`invalid storage key ${key}`);
  return m[1];
}

/** A full disk or a read-only data directory is a condition of the server, answered 503 with its reason. */
export function storageError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new AppError('STORAGE_FULL');
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new AppError('STORAGE_READ_ONLY');
  return error;
}

/** The file-system calls the disk store makes; tests replace them to simulate a full disk. */
export interface DiskIo {
  writeFile(file: string, bytes: Buffer): Promise<void>;
}

const realIo: DiskIo = {
  async writeFile(file, bytes) {
    const handle = await fs.open(file, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export class DiskFileStore implements FileStore {
  readonly kind = 'disk' as const;

  constructor(
    readonly root: string,
    private readonly io: DiskIo = realIo,
  ) {}

  pathOf(key: string): string {
    shaOfKey(key);
    return path.join(this.root, key);
  }

  /** Temporary file → flushed → read back and hashed → renamed over the name: never a half-written file. */
  async put(bytes: Buffer): Promise<StoredBytes> {
    const sha256 = sha256Of(bytes);
    const key = keyOf(sha256);
    const stored = { key, sha256, size: bytes.length };
    const file = this.pathOf(key);
    if (await this.has(key)) return stored;
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await this.io.writeFile(temp, bytes);
      if (sha256Of(await fs.readFile(temp)) !== sha256) throw new AppError('FILE_DAMAGED', { key });
      await fs.rename(temp, file);
      return stored;
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw storageError(await this.explain(error));
    }
  }

  /** A recursive mkdir on a read-only file system can fail as ENOENT: ask the root itself what is wrong. */
  private async explain(error: unknown): Promise<unknown> {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EPERM') return error;
    try {
      await fs.access(this.root, fsConstants.W_OK);
      return error;
    } catch (reason) {
      return reason;
    }
  }

  async read(key: string): Promise<Buffer> {
    const bytes = await fs.readFile(this.pathOf(key));
    if (sha256Of(bytes) !== shaOfKey(key)) throw new AppError('FILE_DAMAGED', { key });
    return bytes;
  }

  async has(key: string): Promise<boolean> {
    try {
      return sha256Of(await fs.readFile(this.pathOf(key))) === shaOfKey(key);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** Every stored key (for `govportal files migrate`). */
  async *keys(): AsyncGenerator<string> {
    let dirs: string[];
    try {
      dirs = (await fs.readdir(this.root)).filter((d) => /^[0-9a-f]{2}$/.test(d)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const dir of dirs) {
      for (const name of (await fs.readdir(path.join(this.root, dir))).sort()) {
        if (/^[0-9a-f]{64}$/.test(name) && name.startsWith(dir)) yield `${dir}/${name}`;
      }
    }
  }
}

/** Chunks keep each row well under PostgreSQL's limits and let a large file stream in pieces. */
export const CHUNK_BYTES = 1024 * 1024;

export class DatabaseFileStore implements FileStore {
  readonly kind = 'database' as const;

  constructor(
    private readonly db: Kysely<Database>,
    /** Files written by an older version, read until they are migrated. */
    readonly legacy: DiskFileStore | null = null,
  ) {}

  /** The blob row and its chunks commit together: a reader never sees part of a file. */
  async put(bytes: Buffer): Promise<StoredBytes> {
    const sha256 = sha256Of(bytes);
    const stored = { key: keyOf(sha256), sha256, size: bytes.length };
    if (await this.blobExists(sha256)) return stored;
    const chunkCount = Math.max(1, Math.ceil(bytes.length / CHUNK_BYTES));
    await this.db.transaction().execute(async (trx) => {
      // A concurrent upload of the same content waits here for the other transaction, then does nothing.
      const inserted = await trx
        .insertInto('file_blobs')
        .values({ sha256, size: bytes.length, chunk_count: chunkCount, created_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .returning('sha256')
        .executeTakeFirst();
      if (!inserted) return;
      for (let seq = 0; seq < chunkCount; seq++) {
        const data = bytes.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES);
        await trx.insertInto('file_chunks').values({ sha256, seq, data }).execute();
      }
    });
    return stored;
  }

  async read(key: string): Promise<Buffer> {
    const sha256 = shaOfKey(key);
    const blob = await this.db
      .selectFrom('file_blobs')
      .select(['size', 'chunk_count'])
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!blob) {
      if (this.legacy) return this.legacy.read(key);
      throw Object.assign(new Error(`file ${key} not stored`), { code: 'ENOENT' });
    }
    const chunks = await this.db
      .selectFrom('file_chunks')
      .select('data')
      .where('sha256', '=', sha256)
      .orderBy('seq')
      .execute();
    const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.data)));
    if (chunks.length !== blob.chunk_count || sha256Of(bytes) !== sha256) throw new AppError('FILE_DAMAGED', { key });
    return bytes;
  }

  async has(key: string): Promise<boolean> {
    return (await this.inDatabase(key)) || ((await this.legacy?.has(key)) ?? false);
  }

  inDatabase(key: string): Promise<boolean> {
    return this.blobExists(shaOfKey(key));
  }

  private async blobExists(sha256: string): Promise<boolean> {
    return !!(await this.db.selectFrom('file_blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
  }
}

/** PostgreSQL installations keep files in the database (shared by every node); SQLite ones on disk. */
export function openFileStore(dataDir: string, db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): FileStore {
  const disk = new DiskFileStore(path.join(dataDir, 'files'));
  return dialect === 'postgres' ? new DatabaseFileStore(db, disk) : disk;
}

export interface MigrationReport {
  copied: number;
  present: number;
  damaged: string[];
}

/** Copies the files on disk into the database store (`govportal files migrate`); safe to run again. */
export async function migrateDiskToDatabase(
  disk: DiskFileStore,
  target: DatabaseFileStore,
  progress: (done: number) => void = () => {},
): Promise<MigrationReport> {
  const report: MigrationReport = { copied: 0, present: 0, damaged: [] };
  let done = 0;
  for await (const key of disk.keys()) {
    const bytes = await fs.readFile(disk.pathOf(key));
    if (sha256Of(bytes) !== shaOfKey(key)) report.damaged.push(key);
    else if (await target.inDatabase(key)) report.present += 1;
    else {
      await target.put(bytes);
      report.copied += 1;
    }
    done += 1;
    progress(done);
  }
  return report;
}
