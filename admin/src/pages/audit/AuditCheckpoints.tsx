// The signed checkpoints of the audit chain head (one a day): the audit administrator sees that they are genuine
// and kept in the append-only file beside the key, so removal of the newest records cannot go unnoticed.
import { Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import type { CheckpointList, CheckpointView } from '../../../../src/modules/audit/audit.schema.ts';

const ALGORITHMS: Record<string, string> = { 'hmac-sm3': 'HMAC-SM3', 'hmac-sha256': 'HMAC-SHA-256' };

export default function AuditCheckpoints() {
  const result = useLoad(() => api.get<CheckpointList>('/api/audit/checkpoints'), []);
  const columns: TableColumnsType<CheckpointView> = [
    { title: '签发时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '链尾记录', dataIndex: 'lastId', width: 100, render: (v: number) => `#${v}` },
    { title: '记录数', dataIndex: 'recordCount', width: 90 },
    {
      title: '链尾哈希',
      dataIndex: 'lastHash',
      render: (v: string) => <Typography.Text code>{v.slice(0, 16)}…</Typography.Text>,
    },
    {
      title: '签名',
      dataIndex: 'signatureOk',
      width: 90,
      render: (ok: boolean) => (ok ? <Tag color="success">有效</Tag> : <Tag color="error">无效</Tag>),
    },
    {
      title: '检查点文件',
      dataIndex: 'inFile',
      width: 110,
      render: (ok: boolean) => (ok ? <Tag>已写入</Tag> : <Tag color="warning">文件中缺失</Tag>),
    },
  ];
  const key = result.data?.key;
  return (
    <Card size="small" title="检查点（每日签名的链尾）" data-testid="audit-checkpoints">
      {key && (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="签名算法">{ALGORITHMS[key.algorithm] ?? key.algorithm}</Descriptions.Item>
          <Descriptions.Item label="密钥指纹">
            <Typography.Text code>{key.fingerprint.slice(0, 16)}…</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="密钥签名起点">
            {key.keyedFromId === null ? '—' : `记录 #${key.keyedFromId}`}
          </Descriptions.Item>
          <Descriptions.Item label="检查点文件">{key.checkpointFile}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<CheckpointView>
        rowKey={(r) => `${r.at}-${r.lastId}`}
        columns={columns}
        dataSource={result.data?.items ?? []}
        loading={result.loading}
        size="small"
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty description="还没有检查点（每天自动生成一次）" /> }}
      />
    </Card>
  );
}
