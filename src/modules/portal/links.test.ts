// Every internal link on the demo site resolves: a crawl from the home page (over app.inject) follows every
// href and src of every page, style sheet url() and feed/sitemap link, and fails on any answer that is
// neither 2xx nor 3xx — a broken link, image, script or style sheet is an inspection finding (可用性).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, type TestEnv } from '../../../test/helpers.ts';
import { publishWithAttachment, type PublishedWithFiles } from './attachment-testing.ts';
import { mainSite } from './site-resolver.ts';
import { cssLinks, decodeEntities, xmlLinks } from '../export/export-paths.ts';

const ORIGIN = 'http://crawl.local';
/** Far above the demo site's size: a runaway crawl (a link that grows with each page) fails instead of hanging. */
const MAX_URLS = 5000;

/** href, src and srcset values of a document (entities decoded). */
function pageLinks(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const value = decodeEntities(m[2] ?? m[3] ?? '');
    if (m[1]!.toLowerCase() === 'srcset') out.push(...value.split(',').map((part) => part.trim().split(/\s+/)[0]!));
    else out.push(value);
  }
  return out;
}

/** The local path and query of a link when it stays on the site; null for other origins, mailto:, fragments. */
function internal(raw: string, from: string, hosts: Set<string>): string | null {
  const value = raw.trim();
  if (!value || value.startsWith('#')) return null;
  let url: URL;
  try {
    url = new URL(value, `${ORIGIN}${from}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.origin !== ORIGIN && !hosts.has(url.host)) return null;
  return `${url.pathname}${url.search}`;
}

describe('links on the demo site', () => {
  let env: TestEnv;
  let withFiles: PublishedWithFiles;

  before(async () => {
    env = await testEnv({ demoContent: true });
    // The demo content has no files: one published item adds an attachment and an inline picture.
    withFiles = await publishWithAttachment(env.app, env.ctx);
  });
  after(async () => env.close());

  it('every internal link, image, script and style sheet reachable from the home page resolves', async (t) => {
    const sites = await env.ctx.sites.list();
    // Absolute links to the sites' own domains (feeds, sitemap, canonical URLs) are internal too.
    const hosts = new Set(sites.flatMap((s) => s.domains));
    // The home page, what robots and inspectors start from, and the home of each other site of the cluster
    // (served under /site/<code>/).
    const main = mainSite(sites)!;
    const seeds = [
      '/',
      '/robots.txt',
      '/sitemap.xml',
      ...sites.filter((s) => s.id !== main.id).map((s) => `/site/${s.code}/`),
    ];
    const seen = new Set<string>(seeds);
    const referrers = new Map<string, string>();
    const broken: string[] = [];
    const kinds = { html: 0, other: 0 };
    let queue = [...seeds];
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      for (const url of batch) {
        const res = await env.app.inject({ method: 'GET', url, headers: { host: 'crawl.local' } });
        if (res.statusCode >= 400) {
          broken.push(`${url} → ${res.statusCode} (linked from ${referrers.get(url) ?? 'start'})`);
          continue;
        }
        const links: string[] = [];
        if (res.statusCode >= 300) {
          const location = res.headers.location;
          if (typeof location === 'string') links.push(location);
        } else {
          const type = String(res.headers['content-type'] ?? '');
          if (type.startsWith('text/html')) {
            kinds.html += 1;
            links.push(...pageLinks(res.body));
          } else {
            kinds.other += 1;
            if (type.startsWith('text/css')) links.push(...cssLinks(res.body));
            else if (/xml/.test(type)) links.push(...xmlLinks(res.body));
            else if (type.startsWith('text/plain'))
              links.push(...[...res.body.matchAll(/^Sitemap:\s*(\S+)/gm)].map((m) => m[1]!));
          }
        }
        for (const link of links) {
          const target = internal(link, url.split('?')[0]!, hosts);
          // The care-mode switch sets a cookie and returns: followed once, not once per page.
          if (!target || seen.has(target) || (target.startsWith('/accessibility/') && seen.has('/accessibility/')))
            continue;
          if (target.startsWith('/accessibility/')) seen.add('/accessibility/');
          seen.add(target);
          referrers.set(target, url);
          queue.push(target);
        }
      }
      assert.ok(seen.size < MAX_URLS, `crawl stays bounded (${seen.size} URLs)`);
    }
    t.diagnostic(`crawled ${seen.size} URLs: ${kinds.html} pages, ${kinds.other} other resources`);
    assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
    // The crawl really covered the site: every column page, content pages, the subordinate site, assets, files.
    const paths = [...seen];
    assert.ok(kinds.html > 150, `pages crawled: ${kinds.html}`);
    for (const expected of ['/sitemap/', '/zwgk/catalog/', '/sitemap.xml'])
      assert.ok(seen.has(expected), `crawled ${expected}`);
    for (const prefix of ['/site/zwfw/', '/assets/'])
      assert.ok(
        paths.some((p) => p.startsWith(prefix)),
        `crawled ${prefix}…`,
      );
    for (const file of [withFiles.attachmentUrl, withFiles.imageUrl]) assert.ok(seen.has(file), `crawled ${file}`);
    assert.ok(
      paths.some((p) => /\/\d+\.html$/.test(p)),
      'crawled content pages',
    );
  });
});
