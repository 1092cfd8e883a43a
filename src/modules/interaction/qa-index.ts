// The knowledge base's index for the smart Q&A: a question is matched against each pair's question, its other
// ways of asking and keywords (and, less, its answer) with the site search's own tools — jieba words, the site's
// synonym groups, pinyin and initials (`yingyezhizhao`, `yyzz`, `yingye zhizhao`) through a vocabulary of the
// pairs' words, one-character typos through that vocabulary and character pairs (营业执造 still meets 营业执照).
// Scores are 0–1: how much of what was asked the pair covers, weighted by how rare each word is.
import { Vocabulary, type TermInfo } from '../search/vocabulary.ts';
import {
  bigramsOf,
  isHan,
  isLatinWord,
  normalize,
  pinyinOf,
  searchTokens,
  STOP_WORDS,
  unitsOf,
  words,
} from '../search/text.ts';

export interface QaDoc {
  id: number;
  question: string;
  variants: string[];
  keywords: string;
  answer: string;
}

export interface QaHit {
  id: number;
  score: number;
  /** The share of the question's weight the pair's question side covers. */
  coverage: number;
}

/** Words that ask rather than say what about (the search's stop words cover 怎么, 如何, 哪里 …). */
const ASKING = new Set([
  '请问',
  '咨询',
  '问下',
  '问一下',
  '想问',
  '需要',
  '需',
  '是否',
  '能否',
  '可否',
  '多少',
  '多久',
  '几天',
  '怎么办',
  '怎么样',
  '办法',
  '应该',
  '可不可以',
  '能不能',
  '是不是',
  '有没有',
  '哪儿',
  '在哪',
  '什么样',
  '还',
  '吗',
  '呀',
  '嘛',
  '啥',
  '谁',
  '给',
  '去',
  '了',
  '的',
  '得',
]);
const ASKING_TEXT =
  /请问|我想问一下|我想问|想问一下|想咨询一下|想咨询|咨询一下|问一下|我想|我要|怎么办理|怎么办|怎么样|怎么|怎样|如何|什么样|什么|哪里|哪儿|在哪|多少钱|多久|吗|呢|呀|啊|吧|？|\?/g;

const tokenOk = (t: string) => !STOP_WORDS.has(t) && !ASKING.has(t) && t.trim().length > 0;

/** The Han units of a text without the asking words, for character pairs. */
function pairsOf(text: string): Set<string> {
  const units = unitsOf(normalize(text).replace(ASKING_TEXT, ' ')).filter((u) => isHan(u) || u.length > 1);
  return new Set(bigramsOf(units));
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

interface Entry {
  doc: QaDoc;
  /** Words of the question, variants and keywords. */
  head: Set<string>;
  /** Words of the answer. */
  body: Set<string>;
  /** Character pairs of the question and of each variant. */
  pairs: Set<string>[];
}

export class QaIndex {
  private readonly entries: Entry[];
  private readonly df = new Map<string, number>();
  private readonly canonical = new Map<string, string>();
  readonly vocabulary: Vocabulary;

  constructor(docs: readonly QaDoc[], synonyms: readonly (readonly string[])[] = []) {
    for (const group of synonyms) {
      const terms = group.map((t) => normalize(t).trim()).filter(Boolean);
      for (const t of terms) if (!this.canonical.has(t)) this.canonical.set(t, terms[0]!);
    }
    this.entries = docs.map((doc) => {
      const headText = [doc.question, ...doc.variants, doc.keywords.replace(/[,，、;；]/g, ' ')].join(' ');
      const entry: Entry = {
        doc,
        head: new Set(this.terms(headText)),
        body: new Set(this.terms(doc.answer)),
        pairs: [doc.question, ...doc.variants].map(pairsOf),
      };
      for (const t of new Set([...entry.head, ...entry.body])) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return entry;
    });
    const rows: TermInfo[] = [];
    for (const [term, df] of this.df) {
      if (!isHan(term) || [...term].length < 2) continue;
      const p = pinyinOf(term);
      rows.push({ term, df, pinyin: p.full, initials: p.initials });
    }
    this.vocabulary = new Vocabulary(rows);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Words of a text: jieba's search mode, asking words left out, synonyms folded to their group's first term. */
  terms(text: string): string[] {
    const normalized = normalize(text);
    const out: string[] = [];
    for (const t of searchTokens(normalized)) if (tokenOk(t)) out.push(this.canonical.get(t) ?? t);
    return out;
  }

  /** The question's words, latin ones read as pinyin or initials and unknown Han words corrected by one character. */
  private queryTerms(query: string): string[] {
    const normalized = normalize(query);
    const out: string[] = [];
    const latin = normalized.match(/[a-z]+/g) ?? [];
    // Spaced pinyin (`yingye zhizhao`) is tried as one word too.
    const joined = latin.length > 1 ? [latin.join('')] : [];
    for (const word of [...latin, ...joined]) {
      const found = [
        ...this.vocabulary.byPinyin(word),
        ...(word.length >= 2 ? this.vocabulary.byInitials(word) : []),
      ].slice(0, 3);
      const pieces = found.length
        ? null
        : (this.vocabulary.segmentPinyin(word) ?? this.vocabulary.segmentPinyin(word, true));
      if (found.length) out.push(...found.map((t) => t.term));
      else if (pieces) {
        for (const piece of pieces) {
          const t = this.vocabulary.byPinyin(piece)[0] ?? this.vocabulary.byInitials(piece)[0];
          if (t) out.push(t.term);
        }
      }
    }
    const han = normalized.replace(/[a-z]+/g, ' ');
    for (const t of this.terms(han)) {
      out.push(t);
      if (isHan(t) && [...t].length >= 3 && !this.df.has(t)) {
        const near = this.vocabulary.oneCharOff(t)[0];
        if (near) out.push(near.term);
      }
    }
    for (const w of words(han)) {
      if (isHan(w) && [...w].length >= 3 && !this.df.has(w) && !isLatinWord(w)) {
        const near = this.vocabulary.oneCharOff(w)[0];
        if (near) out.push(near.term);
      }
    }
    return [...new Set(out.map((t) => this.canonical.get(t) ?? t))];
  }

  private idf(term: string): number {
    const n = this.entries.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n + 1) / (df + 0.5));
  }

  /** The best pairs for a question, best first. */
  search(query: string, limit = 5): QaHit[] {
    const terms = this.queryTerms(query);
    const known = terms.filter((t) => this.df.has(t));
    const weight = terms.reduce((s, t) => s + this.idf(t), 0);
    const pairs = pairsOf(terms.some((t) => isHan(t)) ? `${query} ${known.join(' ')}` : known.join(' '));
    if (weight === 0 && pairs.size === 0) return [];
    const hits: QaHit[] = [];
    for (const e of this.entries) {
      let head = 0;
      let any = 0;
      for (const t of terms) {
        if (e.head.has(t)) {
          head += this.idf(t);
          any += this.idf(t);
        } else if (e.body.has(t)) any += 0.35 * this.idf(t);
      }
      const coverage = weight ? head / weight : 0;
      const words = weight ? any / weight : 0;
      const chars = Math.max(0, ...e.pairs.map((p) => dice(pairs, p)));
      const score = 0.55 * words + 0.45 * chars;
      if (score > 0.05) hits.push({ id: e.doc.id, score: Math.round(score * 1000) / 1000, coverage });
    }
    return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
  }
}
