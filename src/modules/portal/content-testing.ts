// A site with content for the public-site tests: a team (editor, reviewer, leader …), an article, a policy
// document with an attachment and its interpretation, two leaders, a single-page column's page and a 依申请提供
// entry — all published through the review API, a minute apart. Also the meta-tag helpers those tests share.
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { call, columnByName, type TestEnv, testEnv } from '../../../test/helpers.ts';
import { decide, publishThroughReview, submit, type Team, team } from '../../../test/workflow.ts';
import { MINUTE } from '../../platform/time.ts';
import type { App } from '../../platform/http.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import { PDF, PNG, uploadFile } from './attachment-testing.ts';
import { decode, head } from './html-testing.ts';

export const SITE_TAGS = ['SiteName', 'SiteDomain', 'SiteIDCode'];
export const COLUMN_TAGS = ['ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType'];
export const ARTICLE_TAGS = ['ArticleTitle', 'PubDate', 'ContentSource', 'Keywords', 'Description', 'Author', 'Url'];

/** The page's metadata <meta name> tags (not viewport or robots) in document order. */
export function metaList(html: string): [string, string][] {
  return [...head(html).matchAll(/<meta name="([^"]+)" content="([^"]*)"\/?>/g)]
    .filter((m) => !['viewport', 'robots'].includes(m[1]!))
    .map((m) => [m[1]!, decode(m[2]!)]);
}

export function metaOf(html: string): Record<string, string> {
  const list = metaList(html);
  const names = list.map(([n]) => n);
  assert.equal(new Set(names).size, names.length, `each meta tag once: ${names.join(',')}`);
  return Object.fromEntries(list);
}

export const PUB_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export const $ = (html: string) => cheerio.load(html);

export interface ContentSite {
  env: TestEnv;
  app: App;
  t: Team;
  site: SiteView;
  ids: Record<string, number>;
  files: Record<string, { id: number; url: string; name: string }>;
  get(url: string, headers?: Record<string, string>): ReturnType<typeof injectGet>;
  draft(body: Record<string, unknown>): Promise<number>;
  /** Draft and publish through the two-step review, a minute after the previous one. */
  publish(body: Record<string, unknown>): Promise<number>;
  columnId(name: string, parent?: string): Promise<number>;
  pubRow(id: number): Promise<Awaited<ReturnType<typeof publishedRow>>>;
}

const injectGet = (app: App, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

const publishedRow = (env: TestEnv, id: number) =>
  env.ctx.db.selectFrom('published_items').selectAll().where('content_id', '=', id).executeTakeFirstOrThrow();

export async function contentSite(): Promise<ContentSite> {
  const env = await testEnv();
  const app = env.app;
  const t = await team(app, env.ctx);
  const site = await env.ctx.sites.get(t.siteId);
  const ids: Record<string, number> = {};
  const files: Record<string, { id: number; url: string; name: string }> = {};
  const get = (url: string, headers: Record<string, string> = {}) => injectGet(app, url, headers);
  const upload = (name: string, mime: string, bytes: Buffer) => uploadFile(app, t.editor, t.siteId, name, mime, bytes);
  const draft = async (body: Record<string, unknown>) => {
    const res = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/content`, body);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().id as number;
  };
  const publish = async (body: Record<string, unknown>) => {
    env.clock.advance(MINUTE);
    const id = await draft(body);
    await publishThroughReview(app, t, id);
    return id;
  };
  const columnId = async (name: string, parent?: string) => (await columnByName(env.ctx, name, parent)).id;
  const pubRow = (id: number) => publishedRow(env, id);

  // 综合处's editor also writes in 政策解读 and 领导信息 (led by other divisions) for these tests.
  for (const name of ['政策解读', '领导信息']) {
    await env.ctx.db
      .insertInto('column_grants')
      .values({
        user_id: t.ids.editor!,
        column_id: await columnId(name),
        granted_by: null,
        created_at: env.clock.now().toISOString(),
      })
      .execute();
  }
  files.pdf = await upload('policy-2026-18.pdf', 'application/pdf', PDF);
  files.photo = await upload('leader-zhang.png', 'image/png', PNG);

  ids.article = await publish({
    type: 'article',
    columnId: await columnId('部门动态'),
    title: '市政务办召开全市政务服务工作推进会',
    subtitle: '部署第四季度重点任务',
    source: '市政务办综合处',
    author: '李明',
    summary: '会议部署了第四季度政务服务重点任务。',
    keywords: '政务服务,推进会',
    bodyHtml:
      '<p>11月26日，市政务办召开全市政务服务工作推进会，部署<strong>第四季度</strong>重点任务。</p><h2>会议要求</h2><p>各处室要抓好落实。</p>',
  });
  ids.policy = await publish({
    type: 'policy',
    columnId: await columnId('部门文件'),
    title: '南江市政务服务事项管理办法',
    source: '',
    bodyHtml: '<p>第一条 为规范政务服务事项管理，制定本办法。</p>',
    fields: {
      docNumber: '南政务办发〔2026〕18号',
      issuingOrgan: '南江市政务服务管理办公室',
      writtenDate: '2026-11-20',
      theme: '综合政务',
      validity: '废止',
      validityDate: '2026-12-31',
      disclosureMethod: '主动公开',
      disclosureScope: '面向社会',
    },
    attachments: [{ fileId: files.pdf.id, name: '政务服务事项目录.pdf' }],
  });
  ids.interpretation = await publish({
    type: 'interpretation',
    columnId: await columnId('政策解读'),
    title: '一图读懂《南江市政务服务事项管理办法》',
    bodyHtml: '<p>《办法》共五章二十条，明确了事项管理的职责分工。</p>',
    fields: { form: '图解' },
    policyIds: [ids.policy],
  });
  ids.leader = await publish({
    type: 'leader',
    columnId: await columnId('领导信息'),
    title: '张建国',
    coverFileId: files.photo.id,
    sort: 1,
    fields: {
      post: '党组书记、主任',
      duties: '主持市政务办全面工作。',
      resume: '研究生学历。\n历任市政务办综合处处长、副主任。',
    },
  });
  ids.leader2 = await publish({
    type: 'leader',
    columnId: await columnId('领导信息'),
    title: '王丽华',
    sort: 2,
    fields: { post: '副主任', duties: '负责政务服务中心和电子政务工作。', resume: '大学学历。' },
  });
  ids.page = await publish({
    type: 'page',
    columnId: await columnId('部门简介'),
    title: '部门简介',
    bodyHtml: '<p>南江市政务服务管理办公室是市政府工作部门，负责全市政务服务管理工作。</p>',
  });
  // 依申请提供: only the catalogue entry goes online.
  env.clock.advance(MINUTE);
  ids.onRequest = await draft({
    type: 'policy',
    columnId: await columnId('部门文件'),
    title: '南江市政务服务中心窗口人员考核细则',
    bodyHtml: '<p>考核细则全文。</p>',
    summary: '不应公开的摘要',
    fields: {
      docNumber: '南政务办〔2026〕9号',
      issuingOrgan: '南江市政务服务管理办公室',
      writtenDate: '2025-06-01',
      theme: '劳动、人事、监察',
      validity: '有效',
      disclosureMethod: '依申请公开',
      disclosureScope: '面向特定对象',
    },
  });
  const sub = await submit(app, t, ids.onRequest, '否', '依申请提供');
  assert.equal(sub.statusCode, 200, sub.body);
  await decide(app, t.reviewer, sub.json().id, '同意');
  assert.equal((await decide(app, t.leader, sub.json().id, '同意')).json().state, 'approved');
  return { env, app, t, site, ids, files, get, draft, publish, columnId, pubRow };
}
