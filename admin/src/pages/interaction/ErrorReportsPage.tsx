// 找错工单: the tickets of the local 纠错 form and of the national 我为政府网站找错 platform (one list, both clocks:
// reply within 3 working days, 办结 within a month), and the import of the national platform's CSV/XLSX exports.
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, useSiteScope } from '../../hooks';
import type { ImportRecord, ImportResult } from '../../../../src/modules/interaction/interaction.schema';
import MessagesPage from './MessagesPage';

function ImportCard() {
  const { siteId } = useSiteScope();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const history = useLoad(siteId ? () => api.get<ImportRecord[]>(`/api/sites/${siteId}/error-reports/imports`) : null, [
    siteId,
  ]);
  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    try {
      const r = await api.upload<ImportResult>(`/api/sites/${siteId}/error-reports/import`, form);
      setResult(r);
      toastSuccess(`导入完成：新增 ${r.created} 条，更新 ${r.updated} 条`);
      await history.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="导入全国政府网站找错平台的留言">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined aria-hidden />} loading={busy}>
            选择导出文件（CSV 或 XLSX）
          </Button>
        </Upload>
        {result ? (
          <Alert
            type={result.problems.length ? 'warning' : 'success'}
            showIcon
            title={`共 ${result.total} 行：新增 ${result.created}，更新 ${result.updated}，未变化 ${result.skipped}`}
            description={result.problems.length ? result.problems.join('；') : undefined}
          />
        ) : null}
        <Table<ImportRecord>
          size="small"
          rowKey="id"
          dataSource={history.data ?? []}
          loading={history.loading}
          pagination={false}
          columns={[
            { title: '导入时间', dataIndex: 'importedAt', render: (v: string) => formatDateTime(v).slice(0, 16) },
            { title: '文件', dataIndex: 'fileName' },
            { title: '行数', dataIndex: 'total' },
            { title: '新增', dataIndex: 'created' },
            { title: '更新', dataIndex: 'updated' },
          ]}
        />
      </Space>
    </Card>
  );
}

export default function ErrorReportsPage() {
  const { can } = useAuth();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <MessagesPage channel="error" />
      {can('message.dispatch') ? <ImportCard /> : null}
    </Space>
  );
}
