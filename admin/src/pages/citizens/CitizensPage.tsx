// 公众账号: support staff find a citizen's account by the full phone number, e-mail or ID number they are told
// (looked up by keyed hash, never decrypted in bulk) or by nickname, see it masked, and disable or restore it.
// Every change is audited; plain ID or phone numbers are never shown.
import { useState } from 'react';
import { Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SearchOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle } from '../../hooks';
import type { CitizenListItemView, CitizenSearchResponse } from '../../../../src/modules/citizens/citizens.schema';

const STATUS: Record<CitizenListItemView['status'], { color: string; label: string }> = {
  active: { color: 'green', label: '正常' },
  disabled: { color: 'red', label: '已停用' },
  deleted: { color: 'default', label: '已注销' },
};

interface Filters {
  phone?: string;
  email?: string;
  idNumber?: string;
  name?: string;
  status?: string;
}

export default function CitizensPage() {
  usePageTitle('公众账号');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [acting, setActing] = useState<{ citizen: CitizenListItemView; disable: boolean } | null>(null);
  const [reason, setReason] = useState('');
  const list = useLoad(
    () => api.get<CitizenSearchResponse>(`/api/citizens${queryString({ ...filters, page, pageSize: 20 })}`),
    [filters, page],
  );

  const act = async () => {
    if (!acting) return;
    try {
      await api.post(`/api/citizens/${acting.citizen.id}/${acting.disable ? 'disable' : 'enable'}`, { reason });
      toastSuccess(acting.disable ? '账号已停用，其登录已全部退出' : '账号已恢复');
      setActing(null);
      setReason('');
      await list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<CitizenListItemView> = [
    { title: '编号', dataIndex: 'id', width: 80 },
    { title: '昵称', dataIndex: 'displayName' },
    {
      title: '类型',
      dataIndex: 'accountType',
      width: 150,
      render: (v: string, c) => (v === 'organization' ? `法人（${c.orgName ?? ''}）` : '个人'),
    },
    { title: '手机号码', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    { title: '电子邮箱', dataIndex: 'email', render: (v: string | null) => v ?? '—' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (v: CitizenListItemView['status'], c) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS[v].color}>{STATUS[v].label}</Tag>
          {c.disabledReason ? <Typography.Text type="secondary">{c.disabledReason}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: '注册时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 170, render: (v: string | null) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, c) =>
        c.status === 'active' ? (
          <Button
            size="small"
            danger
            icon={<StopOutlined aria-hidden />}
            onClick={() => setActing({ citizen: c, disable: true })}
          >
            停用
          </Button>
        ) : c.status === 'disabled' ? (
          <Button
            size="small"
            icon={<CheckCircleOutlined aria-hidden />}
            onClick={() => setActing({ citizen: c, disable: false })}
          >
            恢复
          </Button>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        公众账号
      </Typography.Title>
      <Typography.Text type="secondary">
        按群众告知的完整手机号码、邮箱或证件号码查找（系统按密钥散列比对，不批量解密）；列表中的个人信息均已脱敏。
      </Typography.Text>
      <Form
        layout="inline"
        onFinish={(values: Filters) => {
          setPage(1);
          setFilters(Object.fromEntries(Object.entries(values).filter(([, v]) => v)) as Filters);
        }}
      >
        <Form.Item name="phone" label="手机号码">
          <Input allowClear maxLength={20} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱">
          <Input allowClear maxLength={254} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="idNumber" label="证件号码">
          <Input allowClear maxLength={18} style={{ width: 190 }} />
        </Form.Item>
        <Form.Item name="name" label="昵称">
          <Input allowClear maxLength={50} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            allowClear
            style={{ width: 110 }}
            options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
            查找
          </Button>
        </Form.Item>
      </Form>
      <Table<CitizenListItemView>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        locale={{ emptyText: <Empty description="没有找到账号" /> }}
        data-testid="citizens-table"
      />
      <Modal
        open={acting !== null}
        title={acting?.disable ? `停用“${acting.citizen.displayName}”` : `恢复“${acting?.citizen.displayName ?? ''}”`}
        okText={acting?.disable ? '停用' : '恢复'}
        okButtonProps={{ danger: acting?.disable, disabled: reason.trim().length < 2 }}
        cancelText="取消"
        onOk={() => void act()}
        onCancel={() => setActing(null)}
      >
        <Form layout="vertical">
          <Form.Item label="原因（记入审计日志）" required>
            <Input.TextArea value={reason} maxLength={500} rows={3} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
