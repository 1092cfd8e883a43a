// 可用性: broken links and images (打不开或错误) — 0.2 per distinct URL on the home page (or, for a
// navigation-only home page, its second-level pages), 0.1 per further distinct URL on the sampled pages.
import type { IndicatorResult } from '../scoring.ts';
import type { LinkCheck } from '../crawler/types.ts';
import { type CheckContext, finding, measured, untested } from './context.ts';

const ID = 'deduct.availability';

export function checkUsability(ctx: CheckContext): IndicatorResult {
  const report = ctx.options.links;
  if (!report) return untested(ID, '未检查链接（需先对抓取结果运行 checkLinks）');
  if (report.pages.length === 0) return untested(ID, '首页无法访问，未能检查链接');
  const broken = report.results.filter((r) => !r.ok);
  const homeBroken = distinctByUrl(broken.filter((r) => r.homeLevel));
  const homeUrls = new Set(homeBroken.map((r) => r.url));
  const otherBroken = distinctByUrl(broken.filter((r) => !r.homeLevel && !homeUrls.has(r.url)));
  const pageHashes = new Map(ctx.snapshot.pages.map((p) => [p.fetch.finalUrl, p.fetch.sha256]));
  const toFinding = (check: LinkCheck, subRule: 1 | 2) =>
    finding(
      ID,
      subRule,
      `${subRule === 1 ? '首页' : '其他页面'}${check.kind === 'image' ? '图片' : '链接'}打不开：${check.url}`,
      {
        url: check.pageUrl,
        expected: `${check.kind === 'image' ? '图片' : '链接'}可以打开（HTTP 状态码小于400）`,
        observed: check.error ? check.error.message : `HTTP ${check.status}`,
        at: check.at,
        sha256: pageHashes.get(check.pageUrl) ?? null,
        link: check.url,
        text: check.text,
      },
    );
  return measured(ID, [...homeBroken.map((c) => toFinding(c, 1)), ...otherBroken.map((c) => toFinding(c, 2))]);
}

/** A broken URL counts once (一处), however many pages repeat it. */
function distinctByUrl(checks: readonly LinkCheck[]): LinkCheck[] {
  const byUrl = new Map<string, LinkCheck>();
  for (const check of checks) if (!byUrl.has(check.url)) byUrl.set(check.url, check);
  return [...byUrl.values()];
}
