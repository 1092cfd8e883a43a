// 域名名称: the domain must end in .gov.cn or .政务 (rule 1) and the site name must show in the header area of
// every page (rule 3). Rule 2 (named after the region or department) needs a person. HTTPS is not in the 2019
// table; whether the home page uses it is noted in the evidence.
import { domainToUnicode } from 'node:url';
import type { Finding, IndicatorResult } from '../scoring.ts';
import { compact } from '../crawler/extract.ts';
import { bareHost, isLoopbackHost } from '../crawler/urls.ts';
import type { HtmlPage } from '../crawler/site.ts';
import { type CheckContext, finding, measured, pageEvidence, untested } from './context.ts';

const ID = 'deduct.domain-name';
const GOV_SUFFIXES = ['.gov.cn', '.政务'];

export function checkDomainName(ctx: CheckContext): IndicatorResult {
  const home = ctx.home;
  if (!home) return untested(ID, '首页无法访问或不是HTML页面，无法检测');
  const host = ctx.options.publicHost ? hostOnly(ctx.options.publicHost) : bareHost(new URL(ctx.snapshot.homeUrl));
  if (!ctx.options.publicHost && isLoopbackHost(host)) {
    return untested(ID, `本地地址（${host}）无法判断域名是否规范；请以 publicHost 指明网站的正式域名后再检测`);
  }
  const https = ctx.snapshot.homeUrl.startsWith('https:');
  const findings: Finding[] = [];
  const unicodeHost = domainToUnicode(host) || host;
  if (!GOV_SUFFIXES.some((suffix) => unicodeHost.endsWith(suffix))) {
    const evidence = pageEvidence(home, '域名以 .gov.cn 或 .政务 结尾', unicodeHost, { https });
    findings.push(finding(ID, 1, `域名 ${unicodeHost} 不符合规范`, evidence));
  }
  const name = checkNameInHeaders(ctx, home, https);
  if (name.finding) findings.push(name.finding);
  // a name that may be drawn in an unlabelled logo image cannot be judged: never a deduction on a guess
  if (findings.length === 0 && name.undecided) return untested(ID, name.undecided);
  return measured(ID, findings);
}

/** "www.example.gov.cn:8443" or "https://www.example.gov.cn/" → "www.example.gov.cn". */
function hostOnly(publicHost: string): string {
  try {
    return bareHost(new URL(publicHost.includes('://') ? publicHost : `http://${publicHost}`));
  } catch {
    return publicHost.trim().toLowerCase();
  }
}

/** The site name is the SiteName tag of the home page, else its title's longest part ("首页 - XX市人民政府"). */
export function siteNameOf(home: HtmlPage): string {
  if (home.facts.meta.SiteName) return home.facts.meta.SiteName;
  const parts = home.facts.title.split(/[-|_—–·]/).map((p) => p.trim());
  return parts.reduce((longest, part) => (part.length > longest.length ? part : longest), '');
}

interface NameCheck {
  finding: Finding | null;
  /** Why some pages could not be judged (the name may be in an image without alt or title). */
  undecided: string | null;
}

/** Rule 3: the site name in the header area — as text, a logo image's alt, or a title attribute. */
function checkNameInHeaders(ctx: CheckContext, home: HtmlPage, https: boolean): NameCheck {
  const name = siteNameOf(home);
  if (!name) {
    const evidence = pageEvidence(
      home,
      '页面头部区域显著展示网站名称',
      '首页既无 SiteName 标签也无标题，无法确定网站名称',
      { https },
    );
    return { finding: finding(ID, 3, '无法确定网站名称', evidence), undecided: null };
  }
  const wanted = compact(name);
  const without = ctx.htmlPages.filter((page) => !compact(page.facts.headerText).includes(wanted));
  const missing = without.filter((page) => page.facts.headerUnlabelledImages === 0);
  const undecided =
    without.length > missing.length
      ? `${without.length - missing.length}个页面头部区域只有无替代文字的图片（网站名称可能以标志图片展示），无法判断是否展示网站名称“${name}”，需人工核查`
      : null;
  if (missing.length === 0) return { finding: null, undecided };
  const first = missing[0];
  const evidence = pageEvidence(
    first,
    `页面头部区域展示网站名称“${name}”`,
    `头部区域文字：${first.facts.headerText.slice(0, 120) || '（空）'}`,
    {
      pages: missing.map((p) => p.fetch.finalUrl),
      https,
    },
  );
  return { finding: finding(ID, 3, `${missing.length}个页面头部区域未展示网站名称“${name}”`, evidence), undecided };
}
