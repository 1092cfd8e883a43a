// The 依申请公开 tables: applications, third-party consultations and the events of each application.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

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

declare module '../../platform/db/schema.ts' {
  interface Database {
    disclosure_applications: DisclosureApplicationsTable;
    disclosure_consultations: DisclosureConsultationsTable;
    disclosure_events: DisclosureEventsTable;
  }
}

export type DisclosureApplication = Selectable<DisclosureApplicationsTable>;
export type DisclosureConsultation = Selectable<DisclosureConsultationsTable>;
export type DisclosureEvent = Selectable<DisclosureEventsTable>;
