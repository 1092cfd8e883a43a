// Hot words and suggestions from the search log: the queries people searched (with results) in the last 30
// days, as-you-type suggestions (hot queries, title terms, matching titles; pinyin too), and the related
// searches shown under results. Personal data never surfaces: see `shareable`.
import type { Db } from '../../platform/db/database.ts';
import { type Clock, DAY } from '../../platform/time.ts';
import type { SitesService } from '../sites/sites.service.ts';
import { and, or, term } from './match.ts';
import { type Plan, type PlanContext, correctQuery, planQuery, prepare } from './query.ts';
import * as logRepo from './search-log.repository.ts';
import * as repo from './search.repository.ts';
import type { SuggestItem, SuggestView } from './search.schema.ts';
import type { SearchScope } from './search.presenter.ts';
import type { SearchIndexService } from './search-index.service.ts';
import { resultItems } from './search-results.ts';
import { scopeSites } from './search-scope.ts';
import type { SynonymsService } from './synonyms.service.ts';
import { isLatinWord, pinyinOf, titleKey } from './text.ts';

const HOT_TTL_MS = 5 * 60_000;
const HOT_DAYS = 30;
/** A query must have been searched this often before it is shown to others (hot words, suggestions). */
const HOT_MIN_COUNT = 2;

/** Personal data must not surface as a hot word: long digit runs (phone, ID numbers) and long queries are left out. */
const shareable = (query: string) => query.length <= 30 && !/\d{6,}/.test(query) && !/@/.test(query);
/** Hot words are shown in Chinese: pinyin-only queries (shebao, sb) count for their readers but are not listed. */
const listable = (query: string) => shareable(query) && !/^[a-z ]+$/.test(query);

export class HotWordsService {
  private readonly hot = new Map<string, { at: number; list: { query: string; n: number }[] }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sites: SitesService,
    private readonly synonyms: SynonymsService,
    private readonly index: SearchIndexService,
  ) {}

  /** Shareable queries of these sites with results, most searched first; remembered for 5 minutes. */
  private async hotQueries(siteId: number, siteIds: number[]): Promise<{ query: string; n: number }[]> {
    const key = `${siteId}:${siteIds.join(',')}`;
    const cached = this.hot.get(key);
    const now = Date.now();
    if (cached && now - cached.at < HOT_TTL_MS) return cached.list;
    const since = new Date(this.clock.now().getTime() - HOT_DAYS * DAY).toISOString();
    const list = (await logRepo.popularQueries(this.db, siteIds, since, 200, HOT_MIN_COUNT)).filter((h) =>
      shareable(h.query),
    );
    this.hot.set(key, { at: now, list });
    return list;
  }

  /** The 热门搜索 list: up to ten queries written in Chinese. */
  async hotWords(siteId: number, siteIds: number[]): Promise<string[]> {
    return (await this.hotQueries(siteId, siteIds))
      .filter((h) => listable(h.query))
      .slice(0, 10)
      .map((h) => h.query);
  }

  /** Drops cached hot words (tests; after a log purge). */
  forget(): void {
    this.hot.clear();
  }

  /**
   * Related searches under the results: the corrected query, and when nothing was found completions and each
   * word alone; then hot queries that contain the query.
   */
  async related(
    q: string,
    plan: Plan,
    total: number,
    corrected: string | null,
    ctx: PlanContext,
    siteId: number,
    siteIds: number[],
  ): Promise<string[]> {
    const out: string[] = [];
    const add = (s: string | null | undefined) => {
      if (s && s !== prepare(q) && !out.includes(s) && out.length < 6) out.push(s);
    };
    add(corrected);
    if (total === 0) {
      add(correctQuery(q, ctx.vocab));
      for (const c of ctx.vocab.completions(plan.key, 4)) add(c.term);
      // Each word alone, when the words together found nothing.
      for (const w of plan.highlights.filter((h) => h !== plan.text && [...h].length >= 2)) add(w);
    }
    for (const h of await this.hotQueries(siteId, siteIds))
      if (h.query.includes(plan.text) && h.query !== plan.text) add(h.query);
    return out;
  }

  /** As-you-type suggestions: hot queries (also by pinyin), title terms completing the last word, titles. */
  async suggest(scope: SearchScope, raw: string): Promise<SuggestView> {
    const q = prepare(raw ?? '');
    if (!q) return { query: '', items: [] };
    const { site, sites, all } = await scopeSites(this.sites, scope.siteId);
    const ctx = await this.synonyms.planContext(site.id);
    const items: SuggestItem[] = [];
    const seen = new Set<string>();
    const add = (item: SuggestItem) => {
      if (!seen.has(item.text) && items.length < 10) {
        seen.add(item.text);
        items.push(item);
      }
    };
    const latin = isLatinWord(q.replace(/ /g, ''));
    for (const h of await this.hotQueries(
      site.id,
      sites.map((s) => s.id),
    )) {
      if (items.length >= 4) break;
      if (
        h.query !== q &&
        (h.query.startsWith(q) ||
          (latin && (pinyinOf(h.query).full.startsWith(q) || pinyinOf(h.query).initials.startsWith(q))))
      ) {
        add({ text: h.query, type: 'query' });
      }
    }
    const lastSpace = q.lastIndexOf(' ');
    const head = lastSpace >= 0 ? q.slice(0, lastSpace + 1) : '';
    const last = q.slice(lastSpace + 1);
    for (const t of ctx.vocab.completions(titleKey(last), 5)) add({ text: head + t.term, type: 'term' });
    const plan = planQuery(q, ctx, ctx.syn);
    if (plan) {
      const facets = sites.length < all.length ? [or(sites.map((s) => term(`s${s.id}`, ['facets'])))] : [];
      const node = latin ? (plan.title ?? plan.match) : (plan.phrase ?? plan.title ?? plan.match);
      const found = await repo.reading(this.db, async (db) =>
        resultItems(
          db,
          this.index,
          await repo.matchKeys(db, and([node, ...facets]), { min: null, max: null }, 5),
          plan,
          scope,
          sites,
        ),
      );
      for (const item of found) add({ text: item.titleText, type: 'title', url: item.url });
    }
    return { query: q, items };
  }
}
