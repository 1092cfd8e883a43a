// 审计日志: the tamper-evident audit log for the audit administrator — search by date, actor, action, outcome
// and text, see each record's before/after, export CSV, and verify the hash chain.
import { useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Col, Empty, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { useBusy } from '../../components/busy';
import { DayRangeFilter, type DayRangeValue } from '../../components/DayRange';
import { FilterBar } from '../../components/FilterBar';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { dayRange } from '../../time';
// The server's own list of audited actions and their Chinese names (a plain constant module).
import { ACTION_NAMES } from '../../../../src/modules/audit/action-names';
import { useLoad, usePageTitle } from '../../hooks';
import { keyed } from '../../keys';
import type { AuditItem, AuditVerifyResult } from '../../../../src/modules/audit/audit.schema.ts';
import AuditCheckpoints from './AuditCheckpoints';

interface FilterValues {
  range: DayRangeValue;
  actor: string;
  action: string;
  outcome: '' | 'success' | 'failure';
  q: string;
}

interface Filters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  outcome?: string;
  q?: string;
}

/** Chinese names of the kinds of records audit entries point at. */
const TARGET_KINDS: Record<string, string> = {
  user: '用户',
  department: '部门',
  column: '栏目',
  site: '站点',
  content: '信息',
  dataset: '数据集',
  citizen: '公众账号',
  file: '文件',
  audit_log: '审计日志',
  settings: '设置',
  inspection_run: '检查',
  inspection_schedule: '定期检查',
  calendar_year: '工作日历',
};

const EMPTY: FilterValues = { range: null, actor: '', action: '', outcome: '', q: '' };

/** Dates go as calendar days (yyyy-MM-dd, both inclusive); the server reads them as Asia/Shanghai days. */
function toFilters(v: FilterValues): Filters {
  return {
    ...dayRange(v.range),
    actor: v.actor.trim() || undefined,
    action: v.action.trim() || undefined,
    outcome: v.outcome || undefined,
    q: v.q.trim() || undefined,
  };
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function Detail({ detail: raw }: { detail: unknown }) {
  // Records carry a JSON object of details (or nothing).
  const detail = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : null;
  if (!detail || Object.keys(detail).length === 0)
    return <Typography.Text type="secondary">无详细信息</Typography.Text>;
  const { before, after, ...rest } = detail;
  const hasDiff = 'before' in detail || 'after' in detail;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {hasDiff && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Typography.Text strong>修改前</Typography.Text>
            <pre className="json-block">{before === undefined || before === null ? '（无）' : pretty(before)}</pre>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text strong>修改后</Typography.Text>
            <pre className="json-block">{after === undefined || after === null ? '（无）' : pretty(after)}</pre>
          </Col>
        </Row>
      )}
      {Object.keys(rest).length > 0 && (
        <div>
          {hasDiff && <Typography.Text strong>其他信息</Typography.Text>}
          <pre className="json-block">{pretty(rest)}</pre>
        </div>
      )}
    </Space>
  );
}

