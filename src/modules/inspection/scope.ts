// Who may see and change which inspection data. Runs, schedules and manual findings carry the platform site
// they were made for (site_id), or none when an arbitrary URL was inspected:
//   - an inspector of every site (检查员, grant without a site) inspects any URL and sees everything;
//   - a site administrator, or an inspector bound to a site, sees and changes only their sites' data;
//   - a site administrator of every site (grant without a site) handles every platform site, but not
//     arbitrary URLs (README: 站点管理员只能检查本站点).
// Single rows are checked with `requireInScope` (inspection-access.service.ts); the repository filters lists
// with the same rule.
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import { CAPABILITIES } from '../../platform/auth/roles.ts';

export interface InspectionScope {
  /** Runs of arbitrary URLs, not tied to a platform site (site_id null). */
  siteless: boolean;
  /** Every platform site. */
  allSites: boolean;
  /** The platform sites granted one by one (when not allSites). */
  siteIds: readonly number[];
}

export function scopeOf(grants: readonly RoleGrant[]): InspectionScope {
  const roles = CAPABILITIES['inspection.run'] as readonly string[];
  const relevant = grants.filter((g) => roles.includes(g.role));
  return {
    siteless: relevant.some((g) => g.role === 'inspector' && g.siteId === null),
    allSites: relevant.some((g) => g.siteId === null),
    siteIds: [...new Set(relevant.flatMap((g) => (g.siteId === null ? [] : [g.siteId])))],
  };
}

export function inScope(scope: InspectionScope, siteId: number | null): boolean {
  return siteId === null ? scope.siteless : scope.allSites || scope.siteIds.includes(siteId);
}

/** Sees everything: no filter needed. */
export const isUnlimited = (scope: InspectionScope): boolean => scope.siteless && scope.allSites;

/** Refuses (403) a row of a site outside the scope, or a site-less row to someone bound to sites. */
export function requireInScope(scope: InspectionScope, siteId: number | null | undefined): void {
  if (inScope(scope, siteId ?? null)) return;
  throw new AppError(siteId ? 'INSPECTION_OUT_OF_SCOPE' : 'INSPECTION_EXTERNAL_FORBIDDEN');
}
