// A realistic InspectionReport for tests and samples, assembled the way engine.ts does (merge → scoreInspection →
// report indicators) without crawling: a municipal department's site inspected from outside, with govportal's
// own data for the services, a few manual findings, untested indicators, a bonus, and hostile text copied from
// the crawled pages.
import type { InspectionReport, ReportFinding, ReportIndicator, Source } from '../engine.ts';
import { GOV_WEBSITE_CATALOGUE, allIndicators } from '../indicators.ts';
import { scoreInspection, type Finding, type IndicatorOutcome, type IndicatorResult } from '../scoring.ts';

const SITE = 'https://zwfw.example.gov.cn';
const AT = '2026-11-27T02:03:12.000Z';
const HASH = (n: number) => n.toString(16).padStart(2, '0').repeat(32);
export const HOSTILE_MESSAGE = '<script>alert(1)</script>';
export const LONG_URL = `${SITE}/col/col1229012345/art/2026/11/20/art_1229012345_59876543.html?from=index&keyword=%E5%8A%9E%E4%BA%8B%E6%8C%87%E5%8D%97&page=3&sessionid=0123456789abcdef0123456789abcdef`;

const ev = (url: string, expected: string, observed: string, n: number, extra: Record<string, unknown> = {}) => ({
  url,
  expected,
  observed,
  at: AT,
  sha256: HASH(n),
  ...extra,
});

type Entry = { source: Source; findings: Finding[] } | { source: Source; untested: string };

