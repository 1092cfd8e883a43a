// Leader/post check: a leader's name written with a post that is not theirs (“副主任王建国” when he is 主任) is a
// 严重表述错误, the single veto item of the State Council's inspection, so it blocks publication.
//
// For every occurrence of a leader's name the posts written right against it are read:
//   before: “副主任王建国”, “主任 王建国同志”, “主任：王建国”, “党组书记、主任王建国” (a chain joined by 、 or 兼);
//   after:  “王建国副主任”, “王建国（党组书记、主任）”, “王建国 (主任)”.
// Posts come from OFFICIAL_TITLES plus the leader's own posts, longest match first (副主任 is never read as
// 主任). Between name and post only spaces or a table-cell boundary may stand, plus a colon (before) or an
// opening bracket (after); never a line break. A name with no post against it is fine. Not reported: a post
// after 原 / 时任 / 拟任 / 前任 / 曾任 (not the current one), a post followed by 职务 (“免去王建国副主任职务”), a
// post that belongs to another leader's name written just before it (“张三局长、副局长王建国”). A name inside a
// longer name cannot be told apart in Chinese text: 王建国 also matches in 王建国华.
import { PhraseMatcher } from './dictionaries.ts';
import type { Hit, LeaderEntry } from './prepublish.schema.ts';

/** Common titles (职务, 职级) of Chinese officials; longer ones win, so listing both 主任 and 副主任 is right. */
export const OFFICIAL_TITLES: readonly string[] = [
  '主任',
  '副主任',
  '常务副主任',
  '主任委员',
  '副主任委员',
  '局长',
  '副局长',
  '常务副局长',
  '局长助理',
  '党组书记',
  '党组副书记',
  '党组成员',
  '党委书记',
  '党委副书记',
  '党委委员',
  '党工委书记',
  '党工委副书记',
  '党工委委员',
  '书记',
  '副书记',
  '常委',
  '委员',
  '省长',
  '副省长',
  '常务副省长',
  '市长',
  '副市长',
  '常务副市长',
  '市长助理',
  '区长',
  '副区长',
  '常务副区长',
  '县长',
  '副县长',
  '常务副县长',
  '镇长',
  '副镇长',
  '乡长',
  '副乡长',
  '部长',
  '副部长',
  '厅长',
  '副厅长',
  '处长',
  '副处长',
  '科长',
  '副科长',
  '股长',
  '副股长',
  '主席',
  '副主席',
  '秘书长',
  '副秘书长',
  '组长',
  '副组长',
  '纪检监察组组长',
  '纪检监察组副组长',
  '巡视员',
  '副巡视员',
  '一级巡视员',
  '二级巡视员',
  '调研员',
  '副调研员',
  '一级调研员',
  '二级调研员',
  '三级调研员',
  '四级调研员',
  '主任科员',
  '副主任科员',
  '一级主任科员',
  '二级主任科员',
  '三级主任科员',
  '四级主任科员',
  '总经济师',
  '总工程师',
  '总会计师',
  '总规划师',
  '总督学',
  '督学',
  '院长',
  '副院长',
  '庭长',
  '副庭长',
  '检察长',
  '副检察长',
  '所长',
  '副所长',
  '站长',
  '副站长',
  '队长',
  '副队长',
  '支队长',
  '副支队长',
  '大队长',
  '副大队长',
  '政委',
  '副政委',
];

/** Party-organ prefixes that may be dropped in writing: 王建国书记 is right for a 党组书记. */
const ORGAN_PREFIXES = ['党组', '党委', '党工委', '党总支', '党支部'];
/** A post after these is not the current one. */
const NOT_CURRENT = ['原', '时任', '拟任', '前任', '曾任'];
/** What may stand between name and post: spaces and a table-cell boundary, never a line break (block boundary). */
const SPACE = /[ \t\u00a0\u3000]/;

interface CompiledLeaders {
  leaders: LeaderEntry[];
  names: PhraseMatcher;
  /** Per leader: OFFICIAL_TITLES plus the leader's own posts, longest first. */
  vocabularies: string[][];
}

const cache = new WeakMap<readonly LeaderEntry[], CompiledLeaders>();

function compile(leaders: readonly LeaderEntry[]): CompiledLeaders {
  const cached = cache.get(leaders);
  if (cached !== undefined) return cached;
  const usable = leaders
    .map((l) => ({ name: l.name.trim(), posts: l.posts.map((p) => p.trim()).filter((p) => p.length > 0) }))
    .filter((l) => l.name.length > 0 && l.posts.length > 0);
  const compiled: CompiledLeaders = {
    leaders: usable,
    names: new PhraseMatcher(usable.map((l) => l.name)),
    vocabularies: usable.map((l) => [...new Set([...OFFICIAL_TITLES, ...l.posts])].sort((a, b) => b.length - a.length)),
  };
  cache.set(leaders, compiled);
  return compiled;
}

