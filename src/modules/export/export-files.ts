// The export directory on disk: its current state (every entry with its digest, without following links),
// and bringing it in line with a manifest — files replaced in one rename, so readers never see half a file,
// anything not listed removed — through a staging directory that is always cleaned up.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Progress } from '../../platform/backup/backup.ts';
import { AppError } from '../../platform/errors.ts';
import { MANIFEST_FILE } from './export-paths.ts';
import { type FileEntry, type Manifest, manifestText, readManifest } from './manifest.ts';

export const noProgress: Progress = () => undefined;
export const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------- the directory's current state ----------

export type Entry = { kind: 'file'; sha256: string; size: number } | { kind: 'symlink' | 'other' | 'dir' };

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Every entry under `dir` except the root's manifest.json, without following symbolic links: files with their
 * digest, symbolic links and special files as such, and empty directories (as `path/`).
 */
export async function scanDir(dir: string, progress: Progress = noProgress): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  const walk = async (abs: string, rel: string): Promise<void> => {
    const entries = await fs.readdir(abs, { withFileTypes: true });
    if (entries.length === 0 && rel) out.set(`${rel}/`, { kind: 'dir' });
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const childAbs = path.join(abs, e.name);
      if (!rel && e.name === MANIFEST_FILE && e.isFile()) continue;
      if (e.isDirectory()) await walk(childAbs, childRel);
      else if (e.isSymbolicLink()) out.set(childRel, { kind: 'symlink' });
      else if (e.isFile()) {
        const stat = await fs.stat(childAbs);
        out.set(childRel, { kind: 'file', sha256: await hashFile(childAbs), size: stat.size });
        progress('校验文件', out.size, out.size);
      } else out.set(childRel, { kind: 'other' });
    }
  };
  try {
    await walk(dir, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return out;
}

/** An empty directory (`dir/`) that a listed file would live in: not an addition, just where a file is missing. */
export const holdsListed = (rel: string, files: Record<string, FileEntry>) =>
  rel.endsWith('/') && Object.keys(files).some((f) => f.startsWith(rel));

export const matches = (entry: Entry | undefined, expected: FileEntry) =>
  !!entry && entry.kind === 'file' && entry.sha256 === expected.sha256 && entry.size === expected.size;

// ---------- bringing a directory in line ----------

export interface SyncResult {
  /** Present but not published: removed. */
  removed: string[];
  /** Present with other content: replaced by the published version. */
  replaced: string[];
  /** Published but absent: written. */
  created: string[];
}

async function removeEmptyDirs(dir: string, isRoot = true): Promise<boolean> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  let empty = true;
  for (const e of entries) {
    if (e.isDirectory() && (await removeEmptyDirs(path.join(dir, e.name), false))) continue;
    empty = false;
  }
  if (empty && !isRoot) await fs.rmdir(dir);
  return empty;
}

/** Replaces `dest` with a copy of `src` in one rename, so readers never see half a file. */
async function placeFile(src: string, dest: string): Promise<void> {
  await fs.mkdir(path.dirname(dest), { recursive: true });
  const tmp = path.join(path.dirname(dest), `.govportal-tmp-${randomBytes(6).toString('hex')}`);
  await fs.copyFile(src, tmp);
  try {
    await fs.rename(tmp, dest);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'ENOTEMPTY' && code !== 'EEXIST') {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    await fs.rm(dest, { recursive: true, force: true });
    await fs.rename(tmp, dest);
  }
}

/**
 * Makes `dir` hold exactly `files` (besides manifest.json), taking their content from `staging`: removes what is
 * not listed (without following links), then writes what is missing or differs.
 */
export async function syncDir(
  staging: string,
  dir: string,
  files: Record<string, FileEntry>,
  current: Map<string, Entry>,
  progress: Progress,
): Promise<SyncResult> {
  const result: SyncResult = { removed: [], replaced: [], created: [] };
  await fs.mkdir(dir, { recursive: true });
  for (const rel of [...current.keys()].sort(byPath).reverse()) {
    if (files[rel] || holdsListed(rel, files)) continue;
    await fs.rm(path.join(dir, ...rel.split('/').filter(Boolean)), { recursive: true, force: true });
    result.removed.push(rel);
  }
  await removeEmptyDirs(dir);
  const names = Object.keys(files).sort(byPath);
  let done = 0;
  for (const rel of names) {
    const entry = current.get(rel);
    if (!matches(entry, files[rel]!)) {
      const src = path.join(staging, ...rel.split('/'));
      const actual = await hashFile(src);
      if (actual !== files[rel]!.sha256) throw new AppError('EXPORT_REBUILD_MISMATCH', { file: rel });
      await placeFile(src, path.join(dir, ...rel.split('/')));
      (entry ? result.replaced : result.created).push(rel);
    }
    done += 1;
    if (done % 50 === 0 || done === names.length) progress('写入文件', done, names.length);
  }
  result.removed.sort(byPath);
  return result;
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const tmp = path.join(dir, `.govportal-tmp-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(tmp, manifestText(manifest));
  await fs.rename(tmp, path.join(dir, MANIFEST_FILE));
}

export async function withStaging<T>(fn: (staging: string) => Promise<T>): Promise<T> {
  const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'govportal-export-'));
  try {
    return await fn(staging);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Refuses to write into a directory that holds anything but an earlier export: its other files would be removed. */
export async function checkOutDir(dir: string): Promise<void> {
  let entries: string[];
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new AppError('EXPORT_NOT_A_DIRECTORY', { dir });
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length === 0) return;
  const found = await readManifest(dir);
  if (found.status !== 'ok') {
    throw new AppError('EXPORT_DIR_FOREIGN', { dir, manifest: MANIFEST_FILE });
  }
}
