// 检查报告 of one run: the verdict and scores, what could not be tested, the points lost per group, every
// indicator with its findings and evidence, exports, the comparison with an earlier run and the manual findings.
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Statistic, Switch, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  FileExcelOutlined,
  FilePdfOutlined,
  LineChartOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { api, queryString } from '../../api';
import { formatDateTime } from '../../format';
import { PageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle } from '../../hooks';
import { DEDUCTION_GROUPS, fmt } from './common';
import { ComparePanel } from './ComparePanel';
import { Chart } from '../../components/chart/Chart';
import { hasProblem, IndicatorSections } from './IndicatorSections';
import { ManualFindingButton, ManualFindingForm, ManualFindingList } from './ManualFindings';
import { RunProgressCard } from './RunProgressCard';
import type { Items } from '../../api-types';
import type {
  IndicatorView as CatalogueIndicator,
  InspectionReportView as InspectionReport,
  RunDetail,
  RunRow,
} from '../../../../src/modules/inspection/inspection.schema.ts';
import './inspection.css';

const STOPPED_BY: Record<string, string> = {
  done: '已抓取全部可达页面',
  'page-limit': '达到页面数上限',
  'time-limit': '达到时间上限',
  aborted: '检查被中止',
};

function Verdict({ report }: { report: InspectionReport }) {
  const pass = report.verdict === '合格';
  return (
    <div className={`insp-verdict ${pass ? 'insp-verdict-pass' : 'insp-verdict-fail'}`} data-testid="report-verdict">
      {pass ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}
      <span>
        <span className="sr-only">检查结论：</span>
        {report.verdict}
      </span>
    </div>
  );
}

interface GroupLoss {
  name: string;
  max: number;
  lost: number;
  untested: number;
}

function groupLosses(report: InspectionReport): GroupLoss[] {
  return DEDUCTION_GROUPS.map((g) => {
    const list = report.indicators.filter((i) => i.kind === 'deduction' && i.group === g.name);
    const sum = (f: (i: (typeof list)[number]) => number) => Math.round(list.reduce((n, i) => n + f(i), 0) * 100) / 100;
    return {
      name: g.name,
      max: g.points,
      lost: sum((i) => i.points ?? 0),
      untested: sum((i) => (i.status === '未检测' ? (i.maxPoints ?? 0) : 0)),
    };
  });
}

function GroupChart({ report }: { report: InspectionReport }) {
  const groups = useMemo(() => groupLosses(report), [report]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 48, right: 24, top: 40, bottom: 48 },
      legend: { top: 0, data: ['扣分', '未检测'] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => `${fmt(Number(v))} 分`,
      },
      xAxis: {
        type: 'category',
        data: groups.map((g) => `${g.name}\n（满分 ${g.max} 分）`),
        axisLabel: { color: 'rgba(0,0,0,0.78)', lineHeight: 16 },
      },
      yAxis: { type: 'value', name: '分', minInterval: 1, axisLabel: { color: 'rgba(0,0,0,0.68)' } },
      series: [
        {
          name: '扣分',
          type: 'bar',
          barMaxWidth: 36,
          itemStyle: { color: '#c9252c' },
          label: {
            show: true,
            position: 'top',
            color: '#a8071a',
            formatter: ({ value }: { value: number }) => `扣 ${fmt(value)}`,
          },
          data: groups.map((g) => g.lost),
        },
        {
          name: '未检测',
          type: 'bar',
          barMaxWidth: 36,
          itemStyle: {
            color: '#d4b106',
            decal: {
              symbol: 'rect',
              dashArrayX: [1, 0],
              dashArrayY: [2, 3],
              rotation: -Math.PI / 4,
              color: 'rgba(255,255,255,0.45)',
            },
          },
          label: {
            show: true,
            position: 'top',
            color: '#614700',
            formatter: ({ value }: { value: number }) => (value ? `${fmt(value)}` : ''),
          },
          data: groups.map((g) => g.untested),
        },
      ],
    }),
    [groups],
  );
  const description = `各组扣分：${groups.map((g) => `${g.name}（满分 ${g.max} 分）扣 ${fmt(g.lost)} 分，未检测 ${fmt(g.untested)} 分`).join('；')}。`;
  return (
    <>
      <Chart option={option} label={description} height={300} testId="group-chart" />
      <p className="sr-only">{description}</p>
    </>
  );
}

