// The vocabulary of title terms (from search_terms), held in memory: pinyin and pinyin-initial lookups,
// one-character-off matches for typo correction, and prefix lookups for suggestions. Lookup structures are
// built on first use; a snapshot is replaced, never changed.
import { editDistance, isHan, pinyinOf } from './text.ts';

export interface TermInfo {
  term: string;
  df: number;
  pinyin: string;
  initials: string;
}

const WILD = '\u0000';

function pushTo(map: Map<string, TermInfo[]>, key: string, info: TermInfo) {
  const list = map.get(key);
  if (list) list.push(info);
  else map.set(key, [info]);
}

const byDf = (a: TermInfo, b: TermInfo) => b.df - a.df || a.term.localeCompare(b.term);

/** The first index in a sorted array whose key is >= prefix. */
function lowerBound<T>(list: T[], prefix: string, key: (x: T) => string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(list[mid]!) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Vocabulary {
  readonly terms: Map<string, TermInfo>;
  private pinyinIndex: { full: Map<string, TermInfo[]>; initials: Map<string, TermInfo[]> } | null = null;
  private maskIndex: Map<string, TermInfo[]> | null = null;
  private deleteIndex: Map<string, TermInfo[]> | null = null;
  private sorted: { terms: TermInfo[]; pinyin: TermInfo[]; initials: TermInfo[] } | null = null;

  constructor(rows: TermInfo[]) {
    this.terms = new Map(rows.map((r) => [r.term, r]));
  }

  /** A copy with extra terms (a site's synonyms), which keep their df if already known. */
  withExtra(extra: string[]): Vocabulary {
    const rows = [...this.terms.values()];
    for (const term of extra) {
      if (!this.terms.has(term) && isHan(term)) {
        const p = pinyinOf(term);
        rows.push({ term, df: 0, pinyin: p.full, initials: p.initials });
      }
    }
    return new Vocabulary(rows);
  }

  get size(): number {
    return this.terms.size;
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  private pinyinMaps() {
    if (!this.pinyinIndex) {
      const full = new Map<string, TermInfo[]>();
      const initials = new Map<string, TermInfo[]>();
      for (const t of this.terms.values()) {
        if (!isHan(t.term)) continue;
        pushTo(full, t.pinyin, t);
        if (t.initials.length >= 2) pushTo(initials, t.initials, t);
      }
      for (const list of [...full.values(), ...initials.values()]) list.sort(byDf);
      this.pinyinIndex = { full, initials };
    }
    return this.pinyinIndex;
  }

  /** Han terms whose full pinyin is exactly `latin` (shebao → 社保), most used first. */
  byPinyin(latin: string): TermInfo[] {
    return this.pinyinMaps().full.get(latin) ?? [];
  }

  /** Han terms whose initials are exactly `latin` (sb → 社保, 设备 …), most used first. */
  byInitials(latin: string): TermInfo[] {
    return this.pinyinMaps().initials.get(latin) ?? [];
  }

  /**
   * Cuts a latin string into known terms' pinyin (shebaochaxun → shebao + chaxun), or initials when
   * `initials` is set; fewest pieces win. Null when it cannot be cut.
   */
  segmentPinyin(latin: string, initials = false): string[] | null {
    const map = initials ? this.pinyinMaps().initials : this.pinyinMaps().full;
    const n = latin.length;
    const best: (string[] | null)[] = Array(n + 1).fill(null);
    best[0] = [];
    for (let i = 0; i < n; i++) {
      if (!best[i]) continue;
      for (let j = i + 2; j <= Math.min(n, i + 30); j++) {
        const piece = latin.slice(i, j);
        if (!map.has(piece)) continue;
        const candidate = [...best[i]!, piece];
        if (!best[j] || candidate.length < best[j]!.length) best[j] = candidate;
      }
    }
    return best[n] && best[n]!.length > 1 ? best[n] : null;
  }

  private masks(): Map<string, TermInfo[]> {
    if (!this.maskIndex) {
      const map = new Map<string, TermInfo[]>();
      for (const t of this.terms.values()) {
        const chars = [...t.term];
        if (!isHan(t.term) || chars.length < 3) continue;
        for (let i = 0; i < chars.length; i++)
          pushTo(map, [...chars.slice(0, i), WILD, ...chars.slice(i + 1)].join(''), t);
      }
      for (const list of map.values()) list.sort(byDf);
      this.maskIndex = map;
    }
    return this.maskIndex;
  }

  /** Known Han terms of the same length that differ from `text` in exactly one character (医疗保验 → 医疗保险). */
  oneCharOff(text: string): TermInfo[] {
    const chars = [...text];
    if (chars.length < 3) return [];
    const out: TermInfo[] = [];
    for (let i = 0; i < chars.length; i++) {
      for (const t of this.masks().get([...chars.slice(0, i), WILD, ...chars.slice(i + 1)].join('')) ?? []) {
        if (t.term !== text && !out.includes(t)) out.push(t);
      }
    }
    return out.sort(byDf);
  }

  private deletes(): Map<string, TermInfo[]> {
    if (!this.deleteIndex) {
      const map = new Map<string, TermInfo[]>();
      for (const t of this.terms.values()) {
        if (isHan(t.term) || t.term.length < 3) continue;
        pushTo(map, t.term, t);
        for (let i = 0; i < t.term.length; i++) pushTo(map, t.term.slice(0, i) + t.term.slice(i + 1), t);
      }
      this.deleteIndex = map;
    }
    return this.deleteIndex;
  }

  /** Known latin terms within one edit (insertion, deletion or substitution) of `word`. */
  latinNear(word: string): TermInfo[] {
    if (word.length < 3) return [];
    const index = this.deletes();
    const found = new Set<TermInfo>();
    for (const variant of [word, ...Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1))]) {
      for (const t of index.get(variant) ?? []) if (t.term !== word && editDistance(t.term, word, 1) <= 1) found.add(t);
    }
    return [...found].sort(byDf);
  }

  private sortedLists() {
    if (!this.sorted) {
      const all = [...this.terms.values()];
      const han = all.filter((t) => isHan(t.term));
      this.sorted = {
        terms: [...all].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0)),
        pinyin: [...han].sort((a, b) => (a.pinyin < b.pinyin ? -1 : a.pinyin > b.pinyin ? 1 : 0)),
        initials: [...han].sort((a, b) => (a.initials < b.initials ? -1 : a.initials > b.initials ? 1 : 0)),
      };
    }
    return this.sorted;
  }

  /** Terms starting with `prefix` (Han or latin), or whose pinyin or initials start with it; most used first. */
  completions(prefix: string, limit = 8): TermInfo[] {
    const lists = this.sortedLists();
    const found = new Set<TermInfo>();
    const scan = (list: TermInfo[], key: (t: TermInfo) => string) => {
      for (
        let i = lowerBound(list, prefix, key);
        i < list.length && key(list[i]!).startsWith(prefix) && found.size < 500;
        i++
      ) {
        found.add(list[i]!);
      }
    };
    scan(lists.terms, (t) => t.term);
    if (/^[a-z]+$/.test(prefix)) {
      scan(lists.pinyin, (t) => t.pinyin);
      if (prefix.length >= 2) scan(lists.initials, (t) => t.initials);
    }
    return [...found]
      .filter((t) => t.term !== prefix && t.df > 0)
      .sort(byDf)
      .slice(0, limit);
  }
}
