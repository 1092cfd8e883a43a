// 事项目录: the site's service items (事项公开) with their guide's state; create and edit items, cancel and restore
// them, export the catalogue to Excel and import it back; and, in the other tabs, the integrated services (一件事),
// the departments' registered numbers and the vague-word dictionary the guide check uses.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import {
  AUDIENCES,
  GUIDE_STATE_NAMES,
  ITEM_TYPES,
  SERVICE_THEMES,
  type ImportResult,
  type ItemInput,
  type ItemView,
} from './types';
import { ThemesTab } from './ThemesTab';
import { ContactsTab, VagueWordsTab } from './SettingsTabs';

interface Department {
  id: number;
  name: string;
}

function ItemForm({ departments }: { departments: Department[] }) {
  return (
    <>
      <Form.Item
        name="code"
        label="事项编码"
        rules={[
          { required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9-]{3,59}$/, message: '字母、数字和短横线，4 至 60 位' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="name" label="事项名称" rules={[{ required: true, min: 2 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="type" label="事项类型" rules={[{ required: true }]}>
          <Select style={{ width: 160 }} options={ITEM_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item name="audiences" label="服务对象" rules={[{ required: true }]}>
          <Select mode="multiple" style={{ width: 200 }} options={AUDIENCES.map((a) => ({ value: a, label: a }))} />
        </Form.Item>
        <Form.Item name="theme" label="主题分类" rules={[{ required: true }]}>
          <Select style={{ width: 160 }} showSearch options={SERVICE_THEMES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
      </Space>
      <Form.Item name="departmentId" label="实施部门" rules={[{ required: true }]}>
        <Select
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          showSearch
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item name="events" label="人生/企业事件">
        <Select mode="tags" tokenSeparators={['、', '，', ',']} />
      </Form.Item>
      <Form.Item
        name="keywords"
        label="搜索关键词"
        extra="群众搜索这些词时，搜索结果上方显示本事项及其“在线办理”入口。"
      >
        <Select mode="tags" tokenSeparators={['、', '，', ',']} />
      </Form.Item>
      <Form.Item name="sort" label="排序">
        <InputNumber min={0} max={100000} />
      </Form.Item>
    </>
  );
}

export default function ServiceItemsPage() {
  usePageTitle('事项目录');
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  const siteId = site?.id;
  const items = useLoad(
    siteId ? () => api.get<{ items: ItemView[] }>(`/api/sites/${siteId}/services/items`).then((r) => r.items) : null,
    [siteId],
  );
  const departments = useLoad(
    siteId ? () => api.get<{ items: Department[] }>(`/api/sites/${siteId}/departments`).then((r) => r.items) : null,
    [siteId],
  );
  const [editing, setEditing] = useState<ItemView | 'new' | null>(null);
  const [withdrawing, setWithdrawing] = useState<ItemView | null>(null);
  const [reason, setReason] = useState('');
  const [query, setQuery] = useState('');
  const [form] = Form.useForm<ItemInput>();

  const open = (item: ItemView | 'new') => {
    form.resetFields();
    if (item !== 'new')
      form.setFieldsValue({
        code: item.code,
        name: item.name,
        type: item.type as ItemInput['type'],
        audiences: item.audiences as ItemInput['audiences'],
        theme: item.theme as ItemInput['theme'],
        departmentId: item.departmentId,
        events: item.events,
        keywords: item.keywords,
        sort: item.sort,
      });
    setEditing(item);
  };

  const save = async (values: ItemInput) => {
    if (!siteId || !editing) return;
    const body = { ...values, events: values.events ?? [], keywords: values.keywords ?? [] };
    try {
      if (editing === 'new') await api.post(`/api/sites/${siteId}/services/items`, body);
      else await api.put(`/api/sites/${siteId}/services/items/${editing.id}`, body);
      toastSuccess(`事项“${values.name}”已保存`);
      setEditing(null);
      await items.reload();
    } catch (err) {
      showError(err);
    }
  };

  const withdraw = async () => {
    if (!siteId || !withdrawing) return;
    try {
      await api.post(`/api/sites/${siteId}/services/items/${withdrawing.id}/withdraw`, { reason });
      toastSuccess(`事项“${withdrawing.name}”已取消，已发布的办事指南同时撤下`);
      setWithdrawing(null);
      setReason('');
      await items.reload();
    } catch (err) {
      showError(err);
    }
  };

  const restore = async (item: ItemView) => {
    try {
      await api.post(`/api/sites/${siteId}/services/items/${item.id}/restore`);
      toastSuccess(`事项“${item.name}”已恢复`);
      await items.reload();
    } catch (err) {
      showError(err);
    }
  };

  const importFile = async (file: File) => {
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await api.upload<ImportResult>(`/api/sites/${siteId}/services/catalogue/import`, body);
      toastSuccess(`导入完成：新增 ${r.created} 项，更新 ${r.updated} 项，未变 ${r.unchanged} 项`);
      await items.reload();
    } catch (err) {
      showError(err);
    }
    return false;
  };

  const shown = (items.data ?? []).filter(
    (i) => !query || [i.name, i.code, i.departmentName, i.theme, ...i.keywords].some((t) => t.includes(query)),
  );
  const columns: TableColumnsType<ItemView> = [
    { title: '事项编码', dataIndex: 'code', width: 180 },
    {
      title: '事项名称',
      key: 'name',
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/services/items/${i.id}`}>{i.name}</Link>
          <Typography.Text type="secondary">
            {i.type}｜{i.audiences.join('、')}｜{i.theme}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '实施部门', dataIndex: 'departmentName', width: 140 },
    {
      title: '办事指南',
      key: 'guide',
      width: 170,
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <Tag color={GUIDE_STATE_NAMES[i.guideState]?.color}>{GUIDE_STATE_NAMES[i.guideState]?.label}</Tag>
          {i.online ? <Typography.Text type="secondary">可在线办理</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (s: string) => (s === 'active' ? <Tag color="green">在用</Tag> : <Tag>已取消</Tag>),
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, i) => (
        <Space>
          <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => open(i)}>
            修改
          </Button>
          <Link to={`/services/items/${i.id}`}>编写指南</Link>
          {i.status === 'active' ? (
            <Button size="small" danger onClick={() => setWithdrawing(i)}>
              取消
            </Button>
          ) : (
            <Button size="small" onClick={() => void restore(i)}>
              恢复
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const catalogue = (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="按名称、编码、部门、关键词查找"
          allowClear
          onSearch={setQuery}
          style={{ width: 300 }}
          aria-label="查找事项"
        />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
          新增事项
        </Button>
        <Button icon={<DownloadOutlined aria-hidden />} href={`/api/sites/${siteId}/services/catalogue.xlsx`}>
          导出 Excel
        </Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => importFile(f)}>
          <Button icon={<UploadOutlined aria-hidden />}>导入 Excel</Button>
        </Upload>
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={items.loading}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 20 }}
      />
    </>
  );

  return (
    <div data-testid="services-items">
      <Space style={{ marginBottom: 16 }} align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          事项目录
        </Typography.Title>
        <SiteSelect sites={sites.data ?? []} value={site} onChange={chooseSite} />
      </Space>
      {siteId ? (
        <Tabs
          items={[
            { key: 'items', label: '事项', children: catalogue },
            { key: 'themes', label: '一件事', children: <ThemesTab siteId={siteId} items={items.data ?? []} /> },
            { key: 'contacts', label: '部门登记电话', children: <ContactsTab siteId={siteId} /> },
            { key: 'words', label: '含糊表述词库', children: <VagueWordsTab siteId={siteId} /> },
          ]}
        />
      ) : null}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增事项' : '修改事项'}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        width={640}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          initialValues={{ audiences: ['自然人'], events: [], keywords: [], sort: 0 }}
        >
          <ItemForm departments={departments.data ?? []} />
        </Form>
      </Modal>
      <Modal
        open={withdrawing !== null}
        title={`取消事项：${withdrawing?.name ?? ''}`}
        onCancel={() => setWithdrawing(null)}
        onOk={() => void withdraw()}
        okText="确认取消"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
      >
        <p>取消后事项不再公开，已发布的办事指南同时撤下（记录保留）。</p>
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="取消理由，如：事项已调整至其他部门"
          aria-label="取消理由"
        />
      </Modal>
    </div>
  );
}
