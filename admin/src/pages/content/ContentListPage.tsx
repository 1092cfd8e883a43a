// 信息发布: the site's content with filters (column, status, review state, type, keyword, 只看我的). Editors create and edit;
// reviewers, leaders and secrecy reviewers read. Filters live in the address so “back” keeps them.
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Checkbox, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { ColumnTreeSelect, FilterBar } from '../../components/FilterBar';
import { SitePageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { useColumnIndex, useContentOptions } from './data';
import type { ContentListItem } from '../../../../src/modules/content/content.schema.ts';
import { REVIEW_STATE_OPTIONS, STATE_COLORS } from '../review/labels';
import { STATUS_COLORS, TYPE_NAMES } from './labels';
import './content.css';

interface FilterValues {
  columnId?: number;
  status?: string;
  reviewState?: string;
  type?: string;
  q?: string;
  mine?: boolean;
}

const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export default function ContentListPage() {
  usePageTitle('信息发布');
  const { can } = useAuth();
  const writer = can('content.write');
  const navigate = useNavigate();
  const scope = useSiteScope();
  const { site, siteId } = scope;
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();
  const options = useContentOptions();
  const columns = useColumnIndex(siteId);

  const filters = {
    columnId: num(params.get('columnId')),
    status: params.get('status') ?? undefined,
    reviewState: params.get('reviewState') ?? undefined,
    type: params.get('type') ?? undefined,
    q: params.get('q') ?? undefined,
    mine: params.get('mine') === '1' ? true : undefined,
  };
  const page = num(params.get('page')) ?? 1;
  const pageSize = num(params.get('pageSize')) ?? 20;
  const key = params.toString();

  const result = useLoad(
    siteId
      ? () =>
          api.get<{ items: ContentListItem[]; total: number }>(
            `/api/sites/${siteId}/content${queryString({ ...filters, mine: filters.mine ? 'true' : undefined, page, pageSize })}`,
          )
      : null,
    [siteId, key],
  );

  const apply = (values: FilterValues, nextPage = 1, nextSize = pageSize) => {
    const next = new URLSearchParams();
    if (values.columnId) next.set('columnId', String(values.columnId));
    if (values.status) next.set('status', values.status);
    if (values.reviewState) next.set('reviewState', values.reviewState);
    if (values.type) next.set('type', values.type);
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.mine) next.set('mine', '1');
    if (nextPage > 1) next.set('page', String(nextPage));
    if (nextSize !== 20) next.set('pageSize', String(nextSize));
    setParams(next);
  };

  const tableColumns: TableColumnsType<ContentListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/content/${r.id}`}>{r.title}</Link>
          {r.indexNo && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              索引号：{r.indexNo}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'typeName', width: 96, render: (v: string, r) => v || TYPE_NAMES[r.type] },
    { title: '栏目', dataIndex: 'columnName', width: 140 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[r.status]}>{r.statusName}</Tag>
          {r.pendingChanges && <Tag color="orange">有未发布的修改</Tag>}
          {r.reviewState && r.reviewState !== 'approved' && (
            <Tag color={STATE_COLORS[r.reviewState]} data-testid="list-review-state">
              审查：{r.reviewStateName}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: '版本',
      key: 'version',
      width: 120,
      render: (_, r) => (
        <span>
          第 {r.version} 版
          {r.publishedVersion !== null && r.publishedVersion !== r.version && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              网站上为第 {r.publishedVersion} 版
            </Typography.Text>
          )}
        </span>
      ),
    },
    { title: '首次发布', dataIndex: 'firstPublishedAt', width: 170, render: (v: string | null) => formatDateTime(v) },
    { title: '最后修改', dataIndex: 'updatedAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="信息发布"
        scope={scope}
        onSiteChange={() => {
          form.resetFields();
          setParams(new URLSearchParams());
        }}
        extra={
          writer && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate('/content/new')}
              disabled={!site}
            >
              新建
            </Button>
          )
        }
      />
      {!writer && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          您可以查看本站点的信息及其审查记录；新建和修改信息由各部门的编辑（承办人）进行。
        </Typography.Paragraph>
      )}
      <FilterBar<FilterValues>
        key={`${siteId}:${key}`}
        form={form}
        initialValues={filters}
        onSearch={(v) => apply(v)}
        onReset={() => setParams(new URLSearchParams())}
        testId="content-filters"
      >
        <Form.Item label="栏目" name="columnId">
          <ColumnTreeSelect roots={columns.data?.roots ?? []} width={200} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select allowClear style={{ width: 130 }} placeholder="全部" options={options.data?.statuses ?? []} />
        </Form.Item>
        <Form.Item label="审查" name="reviewState">
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder="全部"
            popupMatchSelectWidth={false}
            options={[...REVIEW_STATE_OPTIONS, { value: 'none', label: '未提交审查' }]}
          />
        </Form.Item>
        <Form.Item label="类型" name="type">
          <Select allowClear style={{ width: 130 }} placeholder="全部" options={options.data?.types ?? []} />
        </Form.Item>
        <Form.Item label="关键字" name="q">
          <Input allowClear style={{ width: 180 }} placeholder="标题中的文字" maxLength={100} />
        </Form.Item>
        {writer && (
          <Form.Item name="mine" valuePropName="checked">
            <Checkbox>只看我的</Checkbox>
          </Form.Item>
        )}
      </FilterBar>
      <Table<ContentListItem>
        rowKey="id"
        columns={tableColumns}
        dataSource={result.data?.items ?? []}
        loading={result.loading}
        size="middle"
        scroll={{ x: 960 }}
        locale={{
          emptyText: <Empty description={writer ? '没有符合条件的信息，可点击“新建”发布信息' : '没有符合条件的信息'} />,
        }}
        pagination={{
          current: page,
          pageSize,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, size) => apply(filters, size !== pageSize ? 1 : p, size),
        }}
        data-testid="content-table"
      />
    </Space>
  );
}
