// 页面标签: 5 random content pages must carry the site tags and the content tags, 5 random column pages the site
// tags and the column tags (regs §1.1); 0.1 per page missing any of them. Sampling is seeded.
// The home page is neither: it carries the site tags only, and 附件2 samples content and column pages, so it is
// never in either sample — also when a link (长者模式, 首页) leads back to it and it lists dated items.
import type { Finding, IndicatorResult } from '../scoring.ts';
import { sample } from '../crawler/random.ts';
import type { HtmlPage } from '../crawler/site.ts';
import { type CheckContext, finding, measured, pageEvidence, untested } from './context.ts';

const ID = 'deduct.page-tags';
const SAMPLE_SIZE = 5;
export const SITE_TAGS = ['SiteName', 'SiteDomain', 'SiteIDCode'] as const;
export const CONTENT_TAGS = ['ArticleTitle', 'PubDate', 'ContentSource'] as const;
export const COLUMN_TAGS = ['ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType'] as const;

export function checkPageTags(ctx: CheckContext): IndicatorResult {
  const pages = ctx.htmlPages.filter((p) => !ctx.isHome(p));
  const contentPages = pages.filter((p) => p.facts.kind === 'content');
  const columnPages = pages.filter((p) => p.facts.kind === 'column');
  if (contentPages.length === 0 && columnPages.length === 0) return untested(ID, '未发现内容页面或栏目页面，无法检测');
  const random = ctx.randomFor(ID);
  const byUrl = (p: HtmlPage) => p.fetch.url;
  const findings: Finding[] = [
    ...sample(contentPages, SAMPLE_SIZE, random, byUrl).flatMap((p) => checkTags(p, 1, '内容', CONTENT_TAGS)),
    ...sample(columnPages, SAMPLE_SIZE, random, byUrl).flatMap((p) => checkTags(p, 2, '栏目', COLUMN_TAGS)),
  ];
  return measured(ID, findings);
}

function checkTags(page: HtmlPage, subRule: 1 | 2, kind: string, ownTags: readonly string[]): Finding[] {
  const required = [...SITE_TAGS, ...ownTags];
  const missing = required.filter((name) => !page.facts.meta[name]);
  if (missing.length === 0) return [];
  const evidence = pageEvidence(page, `<meta name> 标签齐全：${required.join('、')}`, `缺少：${missing.join('、')}`, {
    missing,
  });
  return [finding(ID, subRule, `${kind}页面缺少站点或${kind}标签：${missing.join('、')}`, evidence)];
}
