// The export's manifest.json: every exported file with its SHA-256 and size, signed with an HMAC key that is
// kept in the installation's database (settings `export.manifestKey`), so whoever can edit the files on the web
// server cannot make the manifest agree with the edits.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import { MANIFEST_FILE } from './export-paths.ts';

export const MANIFEST_FORMAT = 'govportal-static-export';
export const MANIFEST_VERSION = 1;
export const MANIFEST_KEY_SETTING = 'export.manifestKey';
const SIGNATURE_ALG = 'HMAC-SHA256';

export interface FileEntry {
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  createdAt: string;
  site: { id: number; code: string; name: string };
  /** Origin of the absolute URLs in the pages (sitemap.xml, RSS, ArticleUrl). */
  baseUrl: string;
  /** '' or `/site/<code>` when the site has no domain of its own and is served under its cluster's host. */
  prefix: string;
  /** Internal URLs that answer with a redirect (written into nginx.conf.example). */
  redirects: Record<string, string>;
  /** Relative path (`/`-separated, as on disk) → digest; sorted by path. */
  files: Record<string, FileEntry>;
  signature?: { alg: typeof SIGNATURE_ALG; value: string };
}

export type SignatureStatus = 'valid' | 'invalid' | 'unsigned' | 'no-key';

/** JSON with object keys sorted at every level: the bytes the signature covers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const mac = (key: Buffer, manifest: Manifest) => {
  const { signature: _ignored, ...rest } = manifest;
  return createHmac('sha256', key).update(canonicalJson(rest)).digest('hex');
};

/** The installation's manifest key; created (32 random bytes) on first use when `create` is set. */
export async function manifestKey(
  db: Db,
  at: string,
  create: boolean,
): Promise<{ key: Buffer; created: boolean } | null> {
  const stored = await readSetting<string>(db, MANIFEST_KEY_SETTING);
  if (stored) return { key: Buffer.from(stored, 'base64'), created: false };
  if (!create) return null;
  await writeSetting(db, MANIFEST_KEY_SETTING, randomBytes(32).toString('base64'), at);
  // Read back: if two first exports raced, both sign with the key that stayed.
  const kept = await readSetting<string>(db, MANIFEST_KEY_SETTING);
  return { key: Buffer.from(kept!, 'base64'), created: true };
}

export function sign(manifest: Manifest, key: Buffer): Manifest {
  return { ...manifest, signature: { alg: SIGNATURE_ALG, value: mac(key, manifest) } };
}

export function checkSignature(manifest: Manifest, key: Buffer | null): SignatureStatus {
  if (!manifest.signature || typeof manifest.signature.value !== 'string') return 'unsigned';
  if (!key) return 'no-key';
  const expected = Buffer.from(mac(key, manifest), 'hex');
  const actual = Buffer.from(manifest.signature.value, 'hex');
  return manifest.signature.alg === SIGNATURE_ALG &&
    actual.length === expected.length &&
    timingSafeEqual(actual, expected)
    ? 'valid'
    : 'invalid';
}

export function sortedFiles(files: Map<string, FileEntry> | Record<string, FileEntry>): Record<string, FileEntry> {
  const entries = files instanceof Map ? [...files.entries()] : Object.entries(files);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when two manifests list the same files with the same digests. */
export function sameFiles(a: Record<string, FileEntry>, b: Record<string, FileEntry>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => b[k] !== undefined && b[k]!.sha256 === a[k]!.sha256 && b[k]!.size === a[k]!.size);
}

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

export type ReadManifest =
  | { status: 'ok'; manifest: Manifest }
  | { status: 'missing' }
  | { status: 'unreadable'; reason: string };

/** Reads `dir/manifest.json` and checks its shape (not its signature). */
export async function readManifest(dir: string): Promise<ReadManifest> {
  let text: string;
  try {
    const file = path.join(dir, MANIFEST_FILE);
    const stat = await fs.lstat(file);
    if (!stat.isFile()) return { status: 'unreadable', reason: 'manifest.json 不是普通文件' };
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'unreadable', reason: (error as Error).message };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { status: 'unreadable', reason: 'manifest.json 不是有效的 JSON' };
  }
  const m = parsed as Partial<Manifest> | null;
  if (
    !m ||
    m.format !== MANIFEST_FORMAT ||
    m.version !== MANIFEST_VERSION ||
    typeof m.files !== 'object' ||
    m.files === null ||
    !m.site
  ) {
    return { status: 'unreadable', reason: `manifest.json 不是 ${MANIFEST_FORMAT} 第 ${MANIFEST_VERSION} 版清单` };
  }
  for (const [name, entry] of Object.entries(m.files)) {
    if (
      !entry ||
      typeof entry.sha256 !== 'string' ||
      typeof entry.size !== 'number' ||
      name.startsWith('/') ||
      name.split('/').some((s) => s === '..' || s === '')
    ) {
      return { status: 'unreadable', reason: `manifest.json 中的条目 ${name} 无效` };
    }
  }
  return { status: 'ok', manifest: { redirects: {}, prefix: '', baseUrl: '', ...m } as Manifest };
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
