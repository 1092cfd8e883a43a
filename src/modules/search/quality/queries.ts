// The search quality set: queries built from the generated corpus, each with the item (by title) that must be
// on the first results page. Categories: exact titles, partial titles, keywords, titles with a typo, pinyin,
// pinyin initials, synonyms. `npm run`-free: quality.test.ts builds it and compares with queries.json, the
// reviewed copy kept in the repository.
import { DEFAULT_SYNONYMS } from '../synonyms.ts';
import { isHan, normalize, pinyinOf, words } from '../text.ts';
import { seededRandom } from '../../../platform/random.ts';
import type { CorpusItem } from './corpus.ts';

export type Category = 'exact' | 'partial' | 'keywords' | 'typo' | 'pinyin' | 'initials' | 'synonym';

export interface QualityQuery {
  category: Category;
  q: string;
  /** Title of the item that must be on the first page. */
  expect: string;
}

export const QUALITY_CORPUS_SIZE = 420;
export const QUALITY_SEED = 20261127;

// Common characters a typist might hit instead of the right one.
const TYPO_CHARS =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

/** A window of the title that does not cut a number in two (users type 2025年, not 025年). */
function wholeNumbers(chars: string[], start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s > 0 && /\d/.test(chars[s]!) && /\d/.test(chars[s - 1]!)) s -= 1;
  while (e < chars.length && /\d/.test(chars[e - 1]!) && /\d/.test(chars[e]!)) e += 1;
  return [s, e];
}

const bigramsOfText = (t: string) => new Set([...t].slice(1).map((c, i) => t[i] + c));
const shareBigram = (a: string, b: string) => [...bigramsOfText(a)].some((g) => bigramsOfText(b).has(g));

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

