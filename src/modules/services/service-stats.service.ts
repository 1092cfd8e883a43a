// Published statistics (办事统计): per item and department and month — applications received, accepted, refused,
// completed, completed on time, average working days from 受理 to 办结 — and the monthly 好差评 results (the
// share of each level, 差评 rectified and revisited). A job recomputes them from the applications (at least
// daily, so the public page is never older than the inspection's one-month rule); the page shows the snapshot
// and when it was made.
import type { Db } from '../../platform/db/database.ts';
import type { ServiceRatingMonthsTable, ServiceStatsMonthsTable } from './services.tables.ts';
import type { Clock } from '../../platform/time.ts';
import { DAY, shanghaiDate } from '../../platform/time.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import * as repo from './service-stats.repository.ts';
import { applicationClocks, completedOnTime, workingDaysUsed } from './application-clock.ts';
import type { ServiceChanges } from './access.ts';

const refreshedKey = (siteId: number) => `services.stats.refreshedAt.${siteId}`;
const monthOf = (iso: string) => shanghaiDate(iso).slice(0, 7);

/** Refresh when the snapshot is older than this (the job runs hourly). */
export const STATS_MAX_AGE = DAY;

export interface StatsRow {
  received: number;
  accepted: number;
  rejected: number;
  completed: number;
  onTime: number;
  workingDays: number;
}
const zero = (): StatsRow => ({ received: 0, accepted: 0, rejected: 0, completed: 0, onTime: 0, workingDays: 0 });
const add = (a: StatsRow, b: StatsRow): StatsRow => ({
  received: a.received + b.received,
  accepted: a.accepted + b.accepted,
  rejected: a.rejected + b.rejected,
  completed: a.completed + b.completed,
  onTime: a.onTime + b.onTime,
  workingDays: a.workingDays + b.workingDays,
});

export const onTimeRate = (r: StatsRow): number | null =>
  r.completed ? Math.round((r.onTime / r.completed) * 1000) / 10 : null;
export const averageDays = (r: StatsRow): number | null =>
  r.completed ? Math.round((r.workingDays / r.completed) * 10) / 10 : null;

export interface PublishedStats {
  refreshedAt: string | null;
  months: string[];
  byMonth: (StatsRow & { month: string })[];
  byDepartment: (StatsRow & { departmentId: number })[];
  byItem: (StatsRow & { itemId: number; departmentId: number })[];
  total: StatsRow;
  ratings: {
    byMonth: {
      month: string;
      levels: Record<1 | 2 | 3 | 4 | 5, number>;
      total: number;
      bad: number;
      rectified: number;
      revisited: number;
    }[];
  };
}

