// Answers searches: tabs by kind with counts, filters (dates, column, site), relevance or date order,
// highlighting, typo, synonym and pinyin matching, a parent site's search covering its subordinate sites,
// service cards, hot words and related searches.
import type { Db } from '../../platform/db/database.ts';
import type { ReadReplicas } from '../../platform/db/read-replicas.ts';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import { AppError } from '../../platform/errors.ts';
import { DAY, validShanghaiDayStart } from '../../platform/time.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { ServiceCardsService } from './cards.service.ts';
import type { HotWordsService } from './hot-words.service.ts';
import { ALL_LABEL, KINDS, type Kind, keyRange, kindCode } from './kinds.ts';
import { type MatchNode, and, or, term } from './match.ts';
import { pageKeys } from './page-keys.ts';
import { type Plan, correctQuery, fuzzyPlan, planQuery, prepare, relaxedPlan } from './query.ts';
import * as repo from './search.repository.ts';
import type { SearchInput, SearchResult, SortOrder } from './search.schema.ts';
import type { SearchScope } from './search.presenter.ts';
import type { SearchIndexService } from './search-index.service.ts';
import type { SearchReportService } from './search-report.service.ts';
import { resultItems } from './search-results.ts';
import { scopeSites } from './search-scope.ts';
import type { SearchPlanContext, SynonymsService } from './synonyms.service.ts';
import type { Executor } from './search.tables.ts';
import { WorkLimit } from './search-page-cache.ts';

export const PAGE_SIZE = 10;
export const MAX_PAGE = 100;
const MAX_PAGE_SIZE = 50;
const MAX_QUERY = 100;
const COUNT_TTL_MS = 30_000;
/**
 * Searches one worker runs at a time, and how many may wait for a place. A search costs a few to a few tens of
 * milliseconds of CPU: more at once only makes each slower and leaves the event loop fewer turns for /healthz and
 * cached pages (SQLite reads run on it), and a queue longer than this would wait past what a visitor accepts — the surplus is answered 503 (系统繁忙) at once, and /healthz and cached pages keep answering.
 */
export const SEARCHES_AT_ONCE = 2;
export const SEARCHES_WAITING = 16;
/**
 * Result sets up to this size are counted by kind exactly. Beyond it, every one of the MAX_PAGE pages exists
 * whatever the estimate, so the estimate only shows as "约 N".
 */
export const EXACT_COUNTS = 1000;

/** A tab of a large result set is counted when the sample's estimate for it is at most this. */
export const TAB_COUNTED = 300;

interface KindCounts {
  byKind: Map<number, number>;
  total: number;
  approximate: boolean;
  /** Every matching key, when there are at most `exactCounts` (not approximate). */
  keys: number[] | null;
}

/** A search's input, checked and completed. */
export type ValidSearch = Required<Omit<SearchInput, 'from' | 'to' | 'column' | 'site'>> &
  Pick<SearchInput, 'from' | 'to' | 'column' | 'site'> & { fromIso: string | null; toIso: string | null };

export interface SearchQueryDeps {
  sites: SitesService;
  index: SearchIndexService;
  synonyms: SynonymsService;
  cards: ServiceCardsService;
  hotWords: HotWordsService;
  reports: SearchReportService;
  /** Where the search's reads go: a replica that is up and current, else the primary (also when not given). */
  reads?: ReadReplicas;
}

export class SearchQueryService {
  /** Per-kind counts of recent searches (tabs and pages of one query reuse them); cleared by any index change. */
  private readonly countCache = new Map<string, { at: number; counts: KindCounts }>();
  /** Result sets up to this size are counted by kind exactly (see kindCounts). */
  exactCounts = EXACT_COUNTS;
  /** Bounds the searches running in this worker (see SEARCHES_AT_ONCE). */
  readonly limit = new WorkLimit(SEARCHES_AT_ONCE, SEARCHES_WAITING);

  constructor(
    private readonly db: Db,
    private readonly deps: SearchQueryDeps,
  ) {
    deps.index.onIndexChange(() => {
      this.countCache.clear();
      repo.forgetIndexShape();
    });
  }

