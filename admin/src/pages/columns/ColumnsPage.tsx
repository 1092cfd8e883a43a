import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Tooltip,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import type { TreeDataNode, TreeProps } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  ExportOutlined,
  PlusOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { api } from '../../api';
import { modal, showError, showFormError, toastSuccess } from '../../feedback';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import {
  descendantIds,
  dropTarget,
  idsWithChildren,
  indexTree,
  moveLocally,
  type Located,
  type MoveTarget,
} from './tree';
import { COLUMN_KINDS, type ColumnKind, type ColumnType } from '../../../../src/modules/columns/column-types.ts';
import type { ColumnNode, ColumnUpdate as ColumnInput } from '../../../../src/modules/columns/columns.schema.ts';
import type { DepartmentView as Department } from '../../../../src/modules/departments/departments.schema.ts';
import type { ColumnTypes, Items } from '../../api-types';

type ColumnTypeOption = ColumnTypes['items'][number];

// The server's names of the column kinds; GET /api/column-types also sends `kinds`, which win when present.
const KIND_OPTIONS = Object.entries(COLUMN_KINDS).map(([value, label]) => ({ value: value as ColumnKind, label }));

const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

const MARKERS: Record<string, string> = {
  '*': '重点栏目：更新周期最长 2 周',
  '★': '重点栏目：更新周期最长 6 个月',
};

type Cycle = 'none' | '14' | '183' | 'custom';

interface FormValues {
  name: string;
  fullName: string;
  slug: string;
  columnType: ColumnType;
  kind: ColumnKind;
  linkUrl: string;
  description: string;
  keywords: string;
  visible: boolean;
  leadDepartmentId: number | undefined;
  cooperatingDepartmentIds: number[];
  openCooperation: boolean;
  cycle: Cycle;
  customDays: number | null;
}

type Mode = { type: 'edit'; id: number } | { type: 'create'; parentId: number | null };

const cycleOf = (days: number | null): Pick<FormValues, 'cycle' | 'customDays'> =>
  days === null
    ? { cycle: 'none', customDays: null }
    : days === 14 || days === 183
      ? { cycle: String(days) as Cycle, customDays: null }
      : { cycle: 'custom', customDays: days };

// The column view names its type and kind as plain strings; they are the server's ColumnType and ColumnKind.
const valuesOf = (n: ColumnNode): FormValues => ({
  name: n.name,
  fullName: n.fullName ?? '',
  slug: n.slug,
  columnType: n.columnType as ColumnType,
  kind: n.kind as ColumnKind,
  linkUrl: n.linkUrl ?? '',
  description: n.description ?? '',
  keywords: Array.isArray(n.keywords) ? (n.keywords as string[]).join('，') : (n.keywords ?? ''),
  visible: n.visible,
  leadDepartmentId: n.leadDepartmentId ?? undefined,
  cooperatingDepartmentIds: n.cooperatingDepartmentIds ?? [],
  openCooperation: n.openCooperation,
  ...cycleOf(n.maxUpdateDays),
});

function inputOf(v: FormValues): ColumnInput {
  const maxUpdateDays = v.cycle === 'none' ? null : v.cycle === 'custom' ? (v.customDays ?? null) : Number(v.cycle);
  return {
    name: v.name.trim(),
    fullName: v.fullName.trim() || null,
    slug: v.slug.trim(),
    columnType: v.columnType,
    kind: v.kind,
    ...(v.kind === 'link' ? { linkUrl: v.linkUrl.trim() } : { linkUrl: null }),
    description: v.description.trim(),
    keywords: v.keywords.trim(),
    visible: v.visible,
    leadDepartmentId: v.leadDepartmentId ?? null,
    cooperatingDepartmentIds: v.cooperatingDepartmentIds.filter((id) => id !== v.leadDepartmentId),
    openCooperation: v.openCooperation,
    maxUpdateDays,
  };
}

/** Public URL of a column: always site-relative, never `//host`. */
const publicUrl = (path: string) => `/${path.replace(/^\/+/, '')}`;

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

