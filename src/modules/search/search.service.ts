// Site search: keeps the index in step with publication (index on publish, remove on withdrawal, at once and
// after commit), answers searches (tabs by kind, filters, relevance or date order, highlighting, typo,
// synonym and pinyin matching, a parent site's search covering its subordinate sites), suggestions, hot
// words from the search log, the report of searches that found nothing, synonyms and service cards.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { DAY } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import type { ColumnsService, ColumnTree } from '../columns/columns.service.ts';
import type { PublicationChange, PublicationService } from '../publication/publication.service.ts';
import type { PublishedItem } from '../../platform/db/schema.ts';
import { isPostgres } from '../../platform/db/migration-helpers.ts';
import * as repo from './search.repository.ts';
import type { IndexedDoc, SearchCardRow, SearchDoc } from './search.repository.ts';
import {
  ancestry,
  buildDoc,
  cachedPinyin,
  facetColumns,
  prepareItem,
  titleTerms,
  type BuiltDoc,
  type DocMeta,
  type PreparedItem,
} from './indexer.ts';
import { mainThreadSegmenter, openSegmenter, type Segmenter } from './segment-pool.ts';
import { ALL_LABEL, classify, docKey, KINDS, kindCode, kindLabel, kindOfKey, keyRange, type Kind } from './kinds.ts';
import { and, not, or, term, type MatchNode } from './match.ts';
import {
  correctQuery,
  fuzzyPlan,
  planQuery,
  prepare,
  relaxedPlan,
  SynonymIndex,
  type Plan,
  type PlanContext,
} from './query.ts';
import { DEFAULT_SYNONYMS, tidyGroups, type SynonymGroups } from './synonyms.ts';
import { highlight, isLatinWord, normalize, pinyinOf, snippet, titleKey } from './text.ts';
import { Vocabulary } from './vocabulary.ts';

export const PAGE_SIZE = 10;
export const MAX_PAGE = 100;
const BATCH = 500;
const VOCAB_CHECK_MS = 60_000;
const HOT_TTL_MS = 5 * 60_000;
const COUNT_TTL_MS = 30_000;
/**
 * Result sets up to this size are counted by kind exactly. Beyond it, every one of the MAX_PAGE pages exists
 * whatever the estimate, so the estimate only shows as "约 N".
 */
export const EXACT_COUNTS = 1000;

interface KindCounts {
  byKind: Map<number, number>;
  total: number;
  approximate: boolean;
}
const HOT_DAYS = 30;
/** A query must have been searched this often before it is shown to others (hot words, suggestions). */
const HOT_MIN_COUNT = 2;

export type SortOrder = 'relevance' | 'date';

export interface SearchInput {
  q: string;
  kind?: Kind | 'all';
  /** yyyy-MM-dd, Asia/Shanghai. */
  from?: string;
  to?: string;
  column?: number;
  site?: number;
  sort?: SortOrder;
  page?: number;
  pageSize?: number;
}

/** Whose search it is: the site, and the URL prefix its pages are served under ('' or /site/<code>). */
export interface SearchScope {
  siteId: number;
  prefix: string;
}

export interface SearchItem {
  id: number;
  /** HTML: escaped, with <em> around matched terms. */
  title: string;
  titleText: string;
  url: string;
  kind: Kind;
  kindLabel: string;
  site: { id: number; name: string };
  column: { id: number; name: string } | null;
  pubDate: string;
  /** HTML: escaped, with <em> around matched terms. */
  snippet: string;
  docNumber: string | null;
}

export interface CardLink {
  title: string;
  url: string;
}

export interface CardView {
  id: number;
  siteId: number;
  title: string;
  description: string;
  keywords: string[];
  links: CardLink[];
  sort: number;
  enabled: boolean;
}

export interface CardInput {
  title: string;
  description: string;
  keywords: string[];
  links: CardLink[];
  sort?: number;
  enabled?: boolean;
}

export interface SearchResult {
  query: string;
  /** Set when nothing matched the query as typed and these are the results of a corrected query. */
  correctedQuery: string | null;
  /** Results of the typo-tolerant match (a character wrong, missing or extra). */
  fuzzy: boolean;
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  kind: Kind | 'all';
  sort: SortOrder;
  kinds: { kind: Kind | 'all'; label: string; count: number }[];
  /** Per site, when the search covers a site cluster. */
  sites: { id: number; name: string; count: number | null }[];
  items: SearchItem[];
  suggestions: string[];
  hotWords: string[];
  serviceCards: CardView[];
  /** Synonyms and pinyin readings the query was widened with. */
  expanded: string[];
  /** The counts by kind (not the total) are estimates: the result set is larger than EXACT_COUNTS. */
  approximate: boolean;
}

export interface SuggestItem {
  text: string;
  type: 'query' | 'term' | 'title';
  url?: string;
}

export interface SearchReport {
  from: string;
  to: string;
  searches: number;
  zeroResultSearches: number;
  zeroResults: { query: string; count: number; lastAt: string }[];
  top: { query: string; count: number }[];
}

export type ReindexProgress = (done: number, total: number) => void;

const synonymsKey = (siteId: number) => `search.synonyms.${siteId}`;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC instant Asia/Shanghai's day `yyyy-MM-dd` starts at; null for an impossible date. */
export function shanghaiDayStart(day: string): string | null {
  const m = DATE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) return null;
  return new Date(utc.getTime() - 8 * 3600_000).toISOString();
}

