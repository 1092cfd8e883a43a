// Staff roles. The first three are the separated administrator roles of 等保 2.0 (三员分立).
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
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

const SEPARATED: Role[] = ['sys_admin', 'sec_admin', 'audit_admin'];

/** Returns why a combination of roles is not allowed for one account, or null when it is fine. */
export function roleConflict(roles: Role[]): string | null {
  const admins = SEPARATED.filter((r) => roles.includes(r));
  if (admins.length > 1) return `${admins.map((r) => ROLES[r]).join('、')}不能由同一账号兼任`;
  if (roles.includes('audit_admin') && roles.length > 1) return '审计管理员不能兼任其他角色';
  if (roles.includes('sec_admin') && roles.length > 1) return '安全管理员不能兼任其他角色';
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
  'inspection.run': ['inspector', 'site_admin'],
  // Statutory calendar (years entered from the State Council's notice) and citizens' public accounts (support).
  'calendar.manage': ['sys_admin', 'site_admin'],
  'citizen.manage': ['sys_admin', 'site_admin'],
  // Participation and disclosure: surveys, solicitations and their feedback, moderation, the annual reports and
  // 建议提案 (written by the column's editors, published through the release review); 依申请公开 handled by the
  // 政府信息公开工作机构's staff; the figures read by reviewers and leaders too.
  'participation.manage': ['editor', 'site_admin'],
  'participation.read': ['editor', 'reviewer', 'leader', 'site_admin'],
  'disclosure.handle': ['editor', 'site_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

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
