// 法定工作日: the statutory calendar every deadline is counted on. 2025 and 2026 ship with the system; the site
// administrator enters each later year from the State Council's notice (usually published in November). Until a
// year is entered its deadlines are counted Monday–Friday and marked 暂按工作日估算.
import { useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CalculatorOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad, usePageTitle } from '../../hooks';
import type {
  CalendarDayView,
  CalendarPreview,
  CalendarYearView,
  CalendarYearsResponse,
} from '../../../../src/modules/calendar/calendar.schema';

const SOURCE_TAGS: Record<CalendarYearView['source'], { color: string; label: string }> = {
  shipped: { color: 'blue', label: '随系统发布' },
  entered: { color: 'green', label: '管理员录入' },
  missing: { color: 'orange', label: '暂无数据（按周一至周五估算）' },
};

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

interface Row extends CalendarDayView {
  key: number;
}

let seq = 0;

function YearEditor({ year, onClose }: { year: CalendarYearView; onClose: (saved: boolean) => void }) {
  const [rows, setRows] = useState<Row[]>(() => year.days.map((d) => ({ ...d, key: ++seq })));
  const [source, setSource] = useState(year.source === 'entered' ? year.note : '');
  const [saving, setSaving] = useState(false);
  const update = (key: number, change: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const save = async () => {
    setSaving(true);
    try {
      await api.put(`/api/calendar/years/${year.year}`, {
        days: rows.filter((r) => r.date).map(({ date, off, name }) => ({ date, off, name })),
        source,
      });
      toastSuccess(`${year.year} 年节假日安排已保存，涉及该年的期限已按新安排重新计算`);
      onClose(true);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<Row> = [
    {
      title: '日期',
      dataIndex: 'date',
      width: 190,
      render: (v: string, r) => (
        <Space>
          <DatePicker
            aria-label="日期"
            value={v ? dayjs(v) : null}
            onChange={(d) => update(r.key, { date: d ? d.format('YYYY-MM-DD') : '' })}
            allowClear={false}
          />
          <span>{v ? WEEKDAYS[dayjs(v).day()] : ''}</span>
        </Space>
      ),
    },
    {
      title: '安排',
      dataIndex: 'off',
      width: 130,
      render: (v: boolean, r) => (
        <Select
          aria-label="放假或调休上班"
          value={v ? 'off' : 'work'}
          onChange={(x) => update(r.key, { off: x === 'off' })}
          options={[
            { value: 'off', label: '放假' },
            { value: 'work', label: '调休上班' },
          ]}
          style={{ width: 110 }}
        />
      ),
    },
    {
      title: '节日',
      dataIndex: 'name',
      render: (v: string, r) => (
        <Input
          aria-label="节日名称"
          value={v}
          maxLength={20}
          onChange={(e) => update(r.key, { name: e.target.value })}
        />
      ),
    },
    {
      title: '操作',
      key: 'remove',
      width: 80,
      render: (_, r) => (
        <Button
          size="small"
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={`删除 ${r.date}`}
          onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
        />
      ),
    },
  ];

  return (
    <Drawer
      open
      size="large"
      title={`${year.year} 年节假日安排`}
      onClose={() => onClose(false)}
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()}>
          保存
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title="按国务院办公厅当年《关于部分节假日安排的通知》逐日登记：放假的日期（含周末）和调休上班的周末。未登记的周一至周五为工作日。"
        />
        <Form layout="vertical">
          <Form.Item label="依据（通知名称或文号）" required>
            <Input value={source} maxLength={500} onChange={(e) => setSource(e.target.value)} />
          </Form.Item>
        </Form>
        <Table<Row> rowKey="key" columns={columns} dataSource={rows} pagination={false} size="small" />
        <Button
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setRows((rs) => [...rs, { key: ++seq, date: '', off: true, name: '' }])}
        >
          添加一天
        </Button>
      </Space>
    </Drawer>
  );
}

function Preview() {
  const [receivedAt, setReceivedAt] = useState(dayjs());
  const [days, setDays] = useState<number>(20);
  const [result, setResult] = useState<CalendarPreview | null>(null);
  const run = async () => {
    try {
      setResult(
        await api.get<CalendarPreview>(
          `/api/calendar/preview?receivedAt=${encodeURIComponent(receivedAt.toISOString())}&workingDays=${days}`,
        ),
      );
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space wrap align="center">
      <Typography.Text strong>期限试算：</Typography.Text>
      <DatePicker showTime aria-label="收到时间" value={receivedAt} onChange={(d) => d && setReceivedAt(d)} />
      <InputNumber aria-label="工作日数" min={0} max={200} value={days} onChange={(v) => setDays(v ?? 0)} />
      <span>个工作日</span>
      <Button icon={<CalculatorOutlined aria-hidden />} onClick={() => void run()}>
        计算
      </Button>
      {result ? (
        <Typography.Text data-testid="calendar-preview">
          收到日 {result.receivedOn}，起算日 {result.startsCounting}，到期日 <strong>{result.due ?? '—'}</strong>
          {result.estimated ? <Tag color="orange">暂按工作日估算（{result.estimatedYears.join('、')} 年）</Tag> : null}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

export default function CalendarYearsPage() {
  usePageTitle('法定工作日');
  const years = useLoad(() => api.get<CalendarYearsResponse>('/api/calendar/years'), []);
  const [editing, setEditing] = useState<CalendarYearView | null>(null);

  const remove = async (y: CalendarYearView) => {
    try {
      await api.delete(`/api/calendar/years/${y.year}`);
      toastSuccess(`已删除录入的 ${y.year} 年安排`);
      await years.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<CalendarYearView> = [
    { title: '年份', dataIndex: 'year', width: 90 },
    {
      title: '数据来源',
      dataIndex: 'source',
      render: (v: CalendarYearView['source']) => <Tag color={SOURCE_TAGS[v].color}>{SOURCE_TAGS[v].label}</Tag>,
    },
    { title: '放假天数', dataIndex: 'holidays', width: 100 },
    { title: '调休上班', dataIndex: 'makeUpDays', width: 100 },
    { title: '依据', dataIndex: 'note', ellipsis: true },
    { title: '录入时间', dataIndex: 'updatedAt', width: 180, render: (v: string | null) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      render: (_, y) => (
        <Space>
          <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(y)}>
            {y.source === 'missing' ? '录入' : '更正'}
          </Button>
          {y.source === 'entered' ? (
            <Popconfirm
              title={`删除录入的 ${y.year} 年安排？`}
              description="删除后该年按随系统发布的数据（如有）或周一至周五估算。"
              okText="删除"
              cancelText="取消"
              onConfirm={() => remove(y)}
            >
              <Button size="small" danger>
                删除
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  const missing = (years.data?.years ?? []).filter((y) => y.source === 'missing');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        法定工作日
      </Typography.Title>
      <Typography.Text type="secondary">
        留言办理、依申请公开、在线办事等所有法定期限都按这里的节假日和调休安排计算工作日。
      </Typography.Text>
      {missing.length ? (
        <Alert
          type="warning"
          showIcon
          title={`${missing.map((y) => y.year).join('、')} 年尚未录入节假日安排：涉及这些年份的期限暂按周一至周五估算，并标注“暂按工作日估算”。国务院办公厅发布通知后请及时录入，录入后所有期限自动重新计算。`}
        />
      ) : null}
      <Preview />
      <Table<CalendarYearView>
        rowKey="year"
        columns={columns}
        dataSource={years.data?.years ?? []}
        loading={years.loading}
        pagination={false}
        locale={{ emptyText: <Empty description="没有年份" /> }}
        data-testid="calendar-years"
      />
      {editing ? (
        <YearEditor
          year={editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void years.reload();
          }}
        />
      ) : null}
    </Space>
  );
}
