// 年度考核: the 监管工作年度考核指标 of one year, computed from the office's records — vetoes, deductions with
// their caps, bonuses, each with its evidence — with charts; the manual entries only people can make; and the
// year's 监管年度报表, generated and submitted for publication by 31 January.
import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { api, queryString } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import { Chart } from '../../components/chart/Chart';
import {
  fmt,
  INDICATOR_STATUS_TONE,
  pct,
  QUARTER_NAMES,
  thisYear,
  ToneTag,
  useOffice,
  VerdictTag,
  type AssessmentView,
} from './common';

type Indicator = AssessmentView['indicators'][number];

function deductionOption(indicators: Indicator[]): EChartsCoreOption {
  const rows = indicators.filter((i) => i.kind === 'deduction');
  return {
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 96, right: 24, top: 32, bottom: 24 },
    legend: { top: 0, data: ['扣分', '未扣分', '未检测'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: '分' },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [
      {
        name: '扣分',
        type: 'bar',
        stack: 'p',
        color: '#c9252c',
        data: rows.map((r) => (r.status === '未检测' ? 0 : (r.points ?? 0))),
      },
      {
        name: '未扣分',
        type: 'bar',
        stack: 'p',
        color: '#2f7d0b',
        data: rows.map((r) =>
          r.status === '未检测' || r.status === '不检查' ? 0 : (r.maxPoints ?? 0) - (r.points ?? 0),
        ),
      },
      {
        name: '未检测',
        type: 'bar',
        stack: 'p',
        color: '#d9d9d9',
        data: rows.map((r) => (r.status === '未检测' ? (r.maxPoints ?? 0) : 0)),
      },
    ],
  };
}

