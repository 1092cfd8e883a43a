// Static export of the public site and tamper detection (2019 指标: a site whose pages were tampered with and
// not handled is vetoed).
//
// export:  builds the application, crawls it (crawler.ts) into a staging directory, then brings the output
//          directory in line with it (changed files are replaced atomically, stale ones removed) and writes the
//          signed manifest.json and nginx.conf.example.
// verify:  compares a directory with its manifest: added, changed and missing files, and the manifest's
//          signature (HMAC with the key kept in the database, so the manifest cannot be edited along with them).
// restore: exports again from the database into a staging directory and puts the published versions back.
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import type { Progress } from '../../platform/backup/backup.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { buildApp } from '../../app.ts';
import { fileUrl } from '../files/files.service.ts';
import { AssetManifest } from '../portal/assets.ts';
import { cspFor } from '../portal/page-kit.ts';
import { PortalRegistry } from '../portal/portal-registry.ts';
import { crawl, writeFileIn, type CrawlProblem } from './crawler.ts';
import { NGINX_FILE, NOT_FOUND_FILE } from './export-paths.ts';
import {
  type SyncResult,
  byPath,
  checkOutDir,
  holdsListed,
  matches,
  noProgress,
  scanDir,
  syncDir,
  withStaging,
  writeManifest,
} from './export-files.ts';
import { type ExportTarget, rememberTarget, resolveTarget, targetRecords } from './export-target.ts';
import {
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  checkSignature,
  manifestKey,
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

export { TARGETS_SETTING, resolveTarget, type ExportTarget, type ExportTargetRecord } from './export-target.ts';
export { scanDir, type Entry, type SyncResult } from './export-files.ts';

/**
 * The application the export crawls: built as `serve` builds it, with the export's base URL for absolute links.
 * It lives for one crawl, so it does not subscribe to the installation's change events (it starts with an empty
 * page cache and reads the database as it is); its modules register their public pages into a registry of its
 * own.
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
    portal: PortalRegistry.forSnapshot(),
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
    throw new AppError('EXPORT_NO_RECORD', { dir });
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
