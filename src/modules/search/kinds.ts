// Result kinds (the tabs of the results page) and the document key. The key orders documents by publication
// time and carries the kind in its low 3 bits, so the index sorts by date and counts per kind without reading
// rows: key = ((seconds since 2000 × 2^17) + sequence) × 8 + kind code. It stays below 2^51, exact in JS.

export const KINDS = [
  { kind: 'policy', label: '政策文件', code: 1 },
  { kind: 'interpretation', label: '政策解读', code: 2 },
  { kind: 'news', label: '新闻动态', code: 3 },
  { kind: 'notice', label: '通知公告', code: 4 },
  { kind: 'service', label: '办事服务', code: 5 },
  { kind: 'interaction', label: '互动问答', code: 6 },
  { kind: 'other', label: '其他', code: 7 },
] as const;

export type Kind = (typeof KINDS)[number]['kind'];
export const KIND_NAMES = KINDS.map((k) => k.kind) as Kind[];
export const ALL_LABEL = '全部';

const byKind = new Map<string, (typeof KINDS)[number]>(KINDS.map((k) => [k.kind, k]));
const byCode = new Map<number, (typeof KINDS)[number]>(KINDS.map((k) => [k.code, k]));

export const kindLabel = (kind: string) => byKind.get(kind)?.label ?? '其他';
export const kindCode = (kind: Kind) => byKind.get(kind)!.code;
export const kindOfCode = (code: number): Kind => (byCode.get(code)?.kind ?? 'other') as Kind;

const COLUMN_TYPE_KIND: Record<string, Kind> = {
  政策文件: 'policy',
  政策解读: 'interpretation',
  动态要闻: 'news',
  通知公告: 'notice',
  办事服务: 'service',
  互动交流: 'interaction',
};

/**
 * The kind of an item: policy and interpretation by content type, else by the column type of its column or,
 * for a generic column (信息公开, 其他 …), of the nearest ancestor whose type says more.
 */
export function classify(contentType: string, columnTypes: string[]): Kind {
  if (contentType === 'policy') return 'policy';
  if (contentType === 'interpretation') return 'interpretation';
  for (const t of columnTypes) {
    const kind = COLUMN_TYPE_KIND[t];
    if (kind) return kind;
    if (t !== '信息公开' && t !== '其他') break;
  }
  return 'other';
}

const EPOCH = Date.UTC(2000, 0, 1);
const SEQ = 2 ** 17;
export const PER_SECOND = SEQ * 8;
const MAX_SECONDS = 2 ** 31 - 1;

export function secondsOf(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 0;
  return Math.min(MAX_SECONDS, Math.max(0, Math.floor((ms - EPOCH) / 1000)));
}

/** The key of a document; `probe` moves to the next sequence when two items share a second and a sequence. */
export function docKey(pubDate: string, contentId: number, kind: Kind, probe = 0): number {
  const seq = (contentId + probe) % SEQ;
  return (secondsOf(pubDate) * SEQ + seq) * 8 + kindCode(kind);
}

export const kindOfKey = (key: number): Kind => kindOfCode(key % 8);

/** Keys of documents published in [fromIso, toIso). */
export function keyRange(fromIso: string | null, toIso: string | null): { min: number | null; max: number | null } {
  return {
    min: fromIso ? secondsOf(fromIso) * PER_SECOND : null,
    max: toIso ? secondsOf(toIso) * PER_SECOND - 1 : null,
  };
}