const TITLES_LONGEST_FIRST = [...OFFICIAL_TITLES].sort((a, b) => b.length - a.length);

/** The official title a post ends with (市发展改革委主任 → 主任), or the post itself. */
function titleOf(post: string): string {
  return TITLES_LONGEST_FIRST.find((t) => post.endsWith(t)) ?? post;
}

/** Same title, written with or without a party-organ prefix (党组书记 / 书记). */
function sameTitle(a: string, b: string): boolean {
  if (a === b) return true;
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.endsWith(shorter) && ORGAN_PREFIXES.includes(longer.slice(0, longer.length - shorter.length));
}

/** Whether writing `written` next to the leader's name is right. */
export function postMatches(written: string, posts: readonly string[]): boolean {
  return posts.some((p) => p === written || sameTitle(titleOf(p), written));
}

interface WrittenPost {
  post: string;
  start: number;
  end: number;
}

const endingAt = (text: string, end: number, vocabulary: readonly string[]) =>
  vocabulary.find((t) => t.length <= end && text.startsWith(t, end - t.length));
const startingAt = (text: string, start: number, vocabulary: readonly string[]) =>
  vocabulary.find((t) => text.startsWith(t, start));
const notCurrentBefore = (text: string, at: number) =>
  NOT_CURRENT.some((w) => w.length <= at && text.startsWith(w, at - w.length));

function postsBefore(
  text: string,
  nameStart: number,
  vocabulary: readonly string[],
  names: readonly string[],
): WrittenPost[] {
  let p = nameStart;
  for (let gap = 0; gap < 2 && p > 0 && (SPACE.test(text[p - 1]) || text[p - 1] === '：' || text[p - 1] === ':'); gap++)
    p--;
  const found: WrittenPost[] = [];
  for (;;) {
    const post = endingAt(text, p, vocabulary);
    if (post === undefined) break;
    const start = p - post.length;
    if (notCurrentBefore(text, start)) return [];
    // “张三局长、副局长王建国”: 局长 goes with 张三
    if (found.length > 0 && names.some((n) => n.length <= start && text.startsWith(n, start - n.length))) break;
    found.push({ post, start, end: p });
    p = start;
    if (p > 0 && (text[p - 1] === '、' || text[p - 1] === '兼')) p--;
    else break;
  }
  return found;
}

function postsAfter(text: string, nameEnd: number, vocabulary: readonly string[]): WrittenPost[] {
  let p = nameEnd;
  for (let gap = 0; gap < 2 && p < text.length && SPACE.test(text[p]); gap++) p++;
  const bracketed = text[p] === '（' || text[p] === '(';
  if (bracketed) p++;
  const found: WrittenPost[] = [];
  for (;;) {
    if (NOT_CURRENT.some((w) => text.startsWith(w, p))) return [];
    const post = startingAt(text, p, vocabulary);
    if (post === undefined) break;
    found.push({ post, start: p, end: p + post.length });
    p += post.length;
    // a chain after the name only inside brackets: in “王建国主任、副主任李四” 副主任 is 李四's
    if (bracketed && (text[p] === '、' || text[p] === '兼')) p++;
    else break;
  }
  if (!bracketed && text.startsWith('职务', p)) return [];
  return found;
}

/** Leader/post mismatches in a text: severity block (a reviewer may confirm, e.g. a quoted former post). */
export function findLeaderPostMismatches(text: string, leaders: readonly LeaderEntry[]): Hit[] {
  const compiled = compile(leaders);
  if (compiled.leaders.length === 0) return [];
  const allNames = compiled.leaders.map((l) => l.name);
  const hits: Hit[] = [];
  for (const m of compiled.names.findLongest(text)) {
    const leader = compiled.leaders[m.index];
    const vocabulary = compiled.vocabularies[m.index];
    const report = (w: WrittenPost, offset: number, end: number) => {
      if (postMatches(w.post, leader.posts)) return;
      hits.push({
        check: 'leader-post',
        severity: 'block',
        offset,
        length: end - offset,
        match: text.slice(offset, end),
        message: `“${leader.name}”的职务应为“${leader.posts.join('、')}”，此处写作“${w.post}”`,
      });
    };
    for (const w of postsBefore(text, m.start, vocabulary, allNames).reverse()) report(w, w.start, m.end);
    for (const w of postsAfter(text, m.end, vocabulary)) report(w, m.start, w.end);
  }
  return hits;
}