function shuffled<T>(r: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function buildQualitySet(corpus: CorpusItem[], seed = QUALITY_SEED): QualityQuery[] {
  const r = seededRandom(seed);
  const titles = corpus.map((c) => c.title);
  const containing = (text: string) => titles.filter((t) => normalize(t).includes(normalize(text))).length;
  const out: QualityQuery[] = [];
  const used = new Set<string>();
  const add = (category: Category, q: string, expect: string) => {
    const key = `${category}|${q}`;
    if (!used.has(key) && q.trim()) {
      used.add(key);
      out.push({ category, q, expect });
    }
  };
  const order = shuffled(r, corpus);

  // Exact titles.
  for (const item of order.slice(0, 60)) add('exact', item.title, item.title);

  // Partial titles: a window of 6–12 characters found in at most three titles.
  let n = 0;
  for (const item of order.slice(60)) {
    if (n >= 50) break;
    const chars = [...item.title];
    if (chars.length < 10) continue;
    const len = 6 + Math.floor(r() * 7);
    const [start, end] = wholeNumbers(chars, Math.floor(r() * (chars.length - len)), 0);
    const window = chars
      .slice(start, Math.max(end, start + len))
      .join('')
      .replace(/^[《“（]|[》”）]$/g, '');
    if (containing(window) <= 3 && window.length >= 5) {
      add('partial', window, item.title);
      n += 1;
    }
  }

  // Keywords: two or three of the title's words, separated by spaces, found together in at most five titles.
  n = 0;
  for (const item of order.slice(120)) {
    if (n >= 30) break;
    const ws = [...new Set(words(normalize(item.title)).filter((w) => isHan(w) && [...w].length >= 2))];
    if (ws.length < 3) continue;
    const chosen = shuffled(r, ws).slice(0, 2 + Math.floor(r() * 2));
    const together = titles.filter((t) => chosen.every((w) => normalize(t).includes(w))).length;
    if (together <= 5) {
      add('keywords', chosen.join(' '), item.title);
      n += 1;
    }
  }

  // A typo: one Han character of a title (or of a partial title of 8+ characters) replaced.
  n = 0;
  for (const item of order.slice(180)) {
    if (n >= 40) break;
    const chars = [...item.title];
    if (chars.length < 10) continue;
    const base = r() < 0.5 ? chars : chars.slice(0, Math.max(8, Math.floor(chars.length * 0.7)));
    const positions = base.map((c, i) => (isHan(c) && i > 0 && i < base.length - 1 ? i : -1)).filter((i) => i >= 0);
    if (positions.length === 0) continue;
    const at = pick(r, positions);
    let wrong = pick(r, [...TYPO_CHARS]);
    while (wrong === base[at]) wrong = pick(r, [...TYPO_CHARS]);
    const typo = [...base.slice(0, at), wrong, ...base.slice(at + 1)].join('');
    if (containing(typo) === 0) {
      add('typo', typo, item.title);
      n += 1;
    }
  }

  // Pinyin and initials of title words found in at most eight titles (all of which fit on the first page).
  const termCount = new Map<string, { n: number; item: CorpusItem }>();
  for (const item of corpus) {
    for (const w of new Set(
      words(normalize(item.title)).filter((w) => isHan(w) && [...w].length >= 2 && [...w].length <= 5),
    )) {
      const e = termCount.get(w);
      termCount.set(w, { n: (e?.n ?? 0) + 1, item: e?.item ?? item });
    }
  }
  const rare = shuffled(
    r,
    [...termCount].filter(([w, e]) => e.n <= 8 && containing(w) <= 8),
  );
  const pinyins = new Map<string, string[]>();
  const initials = new Map<string, string[]>();
  for (const [w] of termCount) {
    const p = pinyinOf(w);
    pinyins.set(p.full, [...(pinyins.get(p.full) ?? []), w]);
    initials.set(p.initials, [...(initials.get(p.initials) ?? []), w]);
  }
  n = 0;
  for (const [w, e] of rare) {
    if (n >= 25) break;
    const p = pinyinOf(w).full;
    if ((pinyins.get(p) ?? []).length === 1) {
      add('pinyin', p, e.item.title);
      n += 1;
    }
  }
  n = 0;
  for (const [w, e] of rare) {
    if (n >= 15) break;
    const p = pinyinOf(w).initials;
    if ([...w].length >= 3 && (initials.get(p) ?? []).length === 1) {
      add('initials', p, e.item.title);
      n += 1;
    }
  }

  // Synonyms: a distinctive piece of a title with one term swapped for a synonym (社会保险 → 社保).
  n = 0;
  for (const item of order) {
    if (n >= 30) break;
    for (const group of DEFAULT_SYNONYMS) {
      const inTitle = [...group].sort((a, b) => b.length - a.length).find((t) => item.title.includes(t));
      if (!inTitle) continue;
      // A synonym that is not part of the term, nor overlapping it (专业技术职称 → 职称评审 would read 职称评审评审).
      const other = group.find(
        (t) =>
          t !== inTitle &&
          !t.includes(inTitle) &&
          !inTitle.includes(t) &&
          (!shareBigram(t, inTitle) || t.length === inTitle.length),
      );
      if (!other) continue;
      const at = item.title.indexOf(inTitle);
      const chars = [...item.title];
      const [from, to] = wholeNumbers(chars, Math.max(0, at - 4), Math.min(chars.length, at + inTitle.length + 4));
      const left = chars
        .slice(from, at)
        .join('')
        .replace(/^.*[《“（，：]/, '');
      const right = chars
        .slice(at + inTitle.length, to)
        .join('')
        .replace(/[》”），：].*$/, '');
      const q = `${left}${other}${right}`;
      if (containing(`${left}${inTitle}${right}`) <= 5 && (left + right).length >= 2) {
        add('synonym', q, item.title);
        n += 1;
        break;
      }
    }
  }
  return out;
}

export interface QualityFigures {
  category: Category | 'all';
  total: number;
  found: number;
  rate: number;
}

export function figures(results: { category: Category; found: boolean }[]): QualityFigures[] {
  const cats: (Category | 'all')[] = ['exact', 'partial', 'keywords', 'typo', 'pinyin', 'initials', 'synonym', 'all'];
  return cats.map((category) => {
    const list = results.filter((x) => category === 'all' || x.category === category);
    const found = list.filter((x) => x.found).length;
    return { category, total: list.length, found, rate: list.length ? found / list.length : 1 };
  });
}
