// A site's published items in memory (no bodies): column lists, pagination, the catalogue, previous/next,
// the sitemap and RSS are all read from here. Built with one query, cached with the site's pages and dropped
// with them whenever a publication or withdrawal touches the site.
import { shanghaiDate } from '../../platform/time.ts';
import type { IndexedItem } from './public-content.repository.ts';
import type { PublicColumn } from './views/types.ts';

/** Columns whose newest items the home page shows and which offer an RSS feed. */
export const DYNAMIC_COLUMN_TYPES = ['动态要闻', '通知公告'];

export const isDynamic = (column: Pick<PublicColumn, 'columnType' | 'kind'>) =>
  column.kind === 'list' && DYNAMIC_COLUMN_TYPES.includes(column.columnType);

/** Leaders are listed in their `sort` order; everything else newest first. */
export const isLeaderColumn = (column: Pick<PublicColumn, 'columnType'>) => column.columnType === '领导信息';

const newestFirst = (a: IndexedItem, b: IndexedItem) =>
  a.pubDate < b.pubDate ? 1 : a.pubDate > b.pubDate ? -1 : b.id - a.id;
const bySort = (a: IndexedItem, b: IndexedItem) => a.sort - b.sort || newestFirst(a, b);

/** Year of a catalogue entry: of its 成文日期, else of its PubDate (Asia/Shanghai). */
export const itemYear = (item: Pick<IndexedItem, 'writtenDate' | 'pubDate'>) =>
  item.writtenDate && /^\d{4}/.test(item.writtenDate)
    ? item.writtenDate.slice(0, 4)
    : shanghaiDate(item.pubDate).slice(0, 4);

export class PublicIndex {
  /** Every item whose primary column is on the public site, newest first. */
  readonly items: IndexedItem[];
  readonly byId: Map<number, IndexedItem>;
  private readonly byColumn = new Map<number, IndexedItem[]>();
  private readonly subtreeCache = new Map<number, IndexedItem[]>();

  /**
   * @param rows every published item of the site, as loaded (kept, so a publication can be applied to the index
   *   without loading it all again: see `with`).
   */
  constructor(
    private readonly rows: IndexedItem[],
    private readonly columns: Map<number, PublicColumn>,
  ) {
    this.items = rows.filter((r) => columns.has(r.columnId)).sort(newestFirst);
    this.byId = new Map(this.items.map((i) => [i.id, i]));
    for (const item of this.items) {
      for (const columnId of new Set(item.columnIds)) {
        if (!columns.has(columnId)) continue;
        const list = this.byColumn.get(columnId) ?? [];
        list.push(item);
        this.byColumn.set(columnId, list);
      }
    }
    for (const [columnId, list] of this.byColumn) {
      if (isLeaderColumn(columns.get(columnId)!)) list.sort(bySort);
    }
  }

  /** A new index with one item published again (`item`) or withdrawn (`undefined`). */
  with(contentId: number, item: IndexedItem | undefined): PublicIndex {
    const rows = this.rows.filter((r) => r.id !== contentId);
    if (item) rows.push(item);
    return new PublicIndex(rows, this.columns);
  }

  /** Items published in the column itself (as primary or extra column), in list order. */
  inColumn(columnId: number): IndexedItem[] {
    return this.byColumn.get(columnId) ?? [];
  }

  /** Items of the column and all its descendants, newest first. */
  inSubtree(column: PublicColumn): IndexedItem[] {
    let found = this.subtreeCache.get(column.id);
    if (!found) {
      const seen = new Set<number>();
      const out: IndexedItem[] = [];
      const walk = (c: PublicColumn) => {
        for (const item of this.inColumn(c.id))
          if (!seen.has(item.id)) {
            seen.add(item.id);
            out.push(item);
          }
        c.children.forEach(walk);
      };
      walk(column);
      found = out.sort(newestFirst);
      this.subtreeCache.set(column.id, found);
    }
    return found;
  }

  /** The column page of an item: its primary column. */
  columnOf(item: IndexedItem): PublicColumn {
    return this.columns.get(item.columnId)!;
  }

  /** Site-internal URL of an item's content page (see contentPath in content.routes.ts). */
  path(item: Pick<IndexedItem, 'id' | 'columnId'>): string {
    return `${this.columns.get(item.columnId)!.path}${item.id}.html`;
  }

  /** Entries of the 主动公开目录: items with an 索引号, newest first. */
  catalogue(): IndexedItem[] {
    return this.items.filter((i) => i.indexNo);
  }
}
