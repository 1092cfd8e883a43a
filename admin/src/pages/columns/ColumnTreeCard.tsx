// 栏目结构: the site's columns as a tree with their markers (* ★), hidden and link columns tagged; drag to move,
// click to edit.
import { useMemo } from 'react';
import { Button, Card, Empty, Space, Spin, Tag, Tooltip, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';
import { MARKERS } from './columnForm';
import { idsWithChildren } from './tree';
import type { ColumnTree } from './useColumnTree';

function NodeTitle({ node }: { node: ColumnNode }) {
  return (
    <span data-testid={`column-node-${node.id}`}>
      {node.name}
      {node.marker && (
        <Tooltip title={MARKERS[node.marker]}>
          <Tag
            color={node.marker === '*' ? 'error' : 'warning'}
            style={{ marginInlineStart: 6 }}
            aria-label={MARKERS[node.marker]}
          >
            {node.marker}
          </Tag>
        </Tooltip>
      )}
      {!node.visible && (
        <Tag style={{ marginInlineStart: 6 }} color="default">
          隐藏
        </Tag>
      )}
      {node.kind === 'link' && (
        <Tag style={{ marginInlineStart: 6 }} color="blue">
          外链
        </Tag>
      )}
    </span>
  );
}

const toTreeData = (list: ColumnNode[]): TreeDataNode[] =>
  list.map((n) => ({ key: n.id, title: <NodeTitle node={n} />, children: toTreeData(n.children ?? []) }));

export function ColumnTreeCard({ tree }: { tree: ColumnTree }) {
  const { roots, columns, busy, expanded, setExpanded, mode, setMode, onDrop } = tree;
  const treeData = useMemo(() => toTreeData(roots), [roots]);
  return (
    <Card
      title="栏目结构"
      size="small"
      extra={
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setExpanded(idsWithChildren(roots))}>
            全部展开
          </Button>
          <Button size="small" type="link" onClick={() => setExpanded([])}>
            全部收起
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        拖动栏目可调整顺序或上级栏目；也可选中后使用“上移”“下移”“移动到…”。
      </Typography.Paragraph>
      <Spin spinning={columns.loading || busy}>
        <div style={{ maxHeight: 'calc(100vh - 300px)', minHeight: 240, overflow: 'auto' }}>
          {roots.length === 0 && !columns.loading ? (
            <Empty description="还没有栏目，请先新建一级栏目" />
          ) : (
            <Tree
              className="column-tree"
              aria-label="栏目结构"
              data-testid="column-tree"
              treeData={treeData}
              draggable={{ icon: false }}
              blockNode
              showLine
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(Number))}
              selectedKeys={mode?.type === 'edit' ? [mode.id] : []}
              onSelect={(keys) => {
                if (keys.length) setMode({ type: 'edit', id: Number(keys[0]) });
              }}
              onDrop={onDrop}
            />
          )}
        </div>
      </Spin>
    </Card>
  );
}
