// The scaffold of a report about one site (访问统计, 搜索报表 …): the title with the site picker, what the report
// counts, its period controls, and the figures — a spinner while they load, a notice when there is no site.
import type { ReactNode } from 'react';
import { Card, Empty, Space, Spin } from 'antd';
import type { SiteScope } from '../hooks';
import { SitePageHeader } from './PageHeader';

export function SiteReport({
  title,
  scope,
  intro,
  controls,
  loading,
  children,
}: {
  title: string;
  scope: SiteScope;
  /** What the report counts and how (a paragraph or an alert). */
  intro: ReactNode;
  /** The period and other choices, shown in a card above the figures. */
  controls: ReactNode;
  loading: boolean;
  children: ReactNode;
}) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title={title} scope={scope} />
      {intro}
      <Card size="small">{controls}</Card>
      {!scope.siteId && !scope.sites.loading ? (
        <Empty description="暂无可查看的站点" />
      ) : (
        <Spin spinning={loading}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {children}
          </Space>
        </Spin>
      )}
    </Space>
  );
}
