// Review designates (who reviews for a department) and the routing state of each review request.
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Selectable } from 'kysely';

export interface ReviewDesignatesTable {
  site_id: number;
  department_id: number;
  /** dept | leader */
  step: string;
  user_id: number;
  designated_by: number | null;
  designated_at: string;
}

export interface ReviewRoutingTable {
  request_id: number;
  state: string;
  assigned_to: number | null;
  assigned_by: number | null;
  reason: string;
  assigned_at: string | null;
  escalated_at: string | null;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    review_designates: ReviewDesignatesTable;
    review_routing: ReviewRoutingTable;
  }
}

export type ReviewRouting = Selectable<ReviewRoutingTable>;
