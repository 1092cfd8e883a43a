// Site search: indexing through the real publication workflow, tabs and counts, filters and order, synonyms,
// pinyin, typos, suggestions, hot words, the report of searches without results, service cards, the site
// cluster, the results page, and bad input. SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, login, staff, testEnv, type Session, type TestEnv } from '../../../test/helpers.ts';
import { draftNews, publishThroughReview, relogin, team, type Team } from '../../../test/workflow.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { DAY } from '../../platform/time.ts';
import { createSiteWithAnnex1 } from '../setup/setup.service.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';
import { PortalService } from '../portal/portal.service.ts';
import { loadCorpus, type LoadedItem } from './quality/load.ts';
import type { CorpusItem } from './quality/corpus.ts';
import { EXACT_COUNTS, seedDefaultSearchCards, type SearchResult } from './search.service.ts';
import { DEFAULT_SYNONYMS } from './synonyms.ts';
import { docKey, kindOfKey } from './kinds.ts';

const item = (
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

const FIXTURE: CorpusItem[] = [
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

describe(`site search (${DIALECT})`, () => {
  let env: TestEnv;
  let siteId: number;
  let loaded: LoadedItem[];
  let t: Team;
  let admin: Session;
  let subId: number;
  const idOf = (title: string) => loaded.find((i) => i.title === title)!.id;
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
    env = await testEnv({ demo: false });
    siteId = (await createSiteWithAnnex1(env.ctx)).siteId;
    loaded = await loadCorpus(env.ctx, siteId, FIXTURE);
    await env.ctx.search.reindex();
    t = await team(env.app, env.ctx);
    await staff(env.ctx, 'webadmin', ['site_admin']);
    admin = await login(env.app, 'webadmin');
  });
  after(async () => {
    await env.close();
  });

  it('finds an exact title first, with highlighted title and snippet, its URL and its kind', async () => {
    const r = await search('关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知');
    const first = r.items[0]!;
    assert.equal(first.titleText, '关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知');
    assert.equal(first.url, `/gzdt/tzgg/${idOf(first.titleText)}.html`);
    assert.equal(first.kind, 'notice');
    assert.equal(first.kindLabel, '通知公告');
    assert.deepEqual(first.site, { id: siteId, name: DEMO_SITE.name });
    assert.equal(first.column?.name, '通知公告');
    assert.match(first.title, /<em>/);
    assert.equal(first.pubDate, '2026-09-01T02:00:00.000Z');
  });

  it('matches any two-character piece of a title, even where the segmenter cuts differently', async () => {
    for (const q of ['乡居民基本医', '基本医疗保险参保', '年度城乡']) {
      assert.ok(titles(await search(q)).includes('关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知'), q);
    }
  });

  it('groups results by kind with counts, and a tab narrows the list', async () => {
    const r = await search('社会保险');
    const counts = Object.fromEntries(r.kinds.map((k) => [k.kind, k.count]));
    assert.equal(r.kinds[0]!.label, '全部');
    assert.deepEqual(
      r.kinds.map((k) => k.label),
      ['全部', '政策文件', '政策解读', '新闻动态', '通知公告', '办事服务', '互动问答', '其他'],
    );
    assert.equal(counts.policy, 1);
    assert.equal(counts.interpretation, 1);
    assert.equal(counts.interaction, 1, '社保 is a synonym of 社会保险');
    assert.equal(counts.news, 1);
    assert.equal(counts.other, 1, 'found in the body');
    assert.equal(counts.all, r.total);
    const policy = await search('社会保险', { kind: 'policy' });
    assert.equal(policy.total, 1);
    assert.deepEqual(titles(policy), ['南江市社会保险费征缴管理办法']);
    assert.equal(policy.items[0]!.docNumber, '南政规〔2026〕3号');
    assert.equal(policy.kinds[0]!.count, r.total, 'tab counts stay those of all kinds');
  });

  it('ranks title matches before body matches, and then by date', async () => {
    const r = await search('社保');
    const bodyOnly = titles(r).indexOf('南江市政务服务管理办公室2025年度部门预算公开');
    assert.ok(bodyOnly > 0, 'found by its body');
    for (const title of ['市政务办召开社保服务工作推进会', '关于社保问题的答复', '南江市社会保险费征缴管理办法']) {
      assert.ok(titles(r).indexOf(title) < bodyOnly, `${title} before the body match`);
    }
    assert.ok(
      titles(r).indexOf('关于社保问题的答复') < titles(r).indexOf('市政务办召开社保服务工作推进会'),
      'newer first among title matches',
    );
    assert.match(r.items[bodyOnly]!.snippet, /<em>社保<\/em>/);
  });

  it('paginates, sorts by date and filters by date range, column and kind', async () => {
    const p1 = await search('营商环境');
    assert.equal(p1.total, 12);
    assert.equal(p1.items.length, 10);
    assert.equal(p1.pages, 2);
    const p2 = await search('营商环境', { page: 2 });
    assert.equal(p2.items.length, 2);
    assert.deepEqual(new Set([...titles(p1), ...titles(p2)]).size, 12, 'no item twice across pages');
    const byDate = await search('营商环境', { sort: 'date' });
    const dates = byDate.items.map((i) => i.pubDate);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const ranged = await search('营商环境', { from: '2026-01-12', to: '2026-01-14' });
    assert.equal(ranged.total, 3, 'three days, Asia/Shanghai');
    const column = (await env.ctx.columns.tree(siteId)).flat.find((c) => c.name === '工作动态')!;
    assert.equal((await search('营商环境', { column: column.id })).total, 12, 'a column includes its subcolumns');
    const other = (await env.ctx.columns.tree(siteId)).flat.find((c) => c.name === '通知公告')!;
    assert.equal((await search('营商环境', { column: other.id })).total, 0);
  });

  it('counts large result sets exactly in total, and by kind from the newest matches (approximate)', async () => {
    env.ctx.search.exactCounts = 5;
    try {
      const r = await search('营商环境');
      assert.equal(r.approximate, true);
      const news = r.kinds.find((k) => k.kind === 'news')!.count;
      if (DIALECT === 'sqlite') {
        assert.equal(r.total, 12, 'SQLite counts the total exactly');
        assert.equal(news, 12, 'all twelve are news: the estimate is exact here');
      } else {
        assert.ok(r.total >= 6, 'PostgreSQL estimates the total, never below the sample');
        assert.equal(news, r.total, 'all sampled are news');
      }
      const tab = await search('营商环境', { kind: 'news', page: 2 });
      assert.equal(tab.items.length, 2, 'the items of a tab are exact');
      const small = await search('社会保险费征缴');
      assert.equal(small.approximate, false);
    } finally {
      env.ctx.search.exactCounts = EXACT_COUNTS;
    }
  });

  it('widens queries with synonyms (default and administrator-managed)', async () => {
    assert.ok(titles(await search('公积金提取')).includes('住房公积金提取办事指南'));
    assert.ok(titles(await search('医保 参保缴费')).includes('关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知'));
    const before = await call(env.app, admin, 'GET', `/api/sites/${siteId}/search/synonyms`);
    assert.equal(before.statusCode, 200);
    assert.equal(before.json().isDefault, true);
    assert.ok(before.json().groups.length >= 40);
    assert.equal((await search('群众驿站')).total, 0);
    const put = await call(env.app, admin, 'PUT', `/api/sites/${siteId}/search/synonyms`, {
      groups: [...DEFAULT_SYNONYMS, ['群众驿站', '政务大厅']],
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().isDefault, false);
    assert.deepEqual(titles(await search('群众驿站')), ['政务大厅延时服务便民措施']);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'search.synonyms')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.site_id, siteId);
    // Only site administrators, with CSRF.
    assert.equal(
      (await call(env.app, t.editor, 'PUT', `/api/sites/${siteId}/search/synonyms`, { groups: [] })).statusCode,
      403,
    );
    assert.equal((await call(env.app, null, 'GET', `/api/sites/${siteId}/search/synonyms`)).statusCode, 401);
    const noCsrf = await env.app.inject({
      method: 'PUT',
      url: `/api/sites/${siteId}/search/synonyms`,
      headers: { cookie: admin.cookie },
      payload: { groups: [] },
    });
    assert.equal(noCsrf.statusCode, 403);
  });

  it('understands pinyin and pinyin initials', async () => {
    for (const q of ['shebao', 'sb', 'gongjijin', 'gjj', 'zhufanggongjijin']) {
      const r = await search(q);
      assert.ok(r.total > 0, q);
    }
    assert.ok(titles(await search('shebao')).includes('关于社保问题的答复'));
    assert.ok(titles(await search('sb')).includes('关于社保问题的答复'));
    assert.ok(titles(await search('gjj')).includes('住房公积金提取办事指南'));
    assert.ok((await search('shebao')).expanded.includes('社保'));
  });

  it('tolerates a wrong character in a Chinese term and one edit in a latin word', async () => {
    const r = await search('城乡居明基本医疗保险');
    assert.equal(r.correctedQuery, '城乡居民基本医疗保险');
    assert.ok(titles(r).includes('关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知'));
    const long = await search('关于做好2026年度城乡居民基本医疗保验参保缴费工作的通知');
    assert.ok(titles(long).includes('关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知'));
    const latin = await search('covld');
    assert.ok(titles(latin).includes('我市上线COVID核酸检测预约服务'), JSON.stringify(latin));
  });

  it('drops stop words from queries', async () => {
    assert.ok(titles(await search('住房公积金的提取')).includes('住房公积金提取办事指南'));
    const relaxed = await search('如何办理住房公积金提取');
    assert.ok(titles(relaxed).includes('住房公积金提取办事指南'), 'all words but one (办理)');
    assert.equal(relaxed.fuzzy, true);
  });

  it('helps when nothing is found: corrections, hot words; and reports those searches to staff', async () => {
    env.ctx.search.forgetHotWords();
    for (let i = 0; i < 3; i++) await search('营商环境');
    await search('社保');
    await search('社保');
    env.ctx.search.forgetHotWords();
    const none = await search('量子引力波望远镜');
    assert.equal(none.total, 0);
    assert.deepEqual(none.items, []);
    assert.equal(none.hotWords[0], '营商环境');
    assert.ok(none.hotWords.includes('社保'));
    assert.ok(!none.hotWords.includes('shebao') && !none.hotWords.includes('sb'), 'pinyin-only queries are not listed');
    await search('量子引力波望远镜');
    const report = await call(env.app, admin, 'GET', `/api/sites/${siteId}/search/report`);
    assert.equal(report.statusCode, 200, report.body);
    const zero = report.json().zeroResults as { query: string; count: number }[];
    assert.deepEqual(zero.find((z) => z.query === '量子引力波望远镜')?.count, 2);
    assert.ok(report.json().searches >= 7);
    assert.equal((await call(env.app, t.editor, 'GET', `/api/sites/${siteId}/search/report`)).statusCode, 403);
    // The log keeps the query, the site, the time and the number of results: no IP, no session.
    const row = await env.ctx.db
      .selectFrom('search_log' as never)
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(row as object).sort(), ['at', 'id', 'query', 'results', 'site_id']);
  });

  it('suggests titles, terms and popular queries as one types, also from pinyin', async () => {
    const res = await env.app.inject({ method: 'GET', url: `/api/search/suggest?q=${encodeURIComponent('营商')}` });
    assert.equal(res.statusCode, 200);
    const items = res.json().items as { text: string; type: string; url?: string }[];
    assert.ok(
      items.some((i) => i.type === 'query' && i.text === '营商环境'),
      JSON.stringify(items),
    );
    assert.ok(items.some((i) => i.type === 'title' && i.url?.endsWith('.html')));
    const py = (await env.app.inject({ method: 'GET', url: '/api/search/suggest?q=zhufang' })).json().items as {
      text: string;
    }[];
    assert.ok(
      py.some((i) => i.text.includes('住房')),
      JSON.stringify(py),
    );
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/search/suggest?q=' })).statusCode, 400);
  });

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

  it('refuses bad input with 400 and a Chinese message', async () => {
    admin = await login(env.app, 'webadmin');
    // Shapes the schema refuses answer VALIDATION_FAILED; the rules the service checks have codes of their own.
    const cases: [Record<string, string | number>, string][] = [
      [{}, 'VALIDATION_FAILED'],
      [{ q: '' }, 'VALIDATION_FAILED'],
      [{ q: 'x'.repeat(101) }, 'VALIDATION_FAILED'],
      [{ q: '社保', kind: 'bogus' }, 'VALIDATION_FAILED'],
      [{ q: '社保', from: '2026-13-01' }, 'DATE_INVALID'],
      [{ q: '社保', from: '2026-02-30' }, 'DATE_INVALID'],
      [{ q: '社保', from: '2026-05-01', to: '2026-04-01' }, 'DATE_RANGE_REVERSED'],
      [{ q: '社保', page: 0 }, 'VALIDATION_FAILED'],
      [{ q: '社保', page: 101 }, 'VALIDATION_FAILED'],
      [{ q: '社保', sort: 'random' }, 'VALIDATION_FAILED'],
      [{ q: '！！！' }, 'SEARCH_QUERY_MEANINGLESS'],
      [{ q: '社保', scope: 'nosuchsite' }, 'SITE_CODE_UNKNOWN'],
      [{ q: '社保', column: 'abc' }, 'VALIDATION_FAILED'],
    ];
    for (const [query, code] of cases) {
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/search?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`,
      });
      assert.equal(res.statusCode, 400, `${JSON.stringify(query)} → ${res.body}`);
      const body = res.json() as { error: { code: string; message: string } };
      assert.equal(body.error.code, code, JSON.stringify(query));
      assert.match(body.error.message, /[\u4e00-\u9fa5]/);
    }
    const bad = await call(env.app, admin, 'PUT', `/api/sites/${siteId}/search/synonyms`, { groups: [['只有一个']] });
    assert.equal(bad.statusCode, 400);
    assert.equal((await call(env.app, admin, 'GET', `/api/sites/9999/search/synonyms`)).statusCode, 404);
  });

  it('keeps kinds in the low bits of date-ordered keys', () => {
    const a = docKey('2026-01-01T00:00:00.000Z', 5, 'policy');
    const b = docKey('2026-01-01T00:00:01.000Z', 4, 'other');
    assert.ok(b > a);
    assert.equal(kindOfKey(a), 'policy');
    assert.equal(kindOfKey(b), 'other');
    assert.ok(Number.isSafeInteger(docKey('2068-01-01T00:00:00.000Z', 2 ** 30, 'other')));
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
