// Text processing shared by indexing and querying, so both sides cut text the same way: normalisation
// (NFKC, lower case, no diacritics), jieba word segmentation, the title's character bigrams (a query the
// segmenter splits differently still matches any 2-character substring), pinyin, stop words, and the
// highlighting of matched terms in titles and snippets.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';
import { GOVERNMENT_WORDS } from './synonyms.ts';

let jieba: Jieba | null = null;

/** The segmenter: jieba's dictionary plus government-service words, loaded once on first use. */
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(GOVERNMENT_WORDS.map((w) => `${w} 20000 n`).join('\n')));
  }
  return jieba;
}

/** Function words left out of queries (and of the body index). */
export const STOP_WORDS = new Set([
  '的',
  '了',
  '和',
  '与',
  '及',
  '以及',
  '或',
  '或者',
  '等',
  '之',
  '在',
  '是',
  '对',
  '把',
  '被',
  '从',
  '向',
  '为',
  '于',
  '将',
  '关于',
  '啊',
  '吗',
  '呢',
  '吧',
  '也',
  '就',
  '都',
  '而',
  '且',
  '并',
  '其',
  '该',
  '这',
  '那',
  '个',
  '着',
  '过',
  '有',
  '请问',
  '怎么',
  '怎样',
  '如何',
  '什么',
  '哪里',
  '哪些',
  '哪个',
  '我',
  '我们',
  '你',
  '您',
  '他',
  '她',
  '它',
  '要',
  '想',
  '能',
  '可以',
  '一下',
  'the',
  'of',
  'and',
  'a',
  'an',
  'to',
  'in',
]);

const HAN = /\p{Script=Han}/u;
const TOKEN = /^[\p{L}\p{N}]+$/u;
const NON_TOKEN = /[^\p{L}\p{N}]+/gu;
/** A Han character, or a run of other letters and digits: the units titles are cut into for bigrams. */
const UNIT = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const LATIN_WORD = /^[a-z]+$/;

export const isHan = (s: string) => HAN.test(s);
export const isLatinWord = (s: string) => LATIN_WORD.test(s);

/** NFKC (full-width to half-width), diacritics removed, lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFKC').toLowerCase();
}

/** Letters and digits only: equal for two titles that differ in spacing and punctuation. */
export function titleKey(text: string): string {
  return normalize(text).replace(NON_TOKEN, '');
}

/** Pieces of letters and digits: what is left between spaces and punctuation. */
export function chunksOf(normalized: string): string[] {
  return normalized.split(NON_TOKEN).filter(Boolean);
}

export function unitsOf(normalized: string): string[] {
  return normalized.match(UNIT) ?? [];
}

/** Consecutive unit pairs: 关于做好2026年度 → 关于 于做 做好 好2026 2026年 年度. A single unit stands alone. */
export function bigramsOf(units: string[]): string[] {
  if (units.length === 1) return [units[0]!];
  const out: string[] = [];
  for (let i = 0; i + 1 < units.length; i++) out.push(units[i]! + units[i + 1]!);
  return out;
}

/** True for a-z, 0-9 and the CJK unified ideographs: the common case, without a Unicode regex. */
function plainToken(t: string): boolean {
  if (t.length === 0) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** Splits tokens jieba returns with punctuation inside into clean letter/digit tokens. */
export function cleanTokens(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    if (plainToken(t) || TOKEN.test(t)) out.push(t);
    else for (const piece of t.split(NON_TOKEN)) if (piece) out.push(piece);
  }
  return out;
}

/** Jieba's search mode (whole words plus their dictionary sub-words) over normalised text. */
export function searchTokens(normalized: string): string[] {
  return cleanTokens(segmenter().cutForSearch(normalized, true));
}

/** Jieba's precise mode: how a query is cut into words. */
export function words(normalized: string): string[] {
  return cleanTokens(segmenter().cut(normalized, true));
}

/** Full pinyin without tones (社保 → shebao) and initials (sb) of a Han term; latin parts stay as they are. */
export function pinyinOf(term: string): { full: string; initials: string } {
  if (!isHan(term)) return { full: term, initials: term };
  const syllables = pinyin(term, { toneType: 'none', type: 'array', v: true }) as string[];
  const initials = pinyin(term, { pattern: 'first', toneType: 'none', type: 'array' }) as string[];
  return { full: syllables.join('').replace(/[^a-z0-9]/g, ''), initials: initials.join('').replace(/[^a-z0-9]/g, '') };
}

/** Words worth keeping in the vocabulary (pinyin, corrections, suggestions): 2–16 characters, not stop words. */
export function isVocabularyTerm(term: string): boolean {
  if (STOP_WORDS.has(term) || term.length < 2 || term.length > 16) return false;
  if (/^\d+$/.test(term)) return false;
  return isHan(term) ? !/[^\p{Script=Han}]/u.test(term) : /^[a-z][a-z0-9]+$/.test(term) && term.length >= 3;
}

/** Levenshtein distance, capped: returns max + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

// ---------- highlighting ----------

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One character normalised; ASCII and CJK ideographs without the (slow) Unicode normalisation. */
function normalizeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  if (c >= 0x4e00 && c <= 0x9fff) return ch;
  return normalize(ch);
}

/** The text normalised character by character, with each normalised character's position in the original. */
function mapped(text: string): { norm: string; origin: number[] } {
  let norm = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = normalizeChar(ch);
    for (let k = 0; k < n.length; k++) origin.push(i);
    norm += n;
    i += ch.length;
  }
  origin.push(i);
  return { norm, origin };
}

/** Ranges [start, end) of the original text where any of the (normalised) terms occurs, merged. */
export function matchRanges(text: string, terms: string[]): [number, number][] {
  const { norm, origin } = mapped(text);
  const list = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
  const hits: [number, number][] = [];
  for (const term of list) {
    let from = 0;
    for (;;) {
      const at = norm.indexOf(term, from);
      if (at < 0) break;
      hits.push([origin[at]!, origin[at + term.length] ?? text.length]);
      from = at + term.length;
    }
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([h[0], h[1]]);
  }
  return merged;
}

/** HTML-escaped text with the matched terms wrapped in <em>. */
export function highlight(text: string, terms: string[]): string {
  const ranges = matchRanges(text, terms);
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    out += `${escapeHtml(text.slice(at, s))}<em>${escapeHtml(text.slice(s, e))}</em>`;
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

/** About `length` characters of the text around the first match (the densest of the first few), highlighted. */
export function snippet(text: string, terms: string[], length = 120): string {
  if (!text) return '';
  const ranges = matchRanges(text, terms);
  if (ranges.length === 0) return highlight(text.slice(0, length), []) + (text.length > length ? '…' : '');
  // Prefer the window that covers the most matched characters, among windows starting at a match.
  let bestStart = ranges[0]![0];
  let bestScore = -1;
  for (const [s] of ranges.slice(0, 20)) {
    const start = Math.max(0, s - 20);
    const score = ranges.filter(([a, b]) => a >= start && b <= start + length).reduce((n, [a, b]) => n + (b - a), 0);
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  const start = Math.max(0, Math.min(bestStart, text.length - length));
  const end = Math.min(text.length, start + length);
  return (start > 0 ? '…' : '') + highlight(text.slice(start, end), terms) + (end < text.length ? '…' : '');
}
