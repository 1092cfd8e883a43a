// The pure parts of search: text processing, the two match compilers, highlighting, the vocabulary.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { plainText } from '../content/sanitize.ts';
import { bigramsOf, chunksOf, escapeHtml, highlight, normalize, pinyinOf, snippet, titleKey, unitsOf } from './text.ts';
import { and, gramPhrase, not, or, term, titleOnly, toFts5, toTsquery, tsvectorLiteral } from './match.ts';
import { bodyText, titleTerms } from './indexer.ts';
import { Vocabulary } from './vocabulary.ts';
import { correctQuery, planQuery } from './query.ts';
import { DEFAULT_SYNONYMS } from './synonyms.ts';
import { classify } from './kinds.ts';
import { generateCorpus } from './quality/corpus.ts';

const vocab = new Vocabulary(
  ['社保', '社会保险', '住房公积金', '公积金', '医疗保险', '城乡居民', '查询', '设备', 'covid', '营业执照'].map(
    (term, i) => {
      const p = pinyinOf(term);
      return { term, df: 10 - i, pinyin: p.full, initials: p.initials };
    },
  ),
);

describe('text', () => {
  it('normalises full-width characters, case and diacritics', () => {
    assert.equal(normalize('ＡＢＣ２０２６Café'), 'abc2026cafe');
    assert.equal(titleKey('关于《南江市 住房公积金》的通知！'), '关于南江市住房公积金的通知');
  });

  it('cuts titles into units and bigrams across punctuation', () => {
    assert.deepEqual(unitsOf('做好2026年度app'), ['做', '好', '2026', '年', '度', 'app']);
    assert.deepEqual(bigramsOf(unitsOf('关于做好2026年')), ['关于', '于做', '做好', '好2026', '2026年']);
    assert.deepEqual(bigramsOf(['税']), ['税']);
    assert.deepEqual(chunksOf('社保 查询，2026'), ['社保', '查询', '2026']);
  });

  it('escapes HTML and marks matched terms, mapping normalised matches back to the original', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(
      highlight('<b>社保</b> & 社会保险', ['社保', '社会保险']),
      '&lt;b&gt;<em>社保</em>&lt;/b&gt; &amp; <em>社会保险</em>',
    );
    assert.equal(highlight('ＣＯＶＩＤ检测', ['covid']), '<em>ＣＯＶＩＤ</em>检测');
    assert.equal(highlight('医疗保险', ['医疗', '医疗保险', '保险']), '<em>医疗保险</em>');
    const s = snippet(`${'前文'.repeat(100)}社保缴费${'后文'.repeat(100)}`, ['社保'], 40);
    assert.match(s, /^….*<em>社保<\/em>缴费.*…$/);
  });

  it('keeps in the vocabulary the names jieba cuts into a word and single characters', () => {
    const terms = titleTerms('市政务办推行营业执照全程网办；区发改委召开会议');
    assert.ok(terms.includes('市政务办') && terms.includes('区发改委'), JSON.stringify(terms));
    assert.ok(terms.includes('营业执照') && !terms.includes('市'));
    // A character after a number (2026 / 年) begins no name.
    assert.ok(!titleTerms('2026年社保缴费').some((t) => t.startsWith('年')));
  });

  it('gives the text of a body as plainText() does, with entities decoded and blocks apart', () => {
    const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    const samples = [
      ...generateCorpus(200, 5).map((c) => c.bodyHtml),
      '<p>A &amp; B &lt;x&gt; “引号” &quot;q&quot; it&#39;s&nbsp;ok</p><p>第二段</p><table><tr><td>甲</td><td>乙</td></tr></table>',
      '<p>一<br>二</p><!-- 注释 --><p>三</p>',
      '<p>&copy; 2026 &#x4E2D;&#25991;</p>',
    ];
    for (const html of samples) assert.equal(squeeze(bodyText(html)), squeeze(decode(plainText(html))), html);
    assert.equal(bodyText('<p>第一段</p><p>第二段</p>'), '第一段 第二段');
  });
});

