// Pure helpers over the column tree returned by GET /api/sites/:siteId/columns.
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';

export interface Located {
  node: ColumnNode;
  /** The children list the node sits in (the roots for a first-level column). */
  siblings: ColumnNode[];
  index: number;
}

export function indexTree(roots: ColumnNode[]): Map<number, Located> {
  const map = new Map<number, Located>();
  const walk = (list: ColumnNode[]) =>
    list.forEach((node, index) => {
      map.set(node.id, { node, siblings: list, index });
      walk(node.children ?? []);
    });
  walk(roots);
  return map;
}

export function descendantIds(node: ColumnNode): Set<number> {
  const ids = new Set<number>();
  const walk = (n: ColumnNode) => {
    ids.add(n.id);
    (n.children ?? []).forEach(walk);
  };
  walk(node);
  return ids;
}

export function idsWithChildren(roots: ColumnNode[]): number[] {
  const ids: number[] = [];
  const walk = (list: ColumnNode[]) =>
    list.forEach((n) => {
      if (n.children?.length) {
        ids.push(n.id);
        walk(n.children);
      }
    });
  walk(roots);
  return ids;
}

export interface MoveTarget {
  parentId: number | null;
  /** 0-based position among the new parent's children once the moved column is taken out. */
  index: number;
}

/**
 * Where a drag ends, in the API's terms. `relative` is antd's drop position relative to the target node:
 * -1 before it, 1 after it, 0 onto it (becomes its first child).
 */
export function dropTarget(
  tree: Map<number, Located>,
  dragId: number,
  dropId: number,
  relative: number,
  intoNode: boolean,
): MoveTarget | null {
  const target = tree.get(dropId);
  if (!target || dragId === dropId) return null;
  if (intoNode) return { parentId: dropId, index: 0 };
  const siblings = target.siblings.filter((n) => n.id !== dragId);
  const at = siblings.findIndex((n) => n.id === dropId);
  return { parentId: target.node.parentId, index: relative < 0 ? at : at + 1 };
}

/** A copy of the tree with the column moved (for an immediate update while the server confirms). */
export function moveLocally(roots: ColumnNode[], dragId: number, to: MoveTarget): ColumnNode[] {
  let moved: ColumnNode | null = null;
  const remove = (list: ColumnNode[]): ColumnNode[] =>
    list
      .filter((n) => {
        if (n.id === dragId) {
          moved = n;
          return false;
        }
        return true;
      })
      .map((n) => ({ ...n, children: remove(n.children ?? []) }));
  const without = remove(roots);
  if (!moved) return roots;
  const node: ColumnNode = { ...(moved as ColumnNode), parentId: to.parentId };
  const insert = (list: ColumnNode[], parentId: number | null): ColumnNode[] => {
    const out = list.map((n) => ({ ...n, children: insert(n.children ?? [], n.id) }));
    if (parentId === to.parentId) out.splice(Math.min(to.index, out.length), 0, node);
    return out;
  };
  return insert(without, null);
}
