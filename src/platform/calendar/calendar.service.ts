// The one statutory calendar of the installation: the shipped years plus the years the site administrator
// entered, as a WorkingCalendar snapshot that every deadline is computed on. Each app node re-reads the entered
// years at most every REFRESH_MS (another node's entry shows within that time; the entering node at once).
import type { Db } from '../db/database.ts';
import type { Clock } from '../time.ts';
import type { Actor, AuditService } from '../audit/audit.service.ts';
import { AppError } from '../errors.ts';
import {
  type CalendarDay,
  type CivilDate,
  type YearData,
  WorkingCalendar,
  shippedYears,
  yearProblems,
} from './working-calendar.ts';
import {
  type CalendarDeadline,
  type CalendarPeriod,
  type ClockInput,
  type ClockState,
  calendarDeadline,
  clockState,
} from './statutory-clock.ts';
import * as repo from './calendar.repository.ts';

const REFRESH_MS = 30_000;

export interface CalendarYearSummary {
  year: number;
  /** shipped: in the release; entered: by the administrator (overrides a shipped year); missing: no data. */
  source: 'shipped' | 'entered' | 'missing';
  note: string;
  days: CalendarDay[];
  holidays: number;
  makeUpDays: number;
  updatedAt: string | null;
}

export class CalendarService {
  private snapshot: { calendar: WorkingCalendar; loadedAt: number; entered: Map<number, YearData> } | null = null;
  private readonly listeners: (() => void | Promise<void>)[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The calendar of the moment (shipped years, overridden by entered ones). */
  async calendar(): Promise<WorkingCalendar> {
    const now = Date.now();
    if (!this.snapshot || now - this.snapshot.loadedAt > REFRESH_MS) await this.reload();
    return this.snapshot!.calendar;
  }

  private async reload(): Promise<void> {
    const entered = new Map<number, YearData>(
      (await repo.listYears(this.db)).map((r) => [
        r.year,
        { year: r.year, days: JSON.parse(r.days) as CalendarDay[], source: 'entered' as const },
      ]),
    );
    const years = [...shippedYears().filter((y) => !entered.has(y.year)), ...entered.values()];
    this.snapshot = { calendar: new WorkingCalendar(years), loadedAt: Date.now(), entered };
  }

  /** Called after a year is entered or removed: modules that keep due dates for sorting recompute them. */
  onChange(listener: () => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /** A statutory clock at the current time (see statutory-clock.ts for the rules). */
  async clockState(input: ClockInput, now: Date = this.clock.now()): Promise<ClockState> {
    return clockState(await this.calendar(), input, now);
  }

  async calendarDeadline(
    receivedAt: string,
    period: CalendarPeriod,
    now: Date = this.clock.now(),
  ): Promise<CalendarDeadline> {
    return calendarDeadline(await this.calendar(), receivedAt, period, now);
  }

  async addWorkingDays(date: CivilDate, n: number): Promise<{ date: CivilDate; estimated: boolean }> {
    const calendar = await this.calendar();
    const date2 = calendar.addWorkingDays(date, n);
    return { date: date2, estimated: calendar.unknownYears(date, date2).length > 0 };
  }

  async workingDaysBetween(from: CivilDate, to: CivilDate): Promise<{ days: number; estimated: boolean }> {
    const calendar = await this.calendar();
    return { days: calendar.workingDaysBetween(from, to), estimated: calendar.unknownYears(from, to).length > 0 };
  }

  /** Every year from the first shipped one to two years ahead, with where its data comes from. */
  async years(): Promise<CalendarYearSummary[]> {
    await this.reload();
    const rows = new Map((await repo.listYears(this.db)).map((r) => [r.year, r]));
    const shipped = new Map(shippedYears().map((y) => [y.year, y]));
    const thisYear = this.clock.now().getUTCFullYear();
    const first = Math.min(...shipped.keys(), ...rows.keys(), thisYear);
    const last = Math.max(...shipped.keys(), ...rows.keys(), thisYear + 1);
    const out: CalendarYearSummary[] = [];
    for (let year = first; year <= last; year++) {
      const row = rows.get(year);
      const days = row ? (JSON.parse(row.days) as CalendarDay[]) : (shipped.get(year)?.days ?? []);
      out.push({
        year,
        source: row ? 'entered' : shipped.has(year) ? 'shipped' : 'missing',
        note: row ? row.source : shipped.has(year) ? '随系统发布' : '',
        days,
        holidays: days.filter((d) => d.off).length,
        makeUpDays: days.filter((d) => !d.off).length,
        updatedAt: row?.updated_at ?? null,
      });
    }
    return out;
  }

  /** Enters (or corrects) a year's arrangement; deadlines touching it are exact from now on. */
  async enterYear(actor: Actor, year: number, days: CalendarDay[], source: string): Promise<void> {
    const problems = yearProblems(year, days);
    if (problems.length) throw new AppError('CALENDAR_YEAR_INVALID', { problems: problems.join('；') }, { problems });
    const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await repo.findYear(trx, year);
      await repo.saveYear(trx, {
        year,
        days: JSON.stringify(sorted.map((d) => ({ date: d.date, off: d.off, name: d.name.trim() }))),
        source: source.trim(),
        entered_by: actor.userId,
        at,
      });
      await this.audit.record(trx, actor, {
        action: 'calendar.year',
        targetType: 'calendar_year',
        targetId: year,
        detail: {
          holidays: sorted.filter((d) => d.off).length,
          makeUpDays: sorted.filter((d) => !d.off).length,
          replaced: Boolean(before),
          source,
        },
      });
    });
    await this.changed();
  }

  /** Removes an entered year: the shipped data (if any) or the Monday–Friday estimate applies again. */
  async removeYear(actor: Actor, year: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.findYear(trx, year))) throw new AppError('NOT_FOUND');
      await repo.deleteYear(trx, year);
      await this.audit.record(trx, actor, {
        action: 'calendar.year.remove',
        targetType: 'calendar_year',
        targetId: year,
      });
    });
    await this.changed();
  }

  private async changed(): Promise<void> {
    await this.reload();
    for (const listener of this.listeners) await listener();
  }
}
