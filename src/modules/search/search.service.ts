// Site search, composed of one service per job: index upkeep (search-index.service.ts), answering searches
// (search-query.service.ts), synonyms and the vocabulary (synonyms.service.ts), service cards
// (cards.service.ts), hot words and suggestions (hot-words.service.ts), and the search log's report
// (search-report.service.ts). This facade wires them to publication and column changes and keeps the calls
// the rest of the application makes in one place.
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { Db } from '../../platform/db/database.ts';
import { ReadReplicas } from '../../platform/db/read-replicas.ts';
import type { Clock } from '../../platform/time.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { PublicationService } from '../publication/publication.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import { ServiceCardsService } from './cards.service.ts';
import { HotWordsService } from './hot-words.service.ts';
import type {
  CardInput,
  CardView,
  SearchInput,
  SearchReport,
  SearchResult,
  SuggestView,
  SynonymsView,
} from './search.schema.ts';
import type { SearchScope } from './search.presenter.ts';
import { type ReindexProgress, SearchIndexService } from './search-index.service.ts';
import { SearchQueryService } from './search-query.service.ts';
import { SearchReportService } from './search-report.service.ts';
import { scopeForHost } from './search-scope.ts';
import { SynonymsService } from './synonyms.service.ts';
import type { SynonymGroups } from './synonyms.ts';
import { SearchPageCache } from './search-page-cache.ts';
import type { PageResult } from '../portal/page-context.ts';

export { DEFAULT_CARDS, seedDefaultSearchCards } from './cards.defaults.ts';
export { EXACT_COUNTS, MAX_PAGE, PAGE_SIZE } from './search-query.service.ts';
export type { ReindexProgress } from './search-index.service.ts';
export type { SearchScope } from './search.presenter.ts';
export type { CardInput, CardView, SearchInput, SearchItem, SearchResult, SortOrder } from './search.schema.ts';

/** A results page as the cache keeps it, with the number of results the search log counts when it is served. */
export interface CachedSearchPage {
  page: PageResult;
  /** Null for a page that shows no search (bad input). */
  total: number | null;
}

export class SearchService {
  readonly index: SearchIndexService;
  readonly synonyms: SynonymsService;
  readonly cards: ServiceCardsService;
  readonly hotWords: HotWordsService;
  readonly reports: SearchReportService;
  readonly query: SearchQueryService;
  /** Anonymous results pages, shared by every visitor of this worker (search-page-cache.ts). */
  readonly pages: SearchPageCache<CachedSearchPage>;

  constructor(
    db: Db,
    clock: Clock,
    audit: AuditService,
    private readonly sites: SitesService,
    columns: ColumnsService,
    publication: PublicationService,
    /** Where searches read (streaming replicas when configured); the index is written on the primary. */
    reads: ReadReplicas = new ReadReplicas(db, []),
  ) {
    this.pages = new SearchPageCache(db);
    const dropPages = () => this.pages.clear();
    this.index = new SearchIndexService(db, clock, columns);
    this.synonyms = new SynonymsService(db, clock, audit, sites, dropPages);
    this.cards = new ServiceCardsService(db, clock, audit, sites, dropPages);
    this.reports = new SearchReportService(db, clock, sites);
    this.hotWords = new HotWordsService(db, clock, sites, this.synonyms, this.index, reads, () => this.reports.flush());
    this.query = new SearchQueryService(db, {
      sites,
      index: this.index,
      synonyms: this.synonyms,
      cards: this.cards,
      hotWords: this.hotWords,
      reports: this.reports,
      reads,
    });
    this.index.onIndexChange(() => this.synonyms.vocabularyChanged());
    publication.onChange((change) => this.index.onPublication(change));
    columns.onChange((siteId) => this.index.onColumnChange(siteId));
    // Results pages follow this node's changes at once (also when indexing failed: the page is then re-rendered
    // from what is published); other nodes' changes through the publication generations.
    this.index.onIndexChange(dropPages);
    publication.onChange(dropPages);
    columns.onChange(dropPages);
    sites.onChange(dropPages);
  }

  /** The last indexing error (indexing never fails a publication; failed items are retried). */
  get lastError(): Error | null {
    return this.index.lastError;
  }

  /** Result sets up to this size are counted by kind exactly. */
  get exactCounts(): number {
    return this.query.exactCounts;
  }

  set exactCounts(value: number) {
    this.query.exactCounts = value;
  }

  /** The site a public API request searches: its Host's site, or another site of the cluster named by `code`. */
  scopeFor(host: string | undefined, code: string | undefined): Promise<SearchScope> {
    return scopeForHost(this.sites, host, code);
  }

  search(scope: SearchScope, input: SearchInput): Promise<SearchResult> {
    return this.query.search(scope, input);
  }

  suggest(scope: SearchScope, q: string): Promise<SuggestView> {
    return this.hotWords.suggest(scope, q);
  }

  /** Resolves when background work (column changes, automatic rebuild, the search log's totals) is done. */
  async idle(): Promise<void> {
    await this.reports.flush();
    await this.index.idle();
  }

  indexItems(contentIds: number[]): Promise<void> {
    return this.index.indexItems(contentIds);
  }

  removeItems(contentIds: number[]): Promise<void> {
    return this.index.removeItems(contentIds);
  }

  refreshSite(siteId: number): Promise<number> {
    return this.index.refreshSite(siteId);
  }

  reindex(
    progress?: ReindexProgress,
    options: { restart?: boolean } = {},
  ): Promise<{ indexed: number; removed: number; ms: number; resumed: boolean }> {
    return this.index.reindex(progress, options);
  }

  getSynonyms(siteId: number): Promise<SynonymsView> {
    return this.synonyms.get(siteId);
  }

  setSynonyms(actor: Actor, siteId: number, groups: SynonymGroups): Promise<SynonymsView> {
    return this.synonyms.set(actor, siteId, groups);
  }

  listCards(siteId: number): Promise<CardView[]> {
    return this.cards.list(siteId);
  }

  createCard(actor: Actor, siteId: number, input: CardInput): Promise<CardView> {
    return this.cards.create(actor, siteId, input);
  }

  updateCard(actor: Actor, siteId: number, id: number, input: CardInput): Promise<CardView> {
    return this.cards.update(actor, siteId, id, input);
  }

  deleteCard(actor: Actor, siteId: number, id: number): Promise<void> {
    return this.cards.remove(actor, siteId, id);
  }

  report(siteId: number, days = 30): Promise<SearchReport> {
    return this.reports.report(siteId, days);
  }

  /** Drops cached hot words (tests; after a log purge). */
  forgetHotWords(): void {
    this.hotWords.forget();
    this.pages.clear();
  }
}
