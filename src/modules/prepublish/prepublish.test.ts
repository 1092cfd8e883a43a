import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_DICTIONARIES,
  DEFAULT_ERROR_PRONE,
  DEFAULT_FORBIDDEN,
  PhraseMatcher,
  findErrorProneWords,
} from './dictionaries.ts';
import { findLeaderPostMismatches, postMatches } from './leaders.ts';
import { internalPath } from './links.ts';
import { findPersonalData, isResidentIdNumber, maskDigits } from './personal-data.ts';
import type { CheckContext, CheckInput, Dictionaries, Finding } from './prepublish.schema.ts';
import { runPrepublishChecks } from './prepublish.service.ts';
import { excerptAt, extractText } from './text.ts';
import { seededRandom } from '../../platform/random.ts';

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
const only = (findings: Finding[], check: Finding['check']) => findings.filter((f) => f.check === check);

// ───────────────────────────── text extraction ─────────────────────────────

describe('body text', () => {
  it('decodes entities, skips script and style, joins inline elements and separates blocks', () => {
    const { text } = extractText(
      '<p>截<b>止</b>至&nbsp;今日</p><script>var 台湾国 = 1;</script><style>p{}</style>\n  <div>第二段\n  续行<br>换行</div><table><tr><td>王建国</td><td>主任</td></tr></table>',
    );
    assert.equal(text, '截止至\u00a0今日\n第二段 续行\n换行\n王建国\t主任');
  });

  it('is deterministic: the same HTML gives the same offsets', () => {
    const html = '<h1>标题</h1><p>  甲  乙 </p><ul><li>一</li><li>二</li></ul>';
    assert.equal(extractText(html).text, '标题\n甲 乙\n一\n二');
    assert.equal(extractText(html).text, extractText(html).text);
  });

  it('keeps <pre> text verbatim', () => {
    assert.equal(extractText('<p>a</p><pre>x  y\n z</pre>').text, 'a\nx  y\n z');
  });

  it('excerpts carry 15 characters each side and mark cuts', () => {
    const text = '一二三四五六七八九十一二三四五六七八九十错字一二三四五六七八九十一二三四五六七八九十';
    assert.equal(excerptAt(text, 20, 2), '…六七八九十一二三四五六七八九十错字一二三四五六七八九十一二三四五…');
    assert.equal(excerptAt('短文错字', 2, 2), '短文错字');
    assert.equal(excerptAt('第一行\n错字', 4, 2), '第一行 错字');
  });
});

// ───────────────────────────── dictionaries ─────────────────────────────

