// HTML assertions shared by the public site's tests: what a reader and a website inspector check on every page.
// Regular expressions are enough for our own, well-formed output.
import assert from 'node:assert/strict';
import { jiucuoPageUrl } from '../sites/site-identity.ts';
import type { SiteView } from '../sites/sites.schema.ts';

export const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export function head(html: string): string {
  const m = /<head>([\s\S]*?)<\/head>/.exec(html);
  assert.ok(m, 'document has a <head>');
  return m[1]!;
}

/** name → every content value of <meta name=…> in <head>. */
export function metaTags(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of head(html).matchAll(/<meta name="([^"]+)" content="([^"]*)"\/?>/g)) {
    out.set(m[1]!, [...(out.get(m[1]!) ?? []), decode(m[2]!)]);
  }
  return out;
}

export const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => decode(m[1]!));

/** The inner HTML of the first element carrying the attribute. */
export function byAttr(html: string, attr: string): string | null {
  const m = new RegExp(`<(\\w+)[^>]*\\s${attr.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^>]*>`).exec(html);
  if (!m) return null;
  const tag = m[1]!;
  const start = m.index + m[0].length;
  // Our markup does not nest an element inside one of the same tag within the identity block.
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(start, end);
}

export const text = (fragment: string) => decode(fragment.replace(/<[^>]+>/g, ''));

export function assertSiteMeta(html: string, site: SiteView, url: string) {
  const tags = metaTags(html);
  assert.deepEqual(tags.get('SiteName'), [site.name], `${url}: SiteName`);
  assert.deepEqual(tags.get('SiteDomain'), [site.domains[0]], `${url}: SiteDomain`);
  assert.deepEqual(tags.get('SiteIDCode'), [site.siteIdCode], `${url}: SiteIDCode`);
}

export function assertDocument(html: string, url: string) {
  assert.ok(
    html.startsWith('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'),
    `${url}: doctype, lang, charset`,
  );
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1"\/>/);
  assert.match(html, /<title>[^<]+<\/title>/);
  assert.match(html, /<a class="skip-link" href="#main">跳到主要内容<\/a>/);
  assert.match(html, /<header class="site-header">/);
  assert.match(html, /<nav class="main-nav" aria-label="主导航">/);
  assert.match(html, /<main id="main"/);
  assert.match(html, /<footer class="site-footer">/);
  assert.match(
    html,
    /<form class="search-form" role="search"[^>]* action="[^"]*\/search" method="get"[^>]*>[\s\S]*?<input [^>]*name="q"/,
    `${url}: search form`,
  );
  // No inline script or style: the CSP forbids them.
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(m[1]!, /\ssrc="/, `${url}: scripts are external`);
    assert.equal(m[2], '', `${url}: no inline script`);
  }
  assert.doesNotMatch(html, /\sstyle="|<style|\son[a-z]+="/i, `${url}: no inline style or event handler`);
  // Headings: one <h1>, and no level skipped.
  const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
  assert.equal(levels.filter((l) => l === 1).length, 1, `${url}: exactly one h1`);
  levels.reduce((prev, l) => {
    assert.ok(l <= prev + 1, `${url}: heading h${l} after h${prev}`);
    return l;
  }, 0);
}

export function assertIdentityFooter(html: string, site: SiteView, url: string) {
  const footer = html.slice(html.indexOf('<footer'), html.indexOf('</footer>'));
  const item = (name: string) => {
    const inner = byAttr(footer, `data-identity="${name}"`);
    assert.ok(inner !== null, `${url}: footer item ${name}`);
    return inner;
  };
  const conac = item('conac');
  assert.ok(
    conac.includes(`<a class="conac-badge" href="${site.conacUrl!.replace(/&/g, '&amp;')}"`),
    `${url}: 党政机关 badge link`,
  );
  assert.match(conac, /<img src="\/assets\/conac\.[0-9a-f]{10}\.svg" alt="党政机关网站标识"/);
  assert.match(conac, /<span id="_ideConac"><\/span>/);
  assert.equal(text(item('site-id-code')), `网站标识码：${site.siteIdCode}`);
  assert.match(item('icp'), /<a href="https:\/\/beian\.miit\.gov\.cn\/"[^>]*>/);
  assert.equal(text(item('icp')), site.icpNumber);
  const police = item('police');
  const code = /(\d{14})/.exec(site.policeNumber)![1];
  assert.match(
    police,
    new RegExp(`href="https://www\\.beian\\.gov\\.cn/portal/registerSystemInfo\\?recordcode=${code}"`),
  );
  assert.match(police, /<img class="police-badge" src="\/assets\/police\.[0-9a-f]{10}\.svg"/);
  assert.equal(text(police), site.policeNumber);
  assert.equal(text(item('sponsor')), `主办单位：${site.sponsor}`);
  if (site.organizer) assert.equal(text(item('organizer')), `承办单位：${site.organizer}`);
  const contact = text(item('contact'));
  for (const part of [`联系电话：${site.phone}`, `电子邮箱：${site.email}`, `地址：${site.address}`])
    assert.ok(contact.includes(part), `${url}: ${part}`);
  // 我为政府网站找错: a plain link for readers without JavaScript, and a deferred first-party loader that inserts
  // the national script (id _jiucuo_, sitecode) asynchronously, so the page stays valid HTML and never waits.
  const jiucuo = item('jiucuo');
  assert.equal(text(jiucuo), '我为政府网站找错');
  assert.ok(hrefs(jiucuo).includes(jiucuoPageUrl(site.siteIdCode)), `${url}: 找错 link`);
  const loader =
    /<script src="\/assets\/jiucuo\.[0-9a-f]{10}\.js" data-sitecode="([^"]*)" data-src="([^"]*)" defer=""><\/script>/.exec(
      jiucuo,
    );
  assert.ok(loader, `${url}: 找错 loader in the footer`);
  assert.equal(decode(loader[1]!), site.siteIdCode, `${url}: 找错 sitecode`);
  assert.equal(decode(loader[2]!), site.jiucuoScriptUrl, `${url}: 找错 script URL`);
  assert.equal(html.split('data-sitecode=').length, 2, `${url}: one 找错 loader`);
  assert.doesNotMatch(html, /\ssitecode=/, `${url}: no non-standard sitecode attribute`);
}
