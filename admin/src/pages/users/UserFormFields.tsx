// The fields of the user dialog: account, department, e-mail, roles (with the site each applies to and the
// 三员分立 warning) and, when editing, the columns an editor may write in.
import { useMemo } from 'react';
import { Alert, Button, Form, Input, Select, Space, TreeSelect, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnNode } from '../../../../src/modules/columns/columns.schema.ts';
import type { DepartmentView } from '../../../../src/modules/departments/departments.schema.ts';
import type { Role } from '../../../../src/platform/auth/roles.ts';
import { ALL_SITES, conflictHint, SEPARATED_ROLES, type Reference, type SiteColumns, type UserValues } from './users';

type DepartmentOption =
  | { value: number; label: string }
  | { label: string; title: string; options: { value: number; label: string }[] };

function departmentOptions(ref: Reference): DepartmentOption[] {
  const live = ref.departments.filter((d) => d.mergedIntoId === null).sort((a, b) => a.sort - b.sort || a.id - b.id);
  const option = (d: DepartmentView) => ({ value: d.id, label: d.name });
  if (ref.sites.length <= 1) return live.map(option);
  return ref.sites
    .map((s) => ({ label: s.name, title: s.name, options: live.filter((d) => d.siteId === s.id).map(option) }))
    .filter((g) => g.options.length > 0);
}

interface GrantOption {
  value: number | string;
  title: string;
  selectable?: boolean;
  children: GrantOption[];
}

function grantOptions(trees: SiteColumns[]): GrantOption[] {
  const map = (list: ColumnNode[]): GrantOption[] =>
    list.map((n) => ({ value: n.id, title: n.name, children: map(n.children ?? []) }));
  if (trees.length === 1) return map(trees[0].roots);
  return trees.map((t) => ({
    value: `site-${t.site.id}`,
    title: t.site.name,
    selectable: false,
    children: map(t.roots),
  }));
}

export function UserFormFields({
  form,
  reference,
  editing,
  columnTrees,
  iAmSysAdmin,
}: {
  form: FormInstance<UserValues>;
  reference: Reference | undefined;
  editing: boolean;
  /** The column trees of every site (null while they load). */
  columnTrees: SiteColumns[] | null;
  /** 三员分立: a system administrator may not create security or audit administrators. */
  iAmSysAdmin: boolean;
}) {
  const watchedRoles = Form.useWatch('roles', form);
  const departments = useMemo(() => (reference ? departmentOptions(reference) : []), [reference]);
  const grantTree = useMemo(() => (columnTrees ? grantOptions(columnTrees) : []), [columnTrees]);
  const roleOptions = (reference?.roles ?? []).map((r) => {
    const blocked = iAmSysAdmin && (r.role === 'sec_admin' || r.role === 'audit_admin');
    return { value: r.role, label: blocked ? `${r.name}（系统管理员不能授予）` : r.name, disabled: blocked };
  });
  const siteOptions = [
    { value: ALL_SITES, label: '全部站点' },
    ...(reference?.sites ?? []).map((s) => ({ value: s.id, label: s.name })),
  ];
  const hint = conflictHint((watchedRoles ?? []).map((r) => r?.role));

  return (
    <>
      <Form.Item
        label="用户名"
        name="username"
        rules={[
          { required: true, whitespace: true, message: '请输入用户名' },
          { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: '用户名须以字母开头，3–32 位字母、数字或 _ . -' },
        ]}
        extra={editing ? '用户名创建后不能修改' : '登录时使用，创建后不能修改'}
      >
        <Input disabled={editing} autoComplete="off" spellCheck={false} />
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
        <Select allowClear options={departments} showSearch={{ optionFilterProp: 'label' }} placeholder="选择部门" />
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
                        onChange={(value: Role) => {
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
      {editing && (
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
    </>
  );
}
