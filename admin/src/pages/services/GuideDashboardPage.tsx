// 指南检查: every item in use with the completeness check of its published guide — what changed since publication
// (a department's line, the vague-word dictionary, a withdrawn policy document) shows here, each finding with the
// indicator it costs; items without a published guide are listed first.
import { Link } from 'react-router-dom';
import { Alert, Space, Statistic, Table, Tag, Typography } from 'antd';
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import type { GuideDashboard } from './types';

type Entry = GuideDashboard['items'][number];

export default function GuideDashboardPage() {
  usePageTitle('指南检查');
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  const siteId = site?.id;
  const board = useLoad(siteId ? () => api.get<GuideDashboard>(`/api/sites/${siteId}/services/dashboard`) : null, [
    siteId,
  ]);
  const rows = [...(board.data?.items ?? [])].sort(
    (a, b) => Number(a.hasGuide) - Number(b.hasGuide) || b.findings.length - a.findings.length,
  );
  const t = board.data?.totals;
  return (
    <div data-testid="services-dashboard">
      <Space style={{ marginBottom: 16 }} align="center" wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          指南检查
        </Typography.Title>
        <SiteSelect sites={sites.data ?? []} value={site} onChange={chooseSite} />
        <Typography.Text type="secondary">检查时间 {formatDateTime(board.data?.checkedAt ?? null)}</Typography.Text>
      </Space>
      <Space size="large" style={{ marginBottom: 16 }}>
        <Statistic title="在用事项" value={t?.items ?? 0} />
        <Statistic title="无已发布指南" value={t?.withoutGuide ?? 0} />
        <Statistic title="指南有问题" value={t?.withFindings ?? 0} />
        <Statistic title="缺失 4 类及以上要素" value={t?.impractical ?? 0} />
      </Space>
      {t && t.impractical + t.withoutGuide >= 5 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message="缺失 4 类及以上重点要素（含无指南）的事项已达 5 个，检查时将判定“服务不实用”（单项否决）。"
        />
      ) : null}
      <Table<Entry>
        rowKey={(e) => e.item.id}
        size="middle"
        loading={board.loading}
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: '事项',
            key: 'item',
            render: (_, e) => <Link to={`/services/items/${e.item.id}`}>{e.item.name}</Link>,
          },
          { title: '部门', key: 'dept', width: 140, render: (_, e) => e.item.departmentName },
          {
            title: '检查结果',
            key: 'result',
            render: (_, e) =>
              !e.hasGuide ? (
                <Tag color="red">无已发布的办事指南（办事指南 每个扣 4 分）</Tag>
              ) : e.findings.length === 0 ? (
                <Tag color="green">通过</Tag>
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {e.findings.map((f) => (
                    <li key={`${f.code}-${f.field}-${f.message}`}>
                      {f.place}：{f.message}（{f.indicator}：{f.cost}）
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            title: '扣分',
            key: 'cost',
            width: 160,
            render: (_, e) =>
              Object.entries(e.cost)
                .map(([name, points]) => `${name} ${points}`)
                .join('；') || '—',
          },
        ]}
      />
    </div>
  );
}
