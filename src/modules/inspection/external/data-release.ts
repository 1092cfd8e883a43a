// 数据发布 from outside, as a crawler sees it: a column classified as 数据发布 (ColumnType, else its name) and
// its newest date; charts as SVG files or 图解 pages within 6 months; data files (CSV, XLS/XLSX, JSON) or a data
// interface linked from the data pages.
import type { Finding, IndicatorResult } from '../scoring.ts';
import type { HtmlPage } from '../crawler/site.ts';
import { type CheckContext, finding, measured, pageEvidence, untested } from './context.ts';
import { siteColumns, uncrawledColumnLinks } from './columns.ts';
import { UNTESTED_REASONS } from './untested.ts';

const ID = 'bonus.data-release';
const CHART_FILE = /\.svg(\?|$)/i;
const DATA_FILE = /\.(csv|xlsx?|json)(\?|$)|\/api\/open\//i;

export function checkDataRelease(ctx: CheckContext): IndicatorResult {
  if (!ctx.home) return untested(ID, '首页无法访问');
  const columns = siteColumns(ctx).filter((c) => c.category === '数据发布');
  if (columns.length === 0) {
    const uncrawled = uncrawledColumnLinks(ctx, '数据发布');
    if (uncrawled.length) return untested(ID, `发现数据发布类栏目链接但未抓取：${uncrawled[0]}`);
    // A site may publish data elsewhere (an open-data portal): without a data column seen, the records decide.
    return untested(ID, UNTESTED_REASONS[ID]!);
  }
  const findings: Finding[] = [];
  const fresh = columns
    .filter((c) => c.latest && ctx.isWithin(c.latest, 183))
    .sort((a, b) => (b.latest ?? '').localeCompare(a.latest ?? ''))[0];
  if (fresh)
    findings.push(
      finding(
        ID,
        1,
        `数据发布类栏目“${fresh.name}”最近于 ${fresh.latest} 更新`,
        pageEvidence(fresh.page, '监测时间点前3个月内有更新', fresh.latest!),
        {
          points: ctx.isWithin(fresh.latest, 92) ? 2 : 1,
        },
      ),
    );
  // The data pages: the columns and the pages they link to that were crawled.
  const prefixes = columns.map((c) => c.url);
  const dataPages = ctx.htmlPages.filter((p) => prefixes.some((u) => p.fetch.finalUrl.startsWith(u)));
  const recent = (p: HtmlPage) => ctx.isWithin(p.facts.pubDate ?? p.facts.dates[0] ?? null, 183);
  const charted = dataPages.find(
    (p) => recent(p) && [...p.facts.links, ...p.facts.images].some((l) => CHART_FILE.test(l.url)),
  );
  const graphic = ctx.htmlPages.find((p) => recent(p) && /图解/.test(p.facts.meta.ArticleTitle ?? p.facts.title));
  const visual = charted ?? graphic;
  if (visual)
    findings.push(
      finding(
        ID,
        2,
        charted ? '数据页面提供图表（SVG）' : `以图解形式解读：${visual.facts.title}`,
        pageEvidence(visual, '6个月内以图表图解展现和解读数据', charted ? '图表' : '图解'),
      ),
    );
  const withFiles = dataPages.find((p) => p.facts.links.some((l) => DATA_FILE.test(l.url)));
  if (withFiles && fresh) {
    const files = withFiles.facts.links.filter((l) => DATA_FILE.test(l.url)).length;
    findings.push(
      finding(
        ID,
        3,
        `数据页面提供${files}个数据下载或接口链接`,
        pageEvidence(withFiles, '提供下载功能或可用数据接口', `${files}个链接`),
      ),
    );
  }
  return measured(ID, findings);
}