describe('match compilers', () => {
  const tree = and([
    or([gramPhrase(['乡居', '居民']), term('城乡居民')]),
    or([term('税', ['grams'], true), term('税')]),
    not(term('s12', ['facets']), term('c3', ['facets'])),
  ]);

  // Title words and bigrams carry a prefix on both engines (t, g): their posting lists hold titles only.
  it('compile the same tree for FTS5 and PostgreSQL', () => {
    assert.equal(
      toFts5(tree),
      '(((grams : "g乡居" AND grams : "g居民") OR (title : "t城乡居民" OR grams : "g城乡居民" OR {meta body} : "城乡居民")) AND (grams : "g税" * OR (title : "t税" OR grams : "g税" OR {meta body} : "税")) AND (facets : "s12" NOT facets : "c3"))',
    );
    assert.equal(toTsquery(tree), "((('g乡居' & 'g居民') | 'a城乡居民') & ('g税':* | 'a税') & ('fs12' & !'fc3'))");
  });

  it('merge one token in several fields into one lookup', () => {
    assert.deepEqual(or([term('工作', ['grams']), term('工作')]), {
      op: 'term',
      token: '工作',
      fields: ['title', 'grams', 'meta', 'body'],
      prefix: false,
    });
  });

  it('quote what they are given', () => {
    assert.equal(toFts5(term('a"b')), '(title : "ta""b" OR grams : "ga""b" OR {meta body} : "a""b")');
    assert.equal(toTsquery(term("a'b\\c", ['title'])), "'ta''b\\\\c'");
  });

  it('limit a tree to the title', () => {
    assert.equal(toFts5(titleOnly(or([gramPhrase(['社保']), term('社保')]))!), '(title : "t社保" OR grams : "g社保")');
    assert.equal(titleOnly(term('社保', ['body'])), null);
  });

  it('write a tsvector of prefixed lexemes: title words, bigrams, anywhere, facets', () => {
    const lit = tsvectorLiteral({
      title: ['社保'],
      grams: ['社保', '保查', '查询', '社保'],
      meta: [],
      body: ["it's"],
      facets: ['s1'],
    });
    assert.equal(lit, "'t社保' 'g社保' 'g保查' 'g查询' 'a社保' 'a保查' 'a查询' 'ait''s' 'fs1'");
  });
});

describe('vocabulary and queries', () => {
  it('reads pinyin and initials', () => {
    assert.deepEqual(
      vocab.byPinyin('shebao').map((t) => t.term),
      ['社保'],
    );
    assert.deepEqual(
      vocab.byInitials('sb').map((t) => t.term),
      ['社保', '设备'],
    );
    assert.deepEqual(vocab.segmentPinyin('shebaochaxun'), ['shebao', 'chaxun']);
    assert.deepEqual(
      vocab.completions('zhuf').map((t) => t.term),
      ['住房公积金'],
    );
    assert.deepEqual(
      vocab.completions('公积').map((t) => t.term),
      ['公积金'],
    );
  });

  it('corrects one wrong character, and one edit in a latin word', () => {
    assert.deepEqual(
      vocab.oneCharOff('城乡居明').map((t) => t.term),
      ['城乡居民'],
    );
    assert.equal(correctQuery('城乡居明医疗保险', vocab), '城乡居民医疗保险');
    assert.equal(correctQuery('covld', vocab), 'covid');
    assert.equal(correctQuery('城乡居民', vocab), null, 'known terms stay');
  });

  it('plans a query: synonyms, pinyin, stop words, highlights', () => {
    const plan = planQuery('如何办理社保查询', { vocab, synonyms: DEFAULT_SYNONYMS })!;
    assert.ok(plan.expanded.includes('社会保险'));
    assert.ok(!plan.highlights.includes('如何'));
    const py = planQuery('shebao', { vocab, synonyms: DEFAULT_SYNONYMS })!;
    assert.deepEqual(py.expanded, ['社会保险', '社保']);
    assert.equal(planQuery('！！', { vocab, synonyms: DEFAULT_SYNONYMS }), null);
  });

  it('classifies by content type, then by the nearest meaningful column type', () => {
    assert.equal(classify('policy', ['动态要闻']), 'policy');
    assert.equal(classify('article', ['信息公开', '政策解读']), 'interpretation');
    assert.equal(classify('article', ['其他', '动态要闻']), 'news');
    assert.equal(classify('article', ['概况信息', '动态要闻']), 'other');
  });
});