function quarterOption(quarters: AssessmentView['quarters']): EChartsCoreOption {
  return {
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 48, right: 88, top: 32, bottom: 24 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${v}%` },
    xAxis: { type: 'category', data: QUARTER_NAMES },
    yAxis: { type: 'value', name: '抽查比例 %', max: 100 },
    series: [
      {
        name: '抽查比例',
        type: 'bar',
        color: '#1d4ea8',
        data: quarters.map((q) => (q.share === null ? 0 : Math.round(q.share * 1000) / 10)),
        markLine: {
          symbol: 'none',
          label: { formatter: '{b}' },
          data: [
            { name: '不低于30%', yAxis: 30 },
            { name: '100% 加分', yAxis: 100 },
          ],
        },
      },
    ],
  };
}

export default function AssessmentPage() {
  usePageTitle('年度考核');
  const office = useOffice();
  const siteId = office.site?.id;
  const [year, setYear] = useState(thisYear());
  const data = useLoad(
    siteId ? () => api.get<AssessmentView>(`/api/supervision/assessment${queryString({ siteId, year })}`) : null,
    [siteId, year],
  );
  const a = data.data;
  const deduction = useMemo(() => (a ? deductionOption(a.indicators) : null), [a]);
  const quarters = useMemo(() => (a ? quarterOption(a.quarters) : null), [a]);
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          年度考核
        </Typography.Title>
        <Space wrap>
          <label htmlFor="assessment-year">年度</label>
          <Select
            id="assessment-year"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
          />
          <SiteSelect sites={office.sites} value={office.site} onChange={office.choose} />
        </Space>
      </Space>
      {!a ? (
        <Card loading={data.loading} />
      ) : (
        <>
          <Card
            data-testid="assessment-summary"
            extra={
              <Space>
                <Button href={`/api/supervision/assessment.html${queryString({ siteId, year })}`} target="_blank">
                  打印报告
                </Button>
                <Button href={`/api/supervision/assessment.pdf${queryString({ siteId, year })}`}>导出 PDF</Button>
              </Space>
            }
          >
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic title="结论" valueRender={() => <VerdictTag verdict={a.verdict} />} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="扣分指标得分" value={fmt(a.deductionScore)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="加分" value={fmt(a.bonusScore)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title="总分" value={fmt(a.totalScore)} data-testid="assessment-total" />
              </Col>
            </Row>
            {a.vetoReasons.length ? (
              <Alert
                style={{ marginTop: 16 }}
                type="error"
                showIcon
                title="存在单项否决情形，不再评分"
                description={a.vetoReasons.join('；')}
              />
            ) : null}
            {a.untestedPoints > 0 ? (
              <Alert
                style={{ marginTop: 16 }}
                type="warning"
                showIcon
                title={`有 ${fmt(a.untestedPoints)} 分的扣分指标未检测，不计为通过，得分可能偏高`}
              />
            ) : null}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              由本单位的抽查、通报、整改、检查和人工填报记录计算，计算时间 {formatDateTime(a.computedAt)}
              {a.stateCouncil ? '；国务院部门：考核评价不检查，扣分指标以90分为满分，结果乘以10/9' : ''}。
            </Typography.Paragraph>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <Card title="扣分指标">
                {deduction ? (
                  <Chart
                    option={deduction}
                    label="各扣分指标的扣分、未扣分与未检测分值"
                    height={300}
                    testId="assessment-chart"
                  />
                ) : null}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title="各季度抽查比例">
                {quarters ? (
                  <Chart
                    option={quarters}
                    label="各季度政府网站抽查比例"
                    summary={a.quarters
                      .map((q) => `${QUARTER_NAMES[q.quarter - 1]}${q.share === null ? '未抽查' : pct(q.share)}`)
                      .join('，')}
                    height={300}
                  />
                ) : null}
              </Card>
            </Col>
          </Row>
          <Card title="指标明细">
            <Table
              rowKey="id"
              size="middle"
              pagination={false}
              dataSource={a.indicators}
              data-testid="assessment-indicators"
              columns={[
                { title: '指标', dataIndex: 'name' },
                {
                  title: '状态',
                  render: (_, i) => <ToneTag tone={INDICATOR_STATUS_TONE[i.status] ?? 'muted'}>{i.status}</ToneTag>,
                },
                {
                  title: '分值',
                  render: (_, i) =>
                    i.maxPoints === null
                      ? '—'
                      : `${i.kind === 'bonus' ? '加' : '扣'} ${fmt(i.points ?? 0)} / ${fmt(i.maxPoints)}`,
                },
                {
                  title: '依据',
                  render: (_, i) =>
                    i.findings.length ? (
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {i.findings.map((f) => (
                          <li key={`${f.subRule ?? ''}:${f.message}`}>{f.message}</li>
                        ))}
                      </ul>
                    ) : (
                      <Typography.Text type="secondary">{i.reason ?? '记录中未发现问题'}</Typography.Text>
                    ),
                },
                {
                  title: '说明',
                  render: (_, i) =>
                    i.findings.length && i.reason ? (
                      <Typography.Text type="secondary">{i.reason}</Typography.Text>
                    ) : null,
                },
              ]}
            />
          </Card>
          {siteId ? <ManualEntry siteId={siteId} year={year} indicators={a.indicators} onSaved={data.reload} /> : null}
          {siteId ? <AnnualReportCard siteId={siteId} year={year} /> : null}
        </>
      )}
    </Space>
  );
}

function ManualEntry({
  siteId,
  year,
  indicators,
  onSaved,
}: {
  siteId: number;
  year: number;
  indicators: Indicator[];
  onSaved: () => Promise<void>;
}) {
  const [form] = Form.useForm();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/api/supervision/findings', {
        siteId,
        year,
        indicatorId: v.indicatorId,
        outcome: v.outcome,
        subRule: v.subRule ?? null,
        part: v.part || null,
        points: v.points ?? null,
        message: v.message,
      });
      toastSuccess('已填报，得分已重新计算');
      form.resetFields();
      await onSaved();
    } catch (error) {
      showError(error);
    }
  };
  return (
    <Card title="人工填报（爬虫无法判断的事项）">
      <Typography.Paragraph type="secondary">
        如：是否纳入政府年度绩效考核、国办抽查中的判定结果、弄虚作假情形、加分材料。“已核实无问题”使该指标计为已检测；发现问题须选择细则条目。
      </Typography.Paragraph>
      <Form form={form} layout="inline" initialValues={{ outcome: 'confirmed' }}>
        <Form.Item name="indicatorId" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
          <Select style={{ width: 180 }} options={indicators.map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="outcome" label="结果">
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'confirmed', label: '已核实无问题' },
              { value: 'problem', label: '发现问题' },
              { value: 'bonus', label: '加分' },
            ]}
          />
        </Form.Item>
        <Form.Item name="subRule" label="细则">
          <InputNumber min={1} max={9} />
        </Form.Item>
        <Form.Item name="part" label="部分">
          <Input style={{ width: 100 }} placeholder="entry 等" />
        </Form.Item>
        <Form.Item name="points" label="分值">
          <InputNumber min={0} max={20} />
        </Form.Item>
        <Form.Item name="message" label="说明" rules={[{ required: true, min: 2, message: '请填写说明' }]}>
          <Input style={{ width: 280 }} />
        </Form.Item>
        <Button type="primary" onClick={() => void save()}>
          填报
        </Button>
      </Form>
    </Card>
  );
}

function AnnualReportCard({ siteId, year }: { siteId: number; year: number }) {
  const report = useLoad(
    () =>
      api.get<{ contentId: number | null; publishedAt: string | null; due: string }>(
        `/api/supervision/annual-report${queryString({ siteId, year })}`,
      ),
    [siteId, year],
  );
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/api/supervision/annual-report', { siteId, year, ...v });
      toastSuccess('监管年度报表已生成并提交发布审查');
      await report.reload();
    } catch (error) {
      showError(error);
    }
  };
  const r = report.data;
  return (
    <Card title={`${year}年度政府网站监管年度报表`}>
      <Typography.Paragraph>
        应于 {r ? formatDateTime(r.due) : '—'} 前在门户网站首页发布。
        {r?.publishedAt
          ? `已于 ${formatDateTime(r.publishedAt)} 发布。`
          : r?.contentId
            ? '已提交发布审查。'
            : '尚未生成。'}
      </Typography.Paragraph>
      {!r?.contentId ? (
        <Form
          form={form}
          layout="inline"
          initialValues={{ counterfeitSites: 0, trainings: 0, trainees: 0, securityChecks: 0 }}
        >
          <Form.Item name="securityChecks" label="安全检查次数">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="counterfeitSites" label="假冒网站处置">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="trainings" label="培训次数">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="trainees" label="培训人次">
            <InputNumber min={0} />
          </Form.Item>
          <Button onClick={() => void submit()}>生成并提交发布</Button>
        </Form>
      ) : null}
    </Card>
  );
}
