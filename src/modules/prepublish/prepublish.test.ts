// The pre-publication checks: body text extraction, the word lists, leader posts, links and images, and the
// whole run. The personal-data checks are in personal-data.test.ts.
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
import type { CheckContext, CheckInput, Dictionaries, Finding } from './prepublish.schema.ts';
import { runPrepublishChecks } from './prepublish.service.ts';
import { excerptAt, extractText } from './text.ts';
import { seededRandom } from '../../platform/random.ts';

// ───────────────────────────── helpers ─────────────────────────────

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
