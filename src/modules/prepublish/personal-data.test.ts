// The pre-publication personal-data check: resident ID numbers (GB 11643), mobile numbers and bank cards are
// found, reported masked, and their confirmations survive edits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalData, isResidentIdNumber, maskDigits } from './personal-data.ts';
import type { CheckContext, CheckInput, Dictionaries, Finding } from './prepublish.schema.ts';
import { runPrepublishChecks } from './prepublish.service.ts';

// ───────────────────────────── helpers (independent of the code under test) ─────────────────────────────

/** GB 11643 check character, written out here so the test does not trust the module's own. */
function idCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return '10X98765432'[sum % 11];
}
const validId = (first17: string) => first17 + idCheck(first17);

function luhnOk(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
}
/** Appends the digit that makes the number pass Luhn. */
function withLuhnDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnOk(body + d)) return body + d;
  throw new Error('unreachable');
}
const TODAY = new Date('2026-06-01T00:00:00Z');
const dict = (extra: Partial<Dictionaries> = {}): Dictionaries => ({
  forbidden: ['台湾国', '北京政府'],
  errorProne: [
    { wrong: '截止至', right: '截至' },
    { wrong: '再接再励', right: '再接再厉' },
  ],
  leaders: [],
  ...extra,
});
const run = (input: Partial<CheckInput>, ctx: Partial<CheckContext> = {}, confirmed: string[] = []) =>
  runPrepublishChecks({ title: '', bodyHtml: '', ...input }, { dictionaries: dict(), ...ctx }, confirmed, {
    today: TODAY,
  });
const _only = (findings: Finding[], check: Finding['check']) => findings.filter((f) => f.check === check);

