// 搜索即服务: service cards and best bets. When a search contains one of a card's keywords (directly, through a
// synonym or as pinyin), the card with its direct links shows above the results (at most three, in this order).
import { useState } from 'react';
import { Button, Popconfirm, Space, Switch, Tag, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { api, ApiError, isSessionError } from '../../api';
import type { Items } from '../../api-types';
import type { CardInput, CardView as ServiceCard } from '../../../../src/modules/search/search.schema.ts';
import { useBusy } from '../../components/busy';
import { CrudModal, CrudTable, useCrudEditor, type Editing } from '../../components/Crud';
import { SitePageHeader } from '../../components/PageHeader';
import { errorText, showError, toastSuccess } from '../../feedback';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { keyed } from '../../keys';
import { CardFormFields } from './CardFormFields';

interface Values {
  title: string;
  description: string;
  keywords: string[];
  links: { title: string; url: string }[];
  enabled: boolean;
}

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
  const scope = useSiteScope();
  const { site, siteId } = scope;
  const cards = useLoad(
    siteId ? () => api.get<Items<ServiceCard>>(`/api/sites/${siteId}/search/cards`).then((r) => r.items) : null,
    [siteId],
  );
  const editor = useCrudEditor<ServiceCard, Values>();
  const action = useBusy<number>();
  const [formError, setFormError] = useState<string | null>(null);

  const list = cards.data ?? [];
  const base = `/api/sites/${siteId}/search/cards`;

  const openCreate = () => {
    setFormError(null);
    editor.openCreate({ title: '', description: '', keywords: [], links: [{ title: '', url: '' }], enabled: true });
  };
  const openEdit = (card: ServiceCard) => {
    setFormError(null);
    editor.openEdit(card, {
      title: card.title,
      description: card.description,
      keywords: card.keywords,
      links: card.links.map((l) => ({ ...l })),
      enabled: card.enabled,
    });
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
      (editor.form as unknown as FormInstance).setFields(
        placed.map(([name, message]) => ({ name, errors: [message] })),
      );
    setFormError(errorText(err));
  };

  const save = async (values: Values, editing: Editing<ServiceCard>) => {
    if (!siteId) return;
    const body: CardInput = {
      title: values.title.trim(),
      description: (values.description ?? '').trim(),
      keywords: [...new Set((values.keywords ?? []).map((k) => k.trim()).filter(Boolean))],
      links: (values.links ?? []).map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
      enabled: values.enabled,
    };
    setFormError(null);
    if (editing.mode === 'create') {
      // New cards go last; 上移/下移 change the order.
      body.sort = list.reduce((max, c) => Math.max(max, c.sort + 1), 0);
      await api.post<ServiceCard>(base, body);
      toastSuccess(`已新建服务卡片“${body.title}”`);
    } else {
      body.sort = editing.item.sort;
      await api.put<ServiceCard>(`${base}/${editing.item.id}`, body);
      toastSuccess(`服务卡片“${body.title}”已保存`);
    }
    editor.close();
    await cards.reload();
  };

  const setEnabled = (card: ServiceCard, enabled: boolean) =>
    action.run(
      async () => {
        const saved = await api.put<ServiceCard>(`${base}/${card.id}`, toInput(card, { enabled }));
        cards.setData(list.map((c) => (c.id === card.id ? saved : c)));
        toastSuccess(enabled ? `已启用“${card.title}”` : `已停用“${card.title}”，搜索时不再显示`);
      },
      { key: card.id },
    );

  /** Moves a card one place and numbers the whole list 0, 1, 2 … (saving only the cards whose number changed). */
  const move = (card: ServiceCard, delta: -1 | 1) => {
    const from = list.findIndex((c) => c.id === card.id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= list.length) return;
    const order = [...list];
    [order[from], order[to]] = [order[to], order[from]];
    return action.run(
      async () => {
        for (const [i, c] of order.entries()) {
          if (c.sort !== i) await api.put<ServiceCard>(`${base}/${c.id}`, toInput(c, { sort: i }));
        }
        cards.setData(order.map((c, i) => ({ ...c, sort: i })));
      },
      {
        key: card.id,
        onError: (err) => {
          showError(err);
          void cards.reload();
        },
      },
    );
  };

  const remove = (card: ServiceCard) =>
    action.run(
      async () => {
        await api.delete(`${base}/${card.id}`);
        toastSuccess(`已删除服务卡片“${card.title}”`);
        await cards.reload();
      },
      { key: card.id },
    );

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
          {keyed(links, (l) => `${l.title}|${l.url}`).map(({ key, item: l }) => (
            <li key={key}>
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
          loading={action.key === c.id}
          disabled={action.busy}
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
              disabled={i === 0 || action.busy}
              onClick={() => void move(c, -1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined aria-hidden />}
              aria-label={`下移“${c.title}”`}
              disabled={i === list.length - 1 || action.busy}
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
                disabled={action.busy}
              />
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="搜索即服务" scope={scope} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        服务卡片（最佳答案）把常办事项直接送到搜索结果上方：群众搜索的关键词含有卡片的某个触发关键词（也按同义词、拼音匹配，如“社会保险”“shebao”都能触发“社保”）时，卡片及其直达链接显示在搜索结果之前，每次最多显示
        3 张，按下表顺序。停用的卡片不显示。
      </Typography.Paragraph>
      <CrudTable<ServiceCard>
        createLabel="新建服务卡片"
        onCreate={openCreate}
        createDisabled={!site}
        columns={columns}
        dataSource={list}
        loading={cards.loading}
        pagination={false}
        empty="还没有服务卡片"
        data-testid="card-table"
      />
      <CrudModal
        editor={editor}
        title={editor.editing?.mode === 'edit' ? `编辑服务卡片：${editor.editing.item.title}` : '新建服务卡片'}
        width={640}
        onSave={save}
        onError={showServerError}
        formTestId="card-form"
      >
        <CardFormFields formError={formError} />
      </CrudModal>
    </Space>
  );
}
