// The public site with content: what a reader and an inspector check on every page kind — meta tags, content
// pages, policy documents and interpretations, 依申请提供 entries, column lists, single pages, leaders, the home
// page and the 政务公开 entrance. Items are published through the review API (content-testing.ts); the tests look
// for their own items, so demo content on the site does not disturb them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { columnByName } from '../../../test/helpers.ts';
import { shanghaiDate, shanghaiDateTime } from '../../platform/time.ts';
import { assertDocument, assertIdentityFooter, assertSiteMeta } from './html-testing.ts';
import { fileSizeLabel } from './public-pages.ts';
import { PDF } from './attachment-testing.ts';
import {
  $,
  ARTICLE_TAGS,
  COLUMN_TAGS,
  type ContentSite,
  PUB_DATE,
  SITE_TAGS,
  contentSite,
  metaList,
  metaOf,
} from './content-testing.ts';

describe('public site with content', () => {
  let env: ContentSite['env'];
  let site: ContentSite['site'];
  let ids: ContentSite['ids'];
  let files: ContentSite['files'];
  let get: ContentSite['get'];
  let pubRow: ContentSite['pubRow'];

  before(async () => {
    ({ env, site, ids, files, get, pubRow } = await contentSite());
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
});
