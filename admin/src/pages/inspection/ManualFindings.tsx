// 人工发现: what an inspector found by hand for a URL. It is not part of the report it was recorded from: it
// counts in every later run of that URL until revoked. Recorded from the report of a platform site's run, it
// belongs to that site and counts only in that site's runs (site administrators see only their sites').
import { useMemo } from 'react';
import {
  Alert,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useBusy } from '../../components/busy';
import { api, queryString } from '../../api';
import { showError, showFormError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import { fmt, indicatorOptions, partName, pointsInRule, subRulesWithParts } from './common';
import { EvidenceLink, evidenceText } from './Evidence';
import type { Items } from '../../api-types';
import type {
  IndicatorView as CatalogueIndicator,
  ManualFindingBody as ManualFindingInput,
  ManualFindingRow,
} from '../../../../src/modules/inspection/inspection.schema.ts';

interface Values {
  indicatorId: string | undefined;
  part: string | undefined;
  subRule: number | undefined;
  points: number | null;
  message: string;
  evidenceUrl: string;
  note: string;
}

const EMPTY: Values = {
  indicatorId: undefined,
  part: undefined,
  subRule: undefined,
  points: null,
  message: '',
  evidenceUrl: '',
  note: '',
};

export function ManualFindingForm({
  url,
  siteId,
  catalogue,
  open,
  onClose,
  onSaved,
}: {
  url: string;
  siteId: number | null;
  catalogue: CatalogueIndicator[];
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const saving = useBusy();
  const indicatorId = Form.useWatch('indicatorId', form);
  const part = Form.useWatch('part', form);
  const indicator = catalogue.find((i) => i.id === indicatorId);
  const parts = indicator?.parts ?? [];
  const rules = useMemo(
    () => (indicator ? subRulesWithParts(indicator) : []).filter((r) => !parts.length || r.part === part),
    [indicator, parts.length, part],
  );
  const maxPoints = indicator ? (parts.find((p) => p.id === part)?.points ?? indicator.points ?? 0) : 0;
  const scored = !!indicator && indicator.kind !== 'veto';

  const save = async (v: Values) => {
    if (!indicator) return;
    const input: ManualFindingInput = {
      url,
      indicatorId: indicator.id,
      subRule: v.subRule ?? null,
      part: parts.length ? (v.part ?? null) : null,
      points: scored ? v.points : null,
      message: v.message.trim(),
      evidenceUrl: v.evidenceUrl.trim() || null,
      note: v.note.trim() || null,
      ...(siteId !== null ? { siteId } : {}),
    };
    await saving.run(
      async () => {
        await api.post<{ id: number }>('/api/inspection/findings', input);
        toastSuccess('人工发现已记录，将计入该网址的下一次检查');
        form.resetFields();
        onSaved();
      },
      { onError: (err) => showFormError(form, err) },
    );
  };

  return (
    <Modal
      title="记录人工发现"
      open={open}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={saving.busy}
      width={720}
      forceRender
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="人工发现不会改变本报告，将计入该网址之后的每一次检查（包括定期检查），直到撤销。"
        description={
          <>
            网址：<Typography.Text code>{url}</Typography.Text>
          </>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={EMPTY}
        onFinish={save}
        requiredMark="optional"
        onValuesChange={(changed: Partial<Values>) => {
          if ('indicatorId' in changed) {
            const next = catalogue.find((i) => i.id === changed.indicatorId);
            form.setFieldsValue({ part: next?.parts?.[0]?.id, subRule: undefined, points: null });
          } else if ('part' in changed) {
            form.setFieldsValue({ subRule: undefined, points: null });
          } else if ('subRule' in changed && scored) {
            const text = rules.find((r) => r.no === changed.subRule)?.text;
            const p = text ? pointsInRule(text) : null;
            if (p !== null) form.setFieldsValue({ points: Math.min(p, maxPoints) });
          }
        }}
        data-testid="manual-finding-form"
      >
        <Form.Item label="指标" name="indicatorId" rules={[{ required: true, message: '请选择指标' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={indicatorOptions(catalogue)}
            placeholder="按单项否决、扣分指标、加分指标分组"
            listHeight={360}
          />
        </Form.Item>
        {parts.length > 0 && (
          <Form.Item
            label="部分"
            name="part"
            rules={[{ required: true, message: '请选择该发现属于哪一部分' }]}
            extra="该指标分部分计分，细则编号在每部分内重新开始。"
          >
            <Select options={parts.map((p) => ({ value: p.id, label: `${p.name}（${fmt(p.points)} 分）` }))} />
          </Form.Item>
        )}
        {indicator && (
          <Form.Item
            label="细则"
            name="subRule"
            extra={indicator.kind === 'veto' ? '单项否决指标：符合任一细则即否决。' : undefined}
          >
            <Select
              allowClear
              placeholder="选择对应的细则（可不选）"
              options={rules.map((r) => ({ value: r.no, label: `${r.no}. ${r.text}` }))}
              optionRender={(o) => <div style={{ whiteSpace: 'normal' }}>{o.label}</div>}
              listHeight={320}
            />
          </Form.Item>
        )}
        {scored && (
          <Form.Item
            label={indicator.kind === 'bonus' ? '加分' : '扣分'}
            name="points"
            rules={[{ required: true, message: `请填写分值（0–${fmt(maxPoints)}）` }]}
            extra={`0–${fmt(maxPoints)} 分，最小单位 0.01 分；选择细则后按细则写明的分值自动填写，可按实际情况调整。`}
          >
            <InputNumber min={0} max={maxPoints} step={0.1} precision={2} style={{ width: 160 }} suffix="分" />
          </Form.Item>
        )}
        <Form.Item
          label="问题描述"
          name="message"
          rules={[
            { required: true, whitespace: true, message: '请描述发现的问题' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          label="证据网址"
          name="evidenceUrl"
          rules={[{ pattern: /^https?:\/\/\S+$/i, message: '网址须以 http:// 或 https:// 开头' }]}
          extra="发现问题的页面；不填则记为被检查网站的首页。"
        >
          <Input maxLength={1000} spellCheck={false} inputMode="url" placeholder="https://" />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The manual findings in force for a URL (for a platform site: those its runs count), each revocable. */
const note = (r: ManualFindingRow) => evidenceText(r.evidence).note;
const inspector = (r: ManualFindingRow) => evidenceText(r.evidence).inspector;

export function ManualFindingList({
  url,
  siteId,
  catalogue,
  version,
}: {
  url: string;
  siteId: number | null;
  catalogue: CatalogueIndicator[];
  version: number;
}) {
  const list = useLoad(
    () =>
      api.get<Items<ManualFindingRow>>(`/api/inspection/findings${queryString({ url, siteId })}`).then((r) => r.items),
    [url, siteId, version],
  );
  const byId = useMemo(() => new Map(catalogue.map((i) => [i.id, i])), [catalogue]);

  const revoke = async (row: ManualFindingRow) => {
    try {
      await api.delete(`/api/inspection/findings/${row.id}`);
      toastSuccess('已撤销该人工发现，下一次检查不再计入');
      await list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<ManualFindingRow> = [
    {
      title: '指标',
      key: 'indicator',
      width: 200,
      render: (_, r) => {
        const i = byId.get(r.indicator_id);
        const p = partName(i, r.part);
        return (
          <Space orientation="vertical" size={0}>
            <span>{i?.name ?? r.indicator_id}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[p, r.sub_rule !== null ? `细则 ${r.sub_rule}` : null].filter(Boolean).join(' · ')}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: '问题',
      key: 'message',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.message}</span>
          <EvidenceLink evidence={r.evidence} />
          {note(r) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              备注：{note(r)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '分值',
      dataIndex: 'points',
      width: 80,
      render: (v: number | null) => (v === null ? <Tag>按细则</Tag> : fmt(v)),
    },
    {
      title: '记录',
      key: 'created',
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(r.created_at)}</span>
          {inspector(r) && <Typography.Text type="secondary">{inspector(r)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, r) => (
        <Popconfirm
          title="撤销这条人工发现？"
          description="撤销后，之后的检查不再计入；已出的报告不变。"
          okText="撤销"
          cancelText="取消"
          onConfirm={() => revoke(r)}
        >
          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`撤销人工发现：${r.message}`}>
            撤销
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Table<ManualFindingRow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={list.data ?? []}
      loading={list.loading}
      pagination={false}
      scroll={{ x: 760 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该网址暂无人工发现" /> }}
      data-testid="manual-findings"
    />
  );
}

export function ManualFindingButton({ onClick }: { onClick: () => void }) {
  return (
    <Button icon={<PlusOutlined aria-hidden />} onClick={onClick}>
      记录人工发现
    </Button>
  );
}
