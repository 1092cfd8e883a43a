// What the public site reads: only the public projection written by publication (published_items,
// published_files, content_links between published items, files) — never the working copy in content_items.
// Also the per-site "publication generation" kept in `settings`, through which app nodes sharing one database
// tell each other that a site's public pages changed.
import { sql } from 'kysely';
import type { Db, Dialect } from '../../platform/db/database.ts';
import type { PublishedItem } from '../../platform/db/schema.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import type { ContentSnapshot } from '../content/content-types.ts';

/** One published item as lists, the catalogue, the sitemap and RSS need it: everything but the body. */
export interface IndexedItem {
  id: number;
  siteId: number;
  /** Primary column: the content page lives at `${column.path}${id}.html`. */
  columnId: number;
  /** The primary column first, then the columns the item is also published to. */
  columnIds: number[];
  type: string;
  title: string;
  summary: string;
  /** ISO UTC: the PubDate. */
  pubDate: string;
  /** ISO UTC, set when a published item was changed and published again. */
  updatedAt: string | null;
  bodyPublic: boolean;
  indexNo: string | null;
  docNumber: string | null;
  issuingOrgan: string | null;
  writtenDate: string | null;
  theme: string | null;
  validity: string | null;
  sort: number;
}

/** A published item with its snapshot, for its content page. */
export interface PublishedDetail extends IndexedItem {
  snapshot: ContentSnapshot;
}

/** A file the public may download, with the name the item gives it. */
export interface PublicFile {
  contentId: number;
  fileId: number;
  originalName: string;
  mime: string;
  size: number;
}

type IndexRow = Omit<PublishedItem, 'snapshot' | 'version'> & { extra: string | null };

function parseIds(json: string | null | undefined): number[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
  } catch {
    return [];
  }
}

function toIndexed(row: Omit<IndexRow, 'extra'>, extraColumnIds: number[]): IndexedItem {
  return {
    id: row.content_id,
    siteId: row.site_id,
    columnId: row.column_id,
    columnIds: [row.column_id, ...extraColumnIds.filter((c) => c !== row.column_id)],
    type: row.type,
    title: row.title,
    summary: row.summary,
    pubDate: row.pub_date,
    updatedAt: row.updated_at,
    bodyPublic: Number(row.body_public) === 1,
    indexNo: row.index_no,
    docNumber: row.doc_number,
    issuingOrgan: row.issuing_organ,
    writtenDate: row.written_date,
    theme: row.theme,
    validity: row.validity,
    sort: Number(row.sort),
  };
}

/** The JSON text of snapshot.extraColumnIds, extracted by the database so bodies are not read. */
function extraColumnsExpr(dialect: Dialect) {
  return dialect === 'postgres'
    ? sql<string | null>`(snapshot::jsonb -> 'extraColumnIds')::text`
    : sql<string | null>`json_extract(snapshot, '$.extraColumnIds')`;
}

function indexQuery(db: Db, dialect: Dialect, siteId: number) {
  return db
    .selectFrom('published_items')
    .select([
      'content_id',
      'site_id',
      'column_id',
      'type',
      'title',
      'summary',
      'pub_date',
      'updated_at',
      'body_public',
      'index_no',
      'doc_number',
      'issuing_organ',
      'written_date',
      'theme',
      'validity',
      'sort',
      extraColumnsExpr(dialect).as('extra'),
    ])
    .where('site_id', '=', siteId);
}

/** Every published item of a site, without bodies. */
export async function loadIndex(db: Db, dialect: Dialect, siteId: number): Promise<IndexedItem[]> {
  return (await indexQuery(db, dialect, siteId).execute()).map((r) => toIndexed(r, parseIds(r.extra)));
}

/** One published item as the index holds it; undefined when it is not published (any more). */
export async function loadIndexItem(
  db: Db,
  dialect: Dialect,
  siteId: number,
  contentId: number,
): Promise<IndexedItem | undefined> {
  const row = await indexQuery(db, dialect, siteId).where('content_id', '=', contentId).executeTakeFirst();
  return row ? toIndexed(row, parseIds(row.extra)) : undefined;
}

