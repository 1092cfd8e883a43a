// The public site with content: what a reader and an inspector check on content, column, leader, catalogue,
// feed and map pages, and how fast publication and withdrawal reach them — on this node and on another node
// sharing the database. Items are published through the review API; the tests look for their own items, so
// demo content on the site does not disturb them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { testEnv, call, type TestEnv, DIALECT, columnByName } from '../../../test/helpers.ts';
import { team, publishThroughReview, submit, decide, type Team } from '../../../test/workflow.ts';
import { createContext } from '../../context.ts';
import { buildApp } from '../../app.ts';
import { openPostgres, openSqlite } from '../../platform/db/database.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { MINUTE, shanghaiDate, shanghaiDateTime } from '../../platform/time.ts';
import type { ReviewRequest } from '../../platform/db/schema.ts';
import type { App } from '../../platform/http.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import { assertDocument, assertIdentityFooter, assertSiteMeta, decode, head, hrefs } from './html-testing.ts';
import { fileSizeLabel, fileTypeLabel, pageParam } from './public-pages.ts';
import { negotiate } from './compression.ts';
import { rfc822 } from './feeds.ts';
import { generationKey, type IndexedItem } from './public-content.repository.ts';
import { PublicIndex } from './public-index.ts';
import type { PublicColumn } from './views/types.ts';
import { GenerationSync } from './generation.ts';
import { PDF, PNG, uploadFile } from './attachment-testing.ts';

const SITE_TAGS = ['SiteName', 'SiteDomain', 'SiteIDCode'];
const COLUMN_TAGS = ['ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType'];
const ARTICLE_TAGS = ['ArticleTitle', 'PubDate', 'ContentSource', 'Keywords', 'Description', 'Author', 'Url'];

/** The page's metadata <meta name> tags (not viewport or robots) in document order. */
function metaList(html: string): [string, string][] {
  return [...head(html).matchAll(/<meta name="([^"]+)" content="([^"]*)"\/?>/g)]
    .filter((m) => !['viewport', 'robots'].includes(m[1]!))
    .map((m) => [m[1]!, decode(m[2]!)]);
}

function metaOf(html: string): Record<string, string> {
  const list = metaList(html);
  const names = list.map(([n]) => n);
  assert.equal(new Set(names).size, names.length, `each meta tag once: ${names.join(',')}`);
  return Object.fromEntries(list);
}

