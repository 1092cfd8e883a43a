// The site's own figures as data sets: each provider turns figures the platform already keeps (visits,
// publications; later modules add messages, applications, ratings with `register`) into a table of months up
// to the last complete one. A data set bound to a provider gets a new version from the monthly job, so the
// 数据发布 column stays current by construction.
import type { Db } from '../../platform/db/database.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { StatsService } from '../stats/stats.service.ts';
import type { DataColumn } from './column-types.ts';
import type { ChartDefinition, DatasetTheme } from './datasets.schema.ts';
import * as repo from './datasets.repository.ts';

export interface SiteFigures {
  /** The version's name, e.g. 截至2026年10月: a version with the same name is not made twice. */
  label: string;
  rows: (string | null)[][];
}

export interface SiteDataProvider {
  key: string;
  title: string;
  description: string;
  theme: DatasetTheme;
  columns: DataColumn[];
  /** Charts a new data set of this provider starts with. */
  charts: Omit<ChartDefinition, 'sort'>[];
  figures(db: Db, siteId: number, now: Date): Promise<SiteFigures>;
}

export class SiteDataProviders {
  private readonly providers = new Map<string, SiteDataProvider>();

  register(provider: SiteDataProvider): void {
    this.providers.set(provider.key, provider);
  }

  get(key: string): SiteDataProvider | undefined {
    return this.providers.get(key);
  }

  list(): SiteDataProvider[] {
    return [...this.providers.values()];
  }
}

/** The last complete month before `now` (Asia/Shanghai) and the `count` months ending with it, oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  const [y, m] = shanghaiDate(now).split('-').map(Number);
  const months: string[] = [];
  for (let i = count; i >= 1; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

export const monthLabel = (month: string) => `截至${month.slice(0, 4)}年${Number(month.slice(5))}月`;

const MONTH: DataColumn = { name: '月份', type: 'month', description: '统计月份（北京时间）', unit: '' };

export function visitsProvider(stats: Pick<StatsService, 'report'>): SiteDataProvider {
  return {
    key: 'site.visits',
    title: '网站访问量（月度）',
    description: '本网站每月的页面访问量与独立访客数，由网站自行统计，不使用第三方统计。',
    theme: '政务服务',
    columns: [
      MONTH,
      { name: '访问量', type: 'integer', description: '页面浏览次数', unit: '次' },
      { name: '访客数', type: 'integer', description: '每日独立访客数之和', unit: '人次' },
    ],
    charts: [
      {
        title: '网站月度访问量',
        kind: 'line',
        categoryColumn: '月份',
        valueColumns: ['访问量', '访客数'],
        aggregate: 'sum',
        filter: null,
        unit: '次',
      },
    ],
    async figures(_db, siteId, now) {
      const months = lastMonths(now, 12);
      const report = await stats.report(siteId, {
        from: `${months[0]}-01`,
        to: shanghaiDate(new Date(Date.UTC(Number(months[11].slice(0, 4)), Number(months[11].slice(5)), 0))),
        granularity: 'month',
      });
      const first = report.series.findIndex((s) => s.views > 0);
      const rows =
        first < 0 ? [] : report.series.slice(first).map((s) => [s.date, String(s.views), String(s.visitors)]);
      return { label: monthLabel(months[11]), rows };
    },
  };
}

export const publicationsProvider: SiteDataProvider = {
  key: 'site.publications',
  title: '网站信息发布数量（按栏目、月度）',
  description: '本网站各栏目每月新发布的信息条数（按首次发布时间统计），由网站发布记录自动生成。',
  theme: '综合政务',
  columns: [
    MONTH,
    { name: '栏目', type: 'text', description: '信息所在的栏目', unit: '' },
    { name: '发布数', type: 'integer', description: '当月首次发布的信息条数', unit: '条' },
  ],
  charts: [
    {
      title: '每月发布信息数',
      kind: 'bar',
      categoryColumn: '月份',
      valueColumns: ['发布数'],
      aggregate: 'sum',
      filter: null,
      unit: '条',
    },
    {
      title: '各栏目发布信息占比',
      kind: 'pie',
      categoryColumn: '栏目',
      valueColumns: ['发布数'],
      aggregate: 'sum',
      filter: null,
      unit: '条',
    },
  ],
  async figures(db, siteId, now) {
    const months = lastMonths(now, 12);
    const wanted = new Set(months);
    const names = await repo.columnNames(db, siteId);
    const counts = new Map<string, number>();
    for (const p of await repo.publicationsByMonth(db, siteId)) {
      const month = shanghaiDate(p.pubDate).slice(0, 7);
      if (!wanted.has(month)) continue;
      const key = `${month}\u0000${names.get(p.columnId) ?? `栏目${p.columnId}`}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const rows = [...counts.entries()]
      .map(([key, n]) => [...key.split('\u0000'), String(n)])
      .sort((a, b) => a[0].localeCompare(b[0]) || Number(b[2]) - Number(a[2]));
    return { label: monthLabel(months[11]), rows };
  },
};
