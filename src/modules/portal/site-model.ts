// A site's public structure: its visible column tree, the home page's entries and news columns, and the
// 政府信息公开 platform's columns (政务公开, 主动公开目录, 依申请公开), found by name and column type.
import type { ColumnNode } from '../columns/columns.schema.ts';
import type { SiteModel } from './page-context.ts';
import { CATALOG_SLUG } from './page-kit.ts';
import { isDynamic } from './public-index.ts';
import type { HomeEntry, PublicColumn } from './views/types.ts';

/** The home page's entries to the main service areas, found by column name (then by column type). */
export const HOME_ENTRIES: { label: string; names: string[]; columnTypes: string[] }[] = [
  { label: '政务公开', names: ['政务公开'], columnTypes: ['信息公开'] },
  { label: '办事服务', names: ['办事指南'], columnTypes: ['办事服务'] },
  { label: '互动交流', names: ['互动交流', '意见征集'], columnTypes: ['互动交流'] },
  { label: '公众调查', names: ['公众调查'], columnTypes: [] },
  { label: '党务公开', names: ['党务公开'], columnTypes: [] },
  { label: '三服务', names: ['三服务'], columnTypes: [] },
];

/** The entries of the 政府信息公开 platform on the 政务公开 page, found by name below it. */
export const PLATFORM_ENTRIES = [
  '政府信息公开指南',
  '政府信息公开制度',
  '政府信息公开年度报告',
  '主动公开目录',
  '依申请公开',
] as const;

function publicTree(nodes: ColumnNode[]): PublicColumn[] {
  return nodes.filter((n) => n.visible).map((n) => ({ ...n, children: publicTree(n.children) }));
}

function pickEntry(flat: PublicColumn[], spec: (typeof HOME_ENTRIES)[number]): PublicColumn | undefined {
  const shallowFirst = [...flat].sort((a, b) => a.depth - b.depth);
  for (const name of spec.names) {
    const found = shallowFirst.find((c) => c.name === name);
    if (found) return found;
  }
  for (const type of spec.columnTypes) {
    const found = shallowFirst.find((c) => c.columnType === type);
    if (found) return found;
  }
  return undefined;
}

export function descendants(column: PublicColumn): PublicColumn[] {
  return column.children.flatMap((c) => [c, ...descendants(c)]);
}

/** The public structure of a site from its whole column tree (hidden columns and their subtrees left out). */
export function buildSiteModel(siteId: number, tree: ColumnNode[]): SiteModel {
  const roots = publicTree(tree);
  const flat: PublicColumn[] = [];
  const walk = (nodes: PublicColumn[]) => {
    for (const n of nodes) {
      flat.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  const entries: HomeEntry[] = [];
  for (const spec of HOME_ENTRIES) {
    const column = pickEntry(flat, spec);
    if (column) entries.push({ label: spec.label, column });
  }
  const zwgk = pickEntry(flat, HOME_ENTRIES[0]!) ?? null;
  const below = zwgk ? descendants(zwgk) : flat;
  return {
    siteId,
    roots,
    flat,
    entries,
    byId: new Map(flat.map((c) => [c.id, c])),
    byPath: new Map(flat.map((c) => [c.path, c])),
    news: flat.filter((c) => isDynamic(c) && !descendants(c).some(isDynamic)),
    zwgk,
    catalogPath: zwgk && zwgk.kind !== 'link' ? `${zwgk.path}${CATALOG_SLUG}/` : null,
    applyColumn:
      below.find((c) => c.name === '依申请公开' && c.kind !== 'link') ??
      flat.find((c) => c.name === '依申请公开') ??
      null,
  };
}