export class ServiceStatsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly changes: ServiceChanges,
  ) {}

  async refreshedAt(siteId: number): Promise<string | null> {
    return readSetting<string>(this.db, refreshedKey(siteId));
  }

  /** Recomputes a site's statistics from its applications and ratings, replacing the published snapshot. */
  async refresh(siteId: number): Promise<{ months: number; refreshedAt: string }> {
    const calendar = await this.calendar.calendar();
    const now = this.clock.now();
    const at = now.toISOString();
    const apps = await repo.allApplications(this.db, siteId);
    const events = await repo.allEvents(this.db, siteId);
    const byApp = new Map<number, typeof events>();
    for (const e of events) byApp.set(e.application_id, [...(byApp.get(e.application_id) ?? []), e]);
    const cells = new Map<string, ServiceStatsMonthsTable>();
    const cell = (month: string, itemId: number, departmentId: number) => {
      const key = `${month}|${itemId}`;
      let c = cells.get(key);
      if (!c) {
        c = {
          site_id: siteId,
          month,
          item_id: itemId,
          department_id: departmentId,
          received: 0,
          accepted: 0,
          rejected: 0,
          completed: 0,
          on_time: 0,
          working_days: 0,
          refreshed_at: at,
        };
        cells.set(key, c);
      }
      return c;
    };
    for (const app of apps) {
      cell(monthOf(app.submitted_at), app.item_id, app.department_id).received++;
      if (app.accepted_at) cell(monthOf(app.accepted_at), app.item_id, app.department_id).accepted++;
      if (app.state === 'rejected' && app.completed_at)
        cell(monthOf(app.completed_at), app.item_id, app.department_id).rejected++;
      if (app.state === 'completed' && app.completed_at) {
        const clocks = applicationClocks(calendar, app, byApp.get(app.id) ?? [], now);
        const c = cell(monthOf(app.completed_at), app.item_id, app.department_id);
        c.completed++;
        if (completedOnTime(clocks)) c.on_time++;
        c.working_days += workingDaysUsed(calendar, app, clocks);
      }
    }
    const ratingCells = new Map<string, ServiceRatingMonthsTable>();
    for (const r of await repo.allRatings(this.db, siteId)) {
      const key = `${monthOf(r.rated_at)}|${r.department_id}`;
      let c = ratingCells.get(key);
      if (!c) {
        c = {
          site_id: siteId,
          month: monthOf(r.rated_at),
          department_id: r.department_id,
          level5: 0,
          level4: 0,
          level3: 0,
          level2: 0,
          level1: 0,
          rectified: 0,
          revisited: 0,
          refreshed_at: at,
        };
        ratingCells.set(key, c);
      }
      c[`level${r.level}` as 'level1']++;
      if (r.rectification === 'rectified' || r.rectification === 'revisited') c.rectified++;
      if (r.rectification === 'revisited') c.revisited++;
    }
    await this.db.transaction().execute(async (trx) => {
      await repo.replaceStats(trx, siteId, [...cells.values()], [...ratingCells.values()]);
      await writeSetting(trx, refreshedKey(siteId), at, at);
    });
    await this.changes.emit(siteId);
    return { months: new Set([...cells.values()].map((c) => c.month)).size, refreshedAt: at };
  }

  /** The job: refreshes a site whose snapshot is older than STATS_MAX_AGE (or missing). */
  async refreshIfStale(siteId: number): Promise<boolean> {
    const last = await this.refreshedAt(siteId);
    if (last && this.clock.now().getTime() - new Date(last).getTime() < STATS_MAX_AGE) return false;
    await this.refresh(siteId);
    return true;
  }

  /** The snapshot as the public page and the console show it: the last `months` months, newest last. */
  async published(siteId: number, months = 12): Promise<PublishedStats> {
    const rows = await repo.statsMonths(this.db, siteId);
    const ratingRows = await repo.ratingMonths(this.db, siteId);
    const all = [...new Set([...rows.map((r) => r.month), ...ratingRows.map((r) => r.month)])].sort();
    const shown = all.slice(-months);
    const inShown = rows.filter((r) => shown.includes(r.month));
    const rowOf = (r: ServiceStatsMonthsTable): StatsRow => ({
      received: r.received,
      accepted: r.accepted,
      rejected: r.rejected,
      completed: r.completed,
      onTime: r.on_time,
      workingDays: r.working_days,
    });
    const sum = (list: ServiceStatsMonthsTable[]) => list.map(rowOf).reduce(add, zero());
    const groups = <K>(key: (r: ServiceStatsMonthsTable) => K) => {
      const m = new Map<K, ServiceStatsMonthsTable[]>();
      for (const r of inShown) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
      return m;
    };
    return {
      refreshedAt: await this.refreshedAt(siteId),
      months: shown,
      byMonth: shown.map((month) => ({ month, ...sum(inShown.filter((r) => r.month === month)) })),
      byDepartment: [...groups((r) => r.department_id)].map(([departmentId, list]) => ({ departmentId, ...sum(list) })),
      byItem: [...groups((r) => r.item_id)].map(([itemId, list]) => ({
        itemId,
        departmentId: list[0].department_id,
        ...sum(list),
      })),
      total: sum(inShown),
      ratings: {
        byMonth: shown.map((month) => {
          const list = ratingRows.filter((r) => r.month === month);
          const levels = { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 } as Record<1 | 2 | 3 | 4 | 5, number>;
          for (const r of list) for (const l of [1, 2, 3, 4, 5] as const) levels[l] += r[`level${l}`];
          const total = Object.values(levels).reduce((a, b) => a + b, 0);
          return {
            month,
            levels,
            total,
            bad: levels[1] + levels[2],
            rectified: list.reduce((a, r) => a + r.rectified, 0),
            revisited: list.reduce((a, r) => a + r.revisited, 0),
          };
        }),
      },
    };
  }
}
