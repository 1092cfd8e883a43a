// The facts the guide check compares with: each department's registered 咨询 and 监督投诉 numbers (内容准确), and
// the site's dictionary of vague phrases (办事指南: 表述含糊不清).
import { useEffect, useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import type { ContactsView } from './types';

type Row = ContactsView['departments'][number];

export function ContactsTab({ siteId }: { siteId: number }) {
  const contacts = useLoad(() => api.get<ContactsView>(`/api/sites/${siteId}/services/contacts`), [siteId]);
  const [edits, setEdits] = useState<Record<number, { consult: string[]; complaint: string[] }>>({});
  const save = async (r: Row) => {
    const e = edits[r.departmentId] ?? { consult: r.consult, complaint: r.complaint };
    try {
      await api.put(`/api/sites/${siteId}/services/contacts/${r.departmentId}`, e);
      toastSuccess(`${r.departmentName}的登记电话已保存`);
      await contacts.reload();
    } catch (err) {
      showError(err);
    }
  };
  const edit = (r: Row, key: 'consult' | 'complaint', value: string[]) => {
    const current = edits[r.departmentId] ?? { consult: r.consult, complaint: r.complaint };
    setEdits({ ...edits, [r.departmentId]: { ...current, [key]: value } });
  };
  const columns: TableColumnsType<Row> = [
    { title: '部门', dataIndex: 'departmentName', width: 160 },
    ...(['consult', 'complaint'] as const).map((key) => ({
      title: key === 'consult' ? '咨询电话' : '监督投诉电话',
      key,
      render: (_: unknown, r: Row) => (
        <Select
          mode="tags"
          style={{ width: '100%' }}
          aria-label={`${r.departmentName}${key === 'consult' ? '咨询电话' : '监督投诉电话'}`}
          value={edits[r.departmentId]?.[key] ?? r[key]}
          onChange={(v: string[]) => edit(r, key, v)}
          tokenSeparators={['、', '，', ',', ' ']}
        />
      ),
    })),
    { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: formatDateTime },
    {
      title: '操作',
      key: 'save',
      width: 90,
      render: (_, r) => (
        <Button size="small" onClick={() => void save(r)} disabled={!edits[r.departmentId]}>
          保存
        </Button>
      ),
    },
  ];
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="办事指南中的咨询、投诉电话须与部门登记的号码一致；号码变更后，已发布的指南会在“指南检查”中标出。"
      />
      <Table
        rowKey="departmentId"
        size="middle"
        loading={contacts.loading}
        columns={columns}
        dataSource={contacts.data?.departments ?? []}
        pagination={false}
      />
    </>
  );
}

export function VagueWordsTab({ siteId }: { siteId: number }) {
  const words = useLoad(
    () => api.get<{ words: string[]; isDefault: boolean }>(`/api/sites/${siteId}/services/vague-words`),
    [siteId],
  );
  const [text, setText] = useState('');
  useEffect(() => {
    if (words.data) setText(words.data.words.join('\n'));
  }, [words.data]);
  const save = async () => {
    try {
      await api.put(`/api/sites/${siteId}/services/vague-words`, { words: text.split('\n') });
      toastSuccess('含糊表述词库已保存，已发布的办事指南将按新词库检查');
      await words.reload();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>
        办事指南中出现以下表述的，按“表述含糊不清”提示（每个事项扣 2 分）。每行一个词语。
        {words.data?.isDefault ? '当前使用系统默认词库。' : ''}
      </Typography.Paragraph>
      <Input.TextArea rows={16} value={text} onChange={(e) => setText(e.target.value)} aria-label="含糊表述词库" />
      <Button type="primary" onClick={() => void save()}>
        保存词库
      </Button>
    </Space>
  );
}
