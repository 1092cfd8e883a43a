// Static files of the public site (src/modules/portal/assets/), read once at start-up and served at
// /assets/<name>.<hash>.<ext> with a year-long immutable cache: a changed file gets a new URL.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { makePage, type CachedPage } from './portal-cache.ts';

export const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
export const ASSET_PREFIX = '/assets/';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Asset {
  /** Source file name, e.g. `portal.css`. */
  name: string;
  /** Served file name, e.g. `portal.1a2b3c4d5e.css`. */
  fileName: string;
  url: string;
  contentType: string;
  body: Buffer;
  /** The asset as a cacheable response: its ETag and, once asked for, its compressed variants. */
  page: CachedPage;
}

export class AssetManifest {
  private readonly byName = new Map<string, Asset>();
  private readonly byFile = new Map<string, Asset>();

  constructor(files: { name: string; body: Buffer }[]) {
    for (const { name, body } of files) {
      const ext = path.extname(name).toLowerCase();
      const contentType = TYPES[ext];
      if (!contentType) continue;
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
      const fileName = `${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
      const asset: Asset = {
        name,
        fileName,
        url: `${ASSET_PREFIX}${fileName}`,
        contentType,
        body,
        page: makePage(body, contentType),
      };
      this.byName.set(name, asset);
      this.byFile.set(fileName, asset);
    }
  }

  /** Reads every file of the directory (not recursive). */
  static load(dir: string = ASSET_DIR): AssetManifest {
    const files = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => ({ name: e.name, body: fs.readFileSync(path.join(dir, e.name)) }));
    return new AssetManifest(files);
  }

  /** The content-hashed URL of a source file, e.g. `url('portal.css')` → `/assets/portal.1a2b3c4d5e.css`. */
  url(name: string): string {
    const asset = this.byName.get(name);
    if (!asset) throw new Error(`unknown portal asset: ${name}`);
    return asset.url;
  }

  /** The asset served under a hashed file name, if any. */
  file(fileName: string): Asset | undefined {
    return this.byFile.get(fileName);
  }

  list(): Asset[] {
    return [...this.byName.values()];
  }
}
