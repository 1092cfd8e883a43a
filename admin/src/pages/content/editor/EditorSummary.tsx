// The top of the editor: the item's state (status, review, versions, publication and schedule times), and why
// it cannot be edited, was returned, or has no column to go in.
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { ContentType } from '../../../../../src/modules/content/content-types.ts';
import type { ContentDetail } from '../../../../../src/modules/content/content.schema.ts';
import { formatDateTime } from '../../../format';
import { OPEN_STATES, STATE_COLORS } from '../../review/labels';
import { STATUS_COLORS, TYPE_NAMES } from '../labels';

export function EditorSummary({
  detail,
  readOnlyReason,
  noColumns,
  type,
}: {
  detail: ContentDetail | null;
  readOnlyReason: string | null;
  /** The staff member's department has no column this type can go in. */
  noColumns: boolean;
  type: ContentType;
}) {
  const latestReview = detail?.reviews[detail.reviews.length - 1];
  const inReview = !!latestReview && OPEN_STATES.includes(latestReview.state);
  const rejected =
    latestReview?.state === 'rejected' ? latestReview.steps.filter((s) => s.decision === '不同意').pop() : undefined;
  return (
    <>
      {detail && (
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label="状态">
              <Space size={4} wrap>
                <Tag color={STATUS_COLORS[detail.status]} data-testid="content-status">
                  {detail.statusName}
                </Tag>
                {detail.pendingChanges && <Tag color="orange">有未发布的修改</Tag>}
                {latestReview && (
                  <Tag
                    color={STATE_COLORS[latestReview.state]}
                    data-testid="review-state"
                    data-state={latestReview.state}
                  >
                    审查：{latestReview.stateName}
                  </Tag>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="类型">{detail.typeName}</Descriptions.Item>
            <Descriptions.Item label="版本">
              第 {detail.version} 版{detail.publishedVersion ? `（网站上为第 ${detail.publishedVersion} 版）` : ''}
            </Descriptions.Item>
            {detail.indexNo && (
              <Descriptions.Item label="索引号">
                <Typography.Text copyable data-testid="index-no">
                  {detail.indexNo}
                </Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="首次发布">{formatDateTime(detail.firstPublishedAt)}</Descriptions.Item>
            {detail.lastPublishedAt && detail.lastPublishedAt !== detail.firstPublishedAt && (
              <Descriptions.Item label="最近发布">{formatDateTime(detail.lastPublishedAt)}</Descriptions.Item>
            )}
            {detail.publishAt && (
              <Descriptions.Item label="定时发布">
                <span data-testid="publish-at">{formatDateTime(detail.publishAt)}</span>
              </Descriptions.Item>
            )}
            {detail.withdrawAt && (
              <Descriptions.Item label="定时撤稿">{formatDateTime(detail.withdrawAt)}</Descriptions.Item>
            )}
            {detail.withdrawnAt && (
              <Descriptions.Item label="撤稿">
                {formatDateTime(detail.withdrawnAt)}（{detail.withdrawReason}）
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}

      {readOnlyReason && <Alert type="info" showIcon title={readOnlyReason} data-testid="read-only-reason" />}
      {rejected && !inReview && (
        <Alert
          type="warning"
          showIcon
          title={`上次提交（登记序号 ${latestReview!.serial}）未获同意，已退回`}
          description={`${rejected.stepName}（${rejected.actorName}，${formatDateTime(rejected.decidedAt)}）意见：${rejected.opinion}。请修改后重新提交审查。`}
        />
      )}
      {noColumns && (
        <Alert
          type="warning"
          showIcon
          title={`您所在部门在本站点没有可发布“${TYPE_NAMES[type]}”的栏目`}
          description="可发布的栏目按栏目任务分解表确定：只有您所在部门牵头或配合的栏目（以及管理员单独授权的栏目）可以选择。如需调整请联系站点管理员。"
        />
      )}
    </>
  );
}
