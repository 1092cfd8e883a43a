// The footer identity block: 网站标识 (six items, 0.5 each, on the home page's footer area) and the
// “我为政府网站找错” entry (part 'entry': 1 point on the home page, 0.2 per other page without it).
import type { Finding, IndicatorResult } from '../scoring.ts';
import { SITE_IDENTITY_ITEMS } from '../indicators.ts';
import type { AreaFacts } from '../crawler/types.ts';
import type { HtmlPage } from '../crawler/site.ts';
import { type CheckContext, finding, measured, pageEvidence, untested } from './context.ts';

type IdentityItem = (typeof SITE_IDENTITY_ITEMS)[number];

const has = (pattern: RegExp, values: readonly string[]) => values.some((v) => pattern.test(v));

/** How each item shows in a footer: text, badge scripts and images, filing links. */
/** The 党政机关网站标识 badge: the conac.cn script or its span, a link to the badge's page, or its image. */
const CONAC_ADDRESS = /conac\.cn|scopsr\.gov\.cn|\/dzjg[^/]*\.(png|gif|jpg)/i;

const IDENTITY_DETECTORS: Record<IdentityItem, (area: AreaFacts) => boolean> = {
  党政机关网站标识: (a) =>
    a.ids.includes('_ideConac') ||
    has(CONAC_ADDRESS, [
      ...a.scripts.map((s) => s.src ?? ''),
      ...a.links.map((l) => l.url),
      ...a.images.map((i) => i.url),
    ]) ||
    has(/党政机关/, [a.text, ...a.images.map((i) => i.alt), ...a.links.map((l) => l.text)]),
  网站标识码: (a) => /网站标识码\s*[:：]?\s*(bm\d{8}|\d{10})/i.test(a.text),
  ICP备案编号: (a) => /ICP\s*(备|证)\s*\d+/i.test(a.text),
  公安机关备案标识: (a) =>
    /公网安备\s*\d+/.test(a.text) ||
    has(
      /beian\.(mps\.)?gov\.cn/i,
      a.links.map((l) => l.url),
    ),
  网站主办单位: (a) => /主办/.test(a.text),
  联系方式: (a) => /联系(电话|方式|我们)|电话\s*[:：]|邮箱|E-?mail|传真/i.test(a.text),
};

const FOOTER_EXCERPT_CHARS = 300;

export function checkSiteIdentity(ctx: CheckContext): IndicatorResult {
  const id = 'deduct.site-identity';
  const home = ctx.home;
  if (!home) return untested(id, '首页无法访问或不是HTML页面，无法检测');
  const footer = home.facts.footer;
  if (!footer.text && footer.links.length === 0 && footer.images.length === 0 && footer.scripts.length === 0)
    return untested(id, '首页未找到可见的底部功能区（页面可能由脚本生成），无法判断网站标识，需人工核查');
  const findings = SITE_IDENTITY_ITEMS.filter((item) => !IDENTITY_DETECTORS[item](footer)).map((item) =>
    finding(
      id,
      1,
      `首页底部功能区未列明${item}`,
      pageEvidence(home, `底部功能区列明${item}`, `底部功能区未发现${item}`, {
        footerText: footer.text.slice(0, FOOTER_EXCERPT_CHARS),
      }),
    ),
  );
  return measured(id, findings);
}

export function checkJiucuoEntry(ctx: CheckContext): IndicatorResult {
  const id = 'deduct.report-errors';
  const home = ctx.home;
  if (!home) return untested(id, '首页无法访问或不是HTML页面，无法检测');
  const findings: Finding[] = [];
  if (!home.facts.jiucuo?.inFooter) findings.push(missingEntry(id, home, 1));
  for (const page of ctx.htmlPages) {
    if (page !== home && !page.facts.jiucuo?.inFooter) findings.push(missingEntry(id, page, 2));
  }
  // The handling of 找错 messages (3 points) happens on the national platform: not visible from outside.
  return {
    indicatorId: id,
    status: 'measured',
    findings,
    untestedParts: [
      { part: 'handling', reason: '找错留言的办理情况在全国政府网站找错平台，外部抓取无法检测，需人工核查' },
    ],
  };
}

function missingEntry(id: string, page: HtmlPage, subRule: 1 | 2): Finding {
  const where = subRule === 1 ? '首页' : '页面';
  const observed = page.facts.jiucuo ? '“我为政府网站找错”入口不在底部功能区' : '未发现“我为政府网站找错”入口';
  const evidence = pageEvidence(page, '底部功能区有“我为政府网站找错”入口（_jiucuo_ 脚本或链接）', observed);
  return finding(id, subRule, `${where}底部功能区未规范添加“我为政府网站找错”入口`, evidence, { part: 'entry' });
}
