// 公众调查: the site's surveys with their phase, answers and what waits for moderation; create and edit a
// questionnaire, submit its notice into the release review (附件3), end an open survey early, and open the live
// results.
import { useState } from 'react';
import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useBusy } from '../../components/busy';
import { SitePageHeader } from '../../components/PageHeader';
import { toastSuccess } from '../../feedback';
import { formatMinute } from '../../format';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import type { SurveyDetail, SurveyList, SurveySummary } from '../../../../src/modules/surveys/surveys.schema';
import { SurveyEditor } from './SurveyEditor';
import { SurveyResults } from './SurveyResults';

const PHASE_COLORS: Record<SurveySummary['phase'], string> = {
  draft: 'default',
  in_review: 'gold',
  scheduled: 'cyan',
  open: 'green',
  closed: 'blue',
  withdrawn: 'red',
};

/** Editable before submission, and again once the review sent it back (the server refuses while it is still under review). */
const editable = (s: SurveySummary) => s.status === 'draft' || s.status === 'in_review';

export default function SurveysPage() {
  usePageTitle('公众调查');
  const scope = useSiteScope();
  const { siteId } = scope;
  const { user } = useAuth();
  const canManage = user?.capabilities.includes('participation.manage') ?? false;
  const list = useLoad(siteId ? () => api.get<SurveyList>(`/api/surveys?siteId=${siteId}`) : null, [siteId]);
  const [editing, setEditing] = useState<SurveyDetail | null | 'new'>(null);
  const [results, setResults] = useState<number | null>(null);
  const busy = useBusy<number>();

  const edit = async (id: number) => {
    const detail = await busy.run(() => api.get<SurveyDetail>(`/api/surveys/${id}`), { key: id });
    if (detail) setEditing(detail);
  };
  const submit = async (s: SurveySummary) => {
    const done = await busy.run(() => api.post(`/api/surveys/${s.id}/submit`), { key: s.id });
    if (done === undefined) return;
    toastSuccess('调查公告已提交信息发布审查');
    void list.reload();
  };

  const close = async (s: SurveySummary) => {
    const done = await busy.run(() => api.post(`/api/surveys/${s.id}/close`), { key: s.id });
    if (done === undefined) return;
    toastSuccess('调查已结束，调查结果已公开');
    void list.reload();
  };

  const columns: TableColumnsType<SurveySummary> = [
    {
      title: '调查',
      dataIndex: 'title',
      render: (v: string, s) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => setResults(s.id)}
        >
          {v}
        </Button>
      ),
    },
    {
      title: '阶段',
      dataIndex: 'phaseName',
      width: 120,
      render: (v: string, s) => <Tag color={PHASE_COLORS[s.phase]}>{v}</Tag>,
    },
    { title: '参与方式', dataIndex: 'access', width: 100, render: (v: string) => (v === 'account' ? '登录' : '匿名') },
    {
      title: '调查时间',
      key: 'period',
      width: 270,
      render: (_, s) => `${formatMinute(s.opensAt)} 至 ${formatMinute(s.closesAt)}`,
    },
    { title: '答卷', dataIndex: 'responses', width: 80 },
    {
      title: '待审核',
      key: 'pending',
      width: 90,
      render: (_, s) => {
        const n = s.pendingTexts + s.held;
        return n ? <Tag color="orange">{n}</Tag> : 0;
      },
    },
    { title: '结果公开期限', dataIndex: 'feedbackDue', width: 120 },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, s) => (
        <Space>
          <Button size="small" onClick={() => setResults(s.id)}>
            结果
          </Button>
          {canManage && editable(s) ? (
            <>
              <Button size="small" loading={busy.key === s.id} onClick={() => void edit(s.id)}>
                编辑
              </Button>
              <Popconfirm
                title="将调查公告提交信息发布审查？审查通过并发布后按时开始。"
                onConfirm={() => void submit(s)}
              >
                <Button size="small" type="primary" disabled={busy.busy}>
                  提交审查
                </Button>
              </Popconfirm>
            </>
          ) : null}
          {canManage && s.phase === 'open' ? (
            <Popconfirm title="现在结束调查？结束后不再接受答卷，调查结果随即公开。" onConfirm={() => void close(s)}>
              <Button size="small" danger loading={busy.key === s.id} disabled={busy.busy}>
                提前结束
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="公众调查"
        scope={scope}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              新建调查
            </Button>
          ) : undefined
        }
      />
      <Table<SurveySummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 项` }}
      />
      <SurveyEditor
        open={editing !== null}
        siteId={siteId}
        survey={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void list.reload();
        }}
      />
      <SurveyResults
        id={results}
        canManage={canManage}
        onClose={() => setResults(null)}
        onChanged={() => void list.reload()}
      />
    </Space>
  );
}
