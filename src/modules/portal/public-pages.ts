// Pure helpers composing what the public pages show from published data: file labels, the policy metadata
// block, the catalogue's filters and query strings, the page parameter.
import { shanghaiDate } from '../../platform/time.ts';
import { VALIDITY, THEMES } from '../content/content-types.ts';
import type { ContentSnapshot } from '../content/content-types.ts';
import type { IndexedItem, PublicFile } from './public-content.repository.ts';
import { fileUrl } from '../files/files.service.ts';
import { itemYear } from './public-index.ts';
import type { CatalogueFilters, MetaRow } from './views/content.tsx';
import type { FileLink } from './views/types.ts';

/** Items per page of column lists and of the catalogue. */
export const PAGE_SIZE = 20;

/** `?page=N`: 1 when absent, null when it is not a plain positive integer (the page then answers 404). */
export function pageParam(value: string | null): number | null {
  if (value === null || value === '') return 1;
  if (!/^[1-9]\d{0,5}$/.test(value)) return null;
  return Number(value);
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The file's kind in words, from its MIME type. */
export function fileTypeLabel(mime: string): string {
  const m = mime.toLowerCase();
  if (m === 'application/pdf') return 'PDF文档';
  if (m === 'application/msword' || m.includes('wordprocessingml')) return 'Word文档';
  if (m === 'application/vnd.ms-excel' || m.includes('spreadsheetml')) return 'Excel表格';
  if (m === 'application/vnd.ms-powerpoint' || m.includes('presentationml')) return 'PPT演示文稿';
  if (m === 'application/vnd.ms-works') return 'WPS文档';
  if (m === 'application/ofd') return 'OFD文档';
  if (m.startsWith('image/')) return '图片';
  if (m === 'application/zip') return '压缩包';
  if (m.startsWith('video/')) return '视频';
  if (m.startsWith('audio/')) return '音频';
  if (m === 'text/csv') return 'CSV表格';
  if (m.startsWith('text/')) return '文本文件';
  return '文件';
}

/** 856 B → 0.8 KB, 12 345 B → 12.1 KB, 3 456 789 B → 3.30 MB. */
export function fileSizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return `${Math.max(0.1, bytes / 1024).toFixed(1)} KB`;
}

/** The item's attachments in the editor's order, those the public may download only. */
export function attachmentLinks(snapshot: ContentSnapshot, files: PublicFile[]): FileLink[] {
  const byId = new Map(files.map((f) => [f.fileId, f]));
  return snapshot.attachments.flatMap((a) => {
    const f = byId.get(a.fileId);
    if (!f) return [];
    return [
      {
        name: a.name || f.originalName,
        url: fileUrl({ id: f.fileId, original_name: f.originalName }),
        typeLabel: fileTypeLabel(f.mime),
        sizeLabel: fileSizeLabel(f.size),
      },
    ];
  });
}

/** The photo of a leader (the cover image), when it is published. */
export function photoUrl(snapshot: ContentSnapshot, files: PublicFile[]): string | null {
  const f = snapshot.coverFileId
    ? files.find((x) => x.fileId === snapshot.coverFileId && x.mime.startsWith('image/'))
    : undefined;
  return f ? fileUrl({ id: f.fileId, original_name: f.originalName }) : null;
}

const dash = (v: string | null | undefined) => (v?.trim() ? v : '—');

/** 有效 · 废止（废止日期：2026-12-31）. */
export function validityText(validity: string | null | undefined, date: string | null | undefined): string {
  if (!validity) return '—';
  return validity !== '有效' && date ? `${validity}（${validity}日期：${date}）` : validity;
}

