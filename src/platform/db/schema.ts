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
