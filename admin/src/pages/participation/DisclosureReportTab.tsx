// 政府信息公开工作年度报告 of one year: generated from the 依申请公开 records and the policy library (regenerating keeps
// what was typed), Table 二 and 四 and the narrative filled in by hand, Table 三 as generated, the format's
// consistency checks, the PDF, and submission into the release review.
import { useEffect } from 'react';
import { Alert, Button, Card, ConfigProvider, Empty, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api';
import { useBusy } from '../../components/busy';
import { showFormError, toastSuccess } from '../../feedback';
import { formatMinute } from '../../format';
import { useLoad } from '../../hooks';
import type {
  DisclosureReportUpdate,
  DisclosureReportView,
} from '../../../../src/modules/annual-reports/annual-reports.schema';

type Values = Required<DisclosureReportUpdate>;

const TABLE3_HEADS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const TABLE4_HEADS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const TABLE4_ROWS: [keyof Values['table4'], string][] = [
  ['review', '行政复议'],
  ['litigationDirect', '未经复议直接起诉'],
  ['litigationAfterReview', '复议后起诉'],
];
const DOC_ROWS: [keyof Values['table2'], string][] = [
  ['rules', '规章'],
  ['normative', '行政规范性文件'],
];
const COUNT_ROWS: [keyof Values['table2'], string][] = [
  ['licensing', '行政许可（件）'],
  ['penalties', '行政处罚（件）'],
  ['enforcement', '行政强制（件）'],
];

const num = <InputNumber min={0} style={{ width: 90 }} />;

export const STATUS_TAGS: Record<DisclosureReportView['status'], { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  in_review: { label: '审查中', color: 'gold' },
  published: { label: '已发布', color: 'green' },
};

export function DisclosureReportTab({ siteId, year, canManage }: { siteId: number; year: number; canManage: boolean }) {
  const base = `/api/annual-reports/${siteId}/${year}/disclosure`;
  const report = useLoad(
    () =>
      api.get<DisclosureReportView>(base).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [base],
  );
  const [form] = Form.useForm<Values>();
  const busy = useBusy<string>();
  const r = report.data;
  useEffect(() => {
    if (r) form.setFieldsValue({ table2: r.table2, table3: r.table3, table4: r.table4, narrative: r.narrative });
  }, [r, form]);

  const act = async (key: 'generate' | 'save' | 'submit') => {
    let task: () => Promise<unknown>;
    if (key === 'generate') task = () => api.post<DisclosureReportView>(`${base}/generate`);
    else if (key === 'submit') task = () => api.post(`${base}/submit`);
    else {
      await form.validateFields();
      task = () => api.put<DisclosureReportView>(base, form.getFieldsValue(true) as Values);
    }
    const done = await busy.run(task, { key, onError: key === 'save' ? (err) => showFormError(form, err) : undefined });
    if (done === undefined) return;
    toastSuccess({ generate: '年度报告已生成', save: '年度报告已保存', submit: '年度报告已提交信息发布审查' }[key]);
    void report.reload();
  };

  if (report.loading && r === undefined) return null;
  if (!r)
    return (
      <Empty description={`${year} 年度报告尚未生成`}>
        {canManage ? (
          <Button type="primary" loading={busy.key === 'generate'} onClick={() => void act('generate')}>
            由依申请公开记录生成
          </Button>
        ) : null}
      </Empty>
    );
  const editable = canManage && r.status === 'draft';
  return (
    <Form<Values> form={form} layout="vertical" disabled={!editable}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          {/* The status stays legible when the published report's form is read-only (a disabled tag is faint). */}
          <ConfigProvider componentDisabled={false}>
            <Tag color={STATUS_TAGS[r.status].color}>{STATUS_TAGS[r.status].label}</Tag>
            {r.late ? <Tag color="red">逾期发布</Tag> : null}
          </ConfigProvider>
          <span>
            {r.organ}；生成于 {formatMinute(r.generatedAt)}
            {r.publishedAt ? `；发布于 ${formatMinute(r.publishedAt)}` : ''}
          </span>
          <Button icon={<FilePdfOutlined aria-hidden />} href={`${base}.pdf`} disabled={false}>
            下载 PDF
          </Button>
          {editable ? (
            <>
              <Button loading={busy.key === 'generate'} onClick={() => void act('generate')}>
                重新生成（保留手工填写）
              </Button>
              <Button loading={busy.key === 'save'} onClick={() => void act('save')}>
                保存
              </Button>
              <Button
                type="primary"
                disabled={r.problems.length > 0}
                loading={busy.key === 'submit'}
                onClick={() => void act('submit')}
              >
                提交审查
              </Button>
            </>
          ) : null}
        </Space>
        {r.problems.length > 0 ? (
          <Alert
            type="warning"
            title="数据不一致，须改正后才能提交"
            description={
              <ul style={{ margin: 0 }}>
                {r.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert type="success" title="各表数据一致" />
        )}
        <Card size="small" title="一、总体情况">
          <Form.Item name={['narrative', 'overview']} noStyle>
            <Input.TextArea rows={6} maxLength={20000} aria-label="总体情况" />
          </Form.Item>
        </Card>
        <Card size="small" title="表二　主动公开政府信息情况">
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={DOC_ROWS.map(([key, label]) => ({ key, label }))}
            columns={[
              { title: '信息内容', dataIndex: 'label' },
              ...(['made', 'repealed', 'inForce'] as const).map((f, i) => ({
                title: ['本年制发件数', '本年废止件数', '现行有效件数'][i],
                key: f,
                render: (_: unknown, row: { key: string; label: string }) => (
                  <Form.Item name={['table2', row.key, f]} noStyle>
                    <InputNumber
                      min={0}
                      style={{ width: 90 }}
                      aria-label={`${row.label} ${['本年制发件数', '本年废止件数', '现行有效件数'][i]}`}
                    />
                  </Form.Item>
                ),
              })),
            ]}
          />
          <Space wrap style={{ marginTop: 12 }}>
            {COUNT_ROWS.map(([key, label]) => (
              <Form.Item key={key} name={['table2', key]} label={label}>
                {num}
              </Form.Item>
            ))}
            <Form.Item name={['table2', 'feesTenThousand']} label="行政事业性收费（万元）">
              <InputNumber min={0} step={0.01} style={{ width: 110 }} />
            </Form.Item>
          </Space>
        </Card>
        <Card size="small" title="表三　收到和处理政府信息公开申请情况（由依申请公开记录生成，可调整）">
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            scroll={{ x: 1000 }}
            dataSource={r.rows}
            columns={[
              { title: <span className="sr-only">申请情况</span>, dataIndex: 'label', width: 300 },
              ...TABLE3_HEADS.map((h, i) => ({
                title: h,
                key: String(i),
                render: (_: unknown, row: { key: string }) => (
                  <Form.Item name={['table3', row.key, i]} noStyle>
                    <InputNumber min={0} style={{ width: 70 }} aria-label={`${row.key} ${h}`} />
                  </Form.Item>
                ),
              })),
            ]}
          />
        </Card>
        <Card size="small" title="表四　政府信息公开行政复议、行政诉讼情况">
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={TABLE4_ROWS.map(([key, label]) => ({ key, label }))}
            columns={[
              { title: <span className="sr-only">复议与诉讼情况</span>, dataIndex: 'label', width: 160 },
              ...TABLE4_HEADS.map((h, i) => ({
                title: h,
                key: String(i),
                render: (_: unknown, row: { key: string; label: string }) => (
                  <Form.Item name={['table4', row.key, i]} noStyle>
                    <InputNumber min={0} style={{ width: 80 }} aria-label={`${row.label} ${h}`} />
                  </Form.Item>
                ),
              })),
            ]}
          />
        </Card>
        <Card size="small" title="五、存在的主要问题及改进情况">
          <Form.Item name={['narrative', 'problems']} noStyle>
            <Input.TextArea rows={5} maxLength={20000} aria-label="存在的主要问题及改进情况" />
          </Form.Item>
        </Card>
        <Card size="small" title="六、其他需要报告的事项">
          <Form.Item name={['narrative', 'other']} noStyle>
            <Input.TextArea rows={4} maxLength={20000} aria-label="其他需要报告的事项" />
          </Form.Item>
        </Card>
      </Space>
    </Form>
  );
}
