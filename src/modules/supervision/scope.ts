// Who sees which supervision records: a 监管人员 (supervisor) is granted per supervising office — the platform site
// whose registry, plans and results they keep — or for every office (a grant without a site). Every supervision
// row carries its office as owner_site_id.
import type { RoleGrant } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';

export interface SupervisionScope {
  all: boolean;
  siteIds: readonly number[];
}

export function supervisionScopeOf(grants: readonly RoleGrant[]): SupervisionScope {
  const own = grants.filter((g) => g.role === 'supervisor');
  return {
    all: own.some((g) => g.siteId === null),
    siteIds: [...new Set(own.flatMap((g) => (g.siteId === null ? [] : [g.siteId])))],
  };
}

export const inSupervisionScope = (scope: SupervisionScope, ownerSiteId: number): boolean =>
  scope.all || scope.siteIds.includes(ownerSiteId);

export function assertSupervises(scope: SupervisionScope, ownerSiteId: number): void {
  if (!inSupervisionScope(scope, ownerSiteId)) throw new AppError('SUPERVISION_OUT_OF_SCOPE');
}
