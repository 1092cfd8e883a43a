// Static export of the public site and tamper detection (2019 指标: a site whose pages were tampered with and
// not handled is vetoed).
//
// export:  builds the application, crawls it (crawler.ts) into a staging directory, then brings the output
//          directory in line with it (changed files are replaced atomically, stale ones removed) and writes the
//          signed manifest.json and nginx.conf.example.
// verify:  compares a directory with its manifest: added, changed and missing files, and the manifest's
//          signature (HMAC with the key kept in the database, so the manifest cannot be edited along with them).
// restore: exports again from the database into a staging directory and puts the published versions back.
import fs from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { Progress } from '../../platform/backup/backup.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import { buildApp } from '../../app.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import { fileUrl } from '../files/files.service.ts';
import { AssetManifest } from '../portal/assets.ts';
import { cspFor } from '../portal/page-kit.ts';
import { clusterRootOf, mainSite, resolveSite } from '../portal/site-resolver.ts';
import { stripPort } from '../portal/meta.ts';
import { crawl, writeFileIn, type CrawlProblem } from './crawler.ts';
import { MANIFEST_FILE, NGINX_FILE, NOT_FOUND_FILE } from './export-paths.ts';
import {
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  checkSignature,
  manifestKey,
  manifestText,
  readManifest,
  sameFiles,
  sha256,
  sign,
  sortedFiles,
  type FileEntry,
  type Manifest,
  type SignatureStatus,
} from './manifest.ts';
import { nginxConfig } from './nginx.ts';
import { publishedFiles } from './export.repository.ts';

/** Per output directory (absolute path): what was exported there, so a restore never trusts the manifest for it. */
export const TARGETS_SETTING = 'export.targets';

export interface ExportTargetRecord {
  siteCode: string;
  baseUrl: string;
  exportedAt: string;
}

export interface ExportTarget {
  site: SiteView;
  /** Host header the crawl sends. */
  host: string;
  prefix: string;
  baseUrl: string;
}

const noProgress: Progress = () => undefined;
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('BAD_REQUEST', `基础地址 ${raw} 不是有效的网址`);
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw new AppError('BAD_REQUEST', `基础地址只能是“协议://域名[:端口]”，实际为 ${raw}`);
  }
  return url.origin;
}

/** Which site to export, and how to ask the application for its pages. */
export async function resolveTarget(ctx: AppContext, siteCode?: string, baseUrl?: string): Promise<ExportTarget> {
  const sites = await ctx.sites.list();
  const site = siteCode ? sites.find((s) => s.code === siteCode) : mainSite(sites);
  if (!site)
    throw new AppError('NOT_FOUND', siteCode ? `站点 ${siteCode} 不存在` : '还没有站点，请先执行 govportal init');
  const answers = (host: string, prefix: string) => {
    const match = resolveSite(sites, host, `${prefix}/`);
    return !!match && match.site.id === site.id && match.redirect === undefined;
  };
  const hostsOf = (s: SiteView) => [...s.domains.map(stripPort).filter(Boolean), 'localhost'];
  let host = hostsOf(site).find((h) => answers(h, ''));
  let prefix = '';
  if (!host) {
    prefix = `/site/${site.code}`;
    host = hostsOf(clusterRootOf(sites, site)).find((h) => answers(h, prefix));
  }
  if (!host)
    throw new AppError('BAD_REQUEST', `站点 ${site.code} 没有自己的域名，也不在任何站点集群中，无法确定访问地址`);
  const base = baseUrl
    ? normaliseBaseUrl(baseUrl)
    : (ctx.config.publicBaseUrl ?? (host === 'localhost' ? 'http://localhost' : `https://${host}`));
  return { site, host, prefix, baseUrl: base };
}

/**
 * The application the export crawls: built as `serve` builds it, with the export's base URL for absolute links.
 * It lives for one crawl, so it does not subscribe to the installation's change events (it starts with an empty
 * page cache and reads the database as it is).
 */
