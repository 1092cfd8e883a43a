// Which sites a search covers: the site asked and its subordinate sites (recursively) — a parent site's search
// covers them — and, for the public API, the site a request's Host (and optional `scope` code) names.
import { AppError } from '../../platform/errors.ts';
import { clusterRootOf, siteForHost } from '../portal/site-resolver.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { SearchScope } from './search.presenter.ts';

export interface ScopeSites {
  site: SiteView;
  /** The site first, then its subordinate sites. */
  sites: SiteView[];
  all: SiteView[];
}

/** The site and its subordinate sites (recursively). Read for each search: a new site notifies no listener. */
export async function scopeSites(sitesService: SitesService, siteId: number): Promise<ScopeSites> {
  const all = await sitesService.list();
  const site = all.find((s) => s.id === siteId) ?? (await sitesService.get(siteId));
  const sites = [site];
  for (let i = 0; i < sites.length; i++)
    for (const s of all) if (s.parentId === sites[i]!.id && !sites.includes(s)) sites.push(s);
  return { site, sites, all };
}

/** The site a public API call searches: the Host's site, or another site of its cluster named by `code`. */
export async function scopeForHost(
  sitesService: SitesService,
  host: string | undefined,
  code: string | undefined,
): Promise<SearchScope> {
  const sites = await sitesService.list();
  const own = siteForHost(sites, host);
  if (!own) throw new AppError('SITE_NOT_SET_UP');
  if (!code || code === own.code) return { siteId: own.id, prefix: '' };
  const target = sites.find((s) => s.code === code);
  if (!target || clusterRootOf(sites, target).id !== clusterRootOf(sites, own).id)
    throw new AppError('SITE_CODE_UNKNOWN', { code });
  return { siteId: target.id, prefix: `/site/${target.code}` };
}
