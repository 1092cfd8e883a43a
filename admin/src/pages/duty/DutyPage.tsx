// 栏目更新: 附件1 as a living table — each column's lead and cooperating departments, its update cycle, when it
// last published, when it falls due — with the four statuses counted and charted. My department's columns are
// highlighted; site administrators set how many days ahead “即将到期” warns.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Button,
  Card,
  Col,
  Empty,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { api, queryString } from '../../api';
import { useAuth, useMe } from '../../auth';
import { toastSuccess } from '../../feedback';
import { formatDate } from '../../format';
import { useBusy } from '../../components/busy';
import { DepartmentSelect } from '../../components/FilterBar';
import { SitePageHeader } from '../../components/PageHeader';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { useDepartments } from '../content/data';
import type {
  ColumnDuty as DutyItem,
  DutyDashboard as DutyResponse,
  DutyStatus,
} from '../../../../src/modules/duty/duty.schema.ts';
import { DUTY_COLORS, DUTY_HEX, DUTY_ORDER } from './labels';
import '../content/content.css';

const DutyChart = lazy(() => import('./DutyChart'));

const MARKER_TEXT: Record<string, string> = { '*': '* 2周', '★': '★ 6个月' };
const MARKER_HELP: Record<string, string> = {
  '*': '重点栏目：更新周期最长 2 周',
  '★': '重点栏目：更新周期最长 6 个月',
};

function cycleText(d: DutyItem): string {
  if (d.marker && MARKER_TEXT[d.marker]) return MARKER_TEXT[d.marker];
  return d.maxUpdateDays ? `${d.maxUpdateDays} 天` : '—';
}

const dateOnly = formatDate;

