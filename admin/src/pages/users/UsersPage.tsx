import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useMe } from '../../auth';
import { modal, showError, showFormError, toastSuccess } from '../../feedback';
import { formatDateTime, isFuture } from '../../format';
import { loadSites, useLoad, usePageTitle } from '../../hooks';
import { InitialPasswordModal } from '../../components/InitialPasswordModal';
import type { Role as RoleName, RoleGrant as RoleGrantInput } from '../../../../src/platform/auth/roles.ts';
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';
import type { DepartmentView as Department } from '../../../../src/modules/departments/departments.schema.ts';
import type { SiteView as Site } from '../../../../src/modules/sites/sites.schema.ts';
import type { UserView as UserRow } from '../../../../src/modules/users/users.schema.ts';
import type { Items, RoleOption, UserCreated } from '../../api-types';

/** The three separated administrator roles (三员分立): always installation-wide. */
const SEPARATED_ROLES: readonly string[] = ['sys_admin', 'sec_admin', 'audit_admin'];

/** Site select value meaning “every site” (the API's null). */
const ALL_SITES = 0;

interface RoleRow {
  role: RoleName | undefined;
  siteId: number;
}

interface Values {
  username: string;
  displayName: string;
  departmentId: number | undefined;
  email: string;
  roles: RoleRow[];
  columnGrantIds: number[];
}

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserRow };

interface Reference {
  roles: RoleOption[];
  sites: Site[];
  departments: (Department & { siteId: number })[];
}

async function loadReference(): Promise<Reference> {
  const [roles, sites] = await Promise.all([
    api.get<Items<RoleOption>>('/api/roles').then((r) => r.items),
    loadSites(),
  ]);
  const perSite = await Promise.all(
    sites.map((s) =>
      api
        .get<Items<Department>>(`/api/sites/${s.id}/departments`)
        .then((r) => r.items.map((d) => ({ ...d, siteId: s.id })))
        .catch(() => []),
    ),
  );
  return { roles, sites, departments: perSite.flat() };
}

/** Mirrors the server's 三员分立 rule to warn early; the server has the final word (ROLE_CONFLICT). */
function conflictHint(roles: (RoleName | undefined)[], names: Map<string, string>): string | null {
  const picked = [...new Set(roles.filter((r): r is RoleName => !!r))];
  const admins = picked.filter((r) => SEPARATED_ROLES.includes(r));
  if (admins.length > 1) return `${admins.map((r) => names.get(r) ?? r).join('、')}不能由同一账号兼任`;
  if (picked.includes('audit_admin') && picked.length > 1) return '审计管理员不能兼任其他角色';
  if (picked.includes('sec_admin') && picked.length > 1) return '安全管理员不能兼任其他角色';
  return null;
}

