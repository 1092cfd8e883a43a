// The service cards a new site starts with (the demo site): 社保, 公积金, 医保, 企业开办, 12345.
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import type { Kind } from './kinds.ts';
import type { CardInput } from './search.schema.ts';
import type { ServiceCardsService } from './cards.service.ts';

const q = (text: string, kind?: Kind) => `/search?q=${encodeURIComponent(text)}${kind ? `&kind=${kind}` : ''}`;

export const DEFAULT_CARDS: CardInput[] = [
  {
    title: '社保服务',
    description: '社会保险参保、缴费、待遇查询和办事指南。',
    keywords: ['社保', '社会保险', '养老保险', '失业保险', '工伤保险', '社保卡'],
    links: [
      { title: '社保查询', url: 'https://si.12333.gov.cn/' },
      { title: '社保办事指南', url: q('社保', 'service') },
      { title: '相关政策', url: q('社保', 'policy') },
    ],
  },
  {
    title: '住房公积金',
    description: '公积金缴存、提取、贷款的办事指南与政策。',
    keywords: ['公积金', '住房公积金'],
    links: [
      { title: '公积金提取指南', url: q('住房公积金提取', 'service') },
      { title: '公积金贷款指南', url: q('住房公积金贷款', 'service') },
      { title: '相关政策', url: q('住房公积金', 'policy') },
    ],
  },
  {
    title: '医保服务',
    description: '城乡居民医保参保、异地就医备案、医疗费用报销。',
    keywords: ['医保', '医疗保险', '医保卡', '异地就医'],
    links: [
      { title: '国家医保服务平台', url: 'https://fuwu.nhsa.gov.cn/' },
      { title: '医保办事指南', url: q('医保', 'service') },
      { title: '相关政策', url: q('医疗保险', 'policy') },
    ],
  },
  {
    title: '企业开办',
    description: '营业执照办理、企业设立与注销、个体工商户登记。',
    keywords: ['营业执照', '企业开办', '个体工商户', '企业设立'],
    links: [
      { title: '企业开办指南', url: q('企业设立登记', 'service') },
      { title: '营业执照办理', url: q('营业执照', 'service') },
      { title: '相关政策', url: q('营商环境', 'policy') },
    ],
  },
  {
    title: '12345 政务服务便民热线',
    description: '咨询、求助、投诉、建议，拨打 12345。',
    keywords: ['12345', '热线', '投诉', '举报'],
    links: [
      { title: '互动交流', url: '/gzdc/' },
      { title: '热线相关信息', url: q('12345') },
    ],
  },
];

/** Seeds the default service cards into a site that has none (the demo site). Returns how many were created. */
export async function seedDefaultSearchCards(
  ctx: { search: { cards: ServiceCardsService } },
  siteId: number,
): Promise<number> {
  if ((await ctx.search.cards.list(siteId)).length > 0) return 0;
  for (const [i, card] of DEFAULT_CARDS.entries())
    await ctx.search.cards.create(SYSTEM_ACTOR, siteId, { ...card, sort: i });
  return DEFAULT_CARDS.length;
}
