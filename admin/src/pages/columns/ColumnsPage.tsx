// 栏目管理: the site's column tree (附件1) — create, edit, move (drag, 上移/下移, 移动到…) and delete columns, with
// their lead and cooperating departments and update cycles.
import { Button, Card, Col, Empty, Row, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { COLUMN_KINDS, type ColumnKind } from '../../../../src/modules/columns/column-types.ts';
import { SitePageHeader } from '../../components/PageHeader';
import { toastSuccess } from '../../feedback';
import { usePageTitle, useSiteScope } from '../../hooks';
import { ColumnEditor } from './ColumnEditor';
import { ColumnTreeCard } from './ColumnTreeCard';
import { MoveDialog } from './MoveDialog';
import { useColumnTree } from './useColumnTree';

// The server's names of the column kinds; GET /api/column-types also sends `kinds`, which win when present.
const KIND_OPTIONS = Object.entries(COLUMN_KINDS).map(([value, label]) => ({ value: value as ColumnKind, label }));

export default function ColumnsPage() {
  usePageTitle('栏目管理');
  const scope = useSiteScope();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="栏目管理" scope={scope} />
      {/* Keyed by site: another site starts with its tree fully open and nothing selected. */}
      <ColumnsWorkspace key={scope.siteId ?? 0} siteId={scope.siteId} />
    </Space>
  );
}

function ColumnsWorkspace({ siteId }: { siteId: number | undefined }) {
  const tree = useColumnTree(siteId);
  const { mode, setMode, selected, busy, createUnder, shift, remove, deleteReason, types } = tree;
  const [moveOpen, setMoveOpen] = useState(false);
  // Bumped after a save so the editor re-reads the column as the server stored it.
  const [version, setVersion] = useState(0);
  const editorKey = mode ? `${mode.type}:${mode.type === 'edit' ? mode.id : mode.parentId}:${version}` : 'none';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => createUnder(null)} disabled={!siteId}>
          新建一级栏目
        </Button>
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => selected && createUnder(selected.node.id)}
          disabled={!selected}
        >
          新建下级栏目
        </Button>
        <Tooltip title={deleteReason}>
          <span>
            <Button danger icon={<DeleteOutlined aria-hidden />} onClick={remove} disabled={!!deleteReason || busy}>
              删除
            </Button>
          </span>
        </Tooltip>
        <Button
          icon={<ArrowUpOutlined aria-hidden />}
          onClick={() => shift(-1)}
          disabled={!selected || selected.index === 0 || busy}
        >
          上移
        </Button>
        <Button
          icon={<ArrowDownOutlined aria-hidden />}
          onClick={() => shift(1)}
          disabled={!selected || selected.index === selected.siblings.length - 1 || busy}
        >
          下移
        </Button>
        <Button icon={<SwapOutlined aria-hidden />} onClick={() => setMoveOpen(true)} disabled={!selected || busy}>
          移动到…
        </Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <ColumnTreeCard tree={tree} />
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {mode && (mode.type === 'create' || selected) && siteId ? (
            <ColumnEditor
              key={editorKey}
              siteId={siteId}
              mode={mode}
              node={selected?.node ?? null}
              parent={tree.parentOfDialog}
              types={types.data?.items ?? []}
              kinds={types.data?.kinds?.length ? types.data.kinds : KIND_OPTIONS}
              departments={tree.departments.data ?? []}
              onSaved={async (saved, created) => {
                await tree.columns.reload();
                setVersion((v) => v + 1);
                setMode({ type: 'edit', id: saved.id });
                toastSuccess(created ? `栏目“${saved.name}”已创建` : '栏目已保存');
              }}
              onCancel={() =>
                setMode(mode.type === 'create' && mode.parentId !== null ? { type: 'edit', id: mode.parentId } : null)
              }
            />
          ) : (
            <Card>
              <Empty description="在左侧选择一个栏目进行编辑，或新建栏目" />
            </Card>
          )}
        </Col>
      </Row>
      {selected && (
        <MoveDialog
          open={moveOpen}
          node={selected.node}
          roots={tree.roots}
          tree={tree.tree}
          onCancel={() => setMoveOpen(false)}
          onMove={(to) => {
            setMoveOpen(false);
            void tree.move(selected.node.id, to);
          }}
        />
      )}
    </Space>
  );
}
