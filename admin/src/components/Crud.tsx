// A list of records with 新建 above it and one dialog to create or edit a record (部门, 用户, 服务卡片 …): the
// toolbar and table, the dialog's open/close state and form, and its saving flag and error handling.
import { useState, type ReactNode } from 'react';
import { Button, Empty, Form, Modal, Space, Table } from 'antd';
import type { FormInstance, TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { showFormError } from '../feedback';
import { useBusy } from './busy';

export type Editing<T> = { mode: 'create' } | { mode: 'edit'; item: T };

export interface CrudEditor<T, V> {
  form: FormInstance<V>;
  /** What the dialog is doing; null while it is closed. */
  editing: Editing<T> | null;
  /** Opens the dialog on a fresh form holding `values`. */
  openCreate(values: V): void;
  openEdit(item: T, values: V): void;
  close(): void;
}

export function useCrudEditor<T, V>(): CrudEditor<T, V> {
  const [form] = Form.useForm<V>();
  const [editing, setEditing] = useState<Editing<T> | null>(null);
  const open = (next: Editing<T>, values: V) => {
    form.resetFields();
    form.setFieldsValue(values as Parameters<FormInstance<V>['setFieldsValue']>[0]);
    setEditing(next);
  };
  return {
    form,
    editing,
    openCreate: (values) => open({ mode: 'create' }, values),
    openEdit: (item, values) => open({ mode: 'edit', item }, values),
    close: () => setEditing(null),
  };
}

/**
 * The create/edit dialog. `onSave` gets the form's values and what is being edited; a failure puts the server's
 * messages under the fields it names (or `onError` decides), and the dialog stays open.
 */
export function CrudModal<T, V>({
  editor,
  title,
  width,
  onSave,
  onError,
  formTestId,
  children,
}: {
  editor: CrudEditor<T, V>;
  title: ReactNode;
  width?: number;
  onSave: (values: V, editing: Editing<T>) => Promise<void>;
  onError?: (err: unknown) => void;
  formTestId?: string;
  children: ReactNode;
}) {
  const saving = useBusy();
  const save = (values: V) => {
    const editing = editor.editing;
    if (!editing) return;
    void saving.run(() => onSave(values, editing), {
      onError: onError ?? ((err) => showFormError(editor.form as FormInstance, err)),
    });
  };
  return (
    <Modal
      title={title}
      open={!!editor.editing}
      onCancel={editor.close}
      onOk={() => editor.form.submit()}
      okText="保存"
      confirmLoading={saving.busy}
      width={width}
      forceRender
    >
      <Form<V> form={editor.form} layout="vertical" onFinish={save} data-testid={formTestId}>
        {children}
      </Form>
    </Modal>
  );
}

/** The records with 新建 (and the page's other buttons) above them; `aside` sits at the right of the toolbar. */
export function CrudTable<T extends object>({
  createLabel,
  onCreate,
  createDisabled,
  actions,
  aside,
  empty,
  ...table
}: TableProps<T> & {
  createLabel: string;
  onCreate: () => void;
  createDisabled?: boolean;
  actions?: ReactNode;
  aside?: ReactNode;
  /** What the empty table says. */
  empty?: string;
  'data-testid'?: string;
}) {
  const toolbar = (
    <Space wrap>
      <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onCreate} disabled={createDisabled}>
        {createLabel}
      </Button>
      {actions}
    </Space>
  );
  return (
    <>
      {aside ? (
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          {toolbar}
          {aside}
        </Space>
      ) : (
        toolbar
      )}
      <Table<T>
        rowKey="id"
        size="middle"
        locale={empty ? { emptyText: <Empty description={empty} /> } : undefined}
        {...table}
      />
    </>
  );
}
