// Kysely table types. Conventions shared by both dialects, so repositories stay dialect-free:
// times are ISO-8601 UTC strings, booleans are 0/1 integers, lists and objects are JSON text.
// These are the platform's own tables; each module declares its tables in <module>.tables.ts and adds them
// to Database by module augmentation, so the platform names no domain.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Flag = 0 | 1;

export interface SitesTable {
  id: Generated<number>;
  code: string;
  parent_id: number | null;
  name: string;
  domains: string;
  site_id_code: string;
  icp_number: string;
  police_number: string;
  sponsor: string;
  organizer: string | null;
  phone: string;
  email: string;
  address: string;
  conac_url: string | null;
  jiucuo_enabled: Flag;
  jiucuo_script_url: string;
  created_at: string;
  updated_at: string;
}

export interface DepartmentsTable {
  id: Generated<number>;
  site_id: number;
  name: string;
  aliases: string;
  merged_into_id: number | null;
  sort: number;
  created_at: string;
}

export interface ColumnsTable {
  id: Generated<number>;
  site_id: number;
  parent_id: number | null;
  name: string;
  full_name: string | null;
  slug: string;
  column_type: string;
  kind: string;
  link_url: string | null;
  description: string;
  keywords: string;
  sort: number;
  visible: Flag;
  lead_department_id: number | null;
  open_cooperation: Flag;
  max_update_days: number | null;
  marker: string | null;
  created_at: string;
  updated_at: string;
}

export interface ColumnDepartmentsTable {
  column_id: number;
  department_id: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  department_id: number | null;
  email: string | null;
  password_hash: string;
  must_change_password: Flag;
  password_changed_at: string;
  failed_logins: number;
  locked_until: string | null;
  disabled: Flag;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  site_id: number | null;
}

