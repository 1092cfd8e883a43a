import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPage } from './extract.ts';
import { daysBefore, findDates } from './dates.ts';

const URL_ = 'http://www.example.gov.cn/col/index.html';

test('meta tags: name → content, first occurrence, names case-sensitive', () => {
  const facts = extractPage(
    `<head><meta name="SiteName" content=" 示例市人民政府 "><meta name="siteidcode" content="x">
     <meta name="SiteName" content="second"><meta name="PubDate" content="2026-11-20 14:30:00"></head>`,
    URL_,
  );
  assert.deepEqual(facts.meta, { SiteName: '示例市人民政府', siteidcode: 'x', PubDate: '2026-11-20 14:30:00' });
  assert.equal(Object.hasOwn(facts.meta, 'SiteIDCode'), false);
  assert.equal(facts.pubDate, '2026-11-20');
});

test('links and images are absolute, without fragments, honouring <base>; junk hrefs are dropped', () => {
  const facts = extractPage(
    `<head><base href="http://www.example.gov.cn/root/"></head><body>
     <a href="a.html#top">相对链接</a><a href="/b.html">根链接</a><a href="https://other.gov.cn/x">外部</a>
     <a href="javascript:void(0)">脚本</a><a href="mailto:a@b.cn">邮件</a><a href="#anchor">锚点</a><a href="http://[bad">坏</a>
     <a href="/c.html"><img src="c.png" alt="图片链接"></a><img src="//cdn.example.gov.cn/d.jpg" alt="外图"></body>`,
    URL_,
  );
  assert.deepEqual(facts.links, [
    { url: 'http://www.example.gov.cn/root/a.html', text: '相对链接' },
    { url: 'http://www.example.gov.cn/b.html', text: '根链接' },
    { url: 'https://other.gov.cn/x', text: '外部' },
    { url: 'http://www.example.gov.cn/c.html', text: '图片链接' },
  ]);
  assert.deepEqual(facts.images, [
    { url: 'http://www.example.gov.cn/root/c.png', alt: '图片链接' },
    { url: 'http://cdn.example.gov.cn/d.jpg', alt: '外图' },
  ]);
});

test('header and footer areas: semantic elements, with logo alt text and badges after the footer', () => {
  const facts = extractPage(
    `<body><header><img src="/logo.png" alt="示例市人民政府"><nav><a href="/">首页</a></nav></header>
     <main><p>正文内容</p></main>
     <footer><p>主办单位：示例市人民政府办公室</p><a href="http://www.beian.gov.cn/portal">浙公网安备 33010202000001号</a></footer>
     <span id="_ideConac"></span><script src="https://dcs.conac.cn/js/a.js"></script>
     <script id="_jiucuo_" sitecode="3399000001" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></body>`,
    URL_,
  );
  assert.match(facts.headerText, /示例市人民政府/);
  assert.match(facts.footer.text, /主办单位：示例市人民政府办公室/);
  assert.deepEqual(
    facts.footer.links.map((l) => l.url),
    ['http://www.beian.gov.cn/portal'],
  );
  assert.deepEqual(facts.footer.ids, ['_ideConac', '_jiucuo_']);
  assert.deepEqual(
    facts.footer.scripts.map((s) => s.src),
    ['https://dcs.conac.cn/js/a.js', 'https://zfwzgl.www.gov.cn/exposure/jiucuo.js'],
  );
  assert.deepEqual(facts.jiucuo, { how: 'script', inFooter: true, sitecode: '3399000001' });
  assert.equal(facts.mainText, '正文内容');
});

test('header and footer areas of div templates: class names, else the first and last blocks', () => {
  const named = extractPage(
    `<body><div class="top-wrap">网站导航</div><div id="header"><h1>示例县人民政府</h1></div><div class="main">内容</div>
     <div class="footer_bg"><p>网站标识码：3399000001</p></div></body>`,
    URL_,
  );
  assert.match(named.headerText, /示例县人民政府/);
  assert.match(named.footer.text, /网站标识码/);
  const plain = extractPage(
    `<body><div id="wrap"><div><b>示例县人民政府</b> 政务服务网</div><div>正文内容正文内容</div><div>版权所有 联系电话：0571-1</div></div>
     <script>var x = 1;</script></body>`,
    URL_,
  );
  assert.match(plain.headerText, /示例县人民政府/);
  assert.doesNotMatch(plain.headerText, /正文/);
  assert.match(plain.footer.text, /联系电话/);
  assert.doesNotMatch(plain.footer.text, /正文|var x/);
});

test('dates in all the usual forms', () => {
  assert.deepEqual(findDates('2026-11-20 · 2026年11月2日 · 2026/1/5 · 2026.03.04 · 2026-02-30 · 0571-8888-1234'), [
    '2026-11-20',
    '2026-11-02',
    '2026-01-05',
    '2026-03-04',
  ]);
  assert.equal(daysBefore(new Date('2026-11-27T02:00:00Z'), '2026-11-13'), 14);
  // 23:30 UTC is already the next day in Shanghai
  assert.equal(daysBefore(new Date('2026-11-26T23:30:00Z'), '2026-11-27'), 0);
});

