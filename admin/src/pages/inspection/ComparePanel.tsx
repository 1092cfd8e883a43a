// 对比: this run against an earlier run of the same URL — 新发现 / 已整改 / 仍存在.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Empty, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useBusy } from '../../components/busy';
import { api, queryString } from '../../api';
import { formatDateTime } from '../../format';
import { keyed } from '../../keys';
import { findingKey, fmt, SourceTag, VerdictTag } from './common';
import { EvidenceLink } from './Evidence';
import type {
  CompareFinding,
  CompareView as CompareResult,
  RunRow,
} from '../../../../src/modules/inspection/inspection.schema.ts';

function FindingList({ items, empty }: { items: CompareFinding[]; empty: string }) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ol className="insp-compare-list">
      {keyed(items, (f) => `${f.indicator}|${findingKey(f)}`).map(({ key, item: f }) => (
        <li key={key}>
          <Space wrap size={[6, 2]}>
            <Tag color="blue">{f.indicator}</Tag>
            <SourceTag source={f.source} />
            {f.points !== undefined && <Typography.Text type="secondary">{fmt(f.points)} 分</Typography.Text>}
          </Space>
          <div>{f.message}</div>
          <EvidenceLink evidence={f.evidence} />
        </li>
      ))}
    </ol>
  );
}

function delta(a: number | null, b: number | null): string {
  if (a === null || b === null) return '';
  const d = Math.round((b - a) * 100) / 100;
  return d === 0 ? '（持平）' : d > 0 ? `（提高 ${fmt(d)} 分）` : `（下降 ${fmt(-d)} 分）`;
}

export function ComparePanel({ runId, earlier }: { runId: number; earlier: RunRow[] }) {
  const [fromId, setFromId] = useState<number | undefined>(undefined);
  const [result, setResult] = useState<CompareResult | null>(null);
  const loading = useBusy();

  const choose = async (id: number | undefined) => {
    setFromId(id);
    setResult(null);
    if (!id) return;
    await loading.run(async () =>
      setResult(await api.get<CompareResult>(`/api/inspection/compare${queryString({ from: id, to: runId })}`)),
    );
  };

  if (earlier.length === 0) {
    return (
      <Typography.Text type="secondary">
        该网址还没有更早的已完成检查，完成下一次检查后可在此对比整改情况。
      </Typography.Text>
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="compare-with">对比</label>
        <Select
          id="compare-with"
          allowClear
          placeholder="选择更早的一次检查"
          style={{ minWidth: 320 }}
          value={fromId}
          onChange={(v) => void choose(v)}
          options={earlier.map((r) => ({
            value: r.id,
            label: `#${r.id} · ${formatDateTime(r.finished_at)} · 总分 ${fmt(r.total_score)}`,
          }))}
          data-testid="compare-select"
        />
      </Space>
      <Spin spinning={loading.busy}>
        {result && (
          <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="compare-result">
            <Alert
              type="info"
              showIcon
              title={
                <Space wrap size={[8, 4]}>
                  <span>
                    <Link to={`/inspection/runs/${result.from.id}`}>#{result.from.id}</Link>{' '}
                    <VerdictTag verdict={result.from.verdict} /> 总分 {fmt(result.from.totalScore)}
                  </span>
                  <span aria-hidden>→</span>
                  <span className="sr-only">对比</span>
                  <span>
                    本次 #{result.to.id} <VerdictTag verdict={result.to.verdict} /> 总分 {fmt(result.to.totalScore)}
                    {delta(result.from.totalScore, result.to.totalScore)}
                  </span>
                </Space>
              }
            />
            <Tabs
              items={[
                {
                  key: 'new',
                  label: `新发现（${result.new.length}）`,
                  children: <FindingList items={result.new} empty="没有新发现的问题" />,
                },
                {
                  key: 'fixed',
                  label: `已整改（${result.fixed.length}）`,
                  children: <FindingList items={result.fixed} empty="没有已整改的问题" />,
                },
                {
                  key: 'remaining',
                  label: `仍存在（${result.remaining.length}）`,
                  children: <FindingList items={result.remaining} empty="没有仍存在的问题" />,
                },
              ]}
            />
          </Space>
        )}
      </Spin>
    </Space>
  );
}