export interface ColumnGrantsTable {
  user_id: number;
  column_id: number;
  granted_by: number | null;
  created_at: string;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  ip: string;
  username: string;
  at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  ip: string;
  action: string;
  target_type: string;
  target_id: string | null;
  site_id: number | null;
  outcome: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditAnchorTable {
  id: number;
  last_id: number;
  last_hash: string;
  record_count: number;
  purged_through_id: number;
  purged_through_hash: string;
  /** First record hashed with the audit key (HMAC); earlier ones carry the plain SHA-256 chain. */
  keyed_from_id: number | null;
  /** SHA-256 of the key's HMAC of a fixed text: tells which key the chain uses without revealing it. */
  key_fingerprint: string | null;
}

export interface FilesTable {
  id: Generated<number>;
  site_id: number;
  sha256: string;
  original_name: string;
  mime: string;
  size: number;
  storage_key: string;
  created_by: number | null;
  created_at: string;
}

export interface ContentItemsTable {
  id: Generated<number>;
  site_id: number;
  column_id: number;
  type: string;
  status: string;
  title: string;
  subtitle: string;
  source: string;
  author: string;
  summary: string;
  keywords: string;
  cover_file_id: number | null;
  body_html: string;
  fields: string;
  index_no: string | null;
  sort: number;
  department_id: number | null;
  created_by: number;
  version: number;
  published_version: number | null;
  first_published_at: string | null;
  last_published_at: string | null;
  publish_at: string | null;
  withdraw_at: string | null;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContentColumnsTable {
  content_id: number;
  column_id: number;
}

export interface ContentVersionsTable {
  id: Generated<number>;
  content_id: number;
  version: number;
  snapshot: string;
  created_by: number;
  created_at: string;
  note: string;
}

export interface ContentAttachmentsTable {
  content_id: number;
  file_id: number;
  name: string;
  sort: number;
}

export interface ContentLinksTable {
  interpretation_id: number;
  policy_id: number;
}

export interface ReviewRequestsTable {
  id: Generated<number>;
  site_id: number;
  content_id: number;
  content_version: number;
  year: number;
  serial: number;
  department_id: number;
  title: string;
  secret: string;
  release_form: string;
  column_id: number;
  state: string;
  outcome: string;
  check_report: string;
  confirmed_findings: string;
  submitted_by: number;
  submitted_at: string;
  closed_at: string | null;
}

export interface ReviewStepsTable {
  id: Generated<number>;
  request_id: number;
  step: string;
  decision: string;
  opinion: string;
  secret: string | null;
  actor_id: number;
  actor_name: string;
  decided_at: string;
}

export interface PublishedItemsTable {
  content_id: number;
  site_id: number;
  column_id: number;
  type: string;
  title: string;
  summary: string;
  pub_date: string;
  updated_at: string | null;
  version: number;
  body_public: Flag;
  index_no: string | null;
  doc_number: string | null;
  issuing_organ: string | null;
  written_date: string | null;
  theme: string | null;
  validity: string | null;
  sort: number;
  snapshot: string;
}

export interface PublishedFilesTable {
  file_id: number;
  content_id: number;
}

export interface NotificationsTable {
  id: Generated<number>;
  site_id: number;
  user_id: number | null;
  department_id: number | null;
  kind: string;
  dedupe_key: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  /** Unused since 0007: read state is per user (notification_reads). */
  read_at: string | null;
  /** What the reminder is about (content:12): the bell shows one entry per item. */
  item_key: Generated<string | null>;
}

export interface NotificationReadsTable {
  notification_id: number;
  user_id: number;
  read_at: string;
}

export interface InspectionRunsTable {
  id: Generated<number>;
  site_id: number | null;
  target_url: string;
  status: string;
  options: string;
  progress: string;
  verdict: string | null;
  deduction_score: number | null;
  bonus_score: number | null;
  total_score: number | null;
  untested_points: number | null;
  report: string | null;
  error: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface InspectionEvidenceTable {
  id: Generated<number>;
  run_id: number;
  url: string;
  kind: string;
  sha256: string;
  storage_key: string;
  mime: string;
  size: number;
  created_at: string;
}

export interface InspectionManualFindingsTable {
  id: Generated<number>;
  target_url: string;
  /** The platform site the finding was recorded for (0008); null: by an inspector of every site, for any run. */
  site_id: number | null;
  indicator_id: string;
  sub_rule: number | null;
  part: string | null;
  points: number | null;
  message: string;
  evidence: string;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
}

export interface AvailabilityProbesTable {
  id: Generated<number>;
  target_url: string;
  at: string;
  ok: Flag;
  ms: number;
  status: number | null;
  error: string | null;
}

export interface InspectionSchedulesTable {
  id: Generated<number>;
  target_url: string;
  site_id: number | null;
  every_hours: number;
  options: string;
  next_run_at: string;
  active: Flag;
  created_by: number | null;
  created_at: string;
}

export interface StatsPageDaysTable {
  site_id: number;
  /** yyyy-MM-dd in Asia/Shanghai. */
  day: string;
  /** The path inside the site (no /site/<code> prefix, no query). */
  path: string;
  column_id: number | null;
  views: number;
  /** Unique visitors of the page that day; filled when the day is closed. */
  visitors: number;
}

export interface StatsSiteDaysTable {
  site_id: number;
  day: string;
  views: number;
  /** Unique visitors of the site that day; filled when the day is closed. */
  visitors: number;
  closed: Flag;
}

/** Transient: deleted when the day is closed. */
export interface StatsVisitorsTable {
  site_id: number;
  day: string;
  path: string;
  visitor_hash: string;
}

/** Transient: the current day's hashing key, deleted when the day is closed. */
export interface StatsSaltsTable {
  day: string;
  salt: string;
  created_at: string;
}

export interface Database {
  sites: SitesTable;
  departments: DepartmentsTable;
  columns: ColumnsTable;
  column_departments: ColumnDepartmentsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  column_grants: ColumnGrantsTable;
  password_history: PasswordHistoryTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  audit_anchor: AuditAnchorTable;
  files: FilesTable;
  content_items: ContentItemsTable;
  content_columns: ContentColumnsTable;
  content_versions: ContentVersionsTable;
  content_attachments: ContentAttachmentsTable;
  content_links: ContentLinksTable;
  review_requests: ReviewRequestsTable;
  review_steps: ReviewStepsTable;
  published_items: PublishedItemsTable;
  published_files: PublishedFilesTable;
  notifications: NotificationsTable;
  notification_reads: NotificationReadsTable;
  inspection_runs: InspectionRunsTable;
  inspection_evidence: InspectionEvidenceTable;
  inspection_manual_findings: InspectionManualFindingsTable;
  availability_probes: AvailabilityProbesTable;
  inspection_schedules: InspectionSchedulesTable;
  stats_page_days: StatsPageDaysTable;
  stats_site_days: StatsSiteDaysTable;
  stats_visitors: StatsVisitorsTable;
  stats_salts: StatsSaltsTable;
  rate_limits: RateLimitsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type Site = Selectable<SitesTable>;
export type NewSite = Insertable<SitesTable>;
export type SiteUpdate = Updateable<SitesTable>;
export type Department = Selectable<DepartmentsTable>;
export type Column = Selectable<ColumnsTable>;
export type NewColumn = Insertable<ColumnsTable>;
export type User = Selectable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditRecord = Selectable<AuditLogTable>;
export type StoredFile = Selectable<FilesTable>;
export type ContentItem = Selectable<ContentItemsTable>;
export type ReviewRequest = Selectable<ReviewRequestsTable>;
export type ReviewStep = Selectable<ReviewStepsTable>;
export type PublishedItem = Selectable<PublishedItemsTable>;
export type InspectionRun = Selectable<InspectionRunsTable>;

// ───── platform mechanisms: rate limits, idempotency ─────

export interface RateLimitsTable {
  bucket: string;
  key: string;
  window_start: string;
  hits: number;
  expires_at: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  owner: string;
  key: string;
  /** JSON of what the first submission returned; null while it is being created. */
  result: string | null;
  created_at: string;
}
