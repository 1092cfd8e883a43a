// Visitor statistics without third parties (no outside counter sees who visits). The request path only increments an
// in-memory counter; every ~10 s (and on shutdown) each app node flushes its counters in one transaction of upserts.
// A daily job closes the finished days: unique visitors are counted, the visitor hashes and the day's salt are
// deleted. The privacy design is in README.md next to this file.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import {
  DAY,
  addCalendarDays,
  type Clock,
  calendarDaysBetween,
  isCalendarDay,
  shanghaiDayOf,
  shanghaiDayStartMs,
  systemClock,
} from '../../platform/time.ts';
import { AppError, type ErrorCode, type ErrorParams, errorMessage } from '../../platform/errors.ts';
import type { SitesService } from '../sites/sites.service.ts';
import { resolveSite } from '../portal/site-resolver.ts';
import { type ColumnIndex, columnFor, columnIndex } from './column-index.ts';
import * as repo from './stats.repository.ts';
import type { AnnualReport, StatsQuery, StatsReport } from './stats.schema.ts';
import { CONTENT_PAGE, annualReport, statsReport } from './stats.presenter.ts';
import { visitorHash } from './visitor.ts';

/** A day is closed this long after it ended, so every node has flushed its last counts first. */
export const CLOSE_GRACE_MS = 5 * 60_000;
/** Beyond this many distinct pending (page, visitor) pairs, further views are counted without their visitor (memory bound). */
export const MAX_PENDING_KEYS = 200_000;
/** The longest range the statistics API answers at once. */
export const MAX_RANGE_DAYS = 3 * 366;
const TOP = 20;
const SEP = '\u0000';

/** A refused statistics range: the catalogue's message, also given for the `from` field as the form shows it. */
function rangeError<C extends ErrorCode>(code: C, params: ErrorParams<C>): AppError<C> {
  const message = errorMessage(code, params as Record<string, string | number>);
  return new AppError(code, params, { fields: { from: message } });
}

