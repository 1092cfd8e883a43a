// 审查登记: the 信息发布审查登记表 (附件3) as a table — one row per submission with both opinions, names and
// dates — with filters and exports (Excel / PDF) of exactly what is shown.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Empty, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { formatMinute } from '../../format';
import { dayRange, shanghaiYear } from '../../time';
import { DayRangeFilter, type DayRangeValue } from '../../components/DayRange';
import { ColumnTreeSelect, DepartmentSelect, FilterBar } from '../../components/FilterBar';
import { SitePageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { useColumnIndex, useDepartments } from '../content/data';
import type { RegisterOpinion, RegisterRow } from '../../../../src/modules/review/review.schema.ts';
import { OUTCOME_COLORS, REVIEW_STATE_OPTIONS } from './labels';
import '../content/content.css';

interface FilterValues {
  year?: number;
  range?: DayRangeValue;
  departmentId?: number;
  columnId?: number;
  outcome?: string;
  state?: string;
}

interface Filters {
  year?: number;
  from?: string;
  to?: string;
  departmentId?: number;
  columnId?: number;
  outcome?: string;
  state?: string;
}

const thisYear = shanghaiYear();
const YEARS = Array.from({ length: 6 }, (_, i) => thisYear - i);

function toFilters(v: FilterValues): Filters {
  return {
    year: v.year || undefined,
    ...dayRange(v.range),
    departmentId: v.departmentId || undefined,
    columnId: v.columnId || undefined,
    outcome: v.outcome || undefined,
    state: v.state || undefined,
  };
}

function Opinion({ value, pending }: { value: RegisterOpinion | null; pending?: string }) {
  if (!value) return <Typography.Text type="secondary">{pending ?? '—'}</Typography.Text>;
  const color =
    value.decision === '同意' || value.decision === '不涉密'
      ? 'success'
      : value.decision === '不同意' || value.decision === '涉密'
        ? 'error'
        : 'default';
  return (
    <Space orientation="vertical" size={0}>
      <span>
        <Tag color={color}>{value.decision}</Tag>
        {value.opinion && value.opinion !== value.decision ? value.opinion : ''}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {value.name} · {formatMinute(value.at)}
      </Typography.Text>
    </Space>
  );
}

export default function RegisterPage() {
  usePageTitle('审查登记');
  const scope = useSiteScope();
  const { siteId } = scope;
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({ year: thisYear });
  const departments = useDepartments(siteId);
  const columns = useColumnIndex(siteId);
  const rows = useLoad(
    siteId
      ? () =>
          api
            .get<{ items: RegisterRow[] }>(`/api/sites/${siteId}/register${queryString({ ...filters })}`)
            .then((r) => r.items)
      : null,
    [siteId, filters],
  );

  const exportHref = (format: 'xlsx' | 'pdf') =>
    siteId ? `/api/sites/${siteId}/register.${format}${queryString({ ...filters })}` : undefined;

  const pendingText = (r: RegisterRow, step: 'dept' | 'leader') => {
    if (r.outcome === '涉密不发布' || r.outcome === '不同意') return '—';
    if (step === 'dept' && (r.stateName === '待工作机构审查' || r.stateName === '待保密审查')) return '待审查';
    if (step === 'leader' && r.outcome === '审查中') return '待审批';
    return '—';
  };

  const tableColumns: TableColumnsType<RegisterRow> = [
    { title: '序号', dataIndex: 'serialText', width: 80 },
    { title: '部门', dataIndex: 'department', width: 88 },
    {
      title: '信息名称',
      dataIndex: 'title',
      width: 190,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/content/${r.contentId}`}>{r.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            承办人 {r.submitter} · {formatMinute(r.submittedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '是否涉密',
      dataIndex: 'secret',
      width: 100,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <span>{r.secret}</span>
          {r.secrecy && (
            <span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                保密审查：
              </Typography.Text>
              <Opinion value={r.secrecy} />
            </span>
          )}
        </Space>
      ),
    },
    { title: '发布形式', dataIndex: 'releaseForm', width: 76 },
    {
      title: '网站发布栏目',
      dataIndex: 'columnBox',
      width: 100,
      render: (_, r) => (r.columnBox === '其他' ? `其他：${r.column}` : r.columnBox),
    },
    {
      title: '工作机构或人员审查意见',
      key: 'dept',
      width: 160,
      render: (_, r) => <Opinion value={r.dept} pending={pendingText(r, 'dept')} />,
    },
    {
      title: '分管领导意见',
      key: 'leader',
      width: 160,
      render: (_, r) => <Opinion value={r.leader} pending={pendingText(r, 'leader')} />,
    },
    {
      title: '审查结果',
      dataIndex: 'outcome',
      width: 88,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={OUTCOME_COLORS[r.outcome] ?? 'default'}>{r.outcome}</Tag>
          {r.outcome === '审查中' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.stateName}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="信息发布审查登记"
        scope={scope}
        onSiteChange={() => {
          form.setFieldsValue({ departmentId: undefined, columnId: undefined });
          setFilters((f) => ({ ...f, departmentId: undefined, columnId: undefined }));
        }}
      />
      <FilterBar<FilterValues>
        form={form}
        initialValues={{ year: thisYear }}
        onSearch={(v) => setFilters(toFilters(v))}
        onReset={() => {
          form.setFieldsValue({
            year: undefined,
            range: null,
            departmentId: undefined,
            columnId: undefined,
            outcome: undefined,
            state: undefined,
          });
          setFilters({});
        }}
        testId="register-filters"
      >
        <Form.Item label="年度" name="year">
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder="全部"
            options={YEARS.map((y) => ({ value: y, label: `${y}年` }))}
          />
        </Form.Item>
        <Form.Item label="提交日期" name="range">
          <DayRangeFilter />
        </Form.Item>
        <Form.Item label="部门" name="departmentId">
          <DepartmentSelect departments={departments.data ?? []} width={160} />
        </Form.Item>
        <Form.Item label="栏目" name="columnId">
          <ColumnTreeSelect roots={columns.data?.roots ?? []} width={180} />
        </Form.Item>
        <Form.Item label="审查结果" name="outcome">
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder="全部"
            options={['审查中', '同意', '不同意', '涉密不发布'].map((v) => ({ value: v, label: v }))}
          />
        </Form.Item>
        <Form.Item label="审查环节" name="state">
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder="全部"
            popupMatchSelectWidth={false}
            options={REVIEW_STATE_OPTIONS}
          />
        </Form.Item>
      </FilterBar>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">
          共 {rows.data?.length ?? 0} 条登记{filters.year ? `（${filters.year}年）` : ''}。导出的表格与附件3
          格式一致，按当前筛选条件导出。
        </Typography.Text>
        <Space wrap>
          <Button
            icon={<FileExcelOutlined aria-hidden />}
            href={exportHref('xlsx')}
            disabled={!siteId}
            data-testid="export-xlsx"
          >
            导出 Excel
          </Button>
          <Button
            icon={<FilePdfOutlined aria-hidden />}
            href={exportHref('pdf')}
            disabled={!siteId}
            data-testid="export-pdf"
          >
            导出 PDF
          </Button>
        </Space>
      </Space>
      <Table<RegisterRow>
        rowKey="id"
        bordered
        size="small"
        className="register-table"
        columns={tableColumns}
        dataSource={rows.data ?? []}
        loading={rows.loading}
        // 1042 px of columns: the whole register fits a 1366 px screen beside the menu, without scrolling.
        scroll={{ x: 1042 }}
        pagination={{
          pageSize: 50,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => `共 ${n} 条`,
        }}
        locale={{ emptyText: <Empty description="没有符合条件的审查登记" /> }}
        data-testid="register-table"
      />
    </Space>
  );
}
