import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssuer } from './internal-checks.ts';

test('解读比例 samples the documents of the site and its region, not national ones reposted into its library', () => {
  const local = localIssuer(['南江市政务服务管理办公室', '南江市大数据管理中心']);
  for (const own of [
    '南江市政务服务管理办公室',
    '南江市人民政府',
    '南江市人民政府办公室',
    '南江市政务服务管理办公室 南江市财政局',
  ])
    assert.equal(local(own), true, own);
  for (const national of ['国务院', '国务院办公厅', '全国人民代表大会常务委员会', '江北市人民政府'])
    assert.equal(local(national), false, national);
  assert.equal(local(null), true, 'an unrecorded issuing organ is counted');
  assert.equal(local('  '), true);
  assert.equal(localIssuer(['江苏省人民政府'])('江苏省人民政府办公厅'), true, 'a province');
});
