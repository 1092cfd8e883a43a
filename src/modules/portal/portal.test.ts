// The public site shell: what a reader and a website inspector check on every page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, mainSiteId, columnByName, type TestEnv } from '../../../test/helpers.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { buildApp } from '../../app.ts';
import type { ColumnNode, ColumnUpdate } from '../columns/columns.schema.ts';
import type { SiteIdentity, SiteView } from '../sites/sites.schema.ts';
import { assertDocument, assertIdentityFooter, assertSiteMeta, byAttr, hrefs, metaTags, text } from './html-testing.ts';

function toUpdate(c: ColumnNode, patch: Partial<ColumnUpdate> = {}): ColumnUpdate {
  return {
    name: c.name,
    fullName: c.fullName,
    slug: c.slug,
    columnType: c.columnType as ColumnUpdate['columnType'],
    kind: c.kind as ColumnUpdate['kind'],
    linkUrl: c.linkUrl,
    description: c.description,
    keywords: c.keywords,
    visible: c.visible,
    leadDepartmentId: c.leadDepartmentId,
    cooperatingDepartmentIds: c.cooperatingDepartmentIds,
    openCooperation: c.openCooperation,
    maxUpdateDays: c.maxUpdateDays,
    ...patch,
  };
}

function identityOf(site: SiteView, patch: Partial<SiteIdentity> = {}): SiteIdentity {
  const { id: _id, code: _code, parentId: _parent, ...identity } = site;
  return { ...identity, ...patch };
}

const SECOND_SITE = {
  code: 'gjj',
  name: '南江市住房公积金网',
  domains: ['gjj.nanjiang.gov.cn'],
  siteIdCode: '3299000007',
  icpNumber: '苏ICP备20990001号-7',
  policeNumber: '苏公网安备 32990002000007号',
  sponsor: '南江市政务服务管理办公室',
  organizer: null,
  phone: '0599-12345679',
  email: 'gjj@nanjiang.gov.cn',
  address: '南江市行政中心东区 3 号楼',
  conacUrl: 'https://bszs.conac.cn/sitename?method=show&id=DEMO0000000007',
  jiucuoEnabled: true,
  jiucuoScriptUrl: 'https://zfwzgl.www.gov.cn/exposure/jiucuo.js',
};

// ---------- the public site ----------

