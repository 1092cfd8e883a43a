// Pure pieces of the public site shell: local paths, site resolution, the page cache and its validators, and
// the meta tags.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SiteView } from '../sites/sites.schema.ts';
import { PageCache, etagMatches, makePage } from './portal-cache.ts';
import { articleMeta, columnMeta, siteMeta } from './meta.ts';
import { localPath, resolveSite } from './site-resolver.ts';

describe('portal units', () => {
  it('localPath accepts local paths only', () => {
    for (const ok of ['/', '/gzdt/', '/site/zwfw/?a=1#x', '/search?q=%E4%B8%AD']) assert.equal(localPath(ok), ok);
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'evil',
      '',
      '/a\nb',
      '/\u0000',
      42,
      null,
      '/'.padEnd(3000, 'a'),
    ]) {
      assert.equal(localPath(bad), null, String(bad));
    }
  });

  it('resolveSite picks by host, falls back to the main site and handles /site/<code>/', () => {
    const s = (id: number, code: string, parentId: number | null, domains: string[]) =>
      ({ id, code, parentId, domains }) as SiteView;
    const sites = [
      s(2, 'zwfw', 1, ['zwfw.example.gov.cn']),
      s(1, 'main', null, ['www.example.gov.cn', 'localhost']),
      s(3, 'other', null, ['other.example.gov.cn']),
    ];
    assert.equal(resolveSite(sites, 'localhost:3000', '/')?.site.code, 'main');
    assert.equal(resolveSite(sites, 'nobody.example', '/')?.site.code, 'main');
    assert.equal(resolveSite(sites, 'ZWFW.example.gov.cn', '/')?.site.code, 'zwfw');
    assert.deepEqual(resolveSite(sites, 'localhost', '/site/zwfw/a/'), {
      site: sites[0],
      prefix: '/site/zwfw',
      path: '/a/',
    });
    assert.equal(resolveSite(sites, 'localhost', '/site/zwfw')?.redirect, '/site/zwfw/');
    assert.equal(resolveSite(sites, 'localhost', '/site/main/x/')?.redirect, '/x/');
    // Another cluster's site is not served under this host.
    assert.deepEqual(resolveSite(sites, 'localhost', '/site/other/'), {
      site: sites[1],
      prefix: '',
      path: '/site/other/',
    });
    assert.equal(resolveSite([], 'localhost', '/'), null);
  });

  it('PageCache memoizes per site, invalidates a site alone and never stores a render overtaken by invalidation', async () => {
    const cache = new PageCache();
    let renders = 0;
    const render = async () => makePage(`page ${++renders}`);
    assert.equal((await cache.page(1, '/', render)).body.toString(), 'page 1');
    assert.equal((await cache.page(1, '/', render)).body.toString(), 'page 1');
    await cache.page(2, '/', render);
    cache.invalidateSite(1);
    assert.equal(cache.size(1), 0);
    assert.equal(cache.size(2), 1);
    assert.equal((await cache.page(1, '/', render)).body.toString(), 'page 3');

    let release!: () => void;
    const slow = cache.page(
      5,
      '/',
      () =>
        new Promise((resolve) => {
          release = () => resolve(makePage('stale'));
        }),
    );
    cache.invalidateSite(5);
    release();
    assert.equal((await slow).body.toString(), 'stale');
    assert.equal((await cache.page(5, '/', async () => makePage('fresh'))).body.toString(), 'fresh');

    await assert.rejects(
      cache.page(6, '/', async () => {
        throw new Error('boom');
      }),
    );
    assert.equal((await cache.page(6, '/', async () => makePage('ok'))).body.toString(), 'ok');

    const small = new PageCache({ maxEntriesPerSite: 2 });
    for (const key of ['a', 'b', 'c']) await small.page(1, key, async () => makePage(key));
    assert.equal(small.size(1), 2);
  });

  it('etagMatches handles lists, weak validators and *', () => {
    assert.ok(etagMatches('"a", "b"', '"b"'));
    assert.ok(etagMatches('W/"b"', '"b"'));
    assert.ok(etagMatches('*', '"b"'));
    assert.ok(!etagMatches('"a"', '"b"'));
    assert.ok(!etagMatches(undefined, '"b"'));
  });

  it('builds the meta tags, with PubDate in Asia/Shanghai', () => {
    const site = { name: '某网站', domains: ['www.example.gov.cn:8443'], siteIdCode: 'bm17000009' } as SiteView;
    assert.deepEqual(siteMeta(site), [
      { name: 'SiteName', content: '某网站' },
      { name: 'SiteDomain', content: 'www.example.gov.cn' },
      { name: 'SiteIDCode', content: 'bm17000009' },
    ]);
    assert.deepEqual(
      columnMeta({ name: '通知公告', description: '', keywords: '', columnType: '通知公告' }).map((t) => t.content),
      ['通知公告', '通知公告', '通知公告', '通知公告'],
    );
    assert.deepEqual(
      articleMeta({
        title: '标题',
        publishedAt: '2026-11-27T02:03:04.000Z',
        source: '市政务办',
        keywords: '政务',
        description: '摘要',
        author: '张三',
        url: 'https://www.example.gov.cn/a/1.html',
      }),
      [
        { name: 'ArticleTitle', content: '标题' },
        { name: 'PubDate', content: '2026-11-27 10:03:04' },
        { name: 'ContentSource', content: '市政务办' },
        { name: 'Keywords', content: '政务' },
        { name: 'Description', content: '摘要' },
        { name: 'Author', content: '张三' },
        { name: 'Url', content: 'https://www.example.gov.cn/a/1.html' },
      ],
    );
  });
});
