// The supervision tables: offices, the site registry, inspection plans and items, rectifications, checks, findings, annual reports and registry imports.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated } from 'kysely';
import type { Flag } from '../../platform/db/schema.ts';

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

declare module '../../platform/db/schema.ts' {
  interface Database {
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
}