  /** Checks and completes the input; throws a 400 with a Chinese message. */
  validate(input: SearchInput): ValidSearch {
    const q = (input.q ?? '').trim();
    if (!q) throw new AppError('SEARCH_QUERY_EMPTY');
    if (q.length > MAX_QUERY) throw new AppError('SEARCH_QUERY_TOO_LONG', { max: MAX_QUERY });
    const fromIso = input.from ? validShanghaiDayStart(input.from) : null;
    const toStart = input.to ? validShanghaiDayStart(input.to) : null;
    if (input.from && !fromIso) throw new AppError('DATE_INVALID', { field: '起始日期' });
    if (input.to && !toStart) throw new AppError('DATE_INVALID', { field: '截止日期' });
    if (fromIso && toStart && fromIso > toStart)
      throw new AppError('DATE_RANGE_REVERSED', { from: '起始日期', to: '截止日期' });
    const page = input.page ?? 1;
    if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw new AppError('PAGE_INVALID', { max: MAX_PAGE });
    const kind = input.kind ?? 'all';
    if (kind !== 'all' && !KINDS.some((k) => k.kind === kind)) throw new AppError('SEARCH_KIND_INVALID');
    const sort: SortOrder = input.sort ?? 'relevance';
    if (sort !== 'relevance' && sort !== 'date') throw new AppError('SEARCH_SORT_INVALID');
    const pageSize = input.pageSize ?? PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
      throw new AppError('PAGE_SIZE_INVALID', { max: MAX_PAGE_SIZE });
    return {
      q,
      kind,
      sort,
      page,
      pageSize,
      from: input.from,
      to: input.to,
      column: input.column,
      site: input.site,
      fromIso,
      toIso: toStart ? new Date(new Date(toStart).getTime() + DAY).toISOString() : null,
    };
  }

  /** Checks the input (400 at once), then searches when one of the worker's places is free (else 503). */
  async search(scope: SearchScope, raw: SearchInput): Promise<SearchResult> {
    const input = this.validate(raw);
    return this.limit.run(
      () => this.run(scope, input),
      () => new AppError('SERVER_BUSY'),
    );
  }

  /**
   * Adds a search to the log behind hot words and the report of searches without results: the first page of a
   * query without filters (a search answered from the results-page cache counts as well).
   */
  logSearch(siteId: number, input: SearchInput, totalAll: number): void {
    const filtered =
      (input.kind ?? 'all') !== 'all' ||
      input.from ||
      input.to ||
      input.column !== undefined ||
      input.site !== undefined;
    if ((input.page ?? 1) === 1 && !filtered) this.deps.reports.record(siteId, prepare(input.q ?? ''), totalAll);
  }

