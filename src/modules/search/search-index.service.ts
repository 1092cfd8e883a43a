// Keeps the search index in step with publication: an item is (re)indexed when published and removed when
// withdrawn, at once and after commit; a column change re-keys the items whose kind or column facets changed;
// a full rebuild reads published_items in batches while searches keep working. Indexing never fails a
// publication: failed items are retried with the next change or search.
import type { Db } from '../../platform/db/database.ts';
import type { PublishedItem } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import type { ColumnsService, ColumnTree } from '../columns/columns.service.ts';
import type { PublicationChange } from '../publication/publication.service.ts';
import * as repo from './index.repository.ts';
import type { IndexedDoc } from './index.repository.ts';
import {
  type BuiltDoc,
  type DocMeta,
  type PreparedItem,
  ancestry,
  buildDoc,
  cachedPinyin,
  facetColumns,
  prepareItem,
  titleTerms,
} from './indexer.ts';
import { classify, docKey } from './kinds.ts';
import { type Segmenter, mainThreadSegmenter, openSegmenter } from './segment-pool.ts';
import type { Executor, SearchDoc } from './search.tables.ts';

const BATCH = 500;

export type ReindexProgress = (done: number, total: number) => void;

export class SearchIndexService {
  private readonly trees = new Map<number, Promise<ColumnTree>>();
  private readonly failed = new Set<number>();
  private readonly changeListeners: (() => void)[] = [];
  private background: Promise<void> = Promise.resolve();
  private readyChecked = false;
  /** The last indexing error (indexing never fails a publication; failed items are retried). */
  lastError: Error | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly columns: ColumnsService,
  ) {}

  /** Runs `listener` after every change of the index (vocabulary and counts cached elsewhere go stale). */
  onIndexChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  private indexChanged(): void {
    for (const listener of this.changeListeners) listener();
  }

  /** After commit of a publication or withdrawal. */
  async onPublication(change: PublicationChange): Promise<void> {
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

  /** After a column change: the column tree is read again and the site's documents re-keyed in the background. */
  onColumnChange(siteId: number): void {
    this.trees.delete(siteId);
    this.later(() => this.refreshSite(siteId));
  }

  /** Runs work after the current one, in order, without making the caller wait. */
  later(work: () => Promise<unknown>): void {
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

  /** The site's column tree, read once until its columns change. */
  tree(siteId: number): Promise<ColumnTree> {
    let t = this.trees.get(siteId);
    if (!t) {
      t = this.columns.tree(siteId);
      t.catch(() => this.trees.delete(siteId));
      this.trees.set(siteId, t);
    }
    return t;
  }

  /**
   * Items a search found in the index although they are no longer published (their removal failed): they are
   * taken out in the background and retried until that succeeds.
   */
  dropUnpublished(ids: number[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.failed.add(id);
    this.later(() =>
      this.removeItems(ids).then(() => {
        for (const id of ids) this.failed.delete(id);
      }),
    );
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
  private async write(trx: Executor, docs: BuiltDoc[], replacing: SearchDoc[]): Promise<IndexedDoc[]> {
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
        termChanges(
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
        termChanges(
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
    await this.indexInBatches(stale);
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
    if (stale.changed.length) await this.indexInBatches(stale.changed);
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

  private async indexInBatches(ids: number[]) {
    for (let i = 0; i < ids.length; i += BATCH) await this.indexItems(ids.slice(i, i + BATCH));
  }

  /**
   * Before a search: retries items whose indexing failed, and on first use rebuilds an empty index in the
   * background while items are published (a restored backup).
   */
  async ensureReady(): Promise<void> {
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
}

/** How the document frequency of title terms changes when `added` documents replace `removed` ones. */
function termChanges(added: string[][], removed: string[][]) {
  const delta = new Map<string, number>();
  for (const list of added) for (const t of list) delta.set(t, (delta.get(t) ?? 0) + 1);
  for (const list of removed) for (const t of list) delta.set(t, (delta.get(t) ?? 0) - 1);
  return [...delta].filter(([, d]) => d !== 0).map(([t, d]) => ({ term: t, delta: d, ...pinyinFields(t) }));
}

function pinyinFields(term: string) {
  const p = cachedPinyin(term);
  return { pinyin: p.full, initials: p.initials };
}
