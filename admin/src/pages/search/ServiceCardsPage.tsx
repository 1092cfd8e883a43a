// 搜索即服务: service cards and best bets. When a search contains one of a card's keywords (directly, through a
// synonym or as pinyin), the card with its direct links shows above the results (at most three, in this order).
import { useState } from 'react';
import {
  Alert,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  MinusCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { api, ApiError, isSessionError } from '../../api';
import { errorText, showError, toastSuccess } from '../../feedback';
import { useCurrentSite, useLoad, usePageTitle, useSites } from '../../hooks';
import { SiteSelect } from '../../components/SiteSelect';
import type { CardInput, Items, ServiceCard } from '../../api-types';
import { LIMITS, WORD_SEPARATORS } from './limits';

interface Values {
  title: string;
  description: string;
  keywords: string[];
  links: { title: string; url: string }[];
  enabled: boolean;
}

type Editing = { mode: 'create' } | { mode: 'edit'; card: ServiceCard };

const URL_PATTERN = /^(https?:\/\/\S+|\/(?!\/)\S*)$/i;

const toInput = (card: ServiceCard, patch: Partial<CardInput> = {}): CardInput => ({
  title: card.title,
  description: card.description,
  keywords: card.keywords,
  links: card.links,
  sort: card.sort,
  enabled: card.enabled,
  ...patch,
});

/** A URL as people read it (percent-escapes decoded), for display only. */
function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** `links.0.url` → ['links', 0, 'url'] (a Form.List field); `keywords.2` → 'keywords'. */
function formField(path: string): (string | number)[] | null {
  const parts = path.split('.');
  if (parts[0] === 'links' && parts.length === 3) return ['links', Number(parts[1]), parts[2]];
  if (parts[0] === 'links') return null;
  if (['title', 'description', 'keywords', 'enabled'].includes(parts[0])) return [parts[0]];
  return null;
}

export default function ServiceCardsPage() {
  usePageTitle('搜索即服务');
  const sites = useSites();
  const [site, chooseSite] = useCurrentSite(sites.data);
  const siteId = site?.id;
  const cards = useLoad(
    siteId ? () => api.get<Items<ServiceCard>>(`/api/sites/${siteId}/search/cards`).then((r) => r.items) : null,
    [siteId],
  );
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();

  const list = cards.data ?? [];

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ title: '', description: '', keywords: [], links: [{ title: '', url: '' }], enabled: true });
    setFormError(null);
    setEditing({ mode: 'create' });
  };
  const openEdit = (card: ServiceCard) => {
    form.resetFields();
    form.setFieldsValue({
      title: card.title,
      description: card.description,
      keywords: card.keywords,
      links: card.links.map((l) => ({ ...l })),
      enabled: card.enabled,
    });
    setFormError(null);
    setEditing({ mode: 'edit', card });
  };

  /** The server's refusal: messages under the fields it names, and the whole message above the form. */
  const showServerError = (err: unknown) => {
    if (!(err instanceof ApiError) || isSessionError(err)) {
      showError(err);
      return;
    }
    const placed = Object.entries(err.fieldErrors)
      .map(([path, message]) => [formField(path), message] as const)
      .filter((e): e is readonly [(string | number)[], string] => e[0] !== null);
    // Paths come from the server at run time: the form's typed field names cannot be checked here.
    if (placed.length)
      (form as unknown as FormInstance).setFields(placed.map(([name, message]) => ({ name, errors: [message] })));
    setFormError(errorText(err));
  };

  const save = async (values: Values) => {
    if (!siteId || !editing) return;
    const body: CardInput = {
      title: values.title.trim(),
      description: (values.description ?? '').trim(),
      keywords: [...new Set((values.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
      links: (values.links ?? []).map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
      enabled: values.enabled,
    };
    setSaving(true);
    setFormError(null);
    try {
      if (editing.mode === 'create') {
        // New cards go last; 上移/下移 change the order.
        body.sort = list.reduce((max, c) => Math.max(max, c.sort + 1), 0);
        await api.post<ServiceCard>(`/api/sites/${siteId}/search/cards`, body);
        toastSuccess(`已新建服务卡片“${body.title}”`);
      } else {
        body.sort = editing.card.sort;
        await api.put<ServiceCard>(`/api/sites/${siteId}/search/cards/${editing.card.id}`, body);
        toastSuccess(`服务卡片“${body.title}”已保存`);
      }
      setEditing(null);
      await cards.reload();
    } catch (err) {
      showServerError(err);
    } finally {
      setSaving(false);
    }
  };

  const setEnabled = async (card: ServiceCard, enabled: boolean) => {
    if (!siteId) return;
    setBusy(card.id);
    try {
      const saved = await api.put<ServiceCard>(
        `/api/sites/${siteId}/search/cards/${card.id}`,
        toInput(card, { enabled }),
      );
      cards.setData(list.map((c) => (c.id === card.id ? saved : c)));
      toastSuccess(enabled ? `已启用“${card.title}”` : `已停用“${card.title}”，搜索时不再显示`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  /** Moves a card one place and numbers the whole list 0, 1, 2 … (saving only the cards whose number changed). */
  const move = async (card: ServiceCard, delta: -1 | 1) => {
    if (!siteId) return;
    const from = list.findIndex((c) => c.id === card.id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= list.length) return;
    const order = [...list];
    [order[from], order[to]] = [order[to], order[from]];
    setBusy(card.id);
    try {
      for (const [i, c] of order.entries()) {
        if (c.sort !== i)
          await api.put<ServiceCard>(`/api/sites/${siteId}/search/cards/${c.id}`, toInput(c, { sort: i }));
      }
      cards.setData(order.map((c, i) => ({ ...c, sort: i })));
    } catch (err) {
      showError(err);
      await cards.reload();
    } finally {
      setBusy(null);
    }
  };

  const remove = async (card: ServiceCard) => {
    if (!siteId) return;
    setBusy(card.id);
    try {
      await api.delete(`/api/sites/${siteId}/search/cards/${card.id}`);
      toastSuccess(`已删除服务卡片“${card.title}”`);
      await cards.reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<ServiceCard> = [
    { title: '顺序', key: 'order', width: 64, render: (_, c) => list.indexOf(c) + 1 },
    {
      title: '卡片',
      key: 'card',
      render: (_, c) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{c.title}</Typography.Text>
          {c.description && <Typography.Text type="secondary">{c.description}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '触发关键词',
      dataIndex: 'keywords',
      width: '24%',
      render: (keywords: string[]) => (
        <Space wrap size={[4, 4]}>
          {keywords.map((k) => (
            <Tag key={k}>{k}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '直达链接',
      dataIndex: 'links',
      width: '24%',
      render: (links: ServiceCard['links']) => (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {links.map((l, i) => (
            <li key={i}>
              <Typography.Text>{l.title}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {readableUrl(l.url)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: '启用',
      key: 'enabled',
      width: 90,
      render: (_, c) => (
        <Switch
          checked={c.enabled}
          loading={busy === c.id}
          disabled={busy !== null}
          checkedChildren="启用"
          unCheckedChildren="停用"
          aria-label={`启用“${c.title}”`}
          onChange={(on) => void setEnabled(c, on)}
        />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, c) => {
        const i = list.indexOf(c);
        return (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={<ArrowUpOutlined aria-hidden />}
              aria-label={`上移“${c.title}”`}
              disabled={i === 0 || busy !== null}
              onClick={() => void move(c, -1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined aria-hidden />}
              aria-label={`下移“${c.title}”`}
              disabled={i === list.length - 1 || busy !== null}
              onClick={() => void move(c, 1)}
            />
            <Button
              size="small"
              icon={<EditOutlined aria-hidden />}
              aria-label={`编辑“${c.title}”`}
              onClick={() => openEdit(c)}
            >
              编辑
            </Button>
            <Popconfirm
              title={`删除服务卡片“${c.title}”？`}
              description="删除后搜索时不再显示，不能恢复；只想暂时不显示可以停用。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove(c)}
            >
              <Button
                size="small"
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`删除“${c.title}”`}
                disabled={busy !== null}
              />
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          搜索即服务
        </Typography.Title>
        {sites.data && <SiteSelect sites={sites.data} value={site} onChange={chooseSite} />}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        服务卡片（最佳答案）把常办事项直接送到搜索结果上方：群众搜索的关键词含有卡片的某个触发关键词（也按同义词、拼音匹配，如“社会保险”“shebao”都能触发“社保”）时，卡片及其直达链接显示在搜索结果之前，每次最多显示
        3 张，按下表顺序。停用的卡片不显示。
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={openCreate} disabled={!site}>
          新建服务卡片
        </Button>
      </Space>
      <Table<ServiceCard>
        rowKey="id"
        columns={columns}
        dataSource={list}
        loading={cards.loading}
        pagination={false}
        size="middle"
        locale={{ emptyText: <Empty description="还没有服务卡片" /> }}
        data-testid="card-table"
      />

      <Modal
        title={editing?.mode === 'edit' ? `编辑服务卡片：${editing.card.title}` : '新建服务卡片'}
        open={!!editing}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        confirmLoading={saving}
        width={640}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={save} data-testid="card-form">
          {formError && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title="服务卡片未保存"
              description={formError}
              data-testid="card-form-error"
            />
          )}
          <Form.Item
            label="卡片标题"
            name="title"
            rules={[{ required: true, whitespace: true, message: '请输入卡片标题' }]}
          >
            <Input maxLength={LIMITS.cardTitle} showCount placeholder="例如：社保服务" />
          </Form.Item>
          <Form.Item label="简要说明" name="description">
            <Input.TextArea
              maxLength={LIMITS.cardDescription}
              showCount
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder="例如：社会保险参保、缴费、待遇查询和办事指南。"
            />
          </Form.Item>
          <Form.Item
            label="触发关键词"
            name="keywords"
            extra="搜索词含有其中任一个词时显示本卡片；输入后按回车确认，可用顿号或逗号分隔多个。"
            rules={[
              { required: true, type: 'array', min: 1, message: '请至少填写一个关键词' },
              { type: 'array', max: LIMITS.keywords, message: `关键词最多 ${LIMITS.keywords} 个` },
              {
                validator: (_, v: string[] | undefined) =>
                  (v ?? []).some((k) => k.trim().length > LIMITS.keyword)
                    ? Promise.reject(new Error(`每个关键词不超过 ${LIMITS.keyword} 个字`))
                    : Promise.resolve(),
              },
            ]}
          >
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              tokenSeparators={WORD_SEPARATORS}
              placeholder="例如：社保、社会保险"
              aria-label="触发关键词"
            />
          </Form.Item>
          <Form.List
            name="links"
            rules={[
              {
                validator: async (_, links: unknown[] | undefined) => {
                  if (!links || links.length < 1) throw new Error('请至少添加一个直达链接');
                  if (links.length > LIMITS.links) throw new Error(`直达链接最多 ${LIMITS.links} 个`);
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
                <legend style={{ fontSize: 14, marginBottom: 8, border: 0 }}>
                  直达链接（链接文字与地址，地址以 http://、https:// 或本站的 / 开头）
                </legend>
                {fields.map((field, i) => (
                  <Space
                    key={field.key}
                    align="start"
                    style={{ display: 'flex', width: '100%' }}
                    data-testid={`card-link-${i}`}
                  >
                    <Form.Item
                      name={[field.name, 'title']}
                      rules={[{ required: true, whitespace: true, message: '请输入链接文字' }]}
                      style={{ width: 180, marginBottom: 12 }}
                    >
                      <Input
                        maxLength={LIMITS.linkTitle}
                        placeholder="链接文字，如：社保查询"
                        aria-label={`第 ${i + 1} 个链接的文字`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'url']}
                      rules={[
                        { required: true, whitespace: true, message: '请输入链接地址' },
                        { pattern: URL_PATTERN, message: '地址应以 http://、https:// 或 / 开头，且不含空格' },
                      ]}
                      style={{ flex: 1, minWidth: 240, marginBottom: 12 }}
                    >
                      <Input
                        maxLength={LIMITS.linkUrl}
                        placeholder="https://… 或 /search?q=…"
                        aria-label={`第 ${i + 1} 个链接的地址`}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined aria-hidden />}
                      aria-label={`删除第 ${i + 1} 个链接`}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined aria-hidden />}
                  disabled={fields.length >= LIMITS.links}
                  onClick={() => add({ title: '', url: '' })}
                  style={{ marginBottom: 16 }}
                >
                  添加链接
                </Button>
              </fieldset>
            )}
          </Form.List>
          <Form.Item label="启用" name="enabled" valuePropName="checked" extra="停用的卡片保留设置，但搜索时不显示。">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
