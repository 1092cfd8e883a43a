// Forbidden and error-prone expressions: a multi-pattern matcher (Aho–Corasick) and the default lists.
//
// The matcher is built once per dictionary object (cached in a WeakMap) and scans a text in one pass whatever
// the number of words: a few thousand words over a 20,000-character body take well under a millisecond to
// scan. Matching is on UTF-16 code units, exact except for ASCII letters, which match case-insensitively.
import type { Dictionaries, ErrorProneWord, Hit } from './prepublish.schema.ts';

export interface PhraseMatch {
  /** [start, end) in the scanned text. */
  start: number;
  end: number;
  /** Index of the pattern in the list given to the matcher (the first one, for duplicates). */
  index: number;
}

const fold = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

/**
 * Aho–Corasick automaton over a fixed list of patterns. Empty patterns are ignored.
 *
 * Layout for speed: every code unit that occurs in a pattern gets a small symbol number (a character in no
 * pattern sends the automaton straight back to the root); the root's transitions are a dense table, the other
 * nodes' children are sorted runs in flat typed arrays.
 */
export class PhraseMatcher {
  /** Code unit → symbol (1…), 0 for characters in no pattern. */
  private readonly symbolOf = new Int32Array(65536);
  /** Root transitions by symbol (0 = stay at the root). */
  private readonly rootNext: Int32Array;
  /** Children of node n: symbols childSym[childStart[n] … childStart[n + 1]), sorted, with targets childNode. */
  private readonly childStart: Int32Array;
  private readonly childSym: Int32Array;
  private readonly childNode: Int32Array;
  private readonly fail: Int32Array;
  /** Pattern index ending at the node, or -1. */
  private readonly word: Int32Array;
  /** Depth of the node = length of the pattern ending there. */
  private readonly depth: Int32Array;
  /** Nearest node on the fail chain (excluding the node itself) where a pattern ends, or -1. */
  private readonly dictLink: Int32Array;
  /** Number of distinct patterns. */
  readonly size: number;

  constructor(patterns: readonly string[]) {
    let symbols = 0;
    for (const pattern of patterns) {
      for (let i = 0; i < pattern.length; i++) {
        const code = fold(pattern.charCodeAt(i));
        if (this.symbolOf[code] !== 0) continue;
        this.symbolOf[code] = ++symbols;
        if (code >= 97 && code <= 122) this.symbolOf[code - 32] = symbols;
      }
    }
    const width = symbols + 1;
    // the trie as one map: node * width + symbol → child
    const edges = new Map<number, number>();
    const word: number[] = [-1];
    const depth: number[] = [0];
    let size = 0;
    patterns.forEach((pattern, index) => {
      if (pattern.length === 0) return;
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const key = node * width + this.symbolOf[pattern.charCodeAt(i)];
        let next = edges.get(key);
        if (next === undefined) {
          next = word.length;
          word.push(-1);
          depth.push(depth[node] + 1);
          edges.set(key, next);
        }
        node = next;
      }
      if (word[node] === -1) {
        word[node] = index;
        size++;
      }
    });
    this.size = size;

    const count = word.length;
    const keys = Float64Array.from(edges.keys()).sort();
    this.rootNext = new Int32Array(width);
    this.childStart = new Int32Array(count + 1);
    this.childSym = new Int32Array(keys.length);
    this.childNode = new Int32Array(keys.length);
    keys.forEach((key, k) => {
      const parent = Math.floor(key / width);
      this.childSym[k] = key - parent * width;
      this.childNode[k] = edges.get(key)!;
      this.childStart[parent + 1]++;
      if (parent === 0) this.rootNext[this.childSym[k]] = this.childNode[k];
    });
    for (let n = 0; n < count; n++) this.childStart[n + 1] += this.childStart[n];
    this.word = Int32Array.from(word);
    this.depth = Int32Array.from(depth);
    this.fail = new Int32Array(count);
    this.dictLink = new Int32Array(count).fill(-1);

