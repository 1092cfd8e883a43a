// 好差评: the applicants' ratings with the share of each level, and the rectification of every 差评 — 整改 by the
// department before its deadline, then 回访 of the applicant — tracked to the end.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import { Chart } from '../../components/chart/Chart';
import { REVISIT_RESULTS, type RatingView, type RectificationView } from './types';

type Rating = RatingView & { receiptNo: string; itemName: string; departmentName: string };

export default function RatingsPage() {
  usePageTitle('好差评');
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  const siteId = site?.id;
  const ratings = useLoad(
    siteId
      ? () =>
          api.get<{ ratings: Rating[]; shares: { level: number; name: string; count: number }[] }>(
            `/api/sites/${siteId}/services/ratings`,
          )
      : null,
    [siteId],
  );
  const rectifications = useLoad(
    siteId
      ? () =>
          api
            .get<{ rectifications: RectificationView[] }>(`/api/sites/${siteId}/services/rectifications`)
            .then((r) => r.rectifications)
      : null,
    [siteId],
  );
  const [acting, setActing] = useState<{ r: RectificationView; step: 'rectify' | 'revisit' } | null>(null);
  const [text, setText] = useState('');
  const [result, setResult] = useState<string>('满意');

  const act = async () => {
    if (!acting || !siteId) return;
    const body = acting.step === 'rectify' ? { measures: text } : { result, note: text };
    try {
      await api.post(`/api/sites/${siteId}/services/rectifications/${acting.r.id}/${acting.step}`, body);
      toastSuccess(acting.step === 'rectify' ? '已登记整改' : '已登记回访');
      setActing(null);
      setText('');
      await rectifications.reload();
    } catch (err) {
      showError(err);
    }
  };

  const shares = ratings.data?.shares ?? [];
  const rectColumns: TableColumnsType<RectificationView> = [
    {
      title: '办件',
      key: 'app',
      render: (_, r) => <Link to={`/services/applications/${r.application.id}`}>{r.application.receiptNo}</Link>,
      width: 160,
    },
    { title: '事项', key: 'item', render: (_, r) => r.application.itemName },
    {
      title: '评价',
      key: 'rating',
      render: (_, r) => `${r.rating.levelName}${r.rating.comment ? `：${r.rating.comment}` : ''}`,
    },
    { title: '部门', dataIndex: 'departmentName', width: 120 },
    {
      title: '整改期限',
      key: 'due',
      width: 140,
      render: (_, r) => (
        <Tag color={r.overdue ? 'red' : 'blue'}>
          {r.dueOn}
          {r.overdue ? ' 超期' : ''}
        </Tag>
      ),
    },
    { title: '状态', dataIndex: 'stateName', width: 120 },
    {
      title: '整改与回访',
      key: 'detail',
      render: (_, r) => (
        <>
          {r.measures ? (
            <div>
              整改：{r.measures}（{r.rectifiedBy}，{formatDateTime(r.rectifiedAt)}）
            </div>
          ) : null}
          {r.revisitResult ? (
            <div>
              回访：{r.revisitResult}，{r.revisitNote}（{r.revisitedBy}）
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, r) =>
        r.state === 'open' ? (
          <Button size="small" type="primary" onClick={() => setActing({ r, step: 'rectify' })}>
            登记整改
          </Button>
        ) : r.state === 'rectified' ? (
          <Button size="small" onClick={() => setActing({ r, step: 'revisit' })}>
            登记回访
          </Button>
        ) : null,
    },
  ];

  return (
    <div data-testid="services-ratings">
      <Space style={{ marginBottom: 16 }} align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          好差评
        </Typography.Title>
        <SiteSelect sites={sites.data ?? []} value={site} onChange={chooseSite} />
      </Space>
      <Card title="差评整改" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="middle"
          loading={rectifications.loading}
          columns={rectColumns}
          dataSource={rectifications.data ?? []}
          pagination={{ pageSize: 10 }}
        />
      </Card>
      <Card title="评价等级分布" style={{ marginBottom: 16 }}>
        <Chart
          label="各评价等级的件数"
          summary={shares.map((s) => `${s.name} ${s.count} 件`).join('，')}
          option={{
            tooltip: {},
            xAxis: { type: 'category', data: shares.map((s) => s.name) },
            yAxis: { type: 'value', name: '件' },
            series: [{ type: 'bar', name: '评价数', data: shares.map((s) => s.count) }],
          }}
          height={260}
        />
      </Card>
      <Card title="全部评价">
        <Table
          rowKey="id"
          size="small"
          loading={ratings.loading}
          dataSource={ratings.data?.ratings ?? []}
          pagination={{ pageSize: 15 }}
          columns={[
            { title: '时间', dataIndex: 'ratedAt', width: 160, render: formatDateTime },
            {
              title: '办件',
              dataIndex: 'receiptNo',
              width: 150,
              render: (v: string, r) => <Link to={`/services/applications/${r.applicationId}`}>{v}</Link>,
            },
            { title: '事项', dataIndex: 'itemName' },
            { title: '部门', dataIndex: 'departmentName', width: 130 },
            {
              title: '评价',
              dataIndex: 'levelName',
              width: 110,
              render: (v: string, r) => <Tag color={r.level <= 2 ? 'red' : r.level === 3 ? 'gold' : 'green'}>{v}</Tag>,
            },
            { title: '意见', dataIndex: 'comment' },
          ]}
        />
      </Card>
      <Modal
        open={acting !== null}
        title={acting?.step === 'rectify' ? '登记整改' : '登记回访'}
        onCancel={() => setActing(null)}
        onOk={() => void act()}
        okText="保存"
        okButtonProps={{ disabled: text.trim().length < 2 }}
      >
        {acting?.step === 'revisit' ? (
          <Space style={{ marginBottom: 12 }}>
            <label htmlFor="revisit-result">回访结果</label>
            <Select
              id="revisit-result"
              value={result}
              onChange={setResult}
              options={REVISIT_RESULTS.map((r) => ({ value: r, label: r }))}
              style={{ width: 140 }}
            />
          </Space>
        ) : null}
        <Input.TextArea
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={acting?.step === 'rectify' ? '整改措施和结果' : '回访情况'}
          placeholder={acting?.step === 'rectify' ? '核实情况、整改措施和结果' : '回访方式和申请人的意见'}
        />
      </Modal>
    </div>
  );
}