describe('personal data', () => {
  const ID = '11010519491231002X';

  it('computes the check character the same way as the standard', () => {
    assert.equal(validId('11010519491231002'), ID);
    assert.equal(isResidentIdNumber(ID, TODAY), true);
    assert.equal(isResidentIdNumber('110105194912310021', TODAY), false);
  });

  it('reports checksum-valid ID numbers, masked, and a wrong check digit as 疑似身份证号', () => {
    const text = `申请人身份证号${ID}，另一号码110105194912310021。`;
    const hits = findPersonalData(text, TODAY);
    assert.equal(hits.length, 2);
    assert.equal(hits[0].check, 'id-number');
    assert.equal(hits[0].offset, 7);
    assert.equal(hits[0].match, ID);
    assert.equal(hits[0].message, '疑似居民身份证号码：1101**********002X');
    assert.equal(hits[1].check, 'id-number');
    assert.equal(hits[1].message, '疑似身份证号（校验位不符）：1101**********0021');
    assert.equal(maskDigits('320102198001011234', 4), '3201**********1234');
  });

  it('flags 110101199003077777 (wrong check digit) as well as its valid sibling', () => {
    const valid = validId('11010119900307777');
    for (const n of ['110101199003077777', valid]) {
      const hits = findPersonalData(`身份证号${n}。`, TODAY);
      assert.equal(hits.length, 1, n);
      assert.equal(hits[0].check, 'id-number');
    }
    assert.match(findPersonalData('号110101199003077777', TODAY)[0].message, /^疑似身份证号（校验位不符）/);
  });

  it('accepts lower-case x and the 6-8-4 grouping', () => {
    assert.equal(findPersonalData(`号码${ID.toLowerCase()}`, TODAY).length, 1);
    assert.equal(findPersonalData('号码110105 19491231 002X', TODAY)[0]?.match, '110105 19491231 002X');
  });

  it('reports a 15-digit legacy ID with a valid date', () => {
    const hits = findPersonalData('老证号110105491231002。', TODAY);
    assert.deepEqual(
      hits.map((h) => [h.check, h.match, h.message]),
      [['id-number', '110105491231002', '疑似居民身份证号码：1101*******1002']],
    );
  });

  it('flags an impossible or future birth date as 疑似身份证号 (出生日期不存在)', () => {
    const feb30 = validId('11010519490230002');
    const future = validId('11010520300101002');
    for (const n of [feb30, future]) {
      const hits = findPersonalData(`编号${n}。`, TODAY);
      assert.deepEqual(
        hits.map((h) => [h.check, h.message.split('：')[0]]),
        [['id-number', '疑似身份证号（出生日期不存在）']],
        n,
      );
    }
  });

  it('ignores numbers not laid out like an ID number: month 13, unknown province, 15 digits with a bad date', () => {
    const month13 = validId('11010519491331002');
    const province99 = validId('99010519491231002');
    for (const n of [month13, province99, '110105491331002', '110105490230002']) {
      assert.deepEqual(
        findPersonalData(`编号${n}。`, TODAY).filter((h) => h.check === 'id-number'),
        [],
        n,
      );
    }
  });

  it('finds mobiles with separators, not inside longer digit runs', () => {
    const text = '联系13812345678或139-0000-1111或 150 1234 5678，+86 186 0000 2222；订单号213812345678，12812345678。';
    const hits = findPersonalData(text, TODAY);
    assert.deepEqual(
      hits.map((h) => [h.check, h.match, h.message]),
      [
        ['mobile', '13812345678', '疑似手机号码：138****5678'],
        ['mobile', '139-0000-1111', '疑似手机号码：139-****-1111'],
        ['mobile', '150 1234 5678', '疑似手机号码：150 **** 5678'],
        ['mobile', '+86 186 0000 2222', '疑似手机号码：+86 186 **** 2222'],
      ],
    );
    assert.equal(hits[0].offset, 2);
  });

  it('counts full-width digits as digits, reporting the text as written', () => {
    const hits = findPersonalData('电话１３８１２３４５６７８，身份证１１０１０５１９４９１２３１００２Ｘ', TODAY);
    assert.deepEqual(
      hits.map((h) => [h.check, h.offset, h.match, h.message]),
      [
        ['mobile', 2, '１３８１２３４５６７８', '疑似手机号码：１３８****５６７８'],
        ['id-number', 17, '１１０１０５１９４９１２３１００２Ｘ', '疑似居民身份证号码：１１０１**********００２Ｘ'],
      ],
    );
  });

  it('finds bank cards passing Luhn, spaced or not, and ignores failing ones', () => {
    const card19 = withLuhnDigit('622202123456789012');
    const bad19 = card19.slice(0, 18) + ((Number(card19[18]) + 1) % 10);
    assert.ok(luhnOk(card19) && !luhnOk(bad19));
    const spaced = card19.replace(/(\d{4})(?=\d)/g, '$1 ');
    const text = `卡号${spaced}；错号${bad19}；测试卡4111111111111111。`;
    const hits = findPersonalData(text, TODAY);
    assert.deepEqual(
      hits.map((h) => [h.check, h.match]),
      [
        ['bank-card', spaced],
        ['bank-card', '4111111111111111'],
      ],
    );
    assert.equal(hits[0].message, `疑似银行卡号：6222 **** **** ***${spaced.slice(18)}`);
    assert.equal(hits[1].message, '疑似银行卡号：4111********1111');
  });

  it('a number that is both a valid ID and passes Luhn is reported once, as an ID', () => {
    let both = '';
    for (let seq = 0; seq < 1000 && both === ''; seq++) {
      const id = validId(`32010219800101${String(seq).padStart(3, '0')}`);
      if (/^\d{18}$/.test(id) && luhnOk(id)) both = id;
    }
    assert.notEqual(both, '');
    const hits = findPersonalData(`号码${both}`, TODAY);
    assert.deepEqual(
      hits.map((h) => h.check),
      ['id-number'],
    );
  });

  it('never shows the raw value in messages or excerpts, of its own finding or of neighbours', () => {
    const r = run({ bodyHtml: `<p>台湾国 联系人张三，身份证${ID}，电话13812345678。</p>` });
    assert.deepEqual(
      r.findings.map((f) => f.check),
      ['forbidden-word', 'id-number', 'mobile'],
    );
    for (const f of r.findings) {
      assert.ok(!f.excerpt.includes(ID) && !f.excerpt.includes('13812345678'), f.excerpt);
      assert.ok(!f.message.includes(ID) && !f.message.includes('13812345678'));
      assert.ok(!f.key.includes(ID) && !f.key.includes('13812345678'));
    }
    assert.equal(r.findings[0].excerpt, '台湾国 联系人张三，身份证1101*…');
    assert.equal(r.findings[1].match, ID);
    assert.equal(r.findings[1].excerpt, '台湾国 联系人张三，身份证1101**********002X，电话138****5678。');
    assert.equal(r.blocking, true);
  });

  it('confirmations of personal data hold across edits and separators', () => {
    const first = run({ bodyHtml: '<p>电话138-1234-5678</p>' });
    const key = first.findings[0].key;
    assert.match(key, /^mobile:body:138\*\*\*\*5678#[0-9a-f]{8}$/);
    const edited = run({ bodyHtml: '<p>请致电 +86 13812345678 咨询</p>' }, {}, [key]);
    assert.equal(edited.findings[0].key, key);
    assert.equal(edited.findings[0].offset, 4);
    assert.equal(edited.blocking, false);
    const other = run({ bodyHtml: '<p>电话13812345679</p>' }, {}, [key]);
    assert.equal(other.blocking, true);
  });
});
