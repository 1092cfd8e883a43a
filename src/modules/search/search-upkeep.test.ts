// Site search as it is kept and managed: service cards, indexing on publication and update, withdrawn and
// catalogue-only items, a site cluster, column changes, and the results page at /search.
// SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call } from '../../../test/helpers.ts';
import { draftNews, publishThroughReview, relogin } from '../../../test/workflow.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { DAY } from '../../platform/time.ts';
import { createSiteWithAnnex1 } from '../setup/setup.service.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';
import { PortalService } from '../portal/portal.service.ts';
import { loadCorpus } from './quality/load.ts';
import { seedDefaultSearchCards, type SearchResult } from './search.service.ts';
import { item, searchSite } from './search-testing.ts';
import type { LoadedItem } from './quality/load.ts';
import type { Team } from '../../../test/workflow.ts';
import type { Session, TestEnv } from '../../../test/helpers.ts';

describe(`site search upkeep (${DIALECT})`, () => {
  let env: TestEnv;
  let siteId: number;
  let loaded: LoadedItem[];
  let t: Team;
  let admin: Session;
  let subId: number;
  const api = async (query: Record<string, string | number>, host = 'localhost') => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
      headers: { host },
    });
    return { status: res.statusCode, body: res.json() as SearchResult & { error?: { code: string; message: string } } };
  };
  const search = (q: string, extra: Record<string, string | number> = {}) =>
    api({ q, ...extra }).then((r) => {
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    });
  const titles = (r: SearchResult) => r.items.map((i) => i.titleText);

  before(async () => {
    ({ env, siteId, loaded, t, admin } = await searchSite());
  });
  after(async () => env.close());

  it('shows service cards above the results (搜索即服务), managed by site administrators', async () => {
    assert.equal(await seedDefaultSearchCards(env.ctx, siteId), 5);
    assert.equal(await seedDefaultSearchCards(env.ctx, siteId), 0, 'only once');
    const list = await call(env.app, admin, 'GET', `/api/sites/${siteId}/search/cards`);
    assert.equal(list.json().items.length, 5);
    const r = await search('社保');
    assert.equal(r.serviceCards[0]?.title, '社保服务');
    assert.deepEqual(
      r.serviceCards[0]!.links.map((l) => l.title),
      ['社保查询', '社保办事指南', '相关政策'],
    );
    assert.equal((await search('社会保险费')).serviceCards[0]?.title, '社保服务', 'by synonym');
    assert.equal((await search('shebao')).serviceCards[0]?.title, '社保服务', 'by pinyin');
    assert.equal((await search('营商环境')).serviceCards.length, 0);

    const created = await call(env.app, admin, 'POST', `/api/sites/${siteId}/search/cards`, {
      title: '营商环境服务',
      description: '企业诉求直达',
      keywords: ['营商环境'],
      links: [{ title: '企业服务专区', url: '/gzdt/bmxx/' }],
    });
    assert.equal(created.statusCode, 200, created.body);
    const card = created.json();
    assert.equal((await search('营商环境')).serviceCards[0]?.title, '营商环境服务');
    const updated = await call(env.app, admin, 'PUT', `/api/sites/${siteId}/search/cards/${card.id}`, {
      ...card,
      enabled: false,
    });
    assert.equal(updated.statusCode, 400, 'unknown properties are refused');
    const disabled = await call(env.app, admin, 'PUT', `/api/sites/${siteId}/search/cards/${card.id}`, {
      title: card.title,
      description: card.description,
      keywords: card.keywords,
      links: card.links,
      enabled: false,
    });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal((await search('营商环境')).serviceCards.length, 0);
    assert.equal(
      (await call(env.app, admin, 'DELETE', `/api/sites/${siteId}/search/cards/${card.id}`)).statusCode,
      200,
    );
    assert.equal(
      (await call(env.app, admin, 'DELETE', `/api/sites/${siteId}/search/cards/${card.id}`)).statusCode,
      404,
    );
    const bad = await call(env.app, admin, 'POST', `/api/sites/${siteId}/search/cards`, {
      title: 'x',
      description: '',
      keywords: ['x'],
      links: [{ title: 'x', url: 'javascript:alert(1)' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(
      (
        await call(env.app, t.editor, 'POST', `/api/sites/${siteId}/search/cards`, {
          title: 'x',
          description: '',
          keywords: ['x'],
          links: [{ title: 'x', url: '/' }],
        })
      ).statusCode,
      403,
    );
    const actions = (
      await env.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'search.card.%').execute()
    ).map((a) => a.action);
    assert.deepEqual(actions.filter((a) => a !== 'search.card.create').sort(), [
      'search.card.delete',
      'search.card.update',
    ]);
  });

  it('indexes on publication and update, and a withdrawn item is never found', async () => {
    const { app, ctx } = env;
    const draft = await draftNews(app, ctx, t, '市政务办召开区块链电子证照试点工作推进会');
    assert.equal((await search('区块链电子证照')).total, 0, 'drafts are not public');
    await publishThroughReview(app, t, draft.id);
    const found = await search('区块链电子证照试点');
    assert.equal(found.items[0]?.id, draft.id, 'found at once after publication');
    assert.equal(found.items[0]!.url, `/gzdt/bmdt/${draft.id}.html`);

    env.clock.advance(DAY);
    await relogin(app, t);
    const columnId = (await ctx.content.item(draft.id)).column_id;
    await call(app, t.editor, 'PUT', `/api/content/${draft.id}`, {
      columnId,
      title: '市政务办召开量子通信试点工作推进会',
      bodyHtml: '<p>会议部署量子通信试点。</p>',
    });
    assert.equal((await search('量子通信试点')).total, 0, 'the change is not public before review');
    await publishThroughReview(app, t, draft.id);
    assert.equal((await search('量子通信试点')).items[0]?.id, draft.id);
    assert.equal((await search('区块链电子证照试点')).total, 0, 'the old title is gone');

    const w = await call(app, t.editor, 'POST', `/api/content/${draft.id}/withdraw`, { reason: '信息已过时效' });
    assert.equal(w.statusCode, 200, w.body);
    assert.equal((await search('量子通信试点')).total, 0, 'withdrawn at once');
    assert.equal((await search('量子通信试点', { sort: 'date' })).total, 0);

    // Even if the index missed a withdrawal, results are checked against what is published.
    const other = loaded.find((i) => i.title === '政务大厅延时服务便民措施')!;
    await ctx.db.deleteFrom('published_items').where('content_id', '=', other.id).execute();
    assert.deepEqual((await search('政务大厅延时服务便民措施')).items, []);
    await ctx.search.idle();
    assert.equal((await search('政务大厅延时服务便民措施')).total, 0, 'and the stale entry is then removed');
  });

  it('indexes catalogue-only items by title and metadata, not by body', async () => {
    const policy = loaded.find((i) => i.title === '南江市社会保险费征缴管理办法')!;
    await env.ctx.db
      .updateTable('published_items')
      .set({ body_public: 0, summary: '' })
      .where('content_id', '=', policy.id)
      .execute();
    await env.ctx.search.indexItems([policy.id]);
    assert.ok(titles(await search('社会保险费征缴管理办法')).includes(policy.title));
    assert.ok(titles(await search('南政规〔2026〕3号')).includes(policy.title), 'by document number');
    assert.ok(!titles(await search('制定本办法')).includes(policy.title), 'not by its body');
  });

  it('a parent site searches its subordinate sites, labelled by site; a subordinate site only itself', async () => {
    const sub = await createSiteWithAnnex1(env.ctx, {
      ...DEMO_SITE,
      code: 'dhq',
      name: '东湖区政务服务中心',
      domains: ['dhq.example.gov.cn'],
      parentId: siteId,
    });
    subId = sub.siteId;
    const [subItem] = await loadCorpus(env.ctx, subId, [
      item(
        '/gzdt/tzgg/',
        '东湖区关于调整政务服务中心午间延时服务的通知',
        '东湖区营商环境。',
        '2026-10-01T02:00:00.000Z',
      ),
    ]);
    await env.ctx.search.indexItems([subItem!.id]);
    const r = await search('午间延时服务');
    assert.equal(r.items[0]?.id, subItem!.id);
    assert.deepEqual(r.items[0]!.site, { id: subId, name: '东湖区政务服务中心' });
    assert.equal(r.items[0]!.url, `/site/dhq/gzdt/tzgg/${subItem!.id}.html`);
    const cluster = await search('营商环境');
    assert.deepEqual(
      cluster.sites.map((s) => [s.name, s.count]),
      [
        [DEMO_SITE.name, 12],
        ['东湖区政务服务中心', 1],
      ],
    );
    assert.equal((await search('营商环境', { site: subId })).total, 1, 'narrowed to one site');
    // On the subordinate site's own host, or with scope=dhq: its items only, with its own URLs.
    const own = await api({ q: '营商环境' }, 'dhq.example.gov.cn');
    assert.equal(own.body.total, 1);
    assert.equal(own.body.items[0]!.url, `/gzdt/tzgg/${subItem!.id}.html`);
    const scoped = await search('营商环境', { scope: 'dhq' });
    assert.equal(scoped.total, 1);
    assert.equal(scoped.items[0]!.url, `/site/dhq/gzdt/tzgg/${subItem!.id}.html`);
    assert.equal(
      (await api({ q: '营商环境', site: siteId }, 'dhq.example.gov.cn')).status,
      400,
      'the parent is not in a subordinate site’s scope',
    );
  });

  it('follows column changes: a column type change moves items to another tab', async () => {
    const tree = await env.ctx.columns.tree(siteId);
    const column = tree.flat.find((c) => c.name === '便民信息')!;
    const before = await search('延时服务', { kind: 'service' });
    assert.ok(before.total >= 0);
    const {
      children: _c,
      path: _p,
      depth: _d,
      contentCount: _n,
      id: _id,
      siteId: _s,
      parentId: _pa,
      leadDepartmentName: _l,
      marker: _m,
      ...rest
    } = column;
    await env.ctx.columns.update(SYSTEM_ACTOR, column.id, { ...rest, columnType: '通知公告' } as never);
    await env.ctx.search.idle();
    const moved = await search('延时服务');
    assert.equal(moved.kinds.find((k) => k.kind === 'service')?.count, 0);
  });

  describe('the results page', () => {
    let portal: PortalService;
    const page = async (url: string, host = 'localhost') => {
      const result = await portal.handle({ host, protocol: 'http', url, care: false });
      assert.equal(result.type, 'page', JSON.stringify(result));
      if (result.type !== 'page') throw new Error('not a page');
      return { status: result.page.status, html: result.page.body.toString('utf8'), csp: result.csp };
    };

    before(() => {
      portal = new PortalService(env.ctx);
    });

    it('keeps the query in the box, shows tabs with counts as links, highlights, and needs no script', async () => {
      const { status, html } = await page(`/search?q=${encodeURIComponent('社会保险')}`);
      assert.equal(status, 200);
      assert.match(html, /<input id="search-page-q"[^>]* name="q" value="社会保险"\/>/);
      assert.match(html, /<nav class="search-tabs" aria-label="结果分类">/);
      assert.match(
        html,
        /<a href="\/search\?q=%E7%A4%BE%E4%BC%9A%E4%BF%9D%E9%99%A9&amp;kind=policy"[^>]*>政策文件<span class="search-count">（1）<\/span><\/a>/,
      );
      assert.match(html, /aria-current="page" data-kind="all">全部/);
      assert.match(html, /<em>社会保险<\/em>/);
      assert.match(html, /<form class="search-filters"[^>]* action="\/search" method="get">/);
      assert.match(html, /<select id="search-sort" name="sort">/);
      assert.match(html, /<h2 id="search-cards-title">服务直达<\/h2>/, 'the 社保 card');
      assert.doesNotMatch(html, /<script>|<script [^>]*>[^<]+<\/script>/, 'no inline script');
      assert.match(html, /<script src="\/search\/assets\/search-suggest\.[0-9a-f]{10}\.js" defer=""><\/script>/);
      assert.match(html, /<meta name="robots" content="noindex"/);
      const tab = await page(`/search?q=${encodeURIComponent('社会保险')}&kind=policy`);
      assert.match(tab.html, /aria-current="page" data-kind="policy">政策文件/);
      assert.match(tab.html, /<input type="hidden" name="kind" value="policy"\/>/);
    });

    it('escapes what it echoes, paginates, and helps when nothing is found', async () => {
      const xss = await page(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
      assert.doesNotMatch(xss.html, /<script>alert/);
      assert.match(xss.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      const p = await page(`/search?q=${encodeURIComponent('营商环境')}`);
      assert.match(p.html, /<nav class="search-pagination" aria-label="搜索结果分页">/);
      assert.match(p.html, /href="\/search\?q=%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83&amp;page=2" rel="next">下一页/);
      const none = await page(`/search?q=${encodeURIComponent('量子引力波望远镜')}`);
      assert.match(none.html, /未找到与“量子引力波望远镜”相关的信息/);
      assert.match(none.html, /<h2 id="search-hot-title">热门搜索<\/h2>/);
      const empty = await page('/search');
      assert.match(empty.html, /请输入要搜索的关键词/);
      const bad = await page(`/search?q=${encodeURIComponent('社保')}&from=2026-05-01&to=2026-04-01`);
      assert.equal(bad.status, 400);
      assert.match(bad.html, /起始日期不能晚于截止日期/);
    });

    it('serves a subordinate site’s search under /site/<code>/search', async () => {
      const { html } = await page(`/site/dhq/search?q=${encodeURIComponent('营商环境')}`);
      assert.match(html, /action="\/site\/dhq\/search"/);
      assert.match(html, /href="\/site\/dhq\/gzdt\/tzgg\/\d+\.html"/);
      assert.match(html, /找到 1 条相关结果/);
    });

    it('serves its script and styles', async () => {
      const { html } = await page(`/search?q=${encodeURIComponent('社保')}`);
      for (const url of [...html.matchAll(/(?:src|href)="(\/search\/assets\/[^"]+)"/g)].map((m) => m[1]!)) {
        const res = await env.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 200, url);
        assert.match(String(res.headers['cache-control']), /immutable/);
      }
    });
  });
});
