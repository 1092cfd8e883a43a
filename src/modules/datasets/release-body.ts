// The body of a data set's content item for one release: what the reviewers read in the 附件3 review and what
// search indexes. The public data set page is drawn from the release itself, not from this text.
import { escapeHtml } from '../../platform/charts.ts';
import { CHART_KINDS } from '../../platform/charts.ts';
import { COLUMN_TYPES } from './column-types.ts';
import type { ReleaseSnapshot } from './datasets.public.ts';

export function releaseBody(s: ReleaseSnapshot): string {
  const m = s.metadata;
  const rows: [string, string][] = [
    ['资源代码', m.identifier],
    ['数据领域', m.theme],
    ['数据提供部门', m.departmentName],
    ['更新周期', m.updateFrequency],
    ['数据时间范围', [m.coverageFrom, m.coverageTo].filter(Boolean).join(' 至 ') || '—'],
    ['共享属性', m.shareCondition ? `${m.shareType}（${m.shareCondition}）` : m.shareType],
    ['开放属性', m.openCondition ? `${m.openType}（${m.openCondition}）` : m.openType],
    ['开放许可', m.licence],
    ['联系方式', m.contact],
  ];
  const latest = s.versions.at(-1)!;
  const parts = [
    ...m.description.split(/\n+/).map((p) => `<p>${escapeHtml(p)}</p>`),
    '<h2>数据集信息</h2>',
    `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`,
    '<h2>数据版本</h2>',
    `<ul>${s.versions.map((v) => `<li>${escapeHtml(v.label)}：${v.rowCount} 行${v.releasedAt ? '（已发布）' : '（本次发布）'}</li>`).join('')}</ul>`,
    '<h2>数据项</h2>',
    `<ul>${latest.columns
      .map(
        (c) =>
          `<li>${escapeHtml(c.name)}（${COLUMN_TYPES[c.type]}${c.unit ? `，单位：${escapeHtml(c.unit)}` : ''}）${c.description ? `：${escapeHtml(c.description)}` : ''}</li>`,
      )
      .join('')}</ul>`,
  ];
  if (s.charts.length)
    parts.push(
      '<h2>图表</h2>',
      `<ul>${s.charts.map((c) => `<li>${CHART_KINDS[c.kind]}：${escapeHtml(c.title)}</li>`).join('')}</ul>`,
    );
  return parts.join('');
}