/** One published item with its snapshot; undefined when it is not (or no longer) published on this site. */
export async function findPublished(db: Db, siteId: number, contentId: number): Promise<PublishedDetail | undefined> {
  const row = await db
    .selectFrom('published_items')
    .selectAll()
    .where('content_id', '=', contentId)
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  if (!row) return undefined;
  const snapshot = JSON.parse(row.snapshot) as ContentSnapshot;
  return { ...toIndexed(row, snapshot.extraColumnIds ?? []), snapshot };
}

/** Snapshots of several published items (leader cards). */
export async function publishedSnapshots(
  db: Db,
  siteId: number,
  contentIds: number[],
): Promise<Map<number, ContentSnapshot>> {
  if (contentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('published_items')
    .select(['content_id', 'snapshot'])
    .where('site_id', '=', siteId)
    .where('content_id', 'in', contentIds)
    .execute();
  return new Map(rows.map((r) => [r.content_id, JSON.parse(r.snapshot) as ContentSnapshot]));
}

/** The downloadable files of published items. */
export async function publicFiles(db: Db, contentIds: number[]): Promise<PublicFile[]> {
  if (contentIds.length === 0) return [];
  const rows = await db
    .selectFrom('published_files')
    .innerJoin('files', 'files.id', 'published_files.file_id')
    .select(['published_files.content_id', 'files.id', 'files.original_name', 'files.mime', 'files.size'])
    .where('published_files.content_id', 'in', contentIds)
    .execute();
  return rows.map((r) => ({
    contentId: r.content_id,
    fileId: r.id,
    originalName: r.original_name,
    mime: r.mime,
    size: Number(r.size),
  }));
}

/** 解读关联 of one item, both ways; the caller keeps only the other sides that are published. */
export async function linksOf(
  db: Db,
  contentId: number,
): Promise<{ policyIds: number[]; interpretationIds: number[] }> {
  const rows = await db
    .selectFrom('content_links')
    .select(['interpretation_id', 'policy_id'])
    .where((eb) => eb.or([eb('interpretation_id', '=', contentId), eb('policy_id', '=', contentId)]))
    .execute();
  return {
    policyIds: rows.filter((r) => r.interpretation_id === contentId).map((r) => r.policy_id),
    interpretationIds: rows.filter((r) => r.policy_id === contentId).map((r) => r.interpretation_id),
  };
}

// ---------- publication generation (invalidation across app nodes) ----------

export const generationKey = (siteId: number) => `portal.generation.${siteId}`;

export async function readGeneration(db: Db, siteId: number): Promise<number> {
  const value = await readSetting<unknown>(db, generationKey(siteId));
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Increments the site's generation in one statement, so two nodes changing the site at the same moment get
 * different numbers (a read-then-write would let one change go unseen by the other node). Returns the new value.
 */
export async function bumpGeneration(db: Db, siteId: number, at: string): Promise<number> {
  const key = generationKey(siteId);
  try {
    const row = await db
      .insertInto('settings')
      .values({ key, value: '1', updated_at: at })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({ value: sql<string>`cast(cast(settings.value as bigint) + 1 as text)`, updated_at: at }),
      )
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  } catch {
    // A value that is not a number (written by hand): start again from a fresh one.
    const next = Date.now();
    await writeSetting(db, key, next, at);
    return next;
  }
}

/**
 * Every site's generation at once, as one comparable string: whoever caches what several sites show (search
 * results of a parent site cover its subordinate sites) sees another node's change of any of them in one read.
 */
export async function publicationGenerations(db: Db): Promise<string> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'like', 'portal.generation.%')
    .orderBy('key')
    .execute();
  return rows.map((r) => `${r.key}=${r.value}`).join(',');
}