const PUB_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('public site with content', () => {
  let env: TestEnv;
  let app: App;
  let t: Team;
  let site: SiteView;
  const ids: Record<string, number> = {};
  const files: Record<string, { id: number; url: string; name: string }> = {};
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const $ = (html: string) => cheerio.load(html);

  const upload = (name: string, mime: string, bytes: Buffer) => uploadFile(app, t.editor, t.siteId, name, mime, bytes);

  async function draft(body: Record<string, unknown>) {
    const res = await call(app, t.editor, 'POST', `/api/sites/${t.siteId}/content`, body);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().id as number;
  }

  /** Draft and publish through the two-step review, a minute after the previous one. */
  async function publish(body: Record<string, unknown>) {
    env.clock.advance(MINUTE);
    const id = await draft(body);
    await publishThroughReview(app, t, id);
    return id;
  }

  async function columnId(name: string, parent?: string) {
    return (await columnByName(env.ctx, name, parent)).id;
  }

  async function pubRow(id: number) {
    return env.ctx.db.selectFrom('published_items').selectAll().where('content_id', '=', id).executeTakeFirstOrThrow();
  }

  before(async () => {
    env = await testEnv();
    app = env.app;
    t = await team(app, env.ctx);
    site = await env.ctx.sites.get(t.siteId);
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
  });
  after(async () => env.close());

  it('gives every page kind exactly its meta tags, each once and non-empty, the document basics and the complete footer', async () => {
    const columnTags = [...SITE_TAGS, ...COLUMN_TAGS];
    const noAuthor = [...columnTags, ...ARTICLE_TAGS.filter((n) => n !== 'Author')];
    const kinds: [string, string[]][] = [
      ['/', SITE_TAGS],
      ['/sitemap/', SITE_TAGS],
      ['/gzdt/bmdt/', columnTags],
      ['/gzdt/', columnTags],
      ['/bmgk/ldxx/', columnTags],
      ['/bmgk/bmjj/', columnTags],
      ['/zwgk/', columnTags],
      ['/zwgk/catalog/', columnTags],
      [`/gzdt/bmdt/${ids.article}.html`, [...columnTags, ...ARTICLE_TAGS]],
      [`/zwgk/jcgk/bmwj/${ids.policy}.html`, noAuthor],
      [`/zwgk/hygq/zcjd/${ids.interpretation}.html`, noAuthor],
      [`/bmgk/ldxx/${ids.leader}.html`, noAuthor],
      [`/bmgk/bmjj/${ids.page}.html`, noAuthor],
      [`/zwgk/jcgk/bmwj/${ids.onRequest}.html`, noAuthor],
    ];
    for (const [url, tags] of kinds) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assertDocument(res.body, url);
      assertSiteMeta(res.body, site, url);
      assertIdentityFooter(res.body, site, url);
      const list = metaList(res.body);
      assert.deepEqual(
        list.map(([n]) => n),
        tags,
        url,
      );
      for (const [name, value] of list) assert.ok(value.trim(), `${url}: ${name} is not empty`);
      if (tags.includes('PubDate')) assert.match(Object.fromEntries(list).PubDate!, PUB_DATE, url);
      if (tags.includes('Url')) assert.equal(Object.fromEntries(list).Url, `http://localhost:80${url}`, url);
    }
  });

  it('serves a content page with the site, column and article tags, each once and in order', async () => {
    const res = await get(`/gzdt/bmdt/${ids.article}.html`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assertDocument(html, 'article');
    assertSiteMeta(html, site, 'article');
    assertIdentityFooter(html, site, 'article');
    assert.deepEqual(
      metaList(html).map(([n]) => n),
      [...SITE_TAGS, ...COLUMN_TAGS, ...ARTICLE_TAGS],
    );
    const meta = metaOf(html);
    const row = await pubRow(ids.article);
    const column = await columnByName(env.ctx, '部门动态');
    assert.equal(meta.ColumnName, '部门动态');
    assert.equal(meta.ColumnType, column.columnType);
    assert.equal(meta.ArticleTitle, '市政务办召开全市政务服务工作推进会');
    // PubDate: the server's time of publication, yyyy-MM-dd HH:mm:ss in Asia/Shanghai (UTC+8).
    assert.match(meta.PubDate!, PUB_DATE);
    assert.equal(meta.PubDate, shanghaiDateTime(row.pub_date));
    const utc = new Date(row.pub_date);
    assert.equal(meta.PubDate!.slice(11, 13), String((utc.getUTCHours() + 8) % 24).padStart(2, '0'));
    assert.equal(meta.ContentSource, '市政务办综合处');
    assert.equal(meta.Keywords, '政务服务,推进会');
    assert.equal(meta.Description, '会议部署了第四季度政务服务重点任务。');
    assert.equal(meta.Author, '李明');
    assert.equal(meta.Url, `http://localhost:80/gzdt/bmdt/${ids.article}.html`);
    assert.match(html, /<title>市政务办召开全市政务服务工作推进会_部门动态_南江市政务服务管理办公室<\/title>/);

    const doc = $(html);
    assert.equal(doc('h1').text(), '市政务办召开全市政务服务工作推进会');
    assert.equal(doc('.article-subtitle').text(), '部署第四季度重点任务');
    assert.equal(doc('.pub-date').text(), `发布时间：${meta.PubDate}`);
    assert.equal(doc('.updated-at').length, 0, 'never updated: no 更新时间');
    assert.equal(doc('.source').text(), '来源：市政务办综合处');
    // The stored (sanitised) body as it is, not escaped again.
    assert.ok(
      html.includes(
        '<div class="article-body"><p>11月26日，市政务办召开全市政务服务工作推进会，部署<strong>第四季度</strong>重点任务。</p><h2>会议要求</h2>',
      ),
    );
    // No third-party share buttons or trackers: every script is ours or the national 找错 script.
    for (const src of doc('script[src]')
      .map((_, el) => doc(el).attr('src'))
      .get()) {
      assert.ok(src.startsWith('/assets/') || src.startsWith('https://zfwzgl.www.gov.cn/'), src);
    }
    assert.doesNotMatch(html, /<iframe|share|hm\.baidu|google-analytics|cnzz/i);
    const crumbs = doc('nav[aria-label="当前位置"] a')
      .map((_, el) => doc(el).attr('href'))
      .get();
    assert.deepEqual(crumbs, ['/', '/gzdt/', '/gzdt/bmdt/']);
  });

  it('falls back to the sponsor for ContentSource and to the body text for Description', async () => {
    const html = (await get(`/zwgk/hygq/zcjd/${ids.interpretation}.html`)).body;
    const meta = metaOf(html);
    assert.equal(meta.ContentSource, site.sponsor);
    assert.equal(meta.Description, '《办法》共五章二十条，明确了事项管理的职责分工。');
    assert.equal(meta.Author, undefined);
    assert.deepEqual(
      metaList(html).map(([n]) => n),
      [...SITE_TAGS, ...COLUMN_TAGS, ...ARTICLE_TAGS.filter((n) => n !== 'Author')],
    );
    assert.equal($(html)('.source').text(), `来源：${site.sponsor}`);
  });

  it('shows a policy document with its metadata block, downloadable attachment and its interpretation; and back', async () => {
    const url = `/zwgk/jcgk/bmwj/${ids.policy}.html`;
    const html = (await get(url)).body;
    assertDocument(html, url);
    const doc = $(html);
    const row = await pubRow(ids.policy);
    assert.equal(doc('table.doc-meta caption').text(), '文件信息');
    const cells = Object.fromEntries(
      doc('table.doc-meta tr')
        .map((_, tr) => [[doc(tr).find('th[scope="row"]').text(), doc(tr).find('td').text()]])
        .get() as [string, string][],
    );
    assert.deepEqual(cells, {
      索引号: row.index_no,
      发文机关: '南江市政务服务管理办公室',
      文号: '南政务办发〔2026〕18号',
      成文日期: '2026-11-20',
      发布日期: shanghaiDate(row.pub_date),
      主题分类: '综合政务',
      有效性: '废止（废止日期：2026-12-31）',
      公开方式: '主动公开',
      公开范围: '面向社会',
    });
    assert.ok(row.index_no);
    // The attachment: name, type in words, size, and it downloads.
    const link = doc('.attachments li a');
    assert.equal(link.text(), '政务服务事项目录.pdf');
    assert.equal(link.attr('href'), files.pdf.url);
    assert.equal(doc('.attachments .file-meta').text(), `（PDF文档，${fileSizeLabel(PDF.length)}）`);
    assert.equal(fileSizeLabel(PDF.length), '3.0 KB');
    const download = await get(link.attr('href')!);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.rawPayload.length, PDF.length);
    // 解读关联 both ways.
    const related = doc('section.related');
    assert.equal(related.find('h2').text(), '相关解读');
    assert.deepEqual(
      related
        .find('a')
        .map((_, a) => doc(a).attr('href'))
        .get(),
      [`/zwgk/hygq/zcjd/${ids.interpretation}.html`],
    );
    const back = $((await get(`/zwgk/hygq/zcjd/${ids.interpretation}.html`)).body);
    assert.equal(back('section.related h2').text(), '解读的文件');
    assert.deepEqual(
      back('section.related a')
        .map((_, a) => back(a).attr('href'))
        .get(),
      [url],
    );
    assert.equal(back('section.related a').text(), '南江市政务服务事项管理办法');
  });

  it('shows only the catalogue entry and how to apply for a 依申请提供 item', async () => {
    const url = `/zwgk/jcgk/bmwj/${ids.onRequest}.html`;
    const res = await get(url);
    assert.equal(res.statusCode, 200);
    assertDocument(res.body, url);
    const doc = $(res.body);
    assert.equal(doc('.article-body').length, 0);
    assert.doesNotMatch(res.body, /考核细则全文|不应公开的摘要/);
    assert.equal(doc('table.doc-meta caption').text(), '信息目录');
    assert.match(doc('table.doc-meta').text(), /依申请公开/);
    const notice = doc('section.apply-notice');
    assert.equal(notice.find('h2').text(), '依申请公开');
    assert.equal(notice.find('a').attr('href'), '/zwgk/ysqgk/');
    const meta = metaOf(res.body);
    assert.equal(meta.Description, '南江市政务服务中心窗口人员考核细则');
    assert.deepEqual(
      metaList(res.body).map(([n]) => n),
      [...SITE_TAGS, ...COLUMN_TAGS, ...ARTICLE_TAGS.filter((n) => n !== 'Author')],
    );
  });

  it('lists items with dates on column pages, with the sub-column navigation and the RSS link', async () => {
    const html = (await get('/gzdt/bmdt/')).body;
    assertDocument(html, '/gzdt/bmdt/');
    assertIdentityFooter(html, site, '/gzdt/bmdt/');
    assert.deepEqual(
      metaList(html).map(([n]) => n),
      [...SITE_TAGS, ...COLUMN_TAGS],
    );
    const doc = $(html);
    const item = doc(`.item-list a[href="/gzdt/bmdt/${ids.article}.html"]`);
    assert.equal(item.text(), '市政务办召开全市政务服务工作推进会');
    const time = item.parent().find('time');
    assert.equal(time.text(), shanghaiDate((await pubRow(ids.article)).pub_date));
    assert.match(time.text(), /^\d{4}-\d{2}-\d{2}$/);
    assert.match(
      html,
      /<link rel="alternate" type="application\/rss\+xml" title="部门动态 RSS" href="\/gzdt\/bmdt\/rss\.xml"\/>/,
    );
    assert.equal(doc('a[type="application/rss+xml"]').attr('href'), '/gzdt/bmdt/rss.xml');
    // A list column with children but no own items shows the children's newest items, grouped.
    const group = $((await get('/zwgk/jcgk/')).body);
    const bmwj = group('section.item-group').filter((_, s) => group(s).find('h2').text() === '部门文件');
    assert.equal(bmwj.length, 1);
    assert.ok(
      bmwj
        .find('a')
        .map((_, a) => group(a).attr('href'))
        .get()
        .includes(`/zwgk/jcgk/bmwj/${ids.policy}.html`),
    );
  });

  it('shows the newest page item as the body of a single-page column', async () => {
    const html = (await get('/bmgk/bmjj/')).body;
    assertDocument(html, '/bmgk/bmjj/');
    assert.match(
      html,
      /<section class="page-body"[^>]*><div class="page-content" data-content-id="\d+"><div class="article-body"><p>南江市政务服务管理办公室是市政府工作部门/,
    );
  });

  it('lists leaders in their order with photo or placeholder, post and duties; a leader page has the résumé', async () => {
    const html = (await get('/bmgk/ldxx/')).body;
    assertDocument(html, '/bmgk/ldxx/');
    const doc = $(html);
    const cards = doc('li.leader-card');
    const names = cards.map((_, c) => doc(c).find('.leader-name').text()).get();
    assert.ok(names.indexOf('张建国') >= 0 && names.indexOf('张建国') < names.indexOf('王丽华'), names.join());
    const zhang = cards.filter((_, c) => doc(c).find('.leader-name').text() === '张建国');
    assert.equal(zhang.find('img').attr('src'), files.photo.url);
    assert.equal(zhang.find('img').attr('alt'), '张建国照片');
    assert.equal(zhang.find('.leader-post').text(), '党组书记、主任');
    assert.equal(zhang.find('.leader-duties').text(), '分工：主持市政务办全面工作。');
    const wang = cards.filter((_, c) => doc(c).find('.leader-name').text() === '王丽华');
    assert.match(wang.find('img').attr('src')!, /^\/assets\/leader-placeholder\.[0-9a-f]{10}\.svg$/);
    assert.equal(wang.find('img').attr('alt'), '暂无照片');
    assert.equal((await get(wang.find('img').attr('src')!)).statusCode, 200);

    const page = $((await get(zhang.find('a').attr('href')!)).body);
    assert.equal(page('h1').text(), '张建国');
    assert.deepEqual(
      page('.leader-facts dt')
        .map((_, e) => page(e).text())
        .get(),
      ['姓名', '职务', '分工'],
    );
    assert.deepEqual(
      page('.leader-facts dd')
        .map((_, e) => page(e).text())
        .get(),
      ['张建国', '党组书记、主任', '主持市政务办全面工作。'],
    );
    assert.deepEqual(
      page('.leader-resume p')
        .map((_, e) => page(e).text())
        .get(),
      ['研究生学历。', '历任市政务办综合处处长、副主任。'],
    );
    assert.equal(page('.leader-profile img').attr('src'), files.photo.url);
  });

  it('shows the newest items of the dynamic columns on the home page', async () => {
    const html = (await get('/')).body;
    assertDocument(html, '/');
    assert.deepEqual(
      metaList(html).map(([n]) => n),
      SITE_TAGS,
    );
    const doc = $(html);
    const blocks = doc('section.news-block');
    const names = blocks.map((_, b) => doc(b).find('h3').text()).get();
    for (const name of ['部门动态', '通知公告', '服务动态', '党建动态']) assert.ok(names.includes(name), name);
    const news = blocks.filter((_, b) => doc(b).find('h3').text() === '部门动态');
    const link = news.find(`a[href="/gzdt/bmdt/${ids.article}.html"]`);
    assert.equal(link.length, 1);
    assert.match(link.parent().find('time').text(), /^\d{4}-\d{2}-\d{2}$/);
    const entries = doc('a.entry')
      .map((_, a) => doc(a).attr('data-entry'))
      .get();
    assert.deepEqual(entries, ['政务公开', '办事服务', '互动交流', '公众调查', '党务公开', '三服务']);
    assert.equal(doc('form[role="search"] input[name="q"]').length, 1);
  });

  it('makes the 政务公开 page the entrance of the 政府信息公开 platform', async () => {
    const html = (await get('/zwgk/')).body;
    assertDocument(html, '/zwgk/');
    assert.deepEqual(
      metaList(html).map(([n]) => n),
      [...SITE_TAGS, ...COLUMN_TAGS],
    );
    const doc = $(html);
    const entries = Object.fromEntries(
      doc('a[data-platform]')
        .map((_, a) => [[doc(a).attr('data-platform'), doc(a).attr('href')]])
        .get() as [string, string][],
    );
    assert.deepEqual(entries, {
      政府信息公开指南: '/zwgk/gkzn/',
      政府信息公开制度: '/zwgk/gkzd/',
      政府信息公开年度报告: '/zwgk/ndbg/',
      主动公开目录: '/zwgk/catalog/',
      依申请公开: '/zwgk/ysqgk/',
    });
    const statutory = doc('.statutory a')
      .map((_, a) => doc(a).attr('href'))
      .get();
    for (const path of ['/zwgk/jcgk/', '/zwgk/jcgk/zcfg/', '/zwgk/hygq/zcjd/'])
      assert.ok(statutory.includes(path), path);
  });

  it('offers the 主动公开目录 with filters by 索引号, 主题分类, 发文机关, year and validity', async () => {
    const policy = await pubRow(ids.policy);
    const rowsOf = async (query: string) => {
      const res = await get(`/zwgk/catalog/${query}`);
      assert.equal(res.statusCode, 200, query);
      const doc = $(res.body);
      return {
        doc,
        html: res.body,
        titles: doc('table.catalog-table tbody tr td:nth-child(2) a')
          .map((_, a) => doc(a).text())
          .get(),
      };
    };
    const all = await rowsOf('');
    assertDocument(all.html, '/zwgk/catalog/');
    assertIdentityFooter(all.html, site, '/zwgk/catalog/');
    const meta = metaOf(all.html);
    assert.equal(meta.ColumnName, '主动公开目录');
    assert.equal(meta.ColumnType, '信息公开');
    assert.deepEqual(
      all
        .doc('table.catalog-table thead th')
        .map((_, th) => all.doc(th).text())
        .get(),
      ['索引号', '名称', '发文机关', '文号', '成文日期', '发布日期', '有效性'],
    );
    assert.equal(all.doc('table.catalog-table thead th[scope="col"]').length, 7);
    assert.match(all.doc('table.catalog-table caption').text(), /^主动公开目录（共 \d+ 条）$/);
    assert.equal(all.doc('form.catalog-form').attr('method'), 'get');
    for (const name of ['title', 'indexNo', 'theme', 'organ', 'year', 'validity']) {
      const field = all.doc(`form.catalog-form [name="${name}"]`);
      assert.equal(field.length, 1, name);
      assert.equal(all.doc(`label[for="${field.attr('id')}"]`).length, 1, `${name} has a label`);
    }
    const row = all
      .doc('table.catalog-table tbody tr')
      .filter((_, tr) => all.doc(tr).find('a').text() === '南江市政务服务事项管理办法');
    assert.deepEqual(
      row
        .find('td')
        .map((_, td) => all.doc(td).text())
        .get(),
      [
        policy.index_no,
        '南江市政务服务事项管理办法',
        '南江市政务服务管理办公室',
        '南政务办发〔2026〕18号',
        '2026-11-20',
        shanghaiDate(policy.pub_date),
        '废止',
      ],
    );
    assert.ok(
      all.titles.includes('南江市政务服务中心窗口人员考核细则'),
      'catalogue entries of 依申请提供 documents are listed too',
    );
    assert.ok(!all.titles.includes('市政务办召开全市政务服务工作推进会'), 'items without 索引号 are not');

    const byIndex = await rowsOf(`?indexNo=${encodeURIComponent(policy.index_no!)}`);
    assert.deepEqual(byIndex.titles, ['南江市政务服务事项管理办法']);
    assert.equal(byIndex.doc('input[name="indexNo"]').attr('value'), policy.index_no, 'the filter stays in the form');
    assert.match(byIndex.doc('caption').text(), /^检索结果（共 1 条）$/);
    const none = await rowsOf('?indexNo=NO-SUCH-INDEX');
    assert.deepEqual(none.titles, []);
    assert.equal(none.doc('.empty-state').text(), '没有符合条件的信息');

    const byTheme = await rowsOf(`?theme=${encodeURIComponent('综合政务')}`);
    assert.ok(byTheme.titles.includes('南江市政务服务事项管理办法'));
    assert.ok(!byTheme.titles.includes('南江市政务服务中心窗口人员考核细则'));
    assert.equal(byTheme.doc('select[name="theme"] option[selected]').attr('value'), '综合政务');
    const otherTheme = await rowsOf(`?theme=${encodeURIComponent('劳动、人事、监察')}`);
    assert.ok(otherTheme.titles.includes('南江市政务服务中心窗口人员考核细则'));
    assert.ok(!otherTheme.titles.includes('南江市政务服务事项管理办法'));

    const byOrgan = await rowsOf(`?organ=${encodeURIComponent('南江市政务服务管理办公室')}`);
    assert.ok(byOrgan.titles.includes('南江市政务服务事项管理办法'));
    assert.deepEqual((await rowsOf(`?organ=${encodeURIComponent('某某局')}`)).titles, []);

    const y2026 = await rowsOf('?year=2026');
    assert.ok(y2026.titles.includes('南江市政务服务事项管理办法'));
    assert.ok(!y2026.titles.includes('南江市政务服务中心窗口人员考核细则'), 'the year is that of 成文日期 (2025)');
    assert.ok((await rowsOf('?year=2025')).titles.includes('南江市政务服务中心窗口人员考核细则'));
    assert.equal(y2026.doc('select[name="year"] option[selected]').attr('value'), '2026');

    const repealed = await rowsOf(`?validity=${encodeURIComponent('废止')}`);
    assert.ok(repealed.titles.includes('南江市政务服务事项管理办法'));
    assert.ok(!repealed.titles.includes('南江市政务服务中心窗口人员考核细则'));
    const valid = await rowsOf(
      `?validity=${encodeURIComponent('有效')}&theme=${encodeURIComponent('劳动、人事、监察')}`,
    );
    assert.ok(valid.titles.includes('南江市政务服务中心窗口人员考核细则'));
    assert.ok(!valid.titles.includes('南江市政务服务事项管理办法'));

    // Pagination: a page beyond the last is 404, and so is a page number that is not one.
    const total = Number(/共 (\d+) 条/.exec(all.doc('caption').text())![1]);
    assert.equal((await get(`/zwgk/catalog/?page=${Math.ceil(total / 20) + 1}`)).statusCode, 404);
    assert.equal((await get('/zwgk/catalog/?page=0')).statusCode, 404);
    assert.equal((await get('/zwgk/catalog')).headers.location, '/zwgk/catalog/');
  });

  it('paginates column lists: 20 per page, rel prev/next, page count, 404 beyond the end', async () => {
    const column = await columnByName(env.ctx, '最多跑一次改革');
    const created: number[] = [];
    for (let i = 1; i <= 21; i++) {
      env.clock.advance(MINUTE);
      const id = await draft({
        type: 'article',
        columnId: column.id,
        title: `“最多跑一次”改革进展第${i}期`,
        bodyHtml: `<p>第${i}期进展。</p>`,
      });
      // Published through PublicationService itself (the review steps are tested elsewhere), then listeners run.
      await env.ctx.db.transaction().execute((trx) =>
        env.ctx.publication.onApproved(trx, SYSTEM_ACTOR, {
          content_id: id,
          content_version: 1,
          release_form: '网站公开',
          secret: '否',
        } as ReviewRequest),
      );
      await env.ctx.publication.flushChanges();
      created.push(id);
    }
    const first = await get('/gzdt/zdpyc/');
    const doc = $(first.body);
    const count = /共 (\d+) 条，第 1 \/ (\d+) 页/.exec(doc('nav.pagination .page-count').text());
    assert.ok(count, doc('nav.pagination').text());
    const [total, pages] = [Number(count[1]), Number(count[2])];
    assert.ok(total >= 21);
    assert.equal(pages, Math.ceil(total / 20));
    assert.equal(doc('ul.items li').length, 20);
    assert.equal(doc('nav.pagination').attr('aria-label'), '分页');
    // Newest first: the last one published heads the list.
    assert.equal(doc('ul.items li a').first().attr('href'), `/gzdt/zdpyc/${created[20]}.html`);
    assert.match(first.body, /<link rel="next" href="\/gzdt\/zdpyc\/\?page=2"\/>/);
    assert.doesNotMatch(first.body, /<link rel="prev"/);
    assert.equal(doc('nav.pagination a[rel="next"]').attr('href'), '/gzdt/zdpyc/?page=2');

    const last = await get(`/gzdt/zdpyc/?page=${pages}`);
    assert.equal(last.statusCode, 200);
    assertDocument(last.body, 'last page');
    const lastDoc = $(last.body);
    assert.equal(lastDoc('nav.pagination a[aria-current="page"]').text(), String(pages));
    assert.match(
      last.body,
      new RegExp(`<link rel="prev" href="/gzdt/zdpyc/${pages === 2 ? '"' : `\\?page=${pages - 1}"`}`),
    );
    assert.doesNotMatch(last.body, /<link rel="next"/);
    assert.equal(lastDoc('ul.items li').length, total - (pages - 1) * 20);
    assert.equal(lastDoc('meta[name="ColumnName"]').attr('content'), '最多跑一次改革');
    for (const bad of [`?page=${pages + 1}`, '?page=0', '?page=-1', '?page=abc', '?page=1.5']) {
      const res = await get(`/gzdt/zdpyc/${bad}`);
      assert.equal(res.statusCode, 404, bad);
      assert.match(res.body, /抱歉，您访问的页面不存在/);
    }
    // Previous/next item on a content page: the neighbours in the column's list.
    const middle = $((await get(`/gzdt/zdpyc/${created[10]}.html`)).body);
    assert.equal(middle('nav.prev-next a[rel="prev"]').attr('href'), `/gzdt/zdpyc/${created[11]}.html`);
    assert.equal(middle('nav.prev-next a[rel="next"]').attr('href'), `/gzdt/zdpyc/${created[9]}.html`);
  });

  it('publishes an RSS 2.0 feed per dynamic column', async () => {
    const res = await get('/gzdt/bmdt/rss.xml', { host: 'zwb.nanjiang.gov.cn' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/rss\+xml; charset=utf-8/);
    assert.ok(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
    const x = cheerio.load(res.body, { xml: true });
    assert.equal(x('rss').attr('version'), '2.0');
    assert.equal(x('rss > channel > title').text(), '部门动态_南江市政务服务管理办公室');
    assert.equal(x('rss > channel > link').text(), 'http://zwb.nanjiang.gov.cn/gzdt/bmdt/');
    assert.ok(x('rss > channel > description').text());
    const items = x('rss > channel > item');
    assert.ok(items.length >= 1);
    items.each((_, item) => {
      for (const tag of ['title', 'link', 'pubDate', 'description']) assert.equal(x(item).find(tag).length, 1, tag);
      assert.match(
        x(item).find('pubDate').text(),
        /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/,
      );
    });
    const ours = items.filter(
      (_, item) => x(item).find('link').text() === `http://zwb.nanjiang.gov.cn/gzdt/bmdt/${ids.article}.html`,
    );
    assert.equal(ours.find('title').text(), '市政务办召开全市政务服务工作推进会');
    assert.equal(ours.find('description').text(), '会议部署了第四季度政务服务重点任务。');
    assert.equal(ours.find('pubDate').text(), rfc822((await pubRow(ids.article)).pub_date));
    // Only dynamic columns have feeds.
    assert.equal((await get('/bmgk/ldxx/rss.xml')).statusCode, 404);
    assert.equal((await get('/gzdt/tzgg/rss.xml')).statusCode, 200);
  });

  it('lists every published content page in sitemap.xml with its lastmod', async () => {
    const xml = (await get('/sitemap.xml', { host: 'zwb.nanjiang.gov.cn' })).body;
    const x = cheerio.load(xml, { xml: true });
    const entries = new Map(
      x('url')
        .map((_, u) => [[x(u).find('loc').text(), x(u).find('lastmod').text()]])
        .get() as [string, string][],
    );
    for (const [key, path] of [
      ['article', '/gzdt/bmdt/'],
      ['policy', '/zwgk/jcgk/bmwj/'],
      ['interpretation', '/zwgk/hygq/zcjd/'],
      ['leader', '/bmgk/ldxx/'],
      ['page', '/bmgk/bmjj/'],
      ['onRequest', '/zwgk/jcgk/bmwj/'],
    ] as const) {
      const row = await pubRow(ids[key]!);
      assert.equal(
        entries.get(`http://zwb.nanjiang.gov.cn${path}${ids[key]}.html`),
        row.updated_at ?? row.pub_date,
        key,
      );
    }
    assert.ok(entries.has('http://zwb.nanjiang.gov.cn/zwgk/catalog/'));
  });

  it('shows a new item on its column page, the home page and the sitemap at once, and keeps unrelated pages cached', async () => {
    const unrelated = await get('/gzdc/');
    const leaderPage = await get(`/bmgk/ldxx/${ids.leader}.html`);
    const beforeList = await get('/gzdt/bmdt/');
    const previousNewest = `/gzdt/bmdt/${ids.article}.html`;
    await get(previousNewest);
    await new Promise((r) => setTimeout(r, 20));

    const started = Date.now();
    const id = await publish({
      type: 'article',
      columnId: await columnId('部门动态'),
      title: '市政务办开展窗口服务满意度测评',
      bodyHtml: '<p>满意度测评结果良好。</p>',
    });
    const path = `/gzdt/bmdt/${id}.html`;
    const [list, home, sitemap, page, rss, neighbour] = await Promise.all([
      get('/gzdt/bmdt/'),
      get('/'),
      get('/sitemap.xml'),
      get(path),
      get('/gzdt/bmdt/rss.xml'),
      get(previousNewest),
    ]);
    assert.ok(Date.now() - started < 1000, 'within one second of approval');
    assert.ok(list.body.includes(`href="${path}"`), 'column page');
    assert.notEqual(list.headers.etag, beforeList.headers.etag);
    assert.ok(
      new Date(String(list.headers['last-modified'])) > new Date(String(beforeList.headers['last-modified'])),
      'Last-Modified moves forward',
    );
    assert.ok(home.body.includes(`href="${path}"`), 'home page');
    assert.ok(sitemap.body.includes(`<loc>http://localhost:80${path}</loc>`), 'sitemap.xml');
    assert.ok(rss.body.includes(`<link>http://localhost:80${path}</link>`), 'RSS');
    assert.equal(page.statusCode, 200);
    assert.equal(
      $(neighbour.body)('nav.prev-next a[rel="prev"]').attr('href'),
      path,
      'the previous newest item links to the new one',
    );
    // Pages the item does not touch stay in the cache: same render, same Last-Modified.
    for (const [url, res] of [
      ['/gzdc/', unrelated],
      [`/bmgk/ldxx/${ids.leader}.html`, leaderPage],
    ] as const) {
      const again = await get(url);
      assert.equal(again.headers['last-modified'], res.headers['last-modified'], url);
      assert.equal(again.headers.etag, res.headers.etag, url);
    }
    ids.fresh = id;
  });

  it('shows 更新时间 when a published item is changed and published again, keeping its PubDate', async () => {
    const path = `/gzdt/bmdt/${ids.fresh}.html`;
    const first = await pubRow(ids.fresh!);
    assert.equal(first.updated_at, null);
    env.clock.advance(MINUTE);
    const detail = (await call(app, t.editor, 'GET', `/api/content/${ids.fresh}`)).json();
    const put = await call(app, t.editor, 'PUT', `/api/content/${ids.fresh}`, {
      columnId: detail.columnId,
      title: detail.title,
      bodyHtml: '<p>满意度测评结果良好，群众满意率达99%。</p>',
      note: '补充数据',
    });
    assert.equal(put.statusCode, 200, put.body);
    await publishThroughReview(app, t, ids.fresh!);
    const row = await pubRow(ids.fresh!);
    assert.ok(row.updated_at);
    const html = (await get(path)).body;
    const doc = $(html);
    assert.equal(doc('.updated-at').text(), `更新时间：${shanghaiDateTime(row.updated_at)}`);
    assert.equal(metaOf(html).PubDate, shanghaiDateTime(first.pub_date), 'PubDate stays the first publication');
    assert.ok(html.includes('群众满意率达99%'));
    assert.ok(
      (await get('/sitemap.xml')).body.includes(
        `<loc>http://localhost:80${path}</loc><lastmod>${row.updated_at}</lastmod>`,
      ),
    );
  });

  it('takes a withdrawn item off at once: its page is 404 and it leaves lists, the home page, feeds and the sitemap', async () => {
    const path = `/gzdt/bmdt/${ids.fresh}.html`;
    assert.equal((await get(path)).statusCode, 200);
    const res = await call(app, t.editor, 'POST', `/api/content/${ids.fresh}/withdraw`, { reason: '信息有误，撤回' });
    assert.equal(res.statusCode, 200, res.body);
    const gone = await get(path);
    assert.equal(gone.statusCode, 404);
    assert.match(gone.body, /抱歉，您访问的页面不存在/);
    for (const url of ['/gzdt/bmdt/', '/', '/sitemap.xml', '/gzdt/bmdt/rss.xml', '/gzdt/']) {
      assert.ok(!(await get(url)).body.includes(path), url);
    }
    // Withdrawing the policy document removes the link from its interpretation too (only published sides show).
    const interpretation = `/zwgk/hygq/zcjd/${ids.interpretation}.html`;
    assert.ok((await get(interpretation)).body.includes('解读的文件'));
    assert.equal(
      (await call(app, t.editor, 'POST', `/api/content/${ids.policy}/withdraw`, { reason: '文件已废止，撤下' }))
        .statusCode,
      200,
    );
    const after = await get(interpretation);
    assert.equal(after.statusCode, 200);
    assert.ok(!after.body.includes('解读的文件'));
    assert.ok(!after.body.includes(`/zwgk/jcgk/bmwj/${ids.policy}.html`));
    assert.ok(!(await get('/zwgk/catalog/')).body.includes('南江市政务服务事项管理办法'));
    assert.equal((await get(files.pdf.url)).statusCode, 404, 'its attachment is no longer public');
  });

  it('compresses HTML, XML, CSS and JS with br or gzip, once per cached page, and answers 304s', async () => {
    const plain = await get('/gzdt/bmdt/');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(String(plain.headers.vary), /Accept-Encoding/);
    const br = await get('/gzdt/bmdt/', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), plain.body);
    assert.ok(br.rawPayload.length < plain.rawPayload.length / 2);
    const gz = await get('/gzdt/bmdt/', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString('utf8'), plain.body);
    assert.equal((await get('/gzdt/bmdt/', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding'], 'gzip');
    // Each representation has its own validator; any of them revalidates the page.
    assert.notEqual(br.headers.etag, plain.headers.etag);
    assert.notEqual(gz.headers.etag, br.headers.etag);
    const again = await get('/gzdt/bmdt/', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    // Last-Modified / If-Modified-Since.
    const lastModified = String(plain.headers['last-modified']);
    assert.match(lastModified, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal((await get('/gzdt/bmdt/', { 'if-modified-since': lastModified })).statusCode, 304);
    const older = new Date(Date.parse(lastModified) - 3600_000).toUTCString();
    assert.equal((await get('/gzdt/bmdt/', { 'if-modified-since': older })).statusCode, 200);
    // If-None-Match wins over If-Modified-Since.
    assert.equal(
      (await get('/gzdt/bmdt/', { 'if-modified-since': lastModified, 'if-none-match': '"other"' })).statusCode,
      200,
    );

    for (const url of ['/sitemap.xml', `/bmgk/ldxx/${ids.leader}.html`, '/gzdt/bmdt/rss.xml']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      // Responses below the compression threshold are sent as they are.
      assert.ok(res.headers['content-encoding'] === 'br' || res.rawPayload.length < 1024, url);
    }
    const html = plain.body;
    const css = /href="(\/assets\/portal\.[0-9a-f]{10}\.css)"/.exec(html)![1]!;
    const cssBr = await get(css, { 'accept-encoding': 'br' });
    assert.equal(cssBr.headers['content-encoding'], 'br');
    assert.equal(cssBr.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(brotliDecompressSync(cssBr.rawPayload).toString('utf8'), /body\.care/);
    assert.equal((await get(css, { 'if-none-match': String((await get(css)).headers.etag) })).statusCode, 304);
    const js = /src="(\/assets\/portal\.[0-9a-f]{10}\.js)"/.exec(html)![1]!;
    const jsRes = await get(js, { 'accept-encoding': 'gzip' });
    // The script is small: below the threshold it is sent as it is.
    assert.ok(jsRes.headers['content-encoding'] === 'gzip' || jsRes.rawPayload.length < 1024);
    // Small bodies are not compressed.
    assert.equal((await get('/robots.txt', { 'accept-encoding': 'br' })).headers['content-encoding'], undefined);
  });

  it("shows one node's publication and withdrawal on another node sharing the database within about a second", async (testContext) => {
    const dbh = DIALECT === 'sqlite' ? openSqlite(env.ctx.dbh.file!) : openPostgres(env.ctx.dbh.url!, 2);
    const ctx2 = await createContext(env.config, { dbh, clock: env.clock, migrate: false });
    const app2 = await buildApp(ctx2, { logger: false });
    testContext.after(() => app2.close());
    testContext.after(() => dbh.close());
    const get2 = (url: string) => app2.inject({ method: 'GET', url });
    // Node 2 renders and caches the pages.
    assert.equal((await get2('/gzdt/bmdt/')).statusCode, 200);
    await get2('/');
    const generation = async () =>
      Number(
        (
          await env.ctx.db
            .selectFrom('settings')
            .select('value')
            .where('key', '=', generationKey(t.siteId))
            .executeTakeFirstOrThrow()
        ).value,
      );
    const before = await generation();

    const id = await publish({
      type: 'article',
      columnId: await columnId('部门动态'),
      title: '市政务办举办政务服务技能竞赛',
      bodyHtml: '<p>竞赛圆满结束。</p>',
    });
    const approvedAt = Date.now();
    assert.equal(await generation(), before + 1, 'the publishing node bumped the generation');
    const path = `/gzdt/bmdt/${id}.html`;
    const waitFor = async (test: () => Promise<boolean>) => {
      while (!(await test())) {
        assert.ok(Date.now() - approvedAt < 1500, 'seen on node 2 within ~1 s');
        await new Promise((r) => setTimeout(r, 50));
      }
      return Date.now() - approvedAt;
    };
    await waitFor(async () => (await get2('/gzdt/bmdt/')).body.includes(`href="${path}"`));
    assert.ok((await get2('/')).body.includes(`href="${path}"`));
    assert.equal((await get2(path)).statusCode, 200);

    assert.equal(
      (await call(app, t.editor, 'POST', `/api/content/${id}/withdraw`, { reason: '重复发布，撤回' })).statusCode,
      200,
    );
    const withdrawnAt = Date.now();
    while ((await get2(path)).statusCode !== 404) {
      assert.ok(Date.now() - withdrawnAt < 1500, 'withdrawal seen on node 2 within ~1 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(!(await get2('/gzdt/bmdt/')).body.includes(`href="${path}"`));
  });
});

describe('publication generation across nodes', () => {
  let env: TestEnv;
  before(async () => {
    env = await testEnv({ demo: false });
  });
  after(async () => env.close());

  it("lets a node see another node's change, and concurrent bumps never hide one from the other", async () => {
    const stale = { a: 0, b: 0 };
    const a = new GenerationSync(
      env.ctx.db,
      () => {
        stale.a += 1;
      },
      { intervalMs: 0 },
    );
    const b = new GenerationSync(
      env.ctx.db,
      () => {
        stale.b += 1;
      },
      { intervalMs: 0 },
    );
    const siteId = 424242;
    await a.check(siteId);
    await b.check(siteId);
    assert.deepEqual(stale, { a: 0, b: 0 });
    await a.bump(siteId, new Date().toISOString());
    assert.equal(stale.a, 0, 'its own change: the node invalidated precisely already');
    await b.check(siteId);
    assert.equal(stale.b, 1, 'the other node drops its cache');
    await a.check(siteId);
    assert.equal(stale.a, 0);
    // Both change the site at once: each ends up knowing the other changed it too.
    await Promise.all([a.bump(siteId, new Date().toISOString()), b.bump(siteId, new Date().toISOString())]);
    await Promise.all([a.check(siteId), b.check(siteId)]);
    assert.deepEqual(stale, { a: 1, b: 2 }, "each node dropped its cache once for the other's change");
    const c = new GenerationSync(env.ctx.db, () => assert.fail('not expected'), { intervalMs: 60_000 });
    await c.check(siteId);
    assert.equal(c.check(siteId), undefined, 'within the interval a node does not look again');
  });
});

describe('public site units', () => {
  it('labels files by type and size', () => {
    assert.equal(fileTypeLabel('application/pdf'), 'PDF文档');
    assert.equal(fileTypeLabel('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'Word文档');
    assert.equal(fileTypeLabel('application/msword'), 'Word文档');
    assert.equal(fileTypeLabel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 'Excel表格');
    assert.equal(fileTypeLabel('application/vnd.ms-excel'), 'Excel表格');
    assert.equal(fileTypeLabel('image/png'), '图片');
    assert.equal(fileTypeLabel('application/octet-stream'), '文件');
    assert.equal(fileSizeLabel(500), '0.5 KB');
    assert.equal(fileSizeLabel(12_345), '12.1 KB');
    assert.equal(fileSizeLabel(3_456_789), '3.30 MB');
  });

  it('keeps the index in list order and applies a publication or withdrawal to it', () => {
    const col = (id: number, path: string, columnType = '动态要闻', children: PublicColumn[] = []) =>
      ({ id, path, columnType, kind: 'list', children, parentId: null }) as unknown as PublicColumn;
    const child = col(2, '/a/b/');
    const leaders = col(3, '/ldxx/', '领导信息');
    const parent = col(1, '/a/', '动态要闻', [child]);
    const columns = new Map([
      [1, parent],
      [2, child],
      [3, leaders],
    ]);
    const item = (id: number, columnId: number, pubDate: string, extra: number[] = [], sort = 0): IndexedItem => ({
      id,
      siteId: 1,
      columnId,
      columnIds: [columnId, ...extra],
      type: 'article',
      title: `t${id}`,
      summary: '',
      pubDate,
      updatedAt: null,
      bodyPublic: true,
      indexNo: null,
      docNumber: null,
      issuingOrgan: null,
      writtenDate: null,
      theme: null,
      validity: null,
      sort,
    });
    const index = new PublicIndex(
      [
        item(1, 2, '2026-01-01T00:00:00.000Z'),
        item(2, 2, '2026-03-01T00:00:00.000Z', [1]),
        item(3, 99, '2026-04-01T00:00:00.000Z'),
        item(4, 3, '2026-01-01T00:00:00.000Z', [], 2),
        item(5, 3, '2026-02-01T00:00:00.000Z', [], 1),
      ],
      columns,
    );
    assert.deepEqual(
      index.inColumn(2).map((i) => i.id),
      [2, 1],
      'newest first',
    );
    assert.deepEqual(
      index.inColumn(1).map((i) => i.id),
      [2],
      'also published to column 1',
    );
    assert.deepEqual(
      index.inSubtree(parent).map((i) => i.id),
      [2, 1],
    );
    assert.deepEqual(
      index.inColumn(3).map((i) => i.id),
      [5, 4],
      'leaders by sort',
    );
    assert.equal(index.byId.has(3), false, 'an item whose column is not public is not public');
    assert.equal(index.path(index.byId.get(2)!), '/a/b/2.html');
    const added = index.with(6, item(6, 2, '2026-05-01T00:00:00.000Z'));
    assert.deepEqual(
      added.inColumn(2).map((i) => i.id),
      [6, 2, 1],
    );
    assert.deepEqual(
      added
        .with(2, undefined)
        .inSubtree(parent)
        .map((i) => i.id),
      [6, 1],
    );
    assert.deepEqual(
      index.inColumn(2).map((i) => i.id),
      [2, 1],
      'the old index is unchanged',
    );
  });

  it('reads ?page strictly', () => {
    assert.equal(pageParam(null), 1);
    assert.equal(pageParam('3'), 3);
    for (const bad of ['0', '-1', '1.5', 'abc', '01', '9999999']) assert.equal(pageParam(bad), null, bad);
  });

  it('negotiates br before gzip and honours q=0', () => {
    assert.equal(negotiate('gzip, deflate, br'), 'br');
    assert.equal(negotiate('gzip'), 'gzip');
    assert.equal(negotiate('br;q=0, gzip'), 'gzip');
    assert.equal(negotiate('gzip;q=0.5, br;q=0.4'), 'gzip');
    assert.equal(negotiate('*'), 'br');
    assert.equal(negotiate('identity'), null);
    assert.equal(negotiate(undefined), null);
    assert.equal(hrefs('<a href="/x">x</a>')[0], '/x');
  });
});
