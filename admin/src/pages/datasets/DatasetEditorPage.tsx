// A data set: its catalogue information, its versions (upload, confirm the column types, look at the rows),
// its charts (designed on the columns with a preview drawn by the server) and its release through the review.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { showError, showFormError, toastSuccess } from '../../feedback';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { STATUS_COLORS } from '../content/labels';
import { ChartsCard } from './ChartsCard';
import { VersionsCard } from './VersionsCard';
import { OPEN_REVIEW, REVIEW_STATE_NAMES, type DatasetDetail, type DatasetInput, type DatasetOptions } from './model';

export function useDatasetOptions() {
  return useLoad(() => api.get<DatasetOptions>('/api/dataset-options'), []);
}

const EMPTY: Partial<DatasetInput> = {
  updateFrequency: '每月',
  shareType: '无条件共享',
  openType: '无条件开放',
  shareCondition: '',
  openCondition: '',
  keywords: '',
  coverageFrom: null,
  coverageTo: null,
  autoProvider: null,
};

export default function DatasetEditorPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const navigate = useNavigate();
  const { can, user } = useAuth();
  const writer = can('content.write');
  const sites = useSites();
  const [site] = useCurrentSite(sites.data);
  const options = useDatasetOptions();
  const detail = useLoad(isNew ? null : () => api.get<DatasetDetail>(`/api/datasets/${id}`), [id]);
  const departments = useLoad(
    site ? () => api.get<{ items: { id: number; name: string }[] }>(`/api/sites/${site.id}/departments`) : null,
    [site?.id],
  );
  const d = detail.data;
  usePageTitle(isNew ? '新建数据集' : (d?.title ?? '数据集'));
  const [form] = Form.useForm<DatasetInput>();
  const [saving, setSaving] = useState(false);
  const inReview = !!d?.reviewState && OPEN_REVIEW.includes(d.reviewState);

  const save = async (values: DatasetInput) => {
    setSaving(true);
    try {
      const body = { ...EMPTY, ...values, identifier: values.identifier || undefined };
      if (isNew) {
        const created = await api.post<DatasetDetail>(`/api/sites/${site!.id}/datasets`, body);
        toastSuccess('数据集已创建，请上传数据');
        navigate(`/datasets/${created.id}`, { replace: true });
      } else {
        detail.setData(await api.put<DatasetDetail>(`/api/datasets/${id}`, body));
        toastSuccess('已保存');
      }
    } catch (err) {
      showFormError(form, err);
    } finally {
      setSaving(false);
    }
  };

  // The form takes its initial values once: wait for the data set (or, for a new one, the default licence).
  if ((!isNew && !d) || !options.data) return <Card loading />;
  const initial = d ?? {
    ...EMPTY,
    departmentId: user?.departmentId ?? undefined,
    licence: options.data?.defaultLicence,
  };
  const opt = (values: string[] | undefined) => (values ?? []).map((v) => ({ value: v, label: v }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {isNew ? '新建数据集' : d!.title}
      </Typography.Title>
      {d && (
        <Space wrap>
          <Tag color={STATUS_COLORS[d.status]}>{d.statusName}</Tag>
          {d.reviewState && <Tag>审查：{REVIEW_STATE_NAMES[d.reviewState] ?? d.reviewState}</Tag>}
          {d.publicUrl && (
            <a href={d.publicUrl} target="_blank" rel="noreferrer">
              在网站上查看
            </a>
          )}
        </Space>
      )}
      <Card title="数据集信息">
        <Form<DatasetInput>
          form={form}
          name="dataset"
          layout="vertical"
          initialValues={initial}
          onFinish={save}
          disabled={!writer}
          style={{ maxWidth: 880 }}
        >
          <Form.Item name="title" label="数据集名称" rules={[{ required: true, min: 2, max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="description"
            label="摘要"
            rules={[{ required: true, min: 10, max: 2000 }]}
            extra="数据的内容、统计口径和用途"
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Space wrap size="large" align="start">
            <Form.Item name="identifier" label="资源代码" extra="留空时自动生成">
              <Input style={{ width: 240 }} maxLength={64} />
            </Form.Item>
            <Form.Item name="theme" label="数据领域" rules={[{ required: true }]}>
              <Select style={{ width: 180 }} options={opt(options.data?.themes)} />
            </Form.Item>
            <Form.Item name="departmentId" label="数据提供部门" rules={[{ required: true }]}>
              <Select
                style={{ width: 200 }}
                options={(departments.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
            <Form.Item name="updateFrequency" label="更新周期" rules={[{ required: true }]}>
              <Select style={{ width: 140 }} options={opt(options.data?.updateFrequencies)} />
            </Form.Item>
          </Space>
          <Space wrap size="large" align="start">
            <Form.Item name="coverageFrom" label="数据时间范围起" extra="如 2026-01">
              <Input style={{ width: 160 }} placeholder="yyyy-MM" />
            </Form.Item>
            <Form.Item name="coverageTo" label="数据时间范围止">
              <Input style={{ width: 160 }} placeholder="yyyy-MM" />
            </Form.Item>
            <Form.Item name="keywords" label="关键词">
              <Input style={{ width: 320 }} maxLength={200} />
            </Form.Item>
          </Space>
          <Space wrap size="large" align="start">
            <Form.Item name="shareType" label="共享属性" rules={[{ required: true }]}>
              <Select style={{ width: 160 }} options={opt(options.data?.shareTypes)} />
            </Form.Item>
            <Form.Item name="shareCondition" label="共享条件">
              <Input style={{ width: 260 }} maxLength={500} />
            </Form.Item>
            <Form.Item name="openType" label="开放属性" rules={[{ required: true }]}>
              <Select style={{ width: 160 }} options={opt(options.data?.openTypes)} />
            </Form.Item>
            <Form.Item name="openCondition" label="开放条件">
              <Input style={{ width: 260 }} maxLength={500} />
            </Form.Item>
          </Space>
          <Form.Item name="licence" label="开放许可" rules={[{ required: true, min: 2 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="contact" label="联系方式" rules={[{ required: true, min: 2 }]}>
            <Input maxLength={200} placeholder="部门、电话或邮箱" />
          </Form.Item>
          <Form.Item name="autoProvider" label="数据来源" extra="选择站点数据时，系统每月自动生成新版本，无需上传">
            <Select
              style={{ width: 360 }}
              disabled={!isNew}
              options={[
                { value: null, label: '上传文件（CSV 或 XLSX）' },
                ...(options.data?.providers ?? []).map((p) => ({ value: p.key, label: `站点数据：${p.title}` })),
              ]}
            />
          </Form.Item>
          {writer && (
            <Button type="primary" htmlType="submit" loading={saving}>
              {isNew ? '创建数据集' : '保存信息'}
            </Button>
          )}
        </Form>
      </Card>
      {d && options.data && (
        <>
          <VersionsCard dataset={d} options={options.data} writer={writer} onChanged={detail.reload} />
          <ChartsCard dataset={d} options={options.data} writer={writer} onChanged={detail.reload} />
          <SubmitCard dataset={d} writer={writer} inReview={inReview} onChanged={detail.reload} />
        </>
      )}
    </Space>
  );
}

function SubmitCard({
  dataset,
  writer,
  inReview,
  onChanged,
}: {
  dataset: DatasetDetail;
  writer: boolean;
  inReview: boolean;
  onChanged: () => Promise<void>;
}) {
  const [secret, setSecret] = useState<'否' | '是' | '不明确'>('否');
  const [releaseForm, setReleaseForm] = useState<'网站公开' | '依申请提供' | '其他'>('网站公开');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.post(`/api/datasets/${dataset.id}/submit`, { secret, releaseForm });
      toastSuccess('已提交信息发布审查');
      await onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="发布审查（附件3）">
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="本次发布">
          {dataset.versionList.filter((v) => v.state === 'confirmed').length} 个版本、{dataset.charts.length}{' '}
          个图表及以上数据集信息
        </Descriptions.Item>
      </Descriptions>
      {inReview ? (
        <Alert type="info" showIcon message="正在审查中，审查结束前不能再次提交" />
      ) : writer ? (
        <Space wrap>
          <label htmlFor="ds-secret">是否涉密</label>
          <Select
            id="ds-secret"
            value={secret}
            onChange={setSecret}
            style={{ width: 120 }}
            options={['否', '是', '不明确'].map((v) => ({ value: v, label: v }))}
          />
          <label htmlFor="ds-release-form">发布形式</label>
          <Select
            id="ds-release-form"
            value={releaseForm}
            onChange={setReleaseForm}
            style={{ width: 140 }}
            options={['网站公开', '依申请提供', '其他'].map((v) => ({ value: v, label: v }))}
          />
          <Button type="primary" onClick={() => void submit()} loading={busy}>
            提交审查
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}
