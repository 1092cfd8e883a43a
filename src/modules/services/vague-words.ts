// Vague wording in guides (表述含糊不清, 办事指南 sub-rule 4): catch-all phrases that leave the applicant guessing
// what to bring (“根据有关法律法规规定应提交的其他材料”). The dictionary is per site and editable in the console; it is
// scanned with the pre-publish checks' Aho–Corasick matcher, so a long list costs one pass over the text.
import { PhraseMatcher } from '../prepublish/dictionaries.ts';

export const DEFAULT_VAGUE_WORDS: readonly string[] = [
  '其他材料',
  '其它材料',
  '有关规定',
  '相关规定',
  '有关法律法规',
  '相关法律法规',
  '等材料',
  '等相关材料',
  '相关部门要求的',
  '有关部门要求的',
  '要求提供的其他',
  '规定的其他',
  '等证明材料',
  '相关证明材料',
  '有关证明材料',
  '其他相关',
  '其他有关',
  '按规定提交',
  '视情况提交',
  '另行通知',
  '以窗口要求为准',
  '以审批部门要求为准',
  '详见相关文件',
  '详见有关文件',
  '必要的材料',
];

export interface VagueHit {
  word: string;
  start: number;
  end: number;
}

const matchers = new Map<string, PhraseMatcher>();

/** A matcher per word list, built once (the dictionary of a site changes rarely). */
function matcherFor(words: readonly string[]): PhraseMatcher {
  const key = words.join('\u0000');
  let m = matchers.get(key);
  if (!m) {
    if (matchers.size > 20) matchers.clear();
    m = new PhraseMatcher(words);
    matchers.set(key, m);
  }
  return m;
}

/** Leftmost-longest vague phrases in a text. */
export function findVague(text: string, words: readonly string[]): VagueHit[] {
  if (!text) return [];
  return matcherFor(words)
    .findLongest(text)
    .map((m) => ({ word: words[m.index], start: m.start, end: m.end }));
}

/** The dictionary as entered: trimmed, deduplicated, empty lines dropped. */
export function cleanWordList(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.trim()).filter(Boolean))].slice(0, 2000);
}
