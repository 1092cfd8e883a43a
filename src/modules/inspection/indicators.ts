// 附件2 of the seed as data: 国办秘函〔2019〕19号 《政府网站与政务新媒体检查指标、监管工作年度考核指标》 (2019-04-01).
// Rule texts are the seed's, with the numbering prefix ("1.") removed; rules the seed prints as one unnumbered
// paragraph holding two scored cases (解读关联, 实时互动, 网民监督 part 2) are split and numbered in reading order.
import type {
  BonusIndicator,
  DeductionIndicator,
  Indicator,
  PointRule,
  ScoredCatalogue,
  VetoIndicator,
  VetoOnlyCatalogue,
} from './indicators.schema.ts';

const once = (points: number): PointRule => ({ kind: 'once', points });
const each = (points: number, unit: string): PointRule => ({ kind: 'each', points, unit });
const tiered = (...tiers: [when: string, points: number][]): PointRule => ({
  kind: 'tiered',
  tiers: tiers.map(([when, points]) => ({ when, points })),
});

// ───────────────────────────── 政府网站：单项否决 ─────────────────────────────

const WEBSITE_VETOES: readonly VetoIndicator[] = [
  {
    id: 'veto.security',
    kind: 'veto',
    target: '政府网站',
    name: '安全、泄密事故等严重问题',
    alias: '安全泄密',
    subRules: [
      { no: 1, text: '出现严重表述错误。' },
      { no: 2, text: '泄露国家秘密。' },
      { no: 3, text: '发布或链接反动、暴力、色情等内容。' },
      { no: 4, text: '对安全攻击（如页面被挂马、内容被篡改等）没有及时有效处置造成严重安全事故。' },
      { no: 5, text: '存在弄虚作假行为（如伪造发稿日期等）。' },
      { no: 6, text: '因网站建设管理工作不当引发严重负面舆情。' },
    ],
    // internal: govportal's own records show back-dated publication and tampered pages; the rest needs a person.
    measurement: ['manual', 'internal'],
  },
  {
    id: 'veto.site-unreachable',
    kind: 'veto',
    target: '政府网站',
    name: '站点无法访问',
    subRules: [
      {
        no: 1,
        text: '监测1周，每天间隔性访问20次以上，超过（含）15秒网站仍打不开的次数累计占比超过（含）5%，即单项否决。',
      },
    ],
    measurement: ['external'],
  },
  {
    id: 'veto.homepage-not-updated',
    kind: 'veto',
    target: '政府网站',
    name: '首页不更新',
    subRules: [
      { no: 1, text: '监测2周，首页无信息更新的，即单项否决。' },
      { no: 2, text: '如首页仅为网站栏目导航入口，所有二级页面无信息更新的，即单项否决。' },
    ],
    note: '稿件发布页未注明发布时间的视为不更新，下同。',
    measurement: ['external', 'internal'],
  },
  {
    id: 'veto.columns-not-updated',
    kind: 'veto',
    target: '政府网站',
    name: '栏目不更新',
    subRules: [
      {
        no: 1,
        text: '监测时间点前2周内的动态、要闻类栏目，以及监测时间点前6个月内的通知公告、政策文件类一级栏目，累计超过（含）5个未更新。',
      },
      { no: 2, text: '应更新但长期未更新的栏目数量超过（含）10个。' },
      { no: 3, text: '空白栏目数量超过（含）5个。' },
    ],
    measurement: ['external', 'internal'],
  },
  {
    id: 'veto.poor-interaction',
    kind: 'veto',
    target: '政府网站',
    name: '互动回应差',
    subRules: [
      { no: 1, text: '未提供网上有效咨询建言渠道（网上信访、纪检举报等专门渠道除外）。' },
      {
        no: 2,
        text: '监测时间点前1年内，对网民留言应及时答复处理的政务咨询类栏目（在线访谈、调查征集、网上信访、纪检举报类栏目除外）存在超过3个月未回应有效留言的现象。',
      },
    ],
    measurement: ['external', 'internal'],
  },
  {
    id: 'veto.impractical-services',
    kind: 'veto',
    target: '政府网站',
    name: '服务不实用',
    subRules: [
      { no: 1, text: '未提供办事服务。' },
      {
        no: 2,
        text: '办事指南重点要素类别（包括事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程）缺失4类及以上的事项数量超过（含）5个。',
      },
      {
        no: 3,
        text: '事项总数不足5个的，每个事项办事指南重点要素类别（包括事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程）均缺失4类及以上。',
      },
    ],
    note: '对没有对外服务职能的部门，不检查其网站该项指标。',
    measurement: ['external', 'internal'],
    servicesOnly: true,
  },
];

// ───────────────────────────── 政府网站：扣分指标（100分） ─────────────────────────────

