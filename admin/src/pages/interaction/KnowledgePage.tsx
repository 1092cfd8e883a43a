// 问答知识库: each department's 承办人 keeps its question/answer pairs (other ways of asking, keywords); its 审核人
// publishes them to the smart Q&A or takes them down. A changed answer goes back to 草稿 until published again.
import { useState } from 'react';
import { Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { useAuth } from '../../auth';
import { SitePageHeader } from '../../components/PageHeader';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import type { PairInput, PairView } from '../../../../src/modules/interaction/interaction.schema';

const STATUS_COLOR: Record<string, string> = { draft: 'orange', published: 'green', withdrawn: 'default' };

export default function KnowledgePage() {
  usePageTitle('问答知识库');
  const scope = useSiteScope();
  const { siteId } = scope;
  const { can } = useAuth();
  const [filters, setFilters] = useState<{ status?: string; q?: string }>({});
  const [editing, setEditing] = useState<PairView | 'new' | null>(null);
  const [form] = Form.useForm<PairInput>();
  const [busy, setBusy] = useState(false);
  const list = useLoad(
    siteId ? () => api.get<PairView[]>(`/api/sites/${siteId}/knowledge${queryString(filters)}`) : null,
    [siteId, filters],
  );

  const openEditor = (p: PairView | 'new') => {
    setEditing(p);
    form.setFieldsValue(
      p === 'new'
        ? { question: '', answer: '', variants: '', keywords: '' }
        : { question: p.question, answer: p.answer, variants: p.variants.join('\n'), keywords: p.keywords },
    );
  };
  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      if (editing === 'new') await api.post(`/api/sites/${siteId}/knowledge`, values);
      else if (editing) await api.put(`/api/knowledge/${editing.id}`, values);
      toastSuccess('已保存为草稿，审核人发布后生效');
      setEditing(null);
      await list.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const setStatus = async (p: PairView, action: 'publish' | 'withdraw') => {
    try {
      await api.post(`/api/knowledge/${p.id}/${action}`, {});
      toastSuccess(action === 'publish' ? '已发布到智能问答' : '已撤下');
      await list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<PairView> = [
    {
      title: '问题',
      dataIndex: 'question',
      render: (v: string, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => openEditor(p)}>{v}</Typography.Link>
          {p.variants.length ? (
            <Typography.Text type="secondary">其他问法：{p.variants.join('；')}</Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: '部门', dataIndex: 'departmentName', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'statusName',
      width: 90,
      render: (v: string, p) => <Tag color={STATUS_COLOR[p.status]}>{v}</Tag>,
    },
    { title: '命中', dataIndex: 'hits', width: 70 },
    { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: (v: string) => formatDateTime(v).slice(0, 16) },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, p) =>
        can('knowledge.publish') ? (
          p.status === 'published' ? (
            <Button size="small" onClick={() => void setStatus(p, 'withdraw')}>
              撤下
            </Button>
          ) : (
            <Button size="small" type="primary" onClick={() => void setStatus(p, 'publish')}>
              发布
            </Button>
          )
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="问答知识库"
        scope={scope}
        extra={
          can('knowledge.write') ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => openEditor('new')}>
              新增问答
            </Button>
          ) : undefined
        }
      />
      <Form
        layout="inline"
        onFinish={(v: { status?: string; q?: string }) =>
          setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x)))
        }
      >
        <Form.Item name="status" label="状态">
          <Select
            allowClear
            style={{ width: 110 }}
            options={[
              { value: 'draft', label: '草稿' },
              { value: 'published', label: '已发布' },
              { value: 'withdrawn', label: '已撤下' },
            ]}
          />
        </Form.Item>
        <Form.Item name="q" label="关键词">
          <Input allowClear maxLength={100} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">查询</Button>
        </Form.Item>
      </Form>
      <Table<PairView>
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.loading}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: <Empty description="知识库中还没有问答" /> }}
        data-testid="knowledge-table"
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增问答' : '修改问答'}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        width={720}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="question" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="variants" label="其他问法（每行一个）">
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
          <Form.Item name="keywords" label="关键词（逗号分隔）">
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="answer" label="答案" rules={[{ required: true, message: '请填写答案' }]}>
            <Input.TextArea rows={6} maxLength={20000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
