// 监管概览: the countdown to the end of the quarter (no quarterly spot check is a single veto), the registry, the
// open rectification tasks and this year's assessment score.
import { Link } from 'react-router-dom';
import { Alert, Card, Col, Empty, Progress, Row, Space, Statistic, Typography } from 'antd';
import { api, queryString } from '../../api';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import { fmt, PlanStatusTag, QUARTER_NAMES, useOffice, VerdictTag, type DashboardView } from './common';

export default function SupervisionDashboardPage() {
  usePageTitle('监管概览');
  const office = useOffice();
  const siteId = office.site?.id;
  const data = useLoad(
    siteId ? () => api.get<DashboardView>(`/api/supervision/dashboard${queryString({ siteId })}`) : null,
    [siteId],
  );
  const d = data.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          监管概览
        </Typography.Title>
        <SiteSelect sites={office.sites} value={office.site} onChange={office.choose} />
      </Space>
      {!d ? (
        <Card loading={data.loading}>
          <Empty description="暂无数据" />
        </Card>
      ) : (
        <>
          <QuarterCard d={d} />
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card title="监管对象" extra={<Link to="/supervision/registry">名录</Link>}>
                <Statistic
                  title="运行中的政府网站"
                  value={d.registry.runningWebsites}
                  suffix={`/ ${d.registry.websites} 个`}
                />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  本平台托管 {d.registry.hostedWebsites} 个；政务新媒体 {d.registry.accounts} 个
                </Typography.Paragraph>
                {d.registry.unregistered > 0 ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={`发现 ${d.registry.unregistered} 个未登记的政府网站（每个扣1分）`}
                  />
                ) : null}
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card title="整改任务" extra={<Link to="/supervision/rectifications">全部任务</Link>}>
                <Row gutter={8}>
                  <Col span={12}>
                    <Statistic title="待整改" value={d.tasks.open + d.tasks.reopened} />
                  </Col>
                  <Col span={12}>
                    <Statistic title="已反馈待复查" value={d.tasks.responded} />
                  </Col>
                  <Col span={12}>
                    <Statistic title="已整改" value={d.tasks.closed} />
                  </Col>
                  <Col span={12}>
                    <Statistic
                      title="已逾期"
                      value={d.tasks.overdue}
                      styles={{ content: { color: d.tasks.overdue ? '#c9252c' : undefined } }}
                    />
                  </Col>
                </Row>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card title={`${d.assessment.year}年度考核`} extra={<Link to="/supervision/assessment">得分详情</Link>}>
                <Space align="baseline">
                  <Statistic title="当前得分" value={fmt(d.assessment.totalScore)} data-testid="dashboard-score" />
                  <VerdictTag verdict={d.assessment.verdict} />
                </Space>
                {d.assessment.untestedPoints > 0 ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                    另有 {fmt(d.assessment.untestedPoints)} 分的指标未检测（不计为通过）
                  </Typography.Paragraph>
                ) : null}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

function QuarterCard({ d }: { d: DashboardView }) {
  const q = d.quarter;
  const title = `${q.year}年${QUARTER_NAMES[q.quarter - 1]}抽查`;
  const urgent = q.state !== 'done' && q.daysLeft < 15;
  return (
    <Card title={title} data-testid="quarter-countdown" extra={<Link to="/supervision/plans">抽查计划</Link>}>
      <Row gutter={[16, 16]} align="middle">
        <Col xs={24} md={8}>
          <Statistic
            title="距本季度结束"
            value={`${q.daysLeft} 天 ${q.hoursLeft} 小时`}
            styles={{ content: { color: urgent ? '#c9252c' : undefined } }}
          />
          <Typography.Text type="secondary">截止 {formatDateTime(q.endsAt)}</Typography.Text>
        </Col>
        <Col xs={24} md={16}>
          {q.state === 'none' ? (
            <Alert
              type={urgent ? 'error' : 'warning'}
              showIcon
              title="本季度尚未制定抽查计划"
              description="未按季度组织开展政府网站抽查为单项否决情形。请在季度结束前完成抽查。"
            />
          ) : q.plan ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space>
                <PlanStatusTag status={q.plan.status} />
                <Typography.Text>
                  抽查 {q.plan.progress.total} 个对象，已完成 {q.plan.progress.done} 个
                  {q.plan.resultsPublishedAt ? `，结果已于 ${formatDateTime(q.plan.resultsPublishedAt)} 公开` : ''}
                </Typography.Text>
              </Space>
              <Progress
                percent={Math.round(
                  ((q.plan.progress.done + q.plan.progress.failed) / Math.max(1, q.plan.progress.total)) * 100,
                )}
                aria-label="本季度抽查进度"
              />
            </Space>
          ) : null}
        </Col>
      </Row>
    </Card>
  );
}