function toCardView(row: SearchCardRow): CardView {
  return {
    id: row.id,
    siteId: row.site_id,
    title: row.title,
    description: row.description,
    keywords: JSON.parse(row.keywords) as string[],
    links: JSON.parse(row.links) as CardLink[],
    sort: row.sort,
    enabled: row.enabled === 1,
  };
}

/** Personal data must not surface as a hot word: long digit runs (phone, ID numbers) and long queries are left out. */
const shareable = (query: string) => query.length <= 30 && !/\d{6,}/.test(query) && !/@/.test(query);
/** Hot words are shown in Chinese: pinyin-only queries (shebao, sb) count for their readers but are not listed. */
const listable = (query: string) => shareable(query) && !/^[a-z ]+$/.test(query);

export class SearchService {
  private vocabState: { vocab: Vocabulary; checksum: string; checkedAt: number } | null = null;
  private vocabDirty = true;
  private readonly siteVocab = new Map<
    number,
    { base: Vocabulary; groups: SynonymGroups; vocab: Vocabulary; syn: SynonymIndex }
  >();
  private readonly synonyms = new Map<number, { groups: SynonymGroups; isDefault: boolean }>();
  private readonly trees = new Map<number, Promise<ColumnTree>>();
  private readonly cards = new Map<number, Promise<CardView[]>>();
  /** Cards other modules derive from their records (办事服务: items and themes), shown before the site's own. */
  private readonly cardSources: ((siteId: number) => Promise<CardView[]>)[] = [];
  private readonly hot = new Map<string, { at: number; list: { query: string; n: number }[] }>();
  private readonly failed = new Set<number>();
  private background: Promise<void> = Promise.resolve();
  /** Per-kind counts of recent searches (tabs and pages of one query reuse them); cleared by any index change. */
  private readonly countCache = new Map<string, { at: number; counts: KindCounts }>();
  private readyChecked = false;
  /** The last indexing error (indexing never fails a publication; failed items are retried). */
  lastError: Error | null = null;
  /** Result sets up to this size are counted by kind exactly (see kindCounts). */
  exactCounts = EXACT_COUNTS;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    publication: PublicationService,
  ) {
    publication.onChange((change) => this.onPublication(change));
    columns.onChange((siteId) => {
      this.trees.delete(siteId);
      this.later(() => this.refreshSite(siteId));
    });
  }

  // ---------- keeping the index in step ----------

  private async onPublication(change: PublicationChange): Promise<void> {
    // indexItems also removes items that are no longer published, so it serves withdrawals and retries alike.
    const ids = [change.contentId, ...this.failed];
    this.failed.clear();
    try {
      await this.indexItems(ids);
    } catch (error) {
      // After commit: the publication stands; the items are retried with the next change or search.
      for (const id of ids) this.failed.add(id);
      this.lastError = error as Error;
    }
  }

  private indexChanged(): void {
    this.vocabDirty = true;
    this.countCache.clear();
  }

  /**
   * Matching documents per kind. Exact up to EXACT_COUNTS matches; beyond, the total is exact and the split by
   * kind is that of the newest EXACT_COUNTS matches, scaled (`approximate`): counting a large result set by
   * kind costs three times as much as counting it. Remembered for 30 s (tabs and pages of a query reuse it;
   * another process's reindex shows within that time).
   */
  private async kindCounts(db: Db, node: MatchNode, filter: repo.KeyFilter): Promise<KindCounts> {
    const key = `${JSON.stringify(node)}|${filter.min}|${filter.max}|${this.exactCounts}`;
    const now = Date.now();
    const hit = this.countCache.get(key);
    if (hit && now - hit.at < COUNT_TTL_MS) return hit.counts;
    const sample = await repo.kindCounts(db, node, filter, this.exactCounts + 1);
    const sampled = [...sample.values()].reduce((a, b) => a + b, 0);
    let counts: KindCounts = { byKind: sample, total: sampled, approximate: false };
    if (sampled > this.exactCounts) {
      // SQLite counts quickly; PostgreSQL would visit every matching row, so it estimates (never below the sample).
      const total = isPostgres(db)
        ? Math.max(sampled, await repo.estimateMatches(db, node, filter))
        : await repo.countMatches(db, node, filter);
      const byKind = new Map([...sample].map(([k, n]) => [k, Math.round((n * total) / sampled)]));
      counts = { byKind, total, approximate: true };
    }
    if (this.countCache.size >= 500) this.countCache.delete(this.countCache.keys().next().value as string);
    this.countCache.set(key, { at: now, counts });
    return counts;
  }

  /** Runs work after the current one, in order, without making the caller wait. */
  private later(work: () => Promise<unknown>): void {
    this.background = this.background.then(work).then(
      () => undefined,
      (error: Error) => {
        this.lastError = error;
      },
    );
  }

  /** Resolves when background work (column changes, automatic rebuild) is done. */
  idle(): Promise<void> {
    return this.background;
  }

  private tree(siteId: number): Promise<ColumnTree> {
    let t = this.trees.get(siteId);
    if (!t) {
      t = this.columns.tree(siteId);
      t.catch(() => this.trees.delete(siteId));
      this.trees.set(siteId, t);
    }
    return t;
  }

  /** Read for each search: a small table, and a new site does not notify listeners. */
  private siteList(): Promise<SiteView[]> {
    return this.sites.list();
  }

  private async build(
    items: { row: PublishedItem; prepared?: PreparedItem }[],
    segmented?: string[][],
  ): Promise<BuiltDoc[]> {
    const now = this.clock.now().toISOString();
    const out: BuiltDoc[] = [];
    for (const [i, item] of items.entries()) {
      out.push(
        buildDoc(item.prepared ?? prepareItem(item.row), (await this.tree(item.row.site_id)).byId, now, segmented?.[i]),
      );
    }
    return out;
  }

  /** Gives each document a free key (two items in the same second and sequence move on) and writes them. */
  private async write(trx: Db, docs: BuiltDoc[], replacing: SearchDoc[]): Promise<IndexedDoc[]> {
    const freed = new Set(replacing.map((d) => d.doc_key));
    const assigned = new Set<number>();
    const keyed: IndexedDoc[] = [];
    let pending = docs.map((d) => ({ d, probe: 0 }));
    while (pending.length) {
      const keys = pending.map(({ d, probe }) => docKey(d.row.pub_date, d.row.content_id, d.kind, probe));
      const taken = await repo.takenKeys(
        trx,
        keys.filter((k) => !freed.has(k)),
      );
      const retry: typeof pending = [];
      pending.forEach((p, i) => {
        const key = keys[i]!;
        if ((taken.has(key) && !freed.has(key)) || assigned.has(key)) retry.push({ d: p.d, probe: p.probe + 1 });
        else {
          assigned.add(key);
          keyed.push({ row: { ...p.d.row, doc_key: key }, tokens: p.d.tokens });
        }
      });
      pending = retry;
    }
    await repo.deleteDocs(
      trx,
      replacing.map((d) => d.doc_key),
    );
    // In key order: FTS5 flushes its pending index to a new segment whenever a key is not larger than the last.
    keyed.sort((a, b) => a.row.doc_key - b.row.doc_key);
    await repo.insertDocs(trx, keyed);
    return keyed;
  }

  private termChanges(added: string[][], removed: string[][]) {
    const delta = new Map<string, number>();
    for (const list of added) for (const t of list) delta.set(t, (delta.get(t) ?? 0) + 1);
    for (const list of removed) for (const t of list) delta.set(t, (delta.get(t) ?? 0) - 1);
    return [...delta].filter(([, d]) => d !== 0).map(([t, d]) => ({ term: t, delta: d, ...pinyinFields(t) }));
  }

  /** (Re)indexes items from published_items; ids no longer published are removed. A few ms per item. */
  async indexItems(contentIds: number[]): Promise<void> {
    const ids = [...new Set(contentIds)];
    if (ids.length === 0) return;
    const items = await repo.publishedItems(this.db, ids);
    const gone = ids.filter((id) => !items.some((i) => i.content_id === id));
    const docs = await this.build(items.map((row) => ({ row })));
    await this.db.transaction().execute(async (trx) => {
      const old = await repo.findDocs(trx, ids);
      const replaced = old.filter((d) => !gone.includes(d.content_id));
      await this.write(trx, docs, replaced);
      await repo.deleteDocs(
        trx,
        old.filter((d) => gone.includes(d.content_id)).map((d) => d.doc_key),
      );
      await repo.adjustTerms(
        trx,
        this.termChanges(
          docs.map((d) => d.titleTerms),
          old.map((d) => titleTerms(d.title)),
        ),
      );
    });
    this.indexChanged();
  }

  /** Takes items out of the index (withdrawal). */
  async removeItems(contentIds: number[]): Promise<void> {
    if (contentIds.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const old = await repo.findDocs(trx, contentIds);
      await repo.deleteDocs(
        trx,
        old.map((d) => d.doc_key),
      );
      await repo.adjustTerms(
        trx,
        this.termChanges(
          [],
          old.map((d) => titleTerms(d.title)),
        ),
      );
    });
    this.indexChanged();
  }

  /** After a column change: re-keys items whose kind or column facets changed. */
  async refreshSite(siteId: number): Promise<number> {
    const tree = await this.tree(siteId);
    const stale: number[] = [];
    for (const d of await repo.docsOfSite(this.db, siteId)) {
      const kind = classify(
        d.type,
        ancestry(tree.byId, d.column_id).map((c) => c.columnType),
      );
      const facets = facetColumns(tree.byId, d.column_id, (JSON.parse(d.meta) as DocMeta).extra ?? []);
      if (d.kind !== kind || JSON.stringify(facets) !== d.column_ids) stale.push(d.content_id);
    }
    for (let i = 0; i < stale.length; i += BATCH) await this.indexItems(stale.slice(i, i + BATCH));
    return stale.length;
  }

  /**
   * Rebuilds the index from published_items in batches (searches keep working meanwhile), removes what is no
   * longer published, rebuilds the vocabulary and compacts the index.
   */
  async reindex(progress?: ReindexProgress): Promise<{ indexed: number; removed: number; ms: number }> {
    const started = Date.now();
    this.trees.clear();
    const total = await repo.countPublished(this.db);
    const df = new Map<string, number>();
    let done = 0;
    progress?.(0, total);
    await repo.bulkWrites(this.db, 'start');
    try {
      await this.rebuild(df, (n) => {
        done += n;
        progress?.(Math.min(done, total), Math.max(total, done));
      });
    } finally {
      await repo.bulkWrites(this.db, 'end');
    }
    const stale = await repo.staleDocs(this.db);
    await this.db.transaction().execute((trx) =>
      repo.deleteDocs(
        trx,
        stale.gone.map((d) => d.doc_key),
      ),
    );
    if (stale.changed.length) await this.indexItemsQuietly(stale.changed);
    await this.db.transaction().execute((trx) =>
      repo.replaceTerms(
        trx,
        [...df].map(([t, n]) => ({ term: t, df: n, ...pinyinFields(t) })),
      ),
    );
    await repo.optimize(this.db);
    this.indexChanged();
    return { indexed: done, removed: stale.gone.length, ms: Date.now() - started };
  }

  /**
   * The batches of a rebuild, pipelined: while one batch is written, the next is read and its bodies are cut
   * into words on a worker thread.
   */
  private async rebuild(df: Map<string, number>, onBatch: (n: number) => void): Promise<void> {
    let segmenter: Segmenter = openSegmenter();
    const fetch = async (after: number) => {
      const rows = await repo.publishedAfter(this.db, after, BATCH);
      const prepared = rows.map((row) => ({ row, prepared: prepareItem(row) }));
      const texts = prepared.map((p) => p.prepared.bodyIndexText);
      const tokens = segmenter.segment(texts).catch(async () => {
        // No worker (or it failed): cut on this thread from now on.
        segmenter = mainThreadSegmenter;
        return mainThreadSegmenter.segment(texts);
      });
      tokens.catch(() => undefined);
      return { prepared, tokens };
    };
    try {
      let batch = await fetch(0);
      while (batch.prepared.length) {
        const next = fetch(batch.prepared[batch.prepared.length - 1]!.row.content_id);
        next.catch(() => undefined);
        const docs = await this.build(batch.prepared, await batch.tokens);
        await this.db.transaction().execute(async (trx) => {
          const old = await repo.findDocs(
            trx,
            batch.prepared.map((p) => p.row.content_id),
          );
          await this.write(trx, docs, old);
        });
        for (const d of docs) for (const t of d.titleTerms) df.set(t, (df.get(t) ?? 0) + 1);
        onBatch(docs.length);
        batch = await next;
      }
    } finally {
      await segmenter.close();
    }
  }

  private async indexItemsQuietly(ids: number[]) {
    for (let i = 0; i < ids.length; i += BATCH) await this.indexItems(ids.slice(i, i + BATCH));
  }

  /** On first use: an empty index while items are published (a restored backup) is rebuilt in the background. */
  private async ensureReady(): Promise<void> {
    if (this.failed.size) {
      const ids = [...this.failed];
      this.failed.clear();
      await this.indexItems(ids).catch((error: Error) => {
        for (const id of ids) this.failed.add(id);
        this.lastError = error;
      });
    }
    if (this.readyChecked) return;
    this.readyChecked = true;
    if ((await repo.countDocs(this.db)) === 0 && (await repo.countPublished(this.db)) > 0)
      this.later(() => this.reindex());
  }

  // ---------- vocabulary, synonyms ----------

  private async vocabulary(): Promise<Vocabulary> {
    const now = Date.now();
    const state = this.vocabState;
    if (state && !this.vocabDirty) {
      if (now - state.checkedAt < VOCAB_CHECK_MS) return state.vocab;
      const checksum = await repo.termsChecksum(this.db);
      if (checksum === state.checksum) {
        state.checkedAt = now;
        return state.vocab;
      }
    }
    this.vocabDirty = false;
    const [rows, checksum] = [await repo.loadTerms(this.db), await repo.termsChecksum(this.db)];
    this.vocabState = { vocab: new Vocabulary(rows), checksum, checkedAt: now };
    return this.vocabState.vocab;
  }

  async getSynonyms(siteId: number): Promise<{ groups: SynonymGroups; isDefault: boolean }> {
    let s = this.synonyms.get(siteId);
    if (!s) {
      const stored = await readSetting<SynonymGroups>(this.db, synonymsKey(siteId));
      s = stored ? { groups: stored, isDefault: false } : { groups: DEFAULT_SYNONYMS, isDefault: true };
      this.synonyms.set(siteId, s);
    }
    return s;
  }

  async setSynonyms(
    actor: Actor,
    siteId: number,
    groups: SynonymGroups,
  ): Promise<{ groups: SynonymGroups; isDefault: boolean }> {
    await this.sites.get(siteId);
    const tidy = tidyGroups(groups);
    for (const g of tidy)
      for (const t of g) if (!titleKey(t)) throw new AppError('VALIDATION_FAILED', `同义词“${t}”须包含文字或数字`);
    const before = await this.getSynonyms(siteId);
    await this.db.transaction().execute(async (trx) => {
      await writeSetting(trx, synonymsKey(siteId), tidy, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'search.synonyms',
        targetType: 'site',
        targetId: siteId,
        siteId,
        detail: { before: before.isDefault ? 'default' : before.groups.length, after: tidy.length },
      });
    });
    this.synonyms.delete(siteId);
    this.siteVocab.delete(siteId);
    return this.getSynonyms(siteId);
  }

  private async planContext(siteId: number): Promise<PlanContext & { syn: SynonymIndex }> {
    const base = await this.vocabulary();
    const { groups } = await this.getSynonyms(siteId);
    let entry = this.siteVocab.get(siteId);
    if (!entry || entry.base !== base || entry.groups !== groups) {
      const syn = new SynonymIndex(groups);
      entry = { base, groups, vocab: base.withExtra(syn.terms), syn };
      this.siteVocab.set(siteId, entry);
    }
    return { vocab: entry.vocab, synonyms: groups, syn: entry.syn };
  }

  // ---------- searching ----------

  /** The site and its subordinate sites (recursively): a parent site's search covers them. */
  async scopeSites(siteId: number): Promise<{ site: SiteView; sites: SiteView[]; all: SiteView[] }> {
    const all = await this.siteList();
    const site = all.find((s) => s.id === siteId) ?? (await this.sites.get(siteId));
    const sites = [site];
    for (let i = 0; i < sites.length; i++)
      for (const s of all) if (s.parentId === sites[i]!.id && !sites.includes(s)) sites.push(s);
    return { site, sites, all };
  }

  /** Checks and completes the input; throws VALIDATION_FAILED with a Chinese message. */
  validate(
    input: SearchInput,
  ): Required<Omit<SearchInput, 'from' | 'to' | 'column' | 'site'>> &
    Pick<SearchInput, 'from' | 'to' | 'column' | 'site'> & { fromIso: string | null; toIso: string | null } {
    const q = (input.q ?? '').trim();
    if (!q) throw new AppError('VALIDATION_FAILED', '请输入搜索关键词');
    if (q.length > 100) throw new AppError('VALIDATION_FAILED', '搜索关键词不能超过100个字');
    const fromIso = input.from ? shanghaiDayStart(input.from) : null;
    const toStart = input.to ? shanghaiDayStart(input.to) : null;
    if (input.from && !fromIso) throw new AppError('VALIDATION_FAILED', '起始日期格式应为 yyyy-MM-dd');
    if (input.to && !toStart) throw new AppError('VALIDATION_FAILED', '截止日期格式应为 yyyy-MM-dd');
    if (fromIso && toStart && fromIso > toStart) throw new AppError('VALIDATION_FAILED', '起始日期不能晚于截止日期');
    const page = input.page ?? 1;
    if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
      throw new AppError('VALIDATION_FAILED', `页码应为 1 到 ${MAX_PAGE} 之间的整数`);
    const kind = input.kind ?? 'all';
    if (kind !== 'all' && !KINDS.some((k) => k.kind === kind))
      throw new AppError('VALIDATION_FAILED', '结果分类不正确');
    const sort = input.sort ?? 'relevance';
    if (sort !== 'relevance' && sort !== 'date')
      throw new AppError('VALIDATION_FAILED', '排序方式应为 relevance 或 date');
    const pageSize = input.pageSize ?? PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50)
      throw new AppError('VALIDATION_FAILED', '每页条数应为 1 到 50');
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

  async search(scope: SearchScope, raw: SearchInput): Promise<SearchResult> {
    const input = this.validate(raw);
    await this.ensureReady();
    const { site, sites, all } = await this.scopeSites(scope.siteId);
    if (input.site !== undefined && !sites.some((s) => s.id === input.site))
      throw new AppError('VALIDATION_FAILED', '所选站点不在本站搜索范围内');
    const ctx = await this.planContext(site.id);

    // Facets: the sites searched (unless that is every site) and the column.
    const columnFacet: MatchNode[] = input.column !== undefined ? [term(`c${input.column}`, ['facets'])] : [];
    const siteFacet: MatchNode[] = [];
    if (input.site !== undefined) siteFacet.push(term(`s${input.site}`, ['facets']));
    else if (sites.length < all.length) siteFacet.push(or(sites.map((s) => term(`s${s.id}`, ['facets']))));
    const facets = [...siteFacet, ...columnFacet];
    const range = keyRange(input.fromIso, input.toIso);
    const filter: repo.KeyFilter = { min: range.min, max: range.max };

    const first = planQuery(input.q, ctx, ctx.syn);
    if (!first) throw new AppError('VALIDATION_FAILED', '请输入有效的搜索关键词（文字或数字）');
    const hotWords = (
      await this.hotQueries(
        site.id,
        sites.map((s) => s.id),
      )
    )
      .filter((h) => listable(h.query))
      .slice(0, 10)
      .map((h) => h.query);
    const serviceCards = input.page === 1 ? await this.matchingCards(site.id, first, ctx) : [];
    const { result, plan, totalAll, correctedQuery } = await repo.reading(this.db, async (db) => {
      let plan = first;
      let counts = await this.kindCounts(db, and([plan.match, ...facets]), filter);
      let correctedQuery: string | null = null;
      let fuzzy = false;
      if (counts.total === 0) {
        const corrected = correctQuery(input.q, ctx.vocab);
        const cPlan = corrected ? planQuery(corrected, ctx, ctx.syn) : null;
        const cCounts = cPlan ? await this.kindCounts(db, and([cPlan.match, ...facets]), filter) : null;
        if (cPlan && cCounts && cCounts.total > 0) {
          plan = cPlan;
          counts = cCounts;
          correctedQuery = corrected;
        } else {
          // A character wrong, missing or extra; then all words but one.
          for (const fPlan of [fuzzyPlan(input.q, ctx, ctx.syn), relaxedPlan(input.q, ctx, ctx.syn)]) {
            const fCounts = fPlan ? await this.kindCounts(db, and([fPlan.match, ...facets]), filter) : null;
            if (fPlan && fCounts && fCounts.total > 0) {
              plan = fPlan;
              counts = fCounts;
              fuzzy = true;
              break;
            }
          }
        }
      }
      const totalAll = counts.total;
      const code = input.kind === 'all' ? null : kindCode(input.kind);
      // A tab: its kind as a facet (the index narrows the matches).
      const tabFacets = code === null ? facets : [...facets, term(`k${code}`, ['facets'])];
      // A tab's own count: exact when small enough to count (its pages depend on it), else the estimate.
      const estimate = counts.byKind.get(code ?? 0) ?? 0;
      const total =
        code === null
          ? totalAll
          : !counts.approximate
            ? estimate
            : estimate <= this.exactCounts
              ? await repo.countMatches(db, and([plan.match, ...tabFacets]), filter)
              : estimate;

      const keys = await this.pageKeys(
        db,
        plan,
        tabFacets,
        filter,
        input,
        sites.map((s) => s.id),
        code,
      );
      const items = await this.present(db, keys, plan, scope, sites);

      const result: SearchResult = {
        query: input.q,
        correctedQuery,
        fuzzy,
        total,
        page: input.page,
        pageSize: input.pageSize,
        pages: Math.min(MAX_PAGE, Math.ceil(total / input.pageSize)),
        kind: input.kind,
        sort: input.sort,
        kinds: [
          { kind: 'all', label: ALL_LABEL, count: totalAll },
          ...KINDS.map((k) => ({
            kind: k.kind,
            label: k.label,
            count: k.code === code ? total : (counts.byKind.get(k.code) ?? 0),
          })),
        ],
        approximate: counts.approximate,
        sites: [],
        items,
        suggestions: [],
        hotWords,
        serviceCards:
          plan === first ? serviceCards : input.page === 1 ? await this.matchingCards(site.id, plan, ctx) : [],
        expanded: plan.expanded,
      };
      if (sites.length > 1 && totalAll > 0) {
        // Counted per site when the result set is small enough to count exactly; otherwise listed without counts.
        for (const s of sites) {
          const kindFacet = code === null ? [] : [term(`k${code}`, ['facets'])];
          const n =
            counts.approximate || sites.length > 30
              ? null
              : await repo.countMatches(
                  db,
                  and([plan.match, ...columnFacet, ...kindFacet, term(`s${s.id}`, ['facets'])]),
                  filter,
                );
          result.sites.push({ id: s.id, name: s.name, count: n });
        }
      }
      return { result, plan, totalAll, correctedQuery };
    });
    result.suggestions = await this.suggestionsFor(
      input.q,
      plan,
      totalAll,
      correctedQuery,
      ctx,
      site.id,
      sites.map((s) => s.id),
    );
    const filtered =
      input.kind !== 'all' || input.from || input.to || input.column !== undefined || input.site !== undefined;
    if (input.page === 1 && !filtered) {
      await repo
        .logSearch(this.db, {
          site_id: site.id,
          query: prepare(input.q),
          results: totalAll,
          at: this.clock.now().toISOString(),
        })
        .catch(() => undefined);
    }
    return result;
  }

  /** Keys of one page: exact titles, then the query in the title, then all words in the title, then the rest. */
  private async pageKeys(
    db: Db,
    plan: Plan,
    facets: MatchNode[],
    filter: repo.KeyFilter,
    input: { sort: SortOrder; page: number; pageSize: number; site?: number; column?: number },
    siteIds: number[],
    kindCode: number | null,
  ): Promise<number[]> {
    const withFacets = (n: MatchNode) => and([n, ...facets]);
    const offset = (input.page - 1) * input.pageSize;
    if (input.sort === 'date') return repo.matchKeys(db, withFacets(plan.match), filter, input.pageSize, offset);

    const exact = (await repo.exactTitle(db, plan.key, siteIds))
      .filter((d) => input.site === undefined || d.site_id === input.site)
      .filter((d) => input.column === undefined || (JSON.parse(d.column_ids) as number[]).includes(input.column))
      .filter(
        (d) => (filter.min === null || d.doc_key >= filter.min) && (filter.max === null || d.doc_key <= filter.max),
      )
      .filter((d) => !kindCode || d.doc_key % 8 === kindCode)
      .map((d) => d.doc_key);
    // The tiers are nested (phrase ⊆ title ⊆ match). An earlier tier whose members are all known (it gave fewer
    // than asked for) is excluded by key; otherwise (deep pages) with NOT, which costs more.
    const tiers: MatchNode[] = [];
    const seen = new Set<string>();
    for (const node of [plan.phrase, plan.title, plan.match]) {
      if (!node || seen.has(JSON.stringify(node))) continue;
      seen.add(JSON.stringify(node));
      tiers.push(node);
    }
    const keys: number[] = [];
    let skip = offset;
    let need = input.pageSize;
    const fromExact = exact.slice(skip, skip + need);
    keys.push(...fromExact);
    need -= fromExact.length;
    skip = Math.max(0, skip - exact.length);
    const known = [...exact];
    let complete = true;
    let earlier: MatchNode | null = null;
    for (const tier of tiers) {
      if (need <= 0) break;
      const node = withFacets(complete || !earlier ? tier : not(tier, earlier));
      const tierFilter = { ...filter, exclude: complete ? known : exact };
      earlier = tier;
      if (skip > 0) {
        const n = await repo.countMatches(db, node, tierFilter);
        if (skip >= n) {
          skip -= n;
          complete = false;
          continue;
        }
      }
      const got = await repo.matchKeys(db, node, tierFilter, need, skip);
      keys.push(...got);
      if (skip > 0 || got.length >= need) complete = false;
      else known.push(...got);
      need -= got.length;
      skip = 0;
    }
    return keys;
  }

  private async present(
    db: Db,
    keys: number[],
    plan: Plan,
    scope: SearchScope,
    sites: SiteView[],
  ): Promise<SearchItem[]> {
    const docs = new Map((await repo.docsByKeys(db, keys)).map((d) => [d.doc_key, d]));
    // Never show an item that is no longer public, even if its removal from the index failed.
    const live = await repo.publishedVersions(
      db,
      [...docs.values()].map((d) => d.content_id),
    );
    const dead = [...docs.values()].filter((d) => !live.has(d.content_id)).map((d) => d.content_id);
    if (dead.length) {
      for (const id of dead) this.failed.add(id);
      this.later(() => this.removeItems(dead).then(() => dead.forEach((id) => this.failed.delete(id))));
    }
    const out: SearchItem[] = [];
    for (const key of keys) {
      const d = docs.get(key);
      if (!d || !live.has(d.content_id)) continue;
      const site = sites.find((s) => s.id === d.site_id);
      const column = (await this.tree(d.site_id)).byId.get(d.column_id);
      const path = `${column?.path ?? '/'}${d.content_id}.html`;
      const url = scope.prefix === '' && d.site_id === scope.siteId ? path : `/site/${site?.code ?? ''}${path}`;
      const meta = JSON.parse(d.meta) as DocMeta;
      const text =
        d.body ||
        d.summary ||
        [meta.docNumber, meta.issuingOrgan, meta.indexNo && `索引号：${meta.indexNo}`].filter(Boolean).join('　');
      const kind = kindOfKey(d.doc_key);
      out.push({
        id: d.content_id,
        title: highlight(d.title, plan.highlights),
        titleText: d.title,
        url,
        kind,
        kindLabel: kindLabel(kind),
        site: { id: d.site_id, name: site?.name ?? '' },
        column: column ? { id: column.id, name: column.name } : null,
        pubDate: d.pub_date,
        snippet: snippet(text, plan.highlights),
        docNumber: meta.docNumber ?? null,
      });
    }
    return out;
  }

  private async suggestionsFor(
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

  private async hotQueries(siteId: number, siteIds: number[]): Promise<{ query: string; n: number }[]> {
    const key = `${siteId}:${siteIds.join(',')}`;
    const cached = this.hot.get(key);
    const now = Date.now();
    if (cached && now - cached.at < HOT_TTL_MS) return cached.list;
    const since = new Date(this.clock.now().getTime() - HOT_DAYS * DAY).toISOString();
    const list = (await repo.popularQueries(this.db, siteIds, since, 200, HOT_MIN_COUNT)).filter((h) =>
      shareable(h.query),
    );
    this.hot.set(key, { at: now, list });
    return list;
  }

  /** Drops cached hot words (tests; after a log purge). */
  forgetHotWords(): void {
    this.hot.clear();
  }

  async suggest(scope: SearchScope, raw: string): Promise<{ query: string; items: SuggestItem[] }> {
    const q = prepare(raw ?? '');
    if (!q) return { query: '', items: [] };
    const { site, sites, all } = await this.scopeSites(scope.siteId);
    const ctx = await this.planContext(site.id);
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
        this.present(
          db,
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

  // ---------- report ----------

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

  // ---------- service cards ----------

  async listCards(siteId: number): Promise<CardView[]> {
    await this.sites.get(siteId);
    return (await repo.listCards(this.db, siteId)).map(toCardView);
  }

  private enabledCards(siteId: number): Promise<CardView[]> {
    let c = this.cards.get(siteId);
    if (!c) {
      c = repo.listCards(this.db, siteId).then((rows) => rows.map(toCardView).filter((card) => card.enabled));
      c.catch(() => this.cards.delete(siteId));
      this.cards.set(siteId, c);
    }
    return c;
  }

  private checkCard(input: CardInput): CardInput {
    const keywords = [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))];
    if (keywords.length === 0) throw new AppError('VALIDATION_FAILED', '请至少填写一个关键词');
    for (const link of input.links) {
      if (!/^(https?:\/\/[^\s]+|\/[^\s]*)$/i.test(link.url) || link.url.startsWith('//'))
        throw new AppError('VALIDATION_FAILED', `链接地址“${link.url}”应以 http://、https:// 或 / 开头`);
    }
    return { ...input, title: input.title.trim(), description: input.description.trim(), keywords };
  }

  async createCard(actor: Actor, siteId: number, input: CardInput): Promise<CardView> {
    await this.sites.get(siteId);
    const card = this.checkCard(input);
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const newId = await repo.insertCard(trx, {
        site_id: siteId,
        title: card.title,
        description: card.description,
        keywords: JSON.stringify(card.keywords),
        links: JSON.stringify(card.links),
        sort: card.sort ?? 0,
        enabled: card.enabled === false ? 0 : 1,
        created_at: at,
        updated_at: at,
      });
      await this.audit.record(trx, actor, {
        action: 'search.card.create',
        targetType: 'search_card',
        targetId: newId,
        siteId,
        detail: { after: card },
      });
      return newId;
    });
    this.cards.delete(siteId);
    return toCardView((await repo.findCard(this.db, id))!);
  }

  async updateCard(actor: Actor, siteId: number, id: number, input: CardInput): Promise<CardView> {
    const before = await repo.findCard(this.db, id);
    if (!before || before.site_id !== siteId) throw new AppError('NOT_FOUND', '服务卡片不存在');
    const card = this.checkCard(input);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateCard(trx, id, {
        title: card.title,
        description: card.description,
        keywords: JSON.stringify(card.keywords),
        links: JSON.stringify(card.links),
        sort: card.sort ?? before.sort,
        enabled: card.enabled === undefined ? before.enabled : card.enabled ? 1 : 0,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'search.card.update',
        targetType: 'search_card',
        targetId: id,
        siteId,
        detail: { before: toCardView(before), after: card },
      });
    });
    this.cards.delete(siteId);
    return toCardView((await repo.findCard(this.db, id))!);
  }

  async deleteCard(actor: Actor, siteId: number, id: number): Promise<void> {
    const before = await repo.findCard(this.db, id);
    if (!before || before.site_id !== siteId) throw new AppError('NOT_FOUND', '服务卡片不存在');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteCard(trx, id);
      await this.audit.record(trx, actor, {
        action: 'search.card.delete',
        targetType: 'search_card',
        targetId: id,
        siteId,
        detail: { before: toCardView(before) },
      });
    });
    this.cards.delete(siteId);
  }

  /** Adds cards a module derives from its records (搜索即服务 for service items); they come before the site's own. */
  addCardSource(source: (siteId: number) => Promise<CardView[]>): void {
    this.cardSources.push(source);
  }

  /** Cards whose keywords the query contains, directly, through a synonym or as pinyin (shebao → 社保). */
  private async matchingCards(
    siteId: number,
    plan: Plan,
    ctx: PlanContext & { syn: SynonymIndex },
  ): Promise<CardView[]> {
    const derived = await Promise.all(this.cardSources.map((source) => source(siteId).catch(() => [])));
    const cards = [...derived.flat(), ...(await this.enabledCards(siteId))];
    if (cards.length === 0) return [];
    const q = plan.key;
    const heard = new Set([q, ...plan.expanded.map(titleKey)]);
    const latin = isLatinWord(q);
    return cards
      .filter((card) =>
        card.keywords.some((raw) => {
          const kw = titleKey(raw);
          if (!kw) return false;
          const forms = [kw, ...(ctx.syn.others.get(kw) ?? [])];
          if (forms.some((f) => q.includes(f) || [...heard].some((h) => h === f))) return true;
          if (q.length >= 2 && kw.startsWith(q)) return true;
          if (latin) {
            const p = pinyinOf(normalize(raw));
            return p.full === q || (q.length >= 2 && p.initials === q);
          }
          return false;
        }),
      )
      .slice(0, 3);
  }
}

