// 分办规则 of 留言办理设置: a message of the rule's type (or any type) whose title or body holds one of its keywords
// goes straight to the rule's department; rules are tried in order, and a message no rule matches waits for the
// dispatcher.
import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { showError, showFormError, toastSuccess } from '../../feedback';
import { useLoad } from '../../hooks';
import type { RouteInput, RouteView } from '../../../../src/modules/interaction/interaction.schema';

interface RuleForm {
  category: string | null;
  keywords: string;
  departmentId: number;
  sort: number;
  enabled: boolean;
}

const ANY = '';

export function RoutingRules({
  siteId,
  editable,
  departmentOptions,
  categories,
}: {
  siteId: number | undefined;
  editable: boolean;
  departmentOptions: { value: number; label: string }[];
  categories: string[];
}) {
  const [editing, setEditing] = useState<RouteView | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<RuleForm>();
  const rules = useLoad(siteId ? () => api.get<RouteView[]>(`/api/sites/${siteId}/interaction/routes`) : null, [
    siteId,
  ]);
  const base = `/api/sites/${siteId}/interaction/routes`;

  const open = (r: RouteView | 'new') => {
    setEditing(r);
    form.setFieldsValue(
      r === 'new'
        ? { category: ANY, keywords: '', sort: (rules.data?.length ?? 0) * 10 + 10, enabled: true }
        : {
            category: r.category ?? ANY,
            keywords: r.keywords.join('，'),
            departmentId: r.departmentId,
            sort: r.sort,
            enabled: r.enabled,
          },
    );
  };
  const save = async () => {
    const v = await form.validateFields();
    const body: RouteInput = {
      category: v.category || null,
      keywords: v.keywords
        .split(/[,，、;；\s]+/)
        .map((k) => k.trim())
        .filter(Boolean),
      departmentId: v.departmentId,
      sort: v.sort,
      enabled: v.enabled,
    };
    setBusy(true);
    try {
      if (editing === 'new') await api.post(base, body);
      else if (editing) await api.put(`${base}/${editing.id}`, body);
      toastSuccess('分办规则已保存');
      setEditing(null);
      await rules.reload();
    } catch (err) {
      showFormError(form, err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (r: RouteView) => {
    try {
      await api.delete(`${base}/${r.id}`);
      toastSuccess('分办规则已删除');
      await rules.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<RouteView> = [
    { title: '顺序', dataIndex: 'sort', width: 70 },
    { title: '留言类型', dataIndex: 'category', width: 100, render: (v: string | null) => v ?? '任意' },
    {
      title: '关键词',
      dataIndex: 'keywords',
      render: (v: string[]) => v.map((k) => <Tag key={k}>{k}</Tag>),
    },
    { title: '承办部门', dataIndex: 'departmentName', width: 180 },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 80,
      render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    ...(editable
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 140,
            render: (_: unknown, r: RouteView) => (
              <Space>
                <Button size="small" onClick={() => open(r)} aria-label={`修改分办规则 ${r.departmentName}`}>
                  修改
                </Button>
                <Popconfirm title="删除这条分办规则？" okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                  <Button size="small" danger aria-label={`删除分办规则 ${r.departmentName}`}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title="分办规则"
      extra={
        editable ? (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
            新增规则
          </Button>
        ) : undefined
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={rules.loading}
        columns={columns}
        dataSource={rules.data ?? []}
        pagination={false}
        locale={{ emptyText: '没有分办规则：所有留言由分办部门分办' }}
      />
      <Modal
        title={editing === 'new' ? '新增分办规则' : '修改分办规则'}
        open={editing !== null}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="category" label="留言类型">
            <Select options={[{ value: ANY, label: '任意类型' }, ...categories.map((c) => ({ value: c, label: c }))]} />
          </Form.Item>
          <Form.Item
            name="keywords"
            label="关键词（用逗号或空格分隔；标题或内容含其中之一即分到此部门）"
            rules={[{ required: true, whitespace: true, message: '请填写关键词' }]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="departmentId" label="承办部门" rules={[{ required: true, message: '请选择承办部门' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} />
          </Form.Item>
          <Space size="large">
            <Form.Item name="sort" label="顺序（小的先匹配）">
              <InputNumber min={0} max={10000} />
            </Form.Item>
            <Form.Item name="enabled" label="启用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