  private async run(scope: SearchScope, input: ValidSearch): Promise<SearchResult> {
    const { index, synonyms, cards, hotWords } = this.deps;
    await index.ensureReady();
    const { site, sites, all } = await scopeSites(this.deps.sites, scope.siteId);
    if (input.site !== undefined && !sites.some((s) => s.id === input.site))
      throw new AppError('SEARCH_SITE_OUT_OF_SCOPE');
    const ctx = await synonyms.planContext(site.id);

    // Facets: the sites searched (unless that is every site) and the column.
    const columnFacet: MatchNode[] = input.column !== undefined ? [term(`c${input.column}`, ['facets'])] : [];
    // The sites of the search's scope (none when that is every site), and those searched.
    const scopeFacet = sites.length < all.length ? [or(sites.map((s) => term(`s${s.id}`, ['facets'])))] : [];
    const siteFacet: MatchNode[] = input.site !== undefined ? [term(`s${input.site}`, ['facets'])] : scopeFacet;
    const facets = [...siteFacet, ...columnFacet];
    const range = keyRange(input.fromIso, input.toIso);
    const filter: repo.KeyFilter = { min: range.min, max: range.max };
    const siteIds = sites.map((s) => s.id);

    const first = planQuery(input.q, ctx, ctx.syn);
    if (!first) throw new AppError('SEARCH_QUERY_MEANINGLESS');
    const hot = await hotWords.hotWords(site.id, siteIds);
    const serviceCards = input.page === 1 ? await cards.matching(site.id, first, ctx) : [];
    const { result, plan, totalAll, correctedQuery } = await repo.reading(this.deps.reads ?? this.db, async (db) => {
      const found = await this.bestPlan(db, input.q, first, ctx, facets, filter);
      const { plan, counts } = found;
      const totalAll = counts.total;
      const code = input.kind === 'all' ? null : kindCode(input.kind);
      // A tab: its kind as a facet (the index narrows the matches).
      const tabFacets = code === null ? facets : [...facets, term(`k${code}`, ['facets'])];
      // A tab's own count: counted when the sample says it is small (its pages depend on it; up to the exact-count
      // limit, beyond which it is an estimate anyway), else the sample's estimate. Counting a tab costs what its
      // whole set of matches costs to read (100+ ms at a million items on PostgreSQL), and the estimate of a tab
      // that is not small is good to a few per cent.
      const estimate = counts.byKind.get(code ?? 0) ?? 0;
      let total = code === null ? totalAll : estimate;
      // Every match of the page's query, when the search has them all (its pages then need no walk of the index).
      let allMatches = counts.keys && (code === null ? counts.keys : counts.keys.filter((k) => k % 8 === code));
      if (code !== null && counts.approximate && estimate <= Math.min(TAB_COUNTED, this.exactCounts)) {
        const tab = await repo.matchKeys(db, and([plan.match, ...tabFacets]), filter, this.exactCounts + 1);
        total = tab.length <= this.exactCounts ? tab.length : Math.max(estimate, tab.length);
        allMatches = tab.length <= this.exactCounts ? tab : null;
      }
      const keys = await pageKeys(db, plan, tabFacets, filter, input, siteIds, code, allMatches);
      const items = await resultItems(db, index, keys, plan, scope, sites);
      const result: SearchResult = {
        query: input.q,
        correctedQuery: found.correctedQuery,
        fuzzy: found.fuzzy,
        total,
        page: input.page,
        pageSize: input.pageSize,
        pages: Math.min(MAX_PAGE, Math.ceil(total / input.pageSize)),
        kind: input.kind,
        sort: input.sort,
        kinds: [
          { kind: 'all', label: ALL_LABEL, count: totalAll },
          ...KINDS.map((k) => ({
            kind: k.kind as Kind,
            label: k.label,
            count: k.code === code ? total : (counts.byKind.get(k.code) ?? 0),
          })),
        ],
        approximate: counts.approximate,
        sites: [],
        items,
        suggestions: [],
        hotWords: hot,
        serviceCards: plan === first ? serviceCards : input.page === 1 ? await cards.matching(site.id, plan, ctx) : [],
        expanded: plan.expanded,
      };
      if (sites.length > 1 && totalAll > 0) {
        // Counted per site when the scope's result set is small enough to count exactly; otherwise listed without
        // counts (a site narrowed to few matches in a scope of many is listed as the scope's search lists it).
        const perSite =
          counts.approximate || sites.length > 30
            ? null
            : await this.siteCounts(
                db,
                and([plan.match, ...scopeFacet, ...columnFacet]),
                code,
                filter,
                input.site === undefined ? counts.keys : null,
              );
        for (const s of sites)
          result.sites.push({ id: s.id, name: s.name, count: perSite ? (perSite.get(s.id) ?? 0) : null });
      }
      return { result, plan, totalAll, correctedQuery: found.correctedQuery };
    });
    result.suggestions = await hotWords.related(input.q, plan, totalAll, correctedQuery, ctx, site.id, siteIds);
    this.logSearch(site.id, input, totalAll);
    return result;
  }