describe('public site shell', () => {
  let env: TestEnv;
  let site: SiteView;
  let second: SiteView;
  const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });

  before(async () => {
    env = await testEnv();
    site = await env.ctx.sites.get(await mainSiteId(env.ctx));
    second = await env.ctx.sites.create(SYSTEM_ACTOR, { ...SECOND_SITE, parentId: site.id });
    const base = {
      fullName: null,
      columnType: '办事服务' as const,
      description: '',
      keywords: '',
      visible: true,
      leadDepartmentId: null,
      cooperatingDepartmentIds: [],
      openCooperation: false,
      maxUpdateDays: null,
    };
    const top = await env.ctx.columns.create(SYSTEM_ACTOR, second.id, {
      ...base,
      parentId: null,
      name: '办事服务',
      slug: 'bsfw',
      kind: 'list',
      description: '办事服务事项',
    });
    await env.ctx.columns.create(SYSTEM_ACTOR, second.id, {
      ...base,
      parentId: top.id,
      name: '个人办事',
      slug: 'grbs',
      kind: 'list',
    });
    await env.ctx.columns.create(SYSTEM_ACTOR, second.id, {
      ...base,
      parentId: top.id,
      name: '省政务服务网',
      slug: 'jszwfw',
      kind: 'link',
      linkUrl: 'https://www.jszwfw.gov.cn/',
    });
    await env.ctx.columns.create(SYSTEM_ACTOR, second.id, {
      ...base,
      parentId: null,
      name: '中心简介',
      slug: 'zxjj',
      kind: 'page',
      columnType: '概况信息',
    });
  });
  after(async () => env.close());

  it('serves every page kind with the document basics, the three Site meta tags and the identity footer', async () => {
    for (const [url, status] of [
      ['/', 200],
      ['/gzdt/bmdt/', 200],
      ['/zwgk/jcgk/zcfg/', 200],
      ['/bmgk/bmjj/', 200],
      ['/sitemap/', 200],
      ['/search?q=营业执照', 200],
      ['/no/such/page/', 404],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, status, url);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      assertDocument(res.body, url);
      assertSiteMeta(res.body, site, url);
      assertIdentityFooter(res.body, site, url);
      // The site name sits in the header of every page.
      const header = res.body.slice(res.body.indexOf('<header'), res.body.indexOf('</header>'));
      assert.ok(header.includes(`>${site.name}</a>`), `${url}: site name in the header`);
    }
  });

  it('sends the security headers and the Content-Security-Policy', async () => {
    const res = await get('/');
    assert.equal(
      res.headers['content-security-policy'],
      "default-src 'self'; script-src 'self' https://zfwzgl.www.gov.cn https://dcs.conac.cn; style-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin');
    assert.match(String(res.headers['permissions-policy']), /camera=\(\), microphone=\(\), geolocation=\(\)/);
    assert.equal(res.headers['cache-control'], 'no-cache');
  });

  it('puts only the Site tags on the home page and the four Column tags on column pages', async () => {
    const home = metaTags((await get('/')).body);
    for (const name of ['ColumnName', 'ColumnDescription', 'ColumnKeywords', 'ColumnType', 'ArticleTitle'])
      assert.equal(home.has(name), false, name);
    const column = await columnByName(env.ctx, '部门动态');
    const tags = metaTags((await get('/gzdt/bmdt/')).body);
    assert.deepEqual(tags.get('ColumnName'), ['部门动态']);
    assert.deepEqual(tags.get('ColumnDescription'), [column.description]);
    assert.deepEqual(tags.get('ColumnKeywords'), [column.keywords]);
    assert.deepEqual(tags.get('ColumnType'), [column.columnType]);
  });

  it('shows breadcrumbs, the column name as <h1>, the sub-column navigation and a meaningful title', async () => {
    const html = (await get('/gzdt/bmdt/')).body;
    assert.match(html, /<title>部门动态_工作动态_南江市政务服务管理办公室<\/title>/);
    const crumbs = byAttr(html, 'aria-label="当前位置"')!;
    assert.equal(text(crumbs).replace(/\s+/g, ''), '当前位置：首页>工作动态>部门动态');
    assert.deepEqual(hrefs(crumbs), ['/', '/gzdt/']);
    assert.match(html, /<h1>部门动态<\/h1>/);
    const nav = byAttr(html, 'aria-label="栏目导航"')!;
    for (const path of ['/gzdt/', '/gzdt/tzgg/', '/gzdt/bmxx/', '/gzdt/zdpyc/', '/gzdt/bszn/'])
      assert.ok(hrefs(nav).includes(path), path);
    assert.match(nav, /<a href="\/gzdt\/bmdt\/" aria-current="page">部门动态<\/a>/);
    // A second-level page lists its children; a third-level page its siblings.
    assert.ok(hrefs(byAttr((await get('/zwgk/jcgk/')).body, 'aria-label="栏目导航"')!).includes('/zwgk/jcgk/zcfg/'));
    assert.ok(
      hrefs(byAttr((await get('/zwgk/jcgk/zcfg/')).body, 'aria-label="栏目导航"')!).includes('/zwgk/jcgk/bmwj/'),
    );
  });

  it('shows the empty state in the list area of list columns and the body area of page columns', async () => {
    // The second site is this test's own, so its columns are empty (the demo site may have content).
    const list = (await get('/site/gjj/bsfw/grbs/')).body;
    assert.match(list, /<ul class="items"><\/ul><p class="empty-state">本栏目暂无信息<\/p>/);
    const page = (await get('/site/gjj/zxjj/')).body;
    assert.match(page, /<section class="page-body"[^>]*><p class="empty-state">本栏目暂无信息<\/p><\/section>/);
    assert.doesNotMatch(page, /class="items"/);
  });

  it('redirects a column path without the trailing slash, keeping the query', async () => {
    const res = await get('/gzdt/bmdt?from=x');
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/gzdt/bmdt/?from=x');
    assert.equal((await get('/sitemap')).headers.location, '/sitemap/');
  });

  it('reaches every visible column from the home page within two clicks, and has the service entries', async () => {
    const tree = await env.ctx.columns.tree(site.id);
    const wanted = new Set(tree.flat.filter((c) => c.visible).map((c) => c.path));
    const home = (await get('/')).body;
    const firstClick = new Set(hrefs(home));
    const reached = new Set(firstClick);
    for (const path of firstClick) {
      if (!wanted.has(path)) continue;
      for (const h of hrefs((await get(path)).body)) reached.add(h);
    }
    const missing = [...wanted].filter((p) => !reached.has(p));
    assert.deepEqual(missing, []);
    // The main navigation holds every top-level column.
    const nav = byAttr(home, 'aria-label="主导航"')!;
    assert.deepEqual(hrefs(nav), ['/', ...tree.roots.map((c) => c.path)]);
    // Entries: 政务公开, 办事服务 (办事指南), 互动交流 (意见征集), 公众调查, 党务公开, 三服务.
    const entries = Object.fromEntries(
      [...home.matchAll(/<a class="entry" href="([^"]+)" data-entry="([^"]+)">/g)].map((m) => [m[2], m[1]]),
    );
    assert.deepEqual(entries, {
      政务公开: '/zwgk/',
      办事服务: '/gzdt/bszn/',
      互动交流: '/zwgk/jcgk/yjzj/',
      公众调查: '/gzdc/',
      党务公开: '/dwgk/',
      三服务: '/sfw/',
    });
    // The site name is the home page's <h1>.
    assert.match(home, new RegExp(`<h1 class="site-name"><a href="/">${site.name}</a></h1>`));
  });

  it('lists the visible tree on 网站地图 and in sitemap.xml; robots.txt points to it', async () => {
    const tree = await env.ctx.columns.tree(site.id);
    const html = (await get('/sitemap/')).body;
    const links = new Set(hrefs(html.slice(html.indexOf('<ul class="sitemap-tree">'), html.indexOf('</main>'))));
    for (const c of tree.flat) assert.ok(links.has(c.path), c.path);
    assert.match(
      html,
      /<ul class="sitemap-tree"><li><a href="\/bmgk\/">部门概况<\/a><ul><li><a href="\/bmgk\/bmjj\/">/,
    );

    const xml = await get('/sitemap.xml', { host: 'zwb.nanjiang.gov.cn' });
    assert.match(String(xml.headers['content-type']), /^application\/xml/);
    const locs = [...xml.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    // Home, every column, the 主动公开目录; then the content pages (none here, but demo content may add some).
    assert.deepEqual(locs.slice(0, tree.flat.length + 2), [
      'http://zwb.nanjiang.gov.cn/',
      ...tree.flat.map((c) => `http://zwb.nanjiang.gov.cn${c.path}`),
      'http://zwb.nanjiang.gov.cn/zwgk/catalog/',
    ]);
    for (const loc of locs.slice(tree.flat.length + 2))
      assert.match(loc!, /^http:\/\/zwb\.nanjiang\.gov\.cn\/.*\/\d+\.html$/);

    const robots = await get('/robots.txt', { host: 'localhost:3000' });
    assert.match(String(robots.headers['content-type']), /^text\/plain/);
    assert.match(robots.body, /^User-agent: \*\nAllow: \//);
    assert.match(robots.body, /\nSitemap: http:\/\/localhost:3000\/sitemap\.xml\n/);
  });

  it('builds absolute URLs from GOVPORTAL_PUBLIC_URL when it is set', async (t) => {
    const app = await buildApp(
      { ...env.ctx, config: { ...env.ctx.config, publicBaseUrl: 'https://zwb.nanjiang.gov.cn' } },
      { logger: false },
    );
    t.after(() => app.close());
    const xml = (await app.inject({ url: '/sitemap.xml', headers: { host: 'localhost:3000' } })).body;
    assert.match(xml, /<loc>https:\/\/zwb\.nanjiang\.gov\.cn\/gzdt\/bmdt\/<\/loc>/);
    assert.doesNotMatch(xml, /localhost/);
    assert.match(
      (await app.inject({ url: '/robots.txt' })).body,
      /Sitemap: https:\/\/zwb\.nanjiang\.gov\.cn\/sitemap\.xml/,
    );
  });

  it('answers 404 with the friendly page for unknown paths, and JSON under /api/', async () => {
    const page = await get('/no-such-column/');
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /<h1>抱歉，您访问的页面不存在<\/h1>/);
    assert.match(page.body, /<title>页面不存在_南江市政务服务管理办公室<\/title>/);
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['POST', '/api/nope'],
      ['GET', '/api/nope/deeper?x=1'],
    ] as const) {
      const res = await env.app.inject({ method, url });
      assert.equal(res.statusCode, 404, url);
      assert.deepEqual(res.json(), { error: { code: 'NOT_FOUND', message: '请求的内容不存在' } });
    }
    const unknownAsset = await get('/assets/portal.0000000000.css');
    assert.equal(unknownAsset.statusCode, 404);
  });

  it('hides invisible columns and everything below them', async () => {
    const column = await columnByName(env.ctx, '决策公开');
    await env.ctx.columns.update(SYSTEM_ACTOR, column.id, toUpdate(column, { visible: false }));
    try {
      assert.equal((await get('/zwgk/jcgk/')).statusCode, 404);
      assert.equal((await get('/zwgk/jcgk/zcfg/')).statusCode, 404);
      assert.equal((await get('/zwgk/jcgk')).statusCode, 404);
      for (const url of ['/', '/zwgk/', '/sitemap/', '/sitemap.xml']) {
        assert.doesNotMatch((await get(url)).body, /\/zwgk\/jcgk\//, url);
      }
    } finally {
      await env.ctx.columns.update(SYSTEM_ACTOR, column.id, toUpdate(column));
    }
    assert.equal((await get('/zwgk/jcgk/')).statusCode, 200);
  });

  it('redirects link columns to their target', async () => {
    const res = await get('/site/gjj/bsfw/jszwfw/');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, 'https://www.jszwfw.gov.cn/');
  });

  it('answers If-None-Match with 304 and changes the ETag with the page', async () => {
    const first = await get('/gzdt/');
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    const again = await get('/gzdt/', { 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    assert.equal((await get('/gzdt/', { 'if-none-match': '"other"' })).statusCode, 200);
    // Care mode is a different page with a different ETag.
    const care = await get('/gzdt/', { cookie: 'gp_care=1', 'if-none-match': etag });
    assert.equal(care.statusCode, 200);
    assert.notEqual(care.headers.etag, etag);
  });

  it('serves cached pages until the column tree or the site identity changes', async () => {
    const column = await columnByName(env.ctx, '通知公告');
    await get('/');
    await get('/gzdt/tzgg/');
    // Written behind the services' back: the cached pages do not show it…
    await env.ctx.db.updateTable('columns').set({ name: '旁路改名' }).where('id', '=', column.id).execute();
    assert.doesNotMatch((await get('/')).body, /旁路改名/);
    // …a change through the service invalidates the site's pages.
    await env.ctx.columns.update(SYSTEM_ACTOR, column.id, toUpdate(column, { name: '通知公示' }));
    assert.match((await get('/')).body, />通知公示</);
    const page = (await get('/gzdt/tzgg/')).body;
    assert.match(page, /<h1>通知公示<\/h1>/);
    assert.deepEqual(metaTags(page).get('ColumnName'), ['通知公示']);
    await env.ctx.columns.update(SYSTEM_ACTOR, column.id, toUpdate(column));

    const before = await get('/gzdt/bmdt/');
    await env.ctx.sites.update(SYSTEM_ACTOR, site.id, identityOf(site, { name: '南江市政务服务管理局' }));
    try {
      const after = await get('/gzdt/bmdt/');
      assert.notEqual(after.headers.etag, before.headers.etag);
      assert.deepEqual(metaTags(after.body).get('SiteName'), ['南江市政务服务管理局']);
      assert.match(after.body, /<title>部门动态_工作动态_南江市政务服务管理局<\/title>/);
      assert.match((await get('/')).body, /<h1 class="site-name"><a href="\/">南江市政务服务管理局<\/a><\/h1>/);
    } finally {
      await env.ctx.sites.update(SYSTEM_ACTOR, site.id, identityOf(site));
    }
  });

  it('serves the other sites of the cluster under /site/<code>/ with prefixed links', async () => {
    const res = await get('/site/gjj/');
    assert.equal(res.statusCode, 200);
    assertDocument(res.body, '/site/gjj/');
    assertSiteMeta(res.body, second, '/site/gjj/');
    assertIdentityFooter(res.body, second, '/site/gjj/');
    assert.doesNotMatch(res.body, /data-identity="organizer"/);
    const internal = hrefs(res.body).filter(
      // The public account's pages (/user/, the 网站纠错 form /user/jiucuo?site=…) are one for the whole cluster,
      // like the care-mode switch: they name the site in the query, not in the path.
      (h) =>
        h.startsWith('/') && !h.startsWith('/assets/') && !h.startsWith('/accessibility/') && !h.startsWith('/user/'),
    );
    assert.ok(internal.length > 0);
    for (const h of internal) assert.ok(h.startsWith('/site/gjj/'), h);
    assert.match(res.body, /action="\/site\/gjj\/search"/);
    assert.match(res.body, /href="\/accessibility\/toggle\?back=%2Fsite%2Fgjj%2F"/);

    const column = await get('/site/gjj/bsfw/grbs/');
    assert.equal(column.statusCode, 200);
    assert.match(column.body, /<title>个人办事_办事服务_南江市住房公积金网<\/title>/);
    assert.deepEqual(hrefs(byAttr(column.body, 'aria-label="当前位置"')!), ['/site/gjj/', '/site/gjj/bsfw/']);
    assert.match(
      (await get('/site/gjj/sitemap.xml')).body,
      /<loc>http:\/\/localhost:80\/site\/gjj\/bsfw\/grbs\/<\/loc>/,
    );

    // 404 inside the prefixed site keeps its identity and links.
    const missing = await get('/site/gjj/nope/');
    assert.equal(missing.statusCode, 404);
    assertSiteMeta(missing.body, second, '/site/gjj/nope/');

    assert.equal((await get('/site/gjj')).headers.location, '/site/gjj/');
    assert.equal((await get('/site/main/gzdt/')).headers.location, '/gzdt/');
    assert.equal((await get('/site/main//evil.example')).headers.location, '/');
    assert.equal((await get('/site/unknown/')).statusCode, 404);
  });

  it('leaves out the 找错 entry and the badge link when the site has them switched off', async () => {
    await env.ctx.sites.update(SYSTEM_ACTOR, second.id, identityOf(second, { jiucuoEnabled: false, conacUrl: null }));
    try {
      const html = (await get('/site/gjj/bsfw/')).body;
      assert.doesNotMatch(html, /jiucuo|data-sitecode|我为政府网站找错/);
      assert.match(html, /<div class="identity-item" data-identity="conac"><span id="_ideConac"><\/span><\/div>/);
      assert.match(html, /data-identity="site-id-code">网站标识码：3299000007</);
    } finally {
      await env.ctx.sites.update(SYSTEM_ACTOR, second.id, identityOf(second));
    }
    assert.match((await get('/site/gjj/bsfw/')).body, /data-sitecode="3299000007"/);
  });

  it('chooses the site by the Host header', async () => {
    const own = await get('/', { host: 'gjj.nanjiang.gov.cn:8080' });
    assertSiteMeta(own.body, second, 'gjj host');
    assert.match(own.body, /<a href="\/bsfw\/">办事服务<\/a>/);
    assertSiteMeta((await get('/', { host: 'unknown.example.org' })).body, site, 'unknown host → main site');
    assertSiteMeta((await get('/', { host: 'zwb.nanjiang.gov.cn' })).body, site, 'main host');
    // From the second site's host, the main site is the other site of the cluster.
    assertSiteMeta((await get('/site/main/', { host: 'gjj.nanjiang.gov.cn' })).body, site, '/site/main/ from gjj');
  });

  it('switches 长者模式 with a cookie, without JavaScript, and refuses foreign return addresses', async () => {
    const on = await get('/accessibility/toggle?back=%2Fgzdt%2Fbmdt%2F');
    assert.equal(on.statusCode, 302);
    assert.equal(on.headers.location, '/gzdt/bmdt/');
    const cookie = on.cookies.find((c) => c.name === 'gp_care');
    assert.equal(cookie?.value, '1');
    assert.equal(cookie?.path, '/');
    assert.equal(cookie?.httpOnly, true);

    const page = (await get('/gzdt/bmdt/', { cookie: 'gp_care=1' })).body;
    assert.match(page, /<body class="care">/);
    assert.match(
      page,
      /<a class="care-toggle" href="\/accessibility\/toggle\?back=%2Fgzdt%2Fbmdt%2F" data-care="1">退出长者模式<\/a>/,
    );
    assert.match((await get('/gzdt/bmdt/')).body, /<body><a class="skip-link"/);

    const off = await get('/accessibility/toggle?back=/', { cookie: 'gp_care=1' });
    assert.equal(off.cookies.find((c) => c.name === 'gp_care')?.value, '0');

    for (const back of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      '/\r\nSet-Cookie: x=1',
      'javascript:alert(1)',
      '',
    ]) {
      const res = await get(`/accessibility/toggle?back=${encodeURIComponent(back)}`);
      assert.equal(res.statusCode, 302, back);
      assert.equal(res.headers.location, '/', back);
    }
    assert.equal((await get('/accessibility/toggle?back=//evil.example')).headers.location, '/');
  });

  it('serves content-hashed assets with a long immutable cache', async () => {
    const html = (await get('/')).body;
    const css = /<link rel="stylesheet" href="(\/assets\/portal\.[0-9a-f]{10}\.css)"\/>/.exec(html)?.[1];
    const js = /<script src="(\/assets\/portal\.[0-9a-f]{10}\.js)" defer=""><\/script>/.exec(html)?.[1];
    assert.ok(css && js);
    const cssRes = await get(css);
    assert.equal(cssRes.statusCode, 200);
    assert.match(String(cssRes.headers['content-type']), /^text\/css/);
    assert.equal(cssRes.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(cssRes.headers['x-content-type-options'], 'nosniff');
    assert.match(cssRes.body, /body\.care/);
    assert.match(String((await get(js)).headers['content-type']), /^text\/javascript/);
    const favicon = await get('/favicon.ico');
    assert.equal(favicon.statusCode, 301);
    assert.match(String(favicon.headers.location), /^\/assets\/favicon\.[0-9a-f]{10}\.svg$/);
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await env.app.inject({ method: 'HEAD', url: '/gzdt/' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '');
    assert.ok(res.headers.etag);
  });

  it('echoes the search query safely on the search page', async () => {
    const res = await get(`/search?q=${encodeURIComponent('<script>x</script>')}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /未找到与“&lt;script&gt;x&lt;\/script&gt;”相关的信息/);
    assert.match(res.body, /<label for="search-page-q">搜索关键词<\/label>/);
    assert.match(
      res.body,
      /href="\/accessibility\/toggle\?back=%2Fsearch%3Fq%3D%253Cscript%253Ex%253C%252Fscript%253E"/,
    );
    assert.match((await get('/search')).body, /请输入要搜索的关键词/);
  });
});
