// A data set's versions: upload a CSV or XLSX file, confirm (or correct) the column types the server proposed,
// look at a version's rows. A confirmed version never changes; a wrong upload can be discarded before.
import { useState } from 'react';
import { Alert, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import type { DatasetDetail, DatasetOptions, RowsResult, UploadResult, VersionView } from './model';

type Column = VersionView['columns'][number];

export function VersionsCard({
  dataset,
  options,
  writer,
  onChanged,
}: {
  dataset: DatasetDetail;
  options: DatasetOptions;
  writer: boolean;
  onChanged: () => Promise<void>;
}) {
  const [label, setLabel] = useState('');
  const [uploading, setUploading] = useState(false);
  const [sample, setSample] = useState<UploadResult | null>(null);
  const [preview, setPreview] = useState<VersionView | null>(null);
  const pending = dataset.versionList.find((v) => v.state === 'uploaded');

  const upload = async (file: File) => {
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const query = label.trim() ? `?label=${encodeURIComponent(label.trim())}` : '';
      const result = await api.upload<UploadResult>(`/api/datasets/${dataset.id}/versions${query}`, form);
      setSample(result);
      setLabel('');
      toastSuccess(`已读取 ${result.version.rowCount} 行数据，请确认各列类型`);
      await onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setUploading(false);
    }
  };

  const columns = [
    { title: '版本', dataIndex: 'label', render: (v: string, r: VersionView) => `${v}（第 ${r.seq} 版）` },
    { title: '行数', dataIndex: 'rowCount', width: 80 },
    { title: '来源', dataIndex: 'sourceName', render: (v: string, r: VersionView) => `${v}（${r.encoding}）` },
    {
      title: '状态',
      dataIndex: 'state',
      width: 120,
      render: (v: string) =>
        v === 'confirmed' ? <Tag color="success">已确认</Tag> : <Tag color="warning">待确认列类型</Tag>,
    },
    { title: '上传时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_: unknown, r: VersionView) => (
        <Button size="small" onClick={() => setPreview(r)}>
          查看数据
        </Button>
      ),
    },
  ];

  return (
    <Card title="数据版本">
      {dataset.autoProvider ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="站点数据由系统每月自动生成新版本；首次发布经审查同意后，以后各月的数据自动公开。"
        />
      ) : writer ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <label htmlFor="ds-version-label">版本名称</label>
          <Input
            id="ds-version-label"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            placeholder="如 2026年10月"
            style={{ width: 200 }}
            maxLength={100}
          />
          <Upload
            accept=".csv,.xlsx,.txt"
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > options.maxFileBytes) {
                showError(
                  new Error(`文件过大：单个数据文件不能超过 ${Math.round(options.maxFileBytes / 1024 / 1024)} MB`),
                );
                return Upload.LIST_IGNORE;
              }
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={uploading} data-testid="dataset-upload">
              上传 CSV 或 XLSX
            </Button>
          </Upload>
          <Typography.Text type="secondary">第一行须为表头；支持 UTF-8 和 GBK 编码的 CSV</Typography.Text>
        </Space>
      ) : null}
      {pending && writer && (
        <ConfirmColumns
          key={pending.id}
          dataset={dataset}
          version={pending}
          sample={sample?.version.id === pending.id ? sample : null}
          options={options}
          onDone={async () => {
            setSample(null);
            await onChanged();
          }}
        />
      )}
      <Table<VersionView>
        rowKey="id"
        size="small"
        dataSource={[...dataset.versionList].reverse()}
        columns={columns}
        pagination={false}
      />
      {preview && <RowsModal dataset={dataset} version={preview} onClose={() => setPreview(null)} />}
    </Card>
  );
}

function ConfirmColumns({
  dataset,
  version,
  sample,
  options,
  onDone,
}: {
  dataset: DatasetDetail;
  version: VersionView;
  sample: UploadResult | null;
  options: DatasetOptions;
  onDone: () => Promise<void>;
}) {
  const [columns, setColumns] = useState<Column[]>(version.columns);
  const [label, setLabel] = useState(version.label);
  const [busy, setBusy] = useState(false);
  const change = (i: number, patch: Partial<Column>) =>
    setColumns(columns.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const confirm = async () => {
    setBusy(true);
    try {
      await api.put(`/api/datasets/${dataset.id}/versions/${version.id}/columns`, { label, columns });
      toastSuccess('列类型已确认');
      await onDone();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const discard = async () => {
    try {
      await api.delete(`/api/datasets/${dataset.id}/versions/${version.id}`);
      await onDone();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Card
      type="inner"
      title={`确认列类型：${version.label}（${version.rowCount} 行）`}
      style={{ marginBottom: 16 }}
      data-testid="confirm-columns"
    >
      {sample && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={sample.proposedFrom} />}
      <Space style={{ marginBottom: 12 }}>
        <label htmlFor="ds-confirm-label">版本名称</label>
        <Input
          id="ds-confirm-label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          style={{ width: 240 }}
          maxLength={100}
        />
      </Space>
      <Table<Column>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={columns}
        columns={[
          { title: '列名', dataIndex: 'name' },
          {
            title: '类型',
            key: 'type',
            width: 140,
            render: (_, c, i) => (
              <Select
                aria-label={`“${c.name}”列的类型`}
                value={c.type}
                style={{ width: 120 }}
                onChange={(type) => change(i, { type })}
                options={options.columnTypes}
              />
            ),
          },
          {
            title: '单位',
            key: 'unit',
            width: 120,
            render: (_, c, i) => (
              <Input
                aria-label={`“${c.name}”列的单位`}
                value={c.unit}
                maxLength={20}
                onChange={(e) => change(i, { unit: e.target.value })}
              />
            ),
          },
          {
            title: '说明',
            key: 'description',
            render: (_, c, i) => (
              <Input
                aria-label={`“${c.name}”列的说明`}
                value={c.description}
                maxLength={200}
                onChange={(e) => change(i, { description: e.target.value })}
              />
            ),
          },
          ...(sample
            ? [
                {
                  title: '前几行的值',
                  key: 'sample',
                  render: (_: unknown, _c: Column, i: number) => (
                    <Typography.Text type="secondary">
                      {sample.sample
                        .slice(0, 3)
                        .map((r) => r[i] ?? '（空）')
                        .join('、')}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={() => void confirm()} loading={busy}>
          确认列类型
        </Button>
        <Button danger onClick={() => void discard()}>
          删除此次上传
        </Button>
      </Space>
    </Card>
  );
}

function RowsModal({
  dataset,
  version,
  onClose,
}: {
  dataset: DatasetDetail;
  version: VersionView;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<RowsResult | null>(null);
  const load = async (n: number) => {
    try {
      setRows(
        await api.get<RowsResult>(`/api/datasets/${dataset.id}/versions/${version.id}/rows?page=${n}&pageSize=20`),
      );
      setPage(n);
    } catch (err) {
      showError(err);
    }
  };
  if (!rows || rows.version !== version.seq) void (rows ? null : load(1));
  return (
    <Modal open title={`${version.label}（${version.rowCount} 行）`} onCancel={onClose} footer={null} width={960}>
      <Table
        rowKey={(_, i) => String(i)}
        size="small"
        scroll={{ x: true }}
        dataSource={rows?.rows ?? []}
        columns={version.columns.map((c) => ({ title: c.unit ? `${c.name}（${c.unit}）` : c.name, dataIndex: c.name }))}
        pagination={{
          current: page,
          pageSize: 20,
          total: rows?.total ?? 0,
          onChange: (n) => void load(n),
          showSizeChanger: false,
        }}
      />
    </Modal>
  );
}
