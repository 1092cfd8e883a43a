// Updates: 首页不更新 and 栏目不更新 (vetoes), 动态要闻 / 政策文件 / 政策解读 and 其他栏目 (deductions).
// A column's update is the newest date it lists; an item without a date does not count (附件2's note:
// 稿件发布页未注明发布时间的视为不更新).
import type { Finding, IndicatorResult } from '../scoring.ts';
import { newest } from '../crawler/dates.ts';
import { isNavigationOnlyHome, secondLevelPages } from '../crawler/site.ts';
import { type CheckContext, finding, measured, pageEvidence, untested } from './context.ts';
import { type ColumnCategory, type ColumnInfo, describeColumns, siteColumns, uncrawledColumnLinks } from './columns.ts';

/** 监测2周. */
export const NEWS_DAYS = 14;
/** 监测时间点前6个月 (the column table of 附件1 uses 183 days). */
export const HALF_YEAR_DAYS = 183;
/** 栏目不更新: 5 or more columns not updated, or 5 or more blank columns, veto the site. */
const VETO_COLUMN_COUNT = 5;

const NO_HOME = '首页无法访问或不是HTML页面，无法检测';

/** Days a column of this category may go without an update (null: no fixed cycle known from outside). */
export function updateCycle(category: ColumnCategory): number | null {
  if (category === '动态要闻') return NEWS_DAYS;
  if (category === '通知公告' || category === '政策文件' || category === '政策解读') return HALF_YEAR_DAYS;
  return null;
}

/** The columns 栏目不更新 rule 1 counts: 动态、要闻 (2 weeks), 通知公告、政策文件 (6 months). */
const VETO_CATEGORIES: ReadonlySet<ColumnCategory> = new Set(['动态要闻', '通知公告', '政策文件']);

function isStale(ctx: CheckContext, column: ColumnInfo): boolean {
  const cycle = updateCycle(column.category);
  return VETO_CATEGORIES.has(column.category) && cycle !== null && !ctx.isWithin(column.latest, cycle);
}

const describeDate = (ctx: CheckContext, date: string | null): string =>
  date === null ? '未发现标注发布日期的信息' : `最新信息日期为 ${date}（距监测时间点 ${ctx.ageInDays(date)} 天）`;

// ───────────────────────────── 首页不更新 ─────────────────────────────

export function checkHomepageUpdates(ctx: CheckContext): IndicatorResult {
  const id = 'veto.homepage-not-updated';
  const home = ctx.home;
  if (!home) return untested(id, NO_HOME);
  const expected = `首页有监测时间点前${NEWS_DAYS}天内发布的信息`;
  if (!isNavigationOnlyHome(home.facts)) {
    const latest = newestPast(ctx, ctx.datesOn(home));
    if (ctx.isWithin(latest, NEWS_DAYS)) return measured(id, []);
    return measured(id, [
      finding(id, 1, `首页${NEWS_DAYS}天内无信息更新`, pageEvidence(home, expected, describeDate(ctx, latest))),
    ]);
  }
  // 如首页仅为网站栏目导航入口，所有二级页面无信息更新的，即单项否决
  const pages = secondLevelPages(ctx.snapshot);
  if (pages.length === 0) return untested(id, '首页仅为栏目导航入口，且未能抓取任何二级页面');
  const latest = newestPast(
    ctx,
    pages.flatMap((p) => ctx.datesOn(p)),
  );
  if (ctx.isWithin(latest, NEWS_DAYS)) return measured(id, []);
  const evidence = pageEvidence(home, `二级页面有监测时间点前${NEWS_DAYS}天内发布的信息`, describeDate(ctx, latest), {
    secondLevelPages: pages.map((p) => p.fetch.finalUrl),
  });
  return measured(id, [finding(id, 2, `首页仅为栏目导航入口，所有二级页面${NEWS_DAYS}天内无信息更新`, evidence)]);
}

/** The newest date that is not in the future (a future date proves nothing about updates). */
function newestPast(ctx: CheckContext, dates: readonly string[]): string | null {
  return newest(dates.filter((d) => ctx.ageInDays(d) >= -1));
}

// ───────────────────────────── 栏目不更新 ─────────────────────────────

