// The search log and what is read from it: each first-page, unfiltered search counts towards its query's total
// for the day (and its total of searches that found nothing); the report lists a site's searches that found
// nothing and its most frequent queries. Anonymous searches are never logged one by one: no IP address, no time
// of day, no session — totals are gathered in memory and added to the day's row every few seconds, so the log
// is not a visitor tracker (and a busy search page does not write to the database on every request).
import type { Db } from '../../platform/db/database.ts';
import { type Clock, DAY, startOfShanghaiDay } from '../../platform/time.ts';
import type { SitesService } from '../sites/sites.service.ts';
import * as repo from './search-log.repository.ts';
import type { SearchReport } from './search.schema.ts';

/** How long counted searches wait in memory before they are added to the database (at most). */
const FLUSH_MS = 5_000;
/** Distinct queries gathered before an early flush. */
const FLUSH_AT = 500;

export class SearchReportService {
  private pending = new Map<string, repo.SearchLogTotal>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sites: SitesService,
  ) {}

  /** Counts a search towards its query's total of the day; a failure to log never fails a search. */
  record(siteId: number, query: string, results: number): void {
    const day = startOfShanghaiDay(this.clock.now()).toISOString();
    const key = `${siteId}\u0000${day}\u0000${query}`;
    const total = this.pending.get(key) ?? { site_id: siteId, day, query, searches: 0, zero_results: 0 };
    total.searches += 1;
    if (results === 0) total.zero_results += 1;
    this.pending.set(key, total);
    if (this.pending.size >= FLUSH_AT) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Adds the searches counted in memory to the database (before reading the log, and on shutdown). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const totals = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.flushing.then(() =>
      totals.length ? repo.addSearches(this.db, totals).catch(() => undefined) : undefined,
    );
    return this.flushing;
  }

  async report(siteId: number, days = 30): Promise<SearchReport> {
    await this.sites.get(siteId);
    await this.flush();
    const now = this.clock.now().getTime();
    const to = new Date(now).toISOString();
    const until = new Date(now + 1).toISOString();
    const from = startOfShanghaiDay(new Date(now - days * DAY)).toISOString();
    const totals = await repo.logTotals(this.db, siteId, from, until);
    return {
      from,
      to,
      searches: totals.searches,
      zeroResultSearches: totals.zero,
      zeroResults: await repo.zeroResultQueries(this.db, siteId, from, until, 100),
      top: (await repo.popularQueries(this.db, [siteId], from, 50)).map((h) => ({ query: h.query, count: h.n })),
    };
  }
}
