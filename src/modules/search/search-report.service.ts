// The search log and what is read from it: each first-page, unfiltered search is recorded with its number of
// results; the report lists a site's searches that found nothing and its most frequent queries.
import type { Db } from '../../platform/db/database.ts';
import { type Clock, DAY } from '../../platform/time.ts';
import type { SitesService } from '../sites/sites.service.ts';
import * as repo from './search-log.repository.ts';
import type { SearchReport } from './search.schema.ts';

export class SearchReportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sites: SitesService,
  ) {}

  /** Records a search; a failure to log never fails the search. */
  async record(siteId: number, query: string, results: number): Promise<void> {
    await repo
      .logSearch(this.db, { site_id: siteId, query, results, at: this.clock.now().toISOString() })
      .catch(() => undefined);
  }

  async report(siteId: number, days = 30): Promise<SearchReport> {
    await this.sites.get(siteId);
    const now = this.clock.now().getTime();
    const to = new Date(now).toISOString();
    const until = new Date(now + 1).toISOString();
    const from = new Date(now - days * DAY).toISOString();
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
