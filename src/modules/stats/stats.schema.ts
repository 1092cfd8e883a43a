// Request and response schemas of the statistics API.
import { type Static, Type } from '@fastify/type-provider-typebox';

const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const Granularity = Type.Union([Type.Literal('day'), Type.Literal('month')], {
  description: 'day 按日（默认），month 按月',
});
export type Granularity = Static<typeof Granularity>;

export const StatsQuery = Type.Object(
  {
    from: Type.Optional(Day('开始日期（含，北京时间 yyyy-MM-dd）；默认结束日期前 29 天')),
    to: Type.Optional(Day('结束日期（含，北京时间 yyyy-MM-dd）；默认今天')),
    granularity: Type.Optional(Granularity),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuery>;

export const StatsPoint = Type.Object({
  date: Type.String({ description: '日期 yyyy-MM-dd，按月时为 yyyy-MM' }),
  views: Type.Integer({ description: '浏览量（PV）' }),
  visitors: Type.Integer({ description: '独立访客数：每日独立访客之和' }),
});

export const StatsReportView = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    granularity: Granularity,
    totals: Type.Object({
      views: Type.Integer({ description: '浏览量合计' }),
      visitors: Type.Integer({ description: '独立访客合计（每日独立访客之和，访客标识每日更换，跨日不可关联）' }),
    }),
    series: Type.Array(StatsPoint),
    topPages: Type.Array(
      Type.Object({
        path: Type.String({ description: '站点内路径' }),
        title: Type.Optional(Type.String({ description: '页面标题（首页、栏目名或文章标题）' })),
        columnId: Type.Union([Type.Integer(), Type.Null()]),
        views: Type.Integer(),
        visitors: Type.Integer(),
      }),
    ),
    topColumns: Type.Array(Type.Object({ columnId: Type.Integer(), name: Type.String(), views: Type.Integer() })),
  },
  { description: '访问统计' },
);
export type StatsPoint = Static<typeof StatsPoint>;
export type StatsReport = Static<typeof StatsReportView>;

export const AnnualQuery = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年份（北京时间自然年）' }),
  },
  { additionalProperties: false },
);
export type AnnualQuery = Static<typeof AnnualQuery>;

export const AnnualView = Type.Object(
  {
    year: Type.Integer(),
    totalViews: Type.Integer({ description: '网站总访问量（浏览量）' }),
    uniqueVisitors: Type.Integer({ description: '独立用户访问总量（全年每日独立访客之和）' }),
  },
  { description: '政府网站年度工作报表的访问数据' },
);
export type AnnualReport = Static<typeof AnnualView>;
