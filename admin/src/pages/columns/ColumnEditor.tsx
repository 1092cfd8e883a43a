// The column dialog (a card beside the tree): name, access path, type and form, link, full name, description,
// keywords, lead and cooperating departments, update cycle (附件1) and whether the column shows in navigation.
import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import type { ColumnKind } from '../../../../src/modules/columns/column-types.ts';
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';
import type { DepartmentView as Department } from '../../../../src/modules/departments/departments.schema.ts';
import { api } from '../../api';
import { useBusy } from '../../components/busy';
import type { ColumnTypesView as ColumnTypes } from '../../../../src/modules/columns/columns.schema.ts';
import { showFormError } from '../../feedback';
import { inputOf, MARKERS, newColumn, publicUrl, valuesOf, type ColumnValues } from './columnForm';
import type { ColumnMode } from './useColumnTree';

type ColumnTypeOption = ColumnTypes['items'][number];

const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;

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

export function ColumnEditor(props: {
  siteId: number;
  mode: ColumnMode;
  node: ColumnNode | null;
  parent: ColumnNode | null;
  types: ColumnTypeOption[];
  kinds: { value: ColumnKind; label: string }[];
  departments: Department[];
  onSaved: (node: ColumnNode, created: boolean) => void | Promise<void>;
  onCancel: () => void;
}) {
  const { siteId, mode, node, parent, types, departments } = props;
  const [form] = Form.useForm<ColumnValues>();
  const saving = useBusy();
  const creating = mode.type === 'create';
  // The values the dialog opens with; it is keyed by what it edits, so they are read once.
  const [initial] = useState<ColumnValues>(() => (node && !creating ? valuesOf(node) : newColumn(types, parent)));
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

  const submit = (values: ColumnValues) =>
    saving.run(
      async () => {
        const input = inputOf(values);
        const saved = creating
          ? await api.post<ColumnNode>(`/api/sites/${siteId}/columns`, { parentId: mode.parentId, ...input })
          : await api.put<ColumnNode>(`/api/columns/${node!.id}`, input);
        await props.onSaved(saved, creating);
      },
      { onError: (err) => showFormError(form, err, { maxUpdateDays: 'customDays' }) },
    );

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
      <Form<ColumnValues>
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
          <Button type="primary" htmlType="submit" loading={saving.busy}>
            保存
          </Button>
          <Button onClick={props.onCancel}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