/** 办事指南重点要素类别, listed in 服务不实用 and 办事指南. */
export const SERVICE_GUIDE_KEY_ELEMENTS = [
  '事项名称',
  '设定依据',
  '申请条件',
  '办理材料',
  '办理地点',
  '办理机构',
  '收费标准',
  '办理时间',
  '联系电话',
  '办理流程',
] as const;

/** The six items 网站标识 requires in the footer of every page (0.5 each). */
export const SITE_IDENTITY_ITEMS = [
  '党政机关网站标识',
  '网站标识码',
  'ICP备案编号',
  '公安机关备案标识',
  '网站主办单位',
  '联系方式',
] as const;

const PUBLISH = { kind: 'deduction', group: '发布解读' } as const;
const SERVICES = { kind: 'deduction', group: '办事服务', servicesOnly: true } as const;
const INTERACTION = { kind: 'deduction', group: '互动交流' } as const;
const DESIGN = { kind: 'deduction', group: '功能设计' } as const;

const WEBSITE_DEDUCTIONS: readonly DeductionIndicator[] = [
  // 发布解读（31分）
  {
    ...PUBLISH,
    id: 'deduct.overview',
    name: '概况信息',
    points: 2,
    subRules: [
      { no: 1, text: '未开设概况信息类栏目的，扣2分。', scoring: once(2) },
      { no: 2, text: '概况信息更新不及时或不准确的，每发现一处，扣1分。', scoring: each(1, '处') },
    ],
    note: '对国务院部门门户网站不检查该项指标。',
    measurement: ['external', 'internal', 'manual'],
    stateCouncil: { inspected: false, note: '对国务院部门门户网站不检查该项指标。' },
  },
  {
    ...PUBLISH,
    id: 'deduct.functions',
    name: '机构职能',
    points: 2,
    subRules: [
      { no: 1, text: '未开设机构职能类栏目的，扣2分。', scoring: once(2) },
      { no: 2, text: '机构职能信息不准确的，每发现一处，扣1分。', scoring: each(1, '处') },
    ],
    note: '国务院部门门户网站未开设机构职能类栏目扣4分，信息不准确的，每发现一处扣1分，最多扣4分。',
    measurement: ['external', 'internal', 'manual'],
    stateCouncil: {
      inspected: true,
      points: 4,
      subRulePoints: { 1: 4 },
      note: '国务院部门门户网站未开设机构职能类栏目扣4分，信息不准确的，每发现一处扣1分，最多扣4分。',
    },
  },
  {
    ...PUBLISH,
    id: 'deduct.leaders',
    name: '领导信息',
    points: 2,
    subRules: [
      { no: 1, text: '未开设领导信息类栏目的，扣2分。', scoring: once(2) },
      { no: 2, text: '领导姓名、简历等信息缺失或不准确的，每发现一处，扣1分。', scoring: each(1, '处') },
    ],
    measurement: ['external', 'internal', 'manual'],
  },
  {
    ...PUBLISH,
    id: 'deduct.news',
    name: '动态要闻',
    points: 5,
    subRules: [
      { no: 1, text: '未开设动态要闻类栏目的，扣5分。', scoring: once(5) },
      { no: 2, text: '监测时间点前2周内未更新的，扣5分。', scoring: once(5) },
    ],
    measurement: ['external', 'internal'],
  },
  {
    ...PUBLISH,
    id: 'deduct.policy-documents',
    name: '政策文件',
    points: 5,
    subRules: [
      { no: 1, text: '未开设政策文件类栏目的，扣5分。', scoring: once(5) },
      { no: 2, text: '监测时间点前6个月内政策文件类一级栏目未更新的，扣5分。', scoring: once(5) },
    ],
    measurement: ['external', 'internal'],
  },
  {
    ...PUBLISH,
    id: 'deduct.policy-interpretations',
    name: '政策解读',
    points: 5,
    subRules: [
      { no: 1, text: '未开设政策解读类栏目的，扣5分。', scoring: once(5) },
      { no: 2, text: '监测时间点前6个月内政策解读类一级栏目未更新的，扣5分。', scoring: once(5) },
    ],
    measurement: ['external', 'internal'],
  },
  {
    ...PUBLISH,
    id: 'deduct.interpretation-ratio',
    name: '解读比例',
    points: 3,
    subRules: [
      {
        no: 1,
        text: '随机抽查网站已发布的3个以本地区本部门或本地区本部门办公厅（室）名义印发的涉及面广、社会关注度高的政策文件，被解读的文件数量每少一个，扣1分。',
        scoring: each(1, '个文件'),
      },
    ],
    note: '不足3个的则检查全部文件。',
    // choosing the 涉及面广、社会关注度高 documents takes judgement
    measurement: ['internal', 'manual'],
  },
  {
    ...PUBLISH,
    id: 'deduct.interpretation-links',
    name: '解读关联',
    points: 3,
    intro: '随机抽查网站已发布的3个解读稿：',
    subRules: [
      { no: 1, text: '未与被解读的政策文件相关联的，每发现一处，扣0.5分；', scoring: each(0.5, '处') },
      { no: 2, text: '该政策文件未与被抽查解读稿相关联的，每发现一处，扣0.5分。', scoring: each(0.5, '处') },
    ],
    note: '不足3个的则检查全部解读稿。',
    measurement: ['external', 'internal'],
  },
  {
    ...PUBLISH,
    id: 'deduct.other-columns',
    name: '其他栏目',
    points: 4,
    subRules: [
      { no: 1, text: '其他栏目存在空白的，每发现一个，扣2分。', scoring: each(2, '个栏目') },
      { no: 2, text: '其他栏目存在应更新未更新的，每发现一个，扣1分。', scoring: each(1, '个栏目') },
    ],
    note: '因空白、应更新未更新等原因已按其他指标扣分的，本指标项下不重复扣分。',
    measurement: ['external', 'internal'],
  },

  // 办事服务（25分）
  {
    ...SERVICES,
    id: 'deduct.service-catalogue',
    name: '事项公开',
    points: 3,
    subRules: [{ no: 1, text: '未对办事服务事项集中分类展示的，扣3分。', scoring: once(3) }],
    measurement: ['external', 'internal'],
  },
  {
    ...SERVICES,
    id: 'deduct.online-application',
    name: '在线申请',
    points: 5,
    subRules: [
      {
        no: 1,
        text: '未提供在线注册功能或提供注册功能但用户（含异地用户）无法注册的，扣5分。',
        scoring: once(5),
      },
      { no: 2, text: '注册用户无法在线办事的，扣5分。', scoring: once(5) },
    ],
    // a person registers and applies as a user, including from another region
    measurement: ['manual'],
  },
  {
    ...SERVICES,
    id: 'deduct.service-statistics',
    name: '办事统计',
    points: 2,
    subRules: [
      { no: 1, text: '未公开办事统计数据的，扣2分。', scoring: once(2) },
      {
        no: 2,
        text: '监测时间点前1个月内未更新的，扣1分；3个月内未更新的，扣2分。',
        scoring: tiered(['监测时间点前1个月内未更新', 1], ['监测时间点前3个月内未更新', 2]),
      },
    ],
    measurement: ['external', 'internal'],
  },
  {
    ...SERVICES,
    id: 'deduct.service-guides',
    name: '办事指南',
    points: 8,
    intro: '随机抽查5个办事服务事项：',
    subRules: [
      { no: 1, text: '事项无办事指南的，每发现一个，扣4分；', scoring: each(4, '个事项') },
      {
        no: 2,
        text: '提供办事指南，但重点要素类别（包括事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程）缺失的，每发现一处，扣0.5分；',
        scoring: each(0.5, '处'),
      },
      {
        no: 3,
        text: '办理材料格式要求不明确的（如未说明原件/复印件、纸质版/电子版、份数等），每发现一个存在该问题的事项，扣1分；',
        scoring: each(1, '个事项'),
      },
      {
        no: 4,
        text: '存在表述含糊不清的情形（如“根据有关法律法规规定应提交的其他材料”等表述），每发现一个存在该问题的事项，扣2分；',
        scoring: each(2, '个事项'),
      },
      {
        no: 5,
        text: '办事指南中提到的政策文件仅有名称、未说明具体内容的，每发现一个存在该问题的事项，扣0.5分。',
        scoring: each(0.5, '个事项'),
      },
    ],
    note: '不足5个的则检查全部事项。',
    measurement: ['external', 'internal', 'manual'],
  },
  {
    ...SERVICES,
    id: 'deduct.guide-accuracy',
    name: '内容准确',
    points: 5,
    subRules: [
      {
        no: 1,
        text: '随机抽查5个办事指南，信息（如咨询电话、投诉电话等）存在错误，或与实际办事要求不一致的，每发现一处，扣1分。',
        scoring: each(1, '处'),
      },
    ],
    note: '不足5个的则检查全部指南。',
    measurement: ['manual'],
  },
  {
    ...SERVICES,
    id: 'deduct.forms',
    name: '表格样表',
    points: 2,
    subRules: [
      {
        no: 1,
        text: '随机抽查2个办事指南，要求办事人提供申请表、申请书等表单但未提供规范表格获取渠道的，每发现一个存在该问题的办事指南，扣1分。',
        scoring: each(1, '个办事指南'),
      },
    ],
    measurement: ['internal', 'manual'],
  },

  // 互动交流（23分）
  {
    ...INTERACTION,
    id: 'deduct.message-submission',
    name: '信息提交',
    points: 7,
    subRules: [
      {
        no: 1,
        text: '存在网民（含异地用户）无法使用网站互动交流功能提交信息问题的，扣7分。',
        scoring: once(7),
      },
    ],
    measurement: ['internal', 'manual'],
  },
  {
    ...INTERACTION,
    id: 'deduct.unified-login',
    name: '统一登录',
    points: 3,
    subRules: [
      {
        no: 1,
        text: '网站各个具有互动交流功能的栏目（网上信访、纪检举报等专门渠道除外）提供的注册登录功能，未实现统一注册登录的，扣3分。',
        scoring: once(3),
      },
    ],
    measurement: ['internal', 'manual'],
  },
  {
    ...INTERACTION,
    id: 'deduct.message-disclosure',
    name: '留言公开',
    points: 6,
    subRules: [
      {
        no: 1,
        text: '咨询建言类栏目（网上信访、纪检举报等专门渠道除外）对所有网民留言都未公开的，扣6分。',
        scoring: once(6),
      },
      {
        no: 2,
        text: '随机抽查5条已公开的网民留言，未公开留言时间、答复时间、答复单位、答复内容的，每发现一处，扣1分。',
        scoring: each(1, '处'),
      },
      { no: 3, text: '监测时间点前2个月内未更新的，扣3分。', scoring: once(3) },
      { no: 4, text: '未公开留言受理反馈情况统计数据的，扣3分。', scoring: once(3) },
    ],
    note: '不足5条的则检查全部留言。',
    measurement: ['external', 'internal'],
  },
  {
    ...INTERACTION,
    id: 'deduct.consultation-replies',
    name: '办理答复',
    points: 7,
    intro: '模拟用户进行2次简单常见问题咨询：',
    subRules: [
      { no: 1, text: '未在5个工作日内收到网上答复意见的，每发现一次，扣4分；', scoring: each(4, '次') },
      { no: 2, text: '答复内容质量不高，有推诿、敷衍等现象的，每发现一次，扣4分。', scoring: each(4, '次') },
    ],
    measurement: ['internal', 'manual'],
  },

  // 功能设计（21分）
  {
    ...DESIGN,
    id: 'deduct.domain-name',
    name: '域名名称',
    points: 3,
    subRules: [
      { no: 1, text: '域名不符合规范的，扣1分。', scoring: once(1) },
      { no: 2, text: '网站未以本地区本部门名称命名的，扣1分。', scoring: once(1) },
      { no: 3, text: '网站名称未在全站页面头部区域显著展示的，扣1分。', scoring: once(1) },
    ],
    measurement: ['external', 'manual'],
  },
  {
    ...DESIGN,
    id: 'deduct.site-identity',
    name: '网站标识',
    points: 3,
    subRules: [
      {
        no: 1,
        text: '未在全站页面底部功能区清晰列明党政机关网站标识、网站标识码、ICP备案编号、公安机关备案标识、网站主办单位、联系方式的，每缺一项，扣0.5分。',
        scoring: each(0.5, '项'),
      },
    ],
    measurement: ['external', 'internal'],
  },
  {
    ...DESIGN,
    id: 'deduct.availability',
    name: '可用性',
    points: 1,
    subRules: [
      {
        no: 1,
        text: '首页上的链接（包括图片、附件、外部链接等）打不开或错误的，每发现一处，扣0.2分；如首页仅为网站栏目导航入口，则检查所有二级页面上的链接。',
        scoring: each(0.2, '处'),
      },
      {
        no: 2,
        text: '其他页面上的链接（包括图片、附件、外部链接等）打不开或错误的，每发现一处，扣0.1分。',
        scoring: each(0.1, '处'),
      },
    ],
    measurement: ['external'],
  },
  // The seed prints 我为政府网站找错 as two rows: the named one (1 point: the entry on every page) and an unnamed
  // one right after it (3 points: handling the messages). The group only sums to 21 with both, so we model ONE
  // indicator of 4 points with two separately capped parts, 'entry' (1) and 'handling' (3). Sub-rule numbers
  // restart in each part as in the seed, so findings on this indicator must name their part.
  {
    ...DESIGN,
    id: 'deduct.report-errors',
    name: '我为政府网站找错',
    points: 4,
    parts: [
      { id: 'entry', name: '找错入口', points: 1 },
      { id: 'handling', name: '找错留言办理', points: 3 },
    ],
    subRules: [
      {
        no: 1,
        part: 'entry',
        text: '未在首页底部功能区规范添加“我为政府网站找错”入口的，扣1分。',
        scoring: once(1),
      },
      {
        no: 2,
        part: 'entry',
        text: '未在其他页面底部功能区规范添加“我为政府网站找错”入口的，每发现一处，扣0.2分。',
        scoring: each(0.2, '处'),
      },
      {
        no: 1,
        part: 'handling',
        text: '监测时间点前6个月内，存在网民留言超过3个工作日未答复的，每发现一条，扣1分。',
        scoring: each(1, '条'),
      },
      {
        no: 2,
        part: 'handling',
        text: '监测时间点前6个月内，存在答复内容质量不高，有推诿、敷衍等现象的，每发现一条，扣1分。',
        scoring: each(1, '条'),
      },
    ],
    // the entry is visible from outside; the platform's 找错 tickets (local and imported) are judged inside
    measurement: ['external', 'internal', 'manual'],
  },
  {
    ...DESIGN,
    id: 'deduct.site-search',
    name: '站内搜索',
    points: 4,
    subRules: [
      { no: 1, text: '未提供全站站内搜索功能或功能不可用的，扣4分。', scoring: once(4) },
      {
        no: 2,
        text: '随机选取4条网站已发布的信息或服务的标题进行测试，在搜索结果第一页无法找到该内容的，每条扣1分。',
        scoring: each(1, '条'),
      },
      {
        no: 3,
        text: '未对搜索结果进行分类展现的（如按照政策文件、办事指南等进行分类），扣1分。',
        scoring: once(1),
      },
    ],
    measurement: ['external'],
  },
  {
    ...DESIGN,
    id: 'deduct.single-sign-on',
    name: '一号登录',
    points: 2,
    subRules: [
      {
        no: 1,
        text: '注册用户在各个功能板块（网上信访、纪检举报等专门渠道除外）无法一号登录的，扣2分。',
        scoring: once(2),
      },
    ],
    measurement: ['manual'],
  },
  {
    ...DESIGN,
    id: 'deduct.page-tags',
    name: '页面标签',
    points: 1,
    subRules: [
      { no: 1, text: '随机抽查5个内容页面，无站点标签或内容标签的，每个扣0.1分。', scoring: each(0.1, '个页面') },
      { no: 2, text: '随机抽查5个栏目页面，无站点标签或栏目标签的，每个扣0.1分。', scoring: each(0.1, '个页面') },
    ],
    measurement: ['external', 'internal'],
  },
  {
    ...DESIGN,
    id: 'deduct.compatibility',
    name: '兼容性',
    points: 2,
    subRules: [
      { no: 1, text: '使用主流浏览器访问网站，不能正常显示页面内容的，每类扣1分。', scoring: each(1, '类浏览器') },
    ],
    measurement: ['external', 'manual'],
  },
  {
    ...DESIGN,
    id: 'deduct.ipv6',
    name: 'IPv6改造',
    points: 1,
    subRules: [{ no: 1, text: '未按照要求完成IPv6改造的，扣1分。', scoring: once(1) }],
    measurement: ['external'],
  },
];