function Untested({ report }: { report: InspectionReport }) {
  const u = report.untested;
  if (!u.indicators.length && !u.deductionPoints && !u.bonusPoints && !u.vetoes.length) return null;
  const counts = [
    u.deductionPoints ? `扣分指标 ${fmt(u.deductionPoints)} 分` : null,
    u.bonusPoints ? `加分指标 ${fmt(u.bonusPoints)} 分` : null,
  ]
    .filter(Boolean)
    .join('、');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="report-untested"
      title={`本次有${counts || ' '}${u.vetoes.length ? `${counts ? '，以及 ' : ''}${u.vetoes.length} 项单项否决指标` : ''}未能检测。未检测不等于通过，得分只反映已检测的部分。`}
      description={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {u.vetoes.length > 0 && <div>未检测的单项否决指标：{u.vetoes.join('、')}</div>}
          <details>
            <summary style={{ cursor: 'pointer' }}>查看未检测的指标及原因（{u.indicators.length} 项）</summary>
            <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
              {u.indicators.map((i) => (
                <li key={i.id}>
                  <Typography.Text strong>{i.name}</Typography.Text>：{i.reason || '本次检查未能测量'}
                </li>
              ))}
            </ul>
          </details>
        </Space>
      }
    />
  );
}

function Exports({ runId }: { runId: number }) {
  const base = `/api/inspection/runs/${runId}`;
  return (
    <Space wrap>
      <Button icon={<FilePdfOutlined aria-hidden />} href={`${base}/report.pdf`} data-testid="export-pdf">
        导出 PDF
      </Button>
      <Button icon={<FileExcelOutlined aria-hidden />} href={`${base}/report.xlsx`}>
        导出 Excel
      </Button>
      <Button
        icon={<PrinterOutlined aria-hidden />}
        href={`${base}/report.html`}
        target="_blank"
        rel="noopener noreferrer"
        aria-label="打印版（在新窗口打开）"
      >
        打印版
      </Button>
    </Space>
  );
}

function ReportBody({
  runId,
  report,
  catalogue,
  sameUrl,
}: {
  runId: number;
  report: InspectionReport;
  catalogue: CatalogueIndicator[];
  sameUrl: RunRow[];
}) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [manualOpen, setManualOpen] = useState(false);
  const [manualVersion, setManualVersion] = useState(0);
  const byId = useMemo(() => new Map(catalogue.map((i) => [i.id, i])), [catalogue]);
  const earlier = useMemo(
    () => sameUrl.filter((r) => r.id < runId && r.status === 'done').sort((a, b) => b.id - a.id),
    [sameUrl, runId],
  );
  const problems = report.indicators.filter(hasProblem).length;
  const o = report.options;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="检查结论" extra={<Exports runId={runId} />}>
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={8} lg={6}>
            <Verdict report={report} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              依据国办秘函〔2019〕19号
            </Typography.Text>
          </Col>
          <Col xs={24} md={16} lg={18}>
            <Row gutter={[16, 16]}>
              <Col xs={8}>
                <Statistic
                  title="扣分指标得分"
                  value={fmt(report.deductionScore)}
                  suffix={report.deductionScore !== null ? '/ 100' : undefined}
                  data-testid="score-deduction"
                />
              </Col>
              <Col xs={8}>
                <Statistic title="加分" value={fmt(report.bonusScore)} data-testid="score-bonus" />
              </Col>
              <Col xs={8}>
                <Statistic title="总分" value={fmt(report.totalScore)} data-testid="score-total" />
              </Col>
            </Row>
          </Col>
        </Row>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label="网站">
            <Space wrap size={4}>
              {report.target.siteName && <span>{report.target.siteName}</span>}
              <Typography.Link
                href={report.target.url}
                target="_blank"
                rel="noopener noreferrer"
                style={{ wordBreak: 'break-all' }}
              >
                {report.target.url}
              </Typography.Link>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="检查时间">
            {formatDateTime(report.startedAt)} 至 {formatDateTime(report.finishedAt)}（北京时间）
          </Descriptions.Item>
          <Descriptions.Item label="抓取页面">
            {report.crawl.pages} 页，{STOPPED_BY[report.crawl.stoppedBy] ?? report.crawl.stoppedBy}
            {report.crawl.skipped
              ? `；另有 ${report.crawl.skipped} 个已发现的地址未抓取（页面数上限、时间上限或 robots.txt）`
              : ''}
          </Descriptions.Item>
          <Descriptions.Item label="检查选项">
            {[
              `最多 ${o.maxPages} 页`,
              o.noServices ? '没有对外服务职能（办事服务不检查）' : null,
              o.ignoreRobots ? '忽略 robots.txt' : null,
              report.target.siteId ? '本平台站点（含内部数据）' : null,
            ]
              .filter(Boolean)
              .join('；')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {report.crawl.stoppedBy === 'aborted' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="本次检查被中止"
          description="结论和得分只依据中止前抓取到的页面，不能作为正式检查结果，请重新检查。"
        />
      )}
      <Untested report={report} />
      {report.evidenceNote && <Alert type="info" showIcon title={report.evidenceNote} />}
      <Card title="各组扣分" size="small">
        {report.deductionScore === null ? (
          <Alert
            type="error"
            showIcon
            title="存在单项否决情形，扣分指标和加分指标不再评分。"
            description="各项发现仍列在下方，整改时请一并处理。"
          />
        ) : (
          <GroupChart report={report} />
        )}
      </Card>
      <Card
        title="逐项检查结果"
        extra={
          <Space wrap>
            <Space size={6}>
              <Switch
                id="only-problems"
                checked={onlyProblems}
                onChange={setOnlyProblems}
                aria-describedby="only-problems-count"
              />
              <label htmlFor="only-problems">只看有问题的</label>
              <Typography.Text type="secondary" id="only-problems-count">
                （{problems} 项）
              </Typography.Text>
            </Space>
            <ManualFindingButton onClick={() => setManualOpen(true)} />
          </Space>
        }
      >
        <IndicatorSections indicators={report.indicators} catalogue={byId} onlyProblems={onlyProblems} />
      </Card>
      <Card
        title="对比"
        extra={
          <Link to={`/inspection/trend${queryString({ url: report.target.url })}`}>
            <LineChartOutlined aria-hidden /> 得分趋势
          </Link>
        }
      >
        <ComparePanel runId={runId} earlier={earlier} />
      </Card>
      <Card title="人工发现" extra={<ManualFindingButton onClick={() => setManualOpen(true)} />}>
        <Typography.Paragraph type="secondary">
          检查员人工核查发现的问题（如需注册登录才能检查的项目）。人工发现计入该网址之后的每一次检查，直到撤销；已出具的报告不受影响。
        </Typography.Paragraph>
        <ManualFindingList
          url={report.target.url}
          siteId={report.target.siteId}
          catalogue={catalogue}
          version={manualVersion}
        />
      </Card>
      <ManualFindingForm
        url={report.target.url}
        siteId={report.target.siteId}
        catalogue={catalogue}
        open={manualOpen}
        onClose={() => setManualOpen(false)}
        onSaved={() => {
          setManualOpen(false);
          setManualVersion((v) => v + 1);
        }}
      />
    </Space>
  );
}

