// Kysely table types. Conventions shared by both dialects, so repositories stay dialect-free:
// times are ISO-8601 UTC strings, booleans are 0/1 integers, lists and objects are JSON text.
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
  calendar_years: CalendarYearsTable;
  citizens: CitizensTable;
  citizen_consents: CitizenConsentsTable;
  citizen_sessions: CitizenSessionsTable;
  citizen_codes: CitizenCodesTable;
  citizen_login_attempts: CitizenLoginAttemptsTable;
  rate_limits: RateLimitsTable;
  challenge_uses: ChallengeUsesTable;
  idempotency_keys: IdempotencyKeysTable;
  citizen_notices: CitizenNoticesTable;
  audit_checkpoints: AuditCheckpointsTable;
  file_blobs: FileBlobsTable;
  file_chunks: FileChunksTable;
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

// ───── citizens (0010): statutory calendar, public accounts ─────

export interface CalendarYearsTable {
  year: number;
  /** JSON: [{date, off, name}]. */
  days: string;
  source: string;
  entered_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface CitizensTable {
  id: Generated<number>;
  account_type: string;
  display_name: string;
  /** SM4-CBC + HMAC-SM3 ciphertext (platform/crypto/personal-data.ts). */
  phone_enc: string | null;
  /** HMAC-SM3 of the normalised number: look-ups without decryption. */
  phone_hash: string | null;
  email_enc: string | null;
  email_hash: string | null;
  real_name_enc: string | null;
  id_type: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  org_name: string | null;
  credit_code: string | null;
  password_hash: string | null;
  password_changed_at: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  status: string;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  deleted_at: string | null;
}

export interface CitizenConsentsTable {
  id: Generated<number>;
  citizen_id: number;
  document: string;
  version: string;
  accepted_at: string;
  ip: string;
}

export interface CitizenSessionsTable {
  id: string;
  citizen_id: number;
  csrf_token: string;
  ip: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface CitizenCodesTable {
  id: Generated<number>;
  purpose: string;
  channel: string;
  target_hash: string;
  code_hash: string;
  citizen_id: number | null;
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

export interface CitizenLoginAttemptsTable {
  key_hash: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface RateLimitsTable {
  bucket: string;
  key: string;
  window_start: string;
  hits: number;
  expires_at: string;
}

export interface ChallengeUsesTable {
  signature: string;
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

export interface CitizenNoticesTable {
  id: Generated<number>;
  citizen_id: number | null;
  channel: string;
  kind: string;
  subject: string;
  body: string;
  target_masked: string;
  related_type: string | null;
  related_id: string | null;
  status: string;
  error: string | null;
  attempts: Generated<number>;
  created_at: string;
  sent_at: string | null;
}

export type Citizen = Selectable<CitizensTable>;
export type CitizenSession = Selectable<CitizenSessionsTable>;
export type CitizenNotice = Selectable<CitizenNoticesTable>;

// ───────────── 数据发布 (migration 0015) ─────────────

export interface DatasetsTable {
  id: Generated<number>;
  site_id: number;
  content_id: number;
  identifier: string;
  title: string;
  description: string;
  theme: string;
  keywords: string;
  department_id: number;
  update_frequency: string;
  coverage_from: string | null;
  coverage_to: string | null;
  licence: string;
  contact: string;
  share_type: string;
  share_condition: string;
  open_type: string;
  open_condition: string;
  /** The site-data provider that appends a version each month; null for uploaded data. */
  auto_provider: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DatasetVersionsTable {
  id: Generated<number>;
  dataset_id: number;
  seq: number;
  label: string;
  note: string;
  /** JSON: [{ name, type, description, unit }]. */
  columns: string;
  row_count: number;
  source_kind: string;
  source_name: string;
  source_sha256: string;
  source_storage_key: string | null;
  encoding: string;
  /** uploaded → confirmed (types confirmed by the editor; immutable from then on). */
  state: string;
  /** When a site-data version went public without review (its series was approved once); null otherwise. */
  released_at: string | null;
  created_by: number | null;
  created_at: string;
  confirmed_at: string | null;
}

export interface DatasetChunksTable {
  version_id: number;
  chunk_no: number;
  /** JSON: string[][] (null for an empty cell). */
  rows: string;
}

export interface DatasetChartsTable {
  id: Generated<number>;
  dataset_id: number;
  title: string;
  kind: string;
  /** JSON: the chart definition on the data set's columns. */
  spec: string;
  sort: number;
  deleted: Flag;
  created_at: string;
  updated_at: string;
}

export interface DatasetReleasesTable {
  id: Generated<number>;
  dataset_id: number;
  content_id: number;
  /** JSON: metadata, versions and charts as submitted for review. */
  snapshot: string;
  created_by: number | null;
  created_at: string;
}

/** Transient: per-IP request counts of the open data API in fixed windows. */
export interface OpenApiCountersTable {
  bucket: string;
  window_start: string;
  count: number;
}

export interface Database {
  datasets: DatasetsTable;
  dataset_versions: DatasetVersionsTable;
  dataset_chunks: DatasetChunksTable;
  dataset_charts: DatasetChartsTable;
  dataset_releases: DatasetReleasesTable;
  open_api_counters: OpenApiCountersTable;
}

export type Dataset = Selectable<DatasetsTable>;
export type DatasetVersion = Selectable<DatasetVersionsTable>;
export type DatasetChart = Selectable<DatasetChartsTable>;
export type DatasetRelease = Selectable<DatasetReleasesTable>;

export interface AuditCheckpointsTable {
  id: Generated<number>;
  at: string;
  last_id: number;
  last_hash: string;
  record_count: number;
  purged_through_id: number;
  /** HMAC with the audit key over the other fields. */
  signature: string;
}

/** A stored file's content (PostgreSQL installations), split into chunks. */
export interface FileBlobsTable {
  sha256: string;
  size: number;
  chunk_count: number;
  created_at: string;
}

export interface FileChunksTable {
  sha256: string;
  seq: number;
  data: Buffer;
}

export type AuditCheckpoint = Selectable<AuditCheckpointsTable>;

// ───────────────────────────── supervision (0014) ─────────────────────────────
// Declaration merging adds the supervision tables to Database without touching the list above.

export interface SupervisionOfficesTable {
  id: Generated<number>;
  site_id: number;
  name: string;
  level: string;
  state_council: Flag;
  results_column_id: number | null;
  reports_column_id: number | null;
  updated_at: string;
}

export interface SupervisionRegistryTable {
  id: Generated<number>;
  owner_site_id: number;
  kind: string;
  name: string;
  site_code: string | null;
  domains: string;
  url: string;
  department: string;
  contact_user_id: number | null;
  hosting: string;
  hosted_site_id: number | null;
  site_type: string | null;
  platform: string | null;
  account_id: string | null;
  feed_url: string | null;
  app_url: string | null;
  status: string;
  opened_on: string | null;
  status_since: string | null;
  parent_id: number | null;
  inventory: string;
  note: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionPlansTable {
  id: Generated<number>;
  owner_site_id: number;
  year: number;
  quarter: number;
  full_coverage: Flag;
  ratio: number;
  seed: number;
  websites_total: number;
  accounts_total: number;
  max_pages: number;
  status: string;
  scheduled_at: string;
  started_at: string | null;
  finished_at: string | null;
  results_content_id: number | null;
  results_published_at: string | null;
  created_by: number | null;
  created_at: string;
}

export interface SupervisionPlanItemsTable {
  id: Generated<number>;
  plan_id: number;
  registry_id: number;
  kind: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  run_id: number | null;
  verdict: string | null;
  total_score: number | null;
  findings_count: number | null;
  result: string | null;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface SupervisionRectificationsTable {
  id: Generated<number>;
  owner_site_id: number;
  plan_id: number;
  item_id: number;
  registry_id: number;
  indicator_id: string;
  indicator_name: string;
  problem: string;
  finding_keys: string;
  evidence: string;
  department: string;
  status: string;
  published_at: string;
  due_at: string;
  response: string | null;
  response_evidence: string;
  responded_at: string | null;
  responded_by: number | null;
  recheck_run_id: number | null;
  rechecked_at: string | null;
  recheck_note: string | null;
  closed_at: string | null;
  reminded_at: string | null;
  created_at: string;
}

export interface SupervisionChecksTable {
  id: Generated<number>;
  owner_site_id: number;
  registry_id: number | null;
  kind: string;
  year: number;
  status: string;
  summary: string;
  detail: string;
  resolution: string | null;
  resolved_at: string | null;
  checked_at: string;
  created_by: number | null;
}

export interface SupervisionFindingsTable {
  id: Generated<number>;
  owner_site_id: number;
  registry_id: number | null;
  year: number;
  indicator_id: string;
  sub_rule: number | null;
  part: string | null;
  points: number | null;
  outcome: string;
  message: string;
  evidence: string;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
}

export interface SupervisionAnnualReportsTable {
  id: Generated<number>;
  owner_site_id: number;
  year: number;
  data: string;
  content_id: number | null;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionImportsTable {
  id: Generated<number>;
  target_site_id: number;
  source_url: string;
  mapping: string;
  status: string;
  progress: string;
  result: string | null;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
}

export interface Database {
  supervision_offices: SupervisionOfficesTable;
  supervision_registry: SupervisionRegistryTable;
  supervision_plans: SupervisionPlansTable;
  supervision_plan_items: SupervisionPlanItemsTable;
  supervision_rectifications: SupervisionRectificationsTable;
  supervision_checks: SupervisionChecksTable;
  supervision_findings: SupervisionFindingsTable;
  supervision_annual_reports: SupervisionAnnualReportsTable;
  supervision_imports: SupervisionImportsTable;
}

// ───── interaction (0011): message board, 找错 tickets, smart Q&A ─────

export interface MessagesTable {
  id: Generated<number>;
  site_id: number;
  tracking_no: string;
  channel: string;
  category: string;
  citizen_id: number | null;
  reporter: string;
  title: string;
  body: string;
  page_url: string | null;
  /** JSON: [{fileId, name}]. */
  attachments: string;
  publish_consent: Flag;
  contact_preference: string;
  external_id: string | null;
  site_code: string | null;
  state: string;
  held: Flag;
  department_id: number | null;
  round: number;
  received_at: string;
  assigned_at: string | null;
  signed_at: string | null;
  replied_at: string | null;
  closed_at: string | null;
  invalid_reason: string | null;
  invalid_at: string | null;
  published_reply_id: number | null;
  published_at: string | null;
  rating: string | null;
  rating_comment: string | null;
  rated_at: string | null;
  second_requested_at: string | null;
  second_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface MessageRepliesTable {
  id: Generated<number>;
  message_id: number;
  round: number;
  department_id: number;
  author_id: number;
  body: string;
  excerpt_title: string;
  excerpt_body: string;
  publish: Flag;
  state: string;
  content_id: number | null;
  review_request_id: number | null;
  return_opinion: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MessageEventsTable {
  id: Generated<number>;
  message_id: number;
  action: string;
  actor_type: string;
  actor_id: number | null;
  actor_name: string;
  from_department_id: number | null;
  to_department_id: number | null;
  note: string;
  at: string;
}

export interface MessageRoutesTable {
  id: Generated<number>;
  site_id: number;
  category: string | null;
  /** JSON: string[]. */
  keywords: string;
  department_id: number;
  sort: number;
  enabled: Flag;
  created_at: string;
  updated_at: string;
}

export interface MessageAlertsTable {
  id: Generated<number>;
  message_id: number;
  kind: string;
  round: number;
  sent_at: string;
}

export interface QaPairsTable {
  id: Generated<number>;
  site_id: number;
  department_id: number | null;
  question: string;
  answer: string;
  variants: string;
  keywords: string;
  source_message_id: number | null;
  status: string;
  hits: Generated<number>;
  created_by: number | null;
  updated_by: number | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ErrorReportImportsTable {
  id: Generated<number>;
  site_id: number;
  file_name: string;
  sha256: string;
  rows_total: number;
  rows_created: number;
  rows_updated: number;
  rows_skipped: number;
  imported_by: number | null;
  imported_at: string;
}

export interface Database {
  messages: MessagesTable;
  message_replies: MessageRepliesTable;
  message_events: MessageEventsTable;
  message_routes: MessageRoutesTable;
  message_alerts: MessageAlertsTable;
  qa_pairs: QaPairsTable;
  error_report_imports: ErrorReportImportsTable;
}

export type Message = Selectable<MessagesTable>;
export type MessageReply = Selectable<MessageRepliesTable>;
export type MessageEvent = Selectable<MessageEventsTable>;
export type MessageRoute = Selectable<MessageRoutesTable>;
export type QaPair = Selectable<QaPairsTable>;
/** Transient: failed-attempt counters (staff logins per account name and per IP, password changes per account). */
export interface AuthAttemptsTable {
  scope: string;
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface Database {
  auth_attempts: AuthAttemptsTable;
}
// ── editor (0016): autosave slots, review designates and routing, notifications grouped per item ──

export interface ContentAutosavesTable {
  id: Generated<number>;
  user_id: number;
  /** content:<id> or new:<siteId> */
  slot: string;
  site_id: number;
  content_id: number | null;
  base_version: number | null;
  title: string;
  /** JSON of the editor's form values. */
  payload: string;
  saved_at: string;
}

export interface ReviewDesignatesTable {
  site_id: number;
  department_id: number;
  /** dept | leader */
  step: string;
  user_id: number;
  designated_by: number | null;
  designated_at: string;
}

export interface ReviewRoutingTable {
  request_id: number;
  state: string;
  assigned_to: number | null;
  assigned_by: number | null;
  reason: string;
  assigned_at: string | null;
  escalated_at: string | null;
}

export interface NotificationsTable {
  /** What the reminder is about (content:12): the bell shows one entry per item. */
  item_key: Generated<string | null>;
}

export interface Database {
  content_autosaves: ContentAutosavesTable;
  review_designates: ReviewDesignatesTable;
  review_routing: ReviewRoutingTable;
}

export type ContentAutosave = Selectable<ContentAutosavesTable>;
export type ReviewRouting = Selectable<ReviewRoutingTable>;

// ───────────────────────────── services (办事服务) ─────────────────────────────

export interface ServiceItemsTable {
  id: Generated<number>;
  site_id: number;
  code: string;
  name: string;
  item_type: string;
  /** JSON list: 自然人, 法人. */
  audiences: string;
  theme: string;
  department_id: number;
  /** JSON list of life or business events. */
  events: string;
  /** JSON list of search keywords. */
  keywords: string;
  sort: number;
  status: string;
  content_id: number | null;
  created_at: string;
  updated_at: string;
  withdrawn_at: string | null;
}

export interface ServiceGuideVersionsTable {
  id: Generated<number>;
  item_id: number;
  content_id: number;
  content_version: number;
  /** JSON: the structured guide (GuideData). */
  data: string;
  created_by: number | null;
  created_at: string;
}

export interface ServiceDepartmentContactsTable {
  department_id: number;
  site_id: number;
  consult_phones: string;
  complaint_phones: string;
  updated_at: string;
}

export interface ServiceThemesTable {
  id: Generated<number>;
  site_id: number;
  slug: string;
  name: string;
  audience: string;
  description: string;
  item_ids: string;
  flow: string;
  keywords: string;
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ServiceBundlesTable {
  id: Generated<number>;
  site_id: number;
  theme_id: number;
  citizen_id: number;
  receipt_no: string;
  submitted_at: string;
}

export interface ServiceApplicationsTable {
  id: Generated<number>;
  site_id: number;
  item_id: number;
  bundle_id: number | null;
  receipt_no: string;
  citizen_id: number;
  department_id: number;
  applicant_name: string;
  applicant_kind: string;
  contact_enc: string | null;
  remark: string;
  state: string;
  promised_days: number | null;
  statutory_days: number | null;
  guide_version: number;
  submitted_at: string;
  accepted_at: string | null;
  completed_at: string | null;
  outcome: string | null;
  corrections: Generated<number>;
  reminded_on: string | null;
  escalated_at: string | null;
  updated_at: string;
}

export interface ServiceApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  action: string;
  from_state: string | null;
  to_state: string;
  note: string;
  detail: string;
  actor_kind: string;
  actor_id: number | null;
  actor_name: string;
  at: string;
}

export interface ServiceApplicationFilesTable {
  id: Generated<number>;
  application_id: number;
  material: string;
  round: number;
  original_name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_at: string;
}

export interface ServiceRatingsTable {
  id: Generated<number>;
  application_id: number;
  site_id: number;
  item_id: number;
  department_id: number;
  citizen_id: number;
  level: number;
  comment: string;
  rated_at: string;
}

export interface ServiceRectificationsTable {
  id: Generated<number>;
  rating_id: number;
  site_id: number;
  department_id: number;
  state: string;
  due_on: string;
  measures: string;
  rectified_at: string | null;
  rectified_by: string | null;
  revisit_result: string | null;
  revisit_note: string;
  revisited_at: string | null;
  revisited_by: string | null;
  created_at: string;
}

export interface ServiceStatsMonthsTable {
  site_id: number;
  month: string;
  item_id: number;
  department_id: number;
  received: number;
  accepted: number;
  rejected: number;
  completed: number;
  on_time: number;
  working_days: number;
  refreshed_at: string;
}

export interface ServiceRatingMonthsTable {
  site_id: number;
  month: string;
  department_id: number;
  level5: number;
  level4: number;
  level3: number;
  level2: number;
  level1: number;
  rectified: number;
  revisited: number;
  refreshed_at: string;
}

// Declaration merging adds the services tables to the database type declared above.
export interface Database {
  service_items: ServiceItemsTable;
  service_guide_versions: ServiceGuideVersionsTable;
  service_department_contacts: ServiceDepartmentContactsTable;
  service_themes: ServiceThemesTable;
  service_bundles: ServiceBundlesTable;
  service_applications: ServiceApplicationsTable;
  service_application_events: ServiceApplicationEventsTable;
  service_application_files: ServiceApplicationFilesTable;
  service_ratings: ServiceRatingsTable;
  service_rectifications: ServiceRectificationsTable;
  service_stats_months: ServiceStatsMonthsTable;
  service_rating_months: ServiceRatingMonthsTable;
}

export type ServiceItemRow = Selectable<ServiceItemsTable>;
export type ServiceThemeRow = Selectable<ServiceThemesTable>;
export type ServiceApplicationRow = Selectable<ServiceApplicationsTable>;
export type ServiceApplicationEventRow = Selectable<ServiceApplicationEventsTable>;
export type ServiceRatingRow = Selectable<ServiceRatingsTable>;
export type ServiceRectificationRow = Selectable<ServiceRectificationsTable>;

// ───────────── participation and disclosure (migration 0013) ─────────────

export interface SurveysTable {
  id: Generated<number>;
  site_id: number;
  department_id: number | null;
  title: string;
  intro: string;
  /** JSON: the questionnaire (modules/surveys/survey-definition.ts). */
  questions: string;
  access: string;
  opens_at: string;
  closes_at: string;
  status: string;
  notice_content_id: number | null;
  released_at: string | null;
  withdrawn_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  citizen_id: number | null;
  device_hash: string | null;
  answers: string;
  status: string;
  submitted_at: string;
}

export interface SurveyTextsTable {
  id: Generated<number>;
  survey_id: number;
  response_id: number;
  question_id: string;
  text: string;
  status: string;
  moderated_by: number | null;
  moderated_at: string | null;
}

export interface SolicitationsTable {
  id: Generated<number>;
  site_id: number;
  department_id: number | null;
  policy_content_id: number | null;
  title: string;
  intro: string;
  paragraphs: string;
  days: number;
  opens_at: string;
  closes_at: string;
  status: string;
  notice_content_id: number | null;
  released_at: string | null;
  feedback_content_id: number | null;
  feedback_published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface SolicitationCommentsTable {
  id: Generated<number>;
  solicitation_id: number;
  citizen_id: number | null;
  author_name: string;
  paragraph_id: string | null;
  text: string;
  status: string;
  moderation_note: Generated<string>;
  adoption: string | null;
  adoption_reason: string | null;
  submitted_at: string;
  moderated_by: number | null;
  moderated_at: string | null;
}

export interface DisclosureApplicationsTable {
  id: Generated<number>;
  site_id: number;
  year: number;
  serial: number;
  channel: string;
  citizen_id: number | null;
  applicant_type: string;
  name_enc: string;
  id_type: string;
  id_number_enc: string;
  id_number_hash: string;
  contact_person_enc: string | null;
  phone_enc: string;
  email_enc: string | null;
  address_enc: string | null;
  postal_code: string | null;
  description: string;
  doc_number: Generated<string>;
  purpose: Generated<string>;
  delivery_form: string;
  delivery_method: string;
  submitted_at: string;
  received_at: string;
  status: string;
  correction_items: string | null;
  correction_sent_at: string | null;
  correction_deadline: string | null;
  corrected_at: string | null;
  correction_text: string | null;
  extension_days: Generated<number>;
  extension_approver: string | null;
  extension_reason: string | null;
  extension_at: string | null;
  fee_method: string | null;
  fee_quantity: number | null;
  fee_amount: number | null;
  fee_notice_at: string | null;
  fee_deadline: string | null;
  fee_paid_at: string | null;
  disposition: string | null;
  disposition_reason: string | null;
  reply_text: string | null;
  answered_at: string | null;
  answered_by: number | null;
  registered_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DisclosureConsultationsTable {
  id: Generated<number>;
  application_id: number;
  party: string;
  sent_at: string;
  replied_at: string | null;
  reply: string | null;
}

export interface DisclosureEventsTable {
  id: Generated<number>;
  application_id: number;
  kind: string;
  detail: string;
  actor_name: string;
  at: string;
}

/** disclosure_annual_reports (政府信息公开工作年度报告) and website_annual_reports (政府网站工作年度报表). */
export interface AnnualReportsTable {
  id: Generated<number>;
  site_id: number;
  year: number;
  data: string;
  manual: string;
  status: string;
  content_id: number | null;
  generated_at: string;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ProposalsTable {
  id: Generated<number>;
  site_id: number;
  year: number;
  kind: string;
  number: string;
  title: string;
  proposer: string;
  department_id: number | null;
  role: string;
  received_on: string;
  due_on: string;
  reply: Generated<string>;
  replied_on: string | null;
  satisfaction: string | null;
  status: string;
  content_id: number | null;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type Survey = Selectable<SurveysTable>;
export type SurveyResponse = Selectable<SurveyResponsesTable>;
export type Solicitation = Selectable<SolicitationsTable>;
export type SolicitationComment = Selectable<SolicitationCommentsTable>;
export type DisclosureApplication = Selectable<DisclosureApplicationsTable>;
export type DisclosureConsultation = Selectable<DisclosureConsultationsTable>;
export type DisclosureEvent = Selectable<DisclosureEventsTable>;
export type AnnualReport = Selectable<AnnualReportsTable>;
export type Proposal = Selectable<ProposalsTable>;

export interface Database {
  surveys: SurveysTable;
  survey_responses: SurveyResponsesTable;
  survey_texts: SurveyTextsTable;
  solicitations: SolicitationsTable;
  solicitation_comments: SolicitationCommentsTable;
  disclosure_applications: DisclosureApplicationsTable;
  disclosure_consultations: DisclosureConsultationsTable;
  disclosure_events: DisclosureEventsTable;
  disclosure_annual_reports: AnnualReportsTable;
  website_annual_reports: AnnualReportsTable;
  proposals: ProposalsTable;
}