// ───────────────────────────── 政府网站：加分指标（30分） ─────────────────────────────

const WEBSITE_BONUSES: readonly BonusIndicator[] = [
  // 信息发布（7分）
  {
    kind: 'bonus',
    group: '信息发布',
    id: 'bonus.data-release',
    name: '数据发布',
    points: 4,
    subRules: [
      {
        no: 1,
        text: '开设数据发布类栏目并在监测时间点前3个月内有更新的，得2分；监测时间点前3—6个月内有更新的，得1分。',
        scoring: tiered(['监测时间点前3个月内有更新', 2], ['监测时间点前3—6个月内有更新', 1]),
      },
      { no: 2, text: '监测时间点前6个月内，通过图表图解等可视化方式展现和解读数据的，得1分。', scoring: once(1) },
      { no: 3, text: '定期更新数据集，并提供下载功能或可用数据接口的，得1分。', scoring: once(1) },
    ],
    measurement: ['external', 'internal', 'manual'],
  },
  {
    kind: 'bonus',
    group: '信息发布',
    id: 'bonus.interpretation-formats',
    name: '解读回应',
    points: 3,
    subRules: [
      {
        no: 1,
        text: '随机抽查3个不同文件的解读稿，通过新闻发布会、图表图解、音视频或动漫等形式解读的，每个得1分。',
        scoring: each(1, '个解读稿'),
      },
    ],
    measurement: ['internal', 'manual'],
  },

  // 办事服务（6分）
  {
    kind: 'bonus',
    group: '办事服务',
    servicesOnly: true,
    id: 'bonus.service-evaluation',
    name: '服务功能',
    points: 2,
    subRules: [
      { no: 1, text: '提供服务评价功能的，得1分。', scoring: once(1) },
      { no: 2, text: '公布服务评价结果的，得1分。', scoring: once(1) },
    ],
    measurement: ['external', 'internal'],
  },
  {
    kind: 'bonus',
    group: '办事服务',
    servicesOnly: true,
    id: 'bonus.integrated-services',
    name: '服务内容',
    points: 2,
    subRules: [
      {
        no: 1,
        text: '针对重点服务事项，整合相关资源，细化办理对象、条件、流程等，提供专题或集成服务。提供3项及以上的，得2分；提供1至2项的，得1分。',
        scoring: tiered(['提供3项及以上', 2], ['提供1至2项', 1]),
      },
    ],
    measurement: ['manual'],
  },
  {
    kind: 'bonus',
    group: '办事服务',
    servicesOnly: true,
    id: 'bonus.service-policy-links',
    name: '服务关联',
    points: 2,
    subRules: [
      {
        no: 1,
        text: '随机抽查2个办事服务事项，涉及到的政策文件依据均准确关联至本网站政策文件库的，得2分。',
        scoring: once(2),
      },
    ],
    measurement: ['internal', 'manual'],
  },

  // 互动交流（8分）
  {
    kind: 'bonus',
    group: '互动交流',
    id: 'bonus.realtime-interaction',
    name: '实时互动',
    points: 5,
    intro: '模拟用户进行1次简单常见问题咨询：',
    subRules: [
      { no: 1, text: '咨询后一个工作日内答复且内容准确的，得3分；', scoring: once(3) },
      { no: 2, text: '提供实时智能答问功能且内容准确的，得2分。', scoring: once(2) },
    ],
    measurement: ['internal', 'manual'],
  },
  {
    kind: 'bonus',
    group: '互动交流',
    id: 'bonus.surveys',
    name: '调查征集',
    points: 3,
    subRules: [
      {
        no: 1,
        text: '提供在线调查征集渠道（不含电子邮件形式），且监测时间点前1年内开展活动超过（含）6次的，得2分。',
        scoring: once(2),
      },
      { no: 2, text: '监测时间点前1年内开展的调查征集活动结束后1个月内均公开反馈结果的，得1分。', scoring: once(1) },
    ],
    measurement: ['external', 'internal'],
  },

  // 功能设计（6分）
  {
    kind: 'bonus',
    group: '功能设计',
    id: 'bonus.smart-search',
    name: '智能搜索',
    points: 4,
    subRules: [
      { no: 1, text: '提供关键词模糊搜索功能的，得1分。', scoring: once(1) },
      { no: 2, text: '根据搜索关键词聚合相关信息和服务功能，实现“搜索即服务”的，得1分。', scoring: once(1) },
      {
        no: 3,
        text: '随机选取该地区、该部门下级网站上的2条信息或服务的标题：通过该地区、该部门政府门户网站搜索进行测试，能够在搜索结果第一页找到该内容的，每条得1分。',
        scoring: each(1, '条'),
      },
    ],
    measurement: ['external', 'manual'],
  },
  {
    kind: 'bonus',
    group: '功能设计',
    id: 'bonus.user-space',
    name: '用户空间',
    points: 2,
    subRules: [
      {
        no: 1,
        text: '注册用户可在用户主页下浏览其在本网站咨询问题、办事服务等历史信息的，得2分。',
        scoring: once(2),
      },
    ],
    measurement: ['manual'],
  },

  // 创新发展（3分）: the seed prints "——" as the indicator name; we reuse the group name.
  {
    kind: 'bonus',
    group: '创新发展',
    id: 'bonus.innovation',
    name: '创新发展',
    points: 3,
    subRules: [
      {
        no: 1,
        text: '通过政府网站服务中心工作、方便社会公众的做法突出，并获得本地区、本部门主要领导同志肯定的，加3分。',
        scoring: once(3),
      },
    ],
    measurement: ['manual'],
  },
];

