import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, queryString } from '../api';
import { useMe } from '../auth';
import { loadSites, useCurrentSite, useLoad, usePageTitle } from '../hooks';
import { shanghaiHour } from '../time';
import type { SiteView as Site } from '../../../src/modules/sites/sites.schema.ts';
import type { DutyDashboard as DutyResponse, DutyStatus } from '../../../src/modules/duty/duty.schema.ts';
import type { Inbox } from '../../../src/modules/review/review.schema.ts';
import { formatDateTime } from '../format';
import { visibleNav } from '../nav';
import { CONTENT_STAFF } from '../nav';
import { DUTY_HEX } from './duty/labels';
import { useReviewCounts } from './review/reviewCounts';

function greeting(): string {
  const hour = shanghaiHour();
  if (hour < 6) return '您好';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function DashboardPage() {
  usePageTitle('工作台');
  const me = useMe();
  const contentStaff = CONTENT_STAFF.some((c) => me.capabilities.includes(c));
  const needsSites = me.roles.some((r) => r.siteId !== null) || contentStaff;
  const [sites, setSites] = useState<Site[]>([]);
  useEffect(() => {
    // To name the sites of site-scoped roles (and pick the site of the content figures); not every role may
    // list sites, so failures stay silent.
    if (needsSites) loadSites().then(setSites, () => undefined);
  }, [needsSites]);
  const siteName = (id: number | null) =>
    id === null ? '全部站点' : (sites.find((s) => s.id === id)?.name ?? `站点 #${id}`);
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
                {me.roles.map((r) => (
                  <Tag key={`${r.role}@${r.siteId ?? 'all'}`} color="blue">
                    {r.roleName}
                    {needsSites && r.siteId !== null ? `（${siteName(r.siteId)}）` : ''}
                  </Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {contentStaff && <ContentWork sites={sites} />}
      <Typography.Paragraph type="secondary">
        {sections.length
          ? `您可以通过左侧菜单进入：${sections.join('、')}。`
          : '您的角色在管理后台暂无可用的管理功能。'}
      </Typography.Paragraph>
    </Space>
  );
}

/** Shown on the dashboard; the rest are one click away in 我的待办. */
const WAITING_SHOWN = 5;

/**
 * The items waiting for this reviewer's decision, first in the page: from the dashboard a reviewer reaches one
 * with two key presses (Tab, Enter) instead of going through the header and the menu.
 */
function WaitingList() {
  const inbox = useLoad(() => api.get<Inbox>('/api/review/inbox'), []);
  const waiting = inbox.data?.waiting ?? [];
  if (waiting.length === 0) return null;
  return (
    <section aria-labelledby="dashboard-waiting-heading" data-testid="dashboard-waiting" style={{ marginBottom: 16 }}>
      <h3 id="dashboard-waiting-heading" className="card-heading" style={{ fontWeight: 600 }}>
        待我审查的信息
      </h3>
      <ul className="dashboard-waiting">
        {waiting.slice(0, WAITING_SHOWN).map((r) => (
          <li key={r.id}>
            <Link to={`/inbox/${r.id}?content=${r.contentId}`}>{r.title}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.stateName} · {r.department} {r.submitter} · {formatDateTime(r.submittedAt)}
            </Typography.Text>
          </li>
        ))}
      </ul>
      {waiting.length > WAITING_SHOWN && <Link to="/inbox">查看全部 {waiting.length} 条</Link>}
    </section>
  );
}

function Figure(props: {
  title: string;
  value: number | undefined;
  to: string;
  color?: string;
  hint: string;
  testId: string;
}) {
  return (
    <Link
      to={props.to}
      style={{ display: 'block' }}
      aria-label={`${props.title}：${props.value ?? '…'}，${props.hint}`}
      data-testid={props.testId}
    >
      <Card size="small" hoverable>
        <Statistic
          title={props.title}
          value={props.value ?? '…'}
          styles={props.color && props.value ? { content: { color: props.color } } : undefined}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {props.hint}
        </Typography.Text>
      </Card>
    </Link>
  );
}

/** For editors and reviewers: what waits for them, and how their department's columns stand (附件1). */
function ContentWork({ sites }: { sites: Site[] }) {
  const me = useMe();
  const navigate = useNavigate();
  const counts = useReviewCounts();
  const [site] = useCurrentSite(sites);
  const siteId = site?.id;
  const departmentId = me.departmentId;
  const duty = useLoad(
    siteId && departmentId
      ? () => api.get<DutyResponse>(`/api/sites/${siteId}/duty${queryString({ departmentId })}`)
      : null,
    [siteId, departmentId],
  );
  const writer = me.capabilities.includes('content.write');
  const reviewer = (['content.review', 'content.approve', 'content.secrecy'] as const).some((c) =>
    me.capabilities.includes(c),
  );
  const dutyLink = (status: DutyStatus) => `/duty${queryString({ departmentId, status })}`;
  const summary = duty.data?.summary;
  return (
    <Card
      title="信息发布"
      extra={
        writer ? (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/content/new')}
          >
            新建信息
          </Button>
        ) : null
      }
      data-testid="dashboard-content"
    >
      {reviewer && <WaitingList />}
      <Row gutter={[12, 12]}>
        {(reviewer || (counts?.waiting ?? 0) > 0) && (
          <Col xs={12} md={8} xl={4}>
            <Figure
              title="待我审查"
              value={counts?.waiting}
              to="/inbox"
              hint="进入我的待办"
              color="#1d4ea8"
              testId="figure-waiting"
            />
          </Col>
        )}
        {writer && (
          <Col xs={12} md={8} xl={4}>
            <Figure
              title="被退回"
              value={counts?.returned}
              to="/inbox?tab=returned"
              hint="修改后重新提交"
              color="#ad6800"
              testId="figure-returned"
            />
          </Col>
        )}
        {!!departmentId &&
          (['即将到期', '已超期', '空白'] as DutyStatus[]).map((s) => (
            <Col xs={12} md={8} xl={4} key={s}>
              <Figure
                title={`本部门栏目${s}`}
                value={summary?.[s]}
                to={dutyLink(s)}
                hint={
                  s === '空白'
                    ? '从未发布过信息'
                    : s === '已超期'
                      ? '超过更新周期'
                      : `${duty.data?.dueSoonDays ?? 3} 天内到期`
                }
                color={DUTY_HEX[s]}
                testId={`figure-duty-${s}`}
              />
            </Col>
          ))}
      </Row>
      {departmentId && site && (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
          栏目统计：{site.name}，{me.departmentName}牵头或配合的栏目（栏目任务分解表）。
        </Typography.Paragraph>
      )}
    </Card>
  );
}
