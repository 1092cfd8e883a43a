// Stored column rows → the column tree the API, the public site and the checks read: nodes with their
// departments' names, cooperating departments, content counts, paths and depths, children in display order.
import type { Column, Department } from '../../platform/db/schema.ts';
import type { ColumnKind, ColumnType } from './column-types.ts';
import type { ColumnMarker, ColumnNode } from './columns.schema.ts';

export interface ColumnTree {
  roots: ColumnNode[];
  byId: Map<number, ColumnNode>;
  /** Depth-first, in display order. */
  flat: ColumnNode[];
}

export interface ColumnTreeRows {
  columns: Column[];
  cooperators: { column_id: number; department_id: number }[];
  departments: Pick<Department, 'id' | 'name'>[];
  contentCounts: Map<number, number>;
}

function toColumnNode(c: Column, rows: ColumnTreeRows, deptName: Map<number, string>): ColumnNode {
  return {
    id: c.id,
    siteId: c.site_id,
    parentId: c.parent_id,
    name: c.name,
    fullName: c.full_name,
    slug: c.slug,
    path: '',
    columnType: c.column_type as ColumnType,
    kind: c.kind as ColumnKind,
    linkUrl: c.link_url,
    description: c.description,
    keywords: c.keywords,
    sort: c.sort,
    visible: c.visible === 1,
    leadDepartmentId: c.lead_department_id,
    leadDepartmentName: c.lead_department_id ? (deptName.get(c.lead_department_id) ?? null) : null,
    cooperatingDepartmentIds: rows.cooperators.filter((k) => k.column_id === c.id).map((k) => k.department_id),
    openCooperation: c.open_cooperation === 1,
    maxUpdateDays: c.max_update_days,
    marker: c.marker as ColumnMarker | null,
    contentCount: rows.contentCounts.get(c.id) ?? 0,
    depth: 0,
    children: [],
  };
}

/** The site's column tree: paths are `/slug/slug/`, siblings ordered by sort then id. */
export function buildColumnTree(rows: ColumnTreeRows): ColumnTree {
  const deptName = new Map(rows.departments.map((d) => [d.id, d.name]));
  const byId = new Map<number, ColumnNode>();
  for (const c of rows.columns) byId.set(c.id, toColumnNode(c, rows, deptName));
  const roots: ColumnNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const flat: ColumnNode[] = [];
  const walk = (nodes: ColumnNode[], prefix: string, depth: number) => {
    nodes.sort((a, b) => a.sort - b.sort || a.id - b.id);
    for (const n of nodes) {
      n.path = `${prefix}${n.slug}/`;
      n.depth = depth;
      flat.push(n);
      walk(n.children, n.path, depth + 1);
    }
  };
  walk(roots, '/', 0);
  return { roots, byId, flat };
}

/** The names from the root down to the column: 工作动态 / 通知公告. */
export function columnTrail(tree: Pick<ColumnTree, 'byId'>, column: ColumnNode): string[] {
  const names: string[] = [];
  for (let n: ColumnNode | undefined = column; n; n = n.parentId === null ? undefined : tree.byId.get(n.parentId))
    names.unshift(n.name);
  return names;
}
