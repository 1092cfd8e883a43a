import { useEffect, useState } from 'react';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useMe } from '../auth';
import { loadSites, usePageTitle } from '../hooks';
import type { Site } from '../types';
import { visibleNav } from '../nav';

function greeting(): string {
  const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(new Date()));
  if (hour < 6) return '您好';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function DashboardPage() {
  usePageTitle('工作台');
  const me = useMe();
  const needsSites = me.roles.some((r) => r.siteId !== null);
  const [sites, setSites] = useState<Site[]>([]);
  useEffect(() => {
    // Only to name the sites of site-scoped roles; not every role may list sites, so failures stay silent.
    if (needsSites) loadSites().then(setSites, () => undefined);
  }, [needsSites]);
  const siteName = (id: number | null) => (id === null ? '全部站点' : (sites.find((s) => s.id === id)?.name ?? `站点 #${id}`));
  const sections = visibleNav(me.capabilities)
    .filter((g) => g.label)
    .map((g) => g.label!);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {greeting()}，{me.displayName}
      </Typography.Title>
      <Card title="我的账号">
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="所属部门">{me.departmentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="角色" span={2}>
            {me.roles.length === 0 ? (
              <Typography.Text type="secondary">尚未分配角色，请联系系统管理员</Typography.Text>
            ) : (
              <Space wrap>
                {me.roles.map((r, i) => (
                  <Tag key={i} color="blue">
                    {r.roleName}
                    {needsSites && r.siteId !== null ? `（${siteName(r.siteId)}）` : ''}
                  </Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Paragraph type="secondary">
        {sections.length
          ? `您可以通过左侧菜单进入：${sections.join('、')}。`
          : '您的角色在管理后台暂无可用的管理功能。'}
      </Typography.Paragraph>
    </Space>
  );
}
