// Site search: tabs and counts, ranking, filters and order, synonyms, pinyin, typos, stop words, help when
// nothing is found, hot words and the report of searches without results, suggestions, and bad input.
// SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, login } from '../../../test/helpers.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';
import { EXACT_COUNTS, type SearchResult } from './search.service.ts';
import { DEFAULT_SYNONYMS } from './synonyms.ts';
import { docKey, kindOfKey } from './kinds.ts';
import { searchSite } from './search-testing.ts';
import type { LoadedItem } from './quality/load.ts';
import type { Team } from '../../../test/workflow.ts';
import type { Session, TestEnv } from '../../../test/helpers.ts';

describe(`site search (${DIALECT})`, () => {
  let env: TestEnv;
  let siteId: number;
  let loaded: LoadedItem[];
  let t: Team;
  let admin: Session;
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
    ({ env, siteId, loaded, t, admin } = await searchSite());
  });
  after(async () => env.close());

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
      // A tab the sample says is small is counted (PostgreSQL: up to the exact-count limit), never left an estimate.
      const policy = await search('营商环境', { kind: 'policy', pageSize: 50 });
      assert.equal(policy.total, policy.items.length, 'a small tab is counted exactly');
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
    // The log keeps daily totals per site and query: no IP, no session, no time of day.
    const row = await env.ctx.db
      .selectFrom('search_log_days' as never)
      .selectAll()
      .executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(row as object).sort(), ['day', 'query', 'searches', 'site_id', 'zero_results']);
    const rows = (await env.ctx.db
      .selectFrom('search_log_days' as never)
      .selectAll()
      .where('query' as never, '=', '量子引力波望远镜' as never)
      .execute()) as unknown as { searches: number; zero_results: number }[];
    assert.deepEqual(
      rows.map((r) => [Number(r.searches), Number(r.zero_results)]),
      [[2, 2]],
      'two searches, one row',
    );
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
});

test('keeps kinds in the low bits of date-ordered keys', () => {
  const a = docKey('2026-01-01T00:00:00.000Z', 5, 'policy');
  const b = docKey('2026-01-01T00:00:01.000Z', 4, 'other');
  assert.ok(b > a);
  assert.equal(kindOfKey(a), 'policy');
  assert.equal(kindOfKey(b), 'other');
  assert.ok(Number.isSafeInteger(docKey('2068-01-01T00:00:00.000Z', 2 ** 30, 'other')));
});