async function exportApp(ctx: AppContext, baseUrl: string) {
  const quiet = <T extends object>(service: T): T =>
    Object.create(service, { onChange: { value: () => undefined } }) as T;
  const exportCtx: AppContext = {
    ...ctx,
    config: { ...ctx.config, publicBaseUrl: baseUrl },
    sites: quiet(ctx.sites),
    columns: quiet(ctx.columns),
    publication: quiet(ctx.publication),
  };
  return buildApp(exportCtx, { logger: false });
}

/**
 * The URL whose 404 page becomes 404.html. The page links to the care-mode switch with itself as the way back,
 * so `/404.html` is asked for (nginx answers it, from outside, with the same page), unless it is a content page.
 */
async function notFoundUrl(app: Awaited<ReturnType<typeof exportApp>>, target: ExportTarget): Promise<string> {
  const url = `${target.prefix}/${NOT_FOUND_FILE}`;
  const res = await app.inject({ method: 'GET', url, headers: { host: target.host } });
  return res.statusCode === 404 ? url : `${target.prefix}/govportal-export-404/`;
}

interface Generated {
  files: Map<string, FileEntry>;
  redirects: Map<string, string>;
  broken: CrawlProblem[];
  skipped: CrawlProblem[];
}

/** Crawls the site into `staging` (an empty directory) and adds nginx.conf.example. */
async function generate(
  ctx: AppContext,
  target: ExportTarget,
  staging: string,
  outDir: string,
  progress: Progress,
): Promise<Generated> {
  const app = await exportApp(ctx, target.baseUrl);
  try {
    const { prefix } = target;
    const seeds = [
      `${prefix}/`,
      `${prefix}/sitemap/`,
      `${prefix}/sitemap.xml`,
      ...(prefix ? [] : ['/robots.txt', '/favicon.ico']),
      ...AssetManifest.load()
        .list()
        .map((a) => a.url),
      ...(await publishedFiles(ctx.db, target.site.id)).map((f) => fileUrl(f)),
    ];
    const result = await crawl({
      app,
      host: target.host,
      baseUrl: target.baseUrl,
      seeds,
      outDir: staging,
      progress,
      notFound: { url: await notFoundUrl(app, target), file: NOT_FOUND_FILE },
    });
    const redirects = Object.fromEntries([...result.redirects.entries()].sort(([a], [b]) => byPath(a, b)));
    const conf = nginxConfig({
      siteName: target.site.name,
      siteCode: target.site.code,
      domains: prefix ? [] : target.site.domains,
      dir: outDir,
      redirects,
      csp: cspFor(target.site),
    });
    await writeFileIn(staging, NGINX_FILE, conf);
    result.files.set(NGINX_FILE, { sha256: sha256(conf), size: Buffer.byteLength(conf) });
    return result;
  } finally {
    await app.close();
  }
}

// ---------- the directory's current state ----------

export type Entry = { kind: 'file'; sha256: string; size: number } | { kind: 'symlink' | 'other' | 'dir' };

async function hashFile(file: string): Promise<string> {
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
const holdsListed = (rel: string, files: Record<string, FileEntry>) =>
  rel.endsWith('/') && Object.keys(files).some((f) => f.startsWith(rel));

const matches = (entry: Entry | undefined, expected: FileEntry) =>
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
async function syncDir(
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
      if (actual !== files[rel]!.sha256) throw new AppError('INTERNAL', `重新生成的 ${rel} 与清单不一致`);
      await placeFile(src, path.join(dir, ...rel.split('/')));
      (entry ? result.replaced : result.created).push(rel);
    }
    done += 1;
    if (done % 50 === 0 || done === names.length) progress('写入文件', done, names.length);
  }
  result.removed.sort(byPath);
  return result;
}

