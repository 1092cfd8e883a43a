// The 意见征集 tables: solicitations and the public's comments.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

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

declare module '../../platform/db/schema.ts' {
  interface Database {
    solicitations: SolicitationsTable;
    solicitation_comments: SolicitationCommentsTable;
  }
}

export type Solicitation = Selectable<SolicitationsTable>;
export type SolicitationComment = Selectable<SolicitationCommentsTable>;