export default function DutyPage() {
  usePageTitle('栏目更新');
  const me = useMe();
  const { can } = useAuth();
  const scope = useSiteScope();
  const { siteId } = scope;
  const [params, setParams] = useSearchParams();
  const departmentId = Number(params.get('departmentId')) || undefined;
  const focus = Number(params.get('column')) || undefined;
  const [status, setStatus] = useState<DutyStatus | undefined>((params.get('status') as DutyStatus) || undefined);
  const duty = useLoad(
    siteId ? () => api.get<DutyResponse>(`/api/sites/${siteId}/duty${queryString({ departmentId })}`) : null,
    [siteId, departmentId],
  );
  const departments = useDepartments(siteId);
  const deptName = useMemo(() => new Map((departments.data ?? []).map((d) => [d.id, d.name])), [departments.data]);
  const myDept = duty.data?.myDepartmentId ?? me.departmentId;
  const isMine = (d: DutyItem) =>
    myDept !== null &&
    myDept !== undefined &&
    (d.leadDepartmentId === myDept || d.cooperatingDepartmentIds.includes(myDept));
  const [days, setDays] = useState<number | null>(null);
  const savingDays = useBusy();
  const admin = can('site.manage');

  useEffect(() => {
    if (duty.data) setDays(duty.data.dueSoonDays);
  }, [duty.data]);

  // Opened from a reminder (?column=…): bring that row into view.
  useEffect(() => {
    if (!focus || !duty.data) return;
    const t = window.setTimeout(
      () => document.querySelector(`[data-row-key="${focus}"]`)?.scrollIntoView({ block: 'center' }),
      100,
    );
    return () => window.clearTimeout(t);
  }, [focus, duty.data]);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('column');
    setParams(next, { replace: true });
  };

  const chooseStatus = (s: DutyStatus | undefined) => {
    setStatus(s);
    setParam('status', s);
  };

  const saveDays = () =>
    savingDays.run(async () => {
      if (!siteId || days === null) return;
      await api.put(`/api/sites/${siteId}/duty/settings`, { dueSoonDays: days });
      toastSuccess(`已保存：到期前 ${days} 天起提示“即将到期”`);
      await duty.reload();
    });

  const items = (duty.data?.items ?? []).filter((d) => !status || d.status === status);
  const summary = duty.data?.summary ?? { 正常: 0, 即将到期: 0, 已超期: 0, 空白: 0 };
  const summaryText = DUTY_ORDER.map((s) => `${s} ${summary[s] ?? 0} 个`).join('，');

  const columns: TableColumnsType<DutyItem> = [
    {
      title: '栏目',
      dataIndex: 'trail',
      render: (_, d) => (
        <Space size={4} wrap>
          <a href={d.path} target="_blank" rel="noopener noreferrer">
            {d.trail}
            <span className="sr-only">（在新窗口打开网站栏目）</span>
          </a>
          {isMine(d) && <Tag color="blue">本部门</Tag>}
        </Space>
      ),
    },
    {
      title: '牵头部门',
      dataIndex: 'leadDepartmentName',
      width: 130,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">未设置</Typography.Text>,
    },
    {
      title: '配合部门',
      key: 'coop',
      width: 180,
      render: (_, d) => {
        const names = d.cooperatingDepartmentIds.map((id) => deptName.get(id) ?? `部门 #${id}`);
        if (d.openCooperation) names.push('相关处室、事业单位');
        return names.length ? names.join('、') : '—';
      },
    },
    {
      title: '更新周期',
      key: 'cycle',
      width: 100,
      render: (_, d) =>
        d.marker && MARKER_HELP[d.marker] ? (
          <Tooltip title={MARKER_HELP[d.marker]}>
            <span>
              <span aria-hidden>{cycleText(d)}</span>
              <span className="sr-only">{MARKER_HELP[d.marker]}</span>
            </span>
          </Tooltip>
        ) : (
          cycleText(d)
        ),
    },
    { title: '最近发布', dataIndex: 'lastPublishedAt', width: 110, render: (v: string | null) => dateOnly(v) },
    { title: '已发布', dataIndex: 'publishedCount', width: 80, align: 'right', render: (v: number) => `${v} 条` },
    { title: '到期日', dataIndex: 'dueAt', width: 110, render: (v: string | null) => dateOnly(v) },
    {
      title: '剩余天数',
      dataIndex: 'daysLeft',
      width: 100,
      align: 'right',
      render: (v: number | null) =>
        v === null ? '—' : v < 0 ? <Typography.Text type="danger">超期 {-v} 天</Typography.Text> : `${v} 天`,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (v: DutyStatus) => (
        <Tag color={DUTY_COLORS[v]} data-testid="duty-status">
          {v}
        </Tag>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader
        title="栏目更新"
        scope={scope}
        onSiteChange={() => setParams(new URLSearchParams(), { replace: true })}
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        按栏目任务分解表（附件1）统计各栏目的更新情况：标 * 的栏目至少每 2 周更新一次，标 ★ 的栏目至少每 6
        个月更新一次；到期前 {duty.data?.dueSoonDays ?? '…'} 天起提示“即将到期”，从未发布过信息的栏目为“空白”。
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Row gutter={[12, 12]}>
            {DUTY_ORDER.map((s) => (
              <Col xs={12} md={6} key={s}>
                <button
                  type="button"
                  className={`duty-card${status === s ? ' duty-card-active' : ''}`}
                  style={{ borderTopColor: DUTY_HEX[s] }}
                  aria-pressed={status === s}
                  onClick={() => chooseStatus(status === s ? undefined : s)}
                  data-testid={`duty-card-${s}`}
                >
                  <Statistic
                    title={s}
                    value={summary[s] ?? 0}
                    suffix="个"
                    styles={{ content: { color: DUTY_HEX[s] } }}
                  />
                </button>
              </Col>
            ))}
          </Row>
          <Card size="small" style={{ marginTop: 12 }}>
            <Space wrap>
              <label htmlFor="duty-dept">部门</label>
              <DepartmentSelect
                id="duty-dept"
                departments={departments.data ?? []}
                width={200}
                value={departmentId}
                onChange={(v) => setParam('departmentId', v ? String(v) : undefined)}
              />
              {me.departmentId && departmentId !== me.departmentId && (
                <Button onClick={() => setParam('departmentId', String(me.departmentId))}>只看本部门</Button>
              )}
              <label htmlFor="duty-status">状态</label>
              <Select
                id="duty-status"
                allowClear
                style={{ width: 120 }}
                placeholder="全部"
                value={status}
                onChange={(v: DutyStatus | undefined) => chooseStatus(v)}
                options={DUTY_ORDER.map((s) => ({ value: s, label: s }))}
              />
            </Space>
            {admin && (
              <Space wrap style={{ marginTop: 12 }}>
                <label htmlFor="due-soon-days">提前提醒天数</label>
                <InputNumber
                  id="due-soon-days"
                  min={0}
                  max={60}
                  precision={0}
                  value={days}
                  onChange={(v) => setDays(v)}
                  suffix="天"
                  style={{ width: 110 }}
                />
                <Button
                  icon={<SaveOutlined aria-hidden />}
                  onClick={() => void saveDays()}
                  loading={savingDays.busy}
                  disabled={days === null || days === duty.data?.dueSoonDays}
                >
                  保存
                </Button>
                <Typography.Text type="secondary">到期前多少天起提示“即将到期”，并提醒牵头部门。</Typography.Text>
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="栏目状态分布">
            <div role="img" aria-label={`栏目状态分布：${summaryText}`}>
              <Suspense fallback={<Spin />}>
                {duty.data && <DutyChart summary={summary} onSelect={(s) => chooseStatus(s)} />}
              </Suspense>
            </div>
          </Card>
        </Col>
      </Row>
      <Table<DutyItem>
        rowKey="columnId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={duty.loading}
        scroll={{ x: 1100 }}
        rowClassName={(d) => [isMine(d) ? 'duty-mine' : '', d.columnId === focus ? 'duty-focus' : ''].join(' ')}
        pagination={{
          pageSize: 50,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => `共 ${n} 个栏目`,
        }}
        locale={{ emptyText: <Empty description="没有符合条件的栏目" /> }}
        data-testid="duty-table"
        title={() => (
          <Space wrap>
            <Typography.Text strong>栏目任务分解表</Typography.Text>
            <Typography.Text type="secondary">浅蓝色底纹、标“本部门”的为本部门牵头或配合的栏目</Typography.Text>
          </Space>
        )}
      />
    </Space>
  );
}
