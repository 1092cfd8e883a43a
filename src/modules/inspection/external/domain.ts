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
  const nameFinding = checkNameInHeaders(ctx, home, https);
  if (nameFinding) findings.push(nameFinding);
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

function checkNameInHeaders(ctx: CheckContext, home: HtmlPage, https: boolean): Finding | null {
  const name = siteNameOf(home);
  if (!name) {
    const evidence = pageEvidence(
      home,
      '页面头部区域显著展示网站名称',
      '首页既无 SiteName 标签也无标题，无法确定网站名称',
      { https },
    );
    return finding(ID, 3, '无法确定网站名称', evidence);
  }
  const wanted = compact(name);
  const missing = ctx.htmlPages.filter((page) => !compact(page.facts.headerText).includes(wanted));
  if (missing.length === 0) return null;
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
  return finding(ID, 3, `${missing.length}个页面头部区域未展示网站名称“${name}”`, evidence);
}
