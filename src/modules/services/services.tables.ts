// The online services (办事服务) tables: the catalogue, guide versions, department contacts, 一件事 themes and bundles, applications with their events and files, 好差评 ratings and rectifications, and monthly statistics.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

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

declare module '../../platform/db/schema.ts' {
  interface Database {
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
}

export type ServiceItemRow = Selectable<ServiceItemsTable>;
export type ServiceThemeRow = Selectable<ServiceThemesTable>;
export type ServiceApplicationRow = Selectable<ServiceApplicationsTable>;
export type ServiceApplicationEventRow = Selectable<ServiceApplicationEventsTable>;
export type ServiceRatingRow = Selectable<ServiceRatingsTable>;
export type ServiceRectificationRow = Selectable<ServiceRectificationsTable>;
