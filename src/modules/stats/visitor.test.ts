import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addCalendarDays as addDays,
  isCalendarDay as isDay,
  shanghaiDayOf as shanghaiDay,
  shanghaiDayStart,
  validShanghaiDayStart,
  shanghaiDayStartMs as dayStartMs,
} from '../../platform/time.ts';
import { isHumanAgent, isPagePath, looksLikePage, visitorHash } from './visitor.ts';

test('people’s browsers count; robots, previewers, headless browsers, scripts and our inspector do not', () => {
  const people = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323d) NetType/WIFI Language/zh_CN',
    'Mozilla/5.0 (Linux; Android 13; V2227A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/110.0.5481.153 Mobile Safari/537.36 baiduboxapp/13.52.0.10',
    'Mozilla/5.0 (Linux; Android 9; CUBOT P30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Linux; U; Android 10; zh-cn; M2007J3SC) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/89.0 Mobile Safari/537.36 SogouMobileBrowser/5.38.8',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  ];
  for (const ua of people) assert.ok(isHumanAgent(ua), ua);
  const robots = [
    undefined,
    '',
    'lightMyRequest',
    'curl/8.5.0',
    'Wget/1.21',
    'python-requests/2.31',
    'Go-http-client/1.1',
    'autocannon',
    'govportal-inspector/0.1 (+政府网站自查)',
    'Mozilla/5.0 (compatible; govportal-inspector/0.2)',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)',
    'Mozilla/5.0 (compatible; YisouSpider/5.0)',
    'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)',
    'Mozilla/5.0 (compatible; 360Spider)',
    'Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0 Mobile Safari/537.36 Chrome-Lighthouse',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
  ];
  for (const ua of robots) assert.ok(!isHumanAgent(ua), String(ua));
});

test('which paths may be pages', () => {
  for (const p of ['/', '/gzdt/bmdt/', '/gzdt/bmdt/12.html', '/search', '/site/zwfw/', '/apis/', '/administration/'])
    assert.ok(isPagePath(p), p);
  for (const p of [
    '/api',
    '/api/sites',
    '/api/docs',
    '/admin',
    '/admin/',
    '/admin/users',
    '/assets/portal.1.css',
    '/files/3/a.pdf',
    '/accessibility/toggle',
    '/healthz',
  ]) {
    assert.ok(!isPagePath(p), p);
  }
  for (const p of ['/', '/gzdt/', '/gzdt/12.html', '/search']) assert.ok(looksLikePage(p), p);
  for (const p of ['/gzdt/rss.xml', '/sitemap.xml', '/robots.txt']) assert.ok(!looksLikePage(p), p);
});

test('days are Asia/Shanghai calendar days', () => {
  assert.equal(shanghaiDay(Date.parse('2026-11-27T15:59:59.999Z')), '2026-11-27');
  assert.equal(shanghaiDay(Date.parse('2026-11-27T16:00:00.000Z')), '2026-11-28');
  assert.equal(shanghaiDay(Date.parse('2025-12-31T16:00:00.000Z')), '2026-01-01');
  assert.equal(new Date(dayStartMs('2026-11-28')).toISOString(), '2026-11-27T16:00:00.000Z');
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.ok(isDay('2024-02-29'));
  assert.ok(!isDay('2026-02-29'));
  assert.ok(!isDay('2026-1-01'));
  assert.equal(shanghaiDayStart('2026-11-28'), '2026-11-27T16:00:00.000Z');
  assert.equal(validShanghaiDayStart('2026-02-30'), null);
});

test('visitor hashes depend on the salt, the IP and the user agent, and reveal neither', () => {
  const a = Buffer.alloc(32, 1);
  const b = Buffer.alloc(32, 2);
  const h = visitorHash(a, '203.0.113.77', 'UA');
  assert.match(h, /^[0-9a-f]{32}$/);
  assert.equal(visitorHash(a, '203.0.113.77', 'UA'), h);
  assert.notEqual(visitorHash(b, '203.0.113.77', 'UA'), h);
  assert.notEqual(visitorHash(a, '203.0.113.78', 'UA'), h);
  assert.notEqual(visitorHash(a, '203.0.113.77', 'UA2'), h);
  // The separator keeps (ip, ua) pairs apart: "1.2.3.4" + "5UA" ≠ "1.2.3.45" + "UA".
  assert.notEqual(visitorHash(a, '1.2.3.4', '5UA'), visitorHash(a, '1.2.3.45', 'UA'));
});
