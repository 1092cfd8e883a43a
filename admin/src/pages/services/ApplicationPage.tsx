// 办件详情: one application — the applicant, the materials (downloadable), the 受理 / 承诺 / 法定 clocks on the
// statutory calendar, every step with its date and note, the notices sent to the applicant and their delivery,
// the rating and its rectification — and the officer's next steps: 受理, 不予受理, 一次性告知补正 (listing
// everything missing), 开始办理, 办结.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { OUTCOMES, type ApplicationDetail, type DeadlineView } from './types';
import { DeadlineTag, STATE_COLORS } from './ApplicationsPage';

type Action = 'accept' | 'reject' | 'correction' | 'start' | 'complete';
const ACTION_LABELS: Record<Action, string> = {
  accept: '受理',
  reject: '不予受理',
  correction: '一次性告知补正',
  start: '开始办理',
  complete: '办结',
};

function Clock({ title, d }: { title: string; d: DeadlineView | null }) {
  if (!d) return null;
  return (
    <Descriptions.Item label={title}>
      {d.completed ? `已完成，用时 ${d.daysUsed} 个工作日${d.overdue ? '（超期）' : ''}` : <DeadlineTag d={d} />}
    </Descriptions.Item>
  );
}

export default function ApplicationPage() {
  const { applicationId } = useParams();
  const sites = useSites();
  const [site] = useCurrentSite(sites.data);
  const siteId = site?.id;
  const base = `/api/sites/${siteId}/services/applications/${applicationId}`;
  const detail = useLoad(siteId ? () => api.get<ApplicationDetail>(base) : null, [siteId, applicationId]);
  usePageTitle(detail.data ? `办件 ${detail.data.application.receiptNo}` : '办件详情');
  const [acting, setActing] = useState<Action | null>(null);
  const [form] = Form.useForm<{ note: string; missing: string[]; outcome: string }>();

  const act = async (values: { note?: string; missing?: string[]; outcome?: string }) => {
    if (!acting) return;
    const body =
      acting === 'correction'
        ? { note: values.note ?? '', missing: (values.missing ?? []).map((m) => m.trim()).filter(Boolean) }
        : acting === 'complete'
          ? { note: values.note ?? '', outcome: values.outcome ?? '准予' }
          : { note: values.note ?? '' };
    try {
      detail.setData(await api.post<ApplicationDetail>(`${base}/${acting}`, body));
      toastSuccess(`已${ACTION_LABELS[acting]}`);
      setActing(null);
    } catch (err) {
      showError(err);
    }
  };

  if (!detail.data) return <Card loading />;
  const d = detail.data;
  const a = d.application;
  return (
    <div data-testid="services-application">
      <Space align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          办件 {a.receiptNo}
        </Typography.Title>
        <Tag color={STATE_COLORS[a.state]}>{a.stateName}</Tag>
        {a.escalated ? <Tag color="red">已督办</Tag> : null}
        <Link to="/services/applications">返回办件列表</Link>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        {(d.actions as Action[]).map((action) => (
          <Button
            key={action}
            type={action === 'accept' || action === 'complete' ? 'primary' : 'default'}
            danger={action === 'reject'}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ note: '', missing: [''], outcome: '准予' });
              setActing(action);
            }}
          >
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </Space>
      <Card title="基本情况" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="事项">{a.itemName}</Descriptions.Item>
          <Descriptions.Item label="办理部门">{a.departmentName}</Descriptions.Item>
          <Descriptions.Item label="申请人">{a.applicantName}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{d.contact}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatDateTime(a.submittedAt)}</Descriptions.Item>
          {a.bundleReceiptNo ? <Descriptions.Item label="一件事申请号">{a.bundleReceiptNo}</Descriptions.Item> : null}
          <Descriptions.Item label="申请说明">{d.remark || '—'}</Descriptions.Item>
          {a.outcome ? <Descriptions.Item label="办理结果">{a.outcome}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card title="期限（法定工作日）" style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Clock title="受理（收到申请后 5 个工作日内受理、不予受理或一次性告知补正）" d={d.clocks.acceptance} />
          <Clock title="承诺时限（自受理起）" d={d.clocks.promised} />
          <Clock title="法定时限（自受理起）" d={d.clocks.statutory} />
        </Descriptions>
        {d.clocks.deemedAccepted ? (
          <Typography.Text type="danger">超过 5 个工作日未告知补正，依法自收到申请材料之日起视为受理。</Typography.Text>
        ) : null}
      </Card>
      <Card title="申请材料" style={{ marginBottom: 16 }}>
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={d.materials}
          columns={[
            { title: '材料', dataIndex: 'name' },
            { title: '必需', dataIndex: 'required', width: 70, render: (v: boolean) => (v ? '是' : '否') },
            {
              title: '已提交文件',
              key: 'files',
              render: (_, m) =>
                m.files.length ? (
                  <Space orientation="vertical" size={0}>
                    {m.files.map((f) => (
                      <a key={f.id} href={`${base}/files/${f.id}`}>
                        {f.name}
                        {f.round > 0 ? '（补正）' : ''}
                      </a>
                    ))}
                  </Space>
                ) : m.electronic ? (
                  <Typography.Text type="secondary">未提交</Typography.Text>
                ) : (
                  <Typography.Text type="secondary">纸质材料，窗口核验</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card title="办理过程" style={{ marginBottom: 16 }}>
        <Timeline
          items={d.events.map((e) => ({
            key: e.id,
            children: (
              <>
                <Typography.Text strong>{e.actionName}</Typography.Text>（{e.actorName}，{formatDateTime(e.at)}）
                {e.note ? <div>{e.note}</div> : null}
                {e.missing.length ? (
                  <ol style={{ margin: 0 }}>
                    {e.missing.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ol>
                ) : null}
              </>
            ),
          }))}
        />
      </Card>
      <Card title="通知送达" style={{ marginBottom: 16 }}>
        <Table
          rowKey={(n) => `${n.channel}-${n.createdAt}-${n.subject}`}
          size="small"
          pagination={false}
          dataSource={d.notices}
          locale={{ emptyText: '暂无通知' }}
          columns={[
            { title: '时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
            { title: '方式', dataIndex: 'channel', width: 70, render: (c: string) => (c === 'sms' ? '短信' : '邮件') },
            { title: '发送至', dataIndex: 'target', width: 170 },
            { title: '内容', dataIndex: 'subject' },
            {
              title: '结果',
              dataIndex: 'status',
              width: 100,
              render: (s: string) => (
                <Tag color={s === 'sent' ? 'green' : s === 'failed' ? 'red' : 'default'}>
                  {s === 'sent' ? '已送达' : s === 'failed' ? '失败，将重试' : '发送中'}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      {d.rating ? (
        <Card title="好差评" style={{ marginBottom: 16 }}>
          <p>
            {d.rating.levelName}（{formatDateTime(d.rating.ratedAt)}）{d.rating.comment ? `：${d.rating.comment}` : ''}
          </p>
          {d.rectification ? (
            <p>
              整改：{d.rectification.stateName}，期限 {d.rectification.dueOn}。
              <Link to="/services/ratings">处理整改</Link>
            </p>
          ) : null}
        </Card>
      ) : null}
      <Modal
        open={acting !== null}
        title={acting ? ACTION_LABELS[acting] : ''}
        onCancel={() => setActing(null)}
        onOk={() => form.submit()}
        okText="确定"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void act(v)}>
          {acting === 'correction' ? (
            <Form.List name="missing">
              {(fields, { add, remove }) => (
                <>
                  <Typography.Paragraph>
                    须一次告知申请人需要补正的全部内容；补正期间受理期限暂停计算。
                  </Typography.Paragraph>
                  {fields.map((f, n) => (
                    <Space key={f.key} align="baseline">
                      <Form.Item
                        name={f.name}
                        label={`补正内容 ${n + 1}`}
                        rules={[{ required: true, message: '请填写' }]}
                      >
                        <Input style={{ width: 360 }} />
                      </Form.Item>
                      {fields.length > 1 ? (
                        <MinusCircleOutlined aria-label={`删除第 ${n + 1} 项`} onClick={() => remove(f.name)} />
                      ) : null}
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => add('')}>
                    增加一项
                  </Button>
                </>
              )}
            </Form.List>
          ) : null}
          {acting === 'complete' ? (
            <Form.Item name="outcome" label="办理结果" rules={[{ required: true }]}>
              <Select options={OUTCOMES.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          ) : null}
          <Form.Item
            name="note"
            label={acting === 'reject' ? '不予受理的理由和依据' : acting === 'complete' ? '办结意见' : '办理意见'}
            rules={acting === 'reject' || acting === 'complete' ? [{ required: true, message: '请填写' }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
