// 抽查计划: the quarter's plan (a seeded sample of at least 30% of the running sites, or all of them), its live
// progress site by site, the problems found with links to each site's report, the 通报 as PDF/XLSX, and
// publication of the results page through the 附件3 review (its publication starts the two weeks of rectification).
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Form, InputNumber, Progress, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, queryString } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import {
  fmt,
  ItemStatusTag,
  pct,
  PlanStatusTag,
  QUARTER_NAMES,
  thisYear,
  useOffice,
  VerdictTag,
  type PlanDetail,
  type PlanItemView,
  type PlanView,
} from './common';

const currentQuarter = () =>
  Math.floor(
    Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: 'numeric' }).format(new Date())) /
      3.0001,
  ) + 1;

export default function PlansPage() {
  usePageTitle('抽查计划');
  const office = useOffice();
  const siteId = office.site?.id;
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('plan')) || null;
  const plans = useLoad(
    siteId ? () => api.get<{ items: PlanView[] }>(`/api/supervision/plans${queryString({ siteId })}`) : null,
    [siteId],
  );
  const open = (id: number) => setParams({ plan: String(id) });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          抽查计划
        </Typography.Title>
        <SiteSelect sites={office.sites} value={office.site} onChange={office.choose} />
      </Space>
      {siteId ? (
        <CreatePlan
          siteId={siteId}
          onCreated={async (id) => {
            await plans.reload();
            open(id);
          }}
        />
      ) : null}
      {selected ? <PlanCard id={selected} onChanged={plans.reload} /> : null}
      <Card title="历次抽查">
        <Table
          rowKey="id"
          size="middle"
          loading={plans.loading}
          dataSource={plans.data?.items ?? []}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          columns={[
            { title: '季度', render: (_, p) => `${p.year}年${QUARTER_NAMES[p.quarter - 1]}` },
            { title: '抽查比例', render: (_, p) => `${pct(p.share)}${p.fullCoverage ? '（全部）' : ''}` },
            { title: '对象', render: (_, p) => `${p.progress.total} 个` },
            { title: '状态', render: (_, p) => <PlanStatusTag status={p.status} /> },
            {
              title: '结果公开',
              render: (_, p) =>
                p.resultsPublishedAt ? formatDateTime(p.resultsPublishedAt) : p.resultsContentId ? '审查中' : '—',
            },
            {
              title: <span className="sr-only">操作</span>,
              render: (_, p) => (
                <Button size="small" onClick={() => open(p.id)}>
                  查看
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function CreatePlan({ siteId, onCreated }: { siteId: number; onCreated: (id: number) => Promise<void> }) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const full = Form.useWatch('fullCoverage', form);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const created = await api.post<PlanDetail>('/api/supervision/plans', {
        siteId,
        year: v.year,
        quarter: v.quarter,
        fullCoverage: !!v.fullCoverage,
        ...(v.fullCoverage ? {} : { ratio: v.ratio / 100 }),
        ...(v.seed !== null && v.seed !== undefined ? { seed: v.seed } : {}),
        maxPages: v.maxPages,
      });
      toastSuccess(`已抽取 ${created.items.length} 个对象（随机种子 ${created.plan.seed}）`);
      await onCreated(created.plan.id);
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title="制定本季度抽查计划">
      <Form
        form={form}
        layout="inline"
        data-testid="plan-form"
        initialValues={{ year: thisYear(), quarter: currentQuarter(), fullCoverage: false, ratio: 30, maxPages: 60 }}
      >
        <Form.Item name="year" label="年度">
          <InputNumber min={2019} max={2100} />
        </Form.Item>
        <Form.Item name="quarter" label="季度">
          <Select style={{ width: 120 }} options={QUARTER_NAMES.map((label, i) => ({ value: i + 1, label }))} />
        </Form.Item>
        <Form.Item name="fullCoverage" valuePropName="checked">
          <Checkbox>全部抽查（100%）</Checkbox>
        </Form.Item>
        {!full ? (
          <Form.Item
            name="ratio"
            label="抽查比例（%）"
            rules={[{ type: 'number', min: 30, max: 100, message: '抽查比例不得低于30%' }]}
          >
            <InputNumber min={30} max={100} />
          </Form.Item>
        ) : null}
        <Form.Item name="seed" label="随机种子">
          <InputNumber min={0} placeholder="自动生成" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="maxPages" label="每站页数">
          <InputNumber min={5} max={1000} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            抽取并创建
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        按随机种子从运行中的监管对象中抽取，抽查比例不低于30%；全部抽查（每季度100%）为加分条件。同一种子总能抽出同样的对象，可供复核。
      </Typography.Paragraph>
    </Card>
  );
}

function PlanCard({ id, onChanged }: { id: number; onChanged: () => Promise<void> }) {
  const detail = useLoad(() => api.get<PlanDetail>(`/api/supervision/plans/${id}`), [id]);
  const d = detail.data;
  const [busy, setBusy] = useState<string | null>(null);
  const working = d?.plan.status === 'running';
  const { reload } = detail;
  useEffect(() => {
    if (!working) return;
    const timer = window.setInterval(() => void reload(), 2000);
    return () => window.clearInterval(timer);
  }, [working, reload]);
  if (!d) return <Card loading={detail.loading} />;
  const act = async (name: string, path: string, message: string) => {
    setBusy(name);
    try {
      await api.post(path);
      toastSuccess(message);
      await reload();
      await onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };
  const p = d.plan;
  const done = p.progress.done + p.progress.failed;
  return (
    <Card
      title={`${p.year}年${QUARTER_NAMES[p.quarter - 1]}抽查`}
      data-testid="plan-card"
      extra={
        <Space wrap>
          {p.status === 'planned' || (p.status === 'running' && p.progress.pending > 0) ? (
            <Button
              type="primary"
              loading={busy === 'start'}
              onClick={() => void act('start', `/api/supervision/plans/${p.id}/start`, '抽查已开始')}
            >
              开始抽查
            </Button>
          ) : null}
          {p.status === 'done' && !p.resultsContentId ? (
            <Button
              type="primary"
              loading={busy === 'publish'}
              onClick={() =>
                void act('publish', `/api/supervision/plans/${p.id}/publish`, '抽查情况通报已提交发布审查')
              }
            >
              发布结果
            </Button>
          ) : null}
          {p.status === 'done' ? (
            <>
              <Button href={`/api/supervision/plans/${p.id}/report.pdf`}>导出 PDF</Button>
              <Button href={`/api/supervision/plans/${p.id}/report.xlsx`}>导出 XLSX</Button>
            </>
          ) : null}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <PlanStatusTag status={p.status} />
          <Typography.Text>
            随机种子 {p.seed}；抽取政府网站 {d.items.filter((i) => i.kind === 'website').length} 个（运行中{' '}
            {p.websitesTotal} 个，{pct(p.share)}），政务新媒体 {d.items.filter((i) => i.kind === 'newmedia').length} 个
          </Typography.Text>
        </Space>
        <Progress
          percent={Math.round((done / Math.max(1, p.progress.total)) * 100)}
          aria-label="抽查进度"
          data-testid="plan-progress"
        />
        <Typography.Text data-testid="plan-progress-text">
          已完成 {p.progress.done} 个，检查中 {p.progress.running} 个，等待 {p.progress.pending} 个，失败{' '}
          {p.progress.failed} 个
        </Typography.Text>
        {p.resultsContentId && !p.resultsPublishedAt ? (
          <Alert
            type="info"
            showIcon
            title="抽查情况通报已提交发布审查（附件3），审核通过并发布后自动生成整改任务，整改期限为通报公开之日起2周。"
          />
        ) : null}
        {p.resultsPublishedAt ? (
          <Alert
            type="success"
            showIcon
            title={`结果已于 ${formatDateTime(p.resultsPublishedAt)} 公开`}
            description={<Link to={`/supervision/rectifications?plan=${p.id}`}>查看整改任务</Link>}
          />
        ) : null}
        <ItemsTable planId={p.id} items={d.items} />
      </Space>
    </Card>
  );
}

function ItemsTable({ planId, items }: { planId: number; items: PlanItemView[] }) {
  const columns: TableColumnsType<PlanItemView> = [
    {
      title: '对象',
      render: (_, i) => (
        <a href={i.url} target="_blank" rel="noreferrer">
          {i.name}
        </a>
      ),
    },
    {
      title: '状态',
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <ItemStatusTag status={i.status} />
          {i.stage ? <Typography.Text type="secondary">{i.stage}</Typography.Text> : null}
          {i.status === 'pending' && i.attempts > 0 ? (
            <Typography.Text type="secondary">
              第 {i.attempts + 1} 次尝试：{formatDateTime(i.nextAttemptAt)}
            </Typography.Text>
          ) : null}
          {i.error && i.status === 'failed' ? <Typography.Text type="danger">{i.error}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: '结论', render: (_, i) => (i.status === 'done' ? <VerdictTag verdict={i.verdict} /> : '—') },
    { title: '得分', render: (_, i) => fmt(i.totalScore) },
    {
      title: '发现的问题',
      render: (_, i) =>
        i.problems.length === 0 ? (
          i.status === 'done' ? (
            '未发现问题'
          ) : (
            '—'
          )
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {i.problems.map((p) => (
              <li key={p.indicatorId}>
                {p.name}：{p.findings.length} 处
              </li>
            ))}
          </ul>
        ),
    },
    {
      title: '报告',
      render: (_, i) =>
        i.runId && i.status === 'done' ? (
          <a href={`/api/supervision/plans/${planId}/items/${i.id}/report.html`} target="_blank" rel="noreferrer">
            检查报告
          </a>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Table rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} data-testid="plan-items" />
  );
}
