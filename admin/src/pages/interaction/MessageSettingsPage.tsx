// 留言办理设置: the working-day limits of each kind of message (签收, 答复目标, 答复时限, 办结), how many working days
// before a deadline reminders go out, the dispatcher's department (综合处), the routing rules, and opening the
// 互动交流 columns. The server refuses limits beyond the statutory maxima with a Chinese message shown here.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../api';
import type { Items } from '../../api-types';
import { useAuth } from '../../auth';
import { SitePageHeader } from '../../components/PageHeader';
import { showFormError, toastSuccess, showError } from '../../feedback';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import type { DepartmentView } from '../../../../src/modules/departments/departments.schema';
import type { BoardSetup, PolicySchema } from '../../../../src/modules/interaction/interaction.schema';
import { RoutingRules } from './RoutingRules';

type Category = keyof PolicySchema['categories'];
const CATEGORIES: Category[] = ['咨询', '建议', '投诉', '纠错'];
const WIDTH = { width: 140 };

export default function MessageSettingsPage() {
  usePageTitle('留言办理设置');
  const scope = useSiteScope();
  const { siteId } = scope;
  const { can } = useAuth();
  const editable = can('message.settings');
  const [form] = Form.useForm<PolicySchema>();
  const [busy, setBusy] = useState(false);
  const [board, setBoard] = useState<BoardSetup | null>(null);
  const policy = useLoad(siteId ? () => api.get<PolicySchema>(`/api/sites/${siteId}/interaction/policy`) : null, [
    siteId,
  ]);
  const departments = useLoad(
    siteId ? () => api.get<Items<DepartmentView>>(`/api/sites/${siteId}/departments`) : null,
    [siteId],
  );
  const departmentOptions = (departments.data?.items ?? [])
    .filter((d) => d.mergedIntoId === null)
    .map((d) => ({ value: d.id, label: d.name }));

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  const save = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const saved = await api.put<PolicySchema>(`/api/sites/${siteId}/interaction/policy`, values);
      form.setFieldsValue(saved);
      toastSuccess('办理时限已保存，新收到的留言按新时限计算');
    } catch (err) {
      showFormError(form, err);
    } finally {
      setBusy(false);
    }
  };
  const openBoard = async () => {
    try {
      const result = await api.post<BoardSetup>(`/api/sites/${siteId}/interaction/board`, {});
      setBoard(result);
      toastSuccess(result.created ? `已开设 ${result.created} 个栏目` : '互动交流栏目均已开设');
    } catch (err) {
      showError(err);
    }
  };

  const days = (name: (string | number)[], label: string, max: number) => (
    <Form.Item name={name} rules={[{ required: true, message: `请填写${label}` }]} noStyle>
      <InputNumber aria-label={label} min={1} max={max} disabled={!editable} suffix="个工作日" style={WIDTH} />
    </Form.Item>
  );
  const columns: TableColumnsType<{ category: Category }> = [
    { title: '留言类型', dataIndex: 'category', width: 100 },
    {
      title: '签收时限',
      key: 'sign',
      render: (_, r) => days(['categories', r.category, 'signDays'], `${r.category}签收时限`, 10),
    },
    {
      title: '答复目标',
      key: 'target',
      render: (_, r) => days(['categories', r.category, 'replyTargetDays'], `${r.category}答复目标`, 10),
    },
    {
      title: '答复时限（最长）',
      key: 'limit',
      render: (_, r) => days(['categories', r.category, 'replyLimitDays'], `${r.category}答复时限`, 10),
    },
    {
      title: '办结时限',
      key: 'close',
      render: (_, r) => (
        <Form.Item name={['categories', r.category, 'closeMonths']} noStyle>
          <InputNumber
            aria-label={`${r.category}办结时限`}
            min={1}
            max={12}
            disabled={!editable}
            placeholder="不限"
            suffix="个月"
            style={WIDTH}
          />
        </Form.Item>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="留言办理设置" scope={scope} />
      <Card
        title="办理时限"
        loading={policy.loading && !policy.data}
        extra={
          editable ? (
            <Button type="primary" loading={busy} onClick={() => void save()}>
              保存时限
            </Button>
          ) : undefined
        }
      >
        <Typography.Paragraph type="secondary">
          时限按法定工作日计算（节假日与调休以工作日历为准），自收到留言的次一工作日起算；答复时限不得超过 5
          个工作日，咨询类 1 个工作日内答复可计入实时互动。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" disabled={!editable}>
          <Table
            rowKey="category"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={CATEGORIES.map((category) => ({ category }))}
          />
          <Space size="large" wrap style={{ marginTop: 16 }}>
            <Form.Item
              name="remindDaysBefore"
              label="到期前提醒"
              rules={[{ required: true, message: '请填写提醒天数' }]}
            >
              <InputNumber min={0} max={3} suffix="个工作日" style={WIDTH} />
            </Form.Item>
            <Form.Item name="dispatcherDepartmentId" label="分办部门（未匹配规则的留言由其分办）">
              <Select allowClear style={{ width: 240 }} placeholder="未指定" options={departmentOptions} />
            </Form.Item>
          </Space>
        </Form>
      </Card>
      <RoutingRules siteId={siteId} editable={editable} departmentOptions={departmentOptions} categories={CATEGORIES} />
      <Card title="互动交流栏目">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            开设“网上留言、我要留言、留言统计、智能问答”栏目；已有的栏目保持不变。
          </Typography.Text>
          {editable ? <Button onClick={() => void openBoard()}>开设互动交流栏目</Button> : null}
          {board ? (
            <Alert
              type="success"
              title={`栏目：${board.columns.map((c) => `${c.name}（${c.path}）`).join('、')}`}
              showIcon
            />
          ) : null}
        </Space>
      </Card>
    </Space>
  );
}
