// 部门管理: the site's departments (the lead and cooperating departments of columns), with aliases, order and
// merging one name into another.
import { useMemo, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import { useBusy } from '../../components/busy';
import { CrudModal, CrudTable, useCrudEditor, type Editing } from '../../components/Crud';
import { SitePageHeader } from '../../components/PageHeader';
import { toastSuccess } from '../../feedback';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import type { DepartmentView as Department } from '../../../../src/modules/departments/departments.schema.ts';
import type { Items } from '../../api-types';

interface EditValues {
  name: string;
  aliases: string[];
  sort: number;
}

const ALIAS_SEPARATORS = [',', '，', '、', ';', '；'];

export default function DepartmentsPage() {
  usePageTitle('部门管理');
  const scope = useSiteScope();
  const { site } = scope;
  const departments = useLoad(
    site ? () => api.get<Items<Department>>(`/api/sites/${site.id}/departments`).then((r) => r.items) : null,
    [site?.id],
  );
  const [showMerged, setShowMerged] = useState(false);
  const editor = useCrudEditor<Department, EditValues>();
  const [merging, setMerging] = useState<Department | null>(null);
  const mergeSaving = useBusy();
  const [mergeForm] = Form.useForm<{ intoId: number }>();

  const all = departments.data ?? [];
  const byId = useMemo(() => new Map(all.map((d) => [d.id, d])), [all]);
  const rows = useMemo(
    () => [...all].filter((d) => showMerged || d.mergedIntoId === null).sort((a, b) => a.sort - b.sort || a.id - b.id),
    [all, showMerged],
  );
  const mergedCount = all.filter((d) => d.mergedIntoId !== null).length;

  const openEdit = (department: Department) =>
    editor.openEdit(department, { name: department.name, aliases: department.aliases, sort: department.sort });

  const saveEdit = async (values: EditValues, editing: Editing<Department>) => {
    if (!site) return;
    const aliases = [...new Set(values.aliases.map((a) => a.trim()).filter(Boolean))];
    if (editing.mode === 'create') {
      await api.post(`/api/sites/${site.id}/departments`, { name: values.name.trim(), aliases });
      toastSuccess(`已新建部门“${values.name.trim()}”`);
    } else {
      await api.put(`/api/departments/${editing.item.id}`, { name: values.name.trim(), aliases, sort: values.sort });
      toastSuccess('部门已保存');
    }
    editor.close();
    await departments.reload();
  };

  const saveMerge = ({ intoId }: { intoId: number }) =>
    mergeSaving.run(async () => {
      if (!merging) return;
      await api.post(`/api/departments/${merging.id}/merge`, { intoId });
      toastSuccess(`已将“${merging.name}”合并到“${byId.get(intoId)?.name ?? ''}”`);
      setMerging(null);
      await departments.reload();
    });

  const columns: TableColumnsType<Department> = [
    {
      title: '部门名称',
      dataIndex: 'name',
      render: (name: string, d) => (
        <Space>
          <span>{name}</span>
          {d.mergedIntoId !== null && <Tag>已合并到 {byId.get(d.mergedIntoId)?.name ?? `#${d.mergedIntoId}`}</Tag>}
        </Space>
      ),
    },
    {
      title: '别名',
      dataIndex: 'aliases',
      render: (aliases: string[]) =>
        aliases.length ? (
          <Space wrap size={[4, 4]}>
            {aliases.map((a) => (
              <Tag key={a}>{a}</Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '排序', dataIndex: 'sort', width: 90 },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      render: (_, d) =>
        d.mergedIntoId === null ? (
          <Space>
            <Button size="small" onClick={() => openEdit(d)} aria-label={`编辑 ${d.name}`}>
              编辑
            </Button>
            <Button
              size="small"
              onClick={() => {
                mergeForm.resetFields();
                setMerging(d);
              }}
              aria-label={`合并 ${d.name}`}
            >
              合并到…
            </Button>
          </Space>
        ) : null,
    },
  ];

  const mergeTargets = merging ? all.filter((d) => d.mergedIntoId === null && d.id !== merging.id) : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="部门管理" scope={scope} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        部门用于指定栏目的牵头部门与配合部门。名称不同但实为同一处室的（例如“法规处”与“政策法规处”），可将其中一个合并到另一个，被合并的名称将作为别名保留。
      </Typography.Paragraph>
      <CrudTable<Department>
        createLabel="新建部门"
        onCreate={() => editor.openCreate({ name: '', aliases: [], sort: 0 })}
        createDisabled={!site}
        actions={
          mergedCount > 0 && (
            <Space>
              <Switch id="show-merged" checked={showMerged} onChange={setShowMerged} />
              <label htmlFor="show-merged">显示已合并的部门（{mergedCount}）</label>
            </Space>
          )
        }
        columns={columns}
        dataSource={rows}
        loading={departments.loading}
        pagination={false}
        data-testid="department-table"
      />

      <CrudModal
        editor={editor}
        title={editor.editing?.mode === 'edit' ? `编辑部门：${editor.editing.item.name}` : '新建部门'}
        onSave={saveEdit}
      >
        <Form.Item
          label="部门名称"
          name="name"
          rules={[
            { required: true, whitespace: true, message: '请输入部门名称' },
            { min: 2, message: '部门名称至少 2 个字' },
          ]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label="别名"
          name="aliases"
          extra="同一部门的其他叫法，输入后按回车确认；可用逗号或顿号分隔多个。"
          rules={[
            { type: 'array', max: 20, message: '别名最多 20 个' },
            {
              validator: (_, v: string[] | undefined) =>
                (v ?? []).some((a) => a.trim().length > 50)
                  ? Promise.reject(new Error('每个别名最长 50 个字'))
                  : Promise.resolve(),
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={ALIAS_SEPARATORS} placeholder="例如：法规处" />
        </Form.Item>
        {editor.editing?.mode === 'edit' && (
          <Form.Item label="排序" name="sort" extra="数字小的排在前面">
            <InputNumber min={0} max={10000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
      </CrudModal>

      <Modal
        title={merging ? `合并部门：${merging.name}` : '合并部门'}
        open={!!merging}
        onCancel={() => setMerging(null)}
        onOk={() => mergeForm.submit()}
        okText="确认合并"
        okButtonProps={{ danger: true }}
        confirmLoading={mergeSaving.busy}
        forceRender
      >
        <Form form={mergeForm} layout="vertical" onFinish={(v) => void saveMerge(v)}>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              merging ? `合并后“${merging.name}”将作为目标部门的别名保留，不再单独列出。此操作不能在界面上撤销。` : ''
            }
          />
          <Form.Item label="合并到" name="intoId" rules={[{ required: true, message: '请选择要合并到的部门' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={mergeTargets.map((d) => ({ value: d.id, label: d.name }))}
              placeholder="选择部门"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
