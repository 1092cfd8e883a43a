// Uploaded files live on disk under the data directory, addressed by content hash, with a row in `files`.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';

export class FileStore {
  constructor(readonly root: string) {}

  /** Writes the bytes (once per distinct content) and returns the storage key. */
  async put(bytes: Buffer): Promise<{ key: string; sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${sha256}`;
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      await fs.writeFile(file, bytes, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return { key, sha256, size: bytes.length };
  }

  pathOf(key: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, key);
  }

  read(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }
}