function entries(vetoed: boolean): Record<string, Entry> {
  const ext = (findings: Finding[] = []): Entry => ({ source: 'external', findings });
  const int = (findings: Finding[] = []): Entry => ({ source: 'internal', findings });
  const untested = (reason: string): Entry => ({ source: 'external', untested: reason });
  return {
    'veto.security': untested(
      '需人工检查：严重表述错误、泄密、有害内容、安全事故处置、弄虚作假和负面舆情无法由爬虫判定',
    ),
    'veto.site-unreachable': {
      source: 'monitoring',
      findings: vetoed
        ? [
            {
              indicatorId: 'veto.site-unreachable',
              subRule: 1,
              message: '监测7天，网站打不开的次数占比8.6%',
              evidence: {
                url: `${SITE}/`,
                expected: '7天内超过（含）15秒仍打不开的访问占比低于5%',
                observed: '151次访问中13次打不开或超过15秒（8.6%）',
                at: '2026-11-27T00:00:00.000Z',
                from: '2026-11-20T00:00:00.000Z',
                probes: 151,
                failures: 13,
              },
            },
          ]
        : [],
    },
    'veto.homepage-not-updated': int(),
    'veto.columns-not-updated': int(),
    'veto.poor-interaction': int(),
    'veto.impractical-services': int(),
    // 发布解读
    'deduct.overview': int(),
    'deduct.functions': int(),
    'deduct.leaders': int(),
    'deduct.news': int(),
    'deduct.policy-documents': int(),
    'deduct.policy-interpretations': int(),
    'deduct.interpretation-ratio': untested(
      '需判断哪些政策文件“涉及面广、社会关注度高”及其是否被解读，需人工或平台数据库',
    ),
    'deduct.interpretation-links': int(),
    'deduct.other-columns': int(),
    // 办事服务
    'deduct.service-catalogue': int(),
    'deduct.online-application': untested('需注册用户实际操作（注册、登录、办事或咨询），外部抓取无法判定'),
    'deduct.service-statistics': int(),
    'deduct.service-guides': int([
      {
        indicatorId: 'deduct.service-guides',
        subRule: 2,
        message: '“企业投资项目备案”办事指南缺少收费标准',
        evidence: ev(`${SITE}/bszn/qytzxmba.html`, '办事指南列明收费标准', '办事指南无“收费标准”要素', 11),
      },
    ]),
    'deduct.guide-accuracy': int(),
    'deduct.forms': int(),
    // 互动交流
    'deduct.message-submission': int(),
    'deduct.unified-login': int(),
    'deduct.message-disclosure': int(),
    'deduct.consultation-replies': untested('需注册用户实际操作（注册、登录、办事或咨询），外部抓取无法判定'),
    // 功能设计
    'deduct.domain-name': ext(),
    'deduct.site-identity': ext(
      ['网站标识码', '公安机关备案标识'].map((item) => ({
        indicatorId: 'deduct.site-identity',
        subRule: 1,
        message: `首页底部功能区未列明${item}`,
        evidence: ev(`${SITE}/`, `底部功能区列明${item}`, `底部功能区未发现${item}`, 1, {
          footerText: '主办：示例市政务服务管理局 地址：示例市人民路1号 联系电话：0571-12345678 ICP备12345678号',
        }),
      })),
    ),
    'deduct.availability': ext([
      {
        indicatorId: 'deduct.availability',
        subRule: 1,
        message: `首页链接打不开：${LONG_URL}`,
        evidence: ev(`${SITE}/`, '链接可以打开（HTTP 状态码小于400）', 'HTTP 404', 1, {
          link: LONG_URL,
          text: '2026年政府信息公开工作年度报告',
        }),
      },
      {
        indicatorId: 'deduct.availability',
        subRule: 2,
        message: `其他页面图片打不开：${SITE}/images/banner-2025.jpg`,
        evidence: ev(
          `${SITE}/col/col1229012346/index.html`,
          '图片可以打开（HTTP 状态码小于400）',
          '连接超时（15秒）',
          2,
          { link: `${SITE}/images/banner-2025.jpg`, text: '' },
        ),
      },
      {
        indicatorId: 'deduct.availability',
        subRule: 2,
        message: '其他页面链接打不开：http://old.example.gov.cn/zwgk/',
        evidence: ev(
          `${SITE}/col/col1229012347/index.html`,
          '链接可以打开（HTTP 状态码小于400）',
          'getaddrinfo ENOTFOUND old.example.gov.cn',
          3,
          { link: 'http://old.example.gov.cn/zwgk/', text: '旧版网站' },
        ),
      },
    ]),
    'deduct.report-errors': ext(
      [4, 5, 6].map((n) => ({
        indicatorId: 'deduct.report-errors',
        part: 'entry',
        subRule: 2,
        message: '页面底部功能区未规范添加“我为政府网站找错”入口',
        evidence: ev(
          `${SITE}/art/2026/11/${n + 10}/art_1229_${n}.html`,
          '底部功能区有“我为政府网站找错”入口（_jiucuo_ 脚本或链接）',
          '未发现“我为政府网站找错”入口',
          n,
        ),
      })),
    ),
    'deduct.site-search': ext([
      {
        // text copied from a crawled page: must come out escaped
        indicatorId: 'deduct.site-search',
        subRule: 2,
        message: HOSTILE_MESSAGE,
        evidence: ev(
          `${SITE}/search?q=%3Cscript%3E`,
          '搜索结果第一页包含“关于做好2026年冬季供暖工作的通知<b>”',
          '"><img src=x onerror=alert(2)> 结果第一页共10条，未包含该信息',
          7,
          { article: `${SITE}/art/2026/11/02/art_1229_88.html` },
        ),
      },
    ]),
    'deduct.single-sign-on': untested('需注册用户实际操作（注册、登录、办事或咨询），外部抓取无法判定'),
    'deduct.page-tags': ext([
      {
        indicatorId: 'deduct.page-tags',
        subRule: 1,
        message: '内容页面缺少站点或内容标签：ArticleTitle、PubDate',
        evidence: ev(
          `${SITE}/art/2026/11/12/art_1229_41.html`,
          '<meta name> 标签齐全：SiteName、SiteDomain、SiteIDCode、ArticleTitle、PubDate、ContentSource',
          '缺少：ArticleTitle、PubDate',
          8,
          { missing: ['ArticleTitle', 'PubDate'], screenshot: '/api/inspection/runs/7/evidence/3' },
        ),
      },
      {
        indicatorId: 'deduct.page-tags',
        subRule: 2,
        message: '栏目页面缺少站点或栏目标签：ColumnName',
        evidence: ev(
          `${SITE}/col/col1229012346/index.html`,
          '<meta name> 标签齐全：SiteName、SiteDomain、SiteIDCode、ColumnName、ColumnType',
          '缺少：ColumnName',
          2,
          { missing: ['ColumnName'] },
        ),
      },
    ]),
    'deduct.compatibility': untested('需使用主流浏览器实际打开页面检查显示效果'),
    'deduct.ipv6': ext([
      {
        indicatorId: 'deduct.ipv6',
        subRule: 1,
        message: '网站域名没有可访问的IPv6地址（AAAA记录）',
        evidence: {
          url: `${SITE}/`,
          expected: '通过IPv6地址可以访问网站',
          observed: '域名 zwfw.example.gov.cn 没有 AAAA 记录',
          at: AT,
          sha256: null,
        },
      },
    ]),
    // 加分指标
    'bonus.data-release': int([
      {
        indicatorId: 'bonus.data-release',
        subRule: 2,
        message: '“数据发布”栏目近6个月有图表图解形式的数据解读',
        evidence: ev(
          `${SITE}/col/col1229012399/index.html`,
          '监测时间点前6个月内通过图表图解等方式展现和解读数据',
          '2026年10月15日发布《前三季度政务服务数据图解》',
          9,
        ),
      },
    ]),
    'bonus.interpretation-formats': untested('解读形式，需人工检查'),
    'bonus.service-evaluation': int(),
    'bonus.integrated-services': untested('专题或集成服务，需人工检查'),
    'bonus.service-policy-links': int(),
    'bonus.realtime-interaction': untested('需注册用户实际操作（注册、登录、办事或咨询），外部抓取无法判定'),
    'bonus.surveys': int(),
    'bonus.smart-search': ext([
      {
        indicatorId: 'bonus.smart-search',
        subRule: 1,
        message: '站内搜索支持关键词模糊搜索',
        evidence: ev(
          `${SITE}/search?q=%E4%BE%9B%E6%9A%96`,
          '输入近似关键词可以搜索到相关信息',
          '搜索“供暖”返回“冬季供热”相关信息',
          10,
        ),
      },
    ]),
    'bonus.user-space': untested('需注册用户实际操作（注册、登录、办事或咨询），外部抓取无法判定'),
    'bonus.innovation': untested('需本地区本部门主要领导同志肯定的材料，需人工检查'),
  };
}

