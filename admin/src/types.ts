// Shapes of the JSON API (see the server's route schemas). Times are ISO-8601 UTC strings.

export type Capability =
  | 'site.manage'
  | 'site.create'
  | 'column.manage'
  | 'department.manage'
  | 'user.manage'
  | 'user.unlock'
  | 'security.policy'
  | 'audit.read'
  | 'content.write'
  | 'content.review'
  | 'content.approve'
  | 'content.secrecy'
  | 'inspection.run'
  | 'calendar.manage'
  | 'citizen.manage'
  | 'service.manage'
  | 'service.handle'
  | 'service.view';

export type RoleName =
  | 'sys_admin'
  | 'sec_admin'
  | 'audit_admin'
  | 'site_admin'
  | 'editor'
  | 'reviewer'
  | 'leader'
  | 'secrecy_reviewer'
  | 'inspector'
  | 'service_officer';

/** The three separated administrator roles (三员分立): always installation-wide. */
export const SEPARATED_ROLES: readonly string[] = ['sys_admin', 'sec_admin', 'audit_admin'];

export interface RoleGrant {
  role: RoleName;
  roleName: string;
  /** null: every site. */
  siteId: number | null;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  departmentName: string | null;
  roles: RoleGrant[];
  capabilities: Capability[];
  mustChangePassword: boolean;
  passwordExpired: boolean;
}

export interface MeResponse {
  user: Me;
  csrfToken: string;
}

export interface RoleOption {
  role: RoleName;
  name: string;
}

export interface Site {
  id: number;
  code: string;
  parentId: number | null;
  name: string;
  domains: string[];
  siteIdCode: string;
  icpNumber: string;
  policeNumber: string;
  sponsor: string;
  organizer: string | null;
  phone: string;
  email: string;
  address: string;
  conacUrl: string | null;
  jiucuoEnabled: boolean;
  jiucuoScriptUrl: string;
}

export type SiteInput = Omit<Site, 'id' | 'code' | 'parentId'>;

export interface Department {
  id: number;
  name: string;
  aliases: string[];
  mergedIntoId: number | null;
  sort: number;
}

export type ColumnKind = 'list' | 'page' | 'link';

export interface ColumnNode {
  id: number;
  siteId?: number;
  parentId: number | null;
  name: string;
  fullName: string | null;
  slug: string;
  path: string;
  columnType: string;
  kind: ColumnKind;
  linkUrl: string | null;
  description: string;
  keywords: string;
  sort: number;
  visible: boolean;
  leadDepartmentId: number | null;
  leadDepartmentName: string | null;
  cooperatingDepartmentIds: number[];
  openCooperation: boolean;
  maxUpdateDays: number | null;
  marker: '*' | '★' | null;
  contentCount: number;
  children: ColumnNode[];
}

export interface ColumnInput {
  name: string;
  fullName: string | null;
  slug: string;
  columnType: string;
  kind: ColumnKind;
  linkUrl?: string | null;
  description: string;
  keywords: string;
  visible: boolean;
  leadDepartmentId: number | null;
  cooperatingDepartmentIds: number[];
  openCooperation: boolean;
  maxUpdateDays: number | null;
}

export interface ColumnTypeOption {
  value: string;
  label: string;
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  departmentId: number | null;
  departmentName: string | null;
  email: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  roles: RoleGrant[];
  columnGrantIds: number[];
}

export interface RoleGrantInput {
  role: RoleName;
  siteId: number | null;
}

export interface SecurityPolicy {
  passwordMinLength: number;
  passwordClasses: number;
  passwordHistory: number;
  passwordMaxAgeDays: number;
  maxFailedLogins: number;
  lockMinutes: number;
  maxFailuresPerIp: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export interface LockedUser {
  id: number;
  username: string;
  displayName: string;
  lockedUntil: string;
  failedLogins: number;
}

export interface AuditItem {
  id: number;
  at: string;
  actorName: string;
  ip: string;
  action: string;
  actionName: string | null;
  targetType: string;
  targetId: string | null;
  siteId: number | null;
  outcome: 'success' | 'failure';
  detail: Record<string, unknown> | null;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  problems: string[];
}

export interface Items<T> {
  items: T[];
}
