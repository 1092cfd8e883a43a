// 用户管理: the staff accounts with their department, roles and state; create (the initial password is shown
// once), edit roles and column grants, reset a password, disable or enable an account.
import { useEffect, useMemo, useState } from 'react';
import { Button, Input, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { UserView } from '../../../../src/modules/users/users.schema.ts';
import { api } from '../../api';
import type { Items } from '../../api-types';
import type { UserCreated } from '../../../../src/modules/users/users.schema.ts';
import { useMe } from '../../auth';
import { CrudModal, CrudTable, useCrudEditor, type Editing } from '../../components/Crud';
import { InitialPasswordModal } from '../../components/InitialPasswordModal';
import { PageHeader } from '../../components/PageHeader';
import { modal, showError, toastSuccess } from '../../feedback';
import { formatDateTime, isFuture } from '../../format';
import { useLoad, usePageTitle } from '../../hooks';
import { UserFormFields } from './UserFormFields';
import {
  loadColumnTrees,
  loadReference,
  NEW_USER,
  rolesInput,
  SEPARATED_ROLES,
  valuesOf,
  type SiteColumns,
  type UserValues,
} from './users';

function statusTags(u: UserView) {
  const tags = [];
  if (u.disabled)
    tags.push(
      <Tag key="disabled" color="error">
        已停用
      </Tag>,
    );
  if (isFuture(u.lockedUntil))
    tags.push(
      <Tooltip key="locked" title={`锁定至 ${formatDateTime(u.lockedUntil)}`}>
        <Tag color="warning">已锁定</Tag>
      </Tooltip>,
    );
  if (u.mustChangePassword)
    tags.push(
      <Tag key="pwd" color="blue">
        待修改初始密码
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="success">
        正常
      </Tag>,
    );
  return (
    <Space size={[4, 4]} wrap>
      {tags}
    </Space>
  );
}

export default function UsersPage() {
  usePageTitle('用户管理');
  const me = useMe();
  const users = useLoad(() => api.get<Items<UserView>>('/api/users').then((r) => r.items), []);
  const reference = useLoad(loadReference, []);
  const [search, setSearch] = useState('');
  const editor = useCrudEditor<UserView, UserValues>();
  const [initialPassword, setInitialPassword] = useState<{ username: string; password: string } | null>(null);
  const [columnTrees, setColumnTrees] = useState<SiteColumns[] | null>(null);

  const ref = reference.data;
  const siteName = (id: number | null) =>
    id === null ? '全部站点' : (ref?.sites.find((s) => s.id === id)?.name ?? `站点 #${id}`);
  const multiSite = (ref?.sites.length ?? 0) > 1;

  // The column trees are loaded once, the first time a user is edited.
  const needTrees = editor.editing?.mode === 'edit' && !columnTrees;
  useEffect(() => {
    if (!needTrees || !ref) return;
    let live = true;
    loadColumnTrees(ref.sites).then((trees) => live && setColumnTrees(trees), showError);
    return () => {
      live = false;
    };
  }, [needTrees, ref]);

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = users.data ?? [];
    return q
      ? list.filter((u) => u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q))
      : list;
  }, [users.data, search]);

  const save = async (values: UserValues, editing: Editing<UserView>) => {
    const common = {
      displayName: values.displayName.trim(),
      departmentId: values.departmentId ?? null,
      email: values.email.trim() || null,
      roles: rolesInput(values.roles ?? []),
    };
    if (editing.mode === 'create') {
      const result = await api.post<UserCreated>('/api/users', { username: values.username.trim(), ...common });
      editor.close();
      setInitialPassword({ username: result.user.username, password: result.initialPassword });
      toastSuccess(`已创建用户“${result.user.displayName}”`);
    } else {
      await api.put(`/api/users/${editing.item.id}`, { ...common, columnGrantIds: values.columnGrantIds ?? [] });
      editor.close();
      toastSuccess('用户信息已保存');
    }
    await users.reload();
  };

  const resetPassword = (u: UserView) =>
    modal().confirm({
      title: `重置“${u.displayName}”的密码？`,
      content: '将生成新的初始密码，该用户现有的登录会话将失效，下次登录时必须修改密码。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await api.post<{ initialPassword: string }>(`/api/users/${u.id}/reset-password`);
          setInitialPassword({ username: u.username, password: r.initialPassword });
          await users.reload();
        } catch (err) {
          showError(err);
        }
      },
    });

  const toggleDisabled = (u: UserView) =>
    modal().confirm({
      title: u.disabled ? `启用“${u.displayName}”？` : `停用“${u.displayName}”？`,
      content: u.disabled
        ? '启用后该用户可以重新登录。'
        : '停用后该用户将立即退出登录且不能再登录，账号与操作记录保留。',
      okText: u.disabled ? '启用' : '停用',
      okButtonProps: { danger: !u.disabled },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/api/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`);
          toastSuccess(u.disabled ? '账号已启用' : '账号已停用');
          await users.reload();
        } catch (err) {
          showError(err);
        }
      },
    });

  const columns: TableColumnsType<UserView> = [
    { title: '用户名', dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '部门', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      key: 'roles',
      render: (_, u) =>
        u.roles.length ? (
          <Space size={[4, 4]} wrap>
            {u.roles.map((r) => (
              <Tag key={`${r.role}@${r.siteId ?? 'all'}`} color={SEPARATED_ROLES.includes(r.role) ? 'purple' : 'blue'}>
                {r.roleName}
                {multiSite && r.siteId !== null ? `·${siteName(r.siteId)}` : ''}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        ),
    },
    { title: '状态', key: 'status', render: (_, u) => statusTags(u) },
    { title: '最后登录', dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v), width: 170 },
    {
      title: '操作',
      key: 'actions',
      width: 230,
      render: (_, u) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => editor.openEdit(u, valuesOf(u))} aria-label={`编辑 ${u.username}`}>
            编辑
          </Button>
          <Button size="small" onClick={() => resetPassword(u)} aria-label={`重置 ${u.username} 的密码`}>
            重置密码
          </Button>
          <Tooltip title={u.id === me.id ? '不能停用自己的账号' : ''}>
            <span>
              <Button
                size="small"
                danger={!u.disabled}
                disabled={u.id === me.id}
                onClick={() => toggleDisabled(u)}
                aria-label={`${u.disabled ? '启用' : '停用'} ${u.username}`}
              >
                {u.disabled ? '启用' : '停用'}
              </Button>
            </span>
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="用户管理" />
      <CrudTable<UserView>
        createLabel="新建用户"
        onCreate={() => editor.openCreate(NEW_USER)}
        createDisabled={!ref}
        actions={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void users.reload()}>
            刷新
          </Button>
        }
        aside={
          <Input
            type="search"
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder="按用户名或姓名查找"
            aria-label="查找用户"
            style={{ width: 260 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        }
        columns={columns}
        dataSource={rows}
        loading={users.loading}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个用户` }}
        scroll={{ x: 960 }}
        data-testid="user-table"
      />
      <CrudModal
        editor={editor}
        title={editor.editing?.mode === 'edit' ? `编辑用户：${editor.editing.item.username}` : '新建用户'}
        width={680}
        onSave={save}
      >
        <UserFormFields
          form={editor.form}
          reference={ref}
          editing={editor.editing?.mode === 'edit'}
          columnTrees={columnTrees}
          iAmSysAdmin={me.roles.some((r) => r.role === 'sys_admin')}
        />
      </CrudModal>
      <InitialPasswordModal value={initialPassword} onClose={() => setInitialPassword(null)} />
    </Space>
  );
}