/** Manual findings (source 'manual') added by an inspector. */
function manualFindings(): Finding[] {
  return [
    {
      indicatorId: 'deduct.leaders',
      subRule: 2,
      message: '领导信息栏目中副局长王某某的简历缺少工作经历',
      evidence: {
        url: `${SITE}/col/col1229012300/index.html`,
        note: '已与人事科核对',
        expected: '',
        observed: '简历仅有姓名、职务和分工',
        at: '2026-11-26T07:30:00.000Z',
        source: 'manual',
        inspector: 'inspector1',
        manualFindingId: 4,
      },
    },
    {
      // a manual note pointing at a non-http URL: shown as text, never as a link
      indicatorId: 'deduct.leaders',
      subRule: 2,
      message: '领导分工与最新任免文件不一致',
      evidence: {
        url: 'javascript:alert(3)',
        note: '',
        expected: '与任免文件一致',
        observed: '分工仍为调整前内容',
        at: '2026-11-26T07:40:00.000Z',
        source: 'manual',
        inspector: 'inspector1',
        manualFindingId: 5,
      },
    },
  ];
}

/** `scored`: 合格 with a bonus · `vetoed`: 站点无法访问 · `no-services`: a department without public services (办事服务 不检查, ×4/3). */
export function buildSampleReport(variant: 'scored' | 'vetoed' | 'no-services' = 'scored'): InspectionReport {
  const vetoed = variant === 'vetoed';
  const noServices = variant === 'no-services';
  const plan = entries(vetoed);
  const manual = manualFindings();
  const results: IndicatorResult[] = [];
  const sources = new Map<string, Source[]>();
  const tagged = new Map<string, ReportFinding[]>();
  for (const indicator of allIndicators(GOV_WEBSITE_CATALOGUE)) {
    const entry = plan[indicator.id] ?? { source: 'external', findings: [] };
    const own = manual.filter((f) => f.indicatorId === indicator.id);
    const measured = 'findings' in entry ? entry.findings : null;
    const findings: ReportFinding[] = [
      ...(measured ?? []).map((f) => ({ ...f, source: entry.source })),
      ...own.map((f) => ({ ...f, source: 'manual' as const })),
    ];
    sources.set(indicator.id, [...(measured ? [entry.source] : []), ...(own.length ? ['manual' as const] : [])]);
    tagged.set(indicator.id, findings);
    if (measured || own.length)
      results.push({
        indicatorId: indicator.id,
        status: 'measured',
        findings: findings.map(({ source: _s, ...f }) => f),
      });
    else
      results.push({
        indicatorId: indicator.id,
        status: 'untested',
        reason: 'untested' in entry ? entry.untested : '本次检查未能测量',
      });
  }
  const score = scoreInspection(results, { noPublicServices: noServices });
  const scored: IndicatorOutcome[] = [...score.vetoes, ...(score.deductions ?? []), ...(score.bonuses ?? [])];
  const byId = new Map(scored.map((o) => [o.indicatorId, o]));
  const indicators: ReportIndicator[] = allIndicators(GOV_WEBSITE_CATALOGUE).map((indicator) => {
    const o = byId.get(indicator.id);
    const base = {
      id: indicator.id,
      name: indicator.name,
      sources: sources.get(indicator.id) ?? [],
      findings: tagged.get(indicator.id) ?? [],
    };
    if (!o) {
      return {
        ...base,
        group: 'group' in indicator ? indicator.group : null,
        kind: indicator.kind,
        status: '未评分',
        points: null,
        maxPoints: 'points' in indicator ? indicator.points : null,
        reason: '存在单项否决情形，不再评分',
      };
    }
    return {
      ...base,
      group: o.group,
      kind: o.kind,
      status: o.status,
      points: o.points,
      maxPoints: o.maxPoints,
      ...(o.reason ? { reason: o.reason } : {}),
    };
  });
  const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
  return {
    schema: 'govportal-inspection-report/1',
    target: { url: `${SITE}/`, siteId: 3, siteName: '示例市政务服务管理局' },
    startedAt: '2026-11-27T01:58:00.000Z',
    finishedAt: '2026-11-27T02:09:41.000Z',
    seed: 424242,
    options: { maxPages: 60, noServices, ignoreRobots: false },
    verdict: score.verdict,
    deductionScore: round2(score.deductionScore),
    bonusScore: round2(score.bonusScore),
    totalScore: round2(score.totalScore),
    untested: {
      deductionPoints: score.untested.deductionPoints,
      bonusPoints: score.untested.bonusPoints,
      vetoes: score.untested.vetoes.map((v) => v.name),
      indicators: indicators
        .filter((i) => i.status === '未检测')
        .map((i) => ({ id: i.id, name: i.name, reason: i.reason ?? '' })),
    },
    indicators,
    crawl: { pages: 60, stoppedBy: 'page-limit', robots: { present: true }, skipped: 214 },
    score,
  };
}
