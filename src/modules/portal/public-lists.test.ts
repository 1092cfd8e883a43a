// The public site's lists and maps: the 主动公开目录 with its filters, paginated column lists, RSS feeds and
// sitemap.xml, over the published items of content-testing.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { columnByName } from '../../../test/helpers.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { MINUTE, shanghaiDate } from '../../platform/time.ts';
import type { ReviewRequest } from '../../platform/db/schema.ts';
import { assertDocument, assertIdentityFooter } from './html-testing.ts';
import { rfc822 } from './feeds.ts';
import { $, type ContentSite, contentSite, metaOf } from './content-testing.ts';

describe('public lists, catalogue, feeds and maps', () => {
  let env: ContentSite['env'];
  let site: ContentSite['site'];
  let ids: ContentSite['ids'];
  let get: ContentSite['get'];
  let draft: ContentSite['draft'];
  let pubRow: ContentSite['pubRow'];

  before(async () => {
    ({ env, site, ids, get, draft, pubRow } = await contentSite());
  });
  after(async () => env.close());

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
});
