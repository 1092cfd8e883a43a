// The interaction tables: the message board (messages, replies, events, routing rules, alerts), smart Q&A pairs and 找错 ticket imports.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';
import type { Flag } from '../../platform/db/schema.ts';

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

declare module '../../platform/db/schema.ts' {
  interface Database {
    messages: MessagesTable;
    message_replies: MessageRepliesTable;
    message_events: MessageEventsTable;
    message_routes: MessageRoutesTable;
    message_alerts: MessageAlertsTable;
    qa_pairs: QaPairsTable;
    error_report_imports: ErrorReportImportsTable;
  }
}

export type Message = Selectable<MessagesTable>;
export type MessageReply = Selectable<MessageRepliesTable>;
export type MessageEvent = Selectable<MessageEventsTable>;
export type MessageRoute = Selectable<MessageRoutesTable>;
export type QaPair = Selectable<QaPairsTable>;
