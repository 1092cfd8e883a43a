// Other modules extend the public site through the portal registry: their own pages, the content of the
// columns that list their records, and the changes that make those pages stale.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createElement } from 'react';
import { columnByName, testEnv, type TestEnv } from '../../../test/helpers.ts';
import { columnMatches } from './portal-registry.ts';
import { pageTitle } from './page-kit.ts';
import { siteMeta } from './meta.ts';
import { Layout } from './views/Layout.tsx';
import type { PublicColumn } from './views/types.ts';

describe('portal registry', () => {
  let env: TestEnv;
  let served = 0;
  let drop: ((siteId: number) => void) | null = null;
  const get = (url: string) => env.app.inject({ method: 'GET', url });

  before(async () => {
    env = await testEnv();
    const registry = env.ctx.portal;
    registry.registerPage({
      path: /^\/hudong\/(\d+)\/$/,
      render: async (page) =>
        page.html(
          createElement(Layout, {
            view: page.view,
            title: pageTitle(page.site, '留言详情'),
            meta: siteMeta(page.site),
            // biome-ignore lint/correctness/noChildrenProp: createElement's typing needs the required prop
            children: createElement('p', null, `留言 ${page.params?.[1]}`),
          }),
        ),
    });
    // 便民信息: a 办事服务 column no module supplies (办事指南 and its kinds are the services module's catalogue).
    registry.registerColumnContent({ columnType: '办事服务', name: '便民信息' }, async ({ page, pageNo }) => {
      if (pageNo > 2) return 'not-found';
      served += 1;
      return {
        items: [
          { title: `事项清单第${pageNo}页（${served}）`, url: '/bszn/1/', publishedAt: '2026-03-01T02:00:00.000Z' },
        ],
        pagination: { page: pageNo, pageCount: 2, total: 30, pageUrl: (n) => `${page.match.path}?page=${n}` },
        links: pageNo < 2 ? [{ rel: 'next', href: `${page.match.path}?page=${pageNo + 1}` }] : [],
      };
    });
    registry.invalidateOn((d) => {
      drop = d;
    });
  });

  after(async () => env.close());

  it('serves a registered page inside every site', async () => {
    const res = await get('/hudong/42/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<p>留言 42<\/p>/);
    assert.match(res.body, /<meta name="SiteName"/, 'the page keeps the site frame it was given');
  });

  it('lets a module supply a column’s content, cached per page until the module reports a change', async () => {
    const column = await columnByName(env.ctx, '便民信息');
    const first = await get(column.path);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /事项清单第1页（1）/);
    assert.match(first.body, /<link rel="next" href="[^"]*\?page=2"/);
    assert.match((await get(column.path)).body, /事项清单第1页（1）/, 'served from the page cache');
    assert.match((await get(`${column.path}?page=2`)).body, /事项清单第2页（2）/);
    assert.equal((await get(`${column.path}?page=3`)).statusCode, 404);
    assert.ok(drop, 'the portal subscribed to the module’s changes');
    drop!(column.siteId);
    assert.match((await get(column.path)).body, /事项清单第1页（3）/, 'rendered again after the change');
  });

  it('matches columns by type, slug and name; a list means any of them', () => {
    const column = { columnType: '互动交流', slug: 'zxft', name: '在线访谈' } as PublicColumn;
    assert.ok(columnMatches({ columnType: '互动交流' }, column));
    assert.ok(columnMatches({ columnType: ['数据发布', '互动交流'], slug: 'zxft' }, column));
    assert.ok(!columnMatches({ columnType: '互动交流', name: '意见征集' }, column));
    assert.ok(columnMatches((c) => c.slug.startsWith('zx'), column));
  });
});
