// 账号锁定: accounts locked after repeated failed logins; the security administrator may unlock them early.
import { Button, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, UnlockOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { PageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle } from '../../hooks';
import type { Items } from '../../api-types';
import type { UserView as LockedUser } from '../../../../src/modules/users/users.schema.ts';

export default function LockedUsersPage() {
  usePageTitle('账号锁定');
  const locked = useLoad(() => api.get<Items<LockedUser>>('/api/security/locked-users').then((r) => r.items), []);

  const unlock = async (u: LockedUser) => {
    try {
      await api.post(`/api/users/${u.id}/unlock`);
      toastSuccess(`已解锁“${u.displayName}”`);
      await locked.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<LockedUser> = [
    { title: '用户名', dataIndex: 'username' },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '锁定至', dataIndex: 'lockedUntil', render: (v: string) => formatDateTime(v) },
    { title: '连续失败次数', dataIndex: 'failedLogins', width: 130 },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, u) => (
        <Popconfirm
          title={`解锁“${u.displayName}”？`}
          description="解锁后该账号可立即重新登录。"
          okText="解锁"
          cancelText="取消"
          onConfirm={() => unlock(u)}
        >
          <Button size="small" icon={<UnlockOutlined aria-hidden />} aria-label={`解锁 ${u.username}`}>
            解锁
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="账号锁定" />
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">
          因连续登录失败而被锁定的账号。锁定到期后会自动解除，也可在此提前解锁。
        </Typography.Text>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void locked.reload()}>
          刷新
        </Button>
      </Space>
      <Table<LockedUser>
        rowKey="id"
        columns={columns}
        dataSource={locked.data ?? []}
        loading={locked.loading}
        pagination={false}
        locale={{ emptyText: <Empty description="当前没有被锁定的账号" /> }}
        data-testid="locked-table"
      />
    </Space>
  );
}