    // breadth-first: a node's fail link is the longest proper suffix of its path that is also a trie path
    const queue = new Int32Array(count);
    let tail = 0;
    for (let k = this.childStart[0]; k < this.childStart[1]; k++) queue[tail++] = this.childNode[k];
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      for (let k = this.childStart[node]; k < this.childStart[node + 1]; k++) {
        const child = this.childNode[k];
        const via = this.step(this.fail[node], this.childSym[k]);
        this.fail[child] = via;
        this.dictLink[child] = this.word[via] !== -1 ? via : this.dictLink[via];
        queue[tail++] = child;
      }
    }
  }

  /** The child of `node` by `sym`, or -1. */
  private child(node: number, sym: number): number {
    if (node === 0) return this.rootNext[sym] === 0 ? -1 : this.rootNext[sym];
    let lo = this.childStart[node];
    let hi = this.childStart[node + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.childSym[mid];
      if (s === sym) return this.childNode[mid];
      if (s < sym) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The automaton's transition: follow fail links until `sym` can be read (the root always can). */
  private step(state: number, sym: number): number {
    for (let s = state; ; s = this.fail[s]) {
      if (s === 0) return this.rootNext[sym];
      const next = this.child(s, sym);
      if (next !== -1) return next;
    }
  }

  /** Every occurrence of every pattern, overlapping ones included, ordered by end then by length (longest first). */
  findAll(text: string): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    if (this.size === 0) return found;
    const { symbolOf, word, depth, dictLink } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const sym = symbolOf[text.charCodeAt(i)];
      if (sym === 0) {
        state = 0;
        continue;
      }
      state = this.step(state, sym);
      for (let s = word[state] !== -1 ? state : dictLink[state]; s !== -1; s = dictLink[s]) {
        found.push({ start: i + 1 - depth[s], end: i + 1, index: word[s] });
      }
    }
    return found;
  }

  /** Leftmost-longest occurrences that do not overlap (what a reader sees as “the words” in the text). */
  findLongest(text: string): PhraseMatch[] {
    const all = this.findAll(text).sort((a, b) => a.start - b.start || b.end - a.end);
    const chosen: PhraseMatch[] = [];
    let reached = 0;
    for (const m of all) {
      if (m.start < reached) continue;
      chosen.push(m);
      reached = m.end;
    }
    return chosen;
  }
}

export interface CompiledDictionaries {
  forbidden: { words: string[]; matcher: PhraseMatcher };
  errorProne: { entries: ErrorProneWord[]; matcher: PhraseMatcher };
}

const compiledCache = new WeakMap<Dictionaries, CompiledDictionaries>();

/** The matchers of a dictionary object, built on first use and cached for that object. */
export function compileDictionaries(dictionaries: Dictionaries): CompiledDictionaries {
  const cached = compiledCache.get(dictionaries);
  if (cached !== undefined) return cached;
  const words = dictionaries.forbidden.map((w) => w.trim());
  const entries = dictionaries.errorProne.map((e) => ({ wrong: e.wrong.trim(), right: e.right.trim() }));
  const compiled: CompiledDictionaries = {
    forbidden: { words, matcher: new PhraseMatcher(words) },
    errorProne: { entries, matcher: new PhraseMatcher(entries.map((e) => e.wrong)) },
  };
  compiledCache.set(dictionaries, compiled);
  return compiled;
}

/** Forbidden expressions in a text: severity block, never confirmable (the service enforces that). */
export function findForbiddenWords(text: string, dictionaries: Dictionaries): Hit[] {
  const { words, matcher } = compileDictionaries(dictionaries).forbidden;
  return matcher.findLongest(text).map((m) => ({
    check: 'forbidden-word',
    severity: 'block',
    offset: m.start,
    length: m.end - m.start,
    match: text.slice(m.start, m.end),
    message: `“${words[m.index]}”是禁用词`,
  }));
}

/**
 * Error-prone expressions with their correct form: severity warn. An occurrence that is part of the correct form
 * itself (when a custom list has a right form containing the wrong one) is not reported.
 */
export function findErrorProneWords(text: string, dictionaries: Dictionaries): Hit[] {
  const { entries, matcher } = compileDictionaries(dictionaries).errorProne;
  const hits: Hit[] = [];
  for (const m of matcher.findLongest(text)) {
    const { wrong, right } = entries[m.index];
    const within = right.indexOf(wrong);
    if (within !== -1 && m.start - within >= 0 && text.startsWith(right, m.start - within)) continue;
    hits.push({
      check: 'error-prone',
      severity: 'warn',
      offset: m.start,
      length: m.end - m.start,
      match: text.slice(m.start, m.end),
      message: `“${wrong}”宜写作“${right}”`,
      suggestion: right,
    });
  }
  return hits;
}

// ───────────────────────────── defaults ─────────────────────────────

/**
 * Expressions a reviewer must block on a government site whatever the context (the right wording in the comment).
 * Kept short on purpose: each site's 保密审查 / 内容审核 staff extend it. Historical texts (地方志 …) that
 * must quote 中华民国政府 or 北京政府 (北洋) need a site-specific list without them.
 */
