// Indicators a crawler cannot measure from outside, with the reason shown in the report. The platform's own
// database (for sites it hosts) or a human inspector supplies these results.
const NEEDS_PERSON = '需人工检查';
const NEEDS_USER = '需注册用户实际操作（注册、登录、办事或咨询），外部抓取无法判定';
const NEEDS_RECORDS = '需平台数据库或人工核对，外部抓取无法判定';

export const UNTESTED_REASONS: Readonly<Record<string, string>> = {
  // 单项否决
  'veto.security': `${NEEDS_PERSON}：严重表述错误、泄密、有害内容、安全事故处置、弄虚作假和负面舆情无法由爬虫判定`,
  'veto.site-unreachable': '需连续监测一周，见可用性监测',
  'veto.poor-interaction': `咨询建言渠道是否有效、留言是否在3个月内回应，${NEEDS_RECORDS}`,
  'veto.impractical-services': `办事服务事项和办事指南要素，${NEEDS_RECORDS}`,
  // 发布解读
  'deduct.overview': `概况信息栏目是否开设、信息是否及时准确，${NEEDS_PERSON}`,
  'deduct.functions': `机构职能信息是否准确，${NEEDS_PERSON}`,
  'deduct.leaders': `领导姓名、简历等信息是否齐全准确，${NEEDS_PERSON}`,
  'deduct.interpretation-ratio': '需判断哪些政策文件“涉及面广、社会关注度高”及其是否被解读，需人工或平台数据库',
  'deduct.interpretation-links': `解读稿与政策文件的双向关联，${NEEDS_RECORDS}`,
  // 办事服务
  'deduct.service-catalogue': `办事服务事项是否集中分类展示，${NEEDS_RECORDS}`,
  'deduct.online-application': NEEDS_USER,
  'deduct.service-statistics': `办事统计数据的公开和更新，${NEEDS_RECORDS}`,
  'deduct.service-guides': `办事指南要素、材料格式和表述，${NEEDS_RECORDS}`,
  'deduct.guide-accuracy': `办事指南信息与实际办事要求是否一致，${NEEDS_PERSON}`,
  'deduct.forms': `表格样表获取渠道，${NEEDS_RECORDS}`,
  // 互动交流
  'deduct.message-submission': NEEDS_USER,
  'deduct.unified-login': NEEDS_USER,
  'deduct.message-disclosure': `留言公开的要素、更新和统计数据，${NEEDS_RECORDS}`,
  'deduct.consultation-replies': NEEDS_USER,
  // 功能设计
  'deduct.single-sign-on': NEEDS_USER,
  'deduct.compatibility': '需使用主流浏览器实际打开页面检查显示效果',
  // 加分指标
  'bonus.data-release': `数据发布栏目、可视化解读和数据集，${NEEDS_RECORDS}`,
  'bonus.interpretation-formats': `解读形式，${NEEDS_PERSON}`,
  'bonus.service-evaluation': `服务评价功能及结果公开，${NEEDS_RECORDS}`,
  'bonus.integrated-services': `专题或集成服务，${NEEDS_PERSON}`,
  'bonus.service-policy-links': `办事事项与政策文件库的关联，${NEEDS_RECORDS}`,
  'bonus.realtime-interaction': NEEDS_USER,
  'bonus.surveys': `调查征集活动次数和反馈，${NEEDS_RECORDS}`,
  'bonus.smart-search': `模糊搜索、“搜索即服务”和下级网站信息的搜索，${NEEDS_PERSON}`,
  'bonus.user-space': NEEDS_USER,
  'bonus.innovation': `需本地区本部门主要领导同志肯定的材料，${NEEDS_PERSON}`,
};

export const DEFAULT_UNTESTED_REASON = '外部抓取未检测该指标';
