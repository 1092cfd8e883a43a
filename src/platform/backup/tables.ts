// Every table, parents before children, for the logical backup. A test checks this list against the
// database so a table added by a later migration cannot be left out of backups.
export const BACKUP_TABLES = [
  'sites',
  'departments',
  'columns',
  'column_departments',
  'users',
  'user_roles',
  'column_grants',
  'password_history',
  'login_failures',
  'settings',
  'audit_log',
  'audit_anchor',
  'audit_checkpoints',
  'files',
  'content_items',
  'content_columns',
  'content_versions',
  'content_attachments',
  'content_links',
  'review_requests',
  'review_steps',
  'published_items',
  'published_files',
  'notifications',
  'notification_reads',
  'inspection_runs',
  'inspection_evidence',
  'inspection_manual_findings',
  'availability_probes',
  'inspection_schedules',
  'search_log_days',
  'search_cards',
  'stats_page_days',
  'stats_site_days',
  'calendar_years',
  'citizens',
  'citizen_consents',
  'citizen_sessions',
  'citizen_codes',
  'citizen_login_attempts',
  'rate_limits',
  'challenge_uses',
  'idempotency_keys',
  'citizen_notices',
  'messages',
  'message_replies',
  'message_events',
  'message_routes',
  'message_alerts',
  'qa_pairs',
  'error_report_imports',
  // services (办事服务)
  'service_items',
  'service_guide_versions',
  'service_department_contacts',
  'service_themes',
  'service_bundles',
  'service_applications',
  'service_application_events',
  'service_application_files',
  'service_ratings',
  'service_rectifications',
  'service_stats_months',
  'service_rating_months',
  // participation and disclosure
  'surveys',
  'survey_responses',
  'survey_texts',
  'solicitations',
  'solicitation_comments',
  'disclosure_applications',
  'disclosure_consultations',
  'disclosure_events',
  'disclosure_annual_reports',
  'website_annual_reports',
  'proposals',
  'datasets',
  'dataset_versions',
  'dataset_chunks',
  'dataset_charts',
  'dataset_releases',
  // supervision (0014)
  'supervision_offices',
  'supervision_registry',
  'supervision_plans',
  'supervision_plan_items',
  'supervision_rectifications',
  'supervision_checks',
  'supervision_findings',
  'supervision_annual_reports',
  'supervision_imports',
  'auth_attempts',
  // editor (0016)
  'content_autosaves',
  'review_designates',
  'review_routing',
] as const;

/** Columns that point at a row of their own table: restored in a second pass, as the parent may come later. */
export const SELF_REFERENCES: Record<string, string[]> = {
  sites: ['parent_id'],
  departments: ['merged_into_id'],
  columns: ['parent_id'],
  supervision_registry: ['parent_id'],
};

/** Tables keyed otherwise than by an integer identity column (no sequence to move after a restore). */
export const TABLES_WITHOUT_ID = new Set([
  'column_departments',
  'column_grants',
  'settings',
  'audit_anchor',
  'content_columns',
  'content_attachments',
  'content_links',
  'published_items',
  'published_files',
  'notification_reads',
  'stats_page_days',
  'stats_site_days',
  'calendar_years',
  'citizen_sessions',
  'citizen_login_attempts',
  'rate_limits',
  'challenge_uses',
  'idempotency_keys',
  'service_department_contacts',
  'service_stats_months',
  'service_rating_months',
  'dataset_chunks',
  'auth_attempts',
  'search_log_days',
  'review_designates',
  'review_routing',
]);

/** Migration bookkeeping restored too, so the restored installation knows its schema version. */
export const MIGRATION_TABLES = ['kysely_migration'] as const;

/**
 * Derived tables: rebuilt from the data above (`govportal search reindex`), so not backed up. The search index
 * rebuilds itself on first use when it is empty and items are published (e.g. after a restore).
 */
export const DERIVED_TABLES = [
  'search_docs',
  'search_terms',
  // SQLite only: the FTS5 table and its shadow tables; PostgreSQL only: the tsvector table.
  'search_fts',
  'search_fts_data',
  'search_fts_idx',
  'search_fts_docsize',
  'search_fts_config',
  'search_match',
  // The checkpoint of a running index rebuild.
  'search_rebuild',
  // Transient visitor statistics (hashes and the day's key), deliberately never backed up: see modules/stats.
  'stats_visitors',
  'stats_salts',
  // Per-IP request counts of the open data API: transient.
  'open_api_counters',
] as const;

/**
 * Left out of backups on purpose. Sessions: a backup must not carry working login tokens (anyone holding the
 * file could act as the staff logged in when it was taken); after a restore everybody logs in again.
 */
export const EXCLUDED_TABLES = ['sessions'] as const;

/**
 * Where uploaded files live on a PostgreSQL installation. Their bytes travel in the backup's files/ folder (like
 * files on disk), so the rows themselves are not dumped; a restore writes the files back into the store.
 */
export const FILE_STORAGE_TABLES = ['file_blobs', 'file_chunks'] as const;
