// Live progress of one run: polls GET /api/inspection/runs/:id every second until it ends, shows the stage in
// Chinese with the engine's message, and offers 中止 while it runs.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Popconfirm, Progress, Space, Steps, Typography } from 'antd';
import { FileTextOutlined, StopOutlined } from '@ant-design/icons';
import { useBusy } from '../../components/busy';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { fmt, isFinished, progressPercent, RunStatusTag, STAGE_LABEL, STAGES, VerdictTag } from './common';
import type { RunDetail } from '../../../../src/modules/inspection/inspection.schema.ts';

const POLL_MS = 1000;

export interface RunProgressCardProps {
  runId: number;
  /** Every poll's answer (to keep a list of runs current). */
  onUpdate?: (run: RunDetail) => void;
  /** Once, when the run is done, failed or cancelled. */
  onFinished?: (run: RunDetail) => void;
  onClose?: () => void;
  showReportLink?: boolean;
}

export function RunProgressCard({ runId, onUpdate, onFinished, onClose, showReportLink = true }: RunProgressCardProps) {
  const [run, setRun] = useState<RunDetail | null>(null);
  const cancelling = useBusy();
  const navigate = useNavigate();
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;
  const updateRef = useRef(onUpdate);
  updateRef.current = onUpdate;

  useEffect(() => {
    setRun(null);
    const controller = new AbortController();
    let timer: number | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const r = await api.get<RunDetail>(`/api/inspection/runs/${runId}`, { signal: controller.signal });
        failures = 0;
        setRun(r);
        updateRef.current?.(r);
        if (isFinished(r.status)) {
          finishedRef.current?.(r);
          return;
        }
      } catch (err) {
        if (controller.signal.aborted) return;
        // A passing network problem should not stop the bar; report it once and keep trying for a while.
        if (++failures === 1) showError(err);
        if (failures > 30) return;
      }
      timer = window.setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [runId]);

  const cancel = () =>
    cancelling.run(async () => {
      await api.post<{ ok: boolean }>(`/api/inspection/runs/${runId}/cancel`);
      toastSuccess('检查已中止');
    });

  const running = run && (run.status === 'queued' || run.status === 'running');
  const stage = run?.progress?.stage ?? 'crawl';
  const percent = run ? progressPercent(run.status, run.progress) : 0;
  // The engine says `done` before it takes the screenshots; the run is not over until its status says so.
  const stageIndex = run?.status === 'done' ? STAGES.length - 1 : Math.min(STAGES.indexOf(stage), STAGES.length - 2);
  const stageText =
    run?.status === 'done'
      ? STAGE_LABEL.done
      : run?.status === 'cancelled'
        ? '已中止'
        : run?.status === 'queued'
          ? '排队中'
          : stage === 'done'
            ? '整理报告'
            : STAGE_LABEL[stage];

  return (
    <Card
      title={
        <Space wrap>
          <span>检查进度 #{runId}</span>
          {run && <RunStatusTag status={run.status} />}
        </Space>
      }
      extra={
        <Space>
          {running && (
            <Popconfirm
              title="中止本次检查？"
              description="已抓取的页面不再继续检查。"
              okText="中止"
              cancelText="继续检查"
              onConfirm={cancel}
            >
              <Button danger icon={<StopOutlined aria-hidden />} loading={cancelling.busy}>
                中止
              </Button>
            </Popconfirm>
          )}
          {!running && onClose && <Button onClick={onClose}>关闭</Button>}
        </Space>
      }
      data-testid="run-progress"
    >
      {!run ? (
        <Typography.Text type="secondary">正在读取检查进度…</Typography.Text>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>
            网址：
            <Typography.Link href={run.target_url} target="_blank" rel="noopener noreferrer">
              {run.target_url}
            </Typography.Link>
            <Typography.Text type="secondary">
              （开始于 {formatDateTime(run.started_at ?? run.created_at)}）
            </Typography.Text>
          </Typography.Text>
          <Steps
            size="small"
            current={stageIndex}
            status={
              run.status === 'failed' || run.status === 'cancelled'
                ? 'error'
                : run.status === 'done'
                  ? 'finish'
                  : 'process'
            }
            items={STAGES.map((s) => ({ title: STAGE_LABEL[s] }))}
            responsive
          />
          <div>
            <Progress
              percent={percent}
              status={
                run.status === 'failed'
                  ? 'exception'
                  : run.status === 'done'
                    ? 'success'
                    : run.status === 'cancelled'
                      ? 'normal'
                      : 'active'
              }
              aria-label={`检查进度：${stageText}`}
              data-testid="run-progress-bar"
            />
            {/* Read out when the stage changes, not on every count. */}
            <div className="sr-only" aria-live="polite">
              {run.status === 'done'
                ? '检查完成'
                : run.status === 'failed'
                  ? '检查失败'
                  : run.status === 'cancelled'
                    ? '检查已中止'
                    : stageText}
            </div>
            <Typography.Text data-testid="run-progress-message">
              <Typography.Text strong>{stageText}</Typography.Text>
              {run.status !== 'done' && run.status !== 'cancelled' && run.progress?.message
                ? `：${run.progress.message}`
                : ''}
              {running && run.progress && run.progress.total > 1 && stage !== 'done'
                ? `（${run.progress.done}/${run.progress.total}）`
                : ''}
            </Typography.Text>
          </div>
          {run.status === 'done' && (
            <Alert
              type={run.verdict === '合格' ? 'success' : 'error'}
              showIcon
              role="status"
              title={
                <Space wrap>
                  <span>检查完成</span>
                  <VerdictTag verdict={run.verdict} />
                  <span>
                    {run.deduction_score === null
                      ? '存在单项否决情形，不再评分'
                      : `扣分指标得分 ${fmt(run.deduction_score)}，加分 ${fmt(run.bonus_score)}，总分 ${fmt(run.total_score)}`}
                  </span>
                </Space>
              }
              action={
                showReportLink && (
                  <Button
                    type="primary"
                    icon={<FileTextOutlined aria-hidden />}
                    onClick={() => navigate(`/inspection/runs/${run.id}`)}
                  >
                    查看报告
                  </Button>
                )
              }
            />
          )}
          {run.status === 'failed' && (
            <Alert type="error" showIcon role="alert" title="检查失败" description={run.error ?? '原因不明'} />
          )}
          {run.status === 'cancelled' && (
            <Alert
              type="warning"
              showIcon
              role="status"
              title="检查已中止"
              description={`中止于 ${formatDateTime(run.finished_at ?? run.created_at)}；本次检查没有报告，也不计入得分趋势。`}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
