// Shapes of the statistics API (src/modules/stats/stats.schema.ts).
export type Granularity = 'day' | 'month';

export interface StatsPoint {
  /** yyyy-MM-dd, or yyyy-MM by month. */
  date: string;
  views: number;
  visitors: number;
}

export interface StatsReport {
  from: string;
  to: string;
  granularity: Granularity;
  totals: { views: number; visitors: number };
  series: StatsPoint[];
  topPages: { path: string; title?: string; columnId: number | null; views: number; visitors: number }[];
  topColumns: { columnId: number; name: string; views: number }[];
}

export interface AnnualReport {
  year: number;
  totalViews: number;
  uniqueVisitors: number;
}
