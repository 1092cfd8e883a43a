// The filter bar of a list page: inline fields, 查询 to apply them and 重置 to clear them, in a small card.
// Fields go in as Form.Items; the page decides where the applied filters live (state or the address).
import { useMemo, type ReactNode } from 'react';
import { Button, Card, Form, Space, TreeSelect, Select } from 'antd';
import type { FormInstance } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { ColumnNode } from '../../../src/modules/columns/columns.schema.ts';
import type { DepartmentView } from '../../../src/modules/departments/departments.schema.ts';

export function FilterBar<T extends object>({
  form,
  initialValues,
  onSearch,
  onReset,
  testId,
  children,
}: {
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  onSearch: (values: T) => void;
  onReset: () => void;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Card size="small">
      <Form<T>
        form={form}
        layout="inline"
        initialValues={initialValues}
        onFinish={onSearch}
        style={{ rowGap: 12 }}
        data-testid={testId}
      >
        {children}
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              查询
            </Button>
            <Button onClick={onReset}>重置</Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}

interface TreeOption {
  value: number;
  title: string;
  children: TreeOption[];
}

const treeOptions = (roots: ColumnNode[]): TreeOption[] =>
  roots.map((n) => ({ value: n.id, title: n.name, children: treeOptions(n.children ?? []) }));

/** 栏目 filter: the site's column tree, every column selectable (a form control: Form.Item passes value/onChange). */
export function ColumnTreeSelect({
  roots,
  width,
  ...control
}: {
  roots: ColumnNode[];
  width: number;
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
}) {
  const treeData = useMemo(() => treeOptions(roots), [roots]);
  return (
    <TreeSelect
      {...control}
      allowClear
      style={{ width }}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder="全部栏目"
      popupMatchSelectWidth={false}
    />
  );
}

/** 部门 filter: the site's departments that still stand on their own (merged ones are aliases). */
export function DepartmentSelect({
  departments,
  width,
  ...control
}: {
  departments: DepartmentView[];
  width: number;
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
}) {
  return (
    <Select
      {...control}
      allowClear
      style={{ width }}
      placeholder="全部部门"
      showSearch={{ optionFilterProp: 'label' }}
      options={departments.filter((d) => !d.mergedIntoId).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
