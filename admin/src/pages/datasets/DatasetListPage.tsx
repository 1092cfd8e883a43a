// 数据发布: the site's data sets with their release state; editors create new ones (uploaded data or the site's
// own monthly figures), reviewers and leaders open them from here or from their 待办.
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import { STATUS_COLORS } from '../content/labels';
import { STATE_COLORS } from '../review/labels';
import { REVIEW_STATE_NAMES, type DatasetSummary } from './model';

export default function DatasetListPage() {
  usePageTitle('数据发布');
  const { can } = useAuth();
  const navigate = useNavigate();
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  const list = useLoad(site ? () => api.get<DatasetSummary[]>(`/api/sites/${site.id}/datasets`) : null, [site?.id]);

  const columns: TableColumnsType<DatasetSummary> = [
    {
      title: '数据集',
      dataIndex: 'title',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/datasets/${r.id}`}>{r.title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            资源代码：{r.identifier}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '数据领域', dataIndex: 'theme', width: 110 },
    { title: '提供部门', dataIndex: 'departmentName', width: 130 },
    { title: '更新周期', dataIndex: 'updateFrequency', width: 96 },
    { title: '版本', dataIndex: 'versions', width: 72 },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[r.status]}>{r.statusName}</Tag>
          {r.autoProvider && <Tag color="cyan">站点数据·每月自动更新</Tag>}
          {r.reviewState && r.reviewState !== 'approved' && (
            <Tag color={STATE_COLORS[r.reviewState]}>审查：{REVIEW_STATE_NAMES[r.reviewState] ?? r.reviewState}</Tag>
          )}
        </Space>
      ),
    },
    { title: '修改时间', dataIndex: 'updatedAt', width: 160, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        数据发布
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        数据集上传 CSV 或
        Excel（XLSX）文件，确认各列类型、设计图表后提交信息发布审查；分管领导同意后在“数据发布”栏目公开，提供图表、下载和数据接口。
      </Typography.Paragraph>
      <Space wrap>
        <SiteSelect sites={sites.data ?? []} value={site} onChange={chooseSite} />
        {can('content.write') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/datasets/new')}>
            新建数据集
          </Button>
        )}
      </Space>
      <Card>
        <Table<DatasetSummary>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data ?? []}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="还没有数据集" /> }}
        />
      </Card>
    </Space>
  );
}
