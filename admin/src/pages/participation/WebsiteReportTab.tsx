// 政府网站工作年度报表 of one year: every field by section with where its figure comes from (系统数据, 其他模块, 手工填写,
// 模块未启用); the manual fields are typed here, the rest regenerated from the platform; then the release review.
import { useEffect } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, InputNumber, Space, Switch, Tag } from 'antd';
import { api, ApiError } from '../../api';
import { useBusy } from '../../components/busy';
import { showFormError, toastSuccess } from '../../feedback';
import { formatMinute } from '../../format';
import { useLoad } from '../../hooks';
import type {
  WebsiteReportUpdate,
  WebsiteReportView,
} from '../../../../src/modules/annual-reports/annual-reports.schema';
import { STATUS_TAGS } from './DisclosureReportTab';

type Field = WebsiteReportView['sections'][number]['fields'][number];

const ORIGINS: Record<Field['origin'], { label: string; color: string }> = {
  system: { label: '系统数据', color: 'blue' },
  module: { label: '其他模块', color: 'cyan' },
  manual: { label: '手工填写', color: 'orange' },
  absent: { label: '模块未启用', color: 'default' },
};

function shown(f: Field): string {
  if (f.value === null) return '—';
  if (typeof f.value === 'boolean') return f.value ? '是' : '否';
  return `${f.value}${f.unit ?? ''}`;
}

function ManualInput({ f }: { f: Field }) {
  if (f.kind === 'boolean')
    return (
      <Form.Item name={['manual', f.key]} valuePropName="checked" noStyle>
        <Switch checkedChildren="是" unCheckedChildren="否" aria-label={f.label} />
      </Form.Item>
    );
  return (
    <Form.Item name={['manual', f.key]} noStyle>
      {f.kind === 'number' ? (
        <InputNumber min={0} aria-label={f.label} addonAfter={f.unit ?? undefined} />
      ) : (
        <Input maxLength={500} aria-label={f.label} />
      )}
    </Form.Item>
  );
}

export function WebsiteReportTab({ siteId, year, canManage }: { siteId: number; year: number; canManage: boolean }) {
  const base = `/api/annual-reports/${siteId}/${year}/website`;
  const report = useLoad(
    () =>
      api.get<WebsiteReportView>(base).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [base],
  );
  const [form] = Form.useForm<WebsiteReportUpdate>();
  const busy = useBusy<string>();
  const r = report.data;
  const editable = canManage && r?.status === 'draft';
  useEffect(() => {
    if (!r) return;
    const manual: WebsiteReportUpdate['manual'] = {};
    for (const s of r.sections) for (const f of s.fields) if (f.origin === 'manual') manual[f.key] = f.value;
    form.setFieldsValue({ manual });
  }, [r, form]);

  const act = async (key: 'generate' | 'save' | 'submit') => {
    const task =
      key === 'generate'
        ? () => api.post(`${base}/generate`)
        : key === 'submit'
          ? () => api.post(`${base}/submit`)
          : () => api.put(base, form.getFieldsValue(true) as WebsiteReportUpdate);
    const done = await busy.run(task, { key, onError: key === 'save' ? (err) => showFormError(form, err) : undefined });
    if (done === undefined) return;
    toastSuccess({ generate: '年度报表已生成', save: '年度报表已保存', submit: '年度报表已提交信息发布审查' }[key]);
    void report.reload();
  };

  if (report.loading && r === undefined) return null;
  if (!r)
    return (
      <Empty description={`${year} 年度报表尚未生成`}>
        {canManage ? (
          <Button type="primary" loading={busy.key === 'generate'} onClick={() => void act('generate')}>
            由本平台数据生成
          </Button>
        ) : null}
      </Empty>
    );
  return (
    <Form form={form}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={STATUS_TAGS[r.status].color}>{STATUS_TAGS[r.status].label}</Tag>
          {r.late ? <Tag color="red">逾期发布</Tag> : null}
          <span>
            生成于 {formatMinute(r.generatedAt)}
            {r.publishedAt ? `；发布于 ${formatMinute(r.publishedAt)}` : ''}
          </span>
          {editable ? (
            <>
              <Button loading={busy.key === 'generate'} onClick={() => void act('generate')}>
                重新生成（保留手工填写）
              </Button>
              <Button loading={busy.key === 'save'} onClick={() => void act('save')}>
                保存
              </Button>
              <Button type="primary" loading={busy.key === 'submit'} onClick={() => void act('submit')}>
                提交审查
              </Button>
            </>
          ) : null}
        </Space>
        {r.sections.map((s) => (
          <Card key={s.key} size="small" title={s.title}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              {s.fields.map((f) => (
                <Descriptions.Item
                  key={f.key}
                  label={
                    <>
                      {f.label} <Tag color={ORIGINS[f.origin].color}>{ORIGINS[f.origin].label}</Tag>
                    </>
                  }
                >
                  {f.origin === 'manual' && editable ? <ManualInput f={f} /> : shown(f)}
                  {f.note ? <div style={{ color: '#666', fontSize: 12 }}>{f.note}</div> : null}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        ))}
      </Space>
    </Form>
  );
}