export const GOV_WEBSITE_CATALOGUE: ScoredCatalogue = {
  id: 'gov-website-2019',
  title: '政府网站检查指标（国办秘函〔2019〕19号）',
  deductionTotal: 100,
  bonusTotal: 30,
  deductionGroups: [
    { name: '发布解读', points: 31 },
    { name: '办事服务', points: 25 },
    { name: '互动交流', points: 23 },
    { name: '功能设计', points: 21 },
  ],
  bonusGroups: [
    { name: '信息发布', points: 7 },
    { name: '办事服务', points: 6 },
    { name: '互动交流', points: 8 },
    { name: '功能设计', points: 6 },
    { name: '创新发展', points: 3 },
  ],
  vetoes: WEBSITE_VETOES,
  deductions: WEBSITE_DEDUCTIONS,
  bonuses: WEBSITE_BONUSES,
};

// ───────────────────────────── 政务新媒体：单项否决 ─────────────────────────────

export const NEW_MEDIA_CATALOGUE: VetoOnlyCatalogue = {
  id: 'gov-new-media-2019',
  title: '政务新媒体检查指标（国办秘函〔2019〕19号）',
  vetoes: [
    {
      id: 'newmedia.veto.security',
      kind: 'veto',
      target: '政务新媒体',
      name: '安全、泄密事故等严重问题',
      alias: '安全泄密',
      subRules: [
        { no: 1, text: '出现严重表述错误。' },
        { no: 2, text: '泄露国家秘密。' },
        { no: 3, text: '发布或链接反动、暴力、色情等内容。' },
        { no: 4, text: '因发布内容不当引发严重负面舆情。' },
      ],
      measurement: ['manual'],
    },
    {
      id: 'newmedia.veto.not-updated',
      kind: 'veto',
      target: '政务新媒体',
      name: '内容不更新',
      subRules: [
        { no: 1, text: '监测时间点前2周内无更新。' },
        { no: 2, text: '移动客户端（APP）无法下载或使用，发生“僵尸”、“睡眠”情况。' },
      ],
      measurement: ['external', 'manual'],
    },
    {
      id: 'newmedia.veto.poor-interaction',
      kind: 'veto',
      target: '政务新媒体',
      name: '互动回应差',
      subRules: [
        { no: 1, text: '未提供有效互动功能。' },
        { no: 2, text: '存在购买“粉丝”、强制要求群众点赞等弄虚作假行为。' },
      ],
      measurement: ['manual'],
    },
  ],
};

