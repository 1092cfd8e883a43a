// Which column a public page belongs to, from the site's column rows: the column whose path is the longest
// prefix of the page's path. Column paths are rebuilt from slugs here because statistics read the stored rows
// (deleted columns included), not the live column tree.
import type { ColumnRow } from './stats.repository.ts';

export interface ColumnIndex {
  /** Column paths (`/gzdt/bmdt/`), longest first, for prefix matching. */
  byPath: { path: string; id: number }[];
  byId: Map<number, { name: string; path: string }>;
}

export function columnIndex(rows: ColumnRow[]): ColumnIndex {
  const byRowId = new Map(rows.map((r) => [r.id, r]));
  const pathOf = new Map<number, string>();
  const resolve = (id: number, seen: Set<number>): string => {
    const known = pathOf.get(id);
    if (known !== undefined) return known;
    const row = byRowId.get(id)!;
    const parent =
      row.parentId === null || seen.has(row.parentId) || !byRowId.has(row.parentId)
        ? '/'
        : resolve(row.parentId, new Set([...seen, id]));
    const path = `${parent}${row.slug}/`;
    pathOf.set(id, path);
    return path;
  };
  for (const r of rows) resolve(r.id, new Set([r.id]));
  return {
    byPath: rows.map((r) => ({ path: pathOf.get(r.id)!, id: r.id })).sort((a, b) => b.path.length - a.path.length),
    byId: new Map(rows.map((r) => [r.id, { name: r.name, path: pathOf.get(r.id)! }])),
  };
}

/** The column a page belongs to: the column whose path is the longest prefix of the page's path. */
export function columnFor(index: ColumnIndex, path: string): number | null {
  for (const c of index.byPath) if (path.startsWith(c.path)) return c.id;
  return null;
}
