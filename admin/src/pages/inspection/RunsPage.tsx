// 检查任务: start an inspection of a URL or of one of this platform's sites, follow its progress, and find
// the past runs with their verdicts and reports.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Empty, Form, Row, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EyeOutlined, FileTextOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useBusy } from '../../components/busy';
import { api } from '../../api';
import { useMe } from '../../auth';
import { showFormError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { PageHeader } from '../../components/PageHeader';
import { loadSites, useLoad, usePageTitle } from '../../hooks';
import type { SiteView as Site } from '../../../../src/modules/sites/sites.schema.ts';
import {
  distinctUrls,
  fmt,
  isInspector,
  progressPercent,
  RunStatusTag,
  ScoreTag,
  STAGE_LABEL,
  VerdictTag,
} from './common';
import { RunProgressCard } from './RunProgressCard';
import { initialTarget, TargetFields, toRunInput, type TargetValues } from './TargetFields';
import type { Items } from '../../api-types';
import type { RunRow } from '../../../../src/modules/inspection/inspection.schema.ts';

function HowItWorks() {
  return (
    <Card title="检查说明">
      <ol style={{ margin: 0, paddingInlineStart: 20, lineHeight: 1.9 }}>
        <li>
          <Typography.Text strong>抓取页面</Typography.Text>：从首页起按链接抓取，最多抓取设定的页面数，遵守
          robots.txt。
        </li>
        <li>
          <Typography.Text strong>检查链接</Typography.Text>：抽查页面上的链接和图片能否打开。
        </li>
        <li>
          <Typography.Text strong>按指标检查</Typography.Text>
          ：逐项对照单项否决、扣分指标和加分指标评分；本平台站点还依据平台数据检查栏目更新、政策解读、留言办理等。
        </li>
        <li>
          <Typography.Text strong>截取证据</Typography.Text>
          ：为有问题的页面截图（可选），报告中每条发现都附页面地址、时间和 SHA-256 摘要。
        </li>
      </ol>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        需要注册登录、人工判断的指标显示为“未检测”，不视为通过；检查员可在报告中记录人工发现，计入下一次检查。“站点无法访问”需加入定期检查、连续监测一周后才能判定。
      </Typography.Paragraph>
    </Card>
  );
}

/** The address's query with `run` (the run whose progress is shown) set, or removed for null. */
function withRun(params: URLSearchParams, id: number | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (id) next.set('run', String(id));
  else next.delete('run');
  return next;
}

function duration(from: string | null, to: string | null): string | null {
  if (!from || !to) return null;
  const s = Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 1000));
  if (s === 0) return null;
  return s < 60 ? `${s} 秒` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
}