export const DEFAULT_FORBIDDEN: readonly string[] = [
  '台湾国', // 台湾地区
  '台湾政府', // 台湾当局
  '台湾总统', // 台湾地区领导人
  '中华民国政府', // 1949 年后不得使用：台湾当局
  '北京政府', // 指中央政府时：中央政府 / 中国政府
  '中共政府', // 中国政府
  '尖阁列岛', // 钓鱼岛及其附属岛屿
  '尖阁诸岛', // 钓鱼岛及其附属岛屿
  '西藏流亡政府', // 达赖集团
  '北朝鲜', // 朝鲜
  '香港政府', // 香港特别行政区政府
  '澳门政府', // 澳门特别行政区政府
];

/**
 * Common misspellings with their correct form. Only pairs whose wrong form does not occur inside correct text
 * are listed: 以经 (以经济…), 既使 (既使群众满意，又…), 按装 (按装机容量), 做为 (多做为民办实事), 防犯
 * (严防犯罪) and 交待 (listed by 《现代汉语词典》) are left out on purpose.
 */
export const DEFAULT_ERROR_PRONE: readonly ErrorProneWord[] = [
  { wrong: '截止至', right: '截至' },
  { wrong: '截止目前', right: '截至目前' },
  { wrong: '政府信息公开条列', right: '政府信息公开条例' },
  { wrong: '布署', right: '部署' },
  { wrong: '必竟', right: '毕竟' },
  { wrong: '精兵减政', right: '精兵简政' },
  { wrong: '励精图志', right: '励精图治' },
  { wrong: '以身做则', right: '以身作则' },
  { wrong: '攻艰克难', right: '攻坚克难' },
  { wrong: '因地治宜', right: '因地制宜' },
  { wrong: '实是求是', right: '实事求是' },
  { wrong: '未雨筹谋', right: '未雨绸缪' },
  { wrong: '集思广议', right: '集思广益' },
  { wrong: '事必恭亲', right: '事必躬亲' },
  { wrong: '矢志不逾', right: '矢志不渝' },
  { wrong: '一如继往', right: '一如既往' },
  { wrong: '既往开来', right: '继往开来' },
  { wrong: '相辅相承', right: '相辅相成' },
  { wrong: '再接再励', right: '再接再厉' },
  { wrong: '一股作气', right: '一鼓作气' },
  { wrong: '迫不急待', right: '迫不及待' },
  { wrong: '黄梁美梦', right: '黄粱美梦' },
  { wrong: '谈笑风声', right: '谈笑风生' },
  { wrong: '世外桃园', right: '世外桃源' },
  { wrong: '按步就班', right: '按部就班' },
  { wrong: '变本加利', right: '变本加厉' },
  { wrong: '穿流不息', right: '川流不息' },
  { wrong: '甘败下风', right: '甘拜下风' },
  { wrong: '默守成规', right: '墨守成规' },
  { wrong: '悬梁刺骨', right: '悬梁刺股' },
  { wrong: '出奇不意', right: '出其不意' },
  { wrong: '一愁莫展', right: '一筹莫展' },
  { wrong: '走头无路', right: '走投无路' },
  { wrong: '鼎立相助', right: '鼎力相助' },
  { wrong: '原形必露', right: '原形毕露' },
  { wrong: '重蹈复辙', right: '重蹈覆辙' },
  { wrong: '既往不究', right: '既往不咎' },
  { wrong: '不径而走', right: '不胫而走' },
  { wrong: '再所不惜', right: '在所不惜' },
  { wrong: '言简意骇', right: '言简意赅' },
  { wrong: '发人深醒', right: '发人深省' },
  { wrong: '针贬时弊', right: '针砭时弊' },
  { wrong: '按耐不住', right: '按捺不住' },
  { wrong: '金榜提名', right: '金榜题名' },
  { wrong: '滥芋充数', right: '滥竽充数' },
  { wrong: '迫在眉捷', right: '迫在眉睫' },
  { wrong: '声名雀起', right: '声名鹊起' },
  { wrong: '出类拔粹', right: '出类拔萃' },
  { wrong: '鞠躬尽粹', right: '鞠躬尽瘁' },
  { wrong: '两全齐美', right: '两全其美' },
  { wrong: '披星带月', right: '披星戴月' },
  { wrong: '一张一驰', right: '一张一弛' },
  { wrong: '提纲携领', right: '提纲挈领' },
  { wrong: '高屋建翎', right: '高屋建瓴' },
];

/** Defaults for a new site: leaders are site-specific and start empty (领导之窗 fills them). */
export const DEFAULT_DICTIONARIES: Dictionaries = {
  forbidden: [...DEFAULT_FORBIDDEN],
  errorProne: DEFAULT_ERROR_PRONE.map((e) => ({ ...e })),
  leaders: [],
};
