// The demo's subordinate site (南江市政务服务中心, with its departments and columns) and the staff accounts of
// both demo sites, all created through the services.
import type { AppContext } from '../../../context.ts';
import { SYSTEM_ACTOR } from '../../../platform/audit/audit.service.ts';
import { hashPassword } from '../../../platform/auth/password.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { SiteView } from '../../sites/sites.schema.ts';
import { DEMO_ACCOUNT_SPECS } from './people.ts';
import { ZWFW_COLUMNS, ZWFW_DEPARTMENTS, zwfwSite, type DemoColumn } from './zwfw.ts';

/**
 * The one password of every demo staff account. Demo only: the accounts are created with
 * must_change_password = 0 so a visitor can log in as any of them at once; a real installation never has them
 * (they exist only after `--init-demo` / `init --demo`).
 */
export const DEMO_STAFF_PASSWORD = 'Demo-Passw0rd!';

export async function createSubSite(seed: AppContext, siteId: number): Promise<SiteView> {
  const sub = await seed.sites.create(SYSTEM_ACTOR, zwfwSite(siteId));
  const subDepartments = new Map<string, number>();
  for (const name of ZWFW_DEPARTMENTS)
    subDepartments.set(name, (await seed.departments.create(SYSTEM_ACTOR, sub.id, name)).id);
  const createColumns = async (nodes: DemoColumn[], parentId: number | null): Promise<void> => {
    for (const c of nodes) {
      const created = await seed.columns.create(SYSTEM_ACTOR, sub.id, {
        parentId,
        name: c.name,
        fullName: null,
        slug: c.slug,
        columnType: c.columnType,
        kind: c.kind,
        linkUrl: null,
        description: c.description,
        keywords: [c.name, c.columnType].join(','),
        visible: true,
        leadDepartmentId: c.lead ? subDepartments.get(c.lead)! : null,
        cooperatingDepartmentIds: [],
        openCooperation: false,
        maxUpdateDays: c.maxUpdateDays,
      });
      await createColumns(c.children ?? [], created.id);
    }
  };
  await createColumns(ZWFW_COLUMNS, null);
  return sub;
}

/**
 * The demo staff of both sites, each as the seeder acts for them (built as AuthService.authenticate builds a
 * staff member, without a session).
 */
export async function createDemoStaff(
  seed: AppContext,
  siteIdOf: { main: number; zwfw: number },
  now: Date,
): Promise<Map<string, AuthContext>> {
  const departmentIds = async (site: 'main' | 'zwfw') =>
    new Map((await seed.departments.list(siteIdOf[site])).map((d) => [d.name, d.id] as const));
  const deptIds = { main: await departmentIds('main'), zwfw: await departmentIds('zwfw') };
  // One argon2 hash for all demo accounts (they share the published demo password): hashing costs ~0.1 s per
  // account on a small server, and the demo runs on every `npm start` of a fresh clone and in many tests.
  // Demo only: the accounts work at once with the published demo password (no first-login change), and the
  // password counts as set today so it does not expire under the password policy the moment the demo starts.
  const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
  const auths = new Map<string, AuthContext>();
  for (const spec of DEMO_ACCOUNT_SPECS) {
    const departmentId = spec.department ? deptIds[spec.site].get(spec.department) : null;
    if (departmentId === undefined) throw new Error(`demo department ${spec.department} missing`);
    const grants = [{ role: spec.role, siteId: spec.role === 'secrecy_reviewer' ? null : siteIdOf[spec.site] }];
    const input = { username: spec.username, displayName: spec.displayName, departmentId, email: null, roles: grants };
    const userId = await seed.users.createWithPasswordHash(SYSTEM_ACTOR, input, passwordHash, {
      mustChangePassword: false,
      passwordChangedAt: now.toISOString(),
    });
    // Built as AuthService.authenticate builds it, without a session: the seeder acts for these people directly.
    auths.set(spec.username, {
      userId,
      username: spec.username,
      displayName: spec.displayName,
      departmentId,
      grants,
      sessionId: 'demo-seed',
      csrfToken: '',
      mustChangePassword: false,
      passwordExpired: false,
      actor: { userId, username: spec.username, ip: '127.0.0.1' },
    });
  }
  return auths;
}
