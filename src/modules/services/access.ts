// Who may do what in online services, beyond the route's capability: editors keep the items and guides of their
// own department, the site administrator every item of the site; window staff handle their department's
// applications, leaders also see what is escalated to them. And the one change signal of the module.
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/auth/roles.ts';
import type { AuthContext } from '../auth/auth.service.ts';

export const isSiteAdmin = (auth: Pick<AuthContext, 'grants'>, siteId: number): boolean =>
  auth.grants.some((g) => g.role === 'site_admin' && (g.siteId === null || g.siteId === siteId));

export function assertOnSite(
  auth: AuthContext,
  capability: 'service.manage' | 'service.handle' | 'service.view',
  siteId: number,
) {
  if (!can(auth.grants, capability, siteId)) throw new AppError('FORBIDDEN');
}

/** Items and guides: the site administrator, or an editor of the responsible department. */
export function assertItemWriter(auth: AuthContext, item: { site_id: number; department_id: number }, name: string) {
  assertOnSite(auth, 'service.manage', item.site_id);
  if (isSiteAdmin(auth, item.site_id)) return;
  if (auth.departmentId !== item.department_id) throw new AppError('SERVICE_NOT_YOUR_DEPARTMENT', { department: name });
}

/** Applications and rectifications: the site administrator, or handling staff of the responsible department. */
export function assertHandler(auth: AuthContext, record: { site_id: number; department_id: number }, name: string) {
  assertOnSite(auth, 'service.handle', record.site_id);
  if (isSiteAdmin(auth, record.site_id)) return;
  if (auth.departmentId !== record.department_id)
    throw new AppError('SERVICE_NOT_YOUR_DEPARTMENT', { department: name });
}

/** The departments whose records a staff member sees: all (site administrator) or their own. */
export const departmentScope = (auth: AuthContext, siteId: number): number[] | null =>
  isSiteAdmin(auth, siteId) ? null : auth.departmentId === null ? [] : [auth.departmentId];

export type SiteChangeListener = (siteId: number) => void | Promise<void>;

/** Listeners of the module's public changes (items, guides, themes, statistics): the portal drops cached pages. */
export class ServiceChanges {
  private readonly listeners: SiteChangeListener[] = [];

  on(listener: SiteChangeListener): void {
    this.listeners.push(listener);
  }

  async emit(siteId: number): Promise<void> {
    for (const l of this.listeners) await l(siteId);
  }
}