export default function InspectionRunsPage() {
  usePageTitle('检查任务');
  const me = useMe();
  const inspector = isInspector(me);
  const [params, setParams] = useSearchParams();
  const [urlFilter, setUrlFilter] = useState<string | undefined>(undefined);
  const sites = useLoad(() => loadSites(), []);
  const runs = useLoad(() => api.get<Items<RunRow>>('/api/inspection/runs').then((r) => r.items), []);
  const [form] = Form.useForm<TargetValues>();
  const starting = useBusy();
  const activeId = Number(params.get('run')) || null;
  const picked = useRef(false);

  const setActive = (id: number | null) => setParams(withRun(params, id), { replace: true });

  useEffect(() => {
    if (sites.data) form.setFieldsValue(initialTarget(sites.data, inspector));
  }, [sites.data, form, inspector]);

  // Coming back to the page while a run is going on (and none is shown): follow the newest one.
  useEffect(() => {
    if (picked.current || !runs.data) return;
    picked.current = true;
    const going = runs.data.find((r) => r.status === 'running' || r.status === 'queued');
    if (going) setParams((current) => (current.get('run') ? current : withRun(current, going.id)), { replace: true });
  }, [runs.data, setParams]);

  const start = (values: TargetValues) =>
    starting.run(
      async () => {
        const { id } = await api.post<{ id: number }>('/api/inspection/runs', toRunInput(values));
        toastSuccess(`检查 #${id} 已开始`);
        setActive(id);
        await runs.reload();
      },
      { onError: (err) => showFormError(form, err) },
    );

  const siteList: Site[] = sites.data ?? [];
  const siteName = (id: number | null) =>
    id === null ? null : (siteList.find((s) => s.id === id)?.name ?? `站点 #${id}`);
  const urls = useMemo(() => distinctUrls(runs.data ?? []), [runs.data]);
  const rows = useMemo(
    () => (runs.data ?? []).filter((r) => !urlFilter || r.target_url === urlFilter),
    [runs.data, urlFilter],
  );

  const columns: TableColumnsType<RunRow> = [
    { title: '编号', dataIndex: 'id', width: 64, render: (id: number) => `#${id}` },
    {
      title: '网址',
      key: 'url',
      width: 260,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text style={{ wordBreak: 'break-all' }}>{r.target_url}</Typography.Text>
          {r.site_id !== null && <Typography.Text type="secondary">本平台站点：{siteName(r.site_id)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {r.status === 'failed' && r.error ? (
            <Tooltip title={r.error}>
              <button type="button" className="plain-button" aria-label={`失败：${r.error}`}>
                <RunStatusTag status={r.status} />
              </button>
            </Tooltip>
          ) : (
            <RunStatusTag status={r.status} />
          )}
          {r.status === 'cancelled' && r.finished_at && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              不计入得分趋势
            </Typography.Text>
          )}
          {r.status === 'running' && (
            <Typography.Text type="secondary">
              {STAGE_LABEL[r.progress?.stage ?? 'crawl']} {progressPercent(r.status, r.progress)}%
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '结论', dataIndex: 'verdict', width: 100, render: (v: RunRow['verdict']) => <VerdictTag verdict={v} /> },
    {
      title: '得分',
      key: 'score',
      width: 200,
      render: (_, r) =>
        r.status === 'done' && r.deduction_score === null ? (
          <Typography.Text type="secondary">单项否决，不再评分</Typography.Text>
        ) : r.status === 'done' ? (
          <Space orientation="vertical" size={2}>
            <ScoreTag score={r.total_score} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              扣分指标 {fmt(r.deduction_score)} · 加分 {fmt(r.bonus_score)}
              {r.untested_points ? ` · 未检测 ${fmt(r.untested_points)} 分` : ''}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '开始时间',
      key: 'time',
      width: 170,
      render: (_, r) => {
        const took = duration(r.started_at ?? r.created_at, r.finished_at);
        return (
          <Space orientation="vertical" size={0}>
            <span>{formatDateTime(r.created_at)}</span>
            {took && <Typography.Text type="secondary">用时 {took}</Typography.Text>}
          </Space>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, r) =>
        r.status === 'done' ? (
          <Link to={`/inspection/runs/${r.id}`} aria-label={`查看检查 #${r.id} 的报告`}>
            <FileTextOutlined aria-hidden /> 查看报告
          </Link>
        ) : r.status === 'running' || r.status === 'queued' ? (
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined aria-hidden />}
            onClick={() => setActive(r.id)}
            aria-label={`查看检查 #${r.id} 的进度`}
            style={{ paddingInline: 0 }}
          >
            查看进度
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="检查任务" />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        依据国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》抓取网站、逐项检查并评分。
        {inspector ? '检查员可检查任意网站；' : '站点管理员只能检查本单位站点；'}
        检查本平台站点时会同时加测平台内部数据。
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="开始检查">
            <Form<TargetValues>
              form={form}
              layout="vertical"
              onFinish={start}
              disabled={sites.loading}
              data-testid="run-form"
            >
              <TargetFields form={form} sites={siteList} inspector={inspector} />
              <Form.Item style={{ marginBottom: 0 }}>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<PlayCircleOutlined aria-hidden />}
                  loading={starting.busy}
                >
                  开始检查
                </Button>
              </Form.Item>
            </Form>
          </Card>
        </Col>
        {!activeId && (
          <Col xs={24} xl={14}>
            <HowItWorks />
          </Col>
        )}
        {activeId && (
          <Col xs={24} xl={14}>
            <RunProgressCard
              runId={activeId}
              onUpdate={(run) =>
                runs.data && runs.setData(runs.data.map((r) => (r.id === run.id ? { ...r, ...run } : r)))
              }
              onFinished={() => void runs.reload()}
              onClose={() => setActive(null)}
            />
          </Col>
        )}
      </Row>
      <Card
        title="检查记录"
        extra={
          <Space wrap>
            <label htmlFor="runs-url-filter" className="sr-only">
              按网址筛选
            </label>
            <Select
              id="runs-url-filter"
              allowClear
              placeholder="全部网址"
              style={{ minWidth: 260 }}
              value={urlFilter}
              onChange={setUrlFilter}
              options={urls.map((u) => ({ value: u, label: u }))}
              aria-label="按网址筛选"
            />
            <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void runs.reload()}>
              刷新
            </Button>
          </Space>
        }
      >
        <Table<RunRow>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={runs.loading}
          size="middle"
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 次检查` }}
          locale={{ emptyText: <Empty description="还没有检查记录，可在上方开始第一次检查" /> }}
          data-testid="runs-table"
        />
      </Card>
    </Space>
  );
}
