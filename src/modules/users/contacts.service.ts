// Who to ask when a page is closed to someone: roles are granted by the system administrator (用户管理), and
// the site administrator of the asker's own site knows who should do what there. Named, so nobody has to
// guess; at most three of each.
import type { Db } from '../../platform/db/database.ts';
import { CAPABILITIES, ROLES, type Capability, type Role } from '../../platform/auth/roles.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { AccessContact, AccessContacts } from './contacts.schema.ts';
import * as repo from './contacts.repository.ts';

const HELPERS: Role[] = ['sys_admin', 'site_admin'];
const PER_ROLE = 3;

export class AccessContactsService {
  constructor(private readonly db: Db) {}

  async forPage(auth: AuthContext, capabilities: Capability[]): Promise<AccessContacts> {
    const roles = [...new Set(capabilities.flatMap((c) => CAPABILITIES[c] as readonly Role[]))];
    const siteIds = [...new Set(auth.grants.map((g) => g.siteId).filter((id): id is number => id !== null))];
    const rows = await repo.holdersOfRoles(this.db, HELPERS, siteIds);
    const contacts: AccessContact[] = [];
    const seen = new Set<number>();
    for (const role of HELPERS) {
      for (const r of rows.filter((x) => x.role === role && x.id !== auth.userId).slice(0, PER_ROLE)) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        contacts.push({ name: r.display_name, department: r.department_name, roleName: ROLES[role] });
      }
    }
    return { roles: roles.map((r) => ROLES[r]), contacts };
  }
}