function pinyinFields(term: string) {
  const p = cachedPinyin(term);
  return { pinyin: p.full, initials: p.initials };
}

// ---------- default service cards ----------

const q = (text: string, kind?: Kind) => `/search?q=${encodeURIComponent(text)}${kind ? `&kind=${kind}` : ''}`;

export const DEFAULT_CARDS: CardInput[] = [
  {
    title: '社保服务',
    description: '社会保险参保、缴费、待遇查询和办事指南。',
    keywords: ['社保', '社会保险', '养老保险', '失业保险', '工伤保险', '社保卡'],
    links: [
      { title: '社保查询', url: 'https://si.12333.gov.cn/' },
      { title: '社保办事指南', url: q('社保', 'service') },
      { title: '相关政策', url: q('社保', 'policy') },
    ],
  },
  {
    title: '住房公积金',
    description: '公积金缴存、提取、贷款的办事指南与政策。',
    keywords: ['公积金', '住房公积金'],
    links: [
      { title: '公积金提取指南', url: q('住房公积金提取', 'service') },
      { title: '公积金贷款指南', url: q('住房公积金贷款', 'service') },
      { title: '相关政策', url: q('住房公积金', 'policy') },
    ],
  },
  {
    title: '医保服务',
    description: '城乡居民医保参保、异地就医备案、医疗费用报销。',
    keywords: ['医保', '医疗保险', '医保卡', '异地就医'],
    links: [
      { title: '国家医保服务平台', url: 'https://fuwu.nhsa.gov.cn/' },
      { title: '医保办事指南', url: q('医保', 'service') },
      { title: '相关政策', url: q('医疗保险', 'policy') },
    ],
  },
  {
    title: '企业开办',
    description: '营业执照办理、企业设立与注销、个体工商户登记。',
    keywords: ['营业执照', '企业开办', '个体工商户', '企业设立'],
    links: [
      { title: '企业开办指南', url: q('企业设立登记', 'service') },
      { title: '营业执照办理', url: q('营业执照', 'service') },
      { title: '相关政策', url: q('营商环境', 'policy') },
    ],
  },
  {
    title: '12345 政务服务便民热线',
    description: '咨询、求助、投诉、建议，拨打 12345。',
    keywords: ['12345', '热线', '投诉', '举报'],
    links: [
      { title: '互动交流', url: '/gzdc/' },
      { title: '热线相关信息', url: q('12345') },
    ],
  },
];

/** Seeds the default service cards into a site that has none (the demo site). Returns how many were created. */
export async function seedDefaultSearchCards(ctx: { search: SearchService }, siteId: number): Promise<number> {
  if ((await ctx.search.listCards(siteId)).length > 0) return 0;
  for (const [i, card] of DEFAULT_CARDS.entries())
    await ctx.search.createCard(SYSTEM_ACTOR, siteId, { ...card, sort: i });
  return DEFAULT_CARDS.length;
}