function statusTags(u: UserRow) {
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
  const users = useLoad(() => api.get<Items<UserRow>>('/api/users').then((r) => r.items), []);
  const reference = useLoad(loadReference, []);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [initialPassword, setInitialPassword] = useState<{ username: string; password: string } | null>(null);
  const [columnTrees, setColumnTrees] = useState<{ site: Site; roots: ColumnNode[] }[] | null>(null);
  const [form] = Form.useForm<Values>();
  const watchedRoles = Form.useWatch('roles', form);

  const ref = reference.data;
  const roleNames = useMemo(() => new Map((ref?.roles ?? []).map((r) => [r.role as string, r.name])), [ref]);
  const siteName = (id: number | null) =>
    id === null ? '全部站点' : (ref?.sites.find((s) => s.id === id)?.name ?? `站点 #${id}`);
  const multiSite = (ref?.sites.length ?? 0) > 1;
  // 三员分立: a system administrator may not create security or audit administrators.
  const iAmSysAdmin = me.roles.some((r) => r.role === 'sys_admin');

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = users.data ?? [];
    return q
      ? list.filter((u) => u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q))
      : list;
  }, [users.data, search]);

  type DepartmentOption =
    | { value: number; label: string }
    | { label: string; title: string; options: { value: number; label: string }[] };
  const departmentOptions = useMemo((): DepartmentOption[] => {
    if (!ref) return [];
    const live = ref.departments.filter((d) => d.mergedIntoId === null).sort((a, b) => a.sort - b.sort || a.id - b.id);
    const option = (d: Department) => ({ value: d.id, label: d.name });
    if (!multiSite) return live.map(option);
    return ref.sites
      .map((s) => ({ label: s.name, title: s.name, options: live.filter((d) => d.siteId === s.id).map(option) }))
      .filter((g) => g.options.length > 0);
  }, [ref, multiSite]);

  const roleOptions = (ref?.roles ?? []).map((r) => {
    const blocked = iAmSysAdmin && (r.role === 'sec_admin' || r.role === 'audit_admin');
    return {
      value: r.role,
      label: blocked ? `${r.name}（系统管理员不能授予）` : r.name,
      disabled: blocked,
    };
  });
  const siteOptions = [
    { value: ALL_SITES, label: '全部站点' },
    ...(ref?.sites ?? []).map((s) => ({ value: s.id, label: s.name })),
  ];

  const grantTree = useMemo(() => {
    if (!columnTrees) return [];
    interface Option {
      value: number | string;
      title: string;
      selectable?: boolean;
      children: Option[];
    }
    const map = (list: ColumnNode[]): Option[] =>
      list.map((n) => ({ value: n.id, title: n.name, children: map(n.children ?? []) }));
    if (columnTrees.length === 1) return map(columnTrees[0].roots);
    return columnTrees.map(
      (t): Option => ({ value: `site-${t.site.id}`, title: t.site.name, selectable: false, children: map(t.roots) }),
    );
  }, [columnTrees]);

  useEffect(() => {
    if (editing?.mode === 'edit' && ref && !columnTrees) void loadColumnTrees();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing, ref]);

  const loadColumnTrees = async () => {
    if (!ref) return;
    try {
      const trees = await Promise.all(
        ref.sites.map((site) =>
          api.get<Items<ColumnNode>>(`/api/sites/${site.id}/columns`).then((r) => ({ site, roots: r.items })),
        ),
      );
      setColumnTrees(trees);
    } catch (err) {
      showError(err);
    }
  };

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({
      username: '',
      displayName: '',
      departmentId: undefined,
      email: '',
      roles: [{ role: undefined, siteId: ALL_SITES }],
      columnGrantIds: [],
    });
    setEditing({ mode: 'create' });
  };

  const openEdit = (user: UserRow) => {
    form.resetFields();
    form.setFieldsValue({
      username: user.username,
      displayName: user.displayName,
      departmentId: user.departmentId ?? undefined,
      email: user.email ?? '',
      roles: user.roles.map((r) => ({ role: r.role as RoleName, siteId: r.siteId ?? ALL_SITES })),
      columnGrantIds: user.columnGrantIds ?? [],
    });
    setEditing({ mode: 'edit', user });
  };

  const rolesInput = (rows: RoleRow[]): RoleGrantInput[] =>
    rows
      .filter((r): r is RoleRow & { role: RoleName } => !!r.role)
      .map((r) => ({
        role: r.role,
        siteId: SEPARATED_ROLES.includes(r.role) || r.siteId === ALL_SITES ? null : r.siteId,
      }));

  const save = async (values: Values) => {
    if (!editing) return;
    setSaving(true);
    const common = {
      displayName: values.displayName.trim(),
      departmentId: values.departmentId ?? null,
      email: values.email.trim() || null,
      roles: rolesInput(values.roles ?? []),
    };
    try {
      if (editing.mode === 'create') {
        const result = await api.post<{ user: UserRow; initialPassword: string }>('/api/users', {
          username: values.username.trim(),
          ...common,
        });
        setEditing(null);
        setInitialPassword({ username: result.user.username, password: result.initialPassword });
        toastSuccess(`已创建用户“${result.user.displayName}”`);
      } else {
        await api.put(`/api/users/${editing.user.id}`, { ...common, columnGrantIds: values.columnGrantIds ?? [] });
        setEditing(null);
        toastSuccess('用户信息已保存');
      }
      await users.reload();
    } catch (err) {
      showFormError(form, err);
    } finally {
      setSaving(false);
    }
  };

  const resetPassword = (u: UserRow) =>
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

  const toggleDisabled = (u: UserRow) =>
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

  const columns: TableColumnsType<UserRow> = [
    { title: '用户名', dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '部门', dataIndex: 'departmentName', render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      key: 'roles',
      render: (_, u) =>
        u.roles.length ? (
          <Space size={[4, 4]} wrap>
            {u.roles.map((r, i) => (
              <Tag key={i} color={SEPARATED_ROLES.includes(r.role) ? 'purple' : 'blue'}>
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
          <Button size="small" onClick={() => openEdit(u)} aria-label={`编辑 ${u.username}`}>
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

  const hint = conflictHint(
    (watchedRoles ?? []).map((r) => r?.role),
    roleNames,
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        用户管理
      </Typography.Title>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={openCreate} disabled={!ref}>
            新建用户
          </Button>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void users.reload()}>
            刷新
          </Button>
        </Space>
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
      </Space>
      <Table<UserRow>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={users.loading}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个用户` }}
        size="middle"
        scroll={{ x: 960 }}
        data-testid="user-table"
      />

      <Modal
        title={editing?.mode === 'edit' ? `编辑用户：${editing.user.username}` : '新建用户'}
        open={!!editing}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        confirmLoading={saving}
        width={680}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={save}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              { required: true, whitespace: true, message: '请输入用户名' },
              { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: '用户名须以字母开头，3–32 位字母、数字或 _ . -' },
            ]}
            extra={editing?.mode === 'edit' ? '用户名创建后不能修改' : '登录时使用，创建后不能修改'}
          >
            <Input disabled={editing?.mode === 'edit'} autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[
              { required: true, whitespace: true, message: '请输入姓名' },
              { min: 2, message: '姓名至少 2 个字' },
            ]}
          >
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item label="所属部门" name="departmentId">
            <Select
              allowClear
              options={departmentOptions}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择部门"
            />
          </Form.Item>
          <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
            <Input maxLength={200} autoComplete="off" inputMode="email" />
          </Form.Item>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontSize: 14, marginBottom: 8 }}>角色</legend>
            <Form.List name="roles">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => {
                    const role = watchedRoles?.[i]?.role;
                    const installationWide = !!role && SEPARATED_ROLES.includes(role);
                    return (
                      <Space key={field.key} align="start" style={{ display: 'flex' }}>
                        <Form.Item
                          name={[field.name, 'role']}
                          rules={[{ required: true, message: '请选择角色' }]}
                          style={{ width: 260 }}
                        >
                          <Select
                            options={roleOptions}
                            showSearch={{ optionFilterProp: 'label' }}
                            placeholder="选择角色"
                            aria-label={`第 ${i + 1} 个角色`}
                            onChange={(value: RoleName) => {
                              if (SEPARATED_ROLES.includes(value))
                                form.setFieldValue(['roles', field.name, 'siteId'], ALL_SITES);
                            }}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'siteId']} style={{ width: 220 }}>
                          <Select
                            options={siteOptions}
                            showSearch={{ optionFilterProp: 'label' }}
                            disabled={installationWide}
                            aria-label={`第 ${i + 1} 个角色的适用站点`}
                          />
                        </Form.Item>
                        <Button
                          icon={<DeleteOutlined aria-hidden />}
                          onClick={() => remove(field.name)}
                          aria-label={`删除第 ${i + 1} 个角色`}
                        />
                      </Space>
                    );
                  })}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => add({ role: undefined, siteId: ALL_SITES })}
                  >
                    添加角色
                  </Button>
                </>
              )}
            </Form.List>
            {hint && <Alert type="warning" showIcon title={`三员分立：${hint}`} style={{ marginTop: 12 }} />}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
              系统管理员、安全管理员、审计管理员须由不同账号担任，且适用于全部站点；其他角色可限定到某个站点。
            </Typography.Paragraph>
          </fieldset>
          {editing?.mode === 'edit' && (
            <Form.Item label="可编辑栏目" name="columnGrantIds" extra="编辑/承办人只能在授权的栏目中撰写信息">
              <TreeSelect
                multiple
                allowClear
                treeData={grantTree}
                loading={!columnTrees}
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder="选择栏目"
                treeDefaultExpandAll={false}
                maxTagCount={20}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>

      <InitialPasswordModal value={initialPassword} onClose={() => setInitialPassword(null)} />
    </Space>
  );
}
