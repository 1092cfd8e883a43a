// What a change drops from the page cache. Site and column changes drop the whole site; a publication or
// withdrawal drops precisely the pages it affects and patches the in-memory index of published items; other
// modules' changes (registered with the portal registry) drop the site. Every change also bumps the site's
// publication generation, so the other app nodes drop their copies too (generation.ts).
import type { AppContext } from '../../context.ts';
import type { Db, Dialect } from '../../platform/db/database.ts';
import type { PublicationChange } from '../publication/publication.service.ts';
import type { GenerationSync } from './generation.ts';
import type { SiteModel } from './page-context.ts';
import { RSS_FILE } from './page-kit.ts';
import type { PageCache } from './portal-cache.ts';
import type { PortalRegistry } from './portal-registry.ts';
import * as repo from './public-content.repository.ts';
import type { PublicIndex } from './public-index.ts';

/** Cache keys of pages: `page|<path in site>|<origin>|<prefix>|<care>|<variant>` — the path first, for invalidation. */
export const pageKey = (path: string, rest: string) => `page|${path}|${rest}`;
const keyPath = (key: string) => (key.startsWith('page|') ? key.slice(5, key.indexOf('|', 5)) : null);

/** The cache entries holding a site's model and index (not pages). */
export const MODEL_KEY = 'model';
export const INDEX_KEY = 'index';

export class CacheInvalidation {
  /** Per site, when its pages were last invalidated (ms since the epoch): Last-Modified moves past it. */
  private readonly invalidatedAt = new Map<number, number>();
  /** Per site, the publication changes being applied, one after the other. */
  private readonly changes = new Map<number, Promise<void>>();

  constructor(
    private readonly cache: PageCache,
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** Subscribes the cache to the changes that alter public pages, and tells the other nodes about them. */
  watch(
    ctx: Pick<AppContext, 'sites' | 'columns' | 'publication' | 'clock'>,
    generation: GenerationSync,
    registry: PortalRegistry,
  ): void {
    const changed = (siteId: number) => {
      this.invalidate(siteId);
      return generation.bump(siteId, ctx.clock.now().toISOString());
    };
    ctx.sites.onChange(changed);
    ctx.columns.onChange(changed);
    ctx.publication.onChange(async (change) => {
      await this.applyPublication(change);
      await generation.bump(change.siteId, ctx.clock.now().toISOString());
    });
    registry.attach((siteId) => void changed(siteId));
  }

  /** Drops a site's cached pages and column tree: call after anything shown on its pages changed. */
  invalidate(siteId: number): void {
    this.invalidatedAt.set(siteId, Date.now());
    this.cache.invalidateSite(siteId);
  }

  /**
   * Drops what a publication or withdrawal changes: the item's page wherever it was, every page under its
   * columns (their pagination, their items' previous/next links, their RSS), its columns' ancestors (grouped
   * lists, feeds), the pages of the items linked to it (相关解读 / 解读的文件), the home page, the 政务公开
   * entrance, the catalogue and sitemap.xml — and applies the change to the in-memory index of published items
   * (one row read, not the whole site). When the index or the column tree is not at hand (the item may have
   * moved from a column we cannot name), the whole site is dropped instead. Changes of one site are applied one
   * after the other, so two publications of the same item cannot leave the older row in the index.
   */
  applyPublication(change: PublicationChange): Promise<void> {
    const { siteId } = change;
    const run = (this.changes.get(siteId) ?? Promise.resolve())
      .then(() => this.applyOne(change))
      .catch(() => this.invalidate(siteId));
    this.changes.set(siteId, run);
    void run.then(() => {
      if (this.changes.get(siteId) === run) this.changes.delete(siteId);
    });
    return run;
  }

  /**
   * Last-Modified of a page rendered now: whole seconds, and always after the site's last invalidation, so a
   * page re-rendered in the same second as the change it shows still has a newer date than the stale copy.
   */
  lastModified(siteId: number): Date {
    const now = Math.floor(Date.now() / 1000) * 1000;
    const dropped = this.invalidatedAt.get(siteId);
    return new Date(dropped === undefined ? now : Math.max(now, Math.floor(dropped / 1000) * 1000 + 1000));
  }

  private async applyOne(change: PublicationChange): Promise<void> {
    const { siteId, contentId } = change;
    const modelP = this.cache.peek<SiteModel>(siteId, MODEL_KEY);
    const indexP = this.cache.peek<PublicIndex>(siteId, INDEX_KEY);
    if (!modelP || !indexP) return this.invalidate(siteId);
    const [model, oldIndex, links, item] = await Promise.all([
      modelP,
      indexP,
      repo.linksOf(this.db, contentId),
      repo.loadIndexItem(this.db, this.dialect, siteId, contentId),
    ]);
    // From here on nothing awaits, so no render can slip in between the decision and the drop.
    const before = oldIndex.byId.get(contentId);
    const { exact, prefixes } = affectedPaths(model, [
      ...change.columnIds,
      ...(item?.columnIds ?? []),
      ...(before?.columnIds ?? []),
    ]);
    const pageNames = [contentId, ...links.policyIds, ...links.interpretationIds].map((id) => `/${id}.html`);
    this.invalidatedAt.set(siteId, Date.now());
    this.cache.invalidate(siteId, (key) => {
      const path = keyPath(key);
      if (path === null) return key !== MODEL_KEY && key !== INDEX_KEY;
      if (exact.has(path)) return true;
      for (const p of prefixes) if (path.startsWith(p)) return true;
      return pageNames.some((name) => path.endsWith(name));
    });
    // An index built since we looked was built after the change was committed: it is current already.
    if (this.cache.peek(siteId, INDEX_KEY) === indexP) {
      if (this.cache.peek(siteId, MODEL_KEY) === modelP)
        this.cache.set(siteId, INDEX_KEY, Promise.resolve(oldIndex.with(contentId, item)));
      else this.cache.invalidate(siteId, (key) => key === INDEX_KEY);
    }
  }
}

/**
 * The pages an item in these columns appears on: everything under the columns themselves (prefixes), and
 * exactly the home page, sitemap.xml, the 政务公开 entrance, the catalogue and each ancestor with its feed.
 */
function affectedPaths(model: SiteModel, columnIds: number[]): { exact: Set<string>; prefixes: Set<string> } {
  const prefixes = new Set<string>();
  const exact = new Set<string>(['/', '/sitemap.xml']);
  if (model.zwgk) exact.add(model.zwgk.path);
  if (model.catalogPath) exact.add(model.catalogPath);
  for (const columnId of new Set(columnIds)) {
    const column = model.byId.get(columnId);
    if (!column) continue;
    prefixes.add(column.path);
    for (
      let c = column.parentId === null ? undefined : model.byId.get(column.parentId);
      c;
      c = c.parentId === null ? undefined : model.byId.get(c.parentId)
    ) {
      exact.add(c.path);
      exact.add(`${c.path}${RSS_FILE}`);
    }
  }
  return { exact, prefixes };
}
