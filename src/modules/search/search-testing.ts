// The search tests' site: 附件1's columns with a small corpus (社保, 医保, 公积金, twelve 营商环境 items on
// different days …) loaded and indexed, a review team and a site administrator.
import { login, type Session, staff, type TestEnv, testEnv } from '../../../test/helpers.ts';
import { type Team, team } from '../../../test/workflow.ts';
import { createSiteWithAnnex1 } from '../setup/setup.service.ts';
import type { IndexedDoc } from './index.repository.ts';
import type { DocTokens } from './match.ts';
import type { CorpusItem } from './quality/corpus.ts';
import { type LoadedItem, loadCorpus } from './quality/load.ts';

export const item = (
  column: string,
  title: string,
  body: string,
  pubDate: string,
  extra: Partial<CorpusItem> = {},
): CorpusItem => ({
  column,
  type: 'article',
  title,
  bodyHtml: `<p>${body}</p>`,
  summary: '',
  pubDate,
  fields: {},
  ...extra,
});

export const FIXTURE: CorpusItem[] = [
  item(
    '/gzdt/tzgg/',
    '关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知',
    '城乡居民可通过“南江政务”APP缴纳医保费。',
    '2026-09-01T02:00:00.000Z',
  ),
  item(
    '/zwgk/jcgk/zcfg/',
    '南江市社会保险费征缴管理办法',
    '为规范社会保险费征缴，制定本办法。',
    '2026-03-02T02:00:00.000Z',
    {
      type: 'policy',
      fields: {
        docNumber: '南政规〔2026〕3号',
        issuingOrgan: '南江市人民政府',
        writtenDate: '2026-02-20',
        theme: '劳动、人事、监察',
        validity: '有效',
      },
    },
  ),
  item(
    '/zwgk/hygq/zcjd/',
    '《南江市社会保险费征缴管理办法》政策解读',
    '一、制定背景。二、主要内容。',
    '2026-03-05T02:00:00.000Z',
    { type: 'interpretation' },
  ),
  item('/gzdt/bszn/', '住房公积金提取办事指南', '申请材料：身份证、提取申请表。', '2025-05-06T02:00:00.000Z'),
  item(
    '/gzdt/bmdt/',
    '市政务办召开社保服务工作推进会',
    '会议部署了社保经办服务的重点工作。',
    '2024-04-07T02:00:00.000Z',
  ),
  item('/gzdc/', '关于社保问题的答复', '网民留言咨询灵活就业人员参保问题。', '2026-01-08T02:00:00.000Z'),
  item(
    '/zwgk/glgk/rsxx/',
    '南江市政务服务管理办公室2025年度部门预算公开',
    '部门预算包括社保缴费等支出。',
    '2025-02-09T02:00:00.000Z',
  ),
  item('/gzdt/bmdt/', '我市上线COVID核酸检测预约服务', '市民可在线预约。', '2022-04-10T02:00:00.000Z'),
  item('/gzdt/bmxx/', '政务大厅延时服务便民措施', '窗口延长服务时间。', '2026-06-11T02:00:00.000Z'),
  // Twelve about 营商环境, on different days, for pages and date order.
  ...Array.from({ length: 12 }, (_, i) =>
    item(
      '/gzdt/bmdt/',
      `${['东湖区', '西山区', '北塘区'][i % 3]}优化营商环境第${i + 1}场政企座谈会召开`,
      '持续优化营商环境。',
      new Date(Date.UTC(2026, 0, 10 + i, 2)).toISOString(),
    ),
  ),
];

export interface SearchSite {
  env: TestEnv;
  siteId: number;
  loaded: LoadedItem[];
  t: Team;
  admin: Session;
}

export async function searchSite(): Promise<SearchSite> {
  const env = await testEnv({ demo: false });
  const siteId = (await createSiteWithAnnex1(env.ctx)).siteId;
  const loaded = await loadCorpus(env.ctx, siteId, FIXTURE);
  await env.ctx.search.reindex();
  const t = await team(env.app, env.ctx);
  await staff(env.ctx, 'webadmin', ['site_admin']);
  const admin = await login(env.app, 'webadmin');
  return { env, siteId, loaded, t, admin };
}

/**
 * An index entry written straight into the index (no published item behind it), for tests of the index's own
 * reads: key, title and token streams as given; site 1, facets its site and kind unless given.
 */
export function indexedDoc(key: number, title: string, tokens: Partial<DocTokens>): IndexedDoc {
  return {
    row: {
      doc_key: key,
      content_id: key % 1_000_000_007,
      site_id: 1,
      column_id: 1,
      column_ids: '[1]',
      kind: 'news',
      type: 'article',
      version: 1,
      title,
      title_key: String(key),
      pub_date: '',
      meta: '{}',
      summary: '',
      body: '',
      indexed_at: '',
    },
    tokens: { title: [], grams: [], meta: [], body: [], facets: ['s1', `k${key % 8}`], ...tokens },
  };
}
