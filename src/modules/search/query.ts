// From what a user typed to match trees. A query is cut into chunks (between spaces and punctuation); a
// chunk matches when its text is in the title (all its bigrams are title bigrams) or when each of its words
// matches somewhere (title, metadata or body). A word also matches through its synonyms, a latin word
// through the Han terms its pinyin or initials stand for. Tiers for ranking: the whole query in the title,
// then all words in the title, then anywhere.
import { and, gramPhrase, not, or, term, titleOnly, TEXT_FIELDS, type MatchNode } from './match.ts';
import { bigramsOf, chunksOf, isHan, isLatinWord, normalize, STOP_WORDS, titleKey, unitsOf, words } from './text.ts';
import type { SynonymGroups } from './synonyms.ts';
import type { TermInfo, Vocabulary } from './vocabulary.ts';

export const MAX_QUERY_LENGTH = 100;

export interface Plan {
  /** The normalised query. */
  text: string;
  /** Letters and digits only, for the exact-title tier. */
  key: string;
  match: MatchNode;
  /** Every word matched within the title. */
  title: MatchNode | null;
  /** The query's chunks as substrings of the title. */
  phrase: MatchNode | null;
  /** Strings to highlight in titles and snippets. */
  highlights: string[];
  /** Terms the query was widened to (synonyms, pinyin). */
  expanded: string[];
  /** The clause of each (non stop) word, across chunks: for the relaxed plan. */
  words: MatchNode[];
}

export interface PlanContext {
  vocab: Vocabulary;
  synonyms: SynonymGroups;
}

const PINYIN_EXPANSIONS = 6;
const SEGMENT_EXPANSIONS = 4;

/** Synonym lookup: normalised term → the other terms of its groups; and the terms longest first by first character. */
export class SynonymIndex {
  readonly others = new Map<string, string[]>();
  private readonly byFirst = new Map<string, string[]>();

  constructor(groups: SynonymGroups) {
    for (const group of groups) {
      const terms = [...new Set(group.map((t) => titleKey(t)).filter(Boolean))];
      for (const t of terms) {
        this.others.set(t, [...new Set([...(this.others.get(t) ?? []), ...terms.filter((o) => o !== t)])]);
        const first = t[0]!;
        this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), t]);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
  }

  get terms(): string[] {
    return [...this.others.keys()];
  }

  /** The chunk cut into synonym terms (longest first, left to right) and jieba words between them. */
  cut(chunk: string): string[] {
    const out: string[] = [];
    let rest = '';
    for (let i = 0; i < chunk.length; ) {
      const found = (this.byFirst.get(chunk[i]!) ?? []).find((t) => chunk.startsWith(t, i));
      // Latin synonyms only as whole words: `app` must not be found inside `happy`.
      if (
        found &&
        (isHan(found) || (!/[a-z0-9]/.test(chunk[i - 1] ?? '') && !/[a-z0-9]/.test(chunk[i + found.length] ?? '')))
      ) {
        if (rest) out.push(...words(rest));
        rest = '';
        out.push(found);
        i += found.length;
      } else {
        rest += chunk[i];
        i += 1;
      }
    }
    if (rest) out.push(...words(rest));
    return out;
  }
}

/** Where a piece of text occurs: as a token, or (Han) as a substring of the title. */
function textNode(text: string): MatchNode {
  const units = unitsOf(text);
  if (units.length >= 2) return or([term(text), gramPhrase(bigramsOf(units))]);
  // One unit: a word token, or the start of a title bigram (税 → 税务, 税收 …).
  return or([term(text), term(text, ['grams'], true)]);
}

interface Builder {
  ctx: PlanContext;
  syn: SynonymIndex;
  highlights: Set<string>;
  expanded: Set<string>;
}

/** A Han word and its synonyms. */
function hanNode(b: Builder, word: string): MatchNode {
  const alts = [textNode(word)];
  for (const s of b.syn.others.get(word) ?? []) {
    alts.push(textNode(s));
    b.highlights.add(s);
    b.expanded.add(s);
  }
  return or(alts);
}

const top = (list: TermInfo[], n: number) => list.slice(0, n).map((t) => t.term);

/** A latin word: itself, and the Han terms its pinyin (or initials) spell. */
function latinNode(b: Builder, word: string): MatchNode {
  const { vocab } = b.ctx;
  const alts: MatchNode[] = [term(word)];
  let terms = [
    ...top(vocab.byPinyin(word), PINYIN_EXPANSIONS),
    ...(word.length >= 2 ? top(vocab.byInitials(word), PINYIN_EXPANSIONS) : []),
  ];
  terms = [...new Set(terms)];
  if (terms.length) {
    for (const t of terms) {
      alts.push(hanNode(b, t));
      b.highlights.add(t);
      b.expanded.add(t);
    }
  } else if (word.length >= 4) {
    const pieces = vocab.segmentPinyin(word) ?? vocab.segmentPinyin(word, true);
    if (pieces) {
      const full = vocab.segmentPinyin(word) !== null;
      alts.push(
        and(
          pieces.map((piece) => {
            const found = top(full ? vocab.byPinyin(piece) : vocab.byInitials(piece), SEGMENT_EXPANSIONS);
            for (const t of found) {
              b.highlights.add(t);
              b.expanded.add(t);
            }
            return or(found.map((t) => hanNode(b, t)));
          }),
        ),
      );
    }
  }
  return or(alts);
}

function wordNode(b: Builder, word: string): MatchNode {
  if (isLatinWord(word)) return latinNode(b, word);
  if (isHan(word)) return hanNode(b, word);
  return textNode(word);
}