export default function ColumnsPage() {
  usePageTitle('栏目管理');
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  const siteId = site?.id;
  // Tagged with its site so a tree still on screen from the previous site is never taken for the new one.
  const columns = useLoad(
    siteId
      ? () => api.get<Items<ColumnNode>>(`/api/sites/${siteId}/columns`).then((r) => ({ siteId, items: r.items }))
      : null,
    [siteId],
  );
  const departments = useLoad(
    siteId ? () => api.get<Items<Department>>(`/api/sites/${siteId}/departments`).then((r) => r.items) : null,
    [siteId],
  );
  const types = useLoad(() => api.get<ColumnTypes>('/api/column-types'), []);

  const [mode, setMode] = useState<Mode | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [moveOpen, setMoveOpen] = useState(false);
  // Bumped after a save so the editor re-reads the column as the server stored it.
  const [version, setVersion] = useState(0);
  const expandedFor = useRef<number | null>(null);

  const current = columns.data && columns.data.siteId === siteId ? columns.data : null;
  const roots = useMemo(() => current?.items ?? [], [current]);
  const tree = useMemo(() => indexTree(roots), [roots]);
  const treeData = useMemo(() => toTreeData(roots), [roots]);
  const selected: Located | null = mode?.type === 'edit' ? (tree.get(mode.id) ?? null) : null;

  // A new site: start with every branch open and nothing selected.
  useEffect(() => {
    setMode(null);
    setExpanded([]);
    expandedFor.current = null;
  }, [siteId]);
  useEffect(() => {
    if (current && expandedFor.current !== current.siteId) {
      expandedFor.current = current.siteId;
      setExpanded(idsWithChildren(current.items));
    }
  }, [current]);

  const move = async (dragId: number, to: MoveTarget) => {
    if (current) columns.setData({ ...current, items: moveLocally(current.items, dragId, to) });
    if (to.parentId !== null) setExpanded((keys) => (keys.includes(to.parentId!) ? keys : [...keys, to.parentId!]));
    setBusy(true);
    try {
      await api.post(`/api/columns/${dragId}/move`, to);
      toastSuccess('栏目位置已调整');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
      await columns.reload();
    }
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

  const deleteBlocked = selected ? (selected.node.children?.length ?? 0) > 0 || selected.node.contentCount > 0 : true;
  const deleteReason = selected
    ? (selected.node.children?.length ?? 0) > 0
      ? '栏目下还有子栏目，不能删除'
      : selected.node.contentCount > 0
        ? `栏目下还有 ${selected.node.contentCount} 条内容，不能删除`
        : ''
    : '请先选择栏目';

  const createUnder = (parentId: number | null) => {
    setMode({ type: 'create', parentId });
    if (parentId !== null) setExpanded((keys) => (keys.includes(parentId) ? keys : [...keys, parentId]));
  };

  const editorKey = mode ? `${mode.type}:${mode.type === 'edit' ? mode.id : mode.parentId}:${version}` : 'none';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          栏目管理
        </Typography.Title>
        {sites.data && <SiteSelect sites={sites.data} value={site} onChange={chooseSite} />}
      </Space>
      <Space wrap>
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => createUnder(null)} disabled={!site}>
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
        <Tooltip title={deleteBlocked ? deleteReason : ''}>
          <span>
            <Button danger icon={<DeleteOutlined aria-hidden />} onClick={remove} disabled={deleteBlocked || busy}>
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
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {mode && (mode.type === 'create' || selected) && site ? (
            <ColumnEditor
              key={editorKey}
              siteId={site.id}
              mode={mode}
              node={selected?.node ?? null}
              parent={
                mode.type === 'create'
                  ? mode.parentId !== null
                    ? (tree.get(mode.parentId)?.node ?? null)
                    : null
                  : selected?.node.parentId != null
                    ? (tree.get(selected.node.parentId)?.node ?? null)
                    : null
              }
              types={types.data?.items ?? []}
              kinds={types.data?.kinds?.length ? types.data.kinds : KIND_OPTIONS}
              departments={departments.data ?? []}
              onSaved={async (saved, created) => {
                await columns.reload();
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
          roots={roots}
          tree={tree}
          onCancel={() => setMoveOpen(false)}
          onMove={(to) => {
            setMoveOpen(false);
            void move(selected.node.id, to);
          }}
        />
      )}
    </Space>
  );
}

function departmentOptions(departments: Department[]) {
  return departments
    .filter((d) => d.mergedIntoId === null)
    .sort((a, b) => a.sort - b.sort || a.id - b.id)
    .map((d) => ({ value: d.id, label: d.name, search: [d.name, ...d.aliases].join(' ') }));
}

const searchDepartments = {
  filterOption: (input: string, option?: { search?: string }) =>
    !!option?.search?.toLowerCase().includes(input.trim().toLowerCase()),
};

function ColumnEditor(props: {
  siteId: number;
  mode: Mode;
  node: ColumnNode | null;
  parent: ColumnNode | null;
  types: ColumnTypeOption[];
  kinds: { value: ColumnKind; label: string }[];
  departments: Department[];
  onSaved: (node: ColumnNode, created: boolean) => void | Promise<void>;
  onCancel: () => void;
}) {
  const { siteId, mode, node, parent, types, departments } = props;
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const creating = mode.type === 'create';
  const initial: FormValues = useMemo(
    () =>
      node && !creating
        ? valuesOf(node)
        : {
            name: '',
            fullName: '',
            slug: '',
            columnType: ((types.find((t) => t.value === '其他') ?? types[0])?.value ?? '其他') as ColumnType,
            kind: 'list',
            linkUrl: '',
            description: '',
            keywords: '',
            visible: true,
            leadDepartmentId: parent?.leadDepartmentId ?? undefined,
            cooperatingDepartmentIds: [],
            openCooperation: false,
            cycle: 'none',
            customDays: null,
          },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const deptOptions = useMemo(() => departmentOptions(departments), [departments]);
  const typeOptions = useMemo(() => {
    const list = types.map((t) => ({ value: t.value, label: t.label }));
    if (initial.columnType && !list.some((t) => t.value === initial.columnType))
      list.push({ value: initial.columnType, label: initial.columnType });
    return list;
  }, [types, initial.columnType]);
  const kind = Form.useWatch('kind', form);
  const cycle = Form.useWatch('cycle', form);
  const lead = Form.useWatch('leadDepartmentId', form);

  const submit = async (values: FormValues) => {
    setSaving(true);
    try {
      const input = inputOf(values);
      const saved = creating
        ? await api.post<ColumnNode>(`/api/sites/${siteId}/columns`, { parentId: mode.parentId, ...input })
        : await api.put<ColumnNode>(`/api/columns/${node!.id}`, input);
      await props.onSaved(saved, creating);
    } catch (err) {
      showFormError(form, err, { maxUpdateDays: 'customDays' });
    } finally {
      setSaving(false);
    }
  };

  const title = creating ? (parent ? `在“${parent.name}”下新建栏目` : '新建一级栏目') : `编辑栏目：${node?.name ?? ''}`;

  return (
    <Card
      title={title}
      size="small"
      extra={
        !creating && node ? (
          <a href={publicUrl(node.path)} target="_blank" rel="noopener noreferrer">
            在网站上查看 <ExportOutlined aria-hidden />
            <span className="sr-only">（在新窗口打开）</span>
          </a>
        ) : null
      }
    >
      {!creating && node && (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
          {node.fullName && <Descriptions.Item label="栏目全称">{node.fullName}</Descriptions.Item>}
          <Descriptions.Item label="网址路径">
            <Typography.Text code>{publicUrl(node.path)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="内容数">{node.contentCount}</Descriptions.Item>
          {node.marker && (
            <Descriptions.Item label="标记">{`${node.marker} ${MARKERS[node.marker] ?? ''}`}</Descriptions.Item>
          )}
        </Descriptions>
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        data-testid="column-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label="栏目名称"
              name="name"
              rules={[{ required: true, whitespace: true, message: '请输入栏目名称' }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="访问路径"
              name="slug"
              rules={[
                { required: true, whitespace: true, message: '请输入访问路径' },
                { pattern: SLUG_PATTERN, message: '只能使用小写字母、数字和连字符，且不能以连字符开头，最长 48 位' },
              ]}
              extra={
                parent
                  ? `小写字母、数字和连字符；网址为 ${publicUrl(parent.path).replace(/\/$/, '')}/访问路径`
                  : '小写字母、数字和连字符，如 tzgg'
              }
            >
              <Input maxLength={48} spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="栏目类型" name="columnType" rules={[{ required: true, message: '请选择栏目类型' }]}>
              <Select options={typeOptions} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="栏目形式" name="kind" rules={[{ required: true, message: '请选择栏目形式' }]}>
              <Select options={props.kinds} />
            </Form.Item>
          </Col>
          {kind === 'link' && (
            <Col span={24}>
              <Form.Item
                label="链接地址"
                name="linkUrl"
                rules={[
                  { required: true, whitespace: true, message: '外部链接栏目须填写链接地址' },
                  { pattern: /^(https?:\/\/|\/)/, message: '链接地址应以 http://、https:// 或 / 开头' },
                ]}
              >
                <Input maxLength={500} spellCheck={false} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item label="栏目全称" name="fullName" extra="可选；与栏目名称不同时填写，如“市政务办通知公告”">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="栏目描述" name="description">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="关键词" name="keywords" extra="多个关键词用逗号分隔">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="牵头部门" name="leadDepartmentId">
              <Select allowClear options={deptOptions} showSearch={searchDepartments} placeholder="选择牵头部门" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="配合部门" name="cooperatingDepartmentIds">
              <Select
                mode="multiple"
                allowClear
                options={deptOptions.filter((o) => o.value !== lead)}
                showSearch={searchDepartments}
                placeholder="选择配合部门"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="openCooperation"
              valuePropName="checked"
              extra="勾选表示由牵头部门指定的相关处室、事业单位均可配合"
            >
              <Checkbox>相关处室、事业单位</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label="更新周期" name="cycle">
              <Radio.Group
                options={[
                  { value: 'none', label: '不要求' },
                  { value: '14', label: '14 天' },
                  { value: '183', label: '183 天' },
                  { value: 'custom', label: '自定义' },
                ]}
              />
            </Form.Item>
          </Col>
          {cycle === 'custom' && (
            <Col xs={24} md={8}>
              <Form.Item label="自定义天数" name="customDays" rules={[{ required: true, message: '请输入天数' }]}>
                <InputNumber min={1} max={3650} precision={0} suffix="天" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Space align="center" style={{ marginBottom: 24 }}>
              <Form.Item name="visible" valuePropName="checked" noStyle>
                <Switch id="column-visible" />
              </Form.Item>
              <label htmlFor="column-visible">在网站导航中显示</label>
            </Space>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
          <Button onClick={props.onCancel}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

function MoveDialog(props: {
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