test('a list of dated links makes a column page; dates are read outside the title', () => {
  const facts = extractPage(
    `<head><title>工作动态</title></head><body><header>示例市</header><div class="list"><ul>
     <li><a href="/a/1.html">2026年全市安全生产工作会议召开</a><span>2026-11-20</span></li>
     <li><a href="/a/2.html">市政府召开常务会议</a> [2026/11/18]</li>
     <li><a href="/a/3.html">关于2025年12月31日前完成清理的通知</a><em>2026年11月01日</em></li>
     <li><a href="/a/4.html">没有日期的条目标题很长很长</a></li></ul></div>
     <footer>2026-01-01 版权所有</footer></body>`,
    URL_,
  );
  assert.deepEqual(
    facts.datedLinks.map((d) => [d.url.replace('http://www.example.gov.cn', ''), d.date]),
    [
      ['/a/1.html', '2026-11-20'],
      ['/a/2.html', '2026-11-18'],
      ['/a/3.html', '2026-11-01'],
    ],
  );
  assert.equal(facts.kind, 'column');
  assert.deepEqual(facts.dates, ['2026-11-20', '2026-11-18', '2026-11-01']);
  // 市政府召开常务会议 is too short to read as an article title
  assert.equal(facts.listLinkCount, 3);
});

test('<time datetime> instants are converted to the Shanghai date', () => {
  const facts = extractPage(
    `<body><ul><li><a href="/x.html">标题</a><time datetime="2026-11-19T18:00:00.000Z"></time></li></ul></body>`,
    URL_,
  );
  assert.equal(facts.datedLinks[0].date, '2026-11-20');
});

test('content pages: by the article tags, or an <article> with a date', () => {
  const tagged = extractPage(
    `<head><meta name="ArticleTitle" content="标题"><meta name="ColumnName" content="动态"></head>`,
    URL_,
  );
  assert.equal(tagged.kind, 'content');
  const untagged = extractPage(
    `<body><article><h1>标题</h1><p>发布时间：2026年11月20日</p><p>正文</p></article></body>`,
    URL_,
  );
  assert.deepEqual([untagged.kind, untagged.articleDate, untagged.dates], ['content', '2026-11-20', ['2026-11-20']]);
  const other = extractPage(`<body><p>欢迎访问</p></body>`, URL_);
  assert.equal(other.kind, 'other');
});

test('blank columns: a “暂无信息” notice, or column tags with next to no text', () => {
  const notice = extractPage(
    `<body><header>示例市</header><h1>人事信息</h1><p>本栏目暂无信息</p><footer>版权所有</footer></body>`,
    URL_,
  );
  assert.deepEqual([notice.looksBlank, notice.kind], [true, 'column']);
  const bare = extractPage(`<head><meta name="ColumnName" content="专题"></head><body><h1>专题</h1></body>`, URL_);
  assert.equal(bare.looksBlank, true);
  const single = extractPage(
    `<head><meta name="ColumnName" content="机构职能"></head><body><p>${'负责全市政务服务的统筹协调工作。'.repeat(4)}</p></body>`,
    URL_,
  );
  assert.deepEqual([single.looksBlank, single.kind], [false, 'column']);
});

test('search forms: action containing “search” or a query input named q / keyword / searchword', () => {
  const byAction = extractPage(
    `<form action="/was5/search.jsp" method="post"><input name="qt"><input type="hidden" name="site" value="1"></form>`,
    URL_,
  );
  assert.deepEqual(byAction.searchForm, {
    action: 'http://www.example.gov.cn/was5/search.jsp',
    method: 'POST',
    queryParam: 'qt',
    hidden: { site: '1' },
  });
  const byInput = extractPage(`<form action="/s"><input type="text" name="searchWord"></form>`, URL_);
  assert.equal(byInput.searchForm?.queryParam, 'searchWord');
  const login = extractPage(
    `<form action="/login"><input name="username"><input type="password" name="pw"></form>`,
    URL_,
  );
  assert.equal(login.searchForm, null);
});

test('找错 entry: the script (id or src) or a link; outside the footer it is noted as such', () => {
  const bySrc = extractPage(
    `<body><main>x</main><footer><script src="http://pucha.kaipuyun.cn/exposure/jiucuo.js"></script></footer></body>`,
    URL_,
  );
  assert.deepEqual(bySrc.jiucuo, { how: 'script', inFooter: true, sitecode: null });
  const byLink = extractPage(
    `<body><header><a href="https://zfwzgl.www.gov.cn/">我为政府网站找错</a></header><main>x</main><footer>版权</footer></body>`,
    URL_,
  );
  assert.deepEqual(byLink.jiucuo, { how: 'link', inFooter: false, sitecode: null });
  assert.equal(extractPage('<body><footer>版权</footer></body>', URL_).jiucuo, null);
});

test('broken HTML and non-HTML text do not throw', () => {
  for (const junk of [
    '',
    '<<<>>>',
    '<div><p><table><tr><td>未闭合',
    '\u0000\u0001二进制',
    '<html><body><a href="http://%zz">x</a>',
  ]) {
    const facts = extractPage(junk, URL_);
    assert.equal(typeof facts.title, 'string');
  }
});
