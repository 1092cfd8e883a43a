// First-run set-up: the initial accounts of the three separated administrators, and a site with 附件1's
// columns (the demo site, or one described by the operator).
import type { AppContext } from '../../context.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { loadAnnex1 } from '../columns/annex1.ts';
import { countSites } from '../sites/sites.repository.ts';
import type { SiteCreate } from '../sites/sites.schema.ts';
import { DEMO_SITE } from './demo-site.ts';
import { seedDefaultSearchCards } from '../search/search.service.ts';
import { DEMO_STAFF_PASSWORD, seedDemoContent } from './demo-content.ts';
import { seedDemoCitizens } from '../citizens/citizens.demo.ts';
import { seedDemoServices } from '../services/services.demo.ts';
import { seedDemoDatasets } from '../datasets/datasets.demo.ts';
import { seedDemoInteraction } from '../interaction/interaction.demo.ts';
import { seedSupervisionDemo } from '../supervision/demo.ts';
import { seedDemoParticipation } from '../participation/participation.demo.ts';
import { seedDemoAnnualReports } from '../participation/participation.demo-reports.ts';

export interface InitialAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

const BOOTSTRAP: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'sys_admin' },
  { username: 'secadmin', displayName: '安全管理员', role: 'sec_admin' },
  { username: 'auditadmin', displayName: '审计管理员', role: 'audit_admin' },
];

/** Creates the administrator accounts no one holds yet (on a new installation: all three), with one-time passwords. */
export async function ensureInitialAccounts(ctx: AppContext, adminPassword: string | null): Promise<InitialAccount[]> {
  const held = new Set(await ctx.users.heldRoles(BOOTSTRAP.map((b) => b.role)));
  const created: InitialAccount[] = [];
  for (const account of BOOTSTRAP.filter((b) => !held.has(b.role))) {
    const { initialPassword } = await ctx.users.create(
      SYSTEM_ACTOR,
      {
        username: account.username,
        displayName: account.displayName,
        departmentId: null,
        email: null,
        roles: [{ role: account.role, siteId: null }],
      },
      { byOperator: true, password: account.role === 'sys_admin' && adminPassword ? adminPassword : undefined },
    );
    created.push({ ...account, password: initialPassword });
  }
  return created;
}

export async function hasSites(ctx: AppContext): Promise<boolean> {
  return (await countSites(ctx.db)) > 0;
}

/** Creates a site and loads 附件1's departments and column tree into it. */
export async function createSiteWithAnnex1(
  ctx: AppContext,
  input: SiteCreate = DEMO_SITE,
): Promise<{ siteId: number; columns: number }> {
  const site = await ctx.sites.create(SYSTEM_ACTOR, input);
  const columns = await ctx.db.transaction().execute(async (trx) => {
    const n = await loadAnnex1(trx, site.id, ctx.clock.now().toISOString(), ctx.departments);
    await ctx.audit.record(trx, SYSTEM_ACTOR, {
      action: 'system.init',
      targetType: 'site',
      targetId: site.id,
      siteId: site.id,
      detail: { columns: n },
    });
    return n;
  });
  return { siteId: site.id, columns };
}

/** The demo site: 附件1's tree, demo content and staff, and the default 搜索即服务 cards. */
export async function initDemo(ctx: AppContext): Promise<{ siteId: number; columns: number }> {
  const created = await createSiteWithAnnex1(ctx, DEMO_SITE);
  await seedDemoContent(ctx, created.siteId);
  await seedDemoDatasets(ctx, created.siteId);
  await seedDefaultSearchCards(ctx, created.siteId);
  const { demoCitizenId } = await seedDemoCitizens(ctx);
  await seedDemoInteraction(ctx, created.siteId, demoCitizenId, DEMO_STAFF_PASSWORD);
  await seedDemoServices(ctx);
  await seedDemoParticipation(ctx, created.siteId);
  await seedSupervisionDemo(ctx, created.siteId, DEMO_STAFF_PASSWORD);
  // Last year's two annual reports, from every module's records (so after all of them).
  await seedDemoAnnualReports(ctx, created.siteId);
  return created;
}
