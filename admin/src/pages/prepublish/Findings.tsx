// The pre-publish check findings: field, excerpt with the match highlighted, message and suggestion; and, on
// the review page, a checkbox for block findings a reviewer may confirm (personal data, leader posts).
import { Checkbox, Empty, List, Space, Tag, Typography } from 'antd';
import type { Finding } from '../../../../src/modules/prepublish/prepublish.schema.ts';
import { CHECK_NAMES, fieldName, PERSONAL_CHECKS } from './labels';

const EXCERPT_RADIUS = 15;

/** Where the match sits in the excerpt (personal data is masked there, so '*' matches any character). */
function locate(f: Finding): [number, number] | null {
  if (!f.length) return null;
  const { excerpt, length } = f;
  const fits = (at: number) => {
    if (at < 0 || at + length > excerpt.length) return false;
    const part = excerpt.slice(at, at + length);
    if (part === f.match) return true;
    if (part.length !== f.match.length) return false;
    for (let i = 0; i < part.length; i++) if (part[i] !== f.match[i] && part[i] !== '*') return false;
    return true;
  };
  const lead = excerpt.startsWith('…') ? 1 : 0;
  const guess = lead + (lead ? Math.min(f.offset, EXCERPT_RADIUS) : f.offset);
  for (const at of [guess, guess - 1, guess + 1]) if (fits(at)) return [at, at + length];
  const found = excerpt.indexOf(f.match);
  return found >= 0 ? [found, found + f.match.length] : null;
}

export function Excerpt({ finding }: { finding: Finding }) {
  const at = locate(finding);
  if (!at) return <span className="finding-excerpt">{finding.excerpt}</span>;
  return (
    <span className="finding-excerpt">
      {finding.excerpt.slice(0, at[0])}
      <mark>{finding.excerpt.slice(at[0], at[1])}</mark>
      {finding.excerpt.slice(at[1])}
    </span>
  );
}

export interface FindingsListProps {
  findings: Finding[];
  /** Keys the reviewer ticked (only with onConfirmChange). */
  confirmed?: string[];
  onConfirmChange?: (keys: string[]) => void;
  /** Keys already confirmed at an earlier step. */
  previouslyConfirmed?: string[];
  empty?: string;
}

export function FindingsList({
  findings,
  confirmed = [],
  onConfirmChange,
  previouslyConfirmed = [],
  empty,
}: FindingsListProps) {
  if (!findings.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? '发布前检查未发现问题'} />;
  return (
    <List
      size="small"
      className="findings"
      data-testid="findings"
      dataSource={findings}
      renderItem={(f, index) => {
        const done = f.confirmed || previouslyConfirmed.includes(f.key);
        const personal = PERSONAL_CHECKS.includes(f.check);
        return (
          <List.Item key={`${f.key}-${index}`}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={4}>
                {f.severity === 'block' ? <Tag color="error">须处理</Tag> : <Tag color="warning">提示</Tag>}
                <Tag>{CHECK_NAMES[f.check] ?? f.check}</Tag>
                <Typography.Text type="secondary">
                  位置：{fieldName(f.field)}
                  {f.where ? `，${f.where}` : ''}
                </Typography.Text>
                {done && <Tag color="success">已确认</Tag>}
              </Space>
              {f.excerpt && (
                <Typography.Text>
                  <Excerpt finding={f} />
                </Typography.Text>
              )}
              <Typography.Text>{f.message}</Typography.Text>
              {f.suggestion && (
                <Typography.Text type="success">
                  建议改为：<Typography.Text strong>{f.suggestion}</Typography.Text>
                </Typography.Text>
              )}
              {!f.length && f.match && f.check !== 'error-prone' && (
                <Typography.Text type="secondary" code style={{ wordBreak: 'break-all' }}>
                  {f.match}
                </Typography.Text>
              )}
              {onConfirmChange && f.confirmable && !done && (
                <Checkbox
                  checked={confirmed.includes(f.key)}
                  onChange={(e) =>
                    onConfirmChange(
                      e.target.checked ? [...new Set([...confirmed, f.key])] : confirmed.filter((k) => k !== f.key),
                    )
                  }
                  data-testid="confirm-finding"
                >
                  {personal ? '已核实：此个人信息确需公开' : '已核实：内容无误，确需按此发布'}
                </Checkbox>
              )}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

/** A one-line count of findings: “须处理 2 项，提示 1 项”. */
export function findingsSummary(findings: Finding[]): string {
  const block = findings.filter((f) => f.severity === 'block').length;
  const warn = findings.length - block;
  if (!findings.length) return '未发现问题';
  return [block ? `须处理 ${block} 项` : '', warn ? `提示 ${warn} 项` : ''].filter(Boolean).join('，');
}