export class StatsService {
  /**
   * Views since the last flush: `day \0 host \0 path \0 ip` → user agent → views. The user agent is a key of
   * its own (not part of a longer string) so the hash V8 cached on it during the robot check is reused.
   */
  private pending = new Map<string, Map<string, number>>();
  private pendingPairs = 0;
  private day = '';
  private dayStart = 0;
  private dayEnd = 0;
  /** Salts this node has used, by day; dropped once the day is closed. Never written anywhere but stats_salts. */
  private readonly salts = new Map<string, Buffer>();
  private flushing: Promise<void> = Promise.resolve();
  /** Epoch ms on the hot path: Date.now() with the system clock (no Date object), else the injected clock. */
  private readonly nowMs: () => number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sites: Pick<SitesService, 'list'>,
  ) {
    this.nowMs = clock === systemClock ? Date.now : () => clock.now().getTime();
  }

  /**
   * Counts one public page view. The hot path: the Asia/Shanghai day (recomputed only when the day changes),
   * one short string and a nested Map increment. Resolving the site and column, and hashing, wait for the flush.
   */
  recordView(host: string | undefined, path: string, ip: string, ua: string): void {
    const now = this.nowMs();
    if (now >= this.dayEnd || now < this.dayStart) {
      this.day = shanghaiDayOf(now);
      this.dayStart = shanghaiDayStartMs(this.day);
      this.dayEnd = this.dayStart + DAY;
    }
    this.add(`${this.day}${SEP}${host ?? ''}${SEP}${path}${SEP}${ip}`, ua, 1);
  }

  private add(key: string, ua: string, views: number): void {
    let visitors = this.pending.get(key);
    if (!visitors) {
      visitors = new Map();
      this.pending.set(key, visitors);
    }
    const n = visitors.get(ua);
    if (n !== undefined) {
      visitors.set(ua, n + views);
    } else if (this.pendingPairs < MAX_PENDING_KEYS) {
      visitors.set(ua, views);
      this.pendingPairs += 1;
    } else {
      // Full: count the view on the page without its visitor.
      if (visitors.size === 0) this.pending.delete(key);
      const anonymous = key.slice(0, key.lastIndexOf(SEP) + 1);
      let page = this.pending.get(anonymous);
      if (!page) {
        page = new Map();
        this.pending.set(anonymous, page);
      }
      page.set('', (page.get('') ?? 0) + views);
    }
  }

  /** Distinct (page, visitor) pairs counted in memory and not yet written. */
  get pendingKeys(): number {
    return this.pendingPairs;
  }

  /** Writes the counters to the database; flushes never overlap. On failure the counts are kept for the next one. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.flushOnce());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(): Promise<void> {
    const oldestOpen = shanghaiDayOf(this.clock.now().getTime() - CLOSE_GRACE_MS);
    for (const day of this.salts.keys()) if (day < oldestOpen) this.salts.delete(day);
    if (this.pending.size === 0) return;
    const taken = this.pending;
    this.pending = new Map();
    this.pendingPairs = 0;
    try {
      await this.write(taken);
    } catch (error) {
      for (const [key, visitors] of taken) for (const [ua, n] of visitors) this.add(key, ua, n);
      throw error;
    }
  }

  private async write(taken: Map<string, Map<string, number>>): Promise<void> {
    const now = this.clock.now().getTime();
    const oldestOpen = shanghaiDayOf(now - CLOSE_GRACE_MS);
    const sites = await this.sites.list();
    const columns = new Map<number, ColumnIndex>();
    const pages = new Map<string, repo.PageCount>();
    const siteViews = new Map<string, { siteId: number; day: string; views: number }>();
    const visitors = new Map<string, repo.VisitorRow>();
    const salts = new Map<string, Buffer | null>();

    for (const [key, byAgent] of taken) {
      const [day, host, rawPath, ip] = key.split(SEP) as [string, string, string, string];
      const n = [...byAgent.values()].reduce((sum, v) => sum + v, 0);
      const match = resolveSite(sites, host || undefined, rawPath);
      if (!match || match.redirect !== undefined) continue;
      const siteId = match.site.id;
      const path = match.path.slice(0, 500);
      let index = columns.get(siteId);
      if (!index) {
        index = columnIndex(await repo.columnsOf(this.db, siteId));
        columns.set(siteId, index);
      }
      const pageKey = `${siteId}|${day}|${path}`;
      const page = pages.get(pageKey) ?? { siteId, day, path, columnId: columnFor(index, path), views: 0 };
      page.views += n;
      pages.set(pageKey, page);
      const siteKey = `${siteId}|${day}`;
      const site = siteViews.get(siteKey) ?? { siteId, day, views: 0 };
      site.views += n;
      siteViews.set(siteKey, site);
      if (!ip || day < oldestOpen) continue;
      if (!salts.has(day)) salts.set(day, await this.saltFor(day));
      const salt = salts.get(day);
      if (!salt) continue;
      for (const ua of byAgent.keys()) {
        const hash = visitorHash(salt, ip, ua);
        visitors.set(`${pageKey}|${hash}`, { siteId, day, path, hash });
      }
    }

    await this.db.transaction().execute(async (trx) => {
      const closed = await repo.closedDays(trx, [...new Set([...visitors.values()].map((v) => v.day))]);
      await repo.addPageViews(trx, [...pages.values()]);
      await repo.addSiteViews(trx, [...siteViews.values()]);
      await repo.addVisitors(
        trx,
        [...visitors.values()].filter((v) => !closed.has(`${v.siteId}|${v.day}`)),
      );
    });
  }

  /**
   * The day's salt: from memory, else from stats_salts, created there (random) by the first node that needs it.
   * Only asked for days not yet closed; should a late node recreate the salt of a day closed meanwhile, its
   * hashes are refused (closedDays) and the salt is deleted by the next closeFinishedDays.
   */
  private async saltFor(day: string): Promise<Buffer | null> {
    const cached = this.salts.get(day);
    if (cached) return cached;
    const hex = await repo.daySalt(this.db, day, {
      salt: randomBytes(32).toString('hex'),
      at: this.clock.now().toISOString(),
    });
    if (!hex) return null;
    const salt = Buffer.from(hex, 'hex');
    this.salts.set(day, salt);
    return salt;
  }

  /**
   * Closes the days that ended more than CLOSE_GRACE_MS ago: their unique visitors are counted and stored,
   * their visitor hashes deleted, and their salts deleted. Idempotent, safe on several nodes at once.
   */
  async closeFinishedDays(): Promise<number> {
    const before = shanghaiDayOf(this.clock.now().getTime() - CLOSE_GRACE_MS);
    let closed = 0;
    for (const { siteId, day } of await repo.openDaysBefore(this.db, before)) {
      if (await this.db.transaction().execute((trx) => repo.closeDay(trx, siteId, day))) closed += 1;
    }
    await repo.deleteSaltsBefore(this.db, before);
    for (const day of this.salts.keys()) if (day < before) this.salts.delete(day);
    return closed;
  }

  today(): string {
    return shanghaiDayOf(this.clock.now().getTime());
  }

  async report(siteId: number, query: StatsQuery): Promise<StatsReport> {
    const today = this.today();
    const to = query.to ?? today;
    const from = query.from ?? addCalendarDays(to, -29);
    const granularity = query.granularity ?? 'day';
    if (!isCalendarDay(from) || !isCalendarDay(to)) throw rangeError('DATE_INVALID', { field: '日期' });
    if (from > to) throw rangeError('DATE_RANGE_REVERSED', { from: '开始日期', to: '结束日期' });
    if (calendarDaysBetween(from, to) + 1 > MAX_RANGE_DAYS)
      throw rangeError('DATE_RANGE_TOO_LONG', { days: MAX_RANGE_DAYS });
    const [days, pages, columns, columnRows] = await Promise.all([
      repo.siteDays(this.db, siteId, from, to),
      repo.topPages(this.db, siteId, from, to, TOP),
      repo.topColumns(this.db, siteId, from, to, TOP),
      repo.columnsOf(this.db, siteId),
    ]);
    const titles = await repo.publishedTitles(
      this.db,
      siteId,
      pages
        .map((p) => CONTENT_PAGE.exec(p.path))
        .filter((m) => !!m)
        .map((m) => Number(m[1])),
    );
    return statsReport({ from, to, granularity, days, pages, columns, index: columnIndex(columnRows), titles });
  }

  /** The figures of the annual website report (政府网站年度工作报表) for a calendar year in Asia/Shanghai. */
  async annual(siteId: number, year: number): Promise<AnnualReport> {
    return annualReport(year, await repo.siteDays(this.db, siteId, `${year}-01-01`, `${year}-12-31`));
  }
}