export function checkColumnUpdates(ctx: CheckContext): IndicatorResult {
  const id = 'veto.columns-not-updated';
  if (!ctx.home) return untested(id, NO_HOME);
  const columns = siteColumns(ctx);
  if (columns.length === 0) return untested(id, '未发现栏目页面（无 ColumnName 标签、无日期列表），无法检测');
  const findings: Finding[] = [];
  const stale = columns.filter((c) => isStale(ctx, c));
  if (stale.length >= VETO_COLUMN_COUNT) {
    const evidence = columnEvidence(
      ctx,
      '动态、要闻类栏目2周内、通知公告和政策文件类栏目6个月内有更新（未更新的少于5个）',
      `${stale.length}个栏目未按期更新`,
      stale,
    );
    findings.push(finding(id, 1, `${stale.length}个动态要闻、通知公告、政策文件类栏目未按期更新`, evidence));
  }
  const blank = columns.filter((c) => c.blank);
  if (blank.length >= VETO_COLUMN_COUNT) {
    const evidence = columnEvidence(ctx, '空白栏目少于5个', `${blank.length}个空白栏目`, blank);
    findings.push(finding(id, 3, `${blank.length}个空白栏目`, evidence));
  }
  return measured(id, findings);
}

function columnEvidence(ctx: CheckContext, expected: string, observed: string, columns: readonly ColumnInfo[]) {
  return {
    url: ctx.snapshot.homeUrl,
    expected,
    observed,
    at: ctx.snapshot.startedAt,
    columns: columns.map((c) => ({
      ...describeColumns([c])[0],
      sha256: c.page.fetch.sha256,
      at: c.page.fetch.startedAt,
    })),
  };
}

// ───────────────────────── 动态要闻 / 政策文件 / 政策解读 ─────────────────────────

const COLUMN_INDICATORS: readonly { id: string; category: ColumnCategory }[] = [
  { id: 'deduct.news', category: '动态要闻' },
  { id: 'deduct.policy-documents', category: '政策文件' },
  { id: 'deduct.policy-interpretations', category: '政策解读' },
];

export function checkColumnCategories(ctx: CheckContext): IndicatorResult[] {
  const columns = ctx.home ? siteColumns(ctx) : [];
  return COLUMN_INDICATORS.map(({ id, category }) => checkCategory(ctx, id, category, columns));
}

function checkCategory(
  ctx: CheckContext,
  id: string,
  category: ColumnCategory,
  all: readonly ColumnInfo[],
): IndicatorResult {
  if (!ctx.home) return untested(id, NO_HOME);
  const columns = all.filter((c) => c.category === category);
  const cycle = updateCycle(category) as number;
  const period = cycle === NEWS_DAYS ? '2周' : '6个月';
  if (columns.length === 0) {
    const uncrawled = uncrawledColumnLinks(ctx, category);
    if (uncrawled.length > 0)
      return untested(id, `发现${category}类栏目链接但未抓取（页面数量或时间上限）：${uncrawled[0]}`);
    const evidence = {
      url: ctx.snapshot.homeUrl,
      expected: `开设${category}类栏目`,
      observed: `抓取的${ctx.snapshot.pages.length}个页面中未发现${category}类栏目`,
      at: ctx.snapshot.startedAt,
      sha256: ctx.home.fetch.sha256,
    };
    return measured(id, [finding(id, 1, `未开设${category}类栏目`, evidence)]);
  }
  const stale = columns.filter((c) => !ctx.isWithin(c.latest, cycle));
  if (stale.length === 0) return measured(id, []);
  const first = stale[0];
  const evidence = pageEvidence(
    first.page,
    `${category}类栏目监测时间点前${period}内有更新`,
    describeDate(ctx, first.latest),
    {
      columns: describeColumns(stale),
    },
  );
  const names = stale.map((c) => `“${c.name}”`).join('、');
  return measured(id, [finding(id, 2, `${category}类栏目${names}监测时间点前${period}内未更新`, evidence)]);
}

// ───────────────────────────── 其他栏目 ─────────────────────────────

/** Categories with their own update indicator: their gaps are not deducted again under 其他栏目. */
const OWN_INDICATOR: ReadonlySet<ColumnCategory> = new Set(['动态要闻', '政策文件', '政策解读']);

export function checkOtherColumns(ctx: CheckContext): IndicatorResult {
  const id = 'deduct.other-columns';
  if (!ctx.home) return untested(id, NO_HOME);
  const columns = siteColumns(ctx).filter((c) => !OWN_INDICATOR.has(c.category));
  if (columns.length === 0) return untested(id, '未发现其他栏目页面，无法检测');
  // 应更新未更新 (rule 2) needs each column's update cycle, which only the site's own records hold
  const findings = columns
    .filter((c) => c.blank)
    .map((c) =>
      finding(id, 1, `栏目“${c.name}”为空白栏目`, pageEvidence(c.page, '栏目有内容', '栏目页面无任何信息条目')),
    );
  return measured(id, findings);
}
