// Loaders shared by the content, review and duty pages: content options, the column tree (names and trails),
// departments.
import { api } from '../../api';
import { useLoad, type Loaded } from '../../hooks';
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';
import type { DepartmentView } from '../../../../src/modules/departments/departments.schema.ts';
import type { Items } from '../../api-types';
import type { ContentOptions } from '../../../../src/modules/content/content.schema.ts';

let optionsPromise: Promise<ContentOptions> | null = null;

export function useContentOptions(): Loaded<ContentOptions> {
  return useLoad(() => {
    if (!optionsPromise) {
      optionsPromise = api.get<ContentOptions>('/api/content-options');
      optionsPromise.catch(() => {
        optionsPromise = null;
      });
    }
    return optionsPromise;
  }, []);
}

export interface ColumnIndex {
  roots: ColumnNode[];
  byId: Map<number, ColumnNode>;
  /** 工作动态 / 部门动态 */
  trail: (id: number) => string;
}

export function indexColumns(roots: ColumnNode[]): ColumnIndex {
  const byId = new Map<number, ColumnNode>();
  const walk = (list: ColumnNode[]) =>
    list.forEach((n) => {
      byId.set(n.id, n);
      walk(n.children ?? []);
    });
  walk(roots);
  const trail = (id: number) => {
    const names: string[] = [];
    for (let n = byId.get(id); n; n = n.parentId === null ? undefined : byId.get(n.parentId)) names.unshift(n.name);
    return names.join(' / ');
  };
  return { roots, byId, trail };
}

export function useColumnIndex(siteId: number | undefined): Loaded<ColumnIndex> {
  return useLoad(
    siteId ? () => api.get<Items<ColumnNode>>(`/api/sites/${siteId}/columns`).then((r) => indexColumns(r.items)) : null,
    [siteId],
  );
}

export function useDepartments(siteId: number | undefined): Loaded<DepartmentView[]> {
  return useLoad(
    siteId ? () => api.get<Items<DepartmentView>>(`/api/sites/${siteId}/departments`).then((r) => r.items) : null,
    [siteId],
  );
}
