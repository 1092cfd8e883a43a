import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityProblems, isJiucuoScript } from './site-identity.ts';
import { DEMO_SITE } from '../setup/demo-site.ts';

// The 找错 script runs on every public page with the page's rights: only the national platform may provide it.
test('the 找错 script comes from the national platform over HTTPS only', () => {
  for (const ok of ['https://zfwzgl.www.gov.cn/exposure/jiucuo.js', 'https://pucha.kaipuyun.cn/exposure/jiucuo.js'])
    assert.equal(isJiucuoScript(ok), true, ok);
  for (const bad of [
    'http://zfwzgl.www.gov.cn/exposure/jiucuo.js',
    'https://evil.example.com/jiucuo.js',
    'https://zfwzgl.www.gov.cn.evil.example.com/jiucuo.js',
    'https://zfwzgl.www.gov.cn@evil.example.com/jiucuo.js',
    'https://user@zfwzgl.www.gov.cn/jiucuo.js',
    'https://zfwzgl.www.gov.cn:8443/jiucuo.js',
    'javascript:alert(1)',
    '//zfwzgl.www.gov.cn/exposure/jiucuo.js',
  ])
    assert.equal(isJiucuoScript(bad), false, bad);
  assert.deepEqual(identityProblems(DEMO_SITE), {});
  assert.match(
    identityProblems({ ...DEMO_SITE, jiucuoScriptUrl: 'https://cdn.example.com/x.js' }).jiucuoScriptUrl ?? '',
    /zfwzgl\.www\.gov\.cn/,
  );
});
