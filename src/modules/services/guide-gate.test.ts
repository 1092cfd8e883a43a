import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGuide, costByIndicator, missingElements } from './guide-gate.ts';
import { corpusContext, GUIDE_CORPUS } from './guide-corpus.ts';
import { parsePhone } from './phones.ts';
import { findVague } from './vague-words.ts';

test('the guide corpus has at least 20 guides, good and defective', () => {
  assert.ok(GUIDE_CORPUS.length >= 20, `${GUIDE_CORPUS.length} guides`);
  assert.ok(GUIDE_CORPUS.filter((c) => c.expected.length === 0).length >= 5, 'good guides');
  assert.ok(GUIDE_CORPUS.filter((c) => c.expected.length > 0).length >= 15, 'defective guides');
});

for (const c of GUIDE_CORPUS) {
  test(`gate on “${c.title}”: every expected finding, no other`, () => {
    const findings = checkGuide(c.guide, corpusContext(c.itemName, c.context));
    assert.deepEqual(
      findings.map((f) => `${f.code}@${f.field}`),
      c.expected,
    );
    for (const f of findings) {
      assert.ok(f.indicator && f.indicatorId && f.subRule > 0, 'each finding names its indicator and rule');
      assert.ok(f.place && f.message && f.cost, 'each finding says where, what and what it costs');
    }
  });
}

test('costs: 0.5 per missing element, once per item for format, vague wording and basis, 1 per wrong number', () => {
  const c = GUIDE_CORPUS.find((x) => x.title === 'several defects at once')!;
  const cost = costByIndicator(checkGuide(c.guide, corpusContext(c.itemName)));
  assert.deepEqual(cost, { 办事指南: 0.5 + 1 + 2 + 0.5, 内容准确: 1 });
  const vague = GUIDE_CORPUS.find((x) => x.title.startsWith('vague wording in conditions'))!;
  assert.deepEqual(costByIndicator(checkGuide(vague.guide, corpusContext(vague.itemName))), { 办事指南: 2 });
});

test('missing elements are listed in the order of the indicators', () => {
  const stub = GUIDE_CORPUS.find((x) => x.title.startsWith('a bare stub'))!;
  assert.deepEqual(missingElements(stub.guide), [
    '设定依据',
    '申请条件',
    '办理材料',
    '办理地点',
    '办理机构',
    '收费标准',
    '办理时间',
    '联系电话',
    '办理流程',
  ]);
});

test('phone numbers: fixed lines with area codes, mobiles, service numbers; extensions kept apart', () => {
  const valid = ['0599-86601007', '（0599）86601007', '010-62345678', '021-6234567', '13900001234', '12345', '95588'];
  for (const n of valid) assert.equal(parsePhone(n).valid, true, n);
  for (const n of ['86601007', '0599-12345678', '010-12345678', '1234', '0599-866010071'])
    assert.equal(parsePhone(n).valid, false, n);
  assert.equal(parsePhone('0599-86601007转801').key, '059986601007#801');
  assert.equal(parsePhone('0599-86601007-801').key, '059986601007#801');
});

test('vague words are found leftmost-longest with the shared Aho–Corasick matcher', () => {
  const hits = findVague('提交等相关材料及其他材料', ['等材料', '等相关材料', '其他材料', '相关材料']);
  assert.deepEqual(
    hits.map((h) => h.word),
    ['等相关材料', '其他材料'],
  );
});