/** The clause of one chunk: its text as a title substring, or all its (non stop) words. */
function chunkNode(b: Builder, chunk: string): { node: MatchNode; phrase: MatchNode; words: MatchNode[] } {
  const units = unitsOf(chunk);
  const phrase =
    units.length >= 2 ? gramPhrase(bigramsOf(units)) : or([term(chunk, ['title']), term(chunk, ['grams'], true)]);
  const all = b.syn.cut(chunk);
  const kept = all.filter((w) => !STOP_WORDS.has(w));
  const list = kept.length ? kept : all;
  for (const w of list) if ([...w].length >= 2 || list.length === 1) b.highlights.add(w);
  b.highlights.add(chunk);
  const wordNodes = list.map((w) => wordNode(b, w));
  return { node: or([phrase, and(wordNodes)]), phrase, words: wordNodes };
}

export function prepare(raw: string): string {
  return normalize(raw).replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

/** The plan of a query; null when nothing searchable is left (only spaces and punctuation). */
export function planQuery(raw: string, ctx: PlanContext, syn = new SynonymIndex(ctx.synonyms)): Plan | null {
  const text = prepare(raw);
  const chunks = chunksOf(text).slice(0, 12);
  if (chunks.length === 0) return null;
  const b: Builder = { ctx, syn, highlights: new Set(), expanded: new Set() };
  const built = chunks.map((c) => chunkNode(b, c));
  const match = and(built.map((c) => c.node));
  return {
    text,
    key: titleKey(text),
    match,
    title: titleOnly(match),
    phrase: and(built.map((c) => c.phrase)),
    highlights: [...b.highlights],
    expanded: [...b.expanded],
    words: built.flatMap((c) => c.words),
  };
}

/**
 * One-typo correction from the vocabulary: in each chunk, the longest window (3–8 characters) that is not a
 * known term but is one character off a known one is replaced (城乡居明 → 城乡居民); an unknown latin word
 * becomes the known word one edit away. Null when nothing changes.
 */
export function correctQuery(raw: string, vocab: Vocabulary): string | null {
  const text = prepare(raw);
  let changed = false;
  const out = text.split(' ').map((piece) => {
    return chunksOf(piece).reduce((acc, chunk) => {
      if (isLatinWord(chunk)) {
        if (vocab.has(chunk) || vocab.byPinyin(chunk).length || vocab.byInitials(chunk).length) return acc;
        const near = vocab.latinNear(chunk).filter((t) => t.df > 0);
        if (near.length) {
          changed = true;
          return acc.replace(chunk, near[0]!.term);
        }
        return acc;
      }
      const chars = [...chunk];
      for (let len = Math.min(8, chars.length); len >= 3; len--) {
        let best: { start: number; term: TermInfo } | null = null;
        for (let start = 0; start + len <= chars.length; start++) {
          const window = chars.slice(start, start + len).join('');
          if (!isHan(window) || /[^\p{Script=Han}]/u.test(window) || vocab.has(window)) continue;
          const found = vocab.oneCharOff(window).filter((t) => t.df > 0)[0];
          if (found && (!best || found.df > best.term.df)) best = { start, term: found };
        }
        if (best) {
          changed = true;
          const fixed = [...chars.slice(0, best.start), best.term.term, ...chars.slice(best.start + len)].join('');
          return acc.replace(chunk, fixed);
        }
      }
      return acc;
    }, piece);
  });
  return changed ? out.join(' ') : null;
}

/**
 * The typo-tolerant plan: the title must contain what is left of the query on both sides of any one character
 * (a wrong, missing or extra character), e.g. 关于做好城乡居民医疗保验参保工作 still finds
 * 关于做好城乡居民医疗保险参保工作的通知. Spaces and punctuation are ignored, as in the title bigrams, so a typo in a
 * short piece (图变：2021年…) is covered too. Null for queries of fewer than five characters.
 */
export function fuzzyPlan(raw: string, ctx: PlanContext, syn = new SynonymIndex(ctx.synonyms)): Plan | null {
  const base = planQuery(raw, ctx, syn);
  if (!base) return null;
  const units = unitsOf(chunksOf(base.text).join(''));
  if (units.length < 5 || units.length > 60) return null;
  const highlights = new Set(base.highlights);
  const alts: MatchNode[] = [];
  for (let i = 0; i < units.length; i++) {
    const parts = [units.slice(0, i), units.slice(i + 1)].filter((p) => p.length >= 2);
    const covered = parts.reduce((n, p) => n + p.length, 0);
    if (covered < Math.max(3, units.length - 2)) continue;
    for (const p of parts) highlights.add(p.join(''));
    alts.push(and(parts.map((p) => gramPhrase(bigramsOf(p)))));
  }
  if (alts.length === 0) return null;
  const match = or(alts);
  return { ...base, match, title: match, phrase: null, highlights: [...highlights], expanded: [] };
}

/**
 * The last resort: all words but one (如何办理住房公积金提取 finds 住房公积金提取办事指南, which does not say 办理).
 * Null for fewer than two or more than eight words.
 */
export function relaxedPlan(raw: string, ctx: PlanContext, syn = new SynonymIndex(ctx.synonyms)): Plan | null {
  const base = planQuery(raw, ctx, syn);
  if (!base || base.words.length < 2 || base.words.length > 8) return null;
  const match = or(base.words.map((_, i) => and(base.words.filter((_w, j) => j !== i))));
  return { ...base, match, title: titleOnly(match), phrase: null };
}

/** The match tree for "these tiers, minus the earlier ones". */
export const minus = (node: MatchNode, earlier: MatchNode | null): MatchNode => (earlier ? not(node, earlier) : node);

export { TEXT_FIELDS };
