// The top of every page: its title (h2), and on the right what the page is about (the site it works on) or its
// main buttons.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { SiteScope } from '../hooks';
import { SiteSelect } from './SiteSelect';

export function PageHeader({
  title,
  extra,
  back,
}: {
  title: ReactNode;
  extra?: ReactNode;
  /** A page opened from a list: the way back, above the title. */
  back?: { to: string; label: string };
}) {
  const h2 = (
    <Typography.Title level={2} style={{ margin: 0 }}>
      {title}
    </Typography.Title>
  );
  const heading = back ? (
    <Space orientation="vertical" size={0}>
      <Link to={back.to}>
        <ArrowLeftOutlined aria-hidden /> {back.label}
      </Link>
      {h2}
    </Space>
  ) : (
    h2
  );
  if (extra === undefined) return heading;
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
      {heading}
      {extra}
    </Space>
  );
}

/**
 * The header of a page that works on one site: the site picker on the right. `onSiteChange` runs after the
 * choice (to clear filters that belonged to the previous site); `extra` sits next to the picker.
 */
export function SitePageHeader({
  title,
  scope,
  onSiteChange,
  extra,
}: {
  title: ReactNode;
  scope: SiteScope;
  onSiteChange?: (id: number) => void;
  extra?: ReactNode;
}) {
  const picker = scope.sites.data && (
    <SiteSelect
      sites={scope.sites.data}
      value={scope.site}
      onChange={(id) => {
        scope.chooseSite(id);
        onSiteChange?.(id);
      }}
    />
  );
  return (
    <PageHeader
      title={title}
      extra={
        extra ? (
          <Space wrap>
            {picker}
            {extra}
          </Space>
        ) : (
          picker
        )
      }
    />
  );
}
