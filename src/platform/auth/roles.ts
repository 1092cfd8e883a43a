// Staff roles and what they may do. The first three are the separated administrator roles of 等保 2.0
// (三员分立). This file imports nothing, so the admin console imports its types (Role, Capability) as they are.
export const ROLES = {
  sys_admin: '系统管理员',
  sec_admin: '安全管理员',
  audit_admin: '审计管理员',
  site_admin: '站点管理员',
  editor: '编辑/承办人',
  reviewer: '审核人',
  leader: '分管领导',
  secrecy_reviewer: '保密审查员',
  inspector: '检查员',
  // 互动交流: receives the messages no routing rule takes, assigns, transfers and rejects invalid ones (综合处).
  dispatcher: '留言分办员',
  // Online services: the window staff who accept and handle applications (受理、办理) for their department.
  service_officer: '办件人员',
  supervisor: '监管人员',
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

/** The separated administrator roles: always held installation-wide, each by its own account. */
export const SEPARATED_ROLES = ['sys_admin', 'sec_admin', 'audit_admin'] as const satisfies readonly Role[];

/** The roles that write, review, approve or otherwise decide what is published. */
export const PUBLISHING_ROLES = [
  'site_admin',
  'editor',
  'reviewer',
  'leader',
  'secrecy_reviewer',
] as const satisfies readonly Role[];

/** Security and audit administrators: created, changed, reset and disabled only by the server operator (CLI). */
export const OPERATOR_ONLY_ROLES = ['sec_admin', 'audit_admin'] as const satisfies readonly Role[];

/**
 * Why a combination of roles is not allowed for one account: several separated administrator roles together
 * (`combined`), the security or audit administrator with any other role (`alone`), or a separated administrator
 * role with a publishing role (`publishing`: whoever administers the system must not also publish); null when it
 * is fine.
 */
export type RoleConflict = { combined: Role[] } | { alone: Role } | { publishing: [Role, Role] };

export function roleConflict(roles: Role[]): RoleConflict | null {
  const admins = SEPARATED_ROLES.filter((r) => roles.includes(r));
  if (admins.length > 1) return { combined: admins };
  if (roles.includes('audit_admin') && new Set(roles).size > 1) return { alone: 'audit_admin' };
  if (roles.includes('sec_admin') && new Set(roles).size > 1) return { alone: 'sec_admin' };
  const publishing = PUBLISHING_ROLES.find((r) => roles.includes(r));
  if (admins[0] && publishing) return { publishing: [admins[0], publishing] };
  return null;
}

export interface RoleGrant {
  role: Role;
  /** null: every site of the installation. */
  siteId: number | null;
}

/** What each role may do; routes ask for a capability, never for a role name. */
export const CAPABILITIES = {
  'site.manage': ['sys_admin', 'site_admin'],
  'site.create': ['sys_admin'],
  'column.manage': ['sys_admin', 'site_admin'],
  'department.manage': ['sys_admin', 'site_admin'],
  'user.manage': ['sys_admin'],
  'user.unlock': ['sec_admin'],
  'security.policy': ['sec_admin'],
  'audit.read': ['audit_admin'],
  'content.write': ['editor', 'site_admin'],
  'content.review': ['reviewer'],
  'content.approve': ['leader'],
  'content.secrecy': ['secrecy_reviewer'],
  'inspection.run': ['inspector', 'site_admin', 'supervisor'],
  // supervision (监管工作年度考核指标): the registry, spot checks, results, rectification, the assessment
  'supervision.manage': ['supervisor'],
  // a supervised site's department answers its rectification tasks (the service checks which tasks are theirs)
  'supervision.respond': ['supervisor', 'site_admin', 'editor'],
  // Statutory calendar (years entered from the State Council's notice) and citizens' public accounts (support).
  'calendar.manage': ['sys_admin', 'site_admin'],
  'citizen.manage': ['sys_admin', 'site_admin'],
  // Citizen interaction: the dispatcher routes messages and imports 找错 reports; the departments' 承办人 handle
  // and reply (approval is the release review: content.review, content.approve); the knowledge base is kept by
  // the departments' 承办人 and published by their 审核人.
  'message.dispatch': ['dispatcher', 'site_admin'],
  'message.handle': ['editor'],
  'message.read': ['dispatcher', 'site_admin', 'editor', 'reviewer', 'leader'],
  'message.settings': ['site_admin', 'sys_admin'],
  'knowledge.write': ['editor', 'site_admin'],
  'knowledge.publish': ['reviewer', 'site_admin'],
  // Online services: the catalogue and guides (editors of the responsible department), the handling of applications
  // and of 差评 rectifications (window staff, the department's leaders for escalations), the statistics.
  'service.manage': ['editor', 'site_admin'],
  // 一件事 themes bundle items of several departments: only the site administrator composes and publishes them.
  'service.themes': ['site_admin'],
  'service.handle': ['service_officer', 'leader', 'site_admin'],
  'service.view': ['editor', 'reviewer', 'leader', 'service_officer', 'site_admin'],
  // Participation and disclosure: surveys, solicitations and their feedback, moderation, the annual reports and
  // 建议提案 (written by the column's editors, published through the release review); 依申请公开 handled by the
  // 政府信息公开工作机构's staff; the figures read by reviewers and leaders too.
  'participation.manage': ['editor', 'site_admin'],
  'participation.read': ['editor', 'reviewer', 'leader', 'site_admin'],
  'disclosure.handle': ['editor', 'site_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as [Capability, ...Capability[]];

export function can(grants: RoleGrant[], capability: Capability, siteId?: number | null): boolean {
  const allowed = CAPABILITIES[capability] as readonly Role[];
  return grants.some(
    (g) =>
      allowed.includes(g.role) && (g.siteId === null || siteId === undefined || siteId === null || g.siteId === siteId),
  );
}

export function capabilitiesOf(grants: RoleGrant[]): Capability[] {
  return (Object.keys(CAPABILITIES) as Capability[]).filter((c) => can(grants, c));
}