// ─────────────────────── 政府网站与政务新媒体监管工作年度考核指标（for supervisors） ───────────────────────

const SUPERVISION = { kind: 'deduction', group: '扣分指标', measurement: ['manual'] } as const;
const SUPERVISION_BONUS = { kind: 'bonus', group: '加分指标', measurement: ['manual'] } as const;

export const SUPERVISION_CATALOGUE: ScoredCatalogue = {
  id: 'supervision-2019',
  title: '政府网站与政务新媒体监管工作年度考核指标（国办秘函〔2019〕19号）',
  deductionTotal: 100,
  bonusTotal: 20,
  deductionGroups: [{ name: '扣分指标', points: 100 }],
  bonusGroups: [{ name: '加分指标', points: 20 }],
  vetoes: [
    {
      // The seed prints "——" as the name of this single row.
      id: 'supervision.veto',
      kind: 'veto',
      target: '监管工作',
      name: '单项否决',
      subRules: [
        {
          no: 1,
          text: '在国办开展的抽查中本地区、本部门多个政府网站或政务新媒体因出现严重表述错误被判定为不合格。',
        },
        {
          no: 2,
          text: '在国办开展的抽查中因其他原因本地区、本部门政府网站被判定为不合格超过（含）10个，或政务新媒体被判定为不合格超过（含）20个。',
        },
        { no: 3, text: '未按季度组织开展本地区、本部门政府网站抽查工作。' },
        { no: 4, text: '在政府网站、政务新媒体管理工作中存在弄虚作假行为。' },
      ],
      measurement: ['manual'],
    },
  ],
  deductions: [
    {
      ...SUPERVISION,
      id: 'supervision.deduct.rectification',
      name: '通报整改',
      points: 10,
      subRules: [{ no: 1, text: '通报公开之日起2周内对问题仍未整改，或整改不到位的，扣10分。', scoring: once(10) }],
    },
    {
      ...SUPERVISION,
      id: 'supervision.deduct.spot-checks',
      name: '抽查检查',
      points: 15,
      subRules: [
        { no: 1, text: '本地区、本部门按季度组织开展的网站抽查未公开结果的，扣15分。', scoring: once(15) },
        {
          no: 2,
          text: '本地区、本部门按季度组织开展的网站抽查比例未达到30%的，每次扣5分。',
          scoring: each(5, '次'),
        },
      ],
    },
    {
      ...SUPERVISION,
      id: 'supervision.deduct.performance-assessment',
      name: '考核评价',
      points: 10,
      subRules: [{ no: 1, text: '未将政府网站、政务新媒体工作纳入政府年度绩效考核的，扣10分。', scoring: once(10) }],
      note: '对国务院部门不检查该项指标，其评分方式为：扣分指标以90分为满分，结果乘以10/9为得分。',
      stateCouncil: {
        inspected: false,
        note: '对国务院部门不检查该项指标，其评分方式为：扣分指标以90分为满分，结果乘以10/9为得分。',
      },
    },
    {
      ...SUPERVISION,
      id: 'supervision.deduct.full-coverage',
      name: '全面监管',
      points: 5,
      subRules: [{ no: 1, text: '政府网站未纳入监管范围的，每发现一个，扣1分。', scoring: each(1, '个网站') }],
    },
    // Like 我为政府网站找错 above, the unnamed 10-point row after 网民监督 is its second part.
    {
      ...SUPERVISION,
      id: 'supervision.deduct.public-oversight',
      name: '网民监督',
      points: 15,
      parts: [
        { id: 'entry', name: '找错入口', points: 5 },
        { id: 'handling', name: '找错留言办结', points: 10 },
      ],
      subRules: [
        {
          no: 1,
          part: 'entry',
          text: '随机抽查本地区、本部门5个政府网站，未全站规范添加“我为政府网站找错”入口的，每发现一个，扣1分。',
          scoring: each(1, '个网站'),
        },
        {
          no: 1,
          part: 'handling',
          text: '对上一年度网民通过“我为政府网站找错”平台提交的留言，未办结的，每发现一条，扣3分；',
          scoring: each(3, '条'),
        },
        { no: 2, part: 'handling', text: '超过一个月办结的，每发现一条，扣2分。', scoring: each(2, '条') },
      ],
      measurement: ['external', 'manual'],
    },
    {
      ...SUPERVISION,
      id: 'supervision.deduct.consolidation',
      name: '集约整合',
      points: 20,
      subRules: [
        {
          no: 1,
          text: '网站已报关停却未关停，或关停后内容未迁移至上级网站的，每发现一个，扣5分。',
          scoring: each(5, '个网站'),
        },
      ],
      measurement: ['external', 'manual'],
    },
    // The unnamed 10-point row after 年度报表 is its second part: the sampled sites' own annual reports.
    {
      ...SUPERVISION,
      id: 'supervision.deduct.annual-reports',
      name: '年度报表',
      points: 15,
      parts: [
        { id: 'supervisor', name: '监管年度报表', points: 5 },
        { id: 'sites', name: '网站工作年度报表', points: 10, intro: '随机抽查该地区、该部门5个政府网站：' },
      ],
      subRules: [
        {
          no: 1,
          part: 'supervisor',
          text: '本地区、本部门政府网站监管年度报表未在省部级政府门户网站首页发布的，扣5分。',
          scoring: once(5),
        },
        { no: 2, part: 'supervisor', text: '网站监管年度报表晚于1月31日发布的，扣2分。', scoring: once(2) },
        {
          no: 1,
          part: 'sites',
          text: '网站工作年度报表未在本网站首页发布的，每发现一个，扣2分；',
          scoring: each(2, '个网站'),
        },
        {
          no: 2,
          part: 'sites',
          text: '网站工作年度报表晚于1月31日发布的，每发现一个，扣1分；',
          scoring: each(1, '个网站'),
        },
        {
          no: 3,
          part: 'sites',
          text: '网站工作年度报表已在本网站首页发布但未在省部级政府门户网站发布的，每发现一个，扣1分。',
          scoring: each(1, '个网站'),
        },
      ],
      note: '不足5个的则检查全部网站。',
      measurement: ['external', 'manual'],
    },
    {
      ...SUPERVISION,
      id: 'supervision.deduct.domain-names',
      name: '网站域名',
      points: 10,
      subRules: [
        {
          no: 1,
          text: '随机抽查该地区、该部门5个政府网站，域名不符合规范的，每发现一个，扣2分。',
          scoring: each(2, '个网站'),
        },
      ],
      note: '不足5个的则检查全部网站。',
      measurement: ['external'],
    },
  ],
  // The seed prints the bonus as one "——" row of 20 points with five numbered items; each item is its own
  // indicator here (names are ours) so that each keeps its own cap: 4, 5, 4, 5, 2.
  bonuses: [
    {
      ...SUPERVISION_BONUS,
      id: 'supervision.bonus.spot-check-ratio',
      name: '抽查比例',
      points: 4,
      subRules: [
        {
          no: 1,
          text: '省级政府办公厅或实行垂直管理的国务院部门办公厅（室）每季度抽查政府网站比例均达100%的，加4分；抽查比例低于100%，但每季度均达到70%的，加2分。',
          scoring: tiered(['每季度抽查比例均达100%', 4], ['每季度抽查比例均达70%', 2]),
        },
      ],
    },
    {
      ...SUPERVISION_BONUS,
      id: 'supervision.bonus.pass-rate',
      name: '抽查合格率',
      points: 5,
      subRules: [{ no: 2, text: '在国办开展的抽查中，上一年度合格率均达100%的地区，加5分。', scoring: once(5) }],
    },
    {
      ...SUPERVISION_BONUS,
      id: 'supervision.bonus.report-errors-closure',
      name: '找错办结率',
      points: 4,
      subRules: [{ no: 3, text: '上一年度“我为政府网站找错”网民留言按期办结率达100%的，加4分。', scoring: once(4) }],
    },
    {
      ...SUPERVISION_BONUS,
      id: 'supervision.bonus.consolidated-platform',
      name: '集约化平台',
      points: 5,
      subRules: [
        {
          no: 4,
          text: '本地区、本部门政府网站均迁移至集约化平台，实现资源优化融合、数据互认共享、管理统筹规范的，加5分。',
          scoring: once(5),
        },
      ],
    },
    {
      ...SUPERVISION_BONUS,
      id: 'supervision.bonus.county-media-center',
      name: '融媒体对接',
      points: 2,
      subRules: [
        {
          no: 5,
          text: '县级政府门户网站的公开、办事、互动等功能与县级融媒体平台对接，提供内容、延伸发布取得较好效果的，加2分。',
          scoring: once(2),
        },
      ],
    },
  ],
};

/** The note under the supervisors' bonus items. */
export const SUPERVISION_BONUS_NOTE = '各地区、各部门可自行报送加分指标相关内容，国办将对上报内容进行复核。';

/** Every indicator of a catalogue, vetoes first, in the seed's order. */
export const allIndicators = (catalogue: ScoredCatalogue | VetoOnlyCatalogue): readonly Indicator[] =>
  'deductions' in catalogue ? [...catalogue.vetoes, ...catalogue.deductions, ...catalogue.bonuses] : catalogue.vetoes;

export const findIndicator = (catalogue: ScoredCatalogue | VetoOnlyCatalogue, id: string): Indicator | undefined =>
  allIndicators(catalogue).find((indicator) => indicator.id === id);
