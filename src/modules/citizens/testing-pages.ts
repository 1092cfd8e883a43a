// Assertions shared by the account pages' tests: every page keeps the site's meta tags and footer identity.
import assert from 'node:assert/strict';

export function assertPageTags(html: string): void {
  for (const name of ['SiteName', 'SiteDomain', 'SiteIDCode'])
    assert.match(html, new RegExp(`<meta name="${name}" content="[^"]+"`));
  assert.match(html, /我为政府网站找错/, 'the 找错 entry');
  assert.match(html, /data-identity="site-id-code"/, 'the footer identity');
  assert.match(html, /<a href="\/user\/">登录 \/ 用户空间<\/a>/);
}
