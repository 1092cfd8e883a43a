// Which site an export is of and how the application is asked for its pages (host, /site/<code> prefix,
// base URL of absolute links), and the record of what was exported into each directory, kept in the database
// so a restore never has to trust the manifest for it.
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import { stripPort } from '../portal/meta.ts';
import { clusterRootOf, mainSite, resolveSite } from '../portal/site-resolver.ts';
import type { SiteView } from '../sites/sites.schema.ts';

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

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('EXPORT_BASE_URL_INVALID', { url: raw });
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw new AppError('EXPORT_BASE_URL_SHAPE', { url: raw });
  }
  return url.origin;
}

/** Which site to export, and how to ask the application for its pages. */
export async function resolveTarget(ctx: AppContext, siteCode?: string, baseUrl?: string): Promise<ExportTarget> {
  const sites = await ctx.sites.list();
  const site = siteCode ? sites.find((s) => s.code === siteCode) : mainSite(sites);
  if (!site) throw siteCode ? new AppError('EXPORT_SITE_UNKNOWN', { code: siteCode }) : new AppError('EXPORT_NO_SITE');
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
  if (!host) throw new AppError('EXPORT_SITE_UNREACHABLE', { code: site.code });
  const base = baseUrl
    ? normaliseBaseUrl(baseUrl)
    : (ctx.config.publicBaseUrl ?? (host === 'localhost' ? 'http://localhost' : `https://${host}`));
  return { site, host, prefix, baseUrl: base };
}

/** What was exported into each directory (absolute path). */
export async function targetRecords(ctx: AppContext): Promise<Record<string, ExportTargetRecord>> {
  return (await readSetting<Record<string, ExportTargetRecord>>(ctx.db, TARGETS_SETTING)) ?? {};
}

export async function rememberTarget(ctx: AppContext, dir: string, record: ExportTargetRecord): Promise<void> {
  const records = await targetRecords(ctx);
  records[dir] = record;
  await writeSetting(ctx.db, TARGETS_SETTING, records, ctx.clock.now().toISOString());
}
