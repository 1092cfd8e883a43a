// 监管对象: every government website and 政务新媒体 account the office supervises (this installation's sites are
// registered by themselves), their status history, XLSX import/export, the closure and new-media checks, and the
// government sites found linked but not registered (每发现一个未纳入监管范围的网站扣1分).
import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import { ToneTag, useOffice, type CheckView, type RegistryEntryView, type RegistryInput } from './common';

const STATUSES = ['运行', '关停', '整合', '迁移中'];
const PLATFORMS = ['微信公众号', '微博', '抖音', '快手', '头条号', '政务客户端APP', '其他'];

export default function RegistryPage() {
  usePageTitle('监管对象');
  const office = useOffice();
  const siteId = office.site?.id;
  const entries = useLoad(
    siteId
      ? () => api.get<{ items: RegistryEntryView[] }>(`/api/supervision/registry${queryString({ siteId })}`)
      : null,
    [siteId],
  );
  const checks = useLoad(
    siteId ? () => api.get<{ items: CheckView[] }>(`/api/supervision/checks${queryString({ siteId })}`) : null,
    [siteId],
  );
  const [editing, setEditing] = useState<RegistryEntryView | 'new' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const items = entries.data?.items ?? [];

  const runCheck = async (kind: string, registryId?: number) => {
    if (!siteId) return;
    setBusy(`${kind}:${registryId ?? ''}`);
    try {
      const result = await api.post<{ items: CheckView[] }>('/api/supervision/checks', { siteId, kind, registryId });
      toastSuccess(result.items.length ? result.items.map((c) => c.summary).join('；') : '检查完成，未发现新的问题');
      await checks.reload();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<RegistryEntryView> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, e) => (
        <Space orientation="vertical" size={0}>
          <a href={e.url} target="_blank" rel="noreferrer">
            {name}
          </a>
          <Typography.Text type="secondary">
            {e.kind === 'website' ? e.domains.join('、') || e.url : `${e.platform} ${e.accountId ?? ''}`}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '网站标识码', dataIndex: 'siteCode', render: (v: string | null) => v ?? '—' },
    { title: '主管主办单位', dataIndex: 'department' },
    {
      title: '托管',
      dataIndex: 'hosting',
      render: (v: string, e) => (e.kind === 'newmedia' ? '—' : v === 'local' ? <Tag color="blue">本平台</Tag> : '外部'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: string, e) => (
        <Space orientation="vertical" size={0}>
          <ToneTag tone={v === '运行' ? 'ok' : v === '迁移中' ? 'info' : 'muted'}>{v}</ToneTag>
          {e.statusSince ? <Typography.Text type="secondary">自 {e.statusSince}</Typography.Text> : null}
        </Space>
      ),
    },
    {
      title: '操作',
      render: (_: unknown, e) => (
        <Space wrap>
          <Button size="small" onClick={() => setEditing(e)}>
            修改
          </Button>
          {e.kind === 'website' && ['关停', '整合'].includes(e.status) ? (
            <Button size="small" loading={busy === `closure:${e.id}`} onClick={() => void runCheck('closure', e.id)}>
              检查关停迁移
            </Button>
          ) : null}
          {e.kind === 'newmedia' ? (
            <Button size="small" loading={busy === `newmedia:${e.id}`} onClick={() => void runCheck('newmedia', e.id)}>
              检查更新
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const kindTable = (kind: 'website' | 'newmedia') => (
    <Table
      rowKey="id"
      size="middle"
      loading={entries.loading}
      columns={columns}
      dataSource={items.filter((e) => e.kind === kind)}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
    />
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          监管对象
        </Typography.Title>
        <SiteSelect sites={office.sites} value={office.site} onChange={office.choose} />
      </Space>
      <Card
        title="名录"
        extra={
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              登记
            </Button>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              href={`/api/supervision/registry.xlsx${queryString({ siteId })}`}
            >
              导出 XLSX
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              customRequest={async ({ file }) => {
                const form = new FormData();
                form.append('file', file as Blob);
                try {
                  const r = await api.upload<{ created: number; updated: number }>(
                    `/api/supervision/registry/import${queryString({ siteId })}`,
                    form,
                  );
                  toastSuccess(`导入完成：新增 ${r.created} 个，更新 ${r.updated} 个`);
                  await entries.reload();
                } catch (error) {
                  showError(error);
                }
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />}>导入 XLSX</Button>
            </Upload>
          </Space>
        }
      >
        <Tabs
          items={[
            {
              key: 'website',
              label: `政府网站（${items.filter((e) => e.kind === 'website').length}）`,
              children: kindTable('website'),
            },
            {
              key: 'newmedia',
              label: `政务新媒体（${items.filter((e) => e.kind === 'newmedia').length}）`,
              children: kindTable('newmedia'),
            },
          ]}
        />
      </Card>
      <DiscoveryCard
        checks={checks.data?.items ?? []}
        busy={busy === 'discovery:'}
        onDiscover={() => void runCheck('discovery')}
        onResolved={checks.reload}
      />
      {editing ? (
        <EntryModal
          siteId={siteId ?? 0}
          entry={editing === 'new' ? null : editing}
          sites={items.filter((e) => e.kind === 'website')}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await entries.reload();
          }}
        />
      ) : null}
    </Space>
  );
}

function DiscoveryCard({
  checks,
  busy,
  onDiscover,
  onResolved,
}: {
  checks: CheckView[];
  busy: boolean;
  onDiscover: () => void;
  onResolved: () => Promise<void>;
}) {
  const found = checks.filter((c) => c.kind === 'discovery');
  const resolve = async (id: number, resolution: string) => {
    try {
      await api.post(`/api/supervision/checks/${id}/resolve`, { resolution });
      await onResolved();
    } catch (error) {
      showError(error);
    }
  };
  return (
    <Card
      title="未登记的政府网站"
      extra={
        <Button loading={busy} onClick={onDiscover}>
          查找未登记网站
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        从已登记网站首页链接到的其他 .gov.cn
        网站中找出未登记的，每个未纳入监管范围的网站扣1分。登记后或确认不是政府网站后请标记处理。
      </Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        dataSource={found}
        pagination={false}
        columns={[
          { title: '网站', render: (_, c) => (c.detail as { host: string }).host },
          { title: '发现于', render: (_, c) => (c.detail as { foundOn: string }).foundOn },
          { title: '时间', dataIndex: 'checkedAt', render: formatDateTime },
          {
            title: '处理',
            render: (_, c) =>
              c.resolution ? (
                <ToneTag tone="ok">
                  {(
                    { registered: '已登记', 'not-government': '非政府网站', duplicate: '重复' } as Record<
                      string,
                      string
                    >
                  )[c.resolution] ?? c.resolution}
                </ToneTag>
              ) : (
                <Space>
                  <Button size="small" onClick={() => void resolve(c.id, 'registered')}>
                    已登记
                  </Button>
                  <Button size="small" onClick={() => void resolve(c.id, 'not-government')}>
                    非政府网站
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}

function EntryModal({
  siteId,
  entry,
  sites,
  onClose,
  onSaved,
}: {
  siteId: number;
  entry: RegistryEntryView | null;
  sites: RegistryEntryView[];
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? entry?.kind ?? 'website';
  const initial = entry
    ? { ...entry, domains: entry.domains.join(' '), inventory: entry.inventory.join('\n') }
    : { kind: 'website', status: '运行', siteType: '部门' };
  const save = async () => {
    const v = await form.validateFields();
    const body: RegistryInput = {
      kind: v.kind,
      name: v.name,
      url: v.url,
      department: v.department,
      status: v.status,
      siteCode: v.siteCode || null,
      domains: String(v.domains ?? '')
        .split(/[\s,，、]+/)
        .filter(Boolean),
      siteType: v.kind === 'website' ? (v.siteType ?? '部门') : null,
      platform: v.kind === 'newmedia' ? v.platform : null,
      accountId: v.accountId || null,
      feedUrl: v.feedUrl || null,
      appUrl: v.appUrl || null,
      parentId: v.parentId ?? null,
      inventory: String(v.inventory ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s.length >= 2),
      note: v.note ?? '',
    };
    setSaving(true);
    try {
      if (entry) await api.put(`/api/supervision/registry/${entry.id}`, body);
      else await api.post(`/api/supervision/registry${queryString({ siteId })}`, body);
      toastSuccess('已保存');
      await onSaved();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={entry ? `修改：${entry.name}` : '登记监管对象'}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="registry-form">
        <Form.Item name="kind" label="类别">
          <Select
            options={[
              { value: 'website', label: '政府网站' },
              { value: 'newmedia', label: '政务新媒体' },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="url"
          label={kind === 'website' ? '首页网址' : '账号主页'}
          rules={[{ required: true, pattern: /^https?:\/\//, message: '请填写以 http:// 或 https:// 开头的网址' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="department" label="主管主办单位" rules={[{ required: true, message: '请填写主管主办单位' }]}>
          <Input />
        </Form.Item>
        {kind === 'website' ? (
          <>
            <Form.Item
              name="siteCode"
              label="网站标识码"
              rules={[{ pattern: /^(\d{10}|bm\d{8})$/, message: '网站标识码为10位数字或 bm 加8位数字' }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="domains" label="域名（多个用空格分隔）">
              <Input />
            </Form.Item>
            <Form.Item name="siteType" label="网站类型">
              <Select options={['门户', '部门', '专项'].map((v) => ({ value: v, label: v }))} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="platform" label="平台" rules={[{ required: true, message: '请选择平台' }]}>
              <Select options={PLATFORMS.map((v) => ({ value: v, label: v }))} />
            </Form.Item>
            <Form.Item name="accountId" label="账号 ID">
              <Input />
            </Form.Item>
            <Form.Item name="feedUrl" label="信息源（RSS 或可读的发布页面）">
              <Input />
            </Form.Item>
            <Form.Item name="appUrl" label="客户端下载页">
              <Input />
            </Form.Item>
          </>
        )}
        <Form.Item name="status" label="状态">
          <Select options={STATUSES.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="parentId" label="关停整合后内容迁入的网站">
          <Select
            allowClear
            options={sites.filter((s) => s.id !== entry?.id).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="inventory" label="原网站信息标题（每行一个，用于检查内容是否迁移）">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
