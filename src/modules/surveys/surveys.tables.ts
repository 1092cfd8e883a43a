// The survey tables: surveys, responses and free-text answers.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

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

declare module '../../platform/db/schema.ts' {
  interface Database {
    surveys: SurveysTable;
    survey_responses: SurveyResponsesTable;
    survey_texts: SurveyTextsTable;
  }
}

export type Survey = Selectable<SurveysTable>;
export type SurveyResponse = Selectable<SurveyResponsesTable>;
