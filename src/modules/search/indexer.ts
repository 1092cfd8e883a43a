// Builds the index entry of a published item: the token streams (title words, title bigrams, catalogue
// fields, body words, facets), the row shown in results, and the title terms for the vocabulary.
import type { PublishedItem } from '../../platform/db/schema.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import type { ContentSnapshot } from '../content/content-types.ts';
import { plainText } from '../content/sanitize.ts';
import { classify, kindCode, type Kind } from './kinds.ts';
import type { DocTokens } from './match.ts';
import type { SearchDoc } from './search.tables.ts';
import {
  bigramsOf,
  chunksOf,
  isVocabularyTerm,
  normalize,
  pinyinOf,
  searchTokens,
  STOP_WORDS,
  titleKey,
  unitsOf,
  words,
} from './text.ts';

/** Body text indexed per item; the part kept for snippets is shorter. */
export const MAX_BODY_INDEXED = 30_000;
export const MAX_BODY_STORED = 5_000;

export interface BuiltDoc {
  row: Omit<SearchDoc, 'doc_key'>;
  tokens: DocTokens;
  kind: Kind;
  titleTerms: string[];
}

export interface DocMeta {
  docNumber?: string;
  issuingOrgan?: string;
  indexNo?: string;
  /** The item's extra columns (kept to recompute column facets after a column change). */
  extra?: number[];
}

/** The column and its ancestors, nearest first. */
export function ancestry(byId: Map<number, ColumnNode>, columnId: number): ColumnNode[] {
  const out: ColumnNode[] = [];
  const seen = new Set<number>();
  for (let c = byId.get(columnId); c && !seen.has(c.id); c = c.parentId === null ? undefined : byId.get(c.parentId)) {
    seen.add(c.id);
    out.push(c);
  }
  return out;
}

