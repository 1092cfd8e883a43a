// Reviewing one request: the content as it will be published, the pre-publish findings (confirming personal
// data that must be public), the steps so far, and the decision form of my step:
//   工作机构审查 / 分管领导审批: 同意 / 不同意 / 是否涉密不明确（提请保密审查） + 意见 (required for 不同意)
//   保密审查: 是否涉密 是 / 否 + 意见
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Result, Row, Space, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api';
import { errorText, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import type { Finding } from '../../../../src/modules/prepublish/prepublish.schema.ts';
import { PageLoading, showIn, useBusy } from '../../components/busy';
import { PageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle } from '../../hooks';
import { ContentPreview } from '../content/ContentPreview';
import { FindingsList, findingsSummary } from '../prepublish/Findings';
import type { ContentDetail } from '../../../../src/modules/content/content.schema.ts';
import type { DecideResult, ReviewRequestView, ReviewState } from '../../../../src/modules/review/review.schema.ts';
import { OPEN_STATES, RELEASE_HELP, STATE_COLORS } from './labels';
import { blockedFindings } from './SubmitModal';
import { StepsTimeline } from './ReviewHistory';
import { refreshReviewCounts } from './reviewCounts';
import '../content/content.css';

interface DecisionValues {
  decision?: '同意' | '不同意' | '不明确';
  secret?: '是' | '否';
  opinion: string;
}

const STEP_TITLE: Partial<Record<ReviewState, string>> = {
  secrecy_review: '保密审查',
  dept_review: '工作机构或人员审查',
  leader_review: '分管领导审批',
};

export default function ReviewPage() {
  const { requestId: rid } = useParams();
  const requestId = Number(rid);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const one = useLoad(() => api.get<ReviewRequestView>(`/api/review/${requestId}`), [requestId]);
  const row = one.data;
  const contentId = row?.contentId ?? (Number(params.get('content')) || null);
  const content = useLoad(contentId ? () => api.get<ContentDetail>(`/api/content/${contentId}`) : null, [contentId]);
  const review = content.data?.reviews.find((r) => r.id === requestId);
  usePageTitle(review ? `审查：${content.data?.title}` : '信息发布审查');

  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const secret = Form.useWatch('secret', form);
  const [confirmKeys, setConfirmKeys] = useState<string[]>([]);
  const busy = useBusy();
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<Finding[] | null>(null);

  const mine = !!row?.mayDecide;
  const open = !!review && OPEN_STATES.includes(review.state);
  const secrecyStep = review?.state === 'secrecy_review';
  const findings = blocked ?? review?.checkReport.findings ?? [];
  const previouslyConfirmed = review?.confirmedFindings ?? [];
  const unconfirmedBlocks = useMemo(
    () =>
      findings.filter(
        (f) =>
          f.severity === 'block' &&
          f.confirmable &&
          !f.confirmed &&
          !previouslyConfirmed.includes(f.key) &&
          !confirmKeys.includes(f.key),
      ),
    [findings, previouslyConfirmed, confirmKeys],
  );
  const forbidden = findings.some((f) => f.check === 'forbidden-word');

  const decide = (v: DecisionValues) => {
    setError(null);
    return busy.run(
      async () => {
        const body = secrecyStep
          ? {
              decision: '同意' as const,
              secret: v.secret,
              opinion: v.opinion?.trim() ?? '',
              confirmFindings: confirmKeys,
            }
          : { decision: v.decision, opinion: v.opinion?.trim() ?? '', confirmFindings: confirmKeys };
        const r = await api.post<DecideResult>(`/api/review/${requestId}/decide`, body);
        void refreshReviewCounts();
        void one.reload();
        toastSuccess(
          r.state === 'approved'
            ? '已同意，信息已按发布形式处理（网站公开的已发布或将按设定时间发布）'
            : r.state === 'rejected'
              ? '已退回承办人'
              : r.state === 'closed'
                ? '已登记为涉密不发布'
                : `审查意见已提交，下一环节：${r.stateName}`,
        );
        navigate('/inbox');
      },
      { onError: decisionRefused },
    );
  };

  /** Why the decision was not taken, in the decision card. */
  const decisionRefused = (err: unknown) => {
    const found = blockedFindings(err);
    if (found) {
      setBlocked(found);
      setError(`${errorText(err)}。请逐项核实：确需公开的个人信息或职务请勾选确认；否则请选择“不同意”退回承办人修改。`);
    } else if (err instanceof ApiError && err.status === 403) {
      setError(err.message);
    } else {
      showIn(setError)(err);
    }
  };

  if (one.loading || content.loading || (!content.data && !content.error && contentId)) {
    return <PageLoading />;
  }
  if (!content.data || !review) {
    return (
      <Result
        status="404"
        title="找不到这条审查记录"
        subTitle="它可能已经处理完毕，或您没有查看的权限。"
        extra={
          <Link to="/inbox">
            <Button type="primary">返回我的待办</Button>
          </Link>
        }
      />
    );
  }

  const item = content.data;
  const submitStep = review.steps.find((s) => s.step === 'submit');
  const decided = review.steps.filter((s) => s.step !== 'submit');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="review-page">
      <PageHeader title={`信息发布审查：${item.title}`} back={{ to: '/inbox', label: '返回我的待办' }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title="信息内容"
            size="small"
            extra={
              review.secret !== '是' && (
                <Link to={`/preview/${item.id}?version=${review.version}`} target="_blank" data-testid="review-preview">
                  按网站页面预览<span className="sr-only">（在新窗口打开）</span>
                </Link>
              )
            }
          >
            <ContentPreview item={item} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card
              size="small"
              title={
                <Space wrap>
                  <span>审查登记 {review.serial}</span>
                  <Tag color={STATE_COLORS[review.state]}>{review.stateName}</Tag>
                </Space>
              }
            >
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="部门">{row?.department ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="信息名称">{item.title}</Descriptions.Item>
                <Descriptions.Item label="承办人">
                  {submitStep?.actorName ?? row?.submitter ?? '—'}（{formatDateTime(review.submittedAt)}）
                </Descriptions.Item>
                <Descriptions.Item label="是否涉密">{review.secret}</Descriptions.Item>
                <Descriptions.Item label="发布形式">
                  {review.releaseForm}
                  <Typography.Text type="secondary">（{RELEASE_HELP[review.releaseForm]}）</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="网站发布栏目">{row?.column ?? item.columnName}</Descriptions.Item>
                <Descriptions.Item label="审查的版本">第 {review.version} 版</Descriptions.Item>
              </Descriptions>
              <div style={{ marginTop: 16 }}>
                <StepsTimeline steps={review.steps} />
              </div>
            </Card>

            <Card size="small" title={`发布前检查：${findingsSummary(findings)}`} data-testid="review-findings">
              {unconfirmedBlocks.length > 0 && open && mine && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="有须确认的问题"
                  description="同意前须逐项核实：确需公开的个人信息（身份证号、手机号码、银行卡号）或职务写法，请勾选确认；否则请选择“不同意”退回修改。"
                />
              )}
              {forbidden && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title="含有禁用词，不能确认放行，须退回承办人修改"
                />
              )}
              <FindingsList
                findings={findings}
                confirmed={confirmKeys}
                onConfirmChange={open && mine ? setConfirmKeys : undefined}
                previouslyConfirmed={previouslyConfirmed}
              />
            </Card>

            {open && mine ? (
              <Card size="small" title={`审查意见：${STEP_TITLE[review.state]}`} data-testid="decision-card">
                {error && (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    title={error}
                    style={{ marginBottom: 12 }}
                    data-testid="decision-error"
                  />
                )}
                <Form<DecisionValues> form={form} layout="vertical" onFinish={decide} initialValues={{ opinion: '' }}>
                  {secrecyStep ? (
                    <Form.Item
                      label="是否涉密"
                      name="secret"
                      rules={[{ required: true, message: '请作出保密审查结论' }]}
                      extra={
                        secret === '是'
                          ? '涉密：该信息登记为“涉密不发布”，永远不能在网站发布。'
                          : secret === '否'
                            ? '不涉密：转工作机构（审核人）审查。'
                            : '承办人提交时无法确定是否涉密，请作出保密审查结论。'
                      }
                    >
                      <Radio.Group
                        options={[
                          { value: '否', label: '否（不涉密）' },
                          { value: '是', label: '是（涉密，不得发布）' },
                        ]}
                      />
                    </Form.Item>
                  ) : (
                    <Form.Item label="审查结论" name="decision" rules={[{ required: true, message: '请选择审查结论' }]}>
                      <Radio.Group
                        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                        options={[
                          {
                            value: '同意',
                            label: review.state === 'leader_review' ? '同意发布' : '同意（报分管领导审批）',
                          },
                          { value: '不同意', label: '不同意（退回承办人，须填写理由）' },
                          { value: '不明确', label: '是否涉密不明确（提请保密审查）' },
                        ]}
                      />
                    </Form.Item>
                  )}
                  <Form.Item
                    label="意见"
                    name="opinion"
                    rules={[
                      ...(decision === '不同意' && !secrecyStep
                        ? [{ required: true, whitespace: true, message: '不同意时须填写审查意见，说明退回理由' }]
                        : []),
                      { max: 1000, message: '意见最多 1000 字' },
                    ]}
                    extra={
                      secrecyStep
                        ? '可选；不填时记录为“经保密审查，不涉密”或“经保密审查，属于涉密信息，不得公开发布”。'
                        : decision === '不同意'
                          ? '必填：说明退回理由，承办人将看到此意见。'
                          : '可选；不填时按结论记录（如“同意”）。'
                    }
                  >
                    <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
                  </Form.Item>
                  <Space>
                    <Button
                      type="primary"
                      htmlType="submit"
                      loading={busy.busy}
                      danger={decision === '不同意' || secret === '是'}
                      data-testid="decide-submit"
                    >
                      提交审查意见
                    </Button>
                    <Link to="/inbox">取消</Link>
                  </Space>
                  {!secrecyStep && decision === '同意' && unconfirmedBlocks.length > 0 && (
                    <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>
                      还有 {unconfirmedBlocks.length} 项须确认的问题未勾选：未确认时系统不会放行。
                    </Typography.Paragraph>
                  )}
                </Form>
              </Card>
            ) : (
              <Alert
                type="info"
                showIcon
                title={open ? '此审查当前不由您处理' : `此审查已结束：${review.stateName}`}
                description={
                  open
                    ? `当前环节为“${review.stateName}”。只有本站点相应角色、负责该部门的人员可以审查，且不能审查自己提交的信息。`
                    : decided.length
                      ? `最后处理：${decided[decided.length - 1].stepName}，${decided[decided.length - 1].actorName}，${formatDateTime(decided[decided.length - 1].decidedAt)}`
                      : undefined
                }
              />
            )}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
