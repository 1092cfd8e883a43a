// Stored daily figures → the statistics API's views: the series by day or month (days without visits as
// zeros), totals, and the top pages and columns with their titles.
import { calendarDaysFrom } from '../../platform/time.ts';
import type { ColumnIndex } from './column-index.ts';
import type { DayFigures, PageFigures } from './stats.repository.ts';
import type { AnnualReport, Granularity, StatsPoint, StatsReport } from './stats.schema.ts';

/** A content page `<column path><id>.html`: its item's title is looked up. */
export const CONTENT_PAGE = /\/([1-9]\d{0,11})\.html$/;

export interface ReportParts {
  from: string;
  to: string;
  granularity: Granularity;
  days: DayFigures[];
  pages: PageFigures[];
  columns: { columnId: number; views: number }[];
  index: ColumnIndex;
  /** Titles of the published items among the top pages, by content id. */
  titles: Map<number, string>;
}

/** Every day (or month) of the range, in order, with the figures summed. */
function series(from: string, to: string, granularity: Granularity, days: DayFigures[]): StatsPoint[] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  const buckets = new Map<string, StatsPoint>();
  for (const day of calendarDaysFrom(from, to)) {
    const date = granularity === 'month' ? day.slice(0, 7) : day;
    const bucket = buckets.get(date) ?? { date, views: 0, visitors: 0 };
    const figures = byDay.get(day);
    if (figures) {
      bucket.views += figures.views;
      bucket.visitors += figures.visitors;
    }
    buckets.set(date, bucket);
  }
  return [...buckets.values()];
}

/** What a reader knows a page as: 首页, a column's name, an item's title, 主动公开目录 … */
function pageTitle(path: string, index: ColumnIndex, titles: Map<number, string>): string | undefined {
  if (path === '/') return '首页';
  if (path === '/search') return '站内搜索';
  if (path === '/sitemap/') return '网站地图';
  const content = CONTENT_PAGE.exec(path);
  if (content) return titles.get(Number(content[1]));
  const column = index.byPath.find((c) => c.path === path);
  if (column) return index.byId.get(column.id)?.name;
  if (path.endsWith('/catalog/')) return '主动公开目录';
  return undefined;
}

export function statsReport(parts: ReportParts): StatsReport {
  const { from, to, granularity, days, pages, columns, index, titles } = parts;
  return {
    from,
    to,
    granularity,
    totals: { views: days.reduce((s, d) => s + d.views, 0), visitors: days.reduce((s, d) => s + d.visitors, 0) },
    series: series(from, to, granularity, days),
    topPages: pages.map((p) => {
      const title = pageTitle(p.path, index, titles);
      return {
        path: p.path,
        ...(title ? { title } : {}),
        columnId: p.columnId,
        views: p.views,
        visitors: p.visitors,
      };
    }),
    topColumns: columns.map((c) => ({
      columnId: c.columnId,
      name: index.byId.get(c.columnId)?.name ?? `已删除的栏目 #${c.columnId}`,
      views: c.views,
    })),
  };
}

/** 网站总访问量 and 独立用户访问总量 of the annual website report: the year's views and daily visitors, summed. */
export function annualReport(year: number, days: DayFigures[]): AnnualReport {
  return {
    year,
    totalViews: days.reduce((s, d) => s + d.views, 0),
    uniqueVisitors: days.reduce((s, d) => s + d.visitors, 0),
  };
}