export function facetColumns(byId: Map<number, ColumnNode>, columnId: number, extra: number[]): number[] {
  const ids = new Set<number>([columnId]);
  for (const id of [columnId, ...extra]) for (const c of ancestry(byId, id)) ids.add(c.id);
  for (const id of extra) ids.add(id);
  return [...ids].sort((a, b) => a - b);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi;
/** Markup that plainText() handles specially (dropped with its content, comments …), and unknown entities. */
const UNUSUAL =
  /<(script|style|textarea|option|noscript|xml|title|head)\b|<!--|<!\[CDATA|<\?|&(?!(?:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);)/i;

const decodeEntities = (text: string) =>
  text.replace(ENTITY, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return ENTITIES[lower] ?? '';
  });

/**
 * The plain text of a body for indexing and snippets: the text plainText() gives, with entities decoded and a
 * space where tags were (so words of two paragraphs do not run together). Bodies are sanitised when saved, so
 * removing tags is enough, at a twentieth of plainText()'s cost; unusual markup still goes through plainText().
 */
export function bodyText(html: string): string {
  const text = UNUSUAL.test(html)
    ? plainText(html.replace(/<[^>]*>/g, (tag) => `${tag} `))
    : html.replace(/<[^>]*>/g, ' ');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/** Title words worth a vocabulary entry, with the names jieba cuts into single characters joined again. */
export function titleTerms(title: string): string[] {
  const normalized = normalize(title);
  return [...new Set([...searchTokens(normalized), ...nameCompounds(normalized)].filter(isVocabularyTerm))];
}

const isHanWord = (w: string) => /^\p{Script=Han}+$/u.test(w) && !STOP_WORDS.has(w);
const isSingleHan = (w: string) => isHanWord(w) && [...w].length === 1;

/**
 * Names of offices jieba does not know are cut into a word and single characters (市 / 政务 / 办, 区 / 发改委):
 * the vocabulary keeps no single characters, so the pinyin of the name (shizhengwuban) would find nothing. Each
 * word takes the single characters around it: those after it (办, 局, 处 end a name) and, when no word before
 * claimed them, those before it (市, 区 begin one); characters after a number (2026 / 年) begin nothing.
 */
export function nameCompounds(normalized: string): string[] {
  const out: string[] = [];
  for (const chunk of chunksOf(normalized)) {
    const w = words(chunk);
    let i = 0;
    while (i < w.length) {
      let j = i;
      while (j < w.length && isSingleHan(w[j]!)) j++;
      if (j === w.length || !isHanWord(w[j]!)) {
        i = j + 1;
        continue;
      }
      let k = j + 1;
      while (k < w.length && isSingleHan(w[k]!)) k++;
      const start = i > 0 && /[0-9a-z]/.test(w[i - 1]!) ? j : i;
      const compound = w.slice(start, k).join('');
      if (k - start > 1 && compound.length <= 8) out.push(compound);
      i = k;
    }
  }
  return out;
}

/** A published item read for indexing: its snapshot, its body's plain text and the normalised text to segment. */
export interface PreparedItem {
  item: PublishedItem;
  extra: number[];
  subtitle: string;
  keywords: string;
  /** Plain text of the body ('' for catalogue-only items). */
  body: string;
  /** Summary and body, normalised: what the body stream is cut from. */
  bodyIndexText: string;
}

export function prepareItem(item: PublishedItem): PreparedItem {
  const snapshot = JSON.parse(item.snapshot) as Partial<ContentSnapshot>;
  const body = item.body_public ? bodyText(snapshot.bodyHtml ?? '') : '';
  return {
    item,
    extra: (snapshot.extraColumnIds ?? []).filter((id) => typeof id === 'number'),
    subtitle: snapshot.subtitle ?? '',
    keywords: snapshot.keywords ?? '',
    body,
    bodyIndexText: body ? normalize(`${item.summary} ${body.slice(0, MAX_BODY_INDEXED)}`) : '',
  };
}

/** The index entry of an item; `segmentedBody` when the body was cut elsewhere (a worker thread). */
export function buildDoc(
  prepared: PreparedItem,
  byId: Map<number, ColumnNode>,
  now: string,
  segmentedBody?: string[],
): BuiltDoc {
  const { item, extra, body } = prepared;
  const chain = ancestry(byId, item.column_id);
  const kind = classify(
    item.type,
    chain.map((c) => c.columnType),
  );
  const columnIds = facetColumns(byId, item.column_id, extra);

  const title = normalize(item.title);
  const titleWords = searchTokens(title);
  const meta: DocMeta = {
    ...(item.doc_number ? { docNumber: item.doc_number } : {}),
    ...(item.issuing_organ ? { issuingOrgan: item.issuing_organ } : {}),
    ...(item.index_no ? { indexNo: item.index_no } : {}),
    ...(extra.length ? { extra } : {}),
  };
  const metaText = normalize(
    [item.doc_number, item.issuing_organ, item.index_no, prepared.subtitle, prepared.keywords]
      .filter(Boolean)
      .join(' '),
  );
  const metaTokens = [...new Set([...searchTokens(metaText), ...chunksOf(metaText)])];
  const bodyTokens = (segmentedBody ?? (prepared.bodyIndexText ? searchTokens(prepared.bodyIndexText) : [])).filter(
    (t) => !STOP_WORDS.has(t),
  );

  return {
    kind,
    titleTerms: titleTerms(item.title),
    tokens: {
      title: titleWords,
      grams: bigramsOf(unitsOf(title)),
      meta: metaTokens,
      body: bodyTokens,
      facets: [`s${item.site_id}`, `k${kindCode(kind)}`, ...columnIds.map((id) => `c${id}`)],
    },
    row: {
      content_id: item.content_id,
      site_id: item.site_id,
      column_id: item.column_id,
      column_ids: JSON.stringify(columnIds),
      kind,
      type: item.type,
      version: item.version,
      title: item.title,
      title_key: titleKey(item.title).slice(0, 300),
      pub_date: item.pub_date,
      meta: JSON.stringify(meta),
      summary: item.body_public ? item.summary : '',
      body: body.slice(0, MAX_BODY_STORED),
      indexed_at: now,
    },
  };
}

const pinyinCache = new Map<string, { full: string; initials: string }>();

/** Pinyin of a vocabulary term, remembered (pinyin-pro costs ~0.05 ms per term). */
export function cachedPinyin(term: string): { full: string; initials: string } {
  let p = pinyinCache.get(term);
  if (!p) {
    p = pinyinOf(term);
    if (pinyinCache.size > 200_000) pinyinCache.clear();
    pinyinCache.set(term, p);
  }
  return p;
}