async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const tmp = path.join(dir, `.govportal-tmp-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(tmp, manifestText(manifest));
  await fs.rename(tmp, path.join(dir, MANIFEST_FILE));
}

async function targetRecords(ctx: AppContext): Promise<Record<string, ExportTargetRecord>> {
  return (await readSetting<Record<string, ExportTargetRecord>>(ctx.db, TARGETS_SETTING)) ?? {};
}

async function rememberTarget(ctx: AppContext, dir: string, record: ExportTargetRecord): Promise<void> {
  const records = await targetRecords(ctx);
  records[dir] = record;
  await writeSetting(ctx.db, TARGETS_SETTING, records, ctx.clock.now().toISOString());
}

async function withStaging<T>(fn: (staging: string) => Promise<T>): Promise<T> {
  const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'govportal-export-'));
  try {
    return await fn(staging);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Crawls the target and signs the manifest of what was written into `staging`. */
async function build(ctx: AppContext, target: ExportTarget, staging: string, dir: string, progress: Progress) {
  const createdAt = ctx.clock.now().toISOString();
  const generated = await generate(ctx, target, staging, dir, progress);
  const keyed = (await manifestKey(ctx.db, createdAt, true))!;
  const manifest = sign(
    {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      createdAt,
      site: { id: target.site.id, code: target.site.code, name: target.site.name },
      baseUrl: target.baseUrl,
      prefix: target.prefix,
      redirects: Object.fromEntries([...generated.redirects.entries()].sort(([a], [b]) => byPath(a, b))),
      files: sortedFiles(generated.files),
    },
    keyed.key,
  );
  return { manifest, generated, keyCreated: keyed.created };
}

// ---------- export ----------

export interface ExportOptions {
  out: string;
  site?: string;
  baseUrl?: string;
  actor?: Actor;
  progress?: Progress;
}

export interface ExportResult {
  dir: string;
  manifest: Manifest;
  files: number;
  bytes: number;
  sync: SyncResult;
  broken: CrawlProblem[];
  skipped: CrawlProblem[];
  redirects: Record<string, string>;
  keyCreated: boolean;
}

/** Refuses to write into a directory that holds anything but an earlier export: its other files would be removed. */
async function checkOutDir(dir: string): Promise<void> {
  let entries: string[];
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new AppError('BAD_REQUEST', `${dir} 不是目录`);
    entries = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length === 0) return;
  const found = await readManifest(dir);
  if (found.status !== 'ok') {
    throw new AppError(
      'BAD_REQUEST',
      `目录 ${dir} 不是空目录，也不是本平台的导出目录（没有有效的 ${MANIFEST_FILE}）；请指定空目录`,
    );
  }
}

export async function exportSite(ctx: AppContext, options: ExportOptions): Promise<ExportResult> {
  const dir = path.resolve(options.out);
  const progress = options.progress ?? noProgress;
  await checkOutDir(dir);
  const target = await resolveTarget(ctx, options.site, options.baseUrl);
  return withStaging(async (staging) => {
    const { manifest, generated, keyCreated } = await build(ctx, target, staging, dir, progress);
    const sync = await syncDir(staging, dir, manifest.files, await scanDir(dir), progress);
    await writeManifest(dir, manifest);
    await rememberTarget(ctx, dir, {
      siteCode: target.site.code,
      baseUrl: target.baseUrl,
      exportedAt: manifest.createdAt,
    });
    const entries = Object.values(manifest.files);
    const bytes = entries.reduce((a, f) => a + f.size, 0);
    await ctx.audit.recordAlone(options.actor ?? SYSTEM_ACTOR, {
      action: 'export.create',
      targetType: 'static_export',
      targetId: dir,
      siteId: target.site.id,
      detail: {
        dir,
        baseUrl: target.baseUrl,
        files: entries.length,
        bytes,
        keyCreated,
        written: sync.created.length + sync.replaced.length,
        removed: sync.removed.length,
        brokenLinks: generated.broken.length,
      },
    });
    return {
      dir,
      manifest,
      files: entries.length,
      bytes,
      sync,
      broken: generated.broken,
      skipped: generated.skipped,
      redirects: manifest.redirects,
      keyCreated,
    };
  });
}

// ---------- verify ----------

export type ManifestStatus = SignatureStatus | 'missing' | 'unreadable';

export interface VerifyReport {
  dir: string;
  manifestStatus: ManifestStatus;
  /** Why the manifest could not be read. */
  reason?: string;
  manifest?: Manifest;
  added: string[];
  changed: string[];
  missing: string[];
  checked: number;
  /** True when the manifest is genuine and the directory holds exactly its files. */
  ok: boolean;
}

export async function verifyExport(
  ctx: AppContext,
  dirArg: string,
  progress: Progress = noProgress,
): Promise<VerifyReport> {
  const dir = path.resolve(dirArg);
  const found = await readManifest(dir);
  const current = await scanDir(dir, progress);
  if (found.status !== 'ok') {
    return {
      dir,
      manifestStatus: found.status,
      ...(found.status === 'unreadable' ? { reason: found.reason } : {}),
      added: [...current.keys()].sort(byPath),
      changed: [],
      missing: [],
      checked: current.size,
      ok: false,
    };
  }
  const { manifest } = found;
  const key = await manifestKey(ctx.db, ctx.clock.now().toISOString(), false);
  const manifestStatus = checkSignature(manifest, key?.key ?? null);
  const added: string[] = [];
  const changed: string[] = [];
  const missing: string[] = [];
  for (const rel of current.keys()) if (!manifest.files[rel] && !holdsListed(rel, manifest.files)) added.push(rel);
  for (const [rel, expected] of Object.entries(manifest.files)) {
    const entry = current.get(rel);
    if (!entry) missing.push(rel);
    else if (!matches(entry, expected)) changed.push(rel);
  }
  added.sort(byPath);
  changed.sort(byPath);
  missing.sort(byPath);
  return {
    dir,
    manifestStatus,
    manifest,
    added,
    changed,
    missing,
    checked: current.size,
    ok: manifestStatus === 'valid' && added.length + changed.length + missing.length === 0,
  };
}

// ---------- restore ----------

export interface RestoreResult extends SyncResult {
  dir: string;
  /**
   * `manifest`: the database still publishes what the manifest lists, and the published versions were put back.
   * `republish`: the published content changed since the export (or the manifest cannot be trusted), so the
   * directory now holds a fresh export of the database, with a new manifest.
   */
  mode: 'manifest' | 'republish';
  before: VerifyReport;
  after: VerifyReport;
}

export async function restoreExport(
  ctx: AppContext,
  dirArg: string,
  options: { actor?: Actor; progress?: Progress; before?: VerifyReport } = {},
): Promise<RestoreResult> {
  const dir = path.resolve(dirArg);
  const progress = options.progress ?? noProgress;
  const before = options.before ?? (await verifyExport(ctx, dir, progress));
  const trusted = before.manifestStatus === 'valid' ? before.manifest! : null;
  // What was exported here: from the database, else from a genuine manifest; never from a forged one.
  const record =
    (await targetRecords(ctx))[dir] ??
    (trusted ? { siteCode: trusted.site.code, baseUrl: trusted.baseUrl, exportedAt: trusted.createdAt } : null);
  if (!record) {
    throw new AppError(
      'BAD_REQUEST',
      `没有目录 ${dir} 的导出记录，清单也无法验证，不能恢复；请用 govportal export --out ${dir} 重新导出`,
    );
  }
  const target = await resolveTarget(ctx, record.siteCode, record.baseUrl);
  const result = await withStaging(async (staging) => {
    const fresh = await build(ctx, target, staging, dir, progress);
    const keep =
      trusted !== null && trusted.site.id === target.site.id && sameFiles(trusted.files, fresh.manifest.files);
    const manifest = keep ? trusted : fresh.manifest;
    const current = await scanDir(dir);
    const sync = await syncDir(staging, dir, manifest.files, current, progress);
    if (!keep) {
      await writeManifest(dir, manifest);
      await rememberTarget(ctx, dir, {
        siteCode: target.site.code,
        baseUrl: target.baseUrl,
        exportedAt: manifest.createdAt,
      });
    }
    return { ...sync, mode: keep ? ('manifest' as const) : ('republish' as const) };
  });
  const after = await verifyExport(ctx, dir);
  await ctx.audit.recordAlone(options.actor ?? SYSTEM_ACTOR, {
    action: 'export.restore',
    targetType: 'static_export',
    targetId: dir,
    siteId: target.site.id,
    outcome: after.ok ? 'success' : 'failure',
    detail: {
      dir,
      mode: result.mode,
      manifest: before.manifestStatus,
      removed: result.removed.slice(0, 50),
      replaced: result.replaced.slice(0, 50),
      created: result.created.slice(0, 50),
      counts: { removed: result.removed.length, replaced: result.replaced.length, created: result.created.length },
    },
  });
  return { dir, ...result, before, after };
}
