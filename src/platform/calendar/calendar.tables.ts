export interface CalendarYearsTable {
  year: number;
  /** JSON: [{date, off, name}]. */
  days: string;
  source: string;
  entered_by: number | null;
  created_at: string;
  updated_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    calendar_years: CalendarYearsTable;
  }
}