export default function InspectionReportPage() {
  const params = useParams();
  const runId = Number(params.id);
  const valid = Number.isInteger(runId) && runId > 0;
  usePageTitle(valid ? `检查报告 #${runId}` : '检查报告');
  const run = useLoad(valid ? () => api.get<RunDetail>(`/api/inspection/runs/${runId}`) : null, [runId]);
  const done = run.data?.status === 'done';
  const report = useLoad(done ? () => api.get<InspectionReport>(`/api/inspection/runs/${runId}/report`) : null, [
    runId,
    done,
  ]);
  const catalogue = useLoad(
    () => api.get<Items<CatalogueIndicator>>('/api/inspection/indicators').then((r) => r.items),
    [],
  );
  const url = run.data?.target_url;
  const sameUrl = useLoad(
    url ? () => api.get<Items<RunRow>>(`/api/inspection/runs${queryString({ url })}`).then((r) => r.items) : null,
    [url, runId],
  );

  let body: ReactNode;
  if (!valid || (run.error && !run.data)) {
    body = (
      <Result
        status="404"
        title="找不到该检查"
        subTitle="检查记录不存在，或您没有查看它的权限。"
        extra={
          <Link to="/inspection/runs">
            <ArrowLeftOutlined aria-hidden /> 返回检查任务
          </Link>
        }
      />
    );
  } else if (!run.data) {
    body = <Spin description="正在加载…" style={{ display: 'block', padding: 48 }} />;
  } else if (run.data.status === 'queued' || run.data.status === 'running') {
    body = <RunProgressCard runId={runId} showReportLink={false} onFinished={() => void run.reload()} />;
  } else if (run.data.status === 'failed') {
    body = <Result status="error" title="检查失败" subTitle={run.data.error ?? '原因不明'} />;
  } else if (run.data.status === 'cancelled') {
    body = (
      <Result status="warning" title="检查已中止" subTitle="本次检查在完成前被中止，没有报告，也不计入得分趋势。" />
    );
  } else if (!report.data || !catalogue.data) {
    body = <Spin description="正在加载报告…" style={{ display: 'block', padding: 48 }} />;
  } else {
    body = <ReportBody runId={runId} report={report.data} catalogue={catalogue.data} sameUrl={sameUrl.data ?? []} />;
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader
        title={`检查报告${valid ? ` #${runId}` : ''}`}
        extra={
          <Link to="/inspection/runs">
            <ArrowLeftOutlined aria-hidden /> 返回检查任务
          </Link>
        }
      />
      {body}
    </Space>
  );
}
