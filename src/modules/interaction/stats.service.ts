// 受理反馈情况统计: received, valid, replied, replied on time (within the category's limit in working days), the
// average working days from submission to the approved reply, still open, and satisfaction — by month of receipt,
// by department and by category. Computed from the records on each request (cached a few seconds per site and
// dropped at every change), so the public page and the console always show the current figures.
import type { Message } from './interaction.tables.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { clockState } from '../../platform/calendar/statutory-clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { InteractionCore } from './interaction.core.ts';
import type { StatsReport, StatsRow } from './interaction.schema.ts';
import { workingDaysToReply } from './deadlines.ts';
import type { Category } from './policy.ts';
import * as repo from './messages.repository.ts';

const CACHE_MS = 10_000;

interface Tally {
  received: number;
  valid: number;
  replied: number;
  onTime: number;
  days: number;
  open: number;
  satisfied: number;
  rated: number;
}

const empty = (): Tally => ({ received: 0, valid: 0, replied: 0, onTime: 0, days: 0, open: 0, satisfied: 0, rated: 0 });

function row(key: string, label: string, t: Tally): StatsRow {
  return {
    key,
    label,
    received: t.received,
    valid: t.valid,
    replied: t.replied,
    onTime: t.onTime,
    onTimeRate: t.replied ? Math.round((t.onTime / t.replied) * 1000) / 1000 : null,
    averageDays: t.replied ? Math.round((t.days / t.replied) * 10) / 10 : null,
    open: t.open,
    satisfied: t.satisfied,
    rated: t.rated,
  };
}

/** yyyy-MM → the first instant of that month in Asia/Shanghai, as ISO UTC. */
export function monthStart(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000).toISOString();
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export class InteractionStats {
  private readonly cache = new Map<string, { at: number; report: Promise<StatsReport> }>();

  constructor(private readonly core: InteractionCore) {
    core.onChange((c) => {
      for (const key of this.cache.keys()) if (key.startsWith(`${c.siteId}|`)) this.cache.delete(key);
    });
  }

  /** The last twelve months up to the current one, unless given. */
  defaultRange(): { from: string; to: string } {
    const today = shanghaiDate(this.core.deps.clock.now());
    const to = today.slice(0, 7);
    const [y, m] = to.split('-').map(Number);
    const from = m === 12 ? `${y}-01` : `${y - 1}-${String(m + 1).padStart(2, '0')}`;
    return { from, to };
  }

  report(
    siteId: number,
    range?: { from?: string; to?: string },
    channel: 'board' | 'error' = 'board',
  ): Promise<StatsReport> {
    const base = this.defaultRange();
    const from = range?.from ?? base.from;
    const to = range?.to ?? base.to;
    if (from > to) throw new AppError('DATE_RANGE_REVERSED', { from: '起始月份', to: '截止月份' });
    const key = `${siteId}|${from}|${to}|${channel}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.report;
    const report = this.compute(siteId, from, to, channel);
    this.cache.set(key, { at: Date.now(), report });
    report.catch(() => this.cache.delete(key));
    return report;
  }

  private async compute(siteId: number, from: string, to: string, channel: 'board' | 'error'): Promise<StatsReport> {
    const channels = channel === 'board' ? ['board'] : ['local-error', 'national-error'];
    const rows = await repo.receivedBetween(
      this.core.db,
      siteId,
      monthStart(from),
      monthStart(nextMonth(to)),
      channels,
    );
    const [calendar, policy, departments] = await Promise.all([
      this.core.deps.calendar.calendar(),
      this.core.policy(siteId),
      this.core.deps.departments.list(siteId),
    ]);
    const names = new Map(departments.map((d) => [d.id, d.name]));
    const total = empty();
    const byMonth = new Map<string, Tally>();
    for (let month = from; month <= to; month = nextMonth(month)) byMonth.set(month, empty());
    const byDepartment = new Map<string, Tally>();
    const byCategory = new Map<string, Tally>();
    const add = (map: Map<string, Tally>, key: string) => {
      const t = map.get(key) ?? empty();
      map.set(key, t);
      return t;
    };
    for (const m of rows) {
      const tallies = [
        total,
        add(byMonth, shanghaiDate(m.received_at).slice(0, 7)),
        add(byDepartment, m.department_id === null ? 'none' : String(m.department_id)),
        add(byCategory, m.category),
      ];
      const facts = this.facts(m, calendar, policy.categories[m.category as Category]?.replyLimitDays ?? 5);
      for (const t of tallies) {
        t.received += 1;
        if (m.state === 'invalid') continue;
        t.valid += 1;
        if (facts.replied) {
          t.replied += 1;
          t.days += facts.days;
          if (facts.onTime) t.onTime += 1;
        } else t.open += 1;
        if (m.rating) {
          t.rated += 1;
          if (m.rating !== '不满意') t.satisfied += 1;
        }
      }
    }
    return {
      from,
      to,
      total: row('total', '合计', total),
      byMonth: [...byMonth.entries()].map(([k, t]) => row(k, `${k.slice(0, 4)}年${Number(k.slice(5))}月`, t)),
      byDepartment: [...byDepartment.entries()]
        .map(([k, t]) => row(k, k === 'none' ? '待分办' : (names.get(Number(k)) ?? '其他'), t))
        .sort((a, b) => b.received - a.received || a.label.localeCompare(b.label, 'zh')),
      byCategory: [...byCategory.entries()].map(([k, t]) => row(k, k, t)),
    };
  }

  private facts(
    m: Message,
    calendar: Awaited<ReturnType<InteractionCore['deps']['calendar']['calendar']>>,
    limit: number,
  ) {
    if (!m.replied_at) return { replied: false, onTime: false, days: 0 };
    const clock = clockState(
      calendar,
      { receivedAt: m.received_at, workingDays: limit, completedAt: m.replied_at },
      new Date(m.replied_at),
    );
    return {
      replied: true,
      onTime: !clock.overdue,
      days: workingDaysToReply(calendar, m.received_at, m.replied_at) ?? 0,
    };
  }
}
