// The editor's autosave slots (one per user and item being edited).
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

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

declare module '../../platform/db/schema.ts' {
  interface Database {
    content_autosaves: ContentAutosavesTable;
  }
}

export type ContentAutosave = Selectable<ContentAutosavesTable>;
