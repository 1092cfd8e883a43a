// 定期检查: inspections repeated every N hours or days. A scheduled site is also probed every hour for
// availability, which is what the 站点无法访问 veto needs (≥ 20 probes a day for a week).
import { useEffect } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useBusy } from '../../components/busy';
import { api } from '../../api';
import { useMe } from '../../auth';
import { showError, showFormError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { PageHeader } from '../../components/PageHeader';
import { loadSites, useLoad, usePageTitle } from '../../hooks';
import { isInspector, toneStyle } from './common';
import { initialTarget, TargetFields, toRunInput, type TargetValues } from './TargetFields';
import type { Items } from '../../api-types';
import type { RunOptionsView, ScheduleRow } from '../../../../src/modules/inspection/inspection.schema.ts';

interface Values extends TargetValues {
  every: number;
  unit: 'hours' | 'days';
}

const MAX_HOURS = 24 * 90;

function everyText(hours: number): string {
  return hours % 24 === 0 ? `每 ${hours / 24} 天` : `每 ${hours} 小时`;
}

/** A schedule keeps its run options as stored JSON text. */
function optionsOf(row: ScheduleRow): Partial<RunOptionsView> {
  try {
    return JSON.parse(row.options) as RunOptionsView;
  } catch {
    return {};
  }
}

function optionsText(o: Partial<RunOptionsView>): string {
  return [
    o.maxPages ? `最多 ${o.maxPages} 页` : '最多 60 页',
    o.noServices ? '没有对外服务职能' : null,
    o.ignoreRobots ? '忽略 robots.txt' : null,
    o.screenshots === false ? '不截图' : '截取证据截图',
  ]
    .filter(Boolean)
    .join('；');
}

export default function InspectionSchedulesPage() {
  usePageTitle('定期检查');
  const me = useMe();
  const inspector = isInspector(me);
  const sites = useLoad(() => loadSites(), []);
  const schedules = useLoad(() => api.get<Items<ScheduleRow>>('/api/inspection/schedules').then((r) => r.items), []);
  const [form] = Form.useForm<Values>();
  const saving = useBusy();

  useEffect(() => {
    if (sites.data) form.setFieldsValue({ ...initialTarget(sites.data, inspector), every: 7, unit: 'days' });
  }, [sites.data, form, inspector]);

  const create = async (values: Values) => {
    const everyHours = values.unit === 'days' ? values.every * 24 : values.every;
    if (everyHours > MAX_HOURS) {
      form.setFields([{ name: 'every', errors: ['检查周期最长 90 天'] }]);
      return;
    }
    await saving.run(
      async () => {
        await api.post<{ id: number }>('/api/inspection/schedules', { ...toRunInput(values), everyHours });
        toastSuccess(`已建立定期检查：${everyText(everyHours)}`);
        await schedules.reload();
      },
      { onError: (err) => showFormError(form, err, { everyHours: 'every' }) },
    );
  };

  const stop = async (row: ScheduleRow) => {
    try {
      await api.delete(`/api/inspection/schedules/${row.id}`);
      toastSuccess('已停止该定期检查');
      await schedules.reload();
    } catch (err) {
      showError(err);
    }
  };

  const siteName = (id: number | null) =>
    id === null ? null : (sites.data?.find((s) => s.id === id)?.name ?? `站点 #${id}`);

  const columns: TableColumnsType<ScheduleRow> = [
    {
      title: '网址',
      key: 'url',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text style={{ wordBreak: 'break-all' }}>{r.target_url}</Typography.Text>
          {r.site_id !== null && <Typography.Text type="secondary">本平台站点：{siteName(r.site_id)}</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {optionsText(optionsOf(r))}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '周期',
      dataIndex: 'every_hours',
      width: 100,
      render: (h: number) => <Tag style={toneStyle('info')}>{everyText(h)}</Tag>,
    },
    {
      title: '下次检查',
      key: 'next',
      width: 180,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(r.next_run_at)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            建立于 {formatDateTime(r.created_at)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, r) => (
        <Popconfirm
          title="停止这项定期检查？"
          description="停止后不再定期检查，也不再每小时监测可访问性。"
          okText="停止"
          cancelText="取消"
          onConfirm={() => stop(r)}
        >
          <Button size="small" danger icon={<StopOutlined aria-hidden />} aria-label={`停止定期检查 ${r.target_url}`}>
            停止
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageHeader title="定期检查" />
      <Alert
        type="info"
        showIcon
        title="加入定期检查的网站，除按周期自动检查外，每小时还会被访问一次以监测可访问性。"
        description="单项否决指标“站点无法访问”要求连续监测 1 周、每天访问 20 次以上才能判定；建立定期检查满一周之前，该项在报告中显示为“未检测”。"
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title="新建定期检查">
            <Form<Values>
              form={form}
              layout="vertical"
              onFinish={create}
              disabled={sites.loading}
              data-testid="schedule-form"
            >
              <TargetFields form={form} sites={sites.data ?? []} inspector={inspector} />
              <Form.Item label="检查周期" required>
                <Space.Compact>
                  <Form.Item name="every" noStyle rules={[{ required: true, message: '请输入检查周期' }]}>
                    <InputNumber
                      min={1}
                      max={MAX_HOURS}
                      precision={0}
                      style={{ width: 120 }}
                      aria-label="检查周期数值"
                    />
                  </Form.Item>
                  <Form.Item name="unit" noStyle>
                    <Select
                      style={{ width: 96 }}
                      aria-label="检查周期单位"
                      options={[
                        { value: 'hours', label: '小时' },
                        { value: 'days', label: '天' },
                      ]}
                    />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
              <Form.Item style={{ marginBottom: 0 }}>
                <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={saving.busy}>
                  建立定期检查
                </Button>
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title="检查计划"
            extra={
              <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void schedules.reload()}>
                刷新
              </Button>
            }
          >
            <Table<ScheduleRow>
              rowKey="id"
              columns={columns}
              dataSource={schedules.data ?? []}
              loading={schedules.loading}
              pagination={false}
              size="middle"
              scroll={{ x: 640 }}
              locale={{ emptyText: <Empty description="还没有定期检查" /> }}
              data-testid="schedules-table"
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
