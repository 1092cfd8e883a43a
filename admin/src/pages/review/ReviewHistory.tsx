// The review history of an item: each submission (附件3 登记) with its steps as a timeline — who, when,
// decision, opinion — and the latest pre-publish check report.
import { Card, Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../format';
import { FindingsList, findingsSummary } from '../prepublish/Findings';
import type { ReviewRecord, ReviewStepView } from '../../../../src/modules/review/review.schema.ts';
import { OUTCOME_COLORS, STATE_COLORS } from './labels';

function stepColor(s: ReviewStepView): string {
  if (s.step === 'submit') return 'blue';
  if (s.decision === '同意' || s.decision === '不涉密') return 'green';
  if (s.decision === '不同意' || s.decision === '涉密') return 'red';
  return 'gray';
}

export function StepsTimeline({ steps, pending }: { steps: ReviewStepView[]; pending?: string }) {
  return (
    <Timeline
      items={[
        ...steps.map((s) => ({
          color: stepColor(s),
          content: (
            <div data-testid="review-step">
              <Space wrap size={6}>
                <Typography.Text strong>{s.stepName}</Typography.Text>
                <Tag color={stepColor(s) === 'green' ? 'success' : stepColor(s) === 'red' ? 'error' : 'default'}>
                  {s.decision}
                </Tag>
                {s.secret && <Typography.Text type="secondary">是否涉密：{s.secret}</Typography.Text>}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {s.actorName} · {formatDateTime(s.decidedAt)}
                </Typography.Text>
              </div>
              {s.opinion && (
                <Typography.Paragraph style={{ margin: '4px 0 0' }}>意见：{s.opinion}</Typography.Paragraph>
              )}
            </div>
          ),
        })),
        ...(pending
          ? [
              {
                key: 'pending',
                loading: true,
                color: 'gray',
                content: <Typography.Text type="secondary">{pending}</Typography.Text>,
              },
            ]
          : []),
      ]}
    />
  );
}

const PENDING_TEXT: Record<string, string> = {
  secrecy_review: '等待保密审查…',
  dept_review: '等待工作机构（审核人）审查…',
  leader_review: '等待分管领导审批…',
};

export function ReviewHistory({ reviews }: { reviews: ReviewRecord[] }) {
  if (!reviews.length) return <Empty description="尚未提交过信息发布审查" />;
  const latest = reviews[reviews.length - 1];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="review-history">
      <Card
        size="small"
        title={`最近一次发布前检查（登记序号 ${latest.serial}）：${findingsSummary(latest.checkReport.findings)}`}
      >
        <FindingsList findings={latest.checkReport.findings} previouslyConfirmed={latest.confirmedFindings} />
      </Card>
      {[...reviews].reverse().map((r) => (
        <Card
          key={r.id}
          size="small"
          title={
            <Space wrap>
              <span>登记序号 {r.serial}</span>
              <Tag color={STATE_COLORS[r.state]}>{r.stateName}</Tag>
              <Tag color={OUTCOME_COLORS[r.outcome] ?? 'default'}>审查结果：{r.outcome}</Tag>
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="提交时间">{formatDateTime(r.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="是否涉密">{r.secret}</Descriptions.Item>
            <Descriptions.Item label="发布形式">{r.releaseForm}</Descriptions.Item>
            <Descriptions.Item label="审查的版本">第 {r.version} 版</Descriptions.Item>
          </Descriptions>
          <StepsTimeline steps={r.steps} pending={PENDING_TEXT[r.state]} />
        </Card>
      ))}
    </Space>
  );
}
