// 年度报告与年度报表: where each year's 政府信息公开工作年度报告 and 政府网站工作年度报表 stand against their deadline
// (31 January of the next year), and the chosen year's two reports to generate, complete and submit.
import { useState } from 'react';
import { Alert, Card, InputNumber, Space, Table, Tabs, Tag } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { SitePageHeader } from '../../components/PageHeader';
import { formatMinute } from '../../format';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { shanghaiYear } from '../../time';
import type { ReportsOverview } from '../../../../src/modules/annual-reports/annual-reports.schema';
import { DisclosureReportTab, STATUS_TAGS } from './DisclosureReportTab';
import { WebsiteReportTab } from './WebsiteReportTab';

const KIND_NAMES = { disclosure: '政府信息公开工作年度报告', website: '政府网站工作年度报表' } as const;

export default function AnnualReportsPage() {
  usePageTitle('年度报表');
  const scope = useSiteScope();
  const { siteId } = scope;
  const { user } = useAuth();
  const canManage = user?.capabilities.includes('participation.manage') ?? false;
  // The report due now is last year's.
  const [year, setYear] = useState(shanghaiYear() - 1);
  const overview = useLoad(siteId ? () => api.get<ReportsOverview>(`/api/annual-reports?siteId=${siteId}`) : null, [
    siteId,
  ]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="年度报告与年度报表" scope={scope} />
      {overview.data?.deadlines.map((d) => (
        <Alert
          key={`${d.kind}-${d.year}`}
          type={d.status === 'overdue' ? 'error' : d.status === 'due' ? 'warning' : 'info'}
          title={`${d.title}（截止 ${d.due}）`}
          description={d.message}
        />
      ))}
      <Card size="small" title="历年报告">
        <Table
          size="small"
          rowKey={(r) => `${r.kind}-${r.year}`}
          loading={overview.loading}
          dataSource={overview.data?.reports ?? []}
          pagination={false}
          onRow={(r) => ({ onClick: () => setYear(r.year), style: { cursor: 'pointer' } })}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '报告', dataIndex: 'kind', render: (k: keyof typeof KIND_NAMES) => KIND_NAMES[k] },
            {
              title: '状态',
              dataIndex: 'status',
              width: 160,
              render: (s: keyof typeof STATUS_TAGS, r) => (
                <>
                  <Tag color={STATUS_TAGS[s].color}>{STATUS_TAGS[s].label}</Tag>
                  {r.late ? <Tag color="red">逾期</Tag> : null}
                </>
              ),
            },
            { title: '发布时间', dataIndex: 'publishedAt', width: 160, render: (v: string | null) => formatMinute(v) },
          ]}
        />
      </Card>
      <Space>
        <span>年度</span>
        <InputNumber aria-label="报告年度" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      {siteId ? (
        <Tabs
          items={[
            {
              key: 'disclosure',
              label: KIND_NAMES.disclosure,
              children: <DisclosureReportTab siteId={siteId} year={year} canManage={canManage} />,
            },
            {
              key: 'website',
              label: KIND_NAMES.website,
              children: <WebsiteReportTab siteId={siteId} year={year} canManage={canManage} />,
            },
          ]}
        />
      ) : null}
    </Space>
  );
}
