// The two annual reports share one shape: disclosure_annual_reports (政府信息公开工作年度报告) and website_annual_reports (政府网站工作年度报表).
// Declared where they are used and added to the platform's Database by module augmentation,
// so the platform schema names no domain.
import type { Generated, Selectable } from 'kysely';

/** disclosure_annual_reports (政府信息公开工作年度报告) and website_annual_reports (政府网站工作年度报表). */
export interface AnnualReportsTable {
  id: Generated<number>;
  site_id: number;
  year: number;
  data: string;
  manual: string;
  status: string;
  content_id: number | null;
  generated_at: string;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    disclosure_annual_reports: AnnualReportsTable;
    website_annual_reports: AnnualReportsTable;
  }
}

export type AnnualReport = Selectable<AnnualReportsTable>;
