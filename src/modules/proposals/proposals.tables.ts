// The 建议提案 table.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

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

declare module '../../platform/db/schema.ts' {
  interface Database {
    proposals: ProposalsTable;
  }
}

export type Proposal = Selectable<ProposalsTable>;
