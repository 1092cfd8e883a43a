// 同义词: the site's synonym groups for site search. Every word of a group finds what the others find
// (社保 ↔ 社会保险). Until the site saves its own list the system's default list applies; saving replaces it.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Input, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { api, ApiError, isSessionError } from '../../api';
import { useBusy } from '../../components/busy';
import { showError, toastError, toastSuccess } from '../../feedback';
import { useLoad, usePageTitle, useSiteScope } from '../../hooks';
import { SitePageHeader } from '../../components/PageHeader';
import type { SynonymsView as Synonyms } from '../../../../src/modules/search/search.schema.ts';
import { LIMITS } from './limits';

interface Row {
  key: number;
  /** The words as typed, separated by 、，,；; */
  text: string;
}

/** A save the server refused: its message, and the problems it named by group. */
interface ServerProblem {
  message: string;
  rows: Map<number, string[]>;
}

const PAGE_SIZE = 20;
const SPLIT = /[、，,；;\n]+/;

let seq = 0;
const nextKey = () => ++seq;

const termsOf = (text: string) => [
  ...new Set(
    text
      .split(SPLIT)
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];
const toRows = (groups: string[][]): Row[] => groups.map((g) => ({ key: nextKey(), text: g.join('、') }));

/** What keeps a group from being saved, in Chinese; [] when it is fine. Empty groups are dropped on save. */
function rowProblems(terms: string[]): string[] {
  if (terms.length === 0) return [];
  const out: string[] = [];
  if (terms.length < 2) out.push('至少需要两个词');
  if (terms.length > LIMITS.synonymsPerGroup) out.push(`每组最多 ${LIMITS.synonymsPerGroup} 个词`);
  const long = terms.filter((t) => t.length > LIMITS.term);
  if (long.length) out.push(`每个词不超过 ${LIMITS.term} 个字：${long[0].slice(0, 12)}…`);
  return out;
}

/**
 * The server's refusal, placed on the groups it concerns: schema errors name `groups.<i>[.<j>]`; the service
 * names a word in “…”.
 */
function serverProblem(err: ApiError, sent: Row[], rows: Row[]): ServerProblem {
  const byRow = new Map<number, string[]>();
  const add = (key: number, message: string) => byRow.set(key, [...(byRow.get(key) ?? []), message]);
  const lines: string[] = [];
  for (const [field, message] of Object.entries(err.fieldErrors)) {
    const m = /^groups\.(\d+)(?:\.(\d+))?$/.exec(field);
    const row = m ? sent[Number(m[1])] : undefined;
    if (!row) {
      lines.push(message);
      continue;
    }
    const word = m![2] !== undefined ? termsOf(row.text)[Number(m![2])] : undefined;
    const text = word ? `“${word}”${message}` : message;
    add(row.key, text);
    lines.push(`第 ${rows.indexOf(row) + 1} 组（${termsOf(row.text).slice(0, 3).join('、')}）：${text}`);
  }
  if (lines.length === 0) {
    // A service rule: the message names the word, e.g. 同义词“！！”须包含文字或数字.
    const word = /“([^”]+)”/.exec(err.message)?.[1];
    if (word) for (const row of sent) if (termsOf(row.text).includes(word)) add(row.key, err.message);
    return { message: err.message, rows: byRow };
  }
  return { message: `保存失败，请修改后再保存：${lines.join('；')}`, rows: byRow };
}

export default function SynonymsPage() {
  usePageTitle('同义词');
  const scope = useSiteScope();
  const { site } = scope;
  const siteId = site?.id;
  const synonyms = useLoad(siteId ? () => api.get<Synonyms>(`/api/sites/${siteId}/search/synonyms`) : null, [siteId]);
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState(false);
  const saving = useBusy();
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<ServerProblem | null>(null);

  /** Shows the groups as stored (on load, after saving, on 放弃修改). */
  const apply = useCallback((s: Synonyms) => {
    setRows(toRows(s.groups));
    setDirty(false);
    setProblem(null);
  }, []);
  useEffect(() => {
    if (synonyms.data) apply(synonyms.data);
  }, [synonyms.data, apply]);

  const change = (key: number, text: string) => {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, text } : r)));
    setDirty(true);
  };

  /** Client-side problems by row, and where each word first appears (a word in two groups is worth a hint). */
  const { local, firstGroupOf } = useMemo(() => {
    const local = new Map<number, string[]>();
    const firstGroupOf = new Map<string, number>();
    rows.forEach((r, i) => {
      const terms = termsOf(r.text);
      const p = rowProblems(terms);
      if (p.length) local.set(r.key, p);
      for (const t of terms) if (!firstGroupOf.has(t)) firstGroupOf.set(t, i);
    });
    return { local, firstGroupOf };
  }, [rows]);

  const needle = filter.trim();
  const shown = needle ? rows.filter((r) => r.text.includes(needle)) : rows;
  const filled = rows.filter((r) => termsOf(r.text).length > 0);

  const showRow = (key: number) => {
    setFilter('');
    const index = rows.findIndex((r) => r.key === key);
    if (index >= 0) setPage(Math.floor(index / PAGE_SIZE) + 1);
  };

  const save = async () => {
    if (!siteId) return;
    const firstLocal = rows.find((r) => local.has(r.key));
    if (firstLocal) {
      showRow(firstLocal.key);
      toastError(`第 ${rows.indexOf(firstLocal) + 1} 组：${local.get(firstLocal.key)![0]}`);
      return;
    }
    if (filled.length > LIMITS.synonymGroups) {
      toastError(`同义词组最多 ${LIMITS.synonymGroups} 组`);
      return;
    }
    setProblem(null);
    await saving.run(
      async () => {
        const saved = await api.put<Synonyms>(`/api/sites/${siteId}/search/synonyms`, {
          groups: filled.map((r) => termsOf(r.text)),
        });
        synonyms.setData(saved);
        toastSuccess(`同义词已保存（${saved.groups.length} 组），站内搜索立即按新的同义词查找`);
      },
      {
        onError: (err) => {
          if (!(err instanceof ApiError) || isSessionError(err) || err.code !== 'VALIDATION_FAILED') {
            showError(err);
            return;
          }
          const p = serverProblem(err, filled, rows);
          setProblem(p);
          const first = rows.find((r) => p.rows.has(r.key));
          if (first) showRow(first.key);
        },
      },
    );
  };

  const columns: TableColumnsType<Row> = [
    { title: '序号', key: 'i', width: 70, render: (_, r) => rows.indexOf(r) + 1 },
    {
      title: '同义词（组内各词互为同义词，用顿号分隔）',
      key: 'terms',
      render: (_, r) => {
        const index = rows.indexOf(r);
        const terms = termsOf(r.text);
        const errors = [...(local.get(r.key) ?? []), ...(problem?.rows.get(r.key) ?? [])];
        const repeated = terms.filter((t) => (firstGroupOf.get(t) ?? index) < index);
        return (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Input
              value={r.text}
              status={errors.length ? 'error' : undefined}
              placeholder="例如：社保、社会保险"
              aria-label={`第 ${index + 1} 组同义词`}
              aria-invalid={errors.length > 0}
              aria-describedby={errors.length ? `synonym-error-${r.key}` : undefined}
              onChange={(e) => change(r.key, e.target.value)}
            />
            {errors.length > 0 && (
              <Typography.Text type="danger" id={`synonym-error-${r.key}`} data-testid="synonym-row-error">
                {errors.join('；')}
              </Typography.Text>
            )}
            {repeated.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {repeated.map((t) => `“${t}”也在第 ${(firstGroupOf.get(t) ?? 0) + 1} 组`).join('；')}
                ，两组的词会分别扩展
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: '词数',
      key: 'count',
      width: 80,
      render: (_, r) => {
        const n = termsOf(r.text).length;
        return n === 0 ? <Typography.Text type="secondary">空</Typography.Text> : n;
      },
    },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, r) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={`删除第 ${rows.indexOf(r) + 1} 组（${termsOf(r.text).slice(0, 3).join('、') || '空'}）`}
          onClick={() => {
            setRows((list) => list.filter((x) => x.key !== r.key));
            setDirty(true);
          }}
        />
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <SitePageHeader title="同义词" scope={scope} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        站内搜索时，关键词中含有某组的一个词，会同时查找同组的其他词，例如搜索“社保”也能找到标题为“社会保险”的信息；服务卡片的关键词也按同义词匹配。每组
        2–{LIMITS.synonymsPerGroup} 个词，每个词不超过 {LIMITS.term} 个字。保存后立即生效，无需重建索引。
      </Typography.Paragraph>
      {synonyms.loading && !synonyms.data ? (
        <Spin />
      ) : synonyms.data ? (
        <Card size="small">
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {synonyms.data.isDefault ? (
              <Alert
                type="info"
                showIcon
                title={`本站点正在使用系统默认的同义词表（${synonyms.data.groups.length} 组）`}
                description="可在默认表的基础上增删修改；保存后本站点改用自己的同义词表，系统默认表以后的变化不再影响本站点。"
                data-testid="synonyms-default"
              />
            ) : null}
            {problem && (
              <Alert
                type="error"
                showIcon
                title="同义词未保存"
                description={problem.message}
                closable={{ onClose: () => setProblem(null) }}
                data-testid="synonyms-server-error"
              />
            )}
            <Space wrap>
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => {
                  setFilter('');
                  setPage(1);
                  setRows((list) => [{ key: nextKey(), text: '' }, ...list]);
                  setDirty(true);
                }}
              >
                添加同义词组
              </Button>
              <Input.Search
                allowClear
                placeholder="查找词语"
                aria-label="查找同义词"
                style={{ width: 220 }}
                value={filter}
                onChange={(e) => {
                  setFilter(e.target.value);
                  setPage(1);
                }}
              />
              <Tag>共 {filled.length} 组</Tag>
            </Space>
            <Table<Row>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={shown}
              pagination={{
                pageSize: PAGE_SIZE,
                current: page,
                onChange: setPage,
                showSizeChanger: false,
                showTotal: (n) => `共 ${n} 组`,
              }}
              locale={{ emptyText: <Empty description={needle ? `没有含“${needle}”的同义词组` : '没有同义词组'} /> }}
              data-testid="synonym-table"
            />
            <Space wrap>
              <Button
                type="primary"
                icon={<SaveOutlined aria-hidden />}
                onClick={() => void save()}
                loading={saving.busy}
                disabled={!dirty}
              >
                保存同义词
              </Button>
              <Button disabled={!dirty || saving.busy} onClick={() => synonyms.data && apply(synonyms.data)}>
                放弃修改
              </Button>
              {dirty && local.size > 0 && (
                <Typography.Text type="danger">有 {local.size} 组需要修改后才能保存</Typography.Text>
              )}
              {dirty && local.size === 0 && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
            </Space>
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}
