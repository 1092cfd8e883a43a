// The column tree of one site as the 栏目管理 page works on it: loading it with the departments and column
// types, which branches are open, what the dialog is doing, and moving and deleting columns (the tree moves at
// once and the server's answer then replaces it).
import { useEffect, useMemo, useState } from 'react';
import type { TreeProps } from 'antd';
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';
import type { DepartmentView } from '../../../../src/modules/departments/departments.schema.ts';
import { api } from '../../api';
import type { Items } from '../../api-types';
import type { ColumnTypesView as ColumnTypes } from '../../../../src/modules/columns/columns.schema.ts';
import { useBusy } from '../../components/busy';
import { modal, showError, toastSuccess } from '../../feedback';
import { useLoad } from '../../hooks';
import { dropTarget, idsWithChildren, indexTree, moveLocally, type Located, type MoveTarget } from './tree';

export type ColumnMode = { type: 'edit'; id: number } | { type: 'create'; parentId: number | null };

const withKey = (keys: number[], key: number) => (keys.includes(key) ? keys : [...keys, key]);

/** The tree of `siteId`; the page keys its workspace by site, so a new site starts afresh. */
export function useColumnTree(siteId: number | undefined) {
  const columns = useLoad(
    siteId ? () => api.get<Items<ColumnNode>>(`/api/sites/${siteId}/columns`).then((r) => r.items) : null,
    [siteId],
  );
  const departments = useLoad(
    siteId ? () => api.get<Items<DepartmentView>>(`/api/sites/${siteId}/departments`).then((r) => r.items) : null,
    [siteId],
  );
  const types = useLoad(() => api.get<ColumnTypes>('/api/column-types'), []);

  const [mode, setMode] = useState<ColumnMode | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const moving = useBusy();
  const [opened, setOpened] = useState(false);

  const roots = useMemo(() => columns.data ?? [], [columns.data]);
  const tree = useMemo(() => indexTree(roots), [roots]);
  const selected: Located | null = mode?.type === 'edit' ? (tree.get(mode.id) ?? null) : null;

  // The first time the tree arrives every branch is open.
  useEffect(() => {
    if (columns.data && !opened) {
      setOpened(true);
      setExpanded(idsWithChildren(columns.data));
    }
  }, [columns.data, opened]);

  const move = (dragId: number, to: MoveTarget) => {
    columns.setData(moveLocally(roots, dragId, to));
    if (to.parentId !== null) setExpanded((keys) => withKey(keys, to.parentId!));
    return moving.run(async () => {
      try {
        await api.post(`/api/columns/${dragId}/move`, to);
        toastSuccess('栏目位置已调整');
      } finally {
        await columns.reload();
      }
    });
  };

  const onDrop: TreeProps['onDrop'] = (info) => {
    const pos = String(info.node.pos ?? '').split('-');
    const relative = info.dropPosition - Number(pos[pos.length - 1]);
    const dropId = Number(info.node.key);
    const dropNode = tree.get(dropId)?.node;
    const into = !info.dropToGap || (relative === 1 && !!info.node.expanded && !!dropNode?.children?.length);
    const target = dropTarget(tree, Number(info.dragNode.key), dropId, relative, into);
    if (target) void move(Number(info.dragNode.key), target);
  };

  /** 上移 / 下移 among its siblings. */
  const shift = (delta: -1 | 1) => {
    if (!selected) return;
    const index = selected.index + delta;
    if (index < 0 || index >= selected.siblings.length) return;
    void move(selected.node.id, { parentId: selected.node.parentId, index });
  };

  const remove = () => {
    if (!selected) return;
    const { node } = selected;
    modal().confirm({
      title: `删除栏目“${node.name}”？`,
      content: '删除后公开网站上将不再显示此栏目。此操作不能撤销。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.delete(`/api/columns/${node.id}`);
          toastSuccess(`栏目“${node.name}”已删除`);
          setMode(node.parentId !== null ? { type: 'edit', id: node.parentId } : null);
          await columns.reload();
        } catch (err) {
          showError(err);
          await columns.reload();
        }
      },
    });
  };

  const createUnder = (parentId: number | null) => {
    setMode({ type: 'create', parentId });
    if (parentId !== null) setExpanded((keys) => withKey(keys, parentId));
  };

  /** Why 删除 is not possible now, or '' when it is. */
  const deleteReason = !selected
    ? '请先选择栏目'
    : (selected.node.children?.length ?? 0) > 0
      ? '栏目下还有子栏目，不能删除'
      : selected.node.contentCount > 0
        ? `栏目下还有 ${selected.node.contentCount} 条内容，不能删除`
        : '';

  /** The column the dialog's new or edited column sits under. */
  const parentOfDialog =
    mode?.type === 'create'
      ? mode.parentId !== null
        ? (tree.get(mode.parentId)?.node ?? null)
        : null
      : selected?.node.parentId != null
        ? (tree.get(selected.node.parentId)?.node ?? null)
        : null;

  return {
    columns,
    departments,
    types,
    roots,
    tree,
    mode,
    setMode,
    selected,
    expanded,
    setExpanded,
    busy: moving.busy,
    move,
    onDrop,
    shift,
    remove,
    createUnder,
    deleteReason,
    parentOfDialog,
  };
}

export type ColumnTree = ReturnType<typeof useColumnTree>;
