// The report's indicators in collapsible panels: 单项否决, 扣分指标 by group (发布解读, 办事服务, 互动交流,
// 功能设计) and 加分指标, each indicator with its status, points, sources and findings with evidence.
import { useState } from 'react';
import { Button, Collapse, Empty, Space, Typography } from 'antd';
import type { CollapseProps } from 'antd';
import { keyed } from '../../keys';
import { DEDUCTION_GROUPS, findingKey, fmt, IndicatorStatusTag, SourceTag } from './common';
import { FindingView } from './Evidence';
import type {
  IndicatorView as CatalogueIndicator,
  ReportIndicator,
} from '../../../../src/modules/inspection/inspection.schema.ts';

/** Problems: vetoes and deductions, and findings on indicators not scored (after a veto). */
export const hasProblem = (i: ReportIndicator): boolean =>
  i.status === '扣分' || i.status === '否决' || (i.kind !== 'bonus' && i.findings.length > 0);

const FIRST_FINDINGS = 10;

function pointsText(i: ReportIndicator): string | null {
  if (i.kind === 'veto') return null;
  if (i.points === null) return i.maxPoints !== null ? `满分 ${fmt(i.maxPoints)} 分` : null;
  const of = i.maxPoints !== null ? `（满分 ${fmt(i.maxPoints)} 分）` : '';
  return `${i.kind === 'bonus' ? '加' : '扣'} ${fmt(i.points)} 分${of}`;
}

function IndicatorBlock({
  indicator,
  catalogue,
}: {
  indicator: ReportIndicator;
  catalogue: Map<string, CatalogueIndicator>;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? indicator.findings : indicator.findings.slice(0, FIRST_FINDINGS);
  const points = pointsText(indicator);
  const explain = indicator.status === '未检测' || indicator.status === '不检查' || indicator.status === '未评分';
  return (
    <section className="insp-indicator" aria-label={indicator.name} data-testid={`indicator-${indicator.id}`}>
      <div className="insp-indicator-head">
        <h3 className="insp-indicator-name">{indicator.name}</h3>
        <IndicatorStatusTag status={indicator.status} />
        {points && <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>{points}</Typography.Text>}
        {indicator.kind === 'bonus' && indicator.group && (
          <Typography.Text type="secondary">{indicator.group}</Typography.Text>
        )}
        {indicator.sources.length > 0 && (
          <span>
            <Typography.Text type="secondary">来源：</Typography.Text>
            {indicator.sources.map((s) => (
              <SourceTag key={s} source={s} />
            ))}
          </span>
        )}
      </div>
      {explain && indicator.reason && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {indicator.status === '未检测' ? '未检测原因：' : ''}
          {indicator.reason}
        </Typography.Paragraph>
      )}
      {indicator.findings.length > 0 && (
        <ol className="insp-findings" aria-label={`${indicator.name}的发现（${indicator.findings.length} 条）`}>
          {keyed(shown, findingKey).map(({ key, item: f }) => (
            <li key={key}>
              <FindingView finding={f} indicator={catalogue.get(indicator.id)} kind={indicator.kind} />
            </li>
          ))}
        </ol>
      )}
      {indicator.findings.length > FIRST_FINDINGS && (
        <Button type="link" onClick={() => setAll(!all)} style={{ paddingInline: 0 }}>
          {all ? '收起' : `显示全部 ${indicator.findings.length} 条发现`}
        </Button>
      )}
    </section>
  );
}

interface Section {
  key: string;
  title: string;
  indicators: ReportIndicator[];
}

function sectionsOf(indicators: ReportIndicator[]): Section[] {
  const known = DEDUCTION_GROUPS.map((g) => g.name as string);
  const deductionGroups = [
    ...known,
    ...new Set(
      indicators.filter((i) => i.kind === 'deduction' && !known.includes(i.group ?? '')).map((i) => i.group ?? '其他'),
    ),
  ];
  return [
    { key: 'veto', title: '单项否决', indicators: indicators.filter((i) => i.kind === 'veto') },
    ...deductionGroups.map((g) => {
      const max = DEDUCTION_GROUPS.find((d) => d.name === g)?.points;
      return {
        key: `deduction:${g}`,
        title: `扣分指标 · ${g}${max ? `（${max} 分）` : ''}`,
        indicators: indicators.filter((i) => i.kind === 'deduction' && (i.group ?? '其他') === g),
      };
    }),
    { key: 'bonus', title: '加分指标', indicators: indicators.filter((i) => i.kind === 'bonus') },
  ].filter((s) => s.indicators.length > 0);
}

function summary(s: Section): string {
  const count = (status: string) => s.indicators.filter((i) => i.status === status).length;
  const parts: string[] = [];
  if (s.key === 'veto') {
    if (count('否决')) parts.push(`否决 ${count('否决')} 项`);
    parts.push(`通过 ${count('通过')} 项`);
  } else if (s.indicators.some((i) => i.points !== null)) {
    // Not after a veto, when nothing is scored.
    const sum = s.indicators.reduce((n, i) => n + (i.points ?? 0), 0);
    parts.push(s.key === 'bonus' ? `加 ${fmt(sum)} 分` : `扣 ${fmt(sum)} 分`);
    if (count('扣分')) parts.push(`${count('扣分')} 项扣分`);
  }
  if (count('未检测')) parts.push(`未检测 ${count('未检测')} 项`);
  if (count('不检查')) parts.push(`不检查 ${count('不检查')} 项`);
  if (count('未评分')) parts.push(`未评分 ${count('未评分')} 项`);
  return parts.join(' · ');
}

export function IndicatorSections({
  indicators,
  catalogue,
  onlyProblems,
}: {
  indicators: ReportIndicator[];
  catalogue: Map<string, CatalogueIndicator>;
  onlyProblems: boolean;
}) {
  const sections = sectionsOf(indicators);
  const [open, setOpen] = useState<string[]>(() =>
    sections.filter((s) => s.indicators.some(hasProblem)).map((s) => s.key),
  );

  const items: CollapseProps['items'] = sections.map((s) => {
    const list = onlyProblems ? s.indicators.filter(hasProblem) : s.indicators;
    return {
      key: s.key,
      label: (
        <Space wrap size={[12, 0]}>
          <Typography.Text strong>{s.title}</Typography.Text>
          <Typography.Text type="secondary">{summary(s)}</Typography.Text>
        </Space>
      ),
      children:
        list.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={onlyProblems ? '本组没有发现问题' : '本组没有指标'}
          />
        ) : (
          list.map((i) => <IndicatorBlock key={i.id} indicator={i} catalogue={catalogue} />)
        ),
    };
  });

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space>
        <Button size="small" onClick={() => setOpen(sections.map((s) => s.key))}>
          全部展开
        </Button>
        <Button size="small" onClick={() => setOpen([])}>
          全部收起
        </Button>
      </Space>
      <Collapse
        items={items}
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
        data-testid="indicator-sections"
      />
    </Space>
  );
}
