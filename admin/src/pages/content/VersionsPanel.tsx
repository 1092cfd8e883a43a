// 版本记录: every saved version, a coloured comparison of any two, and restoring an old one as a new draft
// version (the history itself never changes).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DiffOutlined, RollbackOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { modal, showError, toastSuccess } from '../../feedback';
import { formatDateTime } from '../../format';
import { useBusy } from '../../components/busy';
import { useLoad } from '../../hooks';
import { keyed } from '../../keys';
import type { ContentDetail, DiffPart, VersionRow } from '../../../../src/modules/content/content.schema.ts';

/** One part of the comparison: its lines, marked + (added), - (removed) or blank (the same). */
function DiffLines({ text, mark }: { text: string; mark: string }) {
  return keyed(text.replace(/\n$/, '').split('\n'), (l) => l).map(({ key, item: line }) => (
    <span key={key} className="diff-line">
      {`${mark} ${line}`}
    </span>
  ));
}

export function DiffView({ parts }: { parts: DiffPart[] }) {
  const changed = parts.some((p) => p.added || p.removed);
  if (!changed) return <Alert type="info" showIcon title="两个版本的内容相同" />;
  const sign = (p: DiffPart) => (p.added ? '+' : p.removed ? '-' : ' ');
  return (
    <section className="diff-view" data-testid="version-diff" aria-label="版本比较结果">
      {keyed(parts, (p) => `${sign(p)}${p.text}`).map(({ key, item: p }) =>
        p.added ? (
          <ins key={key} className="diff-added">
            <span className="sr-only">新增：</span>
            <DiffLines text={p.text} mark="+" />
          </ins>
        ) : p.removed ? (
          <del key={key} className="diff-removed">
            <span className="sr-only">删除：</span>
            <DiffLines text={p.text} mark="-" />
          </del>
        ) : (
          <span key={key} className="diff-same">
            <DiffLines text={p.text} mark=" " />
          </span>
        ),
      )}
    </section>
  );
}

export function VersionsPanel({
  item,
  canRestore,
  onRestored,
}: {
  item: ContentDetail;
  canRestore: boolean;
  onRestored: (detail: ContentDetail) => void;
}) {
  const versions = useLoad(
    () => api.get<{ items: VersionRow[] }>(`/api/content/${item.id}/versions`).then((r) => r.items),
    [item.id, item.version],
  );
  const list = versions.data ?? [];
  const [from, setFrom] = useState<number | undefined>(undefined);
  const [to, setTo] = useState<number | undefined>(undefined);
  const [diff, setDiff] = useState<DiffPart[] | null>(null);
  const comparing = useBusy();

  // New versions listed: compare the latest with the one before it.
  const loaded = versions.data;
  useEffect(() => {
    const [latest, previous] = loaded ?? [];
    if (latest) {
      setTo(latest.version);
      setFrom((previous ?? latest).version);
    }
    setDiff(null);
  }, [loaded]);

  const compare = (a = from, b = to) => {
    if (!a || !b) return;
    return comparing.run(async () =>
      setDiff((await api.get<{ parts: DiffPart[] }>(`/api/content/${item.id}/diff?from=${a}&to=${b}`)).parts),
    );
  };

  const restore = (v: VersionRow) =>
    modal().confirm({
      title: `恢复到第 ${v.version} 版？`,
      content:
        '将以第 ' +
        v.version +
        ' 版的内容保存为一个新的版本（草稿），原有版本记录都会保留。恢复后如需发布，须重新提交审查。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          const detail = await api.post<ContentDetail>(`/api/content/${item.id}/versions/${v.version}/restore`);
          toastSuccess(`已恢复为第 ${v.version} 版的内容（保存为第 ${detail.version} 版）`);
          onRestored(detail);
        } catch (err) {
          showError(err);
        }
      },
    });

  const options = list.map((v) => ({
    value: v.version,
    label: `第 ${v.version} 版 · ${formatDateTime(v.created_at)}`,
  }));
  const columns: TableColumnsType<VersionRow> = [
    {
      title: '版本',
      dataIndex: 'version',
      width: 150,
      render: (v: number) => (
        <Space size={4}>
          第 {v} 版{v === item.version && <Tag color="blue">当前</Tag>}
          {v === item.publishedVersion && <Tag color="success">网站上</Tag>}
        </Space>
      ),
    },
    { title: '保存时间', dataIndex: 'created_at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '保存人', dataIndex: 'author', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '修改说明', dataIndex: 'note', render: (v: string) => v || '—' },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, v) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<DiffOutlined aria-hidden />}
            disabled={!list.some((x) => x.version < v.version)}
            onClick={() => {
              const prev = list.find((x) => x.version < v.version)?.version ?? v.version;
              setFrom(prev);
              setTo(v.version);
              void compare(prev, v.version);
            }}
            aria-label={`查看第 ${v.version} 版的修改`}
          >
            改动
          </Button>
          {canRestore && v.version !== item.version && (
            <Button
              type="link"
              size="small"
              icon={<RollbackOutlined aria-hidden />}
              onClick={() => restore(v)}
              aria-label={`恢复到第 ${v.version} 版`}
            >
              恢复
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Table<VersionRow>
        rowKey="version"
        size="small"
        columns={columns}
        dataSource={list}
        loading={versions.loading}
        pagination={false}
        data-testid="versions-table"
      />
      <Card size="small" title="比较两个版本">
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="diff-from">从</label>
          <Select id="diff-from" style={{ width: 260 }} value={from} onChange={setFrom} options={options} />
          <label htmlFor="diff-to">到</label>
          <Select id="diff-to" style={{ width: 260 }} value={to} onChange={setTo} options={options} />
          <Button
            icon={<DiffOutlined aria-hidden />}
            onClick={() => void compare()}
            loading={comparing.busy}
            disabled={!from || !to}
          >
            比较
          </Button>
        </Space>
        {diff ? (
          <>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              <span className="diff-legend diff-added">+ 绿色</span> 为新增内容，
              <span className="diff-legend diff-removed">- 红色</span> 为删除内容。
            </Typography.Paragraph>
            <DiffView parts={diff} />
          </>
        ) : (
          <Typography.Text type="secondary">选择两个版本后点击“比较”，或点击某个版本的“改动”。</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