describe('forbidden and error-prone words', () => {
  it('reports error-prone words with the correct form, at the exact offset', () => {
    const r = run({ bodyHtml: '<p>截止至2024年底，我们要再接再励。</p>' });
    const found = only(r.findings, 'error-prone');
    assert.deepEqual(
      found.map((f) => [f.match, f.offset, f.length, f.suggestion, f.message, f.severity]),
      [
        ['截止至', 0, 3, '截至', '“截止至”宜写作“截至”', 'warn'],
        ['再接再励', 13, 4, '再接再厉', '“再接再励”宜写作“再接再厉”', 'warn'],
      ],
    );
    assert.equal(found[1].excerpt, '截止至2024年底，我们要再接再励。');
    assert.equal(r.blocking, false);
  });

  it('forbidden words block even when “confirmed”', () => {
    const first = run({ title: '关于台湾国问题的说明' });
    const f = only(first.findings, 'forbidden-word')[0];
    assert.equal(f.field, 'title');
    assert.equal(f.offset, 2);
    assert.equal(f.message, '“台湾国”是禁用词');
    assert.equal(f.confirmable, false);
    const again = run({ title: '关于台湾国问题的说明' }, {}, [f.key]);
    assert.equal(again.blocking, true);
    assert.equal(again.findings[0].confirmed, false);
  });

  it('does not report an error-prone word that is part of its own correct form (custom lists)', () => {
    const d: Dictionaries = { forbidden: [], errorProne: [{ wrong: '公开条', right: '信息公开条例' }], leaders: [] };
    assert.deepEqual(findErrorProneWords('《政府信息公开条例》', d), []);
    assert.equal(findErrorProneWords('依据公开条办理', d).length, 1);
  });

  it('the default lists are sane: no wrong form inside a right form, no duplicates', () => {
    assert.ok(DEFAULT_FORBIDDEN.length >= 8 && DEFAULT_FORBIDDEN.length <= 15);
    assert.ok(DEFAULT_ERROR_PRONE.length >= 40);
    const wrongs = DEFAULT_ERROR_PRONE.map((e) => e.wrong);
    assert.equal(new Set(wrongs).size, wrongs.length);
    for (const { wrong, right } of DEFAULT_ERROR_PRONE) {
      assert.notEqual(wrong, right);
      for (const other of DEFAULT_ERROR_PRONE) assert.ok(!other.right.includes(wrong), `${wrong} in ${other.right}`);
    }
    // correct government text raises nothing
    const clean = runPrepublishChecks(
      {
        title: '关于印发《中华人民共和国政府信息公开条例》实施办法的通知',
        bodyHtml:
          '<p>截至目前，坚持以经济建设为中心，既使群众满意，又按装机容量核算，北京市政府、香港特别行政区政府一如既往。</p>',
      },
      { dictionaries: DEFAULT_DICTIONARIES },
    );
    assert.deepEqual(clean.findings, []);
  });

  it('prefers the longest word and matches ASCII case-insensitively', () => {
    const m = new PhraseMatcher(['he', 'she', 'his', 'hers', 'ABC']);
    assert.deepEqual(
      m.findAll('ushers').map((x) => [x.start, x.end, x.index]),
      [
        [1, 4, 1],
        [2, 4, 0],
        [2, 6, 3],
      ],
    );
    assert.deepEqual(
      m.findLongest('ushers abc').map((x) => [x.start, x.end]),
      [
        [1, 4],
        [7, 10],
      ],
    );
  });

  it('thousands of words over a 20,000-character body: same matches as a naive search', (t) => {
    const rand = seededRandom(12345);
    const alphabet =
      '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞';
    const word = () =>
      Array.from({ length: 2 + Math.floor(rand() * 4) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const words = [...new Set(Array.from({ length: 3000 }, word))];
    const body = Array.from({ length: 20000 }, (_, i) =>
      i % 97 === 0 ? words[i % words.length] : alphabet[Math.floor(rand() * alphabet.length)],
    )
      .join('')
      .slice(0, 20000);
    const d: Dictionaries = { forbidden: words, errorProne: [], leaders: [] };

    const naive: [number, number][] = [];
    words.forEach((w, index) => {
      for (let at = body.indexOf(w); at !== -1; at = body.indexOf(w, at + 1)) naive.push([at, index]);
    });
    const matcher = new PhraseMatcher(words);
    const all = matcher.findAll(body);
    // informational only (no timed assertion): the best of a few warm scans
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      matcher.findAll(body);
      best = Math.min(best, performance.now() - started);
    }
    t.diagnostic(`${words.length} words over ${body.length} characters: ${best.toFixed(2)} ms per scan`);
    const sortPairs = (xs: [number, number][]) => xs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.ok(naive.length > 200);
    assert.deepEqual(sortPairs(all.map((m) => [m.start, m.index])), sortPairs(naive));

    const reported = runPrepublishChecks({ title: '', bodyHtml: `<p>${body}</p>` }, { dictionaries: d }).findings;
    for (const f of reported)
      assert.ok(words.includes(f.match) && body.slice(f.offset, f.offset + f.length) === f.match);
    for (let i = 1; i < reported.length; i++)
      assert.ok(reported[i].offset >= reported[i - 1].offset + reported[i - 1].length);
  });
});

// ───────────────────────────── leaders ─────────────────────────────

describe('leader posts', () => {
  const leaders = [
    { name: '王建国', posts: ['党组书记', '主任'] },
    { name: '李四', posts: ['局长'] },
    { name: '赵六', posts: ['常务副市长'] },
  ];
  const mismatches = (text: string) =>
    findLeaderPostMismatches(text, leaders).map((h) => [h.match, h.offset, h.message]);

  it('flags a post that is not the leader’s', () => {
    assert.deepEqual(mismatches('会议由副主任王建国主持。'), [
      ['副主任王建国', 3, '“王建国”的职务应为“党组书记、主任”，此处写作“副主任”'],
    ]);
    assert.deepEqual(mismatches('王建国副主任出席'), [
      ['王建国副主任', 0, '“王建国”的职务应为“党组书记、主任”，此处写作“副主任”'],
    ]);
    assert.deepEqual(mismatches('王建国（党组书记、副主任）'), [
      ['王建国（党组书记、副主任', 0, '“王建国”的职务应为“党组书记、主任”，此处写作“副主任”'],
    ]);
    assert.deepEqual(
      mismatches('副市长赵六').map((m) => m[0]),
      ['副市长赵六'],
    );
    assert.deepEqual(
      mismatches('市长 李四').map((m) => m[0]),
      ['市长 李四'],
    );
  });

  it('accepts the right post before or after the name, with or without organ prefix', () => {
    for (const ok of [
      '王建国主任',
      '主任王建国同志',
      '党组书记、主任王建国',
      '党组书记兼主任王建国',
      '王建国（主任）',
      '王建国(党组书记、主任)',
      '主任：王建国',
      '王建国书记',
      '常务副市长赵六',
      '王建国同志出席会议',
      '王建国',
      '原副主任王建国',
      '时任副主任王建国',
      '免去王建国副主任职务',
      '王建国主任、副主任李某',
    ]) {
      assert.deepEqual(mismatches(ok), [], ok);
    }
  });

  it('reads a post across a table cell but not across a line break', () => {
    const ctx = { dictionaries: dict({ leaders }) };
    const table = run({ bodyHtml: '<table><tr><td>王建国</td><td>副主任</td></tr></table>' }, ctx);
    assert.deepEqual(
      table.findings.map((f) => [f.match, f.excerpt]),
      [['王建国\t副主任', '王建国 副主任']],
    );
    assert.deepEqual(run({ bodyHtml: '<p>副主任</p><p>王建国</p>' }, ctx).findings, []);
  });

  it('longest title wins and a post next to another leader’s name is theirs', () => {
    assert.equal(postMatches('主任', ['副主任']), false);
    assert.equal(postMatches('副主任', ['主任']), false);
    assert.equal(postMatches('主任', ['市发展改革委主任']), true);
    assert.equal(postMatches('书记', ['党组书记']), true);
    assert.equal(postMatches('书记', ['党组副书记']), false);
    // 局长 goes with 李四, 主任 with 王建国
    assert.deepEqual(mismatches('李四局长、主任王建国'), []);
  });

  it('blocks until a reviewer confirms', () => {
    const ctx = { dictionaries: dict({ leaders }) };
    const first = run({ bodyHtml: '<p>副主任王建国</p>' }, ctx);
    assert.equal(first.blocking, true);
    const f = first.findings[0];
    assert.equal(f.key, 'leader-post:body:副主任王建国');
    assert.equal(f.confirmable, true);
    const confirmed = run({ bodyHtml: '<p>（此前）副主任王建国</p>' }, ctx, [f.key]);
    assert.equal(confirmed.blocking, false);
    assert.equal(confirmed.findings[0].confirmed, true);
    assert.equal(confirmed.findings[0].offset, 4);
  });
});

// ───────────────────────────── personal data ─────────────────────────────

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

// ───────────────────────────── links and images ─────────────────────────────

describe('links and images', () => {
  const existing = new Set(['/zwgk/2024/files/a.pdf', '/images/logo.png', '/zwgk/通知.html']);
  const ctx: Partial<CheckContext> = {
    internalLinkExists: (p) => existing.has(p),
    siteHosts: ['www.example.gov.cn'],
    basePath: '/zwgk/2024/',
  };

  it('resolves internal links and ignores external and non-http ones', () => {
    assert.equal(internalPath('files/a.pdf?x=1#p2', ctx), '/zwgk/2024/files/a.pdf');
    assert.equal(internalPath('https://www.example.gov.cn/zwgk/%E9%80%9A%E7%9F%A5.html', ctx), '/zwgk/通知.html');
    assert.equal(internalPath('//WWW.EXAMPLE.GOV.CN/a', ctx), '/a');
    for (const ignored of [
      'https://www.gov.cn/a',
      'mailto:a@b.cn',
      'tel:12345',
      '#top',
      '',
      'javascript:void(0)',
      'data:image/png;base64,AA',
    ]) {
      assert.equal(internalPath(ignored, ctx), null, ignored);
    }
  });

  it('reports broken internal links and images as warnings, at their position in the text', () => {
    const html =
      '<p>附件：<a href="files/a.pdf">办事指南</a>、<a href="files/b.pdf">申请表</a>、<a href="https://www.gov.cn/x">国务院</a>、<a href="mailto:x@y.cn">邮箱</a></p>' +
      '<p><img src="/images/logo.png" alt="标志"><img src="https://www.example.gov.cn/images/none.png" alt="示意图">图注</p>';
    const r = run({ bodyHtml: html }, ctx);
    const broken = only(r.findings, 'broken-link');
    assert.deepEqual(
      broken.map((f) => [f.match, f.offset, f.length, f.message]),
      [
        ['files/b.pdf', 8, 3, '链接“files/b.pdf”指向的本站页面或文件不存在'],
        [
          'https://www.example.gov.cn/images/none.png',
          19,
          0,
          '图片“https://www.example.gov.cn/images/none.png”在本站不存在',
        ],
      ],
    );
    assert.equal(extractText(html).text.slice(8, 11), '申请表');
    assert.equal(r.blocking, false);
    assert.deepEqual(only(r.findings, 'image-alt'), []);
  });

  it('does not check links without internalLinkExists', () => {
    const r = run({ bodyHtml: '<a href="/nowhere">x</a>' });
    assert.deepEqual(r.findings, []);
  });

  it('reports images without alt text; decorative images are fine', () => {
    const r = run({
      bodyHtml:
        '<p>图一<img src="/a.png"></p><p><img src="/b.png" alt="  "></p><p><img src="/c.png" alt="" role="presentation"></p><p><img src="/d.png" alt=""></p><p><img src="/e.png" alt="说明"></p>',
    });
    const alt = only(r.findings, 'image-alt');
    assert.deepEqual(
      alt.map((f) => [f.match, f.severity]),
      [
        ['/a.png', 'warn'],
        ['/b.png', 'warn'],
        ['/d.png', 'warn'],
      ],
    );
    assert.equal(alt[0].offset, 2);
    assert.equal(alt[0].key, 'image-alt:body:/a.png');
  });
});

// ───────────────────────────── the whole run ─────────────────────────────

describe('runPrepublishChecks', () => {
  it('checks every field, sorted by field then offset, and counts by severity', () => {
    const r = runPrepublishChecks(
      {
        title: '再接再励',
        subtitle: '截止至年底',
        summary: '北京政府',
        bodyHtml: '<p>截止至</p>',
        attachments: [
          { name: '附件1.docx', text: '联系电话13812345678' },
          { name: '附件2.pdf', text: '再接再励' },
        ],
      },
      { dictionaries: dict() },
      [],
      { today: TODAY },
    );
    assert.deepEqual(
      r.findings.map((f) => [f.field, f.check, f.offset]),
      [
        ['title', 'error-prone', 0],
        ['subtitle', 'error-prone', 0],
        ['summary', 'forbidden-word', 0],
        ['body', 'error-prone', 0],
        ['attachment:附件1.docx', 'mobile', 4],
        ['attachment:附件2.pdf', 'error-prone', 0],
      ],
    );
    assert.deepEqual(r.counts, { block: 2, warn: 4 });
    assert.equal(r.blocking, true);
  });

  it('is not blocking once every confirmable block finding is confirmed', () => {
    const input = { title: '通知', bodyHtml: '<p>电话13812345678，截止至今日</p>' };
    const first = run(input);
    assert.equal(first.blocking, true);
    const keys = first.findings.filter((f) => f.confirmable).map((f) => f.key);
    const second = run(input, {}, keys);
    assert.equal(second.blocking, false);
    assert.deepEqual(second.counts, { block: 1, warn: 1 });
  });
});
