// The statistics snapshot → the view the console and the public page show (names, rates, averages).
import type { StatsView } from './service-stats.schema.ts';
import { averageDays, onTimeRate, type PublishedStats, type StatsRow } from './service-stats.service.ts';
import { RATING_LEVELS } from './service-types.ts';

const withRates = <T extends StatsRow>(r: T) => ({ ...r, onTimeRate: onTimeRate(r), averageDays: averageDays(r) });

/** 满意率: the share of 非常满意, 满意 and 基本满意 among the month's ratings, in percent (one decimal). */
export const satisfaction = (levels: Record<1 | 2 | 3 | 4 | 5, number>, total: number): number | null =>
  total ? Math.round(((levels[5] + levels[4] + levels[3]) / total) * 1000) / 10 : null;

export function toStatsView(
  s: PublishedStats,
  departments: Map<number, string>,
  items: Map<number, string>,
): StatsView {
  return {
    refreshedAt: s.refreshedAt,
    months: s.months,
    byMonth: s.byMonth.map(withRates),
    byDepartment: s.byDepartment
      .map((d) => withRates({ ...d, departmentName: departments.get(d.departmentId) ?? '' }))
      .sort((a, b) => b.received - a.received),
    byItem: s.byItem
      .map((i) =>
        withRates({
          itemId: i.itemId,
          itemName: items.get(i.itemId) ?? '',
          departmentName: departments.get(i.departmentId) ?? '',
          received: i.received,
          accepted: i.accepted,
          rejected: i.rejected,
          completed: i.completed,
          onTime: i.onTime,
          workingDays: i.workingDays,
        }),
      )
      .sort((a, b) => b.received - a.received || a.itemName.localeCompare(b.itemName, 'zh')),
    total: withRates(s.total),
    ratings: s.ratings.byMonth.map((m) => ({
      month: m.month,
      levels: RATING_LEVELS.map((l) => ({ level: l.level, name: l.name, count: m.levels[l.level] })),
      total: m.total,
      bad: m.bad,
      rectified: m.rectified,
      revisited: m.revisited,
      satisfaction: satisfaction(m.levels, m.total),
    })),
  };
}