export default function AuditPage() {
  usePageTitle('审计日志');
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [actions, setActions] = useState<Map<string, string>>(() => new Map(Object.entries(ACTION_NAMES)));
  const verifying = useBusy();
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);

  const result = useLoad(async () => {
    const r = await api.get<{ items: AuditItem[]; total: number }>(
      `/api/audit${queryString({ ...filters, page, pageSize })}`,
    );
    setActions((known) => {
      const fresh = r.items.filter((i) => !known.has(i.action));
      if (fresh.length === 0) return known;
      const next = new Map(known);
      for (const i of fresh) next.set(i.action, i.actionName ?? i.action);
      return next;
    });
    return r;
  }, [filters, page, pageSize]);

  const actionOptions = useMemo(
    () =>
      [...actions.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([value, name]) => ({ value, label: name === value ? value : `${name}（${value}）` })),
    [actions],
  );

  const apply = (values: FilterValues) => {
    setFilters(toFilters(values));
    setPage(1);
  };

  const runVerify = () => {
    setVerify(null);
    void verifying.run(async () => setVerify(await api.get<AuditVerifyResult>('/api/audit/verify')));
  };

  const columns: TableColumnsType<AuditItem> = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '操作人', dataIndex: 'actorName', width: 140 },
    { title: 'IP 地址', dataIndex: 'ip', width: 140 },
    {
      title: '操作',
      key: 'action',
      render: (_, r) => <span title={r.action}>{r.actionName ?? r.action}</span>,
    },
    {
      title: '对象',
      key: 'target',
      render: (_, r) => {
        const kind = TARGET_KINDS[r.targetType] ?? r.targetType;
        if (r.targetName) return <span title={`${r.targetType} #${r.targetId}`}>{`${kind} ${r.targetName}`}</span>;
        return r.targetId ? `${kind} #${r.targetId}` : kind;
      },
    },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 90,
      render: (v: AuditItem['outcome']) =>
        v === 'success' ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>,
    },
  ];

  const exportHref = `/api/audit/export.csv${queryString({ ...filters })}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="审计日志" />
      <FilterBar<FilterValues>
        form={form}
        initialValues={EMPTY}
        onSearch={apply}
        onReset={() => {
          form.resetFields();
          apply(EMPTY);
        }}
        testId="audit-filters"
      >
        <Form.Item label="日期范围" name="range">
          <DayRangeFilter />
        </Form.Item>
        <Form.Item label="操作人" name="actor">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="操作类型" name="action">
          <AutoComplete
            allowClear
            style={{ width: 220 }}
            options={actionOptions}
            showSearch={{
              filterOption: (input, option) =>
                !!option &&
                `${String(option.value)} ${String(option.label)}`.toLowerCase().includes(input.trim().toLowerCase()),
            }}
            placeholder="输入或选择"
          />
        </Form.Item>
        <Form.Item label="结果" name="outcome">
          <Select
            style={{ width: 110 }}
            options={[
              { value: '', label: '全部' },
              { value: 'success', label: '成功' },
              { value: 'failure', label: '失败' },
            ]}
          />
        </Form.Item>
        <Form.Item label="关键字" name="q">
          <Input allowClear style={{ width: 160 }} placeholder="对象编号或详情" />
        </Form.Item>
      </FilterBar>
      <Space wrap>
        <Button icon={<DownloadOutlined aria-hidden />} href={exportHref}>
          导出 CSV
        </Button>
        <Button icon={<SafetyCertificateOutlined aria-hidden />} onClick={runVerify} loading={verifying.busy}>
          校验完整性
        </Button>
      </Space>
      {verify &&
        (verify.ok ? (
          <Alert
            type="success"
            showIcon
            role="status"
            data-testid="audit-verify-result"
            title={`完整性校验通过：共校验 ${verify.checked} 条记录，未发现篡改、删除或插入。`}
            closable={{ onClose: () => setVerify(null) }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="audit-verify-result"
            title={`完整性校验发现 ${verify.problems.length} 个问题（已校验 ${verify.checked} 条记录）`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: 'auto' }}>
                {keyed(verify.problems, (p) => p).map(({ key, item: p }) => (
                  <li key={key}>{p}</li>
                ))}
              </ul>
            }
            closable={{ onClose: () => setVerify(null) }}
          />
        ))}
      <Table<AuditItem>
        rowKey="id"
        columns={columns}
        dataSource={result.data?.items ?? []}
        loading={result.loading}
        size="middle"
        scroll={{ x: 900 }}
        expandable={{
          columnTitle: <span className="sr-only">展开详情</span>,
          expandedRowRender: (r) => <Detail detail={r.detail} />,
        }}
        locale={{ emptyText: <Empty description="没有符合条件的审计记录" /> }}
        pagination={{
          current: page,
          pageSize,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, size) => {
            if (size !== pageSize) {
              setPageSize(size);
              setPage(1);
            } else {
              setPage(p);
            }
          },
        }}
        data-testid="audit-table"
      />
      <AuditCheckpoints />
    </Space>
  );
}