  /**
   * Matches per site from every matching key of the cluster (one read of their sites), when there are few enough
   * to have them all: the counts' own keys when the search covers the whole scope, else (one site chosen) the
   * newest of the scope. Null when the scope holds more (the sites are then listed without counts).
   */
  private async siteCounts(
    db: Executor,
    inScope: MatchNode,
    code: number | null,
    filter: repo.KeyFilter,
    known: number[] | null,
  ): Promise<Map<number, number> | null> {
    let keys = known;
    if (!keys) {
      if (await repo.likelyMoreThan(db, inScope, filter, this.exactCounts)) return null;
      const scope = await repo.matchKeys(db, inScope, filter, this.exactCounts + 1);
      keys = scope.length <= this.exactCounts ? scope : null;
    }
    return keys ? repo.siteCounts(db, code === null ? keys : keys.filter((k) => k % 8 === code)) : null;
  }

  /**
   * The plan that finds something: the query as typed; else the corrected query; else a character wrong,
   * missing or extra; else all words but one. When nothing finds anything, the query as typed.
   */
  private async bestPlan(
    db: Executor,
    q: string,
    first: Plan,
    ctx: SearchPlanContext,
    facets: MatchNode[],
    filter: repo.KeyFilter,
  ): Promise<{ plan: Plan; counts: KindCounts; correctedQuery: string | null; fuzzy: boolean }> {
    const counts = await this.kindCounts(db, and([first.match, ...facets]), filter);
    if (counts.total > 0) return { plan: first, counts, correctedQuery: null, fuzzy: false };
    const corrected = correctQuery(q, ctx.vocab);
    const cPlan = corrected ? planQuery(corrected, ctx, ctx.syn) : null;
    const cCounts = cPlan ? await this.kindCounts(db, and([cPlan.match, ...facets]), filter) : null;
    if (cPlan && cCounts && cCounts.total > 0)
      return { plan: cPlan, counts: cCounts, correctedQuery: corrected, fuzzy: false };
    for (const fPlan of [fuzzyPlan(q, ctx, ctx.syn), relaxedPlan(q, ctx, ctx.syn)]) {
      const fCounts = fPlan ? await this.kindCounts(db, and([fPlan.match, ...facets]), filter) : null;
      if (fPlan && fCounts && fCounts.total > 0)
        return { plan: fPlan, counts: fCounts, correctedQuery: null, fuzzy: true };
    }
    return { plan: first, counts, correctedQuery: null, fuzzy: false };
  }

  /**
   * Matching documents per kind. Exact up to EXACT_COUNTS matches; beyond, the total is exact and the split by
   * kind is that of the newest EXACT_COUNTS matches, scaled (`approximate`): counting a large result set by
   * kind costs three times as much as counting it. Remembered for 30 s (tabs and pages of a query reuse it;
   * another process's reindex shows within that time).
   */
  private async kindCounts(db: Executor, node: MatchNode, filter: repo.KeyFilter): Promise<KindCounts> {
    const key = `${JSON.stringify(node)}|${filter.min}|${filter.max}|${this.exactCounts}`;
    const now = Date.now();
    const hit = this.countCache.get(key);
    if (hit && now - hit.at < COUNT_TTL_MS) return hit.counts;
    const keys = await repo.matchKeys(db, node, filter, this.exactCounts + 1);
    const sample = new Map<number, number>();
    for (const key of keys) sample.set(key % 8, (sample.get(key % 8) ?? 0) + 1);
    const sampled = keys.length;
    let counts: KindCounts = { byKind: sample, total: sampled, approximate: false, keys };
    if (sampled > this.exactCounts) {
      // An exact count would visit every match: PostgreSQL takes the planner's estimate (never below the sample),
      // SQLite the sample's share of the documents it spans (a small index is counted).
      const total = isPostgres(db)
        ? Math.max(sampled, await repo.estimateMatches(db, node, filter))
        : await repo.sizeFromNewest(db, keys, filter, (range) => repo.countMatches(db, node, { ...filter, ...range }));
      const byKind = new Map([...sample].map(([k, n]) => [k, Math.round((n * total) / sampled)]));
      counts = { byKind, total, approximate: true, keys: null };
    }
    if (this.countCache.size >= 500) this.countCache.delete(this.countCache.keys().next().value as string);
    this.countCache.set(key, { at: now, counts });
    return counts;
  }
}
