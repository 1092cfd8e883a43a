// A survey's live results (a bar chart and a table per choice question, the average of a rating, the matrix as a
// table, the approved free-text answers), the moderation of free-text answers and anonymous answer sheets held
// back, and the XLSX export of the raw answers.
import type { ReactNode } from 'react';
import { Button, Card, Drawer, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useBusy } from '../../components/busy';
import { Chart } from '../../components/chart/Chart';
import { toastSuccess } from '../../feedback';
import { formatMinute } from '../../format';
import { useLoad } from '../../hooks';
import type { ModerationList as Moderation, SurveyDetail } from '../../../../src/modules/surveys/surveys.schema';

type QuestionResult = SurveyDetail['results']['questions'][number];

function ChoiceResult({ q }: { q: QuestionResult }) {
  return (
    <>
      <Chart
        label={`第 ${q.no} 题的选择人数`}
        summary={q.options.map((o) => `${o.label} ${o.count} 人`).join('；')}
        height={Math.max(140, q.options.length * 32 + 50)}
        option={{
          grid: { left: 160, right: 50, top: 10, bottom: 20 },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: q.options.map((o) => o.label), inverse: true },
          series: [{ type: 'bar', data: q.options.map((o) => o.count), label: { show: true, position: 'right' } }],
        }}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="label"
        dataSource={q.options}
        columns={[
          { title: '选项', dataIndex: 'label' },
          { title: '人数', dataIndex: 'count', width: 90 },
          { title: '占比', dataIndex: 'share', width: 90, render: (v: number) => `${(v * 100).toFixed(1)}%` },
        ]}
      />
    </>
  );
}

function MatrixResult({ q }: { q: QuestionResult }) {
  const columns = [
    { title: '', dataIndex: 'row', key: 'row' },
    ...q.options.map((o, i) => ({
      title: o.label,
      key: String(i),
      render: (_: unknown, r: QuestionResult['matrix'][number]) => r.counts[i] ?? 0,
    })),
  ];
  return <Table size="small" pagination={false} rowKey="row" dataSource={q.matrix} columns={columns} />;
}

function QuestionCard({ q }: { q: QuestionResult }) {
  let body: ReactNode;
  if (q.type === 'text')
    body =
      q.texts.length === 0 ? (
        <Empty description="暂无通过审核的文字意见" />
      ) : (
        <ul>
          {q.texts.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same words may be answered twice
            <li key={i}>{t}</li>
          ))}
        </ul>
      );
  else if (q.type === 'matrix') body = <MatrixResult q={q} />;
  else body = <ChoiceResult q={q} />;
  return (
    <Card
      size="small"
      title={`${q.no}. ${q.title}`}
      extra={
        <Space>
          {q.average !== null ? <Tag color="blue">平均 {q.average.toFixed(2)} 分</Tag> : null}
          <span>{q.answered} 人作答</span>
        </Space>
      }
    >
      {body}
    </Card>
  );
}

function ModerationTab({
  surveyId,
  canManage,
  onChanged,
}: {
  surveyId: number;
  canManage: boolean;
  onChanged: () => void;
}) {
  const list = useLoad(() => api.get<Moderation>(`/api/surveys/${surveyId}/moderation`), [surveyId]);
  const busy = useBusy<string>();
  const decide = async (item: Moderation['items'][number], decision: 'approve' | 'reject') => {
    const done = await busy.run(
      () => api.post(`/api/surveys/${surveyId}/moderation/${item.id}`, { kind: item.kind, decision }),
      { key: `${item.kind}-${item.id}` },
    );
    if (done === undefined) return;
    toastSuccess(decision === 'approve' ? '已通过' : '已不予采用');
    void list.reload();
    onChanged();
  };
  return (
    <Table
      size="small"
      rowKey={(i) => `${i.kind}-${i.id}`}
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待审核的内容" /> }}
      columns={[
        {
          title: '类别',
          dataIndex: 'kind',
          width: 110,
          render: (k: string) => (k === 'text' ? '文字意见' : '匿名答卷'),
        },
        { title: '题目', dataIndex: 'questionTitle', width: 180 },
        {
          title: '内容',
          dataIndex: 'text',
          render: (t: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{t}</span>,
        },
        { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string) => formatMinute(v) },
        {
          title: '操作',
          key: 'actions',
          width: 160,
          render: (_, i) =>
            canManage ? (
              <Space>
                <Button
                  size="small"
                  type="primary"
                  loading={busy.key === `${i.kind}-${i.id}`}
                  onClick={() => void decide(i, 'approve')}
                >
                  通过
                </Button>
                <Button size="small" danger disabled={busy.busy} onClick={() => void decide(i, 'reject')}>
                  不予采用
                </Button>
              </Space>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

export function SurveyResults({
  id,
  canManage,
  onClose,
  onChanged,
}: {
  id: number | null;
  canManage: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useLoad(id ? () => api.get<SurveyDetail>(`/api/surveys/${id}`) : null, [id]);
  const s = detail.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={900}
      title={s ? `调查结果：${s.title}` : '调查结果'}
      loading={detail.loading && !s}
      extra={
        s ? (
          <Button icon={<DownloadOutlined aria-hidden />} href={`/api/surveys/${s.id}/answers.xlsx`}>
            导出答卷（XLSX）
          </Button>
        ) : null
      }
    >
      {s && id ? (
        <Tabs
          items={[
            {
              key: 'results',
              label: `实时结果（${s.results.responses} 份答卷）`,
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="secondary">
                    {s.phaseName}；调查时间 {formatMinute(s.opensAt)} 至 {formatMinute(s.closesAt)}；结果应于{' '}
                    {s.feedbackDue} 前公开。
                  </Typography.Text>
                  {s.results.questions.map((q) => (
                    <QuestionCard key={q.id} q={q} />
                  ))}
                </Space>
              ),
            },
            {
              key: 'moderation',
              label: `待审核（${s.pendingTexts + s.held}）`,
              children: (
                <ModerationTab
                  surveyId={id}
                  canManage={canManage}
                  onChanged={() => {
                    void detail.reload();
                    onChanged();
                  }}
                />
              ),
            },
          ]}
        />
      ) : null}
    </Drawer>
  );
}
