// Real government markup read as an inspector's eye reads it: footers behind unfamiliar classes and hidden
// blocks, 找错 and 党政机关 entries as image links with site codes, search fields named qt or submitted by script,
// site names in logos and title attributes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { extractPage } from './extract.ts';
import { resolveLocator } from './areas.ts';
import { indexDocument } from './dom.ts';
import type { FooterLocator } from './types.ts';

const URL_ = 'https://www.example.gov.cn/';
const page = (body: string, head = '') =>
  `<!doctype html><html><head><title>示例市人民政府</title>${head}</head><body>${body}</body></html>`;

test('a footer with an unfamiliar class is found although a hidden block follows it', () => {
  const facts = extractPage(
    page(`<div class="top"><p>示例市人民政府</p></div><div class="main"><p>正文内容很多很多的文字在这里</p></div>
<div class="bt-wrap2"><p>主办单位：示例市人民政府办公室 网站标识码：3300000001</p></div>
<div style="display: none"><p>访问统计</p><script src="/tj.js"></script></div>`),
    URL_,
  );
  assert.match(facts.footer.text, /网站标识码：3300000001/);
  assert.equal(facts.footerSource, 'markup');
});

test('a footer located on a rendered page of the template is used, skipping elements a script inserted', () => {
  const html = page(`<div class="wrap"><div class="top">头部</div><div class="ft"><p>主办单位：甲</p></div></div>
<div class="tongji"><p>访问量</p></div>`);
  // the rendered page had a wrapper a script inserted around the layout: <div class="app">
  const locator: FooterLocator = {
    renderedFrom: URL_,
    steps: [
      { tag: 'div', id: null, classes: 'app', nth: 0 },
      { tag: 'div', id: null, classes: 'wrap', nth: 0 },
      { tag: 'div', id: null, classes: 'ft', nth: 0 },
    ],
  };
  const body = indexDocument(cheerio.load(html).root().get(0) as AnyNode).named('body')[0];
  assert.equal(resolveLocator(body, locator)?.attribs.class, 'ft');
  const facts = extractPage(html, URL_, { footerLocator: () => locator });
  assert.equal(facts.footerSource, 'rendered');
  assert.match(facts.footer.text, /^主办单位：甲/);
  // a locator that ends on nothing of this page is not used
  const elsewhere = { ...locator, steps: [{ tag: 'footer', id: null, classes: '', nth: 0 }] };
  assert.equal(extractPage(html, URL_, { footerLocator: () => elsewhere }).footerSource, 'markup');
});

test('the 找错 entry as an image link to the national platform, with the site code in its address', () => {
  const facts = extractPage(
    page(
      `<main><p>正文</p></main><footer><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=bm17000009&url=x"><img src="/images/jc.png"></a></footer>`,
    ),
    URL_,
  );
  assert.deepEqual(facts.jiucuo, { how: 'link', inFooter: true, sitecode: 'bm17000009' });
});

test('the 找错 entry the older kaipuyun script leaves: a span with an image calling Link(code)', () => {
  const facts = extractPage(
    page(
      `<main><p>正文</p></main><footer><span id="_span_jiucuo"><img onclick="Link('3300000001')" src="https://pucha.kaipuyun.cn/exposure/images/jiucuo.png?v=3300000001"></span></footer>`,
    ),
    URL_,
  );
  assert.equal(facts.jiucuo?.inFooter, true);
  assert.equal(facts.jiucuo?.sitecode, '3300000001');
});

test('a search form whose field is named qt, and a box without a form that a script submits', () => {
  const qt = extractPage(
    page(
      `<div class="sch"><form action="/irs/front/list"><input type="hidden" name="siteCode" value="bm1"><input name="qt" type="text"></form></div>`,
    ),
    URL_,
  );
  assert.deepEqual(qt.searchForm, {
    action: 'https://www.example.gov.cn/irs/front/list',
    method: 'GET',
    queryParam: 'qt',
    hidden: { siteCode: 'bm1' },
  });
  const scripted = extractPage(
    page(
      `<div class="ss"><input type="text" id="searchKey" placeholder="请输入关键字"><a class="ss-btn" href="javascript:void(0)" onclick="doSearch()">搜索</a></div>`,
    ),
    URL_,
  );
  assert.equal(scripted.searchForm, null);
  assert.deepEqual(scripted.searchBox, { selector: '#searchKey', button: 'a.ss-btn >> nth=0', by: '提示文字' });
  const byRole = extractPage(
    page(`<div role="search"><input type="search" class="kw"><button>查</button></div>`),
    URL_,
  );
  assert.equal(byRole.searchBox?.by, 'type=search');
  // a message form is not a search form
  const message = extractPage(
    page(`<form action="/liuyan/submit"><input name="title"><textarea name="content"></textarea></form>`),
    URL_,
  );
  assert.equal(message.searchForm, null);
  assert.equal(message.searchBox, null);
});

test('the site name shown as a logo image: read from alt or title, and an unlabelled logo is counted', () => {
  const titled = extractPage(
    page(`<div class="top"><a href="/" title="示例市人民政府"><img src="/logo.png"></a></div><main>正文</main>`),
    URL_,
  );
  assert.match(titled.headerText, /示例市人民政府/);
  assert.equal(titled.headerUnlabelledImages, 1);
  const alt = extractPage(page(`<header><img src="/logo.png" alt="示例市人民政府"></header><main>正文</main>`), URL_);
  assert.match(alt.headerText, /示例市人民政府/);
  assert.equal(alt.headerUnlabelledImages, 0);
});

test('pages of one template share it: list pages with more or fewer entries are one template', () => {
  const list = (n: number) =>
    page(
      `<div class="top">头</div><ul class="list">${Array.from({ length: n }, (_, i) => `<li><a href="/a${i}.html">标题${i}</a></li>`).join('')}</ul><div class="ft">尾</div>`,
    );
  const detail = page(`<div class="top">头</div><article><h1>标题</h1><p>正文</p></article><div class="ft">尾</div>`);
  assert.equal(extractPage(list(20), URL_).template, extractPage(list(15), URL_).template);
  assert.notEqual(extractPage(list(20), URL_).template, extractPage(detail, URL_).template);
});