/** The policy document's metadata block (索引号 … 公开范围). */
export function policyMetaRows(item: IndexedItem, snapshot: ContentSnapshot): MetaRow[] {
  const f = snapshot.fields;
  return [
    { label: '索引号', value: dash(item.indexNo) },
    { label: '发文机关', value: dash(item.issuingOrgan ?? f.issuingOrgan) },
    { label: '文号', value: dash(item.docNumber ?? f.docNumber) },
    { label: '成文日期', value: dash(item.writtenDate ?? f.writtenDate) },
    { label: '发布日期', value: shanghaiDate(item.pubDate) },
    { label: '主题分类', value: dash(item.theme ?? f.theme) },
    { label: '有效性', value: validityText(item.validity ?? f.validity, f.validityDate) },
    { label: '公开方式', value: f.disclosureMethod || (item.bodyPublic ? '主动公开' : '依申请公开') },
    { label: '公开范围', value: dash(f.disclosureScope) },
  ];
}

/** The catalogue entry of an item that is not a policy document (an 索引号, or 依申请提供). */
export function entryMetaRows(item: IndexedItem, snapshot: ContentSnapshot, sponsor: string): MetaRow[] {
  return [
    ...(item.indexNo ? [{ label: '索引号', value: item.indexNo }] : []),
    { label: '名称', value: item.title },
    { label: '发布机构', value: item.issuingOrgan || snapshot.source || sponsor },
    { label: '发布日期', value: shanghaiDate(item.pubDate) },
    { label: '公开方式', value: snapshot.fields.disclosureMethod || (item.bodyPublic ? '主动公开' : '依申请公开') },
  ];
}

// ---------- 主动公开目录 ----------

const FILTER_KEYS = ['title', 'indexNo', 'theme', 'organ', 'year', 'validity'] as const;

export function catalogueFilters(query: URLSearchParams): CatalogueFilters {
  const get = (k: string) => (query.get(k) ?? '').trim().slice(0, 100);
  return {
    title: get('title'),
    indexNo: get('indexNo'),
    theme: get('theme'),
    organ: get('organ'),
    year: get('year'),
    validity: get('validity'),
  };
}

export function catalogueOptions(entries: IndexedItem[]) {
  const themes = new Set(entries.map((e) => e.theme).filter((t): t is string => !!t));
  const organs = new Set(entries.map((e) => e.issuingOrgan).filter((o): o is string => !!o));
  const years = new Set(entries.map(itemYear));
  return {
    themes: [
      ...THEMES.filter((t) => themes.has(t)),
      ...[...themes].filter((t) => !(THEMES as readonly string[]).includes(t)).sort(),
    ],
    organs: [...organs].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    years: [...years].sort().reverse(),
    validity: [...VALIDITY] as string[],
  };
}

export function filterCatalogue(entries: IndexedItem[], f: CatalogueFilters): IndexedItem[] {
  const indexNo = f.indexNo.toLowerCase();
  const title = f.title.toLowerCase();
  return entries.filter(
    (e) =>
      (!indexNo || (e.indexNo ?? '').toLowerCase().includes(indexNo)) &&
      (!title || e.title.toLowerCase().includes(title)) &&
      (!f.theme || e.theme === f.theme) &&
      (!f.organ || e.issuingOrgan === f.organ) &&
      (!f.year || itemYear(e) === f.year) &&
      (!f.validity || e.validity === f.validity),
  );
}

/** `?indexNo=…&theme=…&page=2`: the filters that are set, in a fixed order, and the page unless it is 1. */
export function catalogueQuery(f: CatalogueFilters, page: number): string {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) params.set(k, f[k]);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * Whether a catalogue query may be cached: only choices from the form's lists (a bounded set of pages).
 * Free text (名称, 索引号) is answered from the in-memory index without caching, so it cannot flood the cache.
 */
export function cacheableCatalogue(f: CatalogueFilters, options: ReturnType<typeof catalogueOptions>): boolean {
  return (
    !f.title &&
    !f.indexNo &&
    (!f.theme || options.themes.includes(f.theme)) &&
    (!f.organ || options.organs.includes(f.organ)) &&
    (!f.year || options.years.includes(f.year)) &&
    (!f.validity || options.validity.includes(f.validity))
  );
}
