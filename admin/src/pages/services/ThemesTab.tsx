// 一件事: integrated services bundling several items, with their flow chart steps, published by the site
// administrator; the public page merges the items' materials and takes one application for all of them.
import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { useLoad } from '../../hooks';
import type { ItemView, ThemeInput, ThemeView } from './types';

export function ThemesTab({ siteId, items }: { siteId: number; items: ItemView[] }) {
  const themes = useLoad(
    () => api.get<{ themes: ThemeView[] }>(`/api/sites/${siteId}/services/themes`).then((r) => r.themes),
    [siteId],
  );
  const [editing, setEditing] = useState<ThemeView | 'new' | null>(null);
  const [form] = Form.useForm<ThemeInput>();
  const options = items.filter((i) => i.status === 'active').map((i) => ({ value: i.id, label: i.name }));
  const name = (id: number) => items.find((i) => i.id === id)?.name ?? `#${id}`;

  const open = (t: ThemeView | 'new') => {
    form.resetFields();
    form.setFieldsValue(
      t === 'new'
        ? {
            audience: '法人',
            itemIds: [],
            flow: [{ title: '', detail: '', itemIds: [] }],
            keywords: [],
            description: '',
          }
        : {
            slug: t.slug,
            name: t.name,
            audience: t.audience as ThemeInput['audience'],
            description: t.description,
            itemIds: t.itemIds,
            flow: t.flow,
            keywords: t.keywords,
          },
    );
    setEditing(t);
  };
  const save = async (values: ThemeInput) => {
    const body = {
      ...values,
      keywords: values.keywords ?? [],
      flow: (values.flow ?? []).map((s) => ({ ...s, detail: s.detail ?? '', itemIds: s.itemIds ?? [] })),
    };
    try {
      if (editing === 'new') await api.post(`/api/sites/${siteId}/services/themes`, body);
      else if (editing) await api.put(`/api/sites/${siteId}/services/themes/${editing.id}`, body);
      toastSuccess(`“${values.name}”已保存`);
      setEditing(null);
      await themes.reload();
    } catch (err) {
      showError(err);
    }
  };
  const publish = async (t: ThemeView, on: boolean) => {
    try {
      await api.post(`/api/sites/${siteId}/services/themes/${t.id}/${on ? 'publish' : 'withdraw'}`);
      toastSuccess(on ? `“${t.name}”已发布` : `“${t.name}”已撤下`);
      await themes.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<ThemeView> = [
    { title: '名称', dataIndex: 'name' },
    { title: '包含事项', key: 'items', render: (_, t) => t.itemIds.map(name).join('、') },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: string) => (
        <Tag color={s === 'published' ? 'green' : 'default'}>
          {s === 'published' ? '已发布' : s === 'draft' ? '草稿' : '已撤下'}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, t) => (
        <Space>
          <Button size="small" onClick={() => open(t)}>
            修改
          </Button>
          <Button size="small" onClick={() => void publish(t, t.status !== 'published')}>
            {t.status === 'published' ? '撤下' : '发布'}
          </Button>
          <a href={t.publicPath} target="_blank" rel="noreferrer">
            查看
          </a>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined aria-hidden />}
        onClick={() => open('new')}
        style={{ marginBottom: 16 }}
      >
        新增一件事
      </Button>
      <Table
        rowKey="id"
        size="middle"
        loading={themes.loading}
        columns={columns}
        dataSource={themes.data ?? []}
        pagination={false}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增一件事' : '修改一件事'}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Space wrap>
            <Form.Item name="name" label="名称" rules={[{ required: true, min: 2 }]}>
              <Input style={{ width: 260 }} placeholder="如：企业开办一件事" />
            </Form.Item>
            <Form.Item
              name="slug"
              label="访问路径"
              rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,58}$/, message: '小写字母、数字、短横线' }]}
            >
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="audience" label="服务对象" rules={[{ required: true }]}>
              <Select style={{ width: 120 }} options={['自然人', '法人'].map((a) => ({ value: a, label: a }))} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label="说明">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="itemIds"
            label="包含的事项（按办理顺序）"
            rules={[{ required: true, type: 'array', min: 2, message: '至少 2 个事项' }]}
          >
            <Select mode="multiple" options={options} optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="keywords" label="搜索关键词">
            <Select mode="tags" tokenSeparators={['、', '，', ',']} />
          </Form.Item>
          <Form.List name="flow">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, n) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'title']} label={`流程第 ${n + 1} 步`} rules={[{ required: true }]}>
                      <Input style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'detail']} label="说明">
                      <Input style={{ width: 220 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'itemIds']} label="涉及事项">
                      <Select mode="multiple" style={{ width: 200 }} options={options} optionFilterProp="label" />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={`删除第 ${n + 1} 步`} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button onClick={() => add({ title: '', detail: '', itemIds: [] })} icon={<PlusOutlined aria-hidden />}>
                  增加流程环节
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
