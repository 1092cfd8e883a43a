// 移动到…: a column's new parent (not itself or one of its own sub-columns) and whether it goes first or last.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Modal, Radio, Space, TreeSelect } from 'antd';
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';
import { descendantIds, type Located, type MoveTarget } from './tree';

export function MoveDialog(props: {
  open: boolean;
  node: ColumnNode;
  roots: ColumnNode[];
  tree: Map<number, Located>;
  onCancel: () => void;
  onMove: (to: MoveTarget) => void;
}) {
  const { node, roots, tree } = props;
  const ROOT = 0;
  const [parent, setParent] = useState<number>(node.parentId ?? ROOT);
  const [position, setPosition] = useState<'first' | 'last'>('last');
  useEffect(() => {
    if (props.open) {
      setParent(node.parentId ?? ROOT);
      setPosition('last');
    }
  }, [props.open, node]);
  const excluded = useMemo(() => descendantIds(node), [node]);
  const options = useMemo(() => {
    interface Option {
      value: number;
      title: string;
      disabled: boolean;
      children: Option[];
    }
    const map = (list: ColumnNode[]): Option[] =>
      list.map((n) => ({ value: n.id, title: n.name, disabled: excluded.has(n.id), children: map(n.children ?? []) }));
    return [{ value: ROOT, title: '（作为一级栏目）', disabled: false, children: [] }, ...map(roots)];
  }, [roots, excluded]);

  const submit = () => {
    const parentId = parent === ROOT ? null : parent;
    const children = parentId === null ? roots : (tree.get(parentId)?.node.children ?? []);
    const others = children.filter((c) => c.id !== node.id);
    props.onMove({ parentId, index: position === 'first' ? 0 : others.length });
  };

  return (
    <Modal title={`移动栏目“${node.name}”`} open={props.open} onCancel={props.onCancel} onOk={submit} okText="移动">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label htmlFor="move-parent">新的上级栏目</label>
        <TreeSelect
          id="move-parent"
          style={{ width: '100%' }}
          value={parent}
          onChange={(v: number) => setParent(v)}
          treeData={options}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: 'title' }}
        />
        <Radio.Group
          aria-label="位置"
          value={position}
          onChange={(e) => setPosition(e.target.value as 'first' | 'last')}
          options={[
            { value: 'first', label: '放在最前' },
            { value: 'last', label: '放在最后' },
          ]}
        />
        {excluded.size > 1 && <Alert type="info" showIcon title="不能移动到栏目自身或其下级栏目之下" />}
      </Space>
    </Modal>
  );
}
